"""Checks that a rendered site refers only to local files, so that it works offline.

Parses every HTML file under the site folder and fails on any script, style sheet, image, font,
frame or other resource whose address is remote (http://, https://, or protocol-relative //), in
attributes, inline styles, <style> blocks and the site's CSS files (url(...), @import). Plain links
(<a href>) in the prose may point anywhere. Every local resource, and every link to a page of the
site, must exist.

Usage: bin/check_site.py [SITE]      (default target/site); exit 1 and one line per problem
"""
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import paths
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", re.I)
# Attributes that make the browser load something (not a hyperlink the reader may follow).
RESOURCE_ATTRS = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
    "embed": ["src"], "object": ["data"], "source": ["src", "srcset"], "video": ["src", "poster"],
    "audio": ["src"], "track": ["src"], "input": ["src"], "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"], "body": ["background"],
}
LINK_RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                      "apple-touch-icon", "shortcut"}


class Refs(HTMLParser):
    """Collects (kind, address) pairs from one HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in RESOURCE_ATTRS.get(tag, []):
            value = a.get(name)
            if value:
                for part in (value.split(",") if name == "srcset" else [value]):
                    self.refs.append((f"<{tag} {name}>", part.strip().split(" ")[0]))
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            kind = "resource" if rels & LINK_RESOURCE_RELS or not rels else "link"
            self.refs.append((f"<link rel={a.get('rel')}>" if kind == "resource" else "link", a["href"]))
        if tag == "a" and a.get("href"):
            self.refs.append(("link", a["href"]))
        if a.get("style"):
            self.refs.extend(("style attribute", u) for u in css_urls(a["style"]))
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.refs.extend(("<style>", u) for u in css_urls(data))


def css_urls(text):
    return [m.group(1) or m.group(2) for m in CSS_URL.finditer(text)]


def local_target(base, address):
    """The file a relative address points to, or None for data:, javascript:, mailto: and fragments."""
    parts = urlsplit(address)
    if parts.scheme or not parts.path:
        return None
    if parts.scheme == "" and address.startswith("file:"):
        return None
    return (base.parent / unquote(parts.path)).resolve()


def check(site):
    problems, files = [], 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        files += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            refs = [("css", u) for u in css_urls(text)]
        else:
            parser = Refs()
            parser.feed(text)
            refs = parser.refs
        shown = path.relative_to(site)
        for kind, address in refs:
            if address.startswith("data:"):
                continue
            if REMOTE.match(address):
                if kind != "link":
                    problems.append(f"{shown}: {kind} is remote: {address}")
                continue
            target = local_target(path, address)
            if target is None:
                continue
            inside = site.resolve() in target.parents or target == site.resolve()
            if kind != "link" or (inside and target.suffix == ".html"):
                if not target.exists():
                    problems.append(f"{shown}: {kind} points to a missing file: {address}")
                elif kind != "link" and not inside:
                    problems.append(f"{shown}: {kind} points outside the site: {address}")
    return files, problems


def main():
    site = Path(sys.argv[1] if len(sys.argv) > 1 else paths.SITE).resolve()
    if not (site / "index.html").exists():
        sys.exit(f"check_site: no site at {site} (run bin/render)")
    files, problems = check(site)
    for p in problems:
        print(f"check_site: {p}")
    print(f"check_site: {files} HTML and CSS files, "
          + ("every reference is local" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
