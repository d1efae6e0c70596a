"""The course settings for the shell scripts (bin/common.sh): python3 -m course COMMAND.

  setting KEY                     print one setting of pom.xml's <properties> (course.settings)
  jvm-options [--tests]           print the kernel's JVM options (--tests: the unit tests'), space-separated
  register-kernel DIR JAVA CP     write DIR/kernel.json of the course's kernel (course.kernelspec)
  path NAME                       print a path of course.paths (e.g. TARGET, SITE, LIB_STAMP)
Needs only the standard library. A missing setting exits 1 naming the key and the file.
"""
import sys

from . import kernelspec, paths, settings


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        if len(argv) == 2 and argv[0] == "setting":
            print(settings.get(argv[1]))
        elif argv[:1] == ["jvm-options"] and argv[1:] in ([], ["--tests"]):
            print(" ".join(settings.test_jvm_options() if argv[1:] else settings.kernel_jvm_options()))
        elif len(argv) == 4 and argv[0] == "register-kernel":
            kernelspec.write_course_kernel(argv[1], argv[2], argv[3])
        elif len(argv) == 2 and argv[0] == "path" and argv[1].isupper() and hasattr(paths, argv[1]):
            print(getattr(paths, argv[1]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except settings.SettingsError as e:
        print(f"[course] error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
