"""course.paths: the repository's paths and notebook discovery."""
import os
import unittest
from pathlib import Path

from support import TempTree

from course import paths


class Discovery(TempTree):
    def lessons(self):
        for name in ["notebooks/01-b.ipynb", "notebooks/00-a.ipynb", "notebooks/solutions/01-b.ipynb",
                     "notebooks/solutions/00-a.ipynb", "notebooks/README.md",
                     "notebooks/.ipynb_checkpoints/00-a-checkpoint.ipynb", "notebooks/data/x.ipynb"]:
            self.write(name, "{}")

    def test_learner_copies_come_first_then_the_solutions_each_sorted_by_name(self):
        self.lessons()
        found = [p.relative_to(self.root).as_posix() for p in paths.notebooks(self.root)]
        self.assertEqual(found, ["notebooks/00-a.ipynb", "notebooks/01-b.ipynb",
                                 "notebooks/solutions/00-a.ipynb", "notebooks/solutions/01-b.ipynb"])

    def test_checkpoints_other_files_and_other_folders_are_not_lessons(self):
        self.lessons()
        names = {p.name for p in paths.notebooks(self.root)}
        self.assertNotIn("00-a-checkpoint.ipynb", names)
        self.assertNotIn("x.ipynb", names)
        self.assertNotIn("README.md", names)

    def test_named_notebooks_are_returned_in_the_order_given_and_resolved(self):
        self.lessons()
        args = [str(self.root / "notebooks/solutions/01-b.ipynb"), str(self.root / "notebooks/00-a.ipynb")]
        self.assertEqual(paths.find_notebooks(args, "tool", root=self.root), [Path(a) for a in args])

    def test_no_names_means_every_lesson(self):
        self.lessons()
        self.assertEqual(paths.find_notebooks([], "tool", root=self.root), paths.notebooks(self.root))

    def test_a_missing_notebook_is_an_error_naming_the_tool_and_the_argument(self):
        with self.assertRaisesRegex(paths.NotANotebook, r"^render: no such notebook: nope\.ipynb$"):
            paths.find_notebooks(["nope.ipynb"], "render", root=self.root)

    def test_a_notebook_outside_the_course_is_refused_only_where_the_course_is_required(self):
        other = self.write("elsewhere/x.ipynb", "{}")
        self.assertEqual(paths.find_notebooks([str(other)], "run_notebooks", root=self.root), [other])
        with self.assertRaisesRegex(paths.NotANotebook, "not a notebook of the course"):
            paths.find_notebooks([str(other)], "render", inside_course=True, root=self.root)


class Locations(TempTree):
    def test_executed_copy_keeps_the_folder_under_notebooks(self):
        nb = self.write("notebooks/solutions/03-x.ipynb")
        self.assertEqual(paths.executed_copy(nb, root=self.root), self.root / "target/executed/solutions/03-x.ipynb")
        self.assertEqual(paths.executed_copy(nb, "jjava", root=self.root),
                         self.root / "target/executed-jjava/solutions/03-x.ipynb")

    def test_a_notebook_from_elsewhere_goes_to_executed_other(self):
        nb = self.write("tools/tests/runner/passes.ipynb")
        self.assertEqual(paths.executed_copy(nb, root=self.root), self.root / "target/executed-other/passes.ipynb")

    def test_reports_and_logs_of_another_kernel_stay_apart(self):
        self.assertEqual(paths.notebook_report(root=self.root), self.root / "target/notebook-report.tsv")
        self.assertEqual(paths.notebook_report("java", root=self.root), self.root / "target/notebook-report.tsv")
        self.assertEqual(paths.notebook_report("ijava", root=self.root),
                         self.root / "target/notebook-report-ijava.tsv")
        self.assertEqual(paths.kernel_logs("ijava", root=self.root), self.root / "target/kernel-logs-ijava")

    def test_the_two_copies_of_a_lesson_log_their_claims_apart(self):
        learner = paths.claims_log(self.root / "notebooks/03-x.ipynb", root=self.root)
        solved = paths.claims_log(self.root / "notebooks/solutions/03-x.ipynb", root=self.root)
        self.assertNotEqual(learner, solved)
        self.assertEqual(solved, self.root / "target/claims/solutions-03-x.tsv")

    def test_display_path_is_relative_inside_the_course_and_absolute_outside(self):
        self.assertEqual(paths.display_path(self.root / "notebooks" / "a.ipynb", self.root), "notebooks/a.ipynb")
        self.assertEqual(paths.display_path("/tmp", self.root), str(Path("/tmp").resolve()))

    def test_the_package_knows_where_the_repository_is(self):
        self.assertTrue((paths.ROOT / "pom.xml").is_file())
        self.assertTrue((paths.BIN / "common.sh").is_file())
        self.assertEqual(paths.SOLUTIONS, paths.ROOT / "notebooks" / "solutions")


class CourseKernels(unittest.TestCase):
    def test_on_puts_the_course_folder_first_once_and_off_takes_it_away(self):
        course = str(paths.COURSE_KERNELS)
        env = {"JUPYTER_PATH": os.pathsep.join(["/a", course, "/b"])}
        paths.use_course_kernels(True, env)
        self.assertEqual(env["JUPYTER_PATH"].split(os.pathsep), [course, "/a", "/b"])
        paths.use_course_kernels(False, env)
        self.assertEqual(env["JUPYTER_PATH"].split(os.pathsep), ["/a", "/b"])
        only = {"JUPYTER_PATH": course}
        paths.use_course_kernels(False, only)
        self.assertNotIn("JUPYTER_PATH", only)


if __name__ == "__main__":
    unittest.main()
