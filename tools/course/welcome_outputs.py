"""Checks that the executed welcome notebook shows rich output: a PNG plot and an HTML table.

The kernels differ in how they render values, so this guards the display helper (trainwell.notebook.Show)
end to end: if a kernel change made charts or tables fall back to text, the notebook would still "pass".
"""
import sys

import nbformat

from . import paths

EXECUTED = paths.executed_copy(paths.NOTEBOOKS / "00-welcome.ipynb")


def main():
    if not EXECUTED.exists():
        print(f"welcome outputs: {EXECUTED} not found (run the notebooks first)")
        return 1
    nb = nbformat.read(str(EXECUTED), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    tables = [o for o in outputs if "<table" in o.get("data", {}).get("text/html", "")]
    ok = len(pngs) >= 1 and len(tables) >= 1
    print(f"welcome outputs: {len(pngs)} image/png, {len(tables)} HTML table(s): {'ok' if ok else 'MISSING'}")
    print(f"welcome outputs: {1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
