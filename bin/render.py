#!/usr/bin/python3
"""bin/render.py: the command lives in tools/course/render.py (run with --help, or see its docstring)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from course.render import main  # noqa: E402

sys.exit(main())
