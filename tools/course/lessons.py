"""Keeps the two copies of each lesson in step: the solved notebook is the one source of truth.

notebooks/solutions/NN-name.ipynb holds the lesson with its exercises solved. The learner's copy,
notebooks/NN-name.ipynb, is generated from it: in every code cell, each region between the lines
`// BEGIN SOLUTION` and `// END SOLUTION` is replaced by the cell's stub (cell metadata
`trainwell.stub`, default `// Your code here.`), and cells tagged `solution-only` are dropped.
Both copies are written clean (no outputs, no execution counts).

A measured number never stands typed in a Markdown cell: it is printed by the code beside it or
written into Markdown from the run (`Show.markdown("... %.3f ...", value)`). `check` enforces this for
the numbers that are usually measured -- decimals (0.97), percentages (96%) and ratios (2.3x) -- in the
Markdown of every solved lesson and of 00-welcome. A number that is a fact from a paper (with its
citation), a setting of the experiment or a definition is listed in the cell's metadata
`trainwell.typed` (e.g. ["0.02", "0.999"]), which says it was typed on purpose.

Usage:
  bin/lessons.py build    write every learner copy from its solution
  bin/lessons.py check    fail if a learner copy is stale, any notebook holds outputs, or a Markdown
                          cell types a number that its metadata does not list
  bin/lessons.py clean    remove outputs and execution counts from every notebook
  bin/lessons.py numbers [NOTEBOOK ...]   list the typed numbers of Markdown cells, listed or not
"""
import copy
import re
import sys
from pathlib import Path

from .paths import NOTEBOOKS, ROOT, solutions
BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
DEFAULT_STUB = "// Your code here."


class LessonError(Exception):
    """A solution notebook that breaks the conventions above."""


def strip_solution(source, stub, where):
    """The cell's source with every solution region replaced by the stub, indented like the marker."""
    out, inside, indent = [], False, ""
    for line in source.splitlines():
        mark = line.strip()
        if mark.startswith(BEGIN):
            if inside:
                raise LessonError(f"{where}: nested '{BEGIN}'")
            inside, indent = True, line[: len(line) - len(line.lstrip())]
            out.extend(indent + s for s in stub.splitlines())
        elif mark.startswith(END):
            if not inside:
                raise LessonError(f"{where}: '{END}' without '{BEGIN}'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise LessonError(f"{where}: '{BEGIN}' is never closed")
    return "\n".join(out)


def clean(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def learner_copy(solution_path):
    import nbformat
    return learner_copy_of(clean(nbformat.read(str(solution_path), as_version=4)), solution_path.name)


def learner_copy_of(nb, name):
    """The learner's copy of a solved notebook `nb` (named `name` in error messages): solution regions
    replaced by their stubs, solution-only cells dropped."""
    learner = copy.deepcopy(nb)
    learner.cells = []
    for i, cell in enumerate(nb.cells):
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code" and BEGIN in cell.source:
            stub = cell.metadata.get("trainwell", {}).get("stub", DEFAULT_STUB)
            cell.source = strip_solution(cell.source, stub, f"{name}, cell {i}")
        learner.cells.append(cell)
    return learner


# Decimals, percentages and ratios: the shapes a measured number takes in prose. Version numbers (1.2.3,
# 3.11.7: never their "3.1"), section numbers (§3.2) and numbers inside identifiers are not matched.
NUMBER = re.compile(r"(?<![\w.§/:-])(\d+\.\d+(?:\s?%|\s?[x×](?![\w^{]))?|\d+\s?%|\d+\s?[x×](?![\w^{]))(?!\d)(?![\w.]\d)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def typed_numbers(cell):
    """The numbers of shape NUMBER in a Markdown cell (not in link targets or comments)."""
    text = LINK_TARGET.sub("]()", HTML_COMMENT.sub("", cell.source))
    return [m.group(1) for m in NUMBER.finditer(text)]


def unlisted_numbers(path):
    """[(cell index, number, context)] for typed numbers that the cell's `trainwell.typed` does not list."""
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        allowed = {re.sub(r"\s", "", a) for a in cell.metadata.get("trainwell", {}).get("typed", [])}
        for n in typed_numbers(cell):
            if re.sub(r"\s", "", n) not in allowed and re.sub(r"\s?[%x×]$", "", n) not in allowed:
                k = cell.source.find(n)
                found.append((i, n, cell.source[max(0, k - 50):k + len(n) + 30].replace("\n", " ")))
    return found


# The lessons whose Markdown has been audited and is checked; a lesson joins once its prose is written
# from its run (the capstone, 07, joins with its rewrite).
CHECKED_PROSE = ("00-", "01-", "02-", "03-", "04-", "05-", "06-", "07-", "08-", "09-")


def lessons_with_prose(root=ROOT):
    """The notebooks whose Markdown `check` audits: every solved lesson and the learner copy of 00-welcome
    (it has no solved copy), of the lessons in CHECKED_PROSE."""
    paths = solutions(root) + sorted((root / "notebooks").glob("00-*.ipynb"))
    return [p for p in paths if p.name.startswith(CHECKED_PROSE)]


def dirty(path):
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    return any(c.cell_type == "code" and (c.outputs or c.execution_count) for c in nb.cells)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    import nbformat
    if argv and argv[0] == "numbers":
        paths = [Path(a) for a in argv[1:]] or lessons_with_prose()
        for path in paths:
            for i, n, context in unlisted_numbers(path):
                print(f"{path.name} cell {i}: {n!r} in ...{context}...")
        return 0
    if len(argv) != 1 or argv[0] not in ("build", "check", "clean"):
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[0]
    problems = []
    if cmd == "clean":
        for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts and dirty(path):
                nbformat.write(clean(nbformat.read(str(path), as_version=4)), str(path))
                print(f"cleaned {path.relative_to(ROOT)}")
        return 0
    for sol in solutions():
        target = NOTEBOOKS / sol.name
        try:
            expected = nbformat.writes(learner_copy(sol)) + "\n"
        except LessonError as e:
            problems.append(str(e))
            continue
        if cmd == "build":
            if not target.exists() or target.read_text() != expected:
                target.write_text(expected)
                print(f"wrote {target.relative_to(ROOT)}")
        elif not target.exists() or target.read_text() != expected:
            problems.append(f"{target.relative_to(ROOT)} is not generated from {sol.relative_to(ROOT)}: "
                            f"run bin/lessons.py build")
    if cmd == "check":
        for path in lessons_with_prose():
            for i, n, context in unlisted_numbers(path):
                problems.append(f"{path.relative_to(ROOT)}, cell {i}: the number {n!r} is typed into Markdown "
                                f"(...{context}...): print it from the run, or list it in the cell's "
                                f"metadata trainwell.typed if it is a paper's fact, a setting or a definition")
        for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts and dirty(path):
                problems.append(f"{path.relative_to(ROOT)} holds outputs: run bin/lessons.py clean")
    for p in problems:
        print(f"lessons: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
