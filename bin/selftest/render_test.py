#!/usr/bin/python3
"""Self-test of the rendering tools: the default slide rules (bin/slides.py) and the offline check
(bin/check_site.py), which must fail on a remote script, style sheet or image and on a missing file.
Usage: bin/selftest/render_test.py   (bin/test runs it; needs only Python's standard library and nbformat)
"""
import json
import sys
import tempfile
import unittest
from pathlib import Path

BIN = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BIN))
import check_site  # noqa: E402
import slides  # noqa: E402


def md(text, kind=None):
    cell = {"cell_type": "markdown", "metadata": {}, "source": text, "id": f"m{abs(hash(text)) % 10**8}"}
    if kind:
        cell["metadata"]["slideshow"] = {"slide_type": kind}
    return cell


def code(text):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": [], "execution_count": None,
            "id": f"c{abs(hash(text)) % 10**8}"}


def types(nb):
    return [slides.slide_type(c) for c in nb["cells"]]


class SlideRules(unittest.TestCase):
    def test_level_two_heading_starts_a_slide_and_level_three_a_subslide(self):
        nb = slides.apply({"cells": [md("# Title"), md("## Part"), md("### Detail")]})
        self.assertEqual(types(nb), ["slide", "slide", "subslide"])

    def test_heading_inside_a_cell_splits_the_cell_there(self):
        nb = slides.apply({"cells": [md("# T"), code("int a = 1;"), md("Short end.\n\n## Next\n\nMore.")]})
        self.assertEqual([slides.source(c) for c in nb["cells"]][2:], ["Short end.", "## Next\n\nMore."])
        self.assertEqual(types(nb)[3], "slide")

    def test_long_prose_keeps_its_heading_and_first_paragraph_and_the_rest_becomes_notes(self):
        long_rest = " ".join(["word"] * 150)
        nb = slides.apply({"cells": [md(f"## Topic\n\nFirst paragraph.\n\n{long_rest}")]})
        self.assertEqual(types(nb), ["slide", "notes"])
        self.assertEqual(slides.source(nb["cells"][0]), "## Topic\n\nFirst paragraph.")

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
