"""course.kernelspec: the course kernel's kernel.json and the IJava/JJava kernelspec writer."""
import json
import os
import unittest

from support import TempTree

from course import kernelspec, settings


class CourseKernel(TempTree):
    def spec(self):
        return kernelspec.course_kernel_spec("/usr/bin/java", "3.0.1", "a.jar;b.jar", ["-Xmx512m", "-Dx=1"])

    def test_argv_starts_the_agent_then_the_options_then_the_versioned_kernel_jar(self):
        argv = self.spec()["argv"]
        self.assertEqual(argv[0], "/usr/bin/java")
        self.assertEqual(argv[1], "-javaagent:" + os.path.join("{resource_dir}", "trainwell-kernel-agent.jar"))
        self.assertEqual(argv[2:4], ["-Xmx512m", "-Dx=1"])
        self.assertLess(argv.index("-Dx=1"), argv.index("-jar"))
        self.assertEqual(argv[-2:], [os.path.join("{resource_dir}", "rapaio-jupyter-kernel-3.0.1.jar"),
                                     "{connection_file}"])

    def test_the_library_is_on_rapaios_classpath_with_an_arena_per_thread(self):
        self.assertEqual(self.spec()["env"], {"RJK_CLASSPATH": "a.jar;b.jar", "MALLOC_ARENA_MAX": "64"})

    def test_an_unchanged_spec_is_not_rewritten(self):
        path = self.root / "kernel.json"
        self.assertTrue(kernelspec.write_if_changed(path, self.spec()))
        os.utime(path, (1_000_000, 1_000_000))
        self.assertFalse(kernelspec.write_if_changed(path, self.spec()))
        self.assertEqual(os.stat(path).st_mtime, 1_000_000)
        self.assertEqual(json.loads(path.read_text()), self.spec())

    def test_the_course_kernel_gets_the_version_and_options_of_the_settings(self):
        kernelspec.write_course_kernel(str(self.root), "java", "cp.jar", environ={"COURSE_THREADS": "3"})
        argv = json.loads((self.root / "kernel.json").read_text())["argv"]
        version = settings.get("rapaio.kernel.version")
        self.assertTrue(argv[-2].endswith(f"rapaio-jupyter-kernel-{version}.jar"))
        for option in settings.kernel_jvm_options({"COURSE_THREADS": "3"}):
            self.assertIn(option, argv)
        self.assertIn("-Dai.djl.pytorch.num_threads=3", argv)


class UserKernelspec(unittest.TestCase):
    IJAVA = {"argv": ["java", "-jar", "/k/ijava-1.3.0.jar", "{connection_file}"], "display_name": "Java"}

    def test_ijava_gets_the_options_after_java_and_the_classpath_in_env(self):
        spec = kernelspec.point_kernelspec(json.loads(json.dumps(self.IJAVA)), "ijava", "lib.jar", "-Xmx1m -Da=b")
        self.assertEqual(spec["argv"], ["java", "-Xmx1m", "-Da=b", kernelspec.MARK, "-jar", "/k/ijava-1.3.0.jar",
                                        "{connection_file}"])
        self.assertEqual(spec["env"]["IJAVA_CLASSPATH"], "lib.jar")

    def test_running_it_again_replaces_the_earlier_options(self):
        spec = kernelspec.point_kernelspec(json.loads(json.dumps(self.IJAVA)), "ijava", "old.jar", "-Dold=1")
        spec = kernelspec.point_kernelspec(spec, "ijava", "new.jar", "-Dnew=1")
        self.assertEqual(spec["argv"], ["java", "-Dnew=1", kernelspec.MARK, "-jar", "/k/ijava-1.3.0.jar",
                                        "{connection_file}"])
        self.assertEqual(spec["env"]["IJAVA_CLASSPATH"], "new.jar")

    def test_jjava_gets_both_in_env_and_its_argv_is_left_alone(self):
        jjava = {"argv": ["python", "-m", "jjava", "{connection_file}"]}
        spec = kernelspec.point_kernelspec(dict(jjava, argv=list(jjava["argv"])), "jjava", "lib.jar", "-Da=b")
        self.assertEqual(spec["argv"], jjava["argv"])
        self.assertEqual(spec["env"], {"JJAVA_CLASSPATH": "lib.jar", "JJAVA_JVM_OPTS": "-Da=b",
                                       "MALLOC_ARENA_MAX": "64"})

    def test_a_kernelspec_without_a_connection_file_is_refused(self):
        with self.assertRaises(kernelspec.NotAJavaKernelspec):
            kernelspec.point_kernelspec({"argv": ["java", "-jar", "x.jar"]}, "ijava", "lib.jar", "")
        with self.assertRaisesRegex(ValueError, "kind must be 'ijava' or 'jjava', got 'python'"):
            kernelspec.point_kernelspec(dict(self.IJAVA), "python", "lib.jar", "")


if __name__ == "__main__":
    unittest.main()
