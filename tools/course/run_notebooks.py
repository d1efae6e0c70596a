"""Executes the course's notebooks headlessly with the real Java kernel and reports on each.

Every notebook runs in its own kernel. A notebook fails when any cell produces an error output;
the failure names the notebook, the cell and the error. It also fails when rich output fell back to
text: a chart printed as "[image WxH]", a notebook that draws charts without any image/png output or
shows tables without any text/html output, or Environment.check() reporting the kernel as "console".
Every claim of a lesson (trainwell.claims.Claim) must hold: the kernel runs with
TRAINWELL_CLAIMS_STRICT, and the claims it logs are counted. In a solved lesson, every exercise check is
also fed the learner's untouched stub and each wrong answer listed in the cell's metadata
(`trainwell.wrong`), and must reject each of them. Only a kernel start that never answered is retried
(a safety net: kernel/ fixes rapaio's start-up races); a failed cell is never retried. Each notebook has
a time limit (600 s: generous, the lessons aim at 120 s on 2 cores and a slow machine should not fail them)
and a memory limit: a kernel whose peak resident memory exceeds 1,024 MB fails the notebook (the course's
line: a lesson fits Binder's 1-2 GB). The report (notebook, seconds, peak kernel memory, kernel-start retries, result, image/png
and text/html outputs, claims held/checked, wrong answers rejected) is printed and written to
target/notebook-report.tsv; executed copies go to target/executed/ (for the rendered site).

Usage: bin/run_notebooks.py [NOTEBOOK ...] [--kernel NAME] [--timeout S] [--memory-limit MB]
                            [--startup-timeout S] [--retries N]
With no notebook, runs notebooks/*.ipynb then notebooks/solutions/*.ipynb.
Without --kernel, the course's own `java` kernel (bin/setup, in target/jupyter) runs them. --kernel NAME runs
them on another installed kernelspec (`jupyter kernelspec list`), e.g. JJava or IJava set up as the README
says; its report goes to target/notebook-report-NAME.tsv, its executed copies to target/executed-NAME/.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from . import paths
from .paths import KERNEL, display_path, use_course_kernels

ENTRY = paths.BIN / "run_notebooks.py"   # the command; each notebook runs in a child process of it


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


def first_line(text, limit=300):
    text = (text or "").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit] + "..."


def strip_ansi(s):
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


class KernelNeverAnswered(Exception):
    """The kernel started but never answered kernel_info within the start-up timeout (or died first)."""


def start_kernel(kernel, env, log, cwd, startup_timeout):
    """Starts a kernel and waits until it answers; returns (manager, client) or raises KernelNeverAnswered."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name=kernel)
    run_sync(km.start_kernel)(env=env, stdout=log, stderr=log, cwd=cwd)
    kc = km.client()
    kc.allow_stdin = False   # headless: a cell that asks for input fails instead of waiting for an answer
    kc.start_channels()
    try:
        run_sync(kc.wait_for_ready)(timeout=startup_timeout)
    except (RuntimeError, TimeoutError) as e:
        stop_kernel(km, kc)
        raise KernelNeverAnswered(str(e)) from e
    return km, kc


def stop_kernel(km, kc):
    """Stops the client's channels and shuts the kernel down (idempotent; None is ignored)."""
    from jupyter_core.utils import run_sync

    if kc is not None:
        kc.stop_channels()
    if km is not None and run_sync(km.is_alive)():
        run_sync(km.shutdown_kernel)(now=True)


def execute_one(path, out_path, cell_timeout, startup_timeout, retries, kernel=KERNEL):
    """Runs one notebook in this process; returns a result dict (never raises for notebook errors)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    result = {"notebook": display_path(path), "retries": 0, "peak_mb": None,
              "result": "error", "detail": ""}
    log_dir = paths.kernel_logs(kernel)
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / (path.stem + ".log"), "w")  # the kernel's own chatter stays out of the report
    try:
        claims_log = paths.claims_log(path)
        claims_log.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(retries + 1):
            nb = nbformat.read(str(path), as_version=4)
            state = {"cell": None, "pid": None}
            km = kc = None

            def on_start(cell, cell_index, state=state):
                state["cell"] = cell_index

            def on_done(cell, cell_index, state=state, **_):
                # VmHWM only grows, so reading it after every cell, before the kernel is shut down, gives the peak.
                peak = peak_rss_mb(state["pid"]) if state["pid"] else None
                if peak is not None:
                    result["peak_mb"] = peak

            claims_log.unlink(missing_ok=True)
            try:
                env = dict(os.environ)
                # A claim of the lesson that does not hold fails the notebook, in both copies.
                env["TRAINWELL_CLAIMS_STRICT"] = "true"
                env["TRAINWELL_CLAIMS_LOG"] = str(claims_log)
                solved = "solutions" in path.parts
                if solved:
                    # Solved lessons: an exercise check that fails (or is unsolved) must fail the run.
                    env["TRAINWELL_EXERCISES_STRICT"] = "true"
                trials = wrong_answer_trials(nb) if solved else {}
                # The runner owns the kernel (public jupyter_client API): it starts it, waits until it answers
                # and shuts it down, so a kernel that never answers leaves nothing behind (no exit hooks).
                # The client is given the running kernel's manager (NotebookClient(km=...): it does not own
                # it, so it never shuts it down) and its ready client.
                km, kc = start_kernel(kernel, env, log, str(path.parent), startup_timeout)
                state["pid"] = km.provisioner.process.pid
                client = NotebookClient(nb, km=km, timeout=int(cell_timeout),
                                        startup_timeout=int(startup_timeout), allow_errors=False,
                                        record_timing=True, kernel_name=kernel,
                                        resources={"metadata": {"path": str(path.parent)}},
                                        on_cell_start=on_start, on_cell_complete=on_done, on_cell_error=on_done)
                client.kc = kc
                with client.setup_kernel():
                    for index, cell in enumerate(nb.cells):
                        client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                        if index in trials:
                            rejected = try_wrong_answers(client, nb, trials[index], state)
                            result["wrong_answers"] = result.get("wrong_answers", 0) + rejected
                result["result"] = "pass"
            except WrongAnswerAccepted as e:
                result["detail"] = str(e)
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
            except KernelNeverAnswered as e:
                # The kernel never answered kernel_info (rapaio's startup race, or it died while
                # starting). Retry the start only; no cell has run.
                result["retries"] = attempt + 1
                if attempt < retries:
                    print(f"  kernel start failed ({e}); retry {attempt + 1} of {retries}", flush=True)
                    continue
                print(f"  kernel start failed ({e}); no retries left", flush=True)
                log.flush()
                tail = (log_dir / (path.stem + ".log")).read_text(errors="replace").strip().splitlines()[-5:]
                result["detail"] = (f"the kernel never answered in {retries + 1} starts; its log ends with: "
                                    + " | ".join(tail))
                return result
            finally:
                stop_kernel(km, kc)
            break
        result["claims"] = count_claims(claims_log)
        if result["result"] == "pass" and result["claims"][1] > result["claims"][0]:
            result["result"] = "error"
            result["detail"] = "a claim did not hold: " + first_line(claim_failures(claims_log)[0])
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
    finally:
        log.close()


class WrongAnswerAccepted(Exception):
    """A solved lesson's exercise check accepted a wrong answer (or the learner's untouched stub)."""


def wrong_answer_trials(nb):
    """{index of the last check cell: (solution cell index, [(label, source), ...], check cell indices)}.

    Every solution cell (one holding `// BEGIN SOLUTION`) is tried with the learner's stub and with each
    wrong answer of its metadata `trainwell.wrong` (each replaces the solution regions, as the stub does).
    Metadata `trainwell.check_cells` (default 0) counts the cells after it that hold the check.
    """
    from .lessons import BEGIN, DEFAULT_STUB, strip_solution
    trials = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or BEGIN not in cell.source:
            continue
        meta = cell.metadata.get("trainwell", {})
        answers = [("the learner's stub", meta.get("stub", DEFAULT_STUB))]
        answers += [(f"wrong answer {k + 1}", w) for k, w in enumerate(meta.get("wrong", []))]
        sources = [(label, strip_solution(cell.source, text, f"cell {i}")) for label, text in answers]
        checks = list(range(i + 1, i + 1 + int(meta.get("check_cells", 0))))
        trials[checks[-1] if checks else i] = (i, sources, checks)
    return trials


def try_wrong_answers(client, nb, trial, state):
    """Runs each wrong answer and its check in the live kernel; each must be rejected by the check
    (an ExerciseFailed error). Then runs the solution and its check again, so the notebook goes on as
    before. Returns how many wrong answers were rejected; raises WrongAnswerAccepted otherwise."""
    import copy
    from nbclient.exceptions import CellExecutionError
    solution, sources, checks = trial
    for label, source in sources:
        cells = [copy.deepcopy(nb.cells[solution])] + [copy.deepcopy(nb.cells[c]) for c in checks]
        cells[0].source = source
        rejected, why = False, "the check passed"
        for k, cell in enumerate(cells):
            cell.outputs = []
            try:
                client.execute_cell(cell, (solution, *checks)[k])
            except CellExecutionError:
                pass
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                text = " ".join([errors[0].get("ename", ""), errors[0].get("evalue", "")]
                                + errors[0].get("traceback", []))
                rejected = "ExerciseFailed" in text
                why = "it failed with " + first_line(strip_ansi(text)) if not rejected else ""
                break
        if not rejected:
            state["cell"] = solution
            raise WrongAnswerAccepted(f"cell {solution}: the exercise check did not reject {label} ({why})")
    for k, index in enumerate((solution, *checks)):
        restore = copy.deepcopy(nb.cells[index])
        client.execute_cell(restore, index)  # raises CellExecutionError if the solution no longer passes
    return len(sources)


def count_claims(claims_log):
    """(claims that held, claims checked) in one notebook run."""
    if not claims_log.exists():
        return (0, 0)
    lines = [l for l in claims_log.read_text(encoding="utf-8").splitlines() if l.strip()]
    return (sum(l.startswith("holds\t") for l in lines), len(lines))


def claim_failures(claims_log):
    return [l.split("\t", 1)[1] for l in claims_log.read_text(encoding="utf-8").splitlines()
            if l.startswith("fails\t")] or [""]


def claims_text(r):
    held, checked = r.get("claims", (0, 0))
    return f"{held}/{checked}"


REPORT_COLUMNS = ["notebook", "seconds", "peak_kernel_mb", "kernel_start_retries", "result", "image_png",
                  "text_html", "claims", "wrong_answers_rejected", "kernel", "detail"]


def report_tsv(rows):
    """The report file's text: a header of REPORT_COLUMNS and one tab-separated line per notebook (an
    unknown peak is left empty; tabs and line breaks inside a detail become spaces)."""
    lines = ["\t".join(REPORT_COLUMNS)]
    for r in rows:
        detail = " ".join(str(r.get("detail", "")).split())
        lines.append("\t".join([r["notebook"], f"{r['seconds']:.1f}",
                                f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "",
                                str(r["retries"]), r["result"], str(r.get("image_png", "")),
                                str(r.get("text_html", "")), claims_text(r), str(r.get("wrong_answers", 0)),
                                r.get("kernel_line", ""), detail]))
    return "\n".join(lines) + "\n"


def progress_line(res):
    """The line printed as each notebook finishes (and, for a failure, the notebook and the detail)."""
    peak = f"{res['peak_mb']:.0f} MB" if res.get("peak_mb") else "?"
    return (f"[notebooks] {res['notebook']}: {res['result'].upper()} in {res['seconds']:.1f} s, peak kernel memory "
            f"{peak}, kernel-start retries {res['retries']}, outputs: {res.get('image_png', 0)} image/png, "
            f"{res.get('text_html', 0)} text/html, Environment.check kernel: {res.get('kernel_line', '-')}"
            + (f"\n  {res['notebook']}, {res['detail']}" if res["result"] != "pass" else ""))


def summary(rows, kernel, report):
    """The summary printed at the end: a table, the claims and wrong answers in all, and the result line
    `notebooks: P passed, F failed` (bin/test and the self-test read it)."""
    width = max(len(r["notebook"]) for r in rows)
    out = ["", f"kernel '{kernel}'",
           f"{'notebook':<{width}}  {'seconds':>7}  {'peak MB':>7}  {'retries':>7}  {'png':>4}  {'html':>4}"
           f"  {'claims':>7}  {'wrong':>5}  result"]
    for r in rows:
        peak = f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "?"
        out.append(f"{r['notebook']:<{width}}  {r['seconds']:>7.1f}  {peak:>7}  {r['retries']:>7}  "
                   f"{r.get('image_png', '?'):>4}  {r.get('text_html', '?'):>4}  {claims_text(r):>7}"
                   f"  {r.get('wrong_answers', 0):>5}  {r['result']}")
    held = sum(r.get("claims", (0, 0))[0] for r in rows)
    checked = sum(r.get("claims", (0, 0))[1] for r in rows)
    out.append(f"claims: {held} of {checked} held; wrong exercise answers rejected: "
               f"{sum(r.get('wrong_answers', 0) for r in rows)} (claims = held/checked per notebook; "
               "wrong = wrong answers and untouched stubs that the solved lesson's checks rejected)")
    passed = sum(r["result"] == "pass" for r in rows)
    out.append(f"(report written to {display_path(report)})")
    out.append(f"notebooks: {passed} passed, {len(rows) - passed} failed")
    return "\n".join(out)


MEMORY_LIMIT_MB = 1024


def apply_limits(res, timeout, memory_mb):
    """Fails a passing notebook's result (in place) that took longer than `timeout` seconds ("timeout") or
    whose kernel peaked above `memory_mb` MB of resident memory ("memory"); an unknown peak passes."""
    if res["result"] != "pass":
        return res
    if res["seconds"] > timeout:
        res["result"] = "timeout"
        res["detail"] = f"took {res['seconds']:.0f} s, over the limit of {timeout:.0f} s"
    elif res.get("peak_mb") is not None and res["peak_mb"] > memory_mb:
        res["result"] = "memory"
        res["detail"] = f"peak kernel memory {res['peak_mb']:.0f} MB, over the limit of {memory_mb:.0f} MB"
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    ap.add_argument("--kernel", help="an installed kernelspec to run them on (default: the course's `java`)")
    ap.add_argument("--timeout", type=float, default=600, help="time limit per notebook, s (600)")
    ap.add_argument("--memory-limit", type=float, default=MEMORY_LIMIT_MB,
                    help=f"peak kernel memory allowed per notebook, MB ({MEMORY_LIMIT_MB})")
    ap.add_argument("--startup-timeout", type=float, default=20, help="wait for a kernel start, s (20)")
    ap.add_argument("--retries", type=int, default=6, help="restarts of a kernel that never answered (6)")
    ap.add_argument("--report", help="the report's path (target/notebook-report[-KERNEL].tsv)")
    ap.add_argument("--single", help=argparse.SUPPRESS)  # internal: run one notebook, write JSON here
    a = ap.parse_args()
    kernel = a.kernel or KERNEL
    use_course_kernels(a.kernel is None)

    if a.single:
        path = Path(a.notebooks[0]).resolve()
        res = execute_one(path, paths.executed_copy(path, a.kernel), a.timeout, a.startup_timeout, a.retries,
                          kernel)
        Path(a.single).write_text(json.dumps(res))
        return 0

    try:
        notebooks = paths.find_notebooks(a.notebooks, "run_notebooks")
    except paths.NotANotebook as e:
        sys.exit(str(e))
    if not notebooks:
        sys.exit("run_notebooks: no notebooks found")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        names = ", ".join(sorted(KernelSpecManager().find_kernel_specs())) or "none"
        sys.exit(f"run_notebooks: no kernelspec named '{kernel}' (installed: {names}); "
                 + ("run bin/setup" if a.kernel is None else "see `jupyter kernelspec list`"))
    print(f"[notebooks] kernel '{kernel}': {spec.display_name} ({display_path(spec.resource_dir)})", flush=True)
    report = Path(a.report) if a.report else paths.notebook_report(a.kernel)
    rows = []
    for path in notebooks:
        rel = display_path(path)
        print(f"[notebooks] {rel} ...", flush=True)
        tmp = paths.TARGET / f".nbresult-{os.getpid()}.json"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        start = time.monotonic()
        cmd = [sys.executable, str(ENTRY), str(path), "--single", str(tmp),
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
        apply_limits(res, a.timeout, a.memory_limit)
        rows.append(res)
        print(progress_line(res), flush=True)
        if res.get("traceback"):
            print("  " + "\n  ".join(res["traceback"].splitlines()[:25]), flush=True)

    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(report_tsv(rows))
    print(summary(rows, kernel, report))
    return 0 if all(r["result"] == "pass" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
