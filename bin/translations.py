#!/usr/bin/python3
"""bin/translations.py: the command lives in tools/course/translations.py (run with --help, or see its docstring)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from course.translations import main  # noqa: E402

sys.exit(main())
