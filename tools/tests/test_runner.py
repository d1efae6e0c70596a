"""course.run_notebooks: the report, the claims log, the rich-output checks and the wrong-answer trials
(the runner's behaviour with a live kernel is checked end to end by course.runner_selftest in bin/test)."""
import unittest
from pathlib import Path

from support import TempTree, code, md, notebook, requires_nbformat

from course import run_notebooks as runner


def row(name, result="pass", **extra):
    r = {"notebook": name, "seconds": 12.34, "peak_mb": 456.7, "retries": 0, "result": result,
         "image_png": 3, "text_html": 2, "claims": (4, 4), "wrong_answers": 1, "kernel_line": "rapaio",
         "detail": ""}
    r.update(extra)
    return r


class Report(unittest.TestCase):
    def test_the_tsv_has_the_header_and_one_line_per_notebook(self):
        lines = runner.report_tsv([row("notebooks/00-a.ipynb"), row("notebooks/01-b.ipynb")]).splitlines()
        self.assertEqual(lines[0].split("\t"), runner.REPORT_COLUMNS)
        self.assertEqual(lines[1].split("\t"), ["notebooks/00-a.ipynb", "12.3", "457", "0", "pass", "3", "2",
                                                "4/4", "1", "rapaio", ""])
        self.assertEqual(len(lines), 3)

    def test_an_unknown_peak_is_empty_and_a_multi_line_detail_stays_on_its_row(self):
        r = row("n.ipynb", "error", peak_mb=None, detail="cell 3: boom\n\tat Foo.bar")
        cols = runner.report_tsv([r]).splitlines()[1].split("\t")
        self.assertEqual(len(cols), len(runner.REPORT_COLUMNS))
        self.assertEqual((cols[2], cols[-1]), ("", "cell 3: boom at Foo.bar"))

    def test_the_summary_ends_with_the_result_line_and_counts_claims_and_wrong_answers(self):
        rows = [row("a.ipynb"), row("b.ipynb", "error", claims=(2, 3), wrong_answers=0, detail="x")]
        text = runner.summary(rows, "java", Path("target") / "r.tsv")
        self.assertEqual(text.splitlines()[-1], "notebooks: 1 passed, 1 failed")
        self.assertIn("claims: 6 of 7 held; wrong exercise answers rejected: 1 ", text)
        self.assertIn("kernel 'java'", text)

    def test_a_failure_line_names_the_notebook_and_the_detail(self):
        line = runner.progress_line(row("notebooks/02-x.ipynb", "error", detail="cell 7: boom"))
        self.assertTrue(line.startswith("[notebooks] notebooks/02-x.ipynb: ERROR in 12.3 s"))
        self.assertTrue(line.endswith("\n  notebooks/02-x.ipynb, cell 7: boom"))
        self.assertNotIn("\n", runner.progress_line(row("notebooks/02-x.ipynb")))


class Limits(unittest.TestCase):
    def test_a_kernel_over_the_memory_limit_fails_its_notebook_and_says_by_how_much(self):
        r = runner.apply_limits(row("n.ipynb", peak_mb=1100.4), 600, runner.MEMORY_LIMIT_MB)
        self.assertEqual(r["result"], "memory")
        self.assertEqual(r["detail"], "peak kernel memory 1100 MB, over the limit of 1024 MB")

    def test_within_the_limits_or_with_an_unknown_peak_a_notebook_passes(self):
        self.assertEqual(runner.apply_limits(row("n.ipynb", peak_mb=1023.9), 600, 1024)["result"], "pass")
        self.assertEqual(runner.apply_limits(row("n.ipynb", peak_mb=None), 600, 1024)["result"], "pass")

    def test_time_over_the_limit_is_a_timeout_and_a_failed_notebook_keeps_its_own_result(self):
        r = runner.apply_limits(row("n.ipynb", seconds=130.0), 120, 1024)
        self.assertEqual((r["result"], r["detail"]), ("timeout", "took 130 s, over the limit of 120 s"))
        failed = runner.apply_limits(row("n.ipynb", "error", peak_mb=2000, detail="cell 3: boom"), 600, 1024)
        self.assertEqual((failed["result"], failed["detail"]), ("error", "cell 3: boom"))


class ClaimsLog(TempTree):
    def test_held_and_checked_are_counted_and_failures_listed(self):
        log = self.write("claims.tsv", "holds\tA\nfails\tB is below 2 (loss = 2.5)\n\nholds\tC\n")
        self.assertEqual(runner.count_claims(log), (2, 3))
        self.assertEqual(runner.claim_failures(log), ["B is below 2 (loss = 2.5)"])

    def test_no_log_means_no_claims(self):
        self.assertEqual(runner.count_claims(self.root / "missing.tsv"), (0, 0))


@requires_nbformat
class RichOutput(unittest.TestCase):
    def run_check(self, *cells):
        result = {}
        return runner.check_rich_output(notebook(*cells), result), result

    def test_a_chart_printed_as_text_is_a_fallback_naming_the_cell(self):
        cell = code("chart.show();")
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "[image 720x"},
                           {"output_type": "stream", "name": "stdout", "text": "400]\n"}]
        problem, _ = self.run_check(md("# T"), cell)
        self.assertIn("cell 1: a chart fell back to text ('[image 720x400]')", problem)

    def test_a_console_kernel_and_charts_without_png_are_reported_and_outputs_counted(self):
        cell = code("Environment.check(); Show.chart(c);")
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "Kernel           console\n"},
                           {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<table>"}}]
        problem, result = self.run_check(cell)
        self.assertIn("reports the kernel as 'console'", problem)
        self.assertIn("draws charts but has no image/png output", problem)
        self.assertEqual((result["image_png"], result["text_html"], result["kernel_line"]), (0, 1, "console"))

    def test_rich_output_passes(self):
        cell = code("Show.chart(c);")
        cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "AA=="}}]
        self.assertEqual(self.run_check(cell)[0], None)


@requires_nbformat
class WrongAnswerTrials(unittest.TestCase):
    def test_each_exercise_is_tried_with_the_stub_and_every_wrong_answer_before_its_last_check_cell(self):
        solution = code("int f() {\n  // BEGIN SOLUTION\n  return 42;\n  // END SOLUTION\n}",
                        stub="return 0;", wrong=["return 41;", "return -1;"], check_cells=2)
        nb = notebook(md("# T"), solution, code("check1();"), code("check2();"), code("// BEGIN SOLUTION\nx();\n// END SOLUTION"))
        trials = runner.wrong_answer_trials(nb)
        self.assertEqual(sorted(trials), [3, 4])
        index, sources, checks = trials[3]
        self.assertEqual((index, checks), (1, [2, 3]))
        self.assertEqual([label for label, _ in sources], ["the learner's stub", "wrong answer 1", "wrong answer 2"])
        self.assertEqual(sources[1][1], "int f() {\n  return 41;\n}")
        self.assertEqual(trials[4], (4, [("the learner's stub", "// Your code here.")], []))


if __name__ == "__main__":
    unittest.main()
