"""Renders the executed lessons into the course's offline site and reveal.js decks (run by bin/render).

Reads the executed copies that bin/run_notebooks.py writes to target/executed/ (it never executes a
notebook itself) and writes target/site/:
  index.html                the table of contents: every lesson with its run time, page and deck
  <lesson>.html             each lesson as a page, outputs included, with previous/next links
  solutions/<name>.html     the solutions, as pages
  slides/<lesson>.slides.html  each lesson as a reveal.js deck (speaker notes: press S)
  assets/                   reveal.js, MathJax and the course's style sheets, copied locally
  manifest.json             what was built (read by bin/screenshot-test)
Every file refers only to files inside target/site/, so the site opens from the file system with no
server and no network (bin/check_site.py checks it).

Usage: bin/render.py [NOTEBOOK ...]           build (default: every notebook, solutions after lessons)
       bin/render.py --stale [NOTEBOOK ...]   print the notebooks whose executed copy is missing,
                                              older than the notebook, or failed (bin/render runs them)
"""
import argparse
import datetime
import html
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from . import paths
from . import slides
from .paths import NOTEBOOKS, ROOT

EXECUTED = paths.executed_dir()
REPORTS = [paths.notebook_report(), paths.RENDER_REPORT]
RUNS = paths.RENDER_RUNS   # the run time of each executed copy, kept across reports
NODE_MODULES = paths.RENDER_NPM / "node_modules"
ASSETS = paths.RENDER_ASSETS
THEME = "white"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"
# The parts of MathJax 2 that the CommonHTML output of TeX needs (about 2 MB of its 70 MB).
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff",
                 "fonts/HTML-CSS/TeX/otf", "localization/en"]
REVEAL_PARTS = ["dist/reveal.js", "dist/reveal.css", f"dist/theme/{THEME}.css", "dist/theme/fonts/source-sans-pro",
                "plugin/notes/notes.js", "LICENSE"]


def rel(path):
    return Path(path).resolve().relative_to(ROOT).as_posix()


def find_notebooks(args):
    try:
        return paths.find_notebooks(args, "render", inside_course=True)
    except paths.NotANotebook as e:
        sys.exit(str(e))


def executed_copy(nb_path):
    return paths.executed_copy(nb_path)


def load_runs():
    """Run time and result of each executed copy, from the runner's reports, remembered across runs.

    The runner rewrites its report on every run, so a report of one notebook forgets the others; the
    record here keeps each notebook's last row, with the time stamp of the executed copy it describes.
    """
    runs = json.loads(RUNS.read_text()) if RUNS.exists() else {}
    for report in sorted((r for r in REPORTS if r.exists()), key=lambda r: r.stat().st_mtime):
        lines = report.read_text().splitlines()
        for line in lines[1:]:
            cols = line.split("\t")
            if len(cols) < 5:
                continue
            notebook, seconds, peak, retries, result = cols[:5]
            exe = executed_copy((ROOT / notebook).resolve()) if notebook.startswith("notebooks/") else None
            if exe is None or not exe.exists() or exe.stat().st_mtime > report.stat().st_mtime:
                continue   # the row describes an older copy than the one on disk
            runs[notebook] = {"seconds": float(seconds), "peak_mb": peak, "result": result,
                              "executed_mtime": exe.stat().st_mtime}
    RUNS.parent.mkdir(parents=True, exist_ok=True)
    RUNS.write_text(json.dumps(runs, indent=1, sort_keys=True) + "\n")
    return runs


def run_of(nb_path, runs):
    """The runner's record of this notebook's executed copy, or None when it has none."""
    exe = executed_copy(nb_path)
    run = runs.get(rel(nb_path))
    if run and exe.exists() and abs(run["executed_mtime"] - exe.stat().st_mtime) < 1e-3:
        return run
    return None


def staleness(nb_path, runs):
    """Why the executed copy cannot be rendered as it is, or None when it is fresh."""
    exe = executed_copy(nb_path)
    if not exe.exists():
        return "not executed yet"
    if exe.stat().st_mtime <= nb_path.stat().st_mtime:
        return "the notebook changed after its last run"
    run = run_of(nb_path, runs)
    if run and run["result"] != "pass":
        return f"its last run did not pass ({run['result']})"
    nb = json.loads(exe.read_text())
    for i, cell in enumerate(nb["cells"]):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"cell {i} of its executed copy has an error"
    return None


def cell_seconds(nb):
    """Seconds from the first cell's start to the last cell's end (kernel start excluded), or None."""
    stamps = []
    for cell in nb.cells:
        ex = cell.get("metadata", {}).get("execution", {})
        for key in ("iopub.status.busy", "shell.execute_reply"):
            if key in ex:
                stamps.append(datetime.datetime.fromisoformat(ex[key].replace("Z", "+00:00")))
    return (max(stamps) - min(stamps)).total_seconds() if stamps else None


def markdown_plain(text):
    """Markdown inline text as plain text: links, emphasis and code marks dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return " ".join(text.split())


def title_and_summary(nb, fallback):
    """The lesson's title (its first heading) and first paragraph, as plain text."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        parts = [b for b in slides.blocks(cell.source)]
        if not parts:
            continue
        title = fallback
        if slides.heading_level(parts[0]):
            title = markdown_plain(parts[0].lstrip("#").strip())
            parts = parts[1:]
        summary = next((markdown_plain(p) for p in parts if not p.lstrip().startswith(("|", "*", "-", "1."))), "")
        if len(summary) > 260:
            summary = summary[:260].rsplit(" ", 1)[0] + " …"
        return title, summary
    return fallback, ""


def fmt_seconds(s):
    if s is None:
        return "?"
    return f"{s:.0f} s" if s < 90 else f"{s / 60:.1f} min"


def copy_parts(src_root, parts, dest_root):
    for part in parts:
        src = src_root / part
        if not src.exists():
            sys.exit(f"render: {src} is missing: run bin/render (it installs the assets with npm ci)")
        dest = dest_root / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            shutil.copy2(src, dest)


def copy_assets(site):
    assets = site / "assets"
    copy_parts(NODE_MODULES / "reveal.js", REVEAL_PARTS, assets / "reveal")
    copy_parts(NODE_MODULES / "mathjax", MATHJAX_PARTS, assets / "mathjax")
    # Keep only the extensions MathJax loads for TeX in CommonHTML (accessibility and the HTML-CSS
    # output are 4 MB and never loaded by this configuration).
    for unused in ("HTML-CSS", "a11y"):
        shutil.rmtree(assets / "mathjax" / "extensions" / unused, ignore_errors=True)
    for name in ("course.css", "course-slides.css"):
        shutil.copy2(ASSETS / name, assets / name)


def link(href, text, cls=None):
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(href)}"{c}>{html.escape(text)}</a>'


def nav(entry, prev, nxt, where):
    """The navigation bar of a lesson page (where: 'top' or 'bottom')."""
    up = entry["root"]
    items = [link(up + "index.html", "☰ Contents")]
    items.append(link(up + prev["page"], "← " + prev["title"]) if prev
                 else '<span class="disabled">← previous</span>')
    items.append(link(up + nxt["page"], nxt["title"] + " →") if nxt
                 else '<span class="disabled">next →</span>')
    items.append('<span class="spacer"></span>')
    approx = "≈ " if entry["approximate"] else ""
    how = ("from the cells' time stamps, kernel start excluded" if entry["approximate"]
           else "measured by the notebook runner, kernel start included")
    items.append(f'<span class="runtime" title="{how}">run time {approx}{fmt_seconds(entry["seconds"])}</span>')
    if entry.get("deck"):
        items.append(link(up + entry["deck"], "▶ Slides"))
    return f'<nav class="course-nav {where}">' + " ".join(items) + "</nav>"


def local_notebook_links(body, entry, by_source):
    """Links to another notebook (x.ipynb) point to its page in the site when it was rendered."""
    src_dir = (NOTEBOOKS / entry["source"]).parent

    def repl(m):
        target = (src_dir / (m.group(2) + ".ipynb")).resolve()
        other = by_source.get(target)
        if other is None:
            return m.group(0)
        here = (Path("/site") / entry["page"]).parent
        href = os.path.relpath(Path("/site") / other["page"], here)
        return f'{m.group(1)}{href}{m.group(3) or ""}"'
    return re.sub(r'(href=")([^":#?]+?)\.ipynb(#[^"]*)?"', repl, body)


# ---------------------------------------------------------------------------------------------------
# The deck's layout (applied to a copy of the executed notebook, after bin/slides.py's slide types):
# what fits on a 1280x720 slide. The notebook and its page are unchanged; only the deck is laid out.
#   * code: a cell tagged `fold`, or longer than slides.FOLD_LINES lines (FOLD_LINES_WITH_PLOT when it
#     draws a plot or a table) and not tagged `show-code`, shows its input folded (<details>, summary:
#     its first comment); `hide-code` leaves it out;
#   * at most one plot or table per slide: a cell with several continues on sub-slides (outputs only),
#     and so does long prose that the run writes under a plot (the interpretation gets its own slide);
#   * a run of more than CLAIMS_SHOWN claims is folded under one line that counts them;
#   * printed text longer than STREAM_LINES lines shows its first lines, the rest folded;
#   * tables: column names such as val_loss_final_mean read "final validation loss (mean)"; a table
#     longer than TABLE_ROWS rows shows its first rows, the rest folded.
CLAIMS_SHOWN = 2
STREAM_LINES = 6
TABLE_ROWS = 10
WORDS = {"val": "validation", "lr": "LR", "ece": "ECE", "ppl": "perplexity", "acc": "accuracy",
         "wd": "weight decay", "grad": "gradient", "init": "initialization", "std": "sd", "avg": "average", "num": "number of",
         "pct": "%", "bleu": "BLEU", "ln": "LN", "mlp": "MLP", "dk": "d_k"}
STATS = {"mean": "mean", "std": "sd", "sd": "sd", "min": "min", "max": "max", "median": "median",
         "count": "count", "n": "n"}
CLAIM = re.compile(r"^\s*<p>\s*(✔️|✔|✘|❌)")
PROGRESS = re.compile(r"^<pre[^>]*>(.*)</pre>\s*$", re.S)   # a Progress line (trainwell.notebook)
ECHOED_CLAIM = re.compile(r"^claim '.*': (holds|does not hold)$", re.S)


def readable(name):
    """A table column name as a reader would write it: val_loss_final_mean -> final validation loss (mean).
    Names with spaces, without underscores or camel case, and short symbols such as d_k are kept."""
    plain = html.unescape(name).strip()
    if " " in plain or not re.search(r"[A-Za-z]_[A-Za-z]|[a-z][A-Z]", plain) or "=" in plain or len(plain) <= 4:
        return name
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", plain).replace("_", " ").split()
    stat = None
    if len(words) > 1 and words[-1].lower() in STATS:
        stat = STATS[words.pop().lower()]
    words = [WORDS.get(w.lower(), w.lower() if w[1:].islower() else w) for w in words]
    for first in ("final", "best", "initial", "last"):
        if first in words[1:]:
            words.remove(first)
            words.insert(0, first)
    label = " ".join(words) + (f" ({stat})" if stat else "")
    return html.escape(label)


def text_of(out):
    v = out.get("text") if out.get("output_type") == "stream" else out.get("data", {}).get("text/html", "")
    return "".join(v) if isinstance(v, list) else (v or "")


def is_big(out):
    """A plot or a table: one per slide."""
    data = out.get("data", {})
    return "image/png" in data or "image/svg+xml" in data or "<table" in text_of(out)


def is_long_prose(out):
    """Prose written by the run (Show.markdown), longer than slides.PROSE_AFTER_PLOT words."""
    text = text_of(out)
    if out.get("output_type") != "display_data" or "<table" in text or "course-claim" in text:
        return False
    return len(re.sub(r"<[^>]+>", " ", text).split()) > slides.PROSE_AFTER_PLOT


def html_out(text):
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": text}}


def fold(summary, body, cls="course-fold"):
    return f'<details class="{cls}"><summary>{summary}</summary>{body}</details>'


def lay_out_table(text):
    text = re.sub(r"<th>(.*?)</th>", lambda m: f"<th>{readable(m.group(1))}</th>", text)
    m = re.search(r"(<tbody>)(.*?)(</tbody>)", text, re.S)
    if not m:
        return text
    rows = re.findall(r"<tr>.*?</tr>", m.group(2), re.S)
    if len(rows) <= TABLE_ROWS + 2:
        return text
    keep, rest = rows[:TABLE_ROWS], rows[TABLE_ROWS:]
    head = re.search(r"<thead>.*?</thead>", text, re.S)
    more = fold(f"… {len(rest)} more rows", '<table class="trainwell">' + (head.group(0) if head else "")
                + "<tbody>" + "".join(rest) + "</tbody></table>", "course-fold course-rows")
    return text[:m.start(2)] + "".join(keep) + text[m.end(2):] + more


def lay_out_outputs(outputs):
    """Outputs merged, folded and relabelled for a slide."""
    merged = []
    for out in outputs:   # consecutive printed text of one stream (progress lines included): one block
        pre = PROGRESS.match(text_of(out)) if out.get("output_type") == "display_data" else None
        if pre:
            out = {"output_type": "stream", "name": "stdout", "text": html.unescape(pre.group(1)) + "\n"}
        if (merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1] = {**merged[-1], "text": text_of(merged[-1]) + text_of(out)}
        else:
            merged.append(dict(out))
    result, claims = [], []

    def flush_claims():
        if len(claims) > CLAIMS_SHOWN:
            bad = sum(1 for c in claims if not re.search(r"<p>\s*✔", text_of(c)))
            word = "claims hold" if not bad else f"claims, {bad} failed"
            result.append(html_out(fold(f"✔️ {len(claims)} {word} (show)",
                                        "".join(text_of(c) for c in claims), "course-fold course-claims")))
        else:
            result.extend(claims)
        claims.clear()

    for out in merged:
        data = out.get("data", {})
        plain = data.get("text/plain", data.get("text/html", ""))
        plain = "".join(plain) if isinstance(plain, list) else plain
        if out.get("output_type") == "execute_result" and ECHOED_CLAIM.match(plain):
            continue   # the kernel's echo of a claim the cell already showed
        if out.get("output_type") == "display_data" and CLAIM.match(text_of(out)):
            claims.append(html_out(f'<div class="course-claim">{text_of(out)}</div>'))
            continue
        flush_claims()
        if out.get("output_type") == "stream":
            lines = text_of(out).rstrip("\n").split("\n")
            if len(lines) > STREAM_LINES:
                shown, rest = lines[:STREAM_LINES - 2], lines[STREAM_LINES - 2:]
                result.append(html_out(f'<pre class="course-stream">{html.escape(chr(10).join(shown))}</pre>'
                                       + fold(f"… {len(rest)} more lines",
                                              f'<pre class="course-stream">{html.escape(chr(10).join(rest))}</pre>')))
                continue
        elif "<table" in text_of(out):
            out = html_out(lay_out_table(text_of(out)))
        result.append(out)
    flush_claims()
    return result


def code_summary(src):
    """The fold's summary: the cell's first comment, or its first line."""
    lines = [l.strip() for l in src.strip().split("\n") if l.strip()]
    first = next((l for l in lines if l.startswith("//")), lines[0] if lines else "")
    first = first.lstrip("/ ").strip()
    if len(first) > 90:
        first = first[:88].rsplit(" ", 1)[0] + " …"
    return f"code ({len(lines)} lines): {html.escape(first)}"


def lay_out_deck(nb):
    """The deck's copy of an executed notebook, laid out for 1280x720 slides (see above)."""
    import nbformat
    cells = []
    for cell in nb.cells:
        kind = slides.slide_type(cell)
        if cell.cell_type != "code" or kind in ("skip", "notes"):
            cells.append(cell)
            continue
        tags = cell.metadata.get("tags", [])
        deck = {}
        if "hide-code" in tags or not cell.source.strip():
            deck["input"] = "none"
        elif slides.folds(cell.source, tags):
            deck["input"] = "fold"
            deck["summary"] = code_summary(cell.source)
        outputs = lay_out_outputs(cell.get("outputs", []))
        groups, cur, big = [], [], 0
        for out in outputs:   # a new group before every plot or table after the first, and before long prose after one
            if big and (is_big(out) or is_long_prose(out)):
                groups.append(cur)
                cur, big = [], 0
            big += is_big(out)
            cur.append(out)
        groups.append(cur)
        groups = [[nbformat.from_dict(o) for o in g] for g in groups]
        cell.outputs = groups[0]
        cell.metadata["deck"] = deck
        cells.append(cell)
        for k, group in enumerate(groups[1:], 2):
            more = nbformat.from_dict({"cell_type": "code", "source": "", "execution_count": cell.get("execution_count"),
                                       "outputs": group, "id": f"{cell.get('id', 'c')}-{k}"[:64],
                                       "metadata": {"slideshow": {"slide_type": "subslide"},
                                                    "deck": {"input": "none"}}})
            cells.append(more)
    nb.cells = cells
    return nb


def deck_html(nb, title, folder, templates=None):
    """The reveal.js deck of an executed notebook (nbformat node; laid out in place), as HTML that
    expects the site's assets at ../assets/ (bin/screenshot-test renders its self-test deck with it)."""
    from nbconvert import SlidesExporter
    slides.apply(nb)
    lay_out_deck(nb)
    exporter = SlidesExporter(
        template_name="course-slides", extra_template_basedirs=templates or [str(ASSETS / "templates")],
        reveal_url_prefix="../assets/reveal", reveal_theme=THEME, reveal_transition="slide",
        reveal_number="c/t", mathjax_url=f"../assets/mathjax/MathJax.js?config={MATHJAX_CONFIG}")
    deck, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title, "path": str(folder)}, "course": {"root": "../"}})
    return deck


def build(notebooks, site, runs):
    from nbconvert import HTMLExporter
    import nbformat

    entries = []
    for p in notebooks:
        why = staleness(p, runs)
        if why:
            print(f"[render] skipped {rel(p)}: {why} (bin/render runs it; bin/test runs them all)")
            continue
        nb = nbformat.read(str(executed_copy(p)), as_version=4)
        relative = p.relative_to(NOTEBOOKS)
        is_solution = relative.parts[0] == "solutions"
        title, summary = title_and_summary(nb, p.stem)
        run = run_of(p, runs)
        seconds = run["seconds"] if run else cell_seconds(nb)
        page = relative.with_suffix(".html").as_posix()
        entries.append({
            "source": relative.as_posix(), "path": p, "nb": nb, "title": title, "summary": summary,
            "number": (re.match(r"(\d+)", p.stem) or [None, ""])[1],
            "solution": is_solution, "seconds": seconds, "approximate": run is None,
            "page": page, "root": "../" * (len(relative.parts) - 1),
            "deck": None if is_solution else f"slides/{p.stem}.slides.html",
        })
    if not entries:
        sys.exit("render: no executed notebook to render: run bin/test (or bin/render) first")

    site.mkdir(parents=True)
    copy_assets(site)
    templates = [str(ASSETS / "templates")]
    by_source = {e["path"].resolve(): e for e in entries}
    lessons = [e for e in entries if not e["solution"]]
    solutions = [e for e in entries if e["solution"]]
    for group in (lessons, solutions):
        for i, e in enumerate(group):
            prev = group[i - 1] if i > 0 else None
            nxt = group[i + 1] if i + 1 < len(group) else None
            resources = {"metadata": {"name": e["title"], "path": str(e["path"].parent)},
                         "course": {"root": e["root"],
                                    "nav_top": nav(e, prev, nxt, "top"),
                                    "nav_bottom": nav(e, prev, nxt, "bottom")}}
            exporter = HTMLExporter(template_name="course-page", extra_template_basedirs=templates,
                                    mathjax_url=f"{e['root']}assets/mathjax/MathJax.js?config={MATHJAX_CONFIG}")
            body, _ = exporter.from_notebook_node(e["nb"], resources=resources)
            body = local_notebook_links(body, e, by_source)
            out = site / e["page"]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(body, encoding="utf-8")
            if e["deck"]:
                deck_nb = nbformat.from_dict(json.loads(json.dumps(e["nb"])))
                added = len(slides.missing(deck_nb))
                if added:
                    print(f"[render] {e['source']}: {added} cells have no slide metadata; using the default "
                          f"rules (run bin/slides.py notebooks/{e['source']} to keep and edit them)")
                deck = deck_html(deck_nb, e["title"], e["path"].parent, templates)
                out = site / e["deck"]
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(deck, encoding="utf-8")
            print(f"[render] {e['source']} -> {e['page']}" + (f", {e['deck']}" if e["deck"] else ""))
    (site / "index.html").write_text(index_page(lessons, solutions), encoding="utf-8")
    manifest = [{k: e[k] for k in ("source", "title", "page", "deck", "seconds", "approximate", "solution")}
                for e in entries]
    (site / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return entries


def index_page(lessons, solutions):
    def rows(group, with_deck):
        out = []
        for e in group:
            approx = "≈ " if e["approximate"] else ""
            deck = f"<td>{link(e['deck'], 'slides')}</td>" if with_deck else ""
            out.append(f"<tr><td class=\"num\">{html.escape(e['number'])}</td>"
                       f"<td>{link(e['page'], e['title'])}"
                       f"<div class=\"summary\">{html.escape(e['summary'])}</div></td>"
                       f"<td class=\"num\">{approx}{fmt_seconds(e['seconds'])}</td>{deck}</tr>")
        return "\n".join(out)

    total = sum(e["seconds"] or 0 for e in lessons)
    built = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
             "<title>Training Transformers well, in Java: contents</title>",
             '<link rel="stylesheet" href="assets/course.css">', "</head>",
             '<body class="course-index">',
             "<h1>Training Transformers well, in Java</h1>",
             "<p>The lessons as pages, with every output, and as slide decks for the classroom "
             "(in a deck: <kbd>S</kbd> opens the speaker notes, <kbd>Esc</kbd> the overview, "
             "<kbd>F</kbd> full screen). Everything here opens from the file system, without a server "
             "or a network.</p>",
             "<h2>Lessons</h2>",
             '<table><thead><tr><th class="num">#</th><th>lesson</th><th class="num">run time*</th>'
             "<th>deck</th></tr></thead><tbody>", rows(lessons, True), "</tbody></table>"]
    if solutions:
        parts += ["<h2>Solutions</h2>",
                  '<table><thead><tr><th class="num">#</th><th>solution</th><th class="num">run time*</th>'
                  "</tr></thead><tbody>", rows(solutions, False), "</tbody></table>"]
    parts += [f"<footer>*Run time of the whole notebook in the notebook runner (<code>bin/test</code>), kernel start "
              f"included (≈: from the cells' time stamps, without the kernel start). All lessons: "
              f"{fmt_seconds(total)}. Built {built} by <code>bin/render</code> from the executed "
              f"notebooks in <code>target/executed/</code>.</footer>",
              "</body>", "</html>", ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--stale", action="store_true", help="print the notebooks that need a run, then exit")
    ap.add_argument("--out", default=str(paths.SITE))
    a = ap.parse_args()
    notebooks = find_notebooks(a.notebooks)
    runs = load_runs()
    if a.stale:
        for p in notebooks:
            if staleness(p, runs):
                print(rel(p))
        return 0
    if not notebooks:
        sys.exit("render: no notebooks found")
    site = Path(a.out)
    tmp = site.with_name(site.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    start = time.monotonic()
    build(notebooks, tmp, runs)
    shutil.rmtree(site, ignore_errors=True)
    tmp.rename(site)
    print(f"[render] built {rel(site)} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
