#!/usr/bin/env python3
"""Points an installed IJava or JJava kernelspec at the course library (called by bin/classpath --kernel-json).

IJava: the JVM options go into argv, right after the java command (no IJava version reads a JVM-options
variable), the classpath into env IJAVA_CLASSPATH. JJava: both go into env (JJAVA_CLASSPATH, JJAVA_JVM_OPTS),
which its launcher reads. Options written by an earlier run are replaced, so it can run again after a rebuild.
Usage: kernel_json.py ijava|jjava KERNEL_JSON CLASSPATH JVM_OPTIONS
"""
import json
import sys

MARK = "-Dtrainwell.kernelspec=true"  # tags the options this script put into argv


def main(kind, path, classpath, options):
    with open(path) as f:
        spec = json.load(f)
    argv = spec.get("argv") or []
    if not argv or "{connection_file}" not in argv:
        sys.exit(f"kernel_json: {path} has no argv with {{connection_file}}: not a kernelspec of a Java kernel")
    env = spec.setdefault("env", {})
    env["MALLOC_ARENA_MAX"] = "2"  # one arena per worker thread would hold native memory apart (see common.sh)
    if kind == "ijava":
        if MARK in argv:  # drop the options of an earlier run: everything after java up to the mark
            argv = [argv[0]] + argv[argv.index(MARK) + 1:]
        spec["argv"] = [argv[0], *options.split(), MARK, *argv[1:]]
        env["IJAVA_CLASSPATH"] = classpath
    else:
        env["JJAVA_CLASSPATH"] = classpath
        env["JJAVA_JVM_OPTS"] = options
    with open(path, "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
    print(f"{path}: {kind} kernel now starts with the course library and JVM options")


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in ("ijava", "jjava"):
        sys.exit(__doc__.strip().splitlines()[-1])
    main(*sys.argv[1:])
