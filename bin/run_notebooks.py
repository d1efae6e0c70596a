#!/usr/bin/python3
"""Executes the course's notebooks headlessly with the real Java kernel and reports on each.

Every notebook runs in its own kernel. A notebook fails when any cell produces an error output;
the failure names the notebook, the cell and the error. Only a kernel start that never answered is
retried (rapaio's startup race, see docs); a failed cell is never retried. Each notebook has a time
limit. Every claim of a lesson (trainwell.claims.Claim) must hold: the kernel runs with
TRAINWELL_CLAIMS_STRICT, and the claims it logs are counted. In a solved lesson, every exercise check is
also fed the learner's untouched stub and each wrong answer listed in the cell's metadata
(`trainwell.wrong`), and must reject each of them. The report (notebook, seconds, peak kernel memory,
claims held/checked, wrong answers rejected, result) is printed and written to
target/notebook-report.tsv; executed copies go to target/executed/ (for the rendered site).

Usage: bin/run_notebooks.py [NOTEBOOK ...] [--timeout S] [--startup-timeout S] [--retries N]
With no notebook, runs notebooks/*.ipynb then notebooks/solutions/*.ipynb.
"""
import argparse
import atexit
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "java"
# The course's kernel is registered in a course-local Jupyter folder (bin/setup); look there first.
_kernels = str(ROOT / "target" / "jupyter")
if _kernels not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (_kernels, os.environ.get("JUPYTER_PATH")) if p)


class KernelStartTimeout(Exception):
    """The kernel process started but never answered kernel_info."""


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of a live process, in MB, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


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


def execute_one(path, out_path, cell_timeout, startup_timeout, retries):
    """Runs one notebook in this process; returns a result dict (never raises for notebook errors)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    result = {"notebook": display_path(path), "retries": 0, "peak_mb": None,
              "result": "error", "detail": ""}
    log_dir = ROOT / "target" / "kernel-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / (path.stem + ".log"), "w")  # the kernel's own chatter stays out of the report
    claims_log = ROOT / "target" / "claims" / (path.parent.name + "-" + path.stem + ".tsv")
    claims_log.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(retries + 1):
        nb = nbformat.read(str(path), as_version=4)
        state = {"cell": None, "pid": None}
        client = NotebookClient(nb, timeout=int(cell_timeout), startup_timeout=int(startup_timeout),
                                allow_errors=False, record_timing=True, kernel_name=KERNEL,
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
            client.reset_execution_trackers()
            with client.setup_kernel(stdout=log, stderr=log, env=env):
                client.wait_for_reply(client.kc.kernel_info())
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
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out_path))
    return result


class WrongAnswerAccepted(Exception):
    """A solved lesson's exercise check accepted a wrong answer (or the learner's untouched stub)."""


def wrong_answer_trials(nb):
    """{index of the last check cell: (solution cell index, [(label, source), ...], check cell indices)}.

    Every solution cell (one holding `// BEGIN SOLUTION`) is tried with the learner's stub and with each
    wrong answer of its metadata `trainwell.wrong` (each replaces the solution regions, as the stub does).
    Metadata `trainwell.check_cells` (default 0) counts the cells after it that hold the check.
    """
    sys.path.insert(0, str(ROOT / "bin"))
    from lessons import BEGIN, DEFAULT_STUB, strip_solution
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
    ap.add_argument("--timeout", type=float, default=600, help="time limit per notebook, s (600)")
    ap.add_argument("--startup-timeout", type=float, default=20, help="wait for a kernel start, s (20)")
    ap.add_argument("--retries", type=int, default=6, help="restarts of a kernel that never answered (6)")
    ap.add_argument("--report", default=str(ROOT / "target" / "notebook-report.tsv"))
    ap.add_argument("--single", help=argparse.SUPPRESS)  # internal: run one notebook, write JSON here
    a = ap.parse_args()

    if a.single:
        path = Path(a.notebooks[0]).resolve()
        nbdir = ROOT / "notebooks"
        out = (ROOT / "target" / "executed" / path.relative_to(nbdir) if nbdir in path.parents
               else ROOT / "target" / "executed-other" / path.name)
        res = execute_one(path, out, a.timeout, a.startup_timeout, a.retries)
        Path(a.single).write_text(json.dumps(res))
        return 0

    paths = find_notebooks(a.notebooks)
    if not paths:
        sys.exit("run_notebooks: no notebooks found")
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
               "--retries", str(a.retries)]
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
              f"{peak}, kernel-start retries {res['retries']}"
              + (f"\n  {res['notebook']}, {res['detail']}" if res["result"] != "pass" else ""), flush=True)
        if res.get("traceback"):
            print("  " + "\n  ".join(res["traceback"].splitlines()[:25]), flush=True)

    report = Path(a.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    lines = ["notebook\tseconds\tpeak_kernel_mb\tkernel_start_retries\tclaims\twrong_answers_rejected\tresult\tdetail"]
    for r in rows:
        lines.append("\t".join([r["notebook"], f"{r['seconds']:.1f}",
                                f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "",
                                str(r["retries"]), claims_text(r), str(r.get("wrong_answers", 0)),
                                r["result"], r.get("detail", "")]))
    report.write_text("\n".join(lines) + "\n")
    width = max(len(r["notebook"]) for r in rows)
    print()
    print(f"{'notebook':<{width}}  {'seconds':>7}  {'peak MB':>7}  {'retries':>7}  {'claims':>7}  {'wrong':>5}  result")
    for r in rows:
        peak = f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "?"
        print(f"{r['notebook']:<{width}}  {r['seconds']:>7.1f}  {peak:>7}  {r['retries']:>7}  {claims_text(r):>7}"
              f"  {r.get('wrong_answers', 0):>5}  {r['result']}")
    held = sum(r.get("claims", (0, 0))[0] for r in rows)
    checked = sum(r.get("claims", (0, 0))[1] for r in rows)
    print(f"claims: {held} of {checked} held; wrong exercise answers rejected: "
          f"{sum(r.get('wrong_answers', 0) for r in rows)} (claims = held/checked per notebook; "
          "wrong = wrong answers and untouched stubs that the solved lesson's checks rejected)")
    passed = sum(r["result"] == "pass" for r in rows)
    failed = len(rows) - passed
    print(f"(report written to {display_path(report)})")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
