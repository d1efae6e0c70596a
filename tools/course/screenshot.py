"""Screenshot test of the rendered site: every deck measured at 1280x720, screenshots of its slides.

For EVERY deck in target/site/ (headless Chromium, from the file system, no network):
  * every slide (and sub-slide) is shown at 1280x720 and measured: the test FAILS if any is taller
    (its scrollHeight) or wider than the 1280x720 slide, i.e. if it would scroll or be cut off;
  * every misconception box of the deck's notebook (bin/slides.py boxes(): a Markdown quote opening
    with **Misconception**, or one a code cell writes with Show.markdown) must be on a slide: each of
    its runs of plain words must appear in the visible text of some slide (speaker notes, folded
    parts and formulas do not count), else the test FAILS;
  * screenshots of the title slide, the first slide with a plot and the first slide with a
    misconception box go to target/screenshots/<lesson>-{title,plot,misconception}.png; the plot
    slide FAILS unless the plot shows (its own main colours, read from the PNG, cover at least half as
    many pixels in the screenshot as in the plot), the misconception slide unless the box lies inside
    the screen. The first lesson with a plot is also shot as a page (<lesson>-page.png), same check.
The Chinese edition's decks (target/site/zh/slides/, from notebooks/zh) get the same checks, their shots
named zh-<lesson>-*.png, and the first Chinese lesson with a plot is shot as a page too. On a Chinese title
slide and page, the test asks the browser which fonts drew the heading and the first claim (the library's
verdict, in Chinese): every CJK character must come from a font that fontconfig lists for Chinese (fc-list
:lang=zh), else the page shows empty boxes and the test FAILS.
Prints one line per deck (slides, largest slide height, boxes on slides / in the notebook).

Needs the Debian package `chromium` (bin/setup installs it; bin/test runs this test).
Usage: bin/screenshot-test [LESSON ...]   LESSON: e.g. 03-learning-rate-schedules (default: every deck)
       bin/screenshot-test --selftest     shows that the checks fail: renders a deck with a slide that
                                          overflows and a box left in the notes, and requires the
                                          checker to report exactly those two problems (every run
                                          does this first; --no-selftest skips it)
"""
import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

from . import paths
from . import slides  # the notebook's misconception boxes
from .paths import ROOT

SITE = paths.SITE
OUT = paths.SCREENSHOTS
WINDOW = (1280, 1000)   # a lesson page
SLIDE = (1280, 720)     # a deck: the size of every slide (bin/render-assets/templates/course-slides)
MIN_SHARE = 0.5      # of the plot's main-colour pixels that must show where the plot is
TOLERANCE = 40       # colour distance (0-441) that still counts as the same colour
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1",
                  f"--window-size={WINDOW[0]},{WINDOW[1]}"]


def decode_png(data):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, palette = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or interlace:
        raise ValueError(f"unsupported PNG (bit depth {depth}, interlace {interlace})")
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    raw, stride = zlib.decompress(idat), width * channels
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if ctype == 3:
            rows.append([palette[v] for v in line])
        elif ctype in (0, 4):
            rows.append([(v, v, v) for v in line[::channels]])
        else:
            rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
    return width, height, rows


def histogram(rows):
    counts = {}
    for row in rows:
        for px in row:
            counts[px] = counts.get(px, 0) + 1
    return counts


def main_colours(plot_rows, n=3):
    """The plot's n most frequent clearly coloured (not grey, not white) pixel values."""
    coloured = {c: k for c, k in histogram(plot_rows).items() if max(c) - min(c) > 60}
    return sorted(coloured.items(), key=lambda kv: -kv[1])[:n]


def near_count(rows, colours):
    """How many pixels lie within TOLERANCE of one of the colours."""
    counts = histogram(rows)
    return sum(k for c, k in counts.items()
               if any(sum((p - q) ** 2 for p, q in zip(c, colour)) <= TOLERANCE ** 2 for colour, _ in colours))


def share_shown(shot_rows, colours, plot_rows):
    """Pixels of the screenshot near the plot's main colours, over the same count in the plot itself."""
    return near_count(shot_rows, colours) / max(1, near_count(plot_rows, colours))


class Walk(HTMLParser):
    """Finds the first PNG image of a page, the heading id before it, and its slide (h, v)."""

    def __init__(self):
        super().__init__()
        self.last_id, self.depth_stack, self.h, self.v = None, [], -1, -1
        self.found = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4") and a.get("id"):
            self.last_id = a["id"]
        if tag == "section":
            if not self.depth_stack:
                self.h, self.v = self.h + 1, -1
            elif len(self.depth_stack) == 1:
                self.v += 1
            self.depth_stack.append(tag)
        if tag == "img" and (a.get("src") or "").startswith("data:image/png") and self.found is None:
            self.found = {"anchor": self.last_id, "png": base64.b64decode(a["src"].split(",", 1)[1]),
                          "slide": (self.h, max(self.v, 0))}

    def handle_endtag(self, tag):
        if tag == "section" and self.depth_stack:
            self.depth_stack.pop()


def first_plot(path):
    w = Walk()
    w.feed(path.read_text(encoding="utf-8"))
    return w.found


class Browser:
    """Headless Chromium driven through its DevTools protocol on a pipe (no port, no network)."""

    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            sys.exit("screenshot-test: chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.TemporaryDirectory(prefix="course-chromium-")
        to_browser, self.out = os.pipe()
        self.inp, from_browser = os.pipe()
        os.dup2(to_browser, 100)
        os.dup2(from_browser, 101)
        # Chromium reads commands from fd 3 and writes answers to fd 4.
        cmd = ["bash", "-c", 'exec "$@" 3<&100 4>&101 100<&- 101>&-', "chromium", chromium, *CHROMIUM_FLAGS,
               "--remote-debugging-pipe", f"--user-data-dir={self.profile.name}", "about:blank"]
        self.proc = subprocess.Popen(cmd, pass_fds=(100, 101), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for fd in (100, 101, to_browser, from_browser):
            os.close(fd)
        self.next_id, self.buffer, self.session = 0, b"", None
        self.target, self.url, self.size = None, None, None   # the open tab: what it shows, at what size
        self.requests = []   # every URL the pages asked for (Network.requestWillBeSent)

    def call(self, method, session=True, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.inp, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed its DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("method") == "Network.requestWillBeSent":
                self.requests.append(answer["params"]["request"]["url"])
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
        raise RuntimeError(f"{method}: no answer within 60 s")

    def open(self, url, size=WINDOW):
        """Opens url in a new tab of the given size (closing the last one) and waits until it is loaded and
        typeset."""
        if self.target:
            self.call("Target.closeTarget", session=False, targetId=self.target)
        target = self.call("Target.createTarget", session=False, url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", session=False, targetId=target, flatten=True)["sessionId"]
        self.target, self.url, self.size = target, url, size
        self.call("Network.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=size[0], height=size[1],
                  deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        # Until the navigation commits, the tab still shows about:blank, whose readyState is "complete" too: on a
        # busy machine that answered first, and the measuring script then ran on a page still loading.
        for _ in range(600):
            if self.js("location.href !== 'about:blank' && document.readyState === 'complete'"):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"{url}: not loaded within 60 s")
        # MathJax starts after the load event (loading its parts, then typesetting the page): wait for the end of
        # its start-up, then for its queue to drain. (The hook must return nothing: MathJax waits for a hook that
        # returns a callback, such as the queue's, and the queue waits for the start-up.)
        self.js("new Promise(done => (window.MathJax && MathJax.Hub) ? MathJax.Hub.Register.StartupHook('End', "
                "() => { MathJax.Hub.Queue(() => done(1)); }) : done(0))")

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, out, clip=None):
        params = {"format": "png", "captureBeyondViewport": clip is not None}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        out.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", **params)["data"]))

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.out)
        os.close(self.inp)
        self.profile.cleanup()


# The first PNG of the document (of the current slide in a deck): its box in page coordinates,
# whether it decoded, and the box of the section from the heading before it down to the image.
FIND_PLOT = """(() => {
  const root = window.Reveal ? Reveal.getCurrentSlide() : document;
  const img = [...root.querySelectorAll('img')].find(i => i.src.startsWith('data:image/png'));
  if (!img) return null;
  const box = e => { const r = e.getBoundingClientRect();
                     return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; };
  const heads = [...document.querySelectorAll('h1, h2, h3')].filter(
      h => h.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {img: box(img), decoded: img.complete && img.naturalWidth > 0,
          head: heads.length ? box(heads[heads.length - 1]) : null,
          math: document.querySelectorAll('.MathJax_CHTML').length,
          mathErrors: document.querySelectorAll('.MathJax_Error, .mjx-merror').length};
})()"""


def crop(rows, box, dx=0.0, dy=0.0):
    """The pixels of rows inside box (page coordinates), for an image whose top left is (dx, dy)."""
    x0, y0 = max(0, int(box["x"] - dx)), max(0, int(box["y"] - dy))
    x1, y1 = int(box["x"] - dx + box["width"]), int(box["y"] - dy + box["height"])
    return [row[x0:x1] for row in rows[y0:y1]]


def verdict(name, shot_path, info, plot_region, colours, plot_rows):
    """Prints and returns whether the screenshot shows the decoded plot in its region."""
    pixels = sum(len(r) for r in plot_region)
    share = share_shown(plot_region, colours, plot_rows) if pixels else 0.0
    non_white = (sum(1 for r in plot_region for px in r if min(px) < 235) / pixels) if pixels else 0.0
    # A line chart of thin curves inks 5-8% of its box (CI, 2026-12-02: three shots at 5%, one just under it
    # failed); an empty box inks none. The plot's own colours in the box (share) are the main check.
    ok = info["decoded"] and share >= MIN_SHARE and non_white > 0.03 and not info["mathErrors"]
    print(f"screenshot-test: {shot_path.relative_to(ROOT)}: {name}: plot decoded {info['decoded']}, "
          f"its colours in its box {share:.0%} of the plot's own, {non_white:.0%} of the box not white; "
          f"{info['math']} formulas typeset, {info['mathErrors']} errors: {'PASS' if ok else 'FAIL'}")
    return ok



# Every slide of the deck, shown one after the other with all its fragments: its size, whether it
# holds a plot or a misconception box, and its visible text (speaker notes, folded parts, formulas
# and scripts removed).
MEASURE = """(async () => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none', fragments: true});
  const tick = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const typeset = () => new Promise(done => (window.MathJax && MathJax.Hub) ? MathJax.Hub.Queue(() => done(1)) : done(0));
  const out = [];
  for (const slide of Reveal.getSlides()) {
    const idx = Reveal.getIndices(slide);
    Reveal.slide(idx.h, idx.v || 0, 1000);
    await tick(); await typeset(); await tick();
    const copy = slide.cloneNode(true);
    copy.querySelectorAll('aside.notes, script, style, .MathJax_Preview, .MathJax, .MathJax_CHTML, mjx-container')
        .forEach(e => e.remove());
    copy.querySelectorAll('details').forEach(d => { [...d.childNodes].forEach(c => {
        if (!(c.tagName && c.tagName.toLowerCase() === 'summary')) c.remove(); }); });
    const box = [...slide.querySelectorAll('blockquote, .jp-OutputArea-output')]
        .filter(e => /Misconception|误区/.test(e.textContent) && !e.closest('aside.notes'))
        .map(e => e.getBoundingClientRect()).map(r => ({top: r.top, bottom: r.bottom}));
    // The height the slide's content needs: its scrollHeight with the slide's own height let loose
    // (at 100% height scrollHeight never reads less than the screen).
    const full = slide.scrollHeight, saved = slide.style.height;
    slide.style.height = 'auto';
    const needed = slide.scrollHeight;
    slide.style.height = saved;
    out.push({h: idx.h, v: idx.v || 0, height: Math.max(needed, full > 721 ? full : 0), width: slide.scrollWidth,
              plot: !!slide.querySelector('img[src^="data:image/png"]'), box: box[0] || null,
              plots: [...slide.querySelectorAll('img')].filter(i => !i.closest('details, aside.notes')).length,
              text: copy.textContent});
  }
  return out;
})()"""


def measure(browser, deck):
    """[{h, v, height, width, plot, box, text}] of every slide of the deck file."""
    browser.open(deck.as_uri(), SLIDE)
    return browser.js(MEASURE)


def overflows(slides_):
    """The slides taller or wider than SLIDE (a pixel of rounding allowed), or with more than one plot."""
    return [s for s in slides_ if s["height"] > SLIDE[1] + 1 or s["width"] > SLIDE[0] + 1 or s["plots"] > 1]


def missing_boxes(nb, slides_):
    """[(cell, first words of the box, the run not found)] for the notebook's misconception boxes whose
    text is not on any slide."""
    shown = [slides.plain_words(s["text"]) for s in slides_]
    missing = []
    for cell, text in slides.boxes(nb):
        for run in slides.box_runs(text):
            if not any(f" {run} " in words for words in shown):
                missing.append((cell, " ".join(text.split()[:8]), run))
                break
    return missing


def check_deck(browser, deck, nb):
    """(slides, overflowing slides, missing boxes) of one deck, printed."""
    measured = measure(browser, deck)
    over = overflows(measured)
    gone = missing_boxes(nb, measured)
    n_boxes = len(slides.boxes(nb))
    tallest = max(measured, key=lambda s: s["height"])
    wordiest = max(measured, key=lambda s: len(s["text"].split()))
    ok = not over and not gone
    print(f"screenshot-test: {deck.name}: {len(measured)} slides, largest {tallest['width']}x{tallest['height']} px "
          f"(slide {tallest['h']}/{tallest['v']}) at {SLIDE[0]}x{SLIDE[1]}, most words {len(wordiest['text'].split())} "
          f"(slide {wordiest['h']}/{wordiest['v']}); misconception boxes on slides "
          f"{n_boxes - len(gone)} of {n_boxes}: {'PASS' if ok else 'FAIL'}")
    for s in over:
        first = " ".join(s["text"].split()[:10])
        print(f"screenshot-test:   FAIL slide {s['h']}/{s['v']} is {s['width']}x{s['height']} px with {s['plots']} plots, "
              f"more than {SLIDE[0]}x{SLIDE[1]} or one plot: \"{first} ...\" (split it, fold its code, or set its "
              "cells' slide types)")
    for cell, first, run in gone:
        print(f"screenshot-test:   FAIL the misconception box of cell {cell} (\"{first} ...\") is not on a slide: "
              f"\"{run[:80]}\" shows on none (is it in the speaker notes?)")
    return measured, over, gone


def shoot_slide(browser, deck, h, v, out):
    """Shows slide h/v of the deck (in the tab that measured it, when it is still open: loading and typesetting a
    deck again costs seconds) and saves a screenshot."""
    if browser.url != deck.as_uri() or browser.size != SLIDE:
        browser.open(deck.as_uri(), SLIDE)
    browser.js(f"new Promise(done => {{ Reveal.configure({{transition: 'none'}}); Reveal.slide({h}, {v}, 1000); "
               "setTimeout(() => done(1), 500); })")
    browser.screenshot(out)


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def chinese_families():
    """The font families fontconfig offers for Chinese (fc-list :lang=zh), e.g. Noto Sans CJK SC."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return set()
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


# Marks the first element matching each selector (the first one that holds CJK text), so that the DevTools
# protocol can ask which fonts drew it.
MARK_CJK = """(selectors => selectors.map(([sel, must], k) => {
  const root = window.Reveal ? Reveal.getCurrentSlide() : document;
  const el = [...root.querySelectorAll(sel)].find(e => /[\u3400-\u9fff]/.test(e.textContent)
                                                     && e.textContent.includes(must));
  if (!el) return null;
  el.setAttribute('data-cjk-check', String(k));
  return el.textContent.replace('¶', '').trim();
}))"""


def cjk_drawn(browser, what, selectors, families):
    """Checks that the CJK characters of the first element of each (selector, text it must contain) were
    drawn with Chinese fonts; prints one line per element and returns whether all were (an element not found
    fails)."""
    texts = browser.js(MARK_CJK + "(" + json.dumps(selectors) + ")")
    browser.call("DOM.enable")
    browser.call("CSS.enable")
    root = browser.call("DOM.getDocument", depth=-1)["root"]["nodeId"]
    ok = True
    for k, ((selector, must), text) in enumerate(zip(selectors, texts)):
        if not text:
            print(f"screenshot-test: {what}: no {selector} with Chinese text{' and ' + must if must else ''}: FAIL")
            ok = False
            continue
        node = browser.call("DOM.querySelector", nodeId=root, selector=f'[data-cjk-check="{k}"]')["nodeId"]
        fonts = browser.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
        chinese = sum(f["glyphCount"] for f in fonts if f["familyName"] in families)
        need = len(CJK.findall(text))
        # Every CJK character drawn by a Chinese font (other glyphs, such as digits, may come from any font).
        good = need > 0 and chinese >= need
        used = ", ".join(f"{f['familyName']} {f['glyphCount']}" for f in fonts)
        print(f"screenshot-test: {what}: {selector} \"{text[:40]}\": {need} CJK characters, drawn by "
              f"[{used}]: {'PASS' if good else 'FAIL (no Chinese font drew them: empty boxes)'}")
        ok = ok and good
    return ok


def shots(browser, lesson, measured, stem):
    """Screenshots of the title, the first plot slide and the first misconception slide; checked."""
    deck = SITE / lesson["deck"]
    OUT.mkdir(parents=True, exist_ok=True)
    ok = True
    shoot_slide(browser, deck, 0, 0, OUT / f"{stem}-title.png")
    title = browser.js("(() => { const h = Reveal.getCurrentSlide().querySelector('h1, h2'); if (!h) return null; "
                       "const r = h.getBoundingClientRect(); return {text: h.textContent.replace('¶', '').trim(), top: r.top, bottom: r.bottom}; })()")
    shown = bool(title and title["text"] and title["top"] >= 0 and title["bottom"] <= SLIDE[1])
    print(f"screenshot-test: {(OUT / f'{stem}-title.png').relative_to(ROOT)}: title "
          f"\"{(title or {}).get('text', '')[:60]}\" {'inside' if shown else 'NOT inside'} the screen: "
          f"{'PASS' if shown else 'FAIL'}")
    ok = ok and shown
    if lesson.get("language") == "zh":
        ok = cjk_drawn(browser, f"{stem} title slide", [("h1, h2", "")], chinese_families()) and ok
    plot = next((s for s in measured if s["plot"]), None)
    if plot:
        png = OUT / f"{stem}-plot.png"
        shoot_slide(browser, deck, plot["h"], plot["v"], png)
        info = browser.js(FIND_PLOT)
        page_plot = first_plot_on_slide(deck, plot["h"], plot["v"])
        if info is None or page_plot is None:
            print(f"screenshot-test: {deck.name}: slide {plot['h']}/{plot['v']} shows no plot: FAIL")
            ok = False
        else:
            _, _, plot_rows = decode_png(page_plot)
            colours = main_colours(plot_rows)
            _, _, rows = decode_png(png.read_bytes())
            ok = colours and verdict(f"slide {plot['h']}/{plot['v']}", png, info, crop(rows, info["img"]),
                                     colours, plot_rows) and ok
    else:
        print(f"screenshot-test: {deck.name}: no slide with a plot (the lesson has none)")
    box = next((s for s in measured if s["box"]), None)
    if box:
        png = OUT / f"{stem}-misconception.png"
        shoot_slide(browser, deck, box["h"], box["v"], png)
        r = browser.js("(() => { const b = [...Reveal.getCurrentSlide().querySelectorAll('blockquote, .jp-OutputArea-output')]"
                       ".find(e => /Misconception|误区/.test(e.textContent)); if (!b) return null; "
                       "const r = b.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; })()")
        inside = r is not None and r["top"] >= 0 and r["bottom"] <= SLIDE[1] + 1
        print(f"screenshot-test: {png.relative_to(ROOT)}: misconception box on slide {box['h']}/{box['v']}"
              f" {'inside' if inside else 'NOT inside'} the {SLIDE[0]}x{SLIDE[1]} screen: {'PASS' if inside else 'FAIL'}")
        ok = ok and inside
    return ok


def first_plot_on_slide(deck, h, v):
    """The PNG bytes of the first plot on slide h/v of a deck file."""
    w = SlideImages()
    w.feed(deck.read_text(encoding="utf-8"))
    return w.images.get((h, v))


class SlideImages(Walk):
    """The first PNG of every slide (h, v) of a deck."""

    def __init__(self):
        super().__init__()
        self.images = {}

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        a = dict(attrs)
        if tag == "img" and (a.get("src") or "").startswith("data:image/png"):
            self.images.setdefault((self.h, max(self.v, 0)), base64.b64decode(a["src"].split(",", 1)[1]))


def page_shot(browser, lesson):
    """The lesson page, from the heading of its first plot down to the plot; checked like a slide."""
    page_plot = first_plot(SITE / lesson["page"])
    if not page_plot:
        return True
    _, _, plot_rows = decode_png(page_plot["png"])
    colours = main_colours(plot_rows)
    prefix = "zh-" if lesson.get("language") == "zh" else ""
    page_png = OUT / f"{prefix}{Path(lesson['source']).stem}-page.png"
    browser.open((SITE / lesson["page"]).as_uri())
    info = browser.js(FIND_PLOT)
    top = (info["head"]["y"] if info["head"] else info["img"]["y"] - 300) - 16
    bottom = info["img"]["y"] + info["img"]["height"] + 16
    top = max(0.0, min(top, bottom - 200))
    browser.screenshot(page_png, {"x": 0, "y": top, "width": WINDOW[0], "height": bottom - top})
    _, _, rows = decode_png(page_png.read_bytes())
    ok = verdict("page", page_png, info, crop(rows, info["img"], 0, top), colours, plot_rows)
    if lesson.get("language") == "zh":   # the heading, and the first claim: the library's verdict in Chinese
        ok = cjk_drawn(browser, f"{page_png.name}", [("h1", ""), (".jp-OutputArea-output p", "断言成立")],
                       chinese_families()) and ok
    return ok


def selftest():
    """Renders a deck with one slide that overflows and one box only in the speaker notes, next to a
    box that is on a slide and a slide that fits, and requires the checker to report exactly the two
    problems (so the checks can fail)."""
    import nbformat
    from . import render
    if not (SITE / "assets" / "reveal").exists():
        sys.exit("screenshot-test: --selftest needs the site's assets: run bin/render first")
    md = lambda text, kind: nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": kind}})
    long_text = "\n\n".join(f"Paragraph {k} of a slide that is far too long for one screen." for k in range(40))
    nb = nbformat.v4.new_notebook(cells=[
        md("# Self-test deck", "slide"),
        md("> **Misconception:** a box that is on its slide.\n>\n> **What the experiment shows:** it shows.", "subslide"),
        md("## A slide that fits\n\nShort.", "slide"),
        md("## A slide that overflows\n\n" + long_text, "slide"),
        md("> **Misconception:** a box hidden in the speaker notes.\n>\n> **What the experiment shows:** nothing.",
           "notes")])
    folder = SITE / "selftest"
    folder.mkdir(exist_ok=True)
    deck = folder / "overflow.slides.html"
    deck.write_text(render.deck_html(nb, "Self-test deck", folder), encoding="utf-8")
    browser = Browser()
    try:
        measured, over, gone = check_deck(browser, deck, nb)
    finally:
        browser.close()
        shutil.rmtree(folder, ignore_errors=True)
    expected_over = [(s["h"], s["v"]) for s in over] == [(2, 0)]
    expected_gone = [cell for cell, _, _ in gone] == [4]
    ok = expected_over and expected_gone and len(measured) == 4
    print(f"screenshot-test --selftest: the checker {'failed' if over else 'passed'} the overflowing slide "
          f"({[(s['h'], s['v'], s['height']) for s in over]}) and reported missing boxes of cells "
          f"{[c for c, _, _ in gone]} (expected: slide 2/0 and cell 4): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def main():
    args = sys.argv[1:]
    if args == ["--selftest"]:
        return selftest()
    # The checks must be able to fail: every run first shows them failing a deck made to fail.
    if "--no-selftest" in args:
        args.remove("--no-selftest")
    elif selftest() != 0:
        print("screenshot-test: the self-test failed: the checks below could not be trusted: FAIL")
        return 1
    manifest = json.loads((SITE / "manifest.json").read_text())
    lessons = [e for e in manifest if e["deck"] and (not args or Path(e["source"]).stem in args)]
    if not lessons:
        sys.exit(f"screenshot-test: no deck {' '.join(args)} in {SITE}")
    if manifest and any(e.get("language") == "zh" for e in manifest) and not chinese_families():
        print("screenshot-test: fontconfig lists no Chinese font (fc-list :lang=zh): the Chinese edition's pages "
              "would show empty boxes; bin/setup installs fonts-noto-cjk: FAIL")
        return 1
    # Two browsers at once, one per language (the English decks, the Chinese ones): the notebooks have run, so
    # both cores are free, and the test takes about half the time. Each prints its lines when it is done.
    groups = [[e for e in lessons if e.get("language", "en") == lang] for lang in ("en", "zh")]
    groups = [g for g in groups if g]
    if len(groups) == 1 and len(lessons) > 1 and paths.cpus() > 1:
        groups = [lessons[0::2], lessons[1::2]]
    if len(groups) > 1 and paths.cpus() > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(len(groups)) as pool:
            results = pool.map(check_group, groups)
    else:
        results = [check_group(g) for g in groups]
    ok, problems, requests, remote = True, 0, 0, set()
    for group_ok, group_problems, group_requests, group_remote, output in results:
        print(output, end="", flush=True)
        ok, problems, requests = ok and group_ok, problems + group_problems, requests + group_requests
        remote |= set(group_remote)
    remote = sorted(remote)
    print(f"screenshot-test: {len(lessons)} decks, {problems} problems; {requests} requests by the "
          "pages and decks, " + (f"{len(remote)} not local: {remote[:5]}: FAIL" if remote else "all local"))
    return 0 if ok and not remote else 1


def check_group(lessons):
    """Checks these decks (and one page per language) in a browser of their own; returns (ok, problems,
    requests, remote requests, printed output)."""
    import contextlib
    import io
    import nbformat
    out = io.StringIO()
    ok, paged, problems = True, set(), 0
    with contextlib.redirect_stdout(out):
        browser = Browser()
        try:
            for lesson in lessons:
                language = lesson.get("language", "en")
                stem = ("zh-" if language == "zh" else "") + Path(lesson["source"]).stem
                nb = nbformat.read(str(paths.NOTEBOOKS / lesson["source"]), as_version=4)
                measured, over, gone = check_deck(browser, SITE / lesson["deck"], nb)
                problems += len(over) + len(gone)
                ok = shots(browser, lesson, measured, stem) and ok and not over and not gone
                if language not in paged and first_plot(SITE / lesson["page"]):   # one page per language
                    ok = page_shot(browser, lesson) and ok
                    paged.add(language)
        except Exception as e:   # a broken browser fails the test with its reason, not a lost worker
            print(f"screenshot-test: {type(e).__name__}: {e}: FAIL")
            ok = False
        finally:
            browser.close()
    remote = sorted({u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))})
    return ok, problems, len(browser.requests), remote, out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
