"""The rendering tools: the default slide rules and the misconception boxes (course.slides), the deck's
layout (course.render; bin/screenshot-test --selftest checks the browser measurement) and the offline check
(course.check_site), which must fail on a remote script, style sheet or image and on a missing file.
"""
import json
import tempfile
import unittest
from pathlib import Path

from support import code, md, requires_nbformat

from course import check_site, render, slides


def types(nb):
    return [slides.slide_type(c) for c in nb["cells"]]


@requires_nbformat
class SlideRules(unittest.TestCase):
    def test_level_two_heading_starts_a_slide_and_level_three_a_subslide(self):
        nb = slides.apply({"cells": [md("# Title"), md("## Part"), md("### Detail")]})
        self.assertEqual(types(nb), ["slide", "slide", "subslide"])

    def test_heading_inside_a_cell_splits_the_cell_there(self):
        nb = slides.apply({"cells": [md("# T"), code("int a = 1;"), md("Short end.\n\n## Next\n\nMore.")]})
        self.assertEqual([slides.source(c) for c in nb["cells"]][2:], ["Short end.", "## Next\n\nMore."])
        self.assertEqual(types(nb)[3], "slide")

    def test_long_prose_is_split_into_subslides_and_nothing_goes_to_the_notes(self):
        para = " ".join(["word"] * 70)
        nb = slides.apply({"cells": [md(f"## Topic\n\nFirst paragraph.\n\n{para}\n\n{para}\n\n{para}")]})
        self.assertEqual(types(nb), ["slide", "subslide", "subslide"])
        self.assertTrue(slides.source(nb["cells"][0]).startswith("## Topic\n\nFirst paragraph."))
        self.assertEqual("\n\n".join(slides.source(c) for c in nb["cells"]),
                         f"## Topic\n\nFirst paragraph.\n\n{para}\n\n{para}\n\n{para}")

    def test_a_misconception_box_is_kept_whole_and_starts_its_own_subslide(self):
        para = " ".join(["word"] * 125)
        box = "> **Misconception:** a myth.\n>\n> **What the experiment shows:** the truth."
        nb = slides.apply({"cells": [md(f"## Topic\n\n{para}\n\n{box}")]})
        self.assertEqual(types(nb), ["slide", "subslide"])
        self.assertEqual(slides.source(nb["cells"][1]), box)

    def test_typed_numbers_go_with_the_part_that_holds_them_and_ids_stay_unique(self):
        para = " ".join(["word"] * 100)
        cell = md(f"## T\n\n{para} 0.5\n\n{para} 0.9")
        cell["metadata"]["trainwell"] = {"typed": ["0.5", "0.9"]}
        other = md("x")
        other["id"] = cell["id"] + "-2"
        nb = slides.apply({"cells": [cell, other]})
        self.assertEqual([c["metadata"]["trainwell"]["typed"] for c in nb["cells"][:2]], [["0.5"], ["0.9"]])
        self.assertEqual(len({c["id"] for c in nb["cells"]}), 3)

    def test_the_parts_of_a_split_cell_keep_its_tags(self):
        para = " ".join(["word"] * 100)
        cell = md(f"{para}\n\n{para}")
        cell["metadata"]["tags"] = ["solution-only"]
        nb = slides.apply({"cells": [md("# T"), cell]})
        self.assertEqual([c["metadata"].get("tags") for c in nb["cells"][1:]], [["solution-only"]] * 2)

    def test_boxes_are_found_in_markdown_and_in_show_markdown_calls(self):
        nb = {"cells": [md("Intro.\n\n> **Misconception:** a myth in prose.\n>\n> **What the experiment shows:** no."),
                        code('Show.markdown("> **Misconception:** \\"a myth\\" from the run.\\n>\\n"\n'
                             '    + "> **What the experiment shows:** %.2f of it, not more.", x);')]}
        found = slides.boxes(nb)
        self.assertEqual([i for i, _ in found], [0, 1])
        self.assertIn("what the experiment shows", slides.box_runs(found[1][1]))
        self.assertIn("of it not more", " ".join(slides.box_runs(found[1][1], 3)))

    def test_metadata_set_by_the_author_is_kept(self):
        nb = slides.apply({"cells": [md("# Title"), md("## Aside", "fragment"), code("run();")]})
        self.assertEqual(types(nb)[1], "fragment")

    def test_environment_check_and_imports_are_skipped_but_real_code_is_not(self):
        nb = slides.apply({"cells": [md("# T"), code("import a.b.*;\n\nEnvironment.check();"),
                                     code("import a.b.*;\nvar x = f();")]})
        self.assertEqual(types(nb)[1:], ["skip", "-"])

    def test_interpretation_after_code_is_a_fragment_and_an_introduction_starts_a_subslide(self):
        nb = slides.apply({"cells": [md("## T"), code("a();"), md("So a works."), md("## U"), code("b();"),
                                     md("Now c:"), code("c();")]})
        self.assertEqual(types(nb), ["slide", "-", "fragment", "slide", "-", "subslide", "-"])

    def test_a_second_run_changes_nothing(self):
        nb = slides.apply({"cells": [md("# T\n\n" + " ".join(["w"] * 200)), code("a();")]})
        before = json.dumps(nb, sort_keys=True)
        self.assertEqual(json.dumps(slides.apply(nb), sort_keys=True), before)


class DeckLayout(unittest.TestCase):
    def test_column_names_read_as_words(self):
        self.assertEqual(render.readable("val_loss_final_mean"), "final validation loss (mean)")
        self.assertEqual(render.readable("lr"), "lr")
        self.assertEqual(render.readable("d_k"), "d_k")
        self.assertEqual(render.readable("grad_norm_final_std"), "final gradient norm (sd)")
        self.assertEqual(render.readable("mean entropy (nats)"), "mean entropy (nats)")
        self.assertEqual(render.readable("finalLoss"), "final loss")

    @requires_nbformat
    def test_a_cell_with_two_plots_continues_on_a_subslide_and_long_code_is_folded(self):
        import nbformat
        png = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "AA=="}}
        cell = code("\n".join(f"line{k}();" for k in range(12)) + "\nchart.show();")
        cell["outputs"] = [png, dict(png)]
        nb = nbformat.from_dict({"cells": [md("# T", "slide"), cell], "metadata": {}, "nbformat": 4,
                                 "nbformat_minor": 5})
        nb.cells[1].metadata["slideshow"] = {"slide_type": "-"}
        render.lay_out_deck(nb)
        self.assertEqual(len(nb.cells), 3)
        self.assertEqual(nb.cells[1].metadata["deck"]["input"], "fold")
        self.assertEqual(nb.cells[2].metadata["slideshow"]["slide_type"], "subslide")
        self.assertEqual(len(nb.cells[1].outputs) + len(nb.cells[2].outputs), 2)

    def test_many_claims_fold_under_one_line(self):
        claim = {"output_type": "display_data", "metadata": {},
                 "data": {"text/html": "<p>✔️ <strong>Claim holds:</strong> x</p>"}}
        outs = render.lay_out_outputs([claim] * 4)
        self.assertEqual(len(outs), 1)
        self.assertIn("4 claims hold", outs[0]["data"]["text/html"])

    def test_a_chinese_deck_folds_in_chinese_and_drops_the_kernels_chinese_echo(self):
        claim = {"output_type": "display_data", "metadata": {},
                 "data": {"text/html": "<p>✔️ <strong>断言成立：</strong> x</p>"}}
        echo = {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
                "data": {"text/plain": "断言 'x'：成立"}}
        outs = render.lay_out_outputs([claim] * 4 + [echo], "zh")
        self.assertEqual(len(outs), 1)
        self.assertIn("4 个断言成立 (展开)", outs[0]["data"]["text/html"])

    def test_chinese_words_are_counted_by_characters(self):
        self.assertEqual(slides.words("two words"), 2)
        self.assertEqual(slides.words("验证损失在最小值附近有噪声"), 7)   # 13 characters
        self.assertEqual(slides.words("best 步 300"), 3)
        prose = {"output_type": "display_data", "metadata": {},
                 "data": {"text/html": "<p>" + "两次运行使用同一个随机种子，所以两条曲线是重合的。" * 3 + "</p>"}}
        self.assertTrue(render.is_long_prose(prose))   # 72 characters, no spaces: long

    def test_a_chinese_misconception_box_is_a_box(self):
        nb = {"cells": [md("> **误区：** 预热可有可无。\n>\n> **实验表明：** 并非如此。")]}
        self.assertEqual(len(slides.boxes(nb)), 1)


class Languages(unittest.TestCase):
    """The site in two languages: each index links to the other, a Chinese page to its English lesson."""

    def entry(self, language, page, deck):
        return {"number": "03", "page": page, "deck": deck, "title": "T", "summary": "S", "seconds": 84.0,
                "approximate": False, "language": language, "root": "../" if language == "zh" else "",
                "solution": False}

    def test_the_chinese_index_links_inside_zh_and_back_to_the_english_one(self):
        e = self.entry("zh", "zh/03-x.html", "zh/slides/03-x.slides.html")
        page = render.index_page([e], [], "zh", switch="../index.html")
        self.assertIn('<html lang="zh-Hans">', page)
        self.assertIn('href="03-x.html"', page)
        self.assertIn('href="slides/03-x.slides.html"', page)
        self.assertIn('href="../assets/course.css"', page)
        self.assertIn('href="../index.html"', page)
        self.assertIn("84 秒", page)
        self.assertNotIn('href="zh/', page)

    def test_the_english_index_links_to_the_chinese_one(self):
        page = render.index_page([self.entry("en", "03-x.html", "slides/03-x.slides.html")], [],
                                 switch="zh/index.html")
        self.assertIn('<html lang="en">', page)
        self.assertIn('href="zh/index.html"', page)
        self.assertIn("84 s", page)

    def test_a_page_links_to_the_same_lesson_in_the_other_language(self):
        e = self.entry("zh", "zh/03-x.html", "zh/slides/03-x.slides.html")
        e["switch"] = "03-x.html"
        bar = render.nav(e, None, None, "top")
        self.assertIn('href="../03-x.html"', bar)
        self.assertIn('href="../zh/index.html"', bar)
        self.assertIn("运行时间", bar)
        self.assertIn("English", bar)
        self.assertEqual(render.language_of(Path("zh/03-x.ipynb")), "zh")
        self.assertEqual(render.language_of(Path("solutions/03-x.ipynb")), "en")

    def test_a_page_declares_its_language(self):
        self.assertEqual(render.with_language("<!DOCTYPE html>\n<html>\n<head>", "zh"),
                         '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>')


class OfflineCheck(unittest.TestCase):
    def site(self, page, extra=()):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        (root / "index.html").write_text(page)
        for name in extra:
            (root / name).write_text("")
        return root

    def problems(self, page, extra=()):
        return check_site.check(self.site(page, extra))[1]

    def test_a_page_with_only_local_files_passes(self):
        page = '<link rel="stylesheet" href="a.css"><script src="a.js"></script><img src="data:image/png;base64,AA">'
        self.assertEqual(self.problems(page, ["a.css", "a.js"]), [])

    def test_remote_script_style_sheet_image_and_font_fail(self):
        page = ('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn.example/x.css">'
                '<img src="http://example.org/x.png"><style>@font-face { src: url(https://f.example/f.woff) }</style>')
        self.assertEqual(len(self.problems(page)), 4)

    def test_plain_links_in_prose_may_be_remote(self):
        self.assertEqual(self.problems('<a href="https://djl.ai">DJL</a>'), [])

    def test_a_missing_local_file_fails(self):
        self.assertEqual(len(self.problems('<script src="assets/missing.js"></script>')), 1)


if __name__ == "__main__":
    unittest.main(verbosity=1)
