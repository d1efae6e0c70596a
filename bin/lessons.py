#!/usr/bin/python3
"""bin/lessons.py: the command lives in tools/course/lessons.py (run with --help, or see its docstring)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from course.lessons import main  # noqa: E402

sys.exit(main())
