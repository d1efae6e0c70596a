#!/usr/bin/python3
"""Adds default slide metadata to lesson notebooks, keeping whatever metadata the author already set.

A lesson is one notebook; `jupyter nbconvert --to slides` turns it into a reveal.js deck by reading
each cell's `metadata.slideshow.slide_type` (slide, subslide, fragment, "-", skip, notes). Writing
that by hand for every cell is tedious, so this tool fills in every cell that has none, by rules
(README, "Writing a lesson: slide metadata"):

  * a `#` or `##` heading starts a slide, a `###` heading a sub-slide; a markdown cell with a heading
    in its middle is split there, so that the heading starts its own slide;
  * a markdown cell longer than 120 words keeps its heading and first blocks (about 100 words) on
    the slide, and the rest becomes speaker notes (a second cell; the notebook reads the same);
  * a code cell shares the slide of the prose that introduces it when both fit (about 22 lines,
    outputs included), and starts a sub-slide otherwise; a slide holds at most one code cell;
  * prose after a code cell that introduces the next code cell starts a sub-slide; prose that
    interprets the code above (nothing but a heading or the end follows) appears as a fragment
    under it when it fits, on a sub-slide otherwise;
  * a code cell that only imports or checks the environment (`Environment.check()`), or that is
    tagged `plumbing`, is skipped in the deck.

Usage: bin/slides.py NOTEBOOK...          add the missing metadata, in place
       bin/slides.py --check NOTEBOOK...  exit 1 if a cell has no slide metadata (changes nothing)
       bin/slides.py --show NOTEBOOK...   print the deck's outline
bin/render applies the same rules in memory to cells without metadata, so a lesson always has a deck.
"""
import argparse
import math
import re
import sys

LONG_PROSE_WORDS = 120   # a markdown cell longer than this is split: slide part and speaker notes
WORDS_ON_SLIDE = 100     # how much of a long cell stays on the slide (at least its first block)
LINES_PER_SLIDE = 22     # estimated lines that fit on one slide at the deck's font size

HEADING = re.compile(r"^(#{1,6})\s")
FENCE = re.compile(r"^\s*(```|~~~)")
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


def words(text):
    return len(text.split())


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


def split_long(text):
    """(slide part, notes part) of a long markdown text; the notes part is '' when all of it fits."""
    if words(text) <= LONG_PROSE_WORDS:
        return text, ""
    bs = blocks(text)
    keep, count = [], 0
    for b in bs:
        first_content = not [k for k in keep if not HEADING.match(k)]
        if keep and not first_content and count + words(b) > WORDS_ON_SLIDE:
            break
        keep.append(b)
        count += words(b)
    rest = bs[len(keep):]
    return ("\n\n".join(keep), "\n\n".join(rest)) if rest else (text, "")


def is_plumbing(cell):
    if "plumbing" in cell.get("metadata", {}).get("tags", []):
        return True
    src = source(cell)
    return bool(src.strip()) and all(PLUMBING_LINE.match(line) for line in src.split("\n"))


def estimated_lines(cell):
    """A rough height of the cell on a slide, in text lines, outputs included (from the source)."""
    src = source(cell)
    if cell["cell_type"] == "markdown":
        n = 0.0
        for line in src.split("\n"):
            if not line.strip():
                n += 0.5
            elif HEADING.match(line):
                n += 2
            elif line.lstrip().startswith("|"):
                n += 1.3 + len(line) // 160
            else:
                n += max(1, math.ceil(len(line) / 80))
        return n
    n = len(src.rstrip().split("\n")) + 1
    if re.search(r"Show\.(chart|image)\(", src):
        n += 15
    elif "Show.table(" in src:
        n += 10
    elif "Show." in src:
        n += 3
    n += min(8, 2 * len(re.findall(r"System\.out\.print", src)))
    return n


def new_cell(like, text, index):
    """A markdown cell holding part of `like`'s text, with a derived, unique id."""
    cell = {"cell_type": "markdown", "metadata": {}, "source": text}
    if "id" in like:
        cell["id"] = f"{like['id']}-{index}"[:64]
    from nbformat import from_dict
    return from_dict(cell)


def with_text(cell, text):
    cell["source"] = text
    return cell


def split_cells(cells):
    """Cells without slide metadata cut at inner headings and long prose; returns the new list."""
    out = []
    for cell in cells:
        if cell["cell_type"] != "markdown" or slide_type(cell) is not None:
            out.append(cell)
            continue
        parts = split_at_headings(source(cell))
        pieces = []
        for part in parts or [source(cell)]:
            slide_part, notes = split_long(part)
            pieces.append((slide_part, None))
            if notes:
                pieces.append((notes, "notes"))
        if len(pieces) == 1:
            out.append(cell)
            continue
        for k, (text, kind) in enumerate(pieces):
            c = with_text(cell, text) if k == 0 else new_cell(cell, text, k + 1)
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
