"""course.lessons: learner copies generated from the solved lessons, and the typed-number finder."""
import unittest

from support import TempTree, code, md, requires_nbformat

from course import lessons


class Cell:
    """A Markdown cell as typed_numbers reads it (attribute access, like nbformat's)."""

    def __init__(self, source):
        self.source = source


def typed(text):
    return lessons.typed_numbers(Cell(text))


class TypedNumbers(unittest.TestCase):
    def test_decimals_percentages_and_ratios_are_found(self):
        self.assertEqual(typed("The loss fell to 0.97, 96% of runs, 2.3x faster, 3 x slower, 12 %."),
                         ["0.97", "96%", "2.3x", "3 x", "12 %"])

    def test_versions_sections_and_identifiers_are_not_numbers_of_a_result(self):
        self.assertEqual(typed("rapaio 3.0.1, see §3.2, layer_0.5x, d_model 64, Python 3.11.7, v2.0"), [])

    def test_link_targets_and_html_comments_are_ignored(self):
        self.assertEqual(typed("[paper](https://arxiv.org/abs/1711.05101) <!-- 0.5 --> and 0.25"), ["0.25"])

    def test_a_product_or_power_is_not_a_ratio(self):
        self.assertEqual(typed("a 4x4 grid and 2x^2"), [])


class StripSolution(unittest.TestCase):
    def test_the_region_is_replaced_by_the_stub_indented_like_the_marker(self):
        src = "int f() {\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}"
        self.assertEqual(lessons.strip_solution(src, "// Your code here.\nreturn 0;", "c"),
                         "int f() {\n    // Your code here.\n    return 0;\n}")

    def test_every_region_of_a_cell_is_replaced(self):
        src = "// BEGIN SOLUTION\na();\n// END SOLUTION\nmid();\n// BEGIN SOLUTION\nb();\n// END SOLUTION"
        self.assertEqual(lessons.strip_solution(src, "S", "c"), "S\nmid();\nS")

    def test_broken_markers_are_errors_naming_the_cell(self):
        for src, why in [("// BEGIN SOLUTION\n// BEGIN SOLUTION", "nested"),
                         ("// END SOLUTION", "without"), ("// BEGIN SOLUTION\nx();", "never closed")]:
            with self.assertRaisesRegex(lessons.LessonError, f"^03-x, cell 4: .*{why}"):
                lessons.strip_solution(src, "S", "03-x, cell 4")


@requires_nbformat
class LearnerCopy(TempTree):
    def solution(self, *cells):
        import nbformat
        from support import notebook
        path = self.root / "03-x.ipynb"
        nbformat.write(notebook(*cells), str(path))
        return path

    def test_solutions_become_stubs_and_solution_only_cells_are_dropped(self):
        answer = md("Answer: because.")
        answer["metadata"]["tags"] = ["solution-only"]
        path = self.solution(md("# Lesson"), code("var x = 1;\n// BEGIN SOLUTION\nx = 2;\n// END SOLUTION",
                                                  stub="x = ...;"),
                             code("// BEGIN SOLUTION\ny();\n// END SOLUTION"), answer, md("End."))
        learner = lessons.learner_copy(path)
        self.assertEqual([c.source for c in learner.cells],
                         ["# Lesson", "var x = 1;\nx = ...;", lessons.DEFAULT_STUB, "End."])

    def test_the_copy_is_clean_and_keeps_the_metadata(self):
        cell = code("a();", tags=["fold"])
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]
        cell["execution_count"] = 3
        cell["metadata"]["execution"] = {"iopub.status.busy": "x"}
        learner = lessons.learner_copy(self.solution(cell))
        out = learner.cells[0]
        self.assertEqual((out.outputs, out.execution_count), ([], None))
        self.assertNotIn("execution", out.metadata)
        self.assertEqual(out.metadata["tags"], ["fold"])

    def test_unlisted_numbers_skip_those_the_cell_lists_as_typed_on_purpose(self):
        path = self.solution(md("Adam's 0.999 and our 0.42 and 96%.", typed=["0.999", "96"]))
        self.assertEqual([(i, n) for i, n, _ in lessons.unlisted_numbers(path)], [(0, "0.42")])


if __name__ == "__main__":
    unittest.main()
