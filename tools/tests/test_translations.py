"""course.translations: translations beside the English cells, checked for staleness, gaps and altered code."""
import contextlib
import io
import json
import unittest

from support import TempTree, code, md, notebook, requires_nbformat

from course import translations as t

GLOSSARY = "english\tchinese\tavoid\tnote\nwarmup\t预热\t热启动\tthe article's term\nlearning rate\t学习率\t\t\n"

ENGLISH_CODE = ('// one step on f(w) = w^2\n'
                'var plot = Plots.line("Gradient descent on w").x("step");\n'
                'Show.markdown("The best rate is %.2f, after %d steps.", best, steps);')
CHINESE_CODE = ('// 在 f(w) = w^2 上做一步\n'
                'var plot = Plots.line("在 w 上的梯度下降").x("步");\n'
                'Show.markdown("最好的学习率是 %.2f，在 %d 步之后。", best, steps);')


class JavaParts(unittest.TestCase):
    def test_literals_text_blocks_chars_and_comments_are_masked(self):
        src = 'int a = 1; // a comment\nString s = "x \\" y"; char c = \'"\'; /* block */ var t = """\nhi\n""";'
        skeleton, literals, comments = t.java_parts(src)
        self.assertEqual(literals, ['x \\" y', '"', "\nhi\n"])
        self.assertEqual([c.strip() for c in comments], ["a comment", "block"])
        self.assertNotIn("comment", skeleton)
        self.assertEqual(skeleton.count("\0S"), 3)

    def test_only_literals_and_comments_may_differ(self):
        self.assertEqual(t.java_parts(ENGLISH_CODE)[0], t.java_parts(CHINESE_CODE)[0])
        self.assertNotEqual(t.java_parts(ENGLISH_CODE)[0], t.java_parts(CHINESE_CODE.replace("best,", "worst,"))[0])


@requires_nbformat
class Checks(TempTree):
    def lesson(self, *cells):
        import nbformat
        path = self.root / "notebooks" / "00-test.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(*cells), str(path))
        self.write("i18n/zh/glossary.tsv", GLOSSARY)
        return path

    def translate(self, path, texts):
        import nbformat
        nb = nbformat.read(str(path), as_version=4)
        by_id = {c.id: c for c in nb.cells}
        t.save_store(path, {cid: {"en": t.digest(by_id[cid].source) if cid in by_id else "0", "text": text}
                            for cid, text in texts.items()}, root=self.root)

    def problems(self, path):
        return [p for _, _, p in t.lesson_report(path, root=self.root)[2]]

    def setUp(self):
        super().setUp()
        self.prose = md("Training with warmup and a learning rate of 0.1.")
        self.code = code(ENGLISH_CODE)
        self.keys = code('var x = table.doubleColumn("lr");')   # no English prose: nothing to translate
        self.path = self.lesson(self.prose, self.code, self.keys)
        self.good = {self.prose["id"]: "以预热和 0.1 的学习率训练。", self.code["id"]: CHINESE_CODE}

    def test_a_complete_translation_has_no_problem_and_only_prose_cells_need_one(self):
        self.translate(self.path, self.good)
        self.assertEqual(self.problems(self.path), [])
        self.assertEqual(t.lesson_report(self.path, root=self.root)[1], 2)

    def test_a_missing_cell_a_stale_cell_and_an_orphan_are_reported(self):
        self.translate(self.path, {self.code["id"]: CHINESE_CODE, "gone": "旧的"})
        self.assertIn("missing", self.problems(self.path))
        self.assertTrue(any(p.startswith("orphaned") for p in self.problems(self.path)))
        import nbformat
        nb = nbformat.read(str(self.path), as_version=4)
        nb.cells[0].source += " Then it decays."
        nbformat.write(nb, str(self.path))
        self.translate(self.path, self.good)
        nb.cells[0].source += " Twice."                      # the English changes after the translation
        nbformat.write(nb, str(self.path))
        self.assertTrue(any(p.startswith("stale") for p in self.problems(self.path)), self.problems(self.path))

    def test_a_cell_of_keys_needs_no_entry_and_a_percent_in_prose_is_not_a_format(self):
        self.assertFalse(t.needs_translation(notebook(code('var x = t.column("val_loss_final_mean"); // encoder.layer1')).cells[0]))
        self.assertEqual(t.FORMAT.findall("below 3% of the initial loss, %.2f%% of it, %-5s"), ["%.2f", "%%", "%-5s"])
        self.translate(self.path, dict(self.good, **{self.keys["id"]: 'var x = table.doubleColumn("lr"); // 键'}))
        self.assertTrue(any("needs no translation" in p for p in self.problems(self.path)), self.problems(self.path))

    def test_a_copied_english_cell_is_not_a_translation(self):
        self.translate(self.path, {self.prose["id"]: self.prose["source"], self.code["id"]: ENGLISH_CODE})
        self.assertEqual(self.problems(self.path).count("holds no Chinese text"), 2)

    def test_changed_code_and_changed_format_specifiers_are_rejected(self):
        self.translate(self.path, dict(self.good, **{self.code["id"]: CHINESE_CODE.replace("best,", "worst,")}))
        self.assertTrue(any("code differs" in p for p in self.problems(self.path)))
        self.translate(self.path, dict(self.good, **{self.code["id"]: CHINESE_CODE.replace("%.2f", "%s")}))
        self.assertTrue(any("format specifiers" in p for p in self.problems(self.path)), self.problems(self.path))

    def test_the_glossary_terms_are_required_and_the_avoided_term_only_quoted(self):
        self.translate(self.path, dict(self.good, **{self.prose["id"]: "以热启动和 0.1 的学习率训练。"}))
        found = self.problems(self.path)
        self.assertTrue(any("预热" in p and "warmup" in p for p in found), found)
        self.assertTrue(any("'热启动' is a term to avoid" in p for p in found), found)
        self.translate(self.path, dict(self.good, **{self.prose["id"]: "以预热（原文称“热启动”）和 0.1 的学习率训练。"}))
        self.assertEqual(self.problems(self.path), [])

    def run_main(self, *args):
        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            rc = t.main(list(args), root=self.root)
        return rc, out.getvalue() + err.getvalue()

    def test_check_wants_the_generated_notebook_and_build_writes_it_translated(self):
        self.translate(self.path, self.good)
        rc, text = self.run_main("check")
        self.assertEqual(rc, 1, text)
        self.assertIn("not generated", text)
        self.assertEqual(self.run_main("build")[0], 0)
        rc, text = self.run_main("check")
        self.assertEqual(rc, 0, text)
        self.assertIn("1 of 1 lessons complete", text)
        written = json.loads((self.root / "notebooks" / "zh" / "00-test.ipynb").read_text(encoding="utf-8"))
        self.assertEqual("".join(written["cells"][1]["source"]), CHINESE_CODE)
        self.assertEqual("".join(written["cells"][2]["source"]), self.keys["source"])
        self.assertEqual(written["metadata"]["trainwell"]["language"], "zh")

    def test_a_stale_translation_fails_the_check_and_so_does_a_lesson_without_one(self):
        self.translate(self.path, dict(self.good, **{self.prose["id"]: "以预热训练。"}))
        import nbformat
        nb = nbformat.read(str(self.path), as_version=4)
        nb.cells[0].source = "Training without warmup, at a learning rate of 0.1."
        nbformat.write(nb, str(self.path))
        rc, text = self.run_main("check")
        self.assertEqual(rc, 1)
        self.assertIn("stale", text)
        (self.root / "i18n" / "zh" / "00-test.json").unlink()
        rc, text = self.run_main("check")
        self.assertEqual(rc, 1, text)   # every lesson is translated: one without a translation fails
        self.assertIn("not started yet: 00", text)
        self.assertIn("00-test has no translation", text)

    def test_the_translated_copy_leaves_the_exercises_open(self):
        import nbformat
        solved = code("// BEGIN SOLUTION\nint answer = 42;\n// END SOLUTION\nCheck.that(\"the answer is right\", answer == 42);")
        path = self.root / "notebooks" / "solutions" / "01-x.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(solved), str(path))
        zh = solved["source"].replace("the answer is right", "答案正确")
        t.save_store(path, {solved["id"]: {"en": t.digest(solved["source"]), "text": zh}}, root=self.root)
        self.assertEqual(t.lesson_report(path, root=self.root)[2], [])
        copy = t.translated_notebook(path, root=self.root)
        self.assertNotIn("42;", copy.cells[0].source)
        self.assertIn("答案正确", copy.cells[0].source)

    def test_an_exercise_stub_is_translated_checked_and_used_in_the_learner_copy(self):
        import nbformat
        solved = code("// BEGIN SOLUTION\nint answer = 42;\n// END SOLUTION\nCheck.that(\"the answer is right\", answer == 42);")
        stub = "int answer = Exercise.TODO;   // your answer here"
        solved["metadata"]["trainwell"] = {"stub": stub}
        path = self.root / "notebooks" / "solutions" / "01-x.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(solved), str(path))
        key = solved["id"] + t.STUB
        cell = {"en": t.digest(solved["source"]), "text": solved["source"].replace("the answer is right", "答案正确")}
        t.save_store(path, {solved["id"]: cell}, root=self.root)
        self.assertEqual([(cid, p) for _, cid, p in t.lesson_report(path, root=self.root)[2]], [(key, "missing")])
        zh_stub = "int answer = Exercise.TODO;   // 在这里写你的答案"
        t.save_store(path, {solved["id"]: cell, key: {"en": t.digest(stub), "text": zh_stub}}, root=self.root)
        self.assertEqual(t.lesson_report(path, root=self.root)[2], [])
        self.assertIn(zh_stub, t.translated_notebook(path, root=self.root).cells[0].source)
        changed = {"en": t.digest(stub), "text": "int answer = 0;   // 在这里写你的答案"}   # the stub's code changed
        t.save_store(path, {solved["id"]: cell, key: changed}, root=self.root)
        self.assertIn("its code differs", " ".join(p for _, _, p in t.lesson_report(path, root=self.root)[2]))


if __name__ == "__main__":
    unittest.main()
