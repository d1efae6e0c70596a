"""The Chinese edition: translations kept beside the English source, cell by cell, and checked for staleness.

The English notebooks stay the one source of truth: each solved lesson (notebooks/solutions/NN-name.ipynb)
and 00-welcome. A translation lives in i18n/<language>/NN-name.json, keyed by the English cell's stable
id; each entry holds the translated source and a digest of the English source it translates:

    {"lesson": "00-welcome", "language": "zh",
     "cells": {"<cell id>": {"en": "<digest of the English source>", "text": "<translated source>"}}}

Which cells need a translation: every Markdown cell with words, and every code cell with English words in
a string literal or a comment (messages, claims, plot titles, teaching comments). A code cell's translation
is the whole cell with its string literals and comments translated and nothing else changed: the check
compares the code with literals and comments masked, and each literal's format specifiers (%.3f, %d, %n), so
that a translation can neither change what a cell computes nor break its formatting. A literal that is a key
(a column name such as "step") must stay as it is where the code looks it up: the test command executes the
translated notebooks with their claims, so a broken key fails there. A translation must
hold Chinese text (a copied English cell is rejected, not counted).

The terms: i18n/<language>/glossary.tsv (english, chinese, avoid, note). Where a Markdown cell uses a
glossary term (outside code spans), its translation must use the glossary's Chinese term; a term in the
"avoid" column (e.g. the article's 热启动 for warmup) may appear only in quotation marks (“热启动”), where the
text names it to say why the course uses another.

Usage:
  bin/translations.py status        one line per lesson: cells translated, stale, missing
  bin/translations.py check         fail on a stale, missing, orphaned or altered translation in any lesson that
                                    has one, or on a generated notebook that is not current
  bin/translations.py stale [NN]    the English text of every stale or missing cell, to translate
  bin/translations.py build         write notebooks/zh/NN-name.ipynb (the learner copy, translated) for every
                                    lesson whose translation is complete
"""
import copy
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

from . import lessons
from .paths import ROOT

LANGUAGE = "zh"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words with white space between them ("val_loss_final" and "encoder.layer1" are keys, not prose).
WORDS = re.compile(r"[A-Za-z]{2,}[,;:.!?)'\"]*\s+[(\"'*]*[A-Za-z]{2,}")
# A format specifier of java.util.Formatter. Without the space flag: "3% of" in a sentence is not one.
FORMAT = re.compile(r"%(?:\d+\$)?[-#+0,(]*\d*(?:\.\d+)?[a-zA-Z%]")
CODE_SPAN = re.compile(r"`[^`\n]*`|\$[^$\n]*\$")


class TranslationError(Exception):
    """A translation file that cannot be read."""


def i18n_dir(language=LANGUAGE, root=ROOT):
    return root / "i18n" / language


def english_lessons(root=ROOT):
    """The English sources in the course's order: 00-welcome, then the solved lessons."""
    return sorted((root / "notebooks").glob("00-*.ipynb")) + lessons.solutions(root)


def store_path(source, language=LANGUAGE, root=ROOT):
    return i18n_dir(language, root) / f"{Path(source).stem}.json"


def generated_path(source, language=LANGUAGE, root=ROOT):
    return root / "notebooks" / language / Path(source).name


def digest(text):
    """The digest an entry keeps of the English source it translates."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def java_parts(source):
    """(skeleton, literals, comments) of Java code: the code with every string or char literal replaced by a
    placeholder and every comment removed, whitespace collapsed; the literals' contents; the comments."""
    out, literals, comments = [], [], []
    # opener, closer, where the content goes, what replaces it, whether the closer is consumed
    delimited = [('"""', '"""', literals, " \0S ", True), ("//", "\n", comments, " ", False),
                 ("/*", "*/", comments, " ", True)]
    i, n = 0, len(source)
    while i < n:
        opened = next((d for d in delimited if source.startswith(d[0], i)), None)
        if opened:
            opener, closer, bucket, placeholder, consume = opened
            j = source.find(closer, i + len(opener))
            j = n if j < 0 else j
            bucket.append(source[i + len(opener):j])
            out.append(placeholder)
            i = j + (len(closer) if consume else 0)
        elif source[i] in "\"'":
            quote, j = source[i], i + 1
            while j < n and source[j] != quote and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            literals.append(source[i + 1:j])
            out.append(" \0S ")
            i = j + 1
        else:
            out.append(source[i])
            i += 1
    return " ".join("".join(out).split()), literals, comments


def needs_translation(cell):
    """True for a Markdown cell with words, and for a code cell with English words in a literal or comment."""
    if cell.cell_type == "markdown":
        return bool(re.search(r"[A-Za-z]{2,}", cell.source))
    if cell.cell_type != "code":
        return False
    _, literals, comments = java_parts(cell.source)
    return any(WORDS.search(t) for t in literals + comments)


STUB = "/stub"   # the key of a cell's exercise stub: "<cell id>/stub"


def units(nb):
    """What a lesson has to translate, in order: (cell index, key, cell) for every cell, and for every exercise
    stub (cell metadata trainwell.stub: the code a learner starts from, with its comments) a code cell of its
    own, keyed "<cell id>/stub"."""
    import nbformat
    out = []
    for i, cell in enumerate(nb.cells):
        out.append((i, cell.get("id"), cell))
        stub = cell.get("metadata", {}).get("trainwell", {}).get("stub")
        if stub is not None:
            out.append((i, f"{cell.get('id')}{STUB}", nbformat.v4.new_code_cell(stub)))
    return out


def load_store(source, language=LANGUAGE, root=ROOT):
    """The translation entries of a lesson by cell id (None when the lesson has no translation file)."""
    path = store_path(source, language, root)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cells = data["cells"]
        for cid, entry in cells.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("en"), str) or not isinstance(entry.get("text"), str):
                raise TranslationError(f"{path.relative_to(root)}: entry {cid!r} needs string fields 'en' and 'text'")
        return cells
    except (ValueError, KeyError, TypeError) as e:
        raise TranslationError(f"{path.relative_to(root)} is not a translation file: {e}") from e


def save_store(source, cells, language=LANGUAGE, root=ROOT):
    """Writes a lesson's entries, in the notebook's cell order (a readable diff per cell)."""
    import nbformat
    order = [c.get("id") for c in nbformat.read(str(source), as_version=4).cells]
    ordered = {cid: cells[cid] for cid in order if cid in cells}
    ordered.update({cid: e for cid, e in cells.items() if cid not in ordered})
    path = store_path(source, language, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"lesson": Path(source).stem, "language": language, "cells": ordered},
                               ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_glossary(language=LANGUAGE, root=ROOT):
    """Rows of the glossary: dicts with english, chinese, avoid (a list) and note."""
    path = i18n_dir(language, root) / "glossary.tsv"
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows.append({"english": row["english"].strip(), "chinese": row["chinese"].strip(),
                         "avoid": [a.strip() for a in (row.get("avoid") or "").split(",") if a.strip()],
                         "note": (row.get("note") or "").strip()})
    return rows


def term_problems(english, text, glossary):
    """Glossary problems of one Markdown translation: a term of the English prose (outside code spans and
    formulas) whose Chinese term is missing, or a term to avoid used outside quotation marks."""
    problems = []
    prose = CODE_SPAN.sub(" ", english).lower()
    for row in glossary:
        if re.search(r"(?<![\w-])" + re.escape(row["english"].lower()) + r"(?![\w-])", prose) and row["chinese"] not in text:
            problems.append(f"the English uses '{row['english']}': the glossary's term is {row['chinese']}")
    unquoted = re.sub(r"“[^”]*”", " ", text)
    for row in glossary:
        for bad in row["avoid"]:
            if bad in unquoted:
                problems.append(f"'{bad}' is a term to avoid ({row['note'] or 'see the glossary'}); "
                                f"use {row['chinese']}, or quote it (“{bad}”) where the text names it")
    return problems


def cell_problems(cell, entry, glossary):
    """Why a translated cell is wrong (an empty list when it is right)."""
    text = entry["text"]
    if entry["en"] != digest(cell.source):
        return ["stale: the English cell changed after it was translated"]
    if not CJK.search(text):
        return ["holds no Chinese text"]
    if cell.cell_type == "markdown":
        return term_problems(cell.source, text, glossary)
    skeleton, literals, _ = java_parts(cell.source)
    zh_skeleton, zh_literals, zh_comments = java_parts(text)
    if zh_skeleton != skeleton:
        return ["its code differs from the English cell's (only string literals and comments may change)"]
    problems = []
    for k, (en, zh) in enumerate(zip(literals, zh_literals)):
        if FORMAT.findall(en) != FORMAT.findall(zh):
            problems.append(f"string {k + 1}: format specifiers {FORMAT.findall(zh)} instead of {FORMAT.findall(en)}")
    if not any(CJK.search(t) for t in zh_literals + zh_comments):
        problems.append("no string or comment is translated")
    return problems


def lesson_report(source, language=LANGUAGE, root=ROOT):
    """(started, translated, problems) of one lesson: whether it has a translation file, how many cells
    that need a translation have a right one, and a list of (cell index, cell id, problem)."""
    import nbformat
    nb = nbformat.read(str(source), as_version=4)
    store = load_store(source, language, root)
    if store is None:
        return False, 0, [(i, key, "missing") for i, key, c in units(nb) if needs_translation(c)]
    glossary = load_glossary(language, root)
    ids, done, problems = set(), 0, []
    for i, key, cell in units(nb):
        ids.add(key)
        if not needs_translation(cell):
            if key in store:
                problems.append((None, key, f"cell {i} needs no translation (no English prose): remove the entry"))
            continue
        entry = store.get(key)
        if entry is None:
            problems.append((i, key, "missing"))
            continue
        found = cell_problems(cell, entry, glossary)
        problems.extend((i, key, p) for p in found)
        done += not found
    for cid in store:
        if cid not in ids:
            problems.append((None, cid, "orphaned: no English cell has this id"))
    return True, done, problems


def translated_notebook(source, language=LANGUAGE, root=ROOT):
    """The learner's copy of a lesson in `language`: every translated cell's source replaced, solutions
    stripped as in the English learner copy, the language in the notebook's metadata."""
    import nbformat
    nb = lessons.clean(nbformat.read(str(source), as_version=4))
    store = load_store(source, language, root) or {}
    out = copy.deepcopy(nb)
    for cell in out.cells:
        entry = store.get(cell.get("id"))
        if entry is not None and needs_translation(cell):
            cell.source = entry["text"]
        stub = store.get(f"{cell.get('id')}{STUB}")
        if stub is not None and "stub" in cell.get("metadata", {}).get("trainwell", {}):
            cell.metadata["trainwell"]["stub"] = stub["text"]
    out.metadata.setdefault("trainwell", {})["language"] = language
    out.metadata["trainwell"]["translated_from"] = f"{Path(source).parent.name}/{Path(source).name}"
    return lessons.learner_copy_of(out, Path(source).name)


def main(argv=None, root=ROOT):
    import nbformat
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("status", "check", "stale", "build"):
        print(__doc__, file=sys.stderr)
        return 2
    cmd, rest = argv[0], argv[1:]
    sources = english_lessons(root)
    if cmd == "stale" and rest:
        sources = [s for s in sources if any(s.stem.startswith(r) for r in rest)]
    failures, complete, started = [], [], []
    for source in sources:
        try:
            has_file, done, problems = lesson_report(source, LANGUAGE, root)
        except TranslationError as e:
            failures.append(str(e))
            continue
        needed = done + len({(i, cid) for i, cid, p in problems if i is not None})
        if cmd == "status":
            state = "not started" if not has_file else ("complete" if not problems else f"{len(problems)} problems")
            print(f"{source.stem:40s} {done:3d} of {needed:3d} cells translated  {state}")
        if cmd == "stale":
            text = {key: cell.source for _, key, cell in units(nbformat.read(str(source), as_version=4))}
            for i, cid, p in problems:
                if i is not None:
                    what = "the exercise stub of cell" if cid.endswith(STUB) else "cell"
                    print(f"=== {source.stem} {what} {i} (id {cid}): {p}\n{text[cid]}\n")
        if has_file:
            started.append(source.stem)
            failures.extend(f"{store_path(source, LANGUAGE, root).relative_to(root)}, cell {i} (id {cid}): {p}"
                            for i, cid, p in problems)
            if not problems:
                complete.append(source)
    if cmd in ("build", "check"):
        for source in complete:
            target = generated_path(source, LANGUAGE, root)
            text = nbformat.writes(translated_notebook(source, LANGUAGE, root)) + "\n"
            if target.exists() and target.read_text(encoding="utf-8") == text:
                continue
            if cmd == "build":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(root)}")
            else:
                failures.append(f"{target.relative_to(root)} is not generated from its translation: "
                                f"run bin/translations.py build")
    if cmd == "check":
        for path in sorted((root / "notebooks" / LANGUAGE).glob("*.ipynb")):
            if path.stem not in {s.stem for s in complete}:
                failures.append(f"{path.relative_to(root)} has no complete translation behind it")
        # Every lesson is translated: a lesson without a translation file (a new one) fails the check too.
        failures.extend(f"{s.stem} has no translation: bin/translations.py stale {s.stem[:2]} lists its cells"
                        for s in sources if s.stem not in started)
        for f in failures:
            print(f"translations: {f}", file=sys.stderr)
        waiting = [s.stem[:2] for s in sources if s.stem not in started]
        print(f"translations ({LANGUAGE}): {len(complete)} of {len(sources)} lessons complete and current"
              + (f"; not started yet: {', '.join(waiting)}" if waiting else ""))
    return 1 if failures and cmd in ("check", "build") else 0


if __name__ == "__main__":
    sys.exit(main())
