#!/usr/bin/python3
"""Starts the course's Java kernel and checks that it answers: each start must reply to kernel_info and
evaluate one line within the time limit. Prints the time of every start and their distribution.

Usage: bin/kernel_check.py [--starts N] [--timeout S] [--kernel NAME]
  bin/start runs one start before it opens Jupyter; `--starts 50` measures reliability.
Exit status 1 when any start did not answer in time.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_kernels = str(ROOT / "target" / "jupyter")
if _kernels not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (_kernels, os.environ.get("JUPYTER_PATH")) if p)


def one_start(kernel, timeout):
    """Seconds until the kernel answered kernel_info and evaluated a line, or None; never raises."""
    from jupyter_client import KernelManager
    km = KernelManager(kernel_name=kernel)
    start = time.monotonic()
    try:
        km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        kc = km.client()
        kc.start_channels()
        try:
            try:
                kc.wait_for_ready(timeout=timeout)
            except (RuntimeError, TimeoutError):
                return None, "never answered kernel_info"
            left = max(0.1, timeout - (time.monotonic() - start))
            reply = kc.execute_interactive("int answer = 6 * 7;", timeout=left, output_hook=lambda msg: None)
            if reply["content"].get("status") != "ok":
                return None, f"evaluating a line failed: {reply['content'].get('evalue', '')}"
            return time.monotonic() - start, ""
        except (RuntimeError, TimeoutError) as e:
            return None, str(e) or type(e).__name__
        finally:
            kc.stop_channels()
    except Exception as e:  # a kernel that cannot even be launched
        return None, f"{type(e).__name__}: {e}"
    finally:
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--kernel", default="java")
    a = ap.parse_args()
    if a.starts < 1:
        sys.exit(f"kernel_check: --starts must be at least 1, got {a.starts}")
    times, failures = [], []
    for i in range(a.starts):
        t, why = one_start(a.kernel, a.timeout)
        if t is None:
            failures.append(why)
            print(f"start {i + 1}: NO ANSWER within {a.timeout:.0f} s ({why})", flush=True)
        else:
            times.append(t)
            if a.starts > 1:
                print(f"start {i + 1}: answered in {t:.2f} s", flush=True)
    if times:
        q = sorted(times)
        p90 = q[min(len(q) - 1, int(round(0.9 * (len(q) - 1))))]
        print(f"kernel '{a.kernel}': {len(times)} of {a.starts} starts answered within {a.timeout:.0f} s; "
              f"seconds to an evaluated line: min {q[0]:.2f}, median {statistics.median(q):.2f}, "
              f"90th percentile {p90:.2f}, max {q[-1]:.2f}")
    else:
        print(f"kernel '{a.kernel}': no start answered within {a.timeout:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
