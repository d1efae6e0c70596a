"""Self-test of the notebook runner: it must fail on a cell that throws, on a cell that does not
compile, on a claim that does not hold, on an exercise check that accepts a wrong answer and on a chart
that fell back to text, naming the notebook, the cell and the error; fail cleanly (no traceback, no
process left) when the kernel never answers; and pass a good notebook, counting its claims and rejected
answers."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import paths

HERE = paths.RUNNER_FIXTURES   # the notebooks below, in tools/tests/runner/
RUNNER = paths.BIN / "run_notebooks.py"
REPORT = paths.SELFTEST_REPORT

CASES = [
    # notebook, expected exit code, texts the output must contain
    ("passes.ipynb", 0, ["PASS", "1 passed, 0 failed"]),
    ("throws.ipynb", 1, ["tools/tests/runner/throws.ipynb", "cell 2", "boom from the fixture", "0 passed, 1 failed"]),
    ("does-not-compile.ipynb", 1, ["tools/tests/runner/does-not-compile.ipynb", "cell 1", "incompatible types",
                                   "0 passed, 1 failed"]),
    ("claim-fails.ipynb", 1, ["cell 2", "the fixture's loss ends below 2", "loss = 2.5", "0 passed, 1 failed"]),
    ("solutions/rejects-wrong.ipynb", 0, ["PASS", "1/1", "wrong exercise answers rejected: 2", "1 passed, 0 failed"]),
    ("solutions/accepts-wrong.ipynb", 1, ["cell 2", "did not reject wrong answer 1", "0 passed, 1 failed"]),
    ("falls-back-to-text.ipynb", 1, ["tools/tests/runner/falls-back-to-text.ipynb", "cell 0",
                                     "a chart fell back to text ('[image 720x400]')", "text-fallback",
                                     "0 passed, 1 failed"]),
]


SILENT = "trainwell-selftest-silent"


def silent_kernel_case():
    """A kernelspec whose process starts but never answers: the runner must retry, then fail naming it,
    without a Python traceback (e.g. from an exit hook) and without leaving the process behind."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "kernels" / SILENT
        spec.mkdir(parents=True)
        marker = f"silent-kernel-{os.getpid()}"
        # It ignores SIGINT, as a hung JVM would: the runner must still stop it, and a Python traceback of
        # the fake kernel itself (KeyboardInterrupt) must not be mistaken for one of the runner's.
        code = f"import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(120)  # {marker}"
        argv = [sys.executable, "-c", code, "{connection_file}"]
        (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "silent", "language": "java"}))
        env = dict(os.environ, JUPYTER_PATH=tmp + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
        p = subprocess.run([sys.executable, str(RUNNER), str(HERE / "passes.ipynb"), "--kernel", SILENT,
                            "--startup-timeout", "3", "--retries", "1", "--report", str(REPORT)],
                           capture_output=True, text=True, env=env)
        left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    out = p.stdout + p.stderr
    problems = []
    if p.returncode != 1:
        problems.append(f"exit {p.returncode}, expected 1")
    for text in ["retry 1 of 1", "the kernel never answered in 2 starts", "0 passed, 1 failed"]:
        if text not in out:
            problems.append(f"missing in output: {text!r}")
    if "Traceback" in out:
        problems.append("a Python traceback was printed")
    if left:
        problems.append(f"kernel processes left running: {left}")
    return problems, out


def main():
    failures = 0
    for name, code, texts in CASES:
        p = subprocess.run([sys.executable, str(RUNNER), str(HERE / name), "--timeout", "120",
                            "--report", str(REPORT)], capture_output=True, text=True)
        out = p.stdout + p.stderr
        missing = [t for t in texts if t not in out]
        ok = p.returncode == code and not missing
        failures += not ok
        print(f"[selftest] {name}: {'ok' if ok else 'WRONG'} (exit {p.returncode}, expected {code})"
              + (f"; missing in output: {missing}" if missing else ""), flush=True)
        if not ok:
            print(out)
    problems, out = silent_kernel_case()
    failures += bool(problems)
    print(f"[selftest] kernel that never answers: {'ok' if not problems else 'WRONG'}"
          + (f"; {'; '.join(problems)}" if problems else ""), flush=True)
    if problems:
        print(out)
    print(f"runner self-test: {len(CASES) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
