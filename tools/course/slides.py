"""Adds default slide metadata to lesson notebooks, keeping whatever metadata the author already set.

A lesson is one notebook; bin/render turns it into a reveal.js deck of 1280x720 slides by reading each
cell's `metadata.slideshow.slide_type` (slide, subslide, fragment, "-", skip, notes). Writing that by
hand for every cell is tedious, so this tool fills in every cell that has none, by rules (README,
"Writing a lesson: slide metadata"), so that a slide holds one idea and fits the screen:

  * a `#` or `##` heading starts a slide, a `###` heading a sub-slide; a markdown cell with a heading
    in its middle is split there, so that the heading starts its own slide;
  * a markdown cell too long for one slide (more than about 130 words or 17 lines) is split at its
    paragraphs into cells that each fit; the later parts start sub-slides (the notebook reads the
    same). Nothing goes to the speaker notes by default: the argument stays on the slides;
  * a box (a quote that opens with a bold label, e.g. `> **Misconception:** ...` and its
    `> **What the experiment shows:** ...`) is never split from its label and starts a sub-slide of
    its own unless it fits under the prose before it;
  * a code cell shares the slide of the prose that introduces it when both fit (code longer than
    FOLD_LINES lines is folded in the deck, a plot counts for most of a slide), and starts a sub-slide
    otherwise; a slide holds at most one code cell;
  * prose after a code cell that introduces the next code cell starts a sub-slide; prose that
    interprets the code above (nothing but a heading or the end follows) appears as a fragment
    under it when it fits, on a sub-slide otherwise;
  * a code cell that only imports or checks the environment (`Environment.check()`), a set-up cell
    that is mostly imports and shows nothing, or a cell tagged `plumbing`, is skipped in the deck.
Tags an author may set on a code cell (the deck only; bin/render.py): `fold` (input folded under a
one-line summary), `show-code` (never folded), `hide-code` (outputs only).

Usage: bin/slides.py NOTEBOOK...          add the missing metadata, in place
       bin/slides.py --reset NOTEBOOK...  drop every slide type first, then add the defaults
       bin/slides.py --check NOTEBOOK...  exit 1 if a cell has no slide metadata (changes nothing)
       bin/slides.py --show NOTEBOOK...   print the deck's outline
bin/render applies the same rules in memory to cells without metadata, so a lesson always has a deck.
"""
import argparse
import math
import re
import sys

WORDS_ON_SLIDE = 130     # prose words that fit on one slide under a heading
LINES_PER_SLIDE = 17     # estimated lines of prose (25 px type) that fit on one 720 px slide
BOX_WORDS, BOX_LINES = 200, 19   # a box alone on a slide may be this long before it is cut at its paragraphs
FOLD_LINES = 8           # code longer than this is folded in the deck (bin/render.py)
FOLD_LINES_WITH_PLOT = 4 # the same for a cell that draws a plot or shows a table: the plot needs the room
PROSE_AFTER_PLOT = 30    # run-written prose longer than this (words) after a plot continues on a sub-slide

HEADING = re.compile(r"^(#{1,6})\s")
FENCE = re.compile(r"^\s*(```|~~~)")
BOX = re.compile(r"^>\s*\*\*[^*]+\*\*")
BOX_LINE = re.compile(r"^>")
IMPORT_LINE = re.compile(r"^\s*(import\s[\w.*\s]+;\s*)+$")
PLUMBING_LINE = re.compile(r"^\s*(import\s[\w.*\s]+;|Environment\.check\(\s*\)\s*;|//.*)?\s*$")


def slide_type(cell):
    """The cell's slide type when its author (or an earlier run) set one, else None."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def set_type(cell, kind):
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind


def source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def heading_level(text):
    """Level of the heading that opens a markdown text (1 for '#'), or 0."""
    m = HEADING.match(text.lstrip("\n"))
    return len(m.group(1)) if m else 0


CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def words(text):
    """The words of a text, for the layout rules. Chinese is written without spaces: two CJK characters count
    as a word (an English word at the same size is as wide as three or four), so a Chinese text is never
    judged shorter than it looks."""
    cjk = len(CJK_CHAR.findall(text))
    return len(CJK_CHAR.sub(" ", text).split()) + (cjk + 1) // 2


def blocks(text):
    """The text cut at blank lines outside code fences; a heading line is a block of its own."""
    out, cur, fenced = [], [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip():
            if cur:
                out.append("\n".join(cur))
                cur = []
            continue
        if not fenced and HEADING.match(line) and cur:
            out.append("\n".join(cur))
            cur = []
        cur.append(line)
        if not fenced and HEADING.match(line):
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def split_at_headings(text):
    """The text cut before every heading that is not its first line (code fences respected)."""
    parts, cur, fenced = [], [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and HEADING.match(line) and any(l.strip() for l in cur):
            parts.append("\n".join(cur).strip("\n"))
            cur = []
        cur.append(line)
    parts.append("\n".join(cur).strip("\n"))
    return [p for p in parts if p.strip()]


def box_parts(block):
    """A box cut at its inner paragraphs (lines that are only '>'), each part still a quote."""
    parts, cur = [], []
    for line in block.split("\n"):
        if line.strip() == ">" and cur:
            parts.append("\n".join(cur))
            cur = []
        elif line.strip() != ">" or cur:
            cur.append(line)
    if cur:
        parts.append("\n".join(cur))
    return parts


LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s")


def list_items(block):
    """A list cut into its top-level items (each with its continuation lines)."""
    items, cur = [], []
    for line in block.split("\n"):
        m = LIST_ITEM.match(line)
        if m and not m.group(1) and cur:
            items.append("\n".join(cur))
            cur = []
        cur.append(line)
    if cur:
        items.append("\n".join(cur))
    return items


def table_parts(block):
    """A Markdown table cut into parts that each fit on a slide, each with the table's header."""
    lines = block.split("\n")
    head, rows = lines[:2], lines[2:]
    parts, cur = [], []
    for row in rows:
        if cur and not fits("\n".join(head + cur + [row])):
            parts.append("\n".join(head + cur))
            cur = []
        cur.append(row)
    if cur:
        parts.append("\n".join(head + cur))
    return parts


def fits(text):
    return words(text) <= WORDS_ON_SLIDE and markdown_lines(text) <= LINES_PER_SLIDE


def box_fits(text):
    """A box may fill a slide of its own: a misconception and its correction belong together."""
    return words(text) <= BOX_WORDS and markdown_lines(text) <= BOX_LINES


def chunks(text):
    """A markdown text cut at its blocks into parts that each fit on a slide (a heading stays with
    the block after it; a box is cut only at its inner paragraphs, and only when it does not fit)."""
    if fits(text):
        return [text]
    units = []
    for b in blocks(text):
        if BOX.match(b) and not box_fits(b):
            units.extend(box_parts(b))
        elif LIST_ITEM.match(b) and not fits(b):
            units.extend(list_items(b))
        elif b.lstrip().startswith("|") and not fits(b):
            units.extend(table_parts(b))
        else:
            units.append(b)
    out, cur = [], []
    for u in units:
        joined = "\n\n".join(cur + [u])
        only_headings = all(HEADING.match(c) for c in cur)
        if cur and not only_headings and not fits(joined):
            out.append("\n\n".join(cur))
            cur = []
        cur.append(u)
    if cur:
        out.append("\n\n".join(cur))
    return out


def split_long(text):
    """(slide part, rest) of a markdown text: the rest is '' when all of it fits (kept for callers)."""
    parts = chunks(text)
    return parts[0], "\n\n".join(parts[1:])


def is_plumbing(cell):
    if "plumbing" in cell.get("metadata", {}).get("tags", []):
        return True
    src = source(cell)
    if not src.strip() or re.search(r"Show\.|\.show\(|System\.out|Claim\.", src):
        return "Environment.check(" in src
    code = [l for l in src.split("\n") if l.strip() and not l.strip().startswith("//")]
    imports = [l for l in code if IMPORT_LINE.match(l)]
    # imports and the check of the environment, or a set-up cell that is mostly imports
    return "Environment.check(" in src or all(PLUMBING_LINE.match(l) for l in code) or len(imports) >= 2 * len(code) / 3


def markdown_lines(text):
    """A rough height of markdown text on a slide, in lines of 25 px prose (about 95 characters)."""
    n, fenced = 0.0, False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
            n += 0.3
            continue
        if fenced:
            n += 0.7
        elif not line.strip() or line.strip() == ">":
            n += 0.4
        elif HEADING.match(line):
            n += 1.7
        elif line.lstrip().startswith("|"):
            n += (1.6 if "$" in line else 0.8) + len(line) // 200
        elif line.strip().startswith("$$"):
            n += 1.5
        else:
            n += max(1, math.ceil(len(line) / 85))
    return n


def shows_plot(src):
    return bool(re.search(r"\.show\(|Show\.(chart|image|table)\(", src))


def folds(src, tags):
    """Whether the deck shows this code folded (bin/render.py)."""
    if "fold" in tags:
        return True
    if "show-code" in tags:
        return False
    n = len(src.strip().split("\n"))
    return n > (FOLD_LINES_WITH_PLOT if shows_plot(src) else FOLD_LINES)


def code_lines(cell):
    """A rough height of a code cell on a slide, outputs included, in lines of prose (from the source)."""
    src = source(cell)
    tags = cell.get("metadata", {}).get("tags", [])
    n_src = len(src.rstrip().split("\n"))
    if "hide-code" in tags:
        n = 0.0
    elif folds(src, tags):
        n = 1.2
    else:
        n = 0.65 * n_src + 0.6
    if re.search(r"\.show\(|Show\.(chart|image)\(", src):
        n += 13.5
    elif "Show.table(" in src:
        n += 8
    if not shows_plot(src):   # after a plot, long prose from the run continues on a sub-slide
        for m in re.finditer(r"Show\.markdown\(", src):
            n += 1.2 * markdown_lines(markdown_argument(src, m.start())) * 20 / 25
    claims = len(re.findall(r"Claim\.\w+\(", src))
    n += claims * 1.1 if claims <= 2 else 1
    n += min(4, 0.6 * len(re.findall(r"System\.out\.print", src)))
    if re.search(r"Training\.run\(|\.run\(|Experiment", src):
        n += 3   # progress lines: a few shown, the rest folded (bin/render.py)
    return n


def estimated_lines(cell):
    """A rough height of the cell on a slide, in lines of prose, outputs included (from the source)."""
    if cell["cell_type"] == "markdown":
        return markdown_lines(source(cell))
    return code_lines(cell)


def new_cell(like, text, cell_id, typed=None):
    """A markdown cell holding part of `like`'s text, with the given id and `like`'s metadata (its tags,
    e.g. solution-only, included); the typed numbers listed for `like` (trainwell.typed) go with the
    part that holds them."""
    import copy
    meta = copy.deepcopy(dict(like.get("metadata", {})))
    meta.pop("slideshow", None)
    cell = {"cell_type": "markdown", "metadata": meta, "source": text}
    if typed is not None:
        cell["metadata"].setdefault("trainwell", {})["typed"] = [t for t in typed if t in text]
    if cell_id:
        cell["id"] = cell_id
    from nbformat import from_dict
    return from_dict(cell)


def with_text(cell, text, typed=None):
    cell["source"] = text
    if typed is not None:
        cell["metadata"]["trainwell"]["typed"] = [t for t in typed if t in text]
    return cell


def unique_id(base, taken):
    """base-2, base-3, ... (at most 64 characters), the first not in taken; added to taken."""
    k = 2
    while True:
        suffix = f"-{k}"
        cand = base[:64 - len(suffix)] + suffix
        if cand not in taken:
            taken.add(cand)
            return cand
        k += 1


def split_cells(cells):
    """Cells without slide metadata cut at inner headings and where prose outgrows a slide; the later
    parts of a cut start sub-slides. Returns the new list."""
    out, taken = [], {c.get("id") for c in cells}
    for cell in cells:
        if cell["cell_type"] != "markdown" or slide_type(cell) is not None:
            out.append(cell)
            continue
        pieces = []
        for part in split_at_headings(source(cell)) or [source(cell)]:
            for k, piece in enumerate(chunks(part)):
                pieces.append((piece, "subslide" if k and not heading_level(piece) else None))
        if len(pieces) == 1:
            out.append(cell)
            continue
        typed = cell.get("metadata", {}).get("trainwell", {}).get("typed")
        typed = list(typed) if typed is not None else None
        for k, (text, kind) in enumerate(pieces):
            c = (with_text(cell, text, typed) if k == 0
                 else new_cell(cell, text, unique_id(cell["id"], taken) if "id" in cell else None, typed))
            if kind:
                set_type(c, kind)
            out.append(c)
    return out


def assign(cells):
    """Sets a slide type on every cell that has none, in order, by the rules above."""
    lines, has_code, prev = 0.0, False, None   # the current (sub)slide so far; the last shown cell
    visible = [i for i, c in enumerate(cells) if slide_type(c) not in ("skip", "notes")
               and not (c["cell_type"] == "code" and slide_type(c) is None and is_plumbing(c))
               and c["cell_type"] in ("markdown", "code")]
    next_visible = {a: b for a, b in zip(visible, visible[1:])}
    for i, cell in enumerate(cells):
        kind = slide_type(cell)
        est = estimated_lines(cell) if cell["cell_type"] in ("markdown", "code") else 0
        if kind is None:
            if cell["cell_type"] not in ("markdown", "code"):
                kind = "skip"
            elif cell["cell_type"] == "code":
                if is_plumbing(cell):
                    kind = "skip"
                elif prev is None or has_code or lines + est > LINES_PER_SLIDE:
                    kind = "subslide" if prev is not None else "slide"
                else:
                    kind = "-"
            else:
                level = heading_level(source(cell))
                if prev is None or level in (1, 2):
                    kind = "slide"
                elif level == 3:
                    kind = "subslide"
                elif prev is not None and prev["cell_type"] == "code":
                    nxt = next_visible.get(i)
                    introduces_code = nxt is not None and cells[nxt]["cell_type"] == "code"
                    if introduces_code or lines + est > LINES_PER_SLIDE:
                        kind = "subslide"
                    else:
                        kind = "fragment"
                else:
                    kind = "-" if lines + est <= LINES_PER_SLIDE else "subslide"
            set_type(cell, kind)
        if kind in ("skip", "notes"):
            continue
        if kind in ("slide", "subslide"):
            lines, has_code = est, cell["cell_type"] == "code"
        else:
            lines += est
            has_code = has_code or cell["cell_type"] == "code"
        prev = cell
    return cells


def apply(nb):
    """Adds the missing slide metadata to a notebook (nbformat node or dict), in place."""
    nb["cells"] = assign(split_cells(list(nb["cells"])))
    return nb


# Misconception boxes, as the notebook's source holds them (bin/screenshot-test checks that each is on
# a slide): a Markdown quote opening with **Misconception...**, or one written from the run by
# Show.markdown("> **Misconception:** ..." + ...) in a code cell.
MISCONCEPTION = re.compile(r"^>\s*\*\*(Misconception|误区)")   # 误区: the Chinese edition's label
JAVA_STRING = re.compile(r'"""(.*?)"""|"((?:[^"\\\n]|\\.)*)"', re.S)


def java_unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": " "}.get(m.group(1), m.group(1)), s)


def markdown_argument(src, at):
    """The text of the string literals joined by + that open the call at src[at:] (a format string)."""
    pos, parts = src.index("(", at) + 1, []
    while True:
        m = JAVA_STRING.match(src, len(src[:pos]) + len(src[pos:]) - len(src[pos:].lstrip()))
        if not m:
            break
        parts.append(m.group(1) if m.group(1) is not None else java_unescape(m.group(2)))
        rest = src[m.end():].lstrip()
        if not rest.startswith("+"):
            break
        pos = len(src) - len(rest) + 1
    return "".join(parts)


def boxes(nb):
    """[(cell index, text)] of the notebook's misconception boxes (the correction included)."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        src = source(cell)
        if cell["cell_type"] == "markdown":
            for b in blocks(src):
                if MISCONCEPTION.match(b):
                    found.append((i, b))
        elif cell["cell_type"] == "code":
            for m in re.finditer(r"Show\.markdown\(", src):
                text = markdown_argument(src, m.start())
                if MISCONCEPTION.match(text.lstrip()):
                    found.append((i, text))
    return found


def box_runs(text, shortest=4):
    """The runs of plain words of a box (lower case) that a slide showing it must contain: the text is
    cut at formulas, format specifiers, HTML tags and paragraph breaks, which a slide renders otherwise."""
    t = re.sub(r"\]\([^)]*\)", "]", text)                       # link targets
    t = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " \x00 ", t, flags=re.S)  # formulas
    t = re.sub(r"%%|%[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z]", " \x00 ", t)  # format specifiers
    t = re.sub(r"<[^>]+>", " \x00 ", t)                           # HTML tags
    t = re.sub(r"\n\s*>?\s*\n", " \x00 ", t)                     # paragraph breaks
    runs, cur = [], []
    for tok in re.findall(r"[A-Za-z0-9]+|\x00", t):
        if tok == "\x00":
            runs.append(cur)
            cur = []
        else:
            cur.append(tok.lower())
    runs.append(cur)
    return [" ".join(r) for r in runs if len(r) >= shortest]


def plain_words(text):
    """Text as the words box_runs compares against: lower case, letters and digits only."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def missing(nb):
    """Indices of the cells that have no slide type."""
    return [i for i, c in enumerate(nb["cells"]) if slide_type(c) is None]


def outline(nb):
    """One line per cell: its slide type and the start of its text."""
    rows = []
    for i, c in enumerate(nb["cells"]):
        first = next((l for l in source(c).split("\n") if l.strip()), "")
        rows.append(f"{i:3} {c['cell_type']:8} {slide_type(c) or '?':9} {first[:70]}")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--check", action="store_true", help="fail if a cell has no slide metadata")
    ap.add_argument("--show", action="store_true", help="print the outline of the deck")
    ap.add_argument("--reset", action="store_true", help="drop every slide type first, then add the defaults")
    a = ap.parse_args()
    import nbformat
    failed = 0
    for path in a.notebooks:
        nb = nbformat.read(path, as_version=4)
        if a.check:
            gaps = missing(nb)
            if gaps:
                failed += 1
                print(f"{path}: cells {gaps} have no slide metadata: run bin/slides.py {path}")
            continue
        if a.reset:
            for c in nb.cells:
                c.metadata.pop("slideshow", None)
        if not a.show:
            before = nbformat.writes(nb)
            apply(nb)
            nbformat.validate(nb)
            after = nbformat.writes(nb)
            if after != before:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(after + "\n")
                print(f"{path}: slide metadata added")
            else:
                print(f"{path}: nothing to add")
        else:
            print(f"{path}:\n{outline(apply(nb))}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
