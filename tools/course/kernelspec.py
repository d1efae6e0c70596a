"""The kernel.json writers.

course_kernel_spec / write_course_kernel (bin/setup): the course's own kernel, rapaio-jupyter-kernel
registered as `java` in target/jupyter/kernels/java, with the library on its startup classpath and the
JVM options of course.settings.

point_kernelspec (bin/classpath --kernel-json ijava|jjava DIR): points a user's installed IJava or JJava
kernelspec at the course library. IJava: the JVM options go into argv, right after the java command (no
IJava version reads a JVM-options variable), the classpath into env IJAVA_CLASSPATH. JJava: both go into env
(JJAVA_CLASSPATH, JJAVA_JVM_OPTS), which its launcher reads. Options written by an earlier run are replaced,
so it can run again after a rebuild.
Usage: kernel_json.py ijava|jjava KERNEL_JSON CLASSPATH JVM_OPTIONS
"""
import json
import os
import sys

MARK = "-Dtrainwell.kernelspec=true"  # tags the options point_kernelspec put into argv
AGENT = "trainwell-kernel-agent.jar"
ARCHIVE = "kernel.jsa"
# Enough malloc arenas for every thread of the kernel to get one of its own (a course kernel has about 26
# threads on 2 cores). Threads that share an arena can wait for each other's allocations: lesson 07's sweep took
# 21.8-29.0 s in 15 of 16 kernels whose two worker threads had arenas of their own, up to 44.9 s when they shared.
# The library keeps its worker threads for the kernel's life (trainwell.core.Parallel), so the arenas that hold
# a run's memory stay three (the cell's thread and two workers): lesson 05 peaked at 855 MB. glibc's own cap
# (8 per core, 16 here) is fewer than the threads, so the workers could draw arenas in use.
MALLOC_ARENA_MAX = "64"


def course_kernel_spec(java, version, classpath, options):
    """The course kernel's kernelspec (a dict). The agent (kernel/) corrects rapaio's start-up order (without
    it about one start in ten never answers). The class-data archive (bin/setup) is mapped when present; the
    JVM silently ignores a missing or stale one."""
    res = "{resource_dir}"
    return {
        "argv": [java, "-javaagent:" + os.path.join(res, AGENT), *options,
                 "-XX:SharedArchiveFile=" + os.path.join(res, ARCHIVE), "-Xlog:cds*=off", "-jar",
                 os.path.join(res, f"rapaio-jupyter-kernel-{version}.jar"), "{connection_file}"],
        "display_name": "Java (course)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": classpath, "MALLOC_ARENA_MAX": MALLOC_ARENA_MAX},
    }


def write_if_changed(path, spec):
    """Writes the spec as indented JSON unless the file already holds exactly that; True when written
    (an unchanged kernel.json keeps its time stamp, and so the class-data archive's key)."""
    text = json.dumps(spec, indent=1) + "\n"
    if os.path.exists(path):
        with open(path) as f:
            if f.read() == text:
                return False
    with open(path, "w") as f:
        f.write(text)
    return True


def write_course_kernel(kernel_dir, java, classpath, environ=None, pom=None):
    """bin/setup's step: kernel.json of the course's kernel in kernel_dir, with the version and JVM options
    of the course settings."""
    from . import settings
    version = settings.get("rapaio.kernel.version", pom)
    spec = course_kernel_spec(java, version, classpath, settings.kernel_jvm_options(environ, pom))
    return write_if_changed(os.path.join(kernel_dir, "kernel.json"), spec)


class NotAJavaKernelspec(ValueError):
    """The kernel.json has no argv with {connection_file}."""


def point_kernelspec(spec, kind, classpath, options):
    """The user's IJava or JJava kernelspec (a dict, changed in place and returned) pointed at the library."""
    if kind not in ("ijava", "jjava"):
        raise ValueError(f"kind must be 'ijava' or 'jjava', got '{kind}'")
    argv = spec.get("argv") or []
    if not argv or "{connection_file}" not in argv:
        raise NotAJavaKernelspec("has no argv with {connection_file}: not a kernelspec of a Java kernel")
    env = spec.setdefault("env", {})
    env["MALLOC_ARENA_MAX"] = MALLOC_ARENA_MAX
    if kind == "ijava":
        if MARK in argv:  # drop the options of an earlier run: everything after java up to the mark
            argv = [argv[0]] + argv[argv.index(MARK) + 1:]
        spec["argv"] = [argv[0], *options.split(), MARK, *argv[1:]]
        env["IJAVA_CLASSPATH"] = classpath
    else:
        env["JJAVA_CLASSPATH"] = classpath
        env["JJAVA_JVM_OPTS"] = options
    return spec


def main(argv=None):
    """bin/kernel_json.py ijava|jjava KERNEL_JSON CLASSPATH JVM_OPTIONS"""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 4 or argv[0] not in ("ijava", "jjava"):
        sys.exit(__doc__.strip().splitlines()[-1])
    kind, path, classpath, options = argv
    with open(path) as f:
        spec = json.load(f)
    try:
        point_kernelspec(spec, kind, classpath, options)
    except NotAJavaKernelspec as e:
        sys.exit(f"kernel_json: {path} {e}")
    with open(path, "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
    print(f"{path}: {kind} kernel now starts with the course library and JVM options")
    return 0
