"""Starts the course's Java kernel and checks that it answers: each start must reply to kernel_info and
evaluate one line within the time limit. Prints the time of every start and their distribution.

Usage: bin/kernel_check.py [--starts N] [--timeout S] [--kernel NAME] [--first-chart [NOTEBOOK]]
  bin/start runs one start before it opens Jupyter; `--starts 50` measures reliability.
  --first-chart times each start to the first chart instead: it runs the notebook's code cells in order
  (default notebooks/00-welcome.ipynb) and stops at the first image/png output; the time is from starting
  the kernel process to that output's arrival (`--starts 10` for the distribution the README quotes).
  --build-archive FILE (bin/setup): writes the kernel's class-data-sharing archive (AppCDS, JDK 17
  -XX:ArchiveClassesAtExit) by running 00-welcome's code cells once in a kernel that dumps the classes it
  loaded when it exits; the registered kernel maps FILE at start (-XX:SharedArchiveFile) and skips loading
  and verifying those classes. A missing or stale archive is ignored by the JVM (it checks the class path
  and each class's checksum), so it can never stop the kernel from starting.
Exit status 1 when any start did not answer in time.
"""
import argparse
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

from . import paths

WELCOME = paths.NOTEBOOKS / "00-welcome.ipynb"


def find_course_kernels():
    """Puts the course-local Jupyter folder (target/jupyter) on JUPYTER_PATH unless it is there already."""
    kernels = str(paths.COURSE_KERNELS)
    if kernels not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (kernels, os.environ.get("JUPYTER_PATH")) if p)


class NotReady(Exception):
    """The kernel could not be launched or never answered kernel_info."""


@contextlib.contextmanager
def started_kernel(kernel, timeout, shutdown_now=True):
    """Starts the kernel, waits until it answers kernel_info, and yields (manager, client, start time);
    raises NotReady when it cannot be launched or never answers. Shuts the kernel down on the way out."""
    from jupyter_client import KernelManager
    km = KernelManager(kernel_name=kernel)
    start = time.monotonic()
    kc = None
    try:
        with open(os.devnull, "w") as quiet:
            try:
                km.start_kernel(stdout=quiet, stderr=quiet)
            except Exception as e:  # a kernel that cannot even be launched
                raise NotReady(f"{type(e).__name__}: {e}") from e
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=timeout)
        except (RuntimeError, TimeoutError) as e:
            raise NotReady("never answered kernel_info") from e
        yield km, kc, start
    finally:
        if kc is not None:
            kc.stop_channels()
        try:
            km.shutdown_kernel(now=shutdown_now)
        except Exception:
            pass


def one_start(kernel, timeout):
    """Seconds until the kernel answered kernel_info and evaluated a line, or None; never raises."""
    try:
        with started_kernel(kernel, timeout) as (km, kc, start):
            left = max(0.1, timeout - (time.monotonic() - start))
            reply = kc.execute_interactive("int answer = 6 * 7;", timeout=left, output_hook=lambda msg: None)
            if reply["content"].get("status") != "ok":
                return None, f"evaluating a line failed: {reply['content'].get('evalue', '')}"
            return time.monotonic() - start, ""
    except NotReady as e:
        return None, str(e)
    except (RuntimeError, TimeoutError) as e:
        return None, str(e) or type(e).__name__
    except Exception as e:
        return None, f"{type(e).__name__}: {e}"


def kernel_cpu_seconds(km):
    """CPU time (user + system, all threads) the kernel process has used so far, or None (not Linux)."""
    try:
        pid = km.provisioner.process.pid
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except Exception:
        return None


def first_chart(kernel, timeout, notebook):
    """Seconds from starting the kernel to the first image/png output of the notebook's code cells run in
    order (or None), the seconds to kernel_info, and the kernel's CPU seconds at the chart (or why it
    failed); never raises. CPU seconds vary far less with the machine's load than wall-clock seconds."""
    import json
    cells = [c for c in json.loads(Path(notebook).read_text())["cells"] if c["cell_type"] == "code"]
    ready = None
    try:
        with started_kernel(kernel, timeout, shutdown_now=False) as (km, kc, start):
            ready = time.monotonic() - start
            seen = {}

            def hook(msg):
                if "image/png" in msg.get("content", {}).get("data", {}) and "t" not in seen:
                    seen["t"] = time.monotonic() - start
                    seen["cpu"] = kernel_cpu_seconds(km)
            for c in cells:
                left = max(0.1, timeout - (time.monotonic() - start))
                reply = kc.execute_interactive("".join(c["source"]), timeout=left, output_hook=hook)
                if reply["content"].get("status") != "ok":
                    return None, ready, f"a cell failed: {reply['content'].get('evalue', '')}"
                if "t" in seen:
                    return seen["t"], ready, seen["cpu"]
            return None, ready, "no image/png output in the notebook"
    except NotReady as e:
        return None, ready, str(e)
    except (RuntimeError, TimeoutError) as e:
        return None, ready, str(e) or type(e).__name__
    except Exception as e:
        return None, ready, f"{type(e).__name__}: {e}"


def build_archive(kernel, out, notebook, timeout=120):
    """Runs the notebook's code cells in a copy of the kernel that dumps a CDS archive to `out` on exit.
    Returns a message; writes `out` only when the dump succeeded (atomically, through a temporary file)."""
    import json
    import shutil
    import tempfile
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    spec_dir = KernelSpecManager().find_kernel_specs().get(kernel)
    if spec_dir is None:
        return f"no kernel '{kernel}' registered"
    spec = json.loads(Path(spec_dir, "kernel.json").read_text())
    tmp_out = out + ".tmp"
    if os.path.exists(tmp_out):
        os.remove(tmp_out)
    # Dumped without the start-up agent: an archive dumped with an agent needs the diagnostic flag
    # AllowArchivingWithJavaAgent at every later start as well. The kernel with the agent maps it all the same.
    argv = [a.replace("{resource_dir}", spec_dir) for a in spec["argv"]
            if not a.startswith("-XX:SharedArchiveFile=") and not a.startswith("-javaagent:")]
    argv[1:1] = ["-XX:ArchiveClassesAtExit=" + tmp_out, "-Xlog:cds*=off"]
    spec["argv"] = argv
    with tempfile.TemporaryDirectory() as home:
        kdir = Path(home, "kernels", "archive")
        kdir.mkdir(parents=True)
        Path(kdir, "kernel.json").write_text(json.dumps(spec))
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (home, old) if p)
        try:
            km = KernelManager(kernel_name="archive")
            km.shutdown_wait_time = timeout      # the dump happens at exit: let the kernel exit by itself
            km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=timeout)
                cells = [c for c in json.loads(Path(notebook).read_text())["cells"] if c["cell_type"] == "code"]
                for c in cells:
                    kc.execute_interactive("".join(c["source"]), timeout=timeout, output_hook=lambda msg: None)
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
        except Exception as e:
            return f"no archive: {type(e).__name__}: {e}"
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = old
    if not os.path.exists(tmp_out) or os.path.getsize(tmp_out) == 0:
        return "no archive: the kernel did not write one at exit"
    shutil.move(tmp_out, out)
    return f"archive of {os.path.getsize(out) / 2**20:.0f} MB written to {out}"


def distribution(q):
    q = sorted(q)
    p90 = q[min(len(q) - 1, int(round(0.9 * (len(q) - 1))))]
    return f"min {q[0]:.2f}, median {statistics.median(q):.2f}, 90th percentile {p90:.2f}, max {q[-1]:.2f}"


def main_first_chart(a):
    times, readies, cpus, failures = [], [], [], []
    for i in range(a.starts):
        t, ready, why = first_chart(a.kernel, a.timeout, a.first_chart)
        if ready is not None:
            readies.append(ready)
        if t is None:
            failures.append(why)
            print(f"start {i + 1}: NO CHART within {a.timeout:.0f} s ({why})", flush=True)
        else:
            times.append(t)
            cpu = "" if why is None else f", kernel CPU {why:.2f} s"
            if why is not None:
                cpus.append(why)
            print(f"start {i + 1}: kernel ready {ready:.2f} s, first chart {t:.2f} s{cpu}", flush=True)
    load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
    if times:
        print(f"kernel '{a.kernel}', {a.first_chart}: {len(times)} of {a.starts} starts showed a chart within "
              f"{a.timeout:.0f} s; seconds from start to the first chart: {distribution(times)}; "
              f"to kernel_info: {distribution(readies)}"
              + (f"; kernel CPU seconds to the first chart: {distribution(cpus)}" if cpus else "")
              + f" (load average {load})")
    else:
        print(f"kernel '{a.kernel}': no start showed a chart within {a.timeout:.0f} s")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--starts", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--kernel", default="java")
    ap.add_argument("--first-chart", nargs="?", const=str(WELCOME),
                    help="time start -> first image/png of this notebook (default 00-welcome)")
    ap.add_argument("--build-archive", metavar="FILE", help="write the kernel's CDS archive (bin/setup)")
    a = ap.parse_args()
    find_course_kernels()
    if a.build_archive:
        for attempt in range(3):   # without the agent, a start can hit rapaio's start-up race: try again
            message = build_archive(a.kernel, a.build_archive, str(WELCOME), 60)
            if os.path.exists(a.build_archive):
                break
        print(message)
        return 0
    if a.starts < 1:
        sys.exit(f"kernel_check: --starts must be at least 1, got {a.starts}")
    if a.first_chart:
        if a.timeout == 10.0:
            a.timeout = 60.0
        return main_first_chart(a)
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
        print(f"kernel '{a.kernel}': {len(times)} of {a.starts} starts answered within {a.timeout:.0f} s; "
              f"seconds to an evaluated line: {distribution(times)}")
    else:
        print(f"kernel '{a.kernel}': no start answered within {a.timeout:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
