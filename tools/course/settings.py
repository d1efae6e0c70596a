"""The course's settings, read from ONE place: the <properties> of the parent pom.xml.

Maven uses them directly (the kernel jar's version in lib/pom.xml, the unit tests' JVM flags in the
surefire argLine); the shell scripts (bin/common.sh) and the Python tools read them here. Keys:

  rapaio.kernel.version   the Java kernel (rapaio-jupyter-kernel) that bin/setup registers
  course.jvm.flags        JVM flags of every JVM that runs the library: the kernel, the unit tests, the
                          benchmarks (offline DJL, headless charts, one inter-op thread)
  course.kernel.flags     flags only the notebook kernel gets (JShell's array printing, the serial GC)
  course.kernel.heap      the kernel's maximum heap (-Xmx); each notebook must stay under 1 GB in all
  course.test.heap        the unit tests' maximum heap (one JVM runs every test of the library)
  course.threads          PyTorch intra-op threads (COURSE_THREADS overrides it for the kernel)
"""
import os
import re
import xml.etree.ElementTree as ET

from . import paths

KEYS = ("rapaio.kernel.version", "course.jvm.flags", "course.kernel.flags", "course.kernel.heap",
        "course.test.heap", "course.threads")
_POM_NS = "{http://maven.apache.org/POM/4.0.0}"
_HEAP = re.compile(r"^\d+[kKmMgG]?$")


class SettingsError(Exception):
    """pom.xml lacks a setting, or holds one the tools cannot use."""


def read(pom=None):
    """{key: value} of every property in the pom's <properties> (whitespace collapsed)."""
    pom = paths.POM if pom is None else pom
    try:
        root = ET.parse(pom).getroot()
    except (OSError, ET.ParseError) as e:
        raise SettingsError(f"cannot read the course settings from {pom}: {e}") from e
    props = root.find(f"{_POM_NS}properties")
    if props is None:
        props = root.find("properties")
    if props is None:
        raise SettingsError(f"{pom} has no <properties>: the course settings live there")
    return {el.tag.replace(_POM_NS, ""): " ".join((el.text or "").split()) for el in props}


def get(key, pom=None, settings=None):
    """One setting; SettingsError naming the key and the file when it is missing or empty."""
    values = read(pom) if settings is None else settings
    value = values.get(key, "")
    if not value:
        where = paths.POM if pom is None else pom
        raise SettingsError(f"the setting '{key}' is missing from the <properties> of {where}")
    if key.endswith(".heap") and not _HEAP.match(value):
        raise SettingsError(f"the setting '{key}' must be a JVM heap size like 512m, got '{value}'")
    if key == "course.threads" and not value.isdigit():
        raise SettingsError(f"the setting 'course.threads' must be a whole number, got '{value}'")
    return value


def threads(environ=None, settings=None, pom=None):
    """PyTorch intra-op threads: COURSE_THREADS when set, else the setting course.threads."""
    environ = os.environ if environ is None else environ
    value = environ.get("COURSE_THREADS") or get("course.threads", pom, settings)
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(f"COURSE_THREADS must be a whole number of at least 1, got '{value}'")
    return int(value)


def kernel_jvm_options(environ=None, pom=None):
    """The kernel's JVM options, as a list: heap, kernel flags, shared flags, intra-op threads.

    One intra-op thread by default: the course's models are tiny, so a second thread gains little on a quiet
    machine (about 10%), while on a busy one (Binder, a laptop with a browser open) two spin-waiting OpenMP
    threads made every step 10-25x slower in our measurements. COURSE_THREADS overrides it."""
    s = read(pom)
    return (["-Xmx" + get("course.kernel.heap", pom, s)] + get("course.kernel.flags", pom, s).split()
            + get("course.jvm.flags", pom, s).split()
            + [f"-Dai.djl.pytorch.num_threads={threads(environ, s, pom)}"])


def test_jvm_options(pom=None):
    """The unit tests' JVM options as surefire gets them (the argLine of pom.xml, without JaCoCo's agent)."""
    s = read(pom)
    return (["-Xmx" + get("course.test.heap", pom, s)] + get("course.jvm.flags", pom, s).split()
            + [f"-Dai.djl.pytorch.num_threads={get('course.threads', pom, s)}"])
