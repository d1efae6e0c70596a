#!/usr/bin/python3
"""Keeps the two copies of each lesson in step: the solved notebook is the one source of truth.

notebooks/solutions/NN-name.ipynb holds the lesson with its exercises solved. The learner's copy,
notebooks/NN-name.ipynb, is generated from it: in every code cell, each region between the lines
`// BEGIN SOLUTION` and `// END SOLUTION` is replaced by the cell's stub (cell metadata
`trainwell.stub`, default `// Your code here.`), and cells tagged `solution-only` are dropped.
Both copies are written clean (no outputs, no execution counts).

Usage:
  bin/lessons.py build    write every learner copy from its solution
  bin/lessons.py check    fail if a learner copy is stale or any notebook holds outputs
  bin/lessons.py clean    remove outputs and execution counts from every notebook
"""
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
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
    nb = clean(nbformat.read(str(solution_path), as_version=4))
    learner = copy.deepcopy(nb)
    learner.cells = []
    for i, cell in enumerate(nb.cells):
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code" and BEGIN in cell.source:
            stub = cell.metadata.get("trainwell", {}).get("stub", DEFAULT_STUB)
            cell.source = strip_solution(cell.source, stub, f"{solution_path.name}, cell {i}")
        learner.cells.append(cell)
    return learner


def dirty(path):
    nb = nbformat.read(str(path), as_version=4)
    return any(c.cell_type == "code" and (c.outputs or c.execution_count) for c in nb.cells)


def main(argv):
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
    for sol in sorted(SOLUTIONS.glob("*.ipynb")):
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
        for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts and dirty(path):
                problems.append(f"{path.relative_to(ROOT)} holds outputs: run bin/lessons.py clean")
    for p in problems:
        print(f"lessons: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
