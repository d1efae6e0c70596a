#!/usr/bin/env python3
"""bin/kernel_json.py: the command lives in tools/course/kernelspec.py (run with --help, or see its docstring)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from course.kernelspec import main  # noqa: E402

sys.exit(main())
