#!/usr/bin/python3
"""Executes the course's notebooks headlessly with the real Java kernel and reports on each.

Every notebook runs in its own kernel. A notebook fails when any cell produces an error output;
the failure names the notebook, the cell and the error. It also fails when rich output fell back to
text: a chart printed as "[image WxH]", a notebook that draws charts without any image/png output or
shows tables without any text/html output, or Environment.check() reporting the kernel as "console".
Only a kernel start that never answered is retried (rapaio's startup race, see docs); a failed cell is
never retried. Each notebook has a time limit. The report (notebook, seconds, peak kernel memory,
image/png and text/html outputs, result) is printed and written to
target/notebook-report.tsv; executed copies go to target/executed/ (for the rendered site).

Usage: bin/run_notebooks.py [NOTEBOOK ...] [--kernel NAME] [--timeout S] [--startup-timeout S] [--retries N]
With no notebook, runs notebooks/*.ipynb then notebooks/solutions/*.ipynb.
Without --kernel, the course's own `java` kernel (bin/setup, in target/jupyter) runs them. --kernel NAME runs
them on another installed kernelspec (`jupyter kernelspec list`), e.g. JJava or IJava set up as the README
says; its report goes to target/notebook-report-NAME.tsv, its executed copies to target/executed-NAME/.
"""
import argparse
import atexit
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "java"  # the course's kernel (rapaio, registered by bin/setup in target/jupyter)
COURSE_KERNELS = str(ROOT / "target" / "jupyter")


def use_course_kernels(on):
    """Puts the course-local Jupyter folder first on JUPYTER_PATH (on), or takes it off (off), so that
    --kernel NAME finds the user's own kernelspec even when it is also called `java`."""
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != COURSE_KERNELS]
    if on:
        paths.insert(0, COURSE_KERNELS)
    if paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    else:
        os.environ.pop("JUPYTER_PATH", None)


FALLBACK_IMAGE = re.compile(r"\[image \d+x\d+\]")          # what Show.image prints outside a kernel
KERNEL_LINE = re.compile(r"^Kernel[ \t]+(\S+)[ \t]*$", re.M)   # the line of Environment.check()
MAKES_CHARTS = re.compile(r"\.show\(\)|Show\.(chart|image)\(")
MAKES_HTML = re.compile(r"Show\.(table|html|markdown)\(")


class KernelStartTimeout(Exception):
    """The kernel process started but never answered kernel_info."""


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of a live process, in MB, or None. A kernel started through a
    launcher (JJava's starts a second JVM) is its largest descendant, so descendants count too."""
    peak = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024.0
    except OSError:
        return None
    for child in children(pid):
        c = peak_rss_mb(child)
        if c is not None and (peak is None or c > peak):
            peak = c
    return peak


def children(pid):
    """The child process ids of a live process (Linux /proc)."""
    ids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                ids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return ids


def display_path(p):
    """A path relative to the course folder when it lies inside it."""
    p = Path(p).resolve()
    return str(p.relative_to(ROOT)) if ROOT in p.parents else str(p)


def first_line(text, limit=300):
    text = (text or "").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit] + "..."


def strip_ansi(s):
    import re
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


def cell_texts(cell):
    """The texts a cell shows where no richer MIME type is shown: its stdout and stderr (each joined, as a
    kernel may split a line over several stream messages), and every text/plain shown alone."""
    streams = {}
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            streams[out.get("name")] = streams.get(out.get("name"), "") + out.get("text", "")
        else:
            data = out.get("data", {})
            if "image/png" not in data and "text/html" not in data:
                texts.append(data.get("text/plain", ""))
    return streams, texts


def check_rich_output(nb, result):
    """Counts image/png and text/html outputs into result; returns what fell back to text (the first
    of each kind, joined), or None."""
    png = html = 0
    problems = {}
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            png += "image/png" in data
            html += "text/html" in data
        streams, texts = cell_texts(cell)
        m = KERNEL_LINE.search(streams.get("stdout", ""))
        if m:
            result["kernel_line"] = m.group(1)
            if m.group(1) == "console":
                problems.setdefault("kernel", f"cell {i}: Environment.check() reports the kernel as 'console': "
                                              "the library did not find this kernel's display API")
        for text in [*streams.values(), *texts]:
            m = FALLBACK_IMAGE.search(text)
            if m:
                problems.setdefault("image", f"cell {i}: a chart fell back to text ('{m.group(0)}') "
                                             "instead of image/png")
    result["image_png"], result["text_html"] = png, html
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    if MAKES_CHARTS.search(code) and png == 0:
        problems["png"] = "the notebook draws charts but has no image/png output"
    if MAKES_HTML.search(code) and html == 0:
        problems["html"] = "the notebook shows tables or HTML but has no text/html output"
    return "; ".join(problems.values()) or None


def execute_one(path, out_path, cell_timeout, startup_timeout, retries, kernel=KERNEL):
    """Runs one notebook in this process; returns a result dict (never raises for notebook errors)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    result = {"notebook": display_path(path), "retries": 0, "peak_mb": None,
              "result": "error", "detail": ""}
    log_dir = ROOT / "target" / ("kernel-logs" if kernel == KERNEL else f"kernel-logs-{kernel}")
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / (path.stem + ".log"), "w")  # the kernel's own chatter stays out of the report
    for attempt in range(retries + 1):
        nb = nbformat.read(str(path), as_version=4)
        state = {"cell": None, "pid": None}
        client = NotebookClient(nb, timeout=int(cell_timeout), startup_timeout=int(startup_timeout),
                                allow_errors=False, record_timing=True, kernel_name=kernel,
                                resources={"metadata": {"path": str(path.parent)}})

        def on_start(cell, cell_index, client=client, state=state):
            state["cell"] = cell_index
            if state["pid"] is None:
                state["pid"] = client.km.provisioner.process.pid

        def on_done(cell, cell_index, state=state, **_):
            # VmHWM only grows, so reading it after every cell, before the kernel is shut down, gives the peak.
            peak = peak_rss_mb(state["pid"]) if state["pid"] else None
            if peak is not None:
                result["peak_mb"] = peak

        client.on_cell_start = on_start
        client.on_cell_complete = on_done
        client.on_cell_error = on_done
        try:
            env = dict(os.environ)
            if "solutions" in path.parts:
                # Solved lessons: an exercise check that fails (or is unsolved) must fail the run.
                env["TRAINWELL_EXERCISES_STRICT"] = "true"
            client.execute(stdout=log, stderr=log, env=env)
            result["result"] = "pass"
        except CellTimeoutError:
            result["detail"] = f"cell {state['cell']}: timed out after {cell_timeout:.0f} s"
        except CellExecutionError as e:
            idx = state["cell"]
            err = None
            if idx is not None:
                for out in nb.cells[idx].get("outputs", []):
                    if out.get("output_type") == "error":
                        err = out
            if err is not None:
                msg = f"{err.get('ename', '')}: {err.get('evalue', '')}".strip(": ")
                tb = strip_ansi("\n".join(err.get("traceback", [])))
                result["detail"] = f"cell {idx}: {first_line(msg) or first_line(tb)}"
                result["traceback"] = tb
            else:
                result["detail"] = f"cell {idx}: {first_line(strip_ansi(str(e)))}"
        except RuntimeError as e:
            if state["cell"] is None and ("didn't respond" in str(e) or "died before replying" in str(e)):
                # nbclient already killed the silent kernel; drop its exit hook, which would fail on it.
                atexit.unregister(client._cleanup_kernel)
                # The kernel never answered kernel_info (rapaio's startup race, or it died while
                # starting). Retry the start only; no cell has run.
                result["retries"] = attempt + 1
                print(f"  kernel start failed ({e}); retry {attempt + 1} of {retries}", flush=True)
                if attempt < retries:
                    continue
                log.flush()
                tail = (log_dir / (path.stem + ".log")).read_text(errors="replace").strip().splitlines()[-5:]
                result["detail"] = (f"the kernel never answered in {retries + 1} starts; its log ends with: "
                                    + " | ".join(tail))
                return result
            raise
        break
    # Any error output anywhere (e.g. a cell run with allow_errors in its metadata) fails the notebook.
    if result["result"] == "pass":
        for i, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    result["result"] = "error"
                    result["detail"] = f"cell {i}: {out.get('ename')}: {first_line(out.get('evalue'))}"
                    break
            if result["result"] != "pass":
                break
    if result["result"] == "pass":
        problem = check_rich_output(nb, result)
        if problem:
            result["result"] = "text-fallback"
            result["detail"] = problem
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out_path))
    return result


def find_notebooks(args):
    if args:
        paths = []
        for a in args:
            p = Path(a).resolve()
            if not p.exists():
                sys.exit(f"run_notebooks: no such notebook: {a}")
            paths.append(p)
        return paths
    nbdir = ROOT / "notebooks"
    return sorted(nbdir.glob("*.ipynb")) + sorted((nbdir / "solutions").glob("*.ipynb"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    ap.add_argument("--kernel", help="an installed kernelspec to run them on (default: the course's `java`)")
    ap.add_argument("--timeout", type=float, default=600, help="time limit per notebook, s (600)")
    ap.add_argument("--startup-timeout", type=float, default=20, help="wait for a kernel start, s (20)")
    ap.add_argument("--retries", type=int, default=6, help="restarts of a kernel that never answered (6)")
    ap.add_argument("--report", help="the report's path (target/notebook-report[-KERNEL].tsv)")
    ap.add_argument("--single", help=argparse.SUPPRESS)  # internal: run one notebook, write JSON here
    a = ap.parse_args()
    kernel = a.kernel or KERNEL
    suffix = "" if a.kernel is None else f"-{a.kernel}"
    use_course_kernels(a.kernel is None)

    if a.single:
        path = Path(a.notebooks[0]).resolve()
        nbdir = ROOT / "notebooks"
        out = (ROOT / "target" / f"executed{suffix}" / path.relative_to(nbdir) if nbdir in path.parents
               else ROOT / "target" / f"executed-other{suffix}" / path.name)
        res = execute_one(path, out, a.timeout, a.startup_timeout, a.retries, kernel)
        Path(a.single).write_text(json.dumps(res))
        return 0

    paths = find_notebooks(a.notebooks)
    if not paths:
        sys.exit("run_notebooks: no notebooks found")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        names = ", ".join(sorted(KernelSpecManager().find_kernel_specs())) or "none"
        sys.exit(f"run_notebooks: no kernelspec named '{kernel}' (installed: {names}); "
                 + ("run bin/setup" if a.kernel is None else "see `jupyter kernelspec list`"))
    print(f"[notebooks] kernel '{kernel}': {spec.display_name} ({display_path(spec.resource_dir)})", flush=True)
    report = Path(a.report or ROOT / "target" / f"notebook-report{suffix}.tsv")
    rows = []
    for path in paths:
        rel = display_path(path)
        print(f"[notebooks] {rel} ...", flush=True)
        tmp = ROOT / "target" / f".nbresult-{os.getpid()}.json"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        start = time.monotonic()
        cmd = [sys.executable, __file__, str(path), "--single", str(tmp),
               "--timeout", str(a.timeout), "--startup-timeout", str(a.startup_timeout),
               "--retries", str(a.retries)] + (["--kernel", a.kernel] if a.kernel else [])
        try:
            # The child's own per-cell limit is the notebook limit; this outer limit kills a stuck run.
            subprocess.run(cmd, timeout=a.timeout + (a.retries + 1) * a.startup_timeout + 30, check=False,
                           start_new_session=True)
            res = json.loads(tmp.read_text()) if tmp.exists() else {
                "notebook": str(rel), "retries": 0, "peak_mb": None, "result": "error",
                "detail": "the runner died without a result"}
        except subprocess.TimeoutExpired:
            res = {"notebook": str(rel), "retries": 0, "peak_mb": None, "result": "timeout",
                   "detail": f"over the time limit of {a.timeout:.0f} s"}
        tmp.unlink(missing_ok=True)
        res["seconds"] = time.monotonic() - start
        if res["result"] == "pass" and res["seconds"] > a.timeout:
            res["result"] = "timeout"
            res["detail"] = f"took {res['seconds']:.0f} s, over the limit of {a.timeout:.0f} s"
        rows.append(res)
        peak = f"{res['peak_mb']:.0f} MB" if res.get("peak_mb") else "?"
        print(f"[notebooks] {rel}: {res['result'].upper()} in {res['seconds']:.1f} s, peak kernel memory "
              f"{peak}, kernel-start retries {res['retries']}, outputs: {res.get('image_png', 0)} image/png, "
              f"{res.get('text_html', 0)} text/html, Environment.check kernel: {res.get('kernel_line', '-')}"
              + (f"\n  {res['notebook']}, {res['detail']}" if res["result"] != "pass" else ""), flush=True)
        if res.get("traceback"):
            print("  " + "\n  ".join(res["traceback"].splitlines()[:25]), flush=True)

    report.parent.mkdir(parents=True, exist_ok=True)
    lines = ["notebook\tseconds\tpeak_kernel_mb\tkernel_start_retries\tresult\timage_png\ttext_html\t"
             "kernel\tdetail"]
    for r in rows:
        lines.append("\t".join([r["notebook"], f"{r['seconds']:.1f}",
                                f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "",
                                str(r["retries"]), r["result"], str(r.get("image_png", "")),
                                str(r.get("text_html", "")), r.get("kernel_line", ""), r.get("detail", "")]))
    report.write_text("\n".join(lines) + "\n")
    width = max(len(r["notebook"]) for r in rows)
    print()
    print(f"kernel '{kernel}'")
    print(f"{'notebook':<{width}}  {'seconds':>7}  {'peak MB':>7}  {'retries':>7}  {'png':>4}  {'html':>4}  result")
    for r in rows:
        peak = f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "?"
        print(f"{r['notebook']:<{width}}  {r['seconds']:>7.1f}  {peak:>7}  {r['retries']:>7}  "
              f"{r.get('image_png', '?'):>4}  {r.get('text_html', '?'):>4}  {r['result']}")
    passed = sum(r["result"] == "pass" for r in rows)
    failed = len(rows) - passed
    print(f"(report written to {display_path(report)})")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
