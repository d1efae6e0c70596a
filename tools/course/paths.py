"""The repository's folders and files, named once, and notebook discovery.

Every path the tools use is derived from ROOT here; nothing else in the package spells `target/` or
`notebooks/`. Functions take the root as an argument (default ROOT) where tests need another tree.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "bin"
TOOLS = ROOT / "tools"
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
POM = ROOT / "pom.xml"
RENDER_ASSETS = BIN / "render-assets"
RUNNER_FIXTURES = TOOLS / "tests" / "runner"   # notebooks the runner's self-test must fail or pass

TARGET = ROOT / "target"
COURSE_KERNELS = TARGET / "jupyter"            # the course-local Jupyter data folder (JUPYTER_PATH)
KERNEL_DIR = COURSE_KERNELS / "kernels" / "java"
SITE = TARGET / "site"
SLIDES = SITE / "slides"
SCREENSHOTS = TARGET / "screenshots"
RENDER_NPM = TARGET / "render-npm"
RENDER_RUNS = TARGET / "render-runs.json"      # the run time of each executed copy, kept across reports
RENDER_REPORT = TARGET / "render-report.tsv"
CLAIMS = TARGET / "claims"
SELFTEST_REPORT = TARGET / "selftest-report.tsv"
LIB_STAMP = ROOT / "lib" / "target" / ".built"  # bin/common.sh's STAMP: the library was built

KERNEL = "java"   # the course's kernel (rapaio, registered by bin/setup in target/jupyter)


def suffix(kernel=None):
    """'' for the course's kernel, '-NAME' for another kernelspec: the reports and copies of each stay apart."""
    return "" if kernel in (None, KERNEL) else f"-{kernel}"


def executed_dir(kernel=None, root=ROOT):
    """Where the runner writes executed copies (target/executed, target/executed-NAME)."""
    return root / "target" / f"executed{suffix(kernel)}"


def notebook_report(kernel=None, root=ROOT):
    """The runner's report (target/notebook-report.tsv, target/notebook-report-NAME.tsv)."""
    return root / "target" / f"notebook-report{suffix(kernel)}.tsv"


def kernel_logs(kernel=None, root=ROOT):
    """The kernels' own output, one file per notebook (target/kernel-logs, target/kernel-logs-NAME)."""
    return root / "target" / ("kernel-logs" if suffix(kernel) == "" else f"kernel-logs{suffix(kernel)}")


def executed_copy(notebook, kernel=None, root=ROOT):
    """The executed copy of a notebook: the same relative path under executed_dir for a course notebook
    (target/executed/solutions/03-x.ipynb), target/executed-other[-NAME]/<name> for any other."""
    notebook = Path(notebook).resolve()
    nbdir = root / "notebooks"
    if nbdir in notebook.parents:
        return executed_dir(kernel, root) / notebook.relative_to(nbdir)
    return root / "target" / f"executed-other{suffix(kernel)}" / notebook.name


def claims_log(notebook, root=ROOT):
    """The claims a notebook's run logged (target/claims/<folder>-<name>.tsv: the two copies apart)."""
    notebook = Path(notebook)
    return root / "target" / "claims" / f"{notebook.parent.name}-{notebook.stem}.tsv"


def notebooks(root=ROOT):
    """Every lesson notebook in the course's order: the learner copies (notebooks/*.ipynb), then the solved
    ones (notebooks/solutions/*.ipynb), each sorted by name; checkpoints are not lessons."""
    nbdir = root / "notebooks"
    return sorted(nbdir.glob("*.ipynb")) + sorted((nbdir / "solutions").glob("*.ipynb"))


def solutions(root=ROOT):
    """The solved lessons, sorted by name."""
    return sorted((root / "notebooks" / "solutions").glob("*.ipynb"))


class NotANotebook(ValueError):
    """A notebook named on a command line that does not exist or is not where the command needs it."""


def find_notebooks(args, tool, inside_course=False, root=ROOT):
    """The notebooks a command works on: those named (resolved; each must exist, and lie under notebooks/
    when inside_course), else every lesson (notebooks()). Raises NotANotebook naming the tool and the path."""
    if not args:
        return notebooks(root)
    found = []
    nbdir = (root / "notebooks").resolve()
    for a in args:
        p = Path(a).resolve()
        if not p.exists():
            raise NotANotebook(f"{tool}: no such notebook: {a}")
        if inside_course and nbdir not in p.parents:
            raise NotANotebook(f"{tool}: not a notebook of the course (under notebooks/): {p}")
        found.append(p)
    return found


def display_path(p, root=ROOT):
    """A path relative to the course folder when it lies inside it, else absolute."""
    p = Path(p).resolve()
    return str(p.relative_to(root)) if root in p.parents else str(p)


def use_course_kernels(on, environ=None):
    """Puts the course-local Jupyter folder first on JUPYTER_PATH (on), or takes it off (off), so that
    --kernel NAME finds the user's own kernelspec even when it is also called `java`."""
    environ = os.environ if environ is None else environ
    course = str(COURSE_KERNELS)
    paths = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != course]
    if on:
        paths.insert(0, course)
    if paths:
        environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    else:
        environ.pop("JUPYTER_PATH", None)


def cpus():
    """The cores this process may use (a container's CPU set respected)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
