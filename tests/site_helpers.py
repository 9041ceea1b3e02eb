"""Builds real sites in temporary folders and reads them back."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from portfolio.site.build import build_site

from .conftest import REPO

HOSTILE_PROFILE = """\
name: "<script>window.__pwned=1</script>Mallory \\"Quote\\" O'Hara"
registration_number: SAMPLE-HOSTILE
qualification: CCO2
units: [INC2]
assessor: Grace Whitfield
iqa: Tom Hartley
declaration: {signed: true, date: 2026-01-10}
"""

HOSTILE_EVIDENCE = """\
---
title: "<img src=x onerror=\\"window.__pwned=1\\"> \\"quoted\\" & <b>bold</b>"
tags: ["<script>window.__pwned=1</script>", "x\\" onmouseover=\\"window.__pwned=1"]
type: reflective-account
method: reflective-account
date: 2026-02-01
criteria: [INC2/1.1]
---

<script>window.__pwned = 1</script>
<img src="x" onerror="window.__pwned=1">

[click me](javascript:window.__pwned=1) and [attr list](https://example.org){ onclick="window.__pwned=1" }

<iframe src="https://evil.example/"></iframe>
<a href="JaVaScRiPt:window.__pwned=1">mixed case</a>
<svg onload="window.__pwned=1"><circle r="5"/></svg>
<details open ontoggle="window.__pwned=1"><summary>x</summary>y</details>
<div style="background:url(javascript:window.__pwned=1)">styled</div>
<form action="https://evil.example"><input name="x" autofocus onfocus="window.__pwned=1"></form>
![tracker](https://tracker.example/pixel.png)

Plain words that must survive: HOSTILE-BODY-MARKER. ![my photo](photo.png) ![gone](missing.png)
"""

TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
HOSTILE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>'


def make_centre(root: Path) -> Path:
    """The repository's sample centre plus a hostile learner, in ``root``."""
    for name in ("criteria", "evidence", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    mallory = root / "evidence" / "mallory"
    mallory.mkdir()
    (mallory / "learner.yml").write_text(HOSTILE_PROFILE)
    (mallory / "hostile.md").write_text(HOSTILE_EVIDENCE)
    (mallory / "drawing.svg").write_bytes(HOSTILE_SVG)
    (mallory / "drawing.svg.yml").write_text(
        "title: <i>Drawing</i>\ntype: work-product\nmethod: work-product\ndate: 2026-02-02\ncriteria: [INC2/1.2]\n"
    )
    (mallory / "photo.png").write_bytes(TINY_PNG)
    (mallory / "photo.png.yml").write_text(
        "title: Photo of my workstation\ntype: work-product\nmethod: work-product\ndate: 2026-02-02\ncriteria: [INC2/1.2]\n"
    )
    return root


def build(root: Path, strict: bool = True) -> Path:
    return build_site(root, root / "site", strict=strict, fail_on_errors=strict)


class PageScan(HTMLParser):
    """Collects links, resources, scripts and anything executable in one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.js_urls: list[tuple[str, str, str]] = []
        self.iframes = 0
        self.scripts: list[str] = []
        self._in_script = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if "javascript:" in value.replace(" ", "").lower() and name in ("href", "src", "action", "style", "data", "formaction"):
                self.js_urls.append((tag, name, value))
        attrs_d = dict(attrs)
        if tag == "a" and attrs_d.get("href"):
            self.links.append(attrs_d["href"])
        for name in ("src", "data"):
            if attrs_d.get(name):
                self.resources.append((tag, attrs_d[name]))
        if tag == "link" and attrs_d.get("href"):
            self.resources.append((tag, attrs_d["href"]))
        if tag == "iframe":
            self.iframes += 1
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._in_title:
            self.title += data


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def published_texts(site: Path):
    """(where, bytes) of every file under the site, with compressed files and Word records opened."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        where = path.relative_to(site).as_posix()
        yield where, data
        if path.suffix == ".gz":
            yield where + " (unzipped)", gzip.decompress(data)
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{where}!{member}", archive.read(member)
