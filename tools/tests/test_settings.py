"""course.settings: the course's settings from pom.xml's <properties>, the one place they live."""
import re
import unittest

from support import TempTree

from course import paths, settings

POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <properties>
    <rapaio.kernel.version>9.8.7</rapaio.kernel.version>
    <course.jvm.flags>-Da=1
        -Db=2</course.jvm.flags>
    <course.kernel.flags>-XX:+UseSerialGC -Djshell=true</course.kernel.flags>
    <course.kernel.heap>384m</course.kernel.heap>
    <course.test.heap>2g</course.test.heap>
    <course.threads>1</course.threads>
    {extra}
  </properties>
</project>
"""


class ReadingThePom(TempTree):
    def pom(self, drop=None, **values):
        """The pom above, without the property `drop`, with `values` (key with _ for .) set."""
        text = POM.replace("{extra}", "")
        for key, value in values.items():
            key = key.replace("_", ".")
            text = re.sub(rf"<{re.escape(key)}>.*?</{re.escape(key)}>", f"<{key}>{value}</{key}>", text, flags=re.S)
        if drop:
            text = re.sub(rf"<{re.escape(drop)}>.*?</{re.escape(drop)}>", "", text, flags=re.S)
        return self.write("pom.xml", text)

    def test_properties_are_read_with_whitespace_collapsed(self):
        s = settings.read(self.pom())
        self.assertEqual(s["rapaio.kernel.version"], "9.8.7")
        self.assertEqual(s["course.jvm.flags"], "-Da=1 -Db=2")

    def test_a_missing_setting_is_an_error_naming_the_key_and_the_file(self):
        pom = self.pom(drop="course.kernel.heap")
        with self.assertRaises(settings.SettingsError) as e:
            settings.get("course.kernel.heap", pom)
        self.assertIn("'course.kernel.heap' is missing", str(e.exception))
        self.assertIn(str(pom), str(e.exception))

    def test_an_empty_setting_counts_as_missing(self):
        pom = self.pom(rapaio_kernel_version=" ")
        with self.assertRaisesRegex(settings.SettingsError, "rapaio.kernel.version"):
            settings.get("rapaio.kernel.version", pom)

    def test_a_heap_that_is_not_a_size_is_refused(self):
        pom = self.pom(course_kernel_heap="lots")
        with self.assertRaisesRegex(settings.SettingsError, "heap size like 512m, got 'lots'"):
            settings.kernel_jvm_options({}, pom)

    def test_a_pom_that_cannot_be_parsed_is_a_settings_error(self):
        with self.assertRaisesRegex(settings.SettingsError, "cannot read the course settings"):
            settings.read(self.write("pom.xml", "<project>"))

    def test_kernel_options_are_heap_kernel_flags_shared_flags_then_threads(self):
        self.assertEqual(settings.kernel_jvm_options({}, self.pom()),
                         ["-Xmx384m", "-XX:+UseSerialGC", "-Djshell=true", "-Da=1", "-Db=2",
                          "-Dai.djl.pytorch.num_threads=1"])

    def test_course_threads_overrides_the_thread_count_and_must_be_a_positive_number(self):
        pom = self.pom()
        self.assertIn("-Dai.djl.pytorch.num_threads=2", settings.kernel_jvm_options({"COURSE_THREADS": "2"}, pom))
        for bad in ("0", "two"):
            with self.assertRaisesRegex(settings.SettingsError, "COURSE_THREADS"):
                settings.kernel_jvm_options({"COURSE_THREADS": bad}, pom)

    def test_the_tests_get_their_own_heap_and_the_shared_flags_but_not_the_kernel_flags(self):
        options = settings.test_jvm_options(self.pom())
        self.assertEqual(options[0], "-Xmx2g")
        self.assertIn("-Da=1", options)
        self.assertNotIn("-Djshell=true", options)


class TheCoursePom(unittest.TestCase):
    """The repository's own pom.xml holds every setting, and nothing else restates them."""

    def test_every_setting_is_in_the_course_pom(self):
        s = settings.read()
        for key in settings.KEYS:
            self.assertTrue(settings.get(key, settings=s), key)

    def test_surefire_and_the_kernel_jar_read_the_same_properties(self):
        pom = paths.POM.read_text()
        arg_line = re.search(r"<argLine>@\{argLine\}(.*?)</argLine>", pom).group(1)
        self.assertEqual(arg_line.split(), ["-Xmx${course.test.heap}", "${course.jvm.flags}",
                                            "-Dai.djl.pytorch.num_threads=${course.threads}"])
        self.assertIn("<version>${rapaio.kernel.version}</version>",
                      (paths.ROOT / "lib" / "pom.xml").read_text())

    def test_no_script_restates_a_version_a_heap_or_a_jvm_flag(self):
        version = settings.get("rapaio.kernel.version")
        scripts = [p for p in paths.BIN.iterdir() if p.is_file() and p.suffix in ("", ".sh")]
        scripts += [paths.ROOT / "postBuild", paths.ROOT / "start"]
        for script in scripts:
            lines = [l for l in script.read_text().splitlines() if not l.lstrip().startswith("#")]
            for flag in [version, "-Xmx", "-Dai.djl.offline", "-Djshell", "num_threads="]:
                found = [l.strip() for l in lines if flag in l]
                self.assertEqual(found, [], f"{script.name} restates {flag}: read it from pom.xml (course.settings)")


if __name__ == "__main__":
    unittest.main()
