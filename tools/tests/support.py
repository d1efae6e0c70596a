"""Shared by the tooling's unit tests: puts tools/ on the path, builds notebook cells and small course trees.

Run: python3 -m unittest discover -s tools/tests   (bin/test runs them under the system Python).
Tests that read or write notebooks need nbformat: without it they are skipped, except under bin/test, which
sets COURSE_TOOLS_STRICT=1 so that a missing nbformat fails them instead (the test command skips nothing).
"""
import importlib.util
import os
import sys
import tempfile
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1]
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

HAS_NBFORMAT = importlib.util.find_spec("nbformat") is not None


def requires_nbformat(test):
    """Skips a test without nbformat, unless COURSE_TOOLS_STRICT=1 (then the test runs and fails)."""
    if HAS_NBFORMAT or os.environ.get("COURSE_TOOLS_STRICT") == "1":
        return test
    return unittest.skip("nbformat is not installed for this Python (use /usr/bin/python3)")(test)


def md(text, kind=None, **trainwell):
    cell = {"cell_type": "markdown", "metadata": {}, "source": text, "id": f"m{abs(hash(text)) % 10**8}"}
    if kind:
        cell["metadata"]["slideshow"] = {"slide_type": kind}
    if trainwell:
        cell["metadata"]["trainwell"] = trainwell
    return cell


def code(text, tags=None, **trainwell):
    cell = {"cell_type": "code", "metadata": {}, "source": text, "outputs": [], "execution_count": None,
            "id": f"c{abs(hash(text)) % 10**8}"}
    if tags:
        cell["metadata"]["tags"] = list(tags)
    if trainwell:
        cell["metadata"]["trainwell"] = trainwell
    return cell


def notebook(*cells):
    """A NotebookNode (attribute access, as nbformat.read gives) of the cells."""
    import nbformat
    return nbformat.from_dict({"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


class TempTree(unittest.TestCase):
    """A test with a temporary folder (self.root) and a helper that writes files into it."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.root = Path(tmp.name).resolve()

    def write(self, relative, text=""):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path
