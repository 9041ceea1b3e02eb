"""The site's search index reads field by field, and tags spelt two ways are one tag (real mkdocs builds)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from portfolio.site.build import build_site
from portfolio.site.search_text import search_sections
from portfolio.site.tags import display_forms, normalised

from .browser import chromium, needs_browser, serve
from .conftest import ProjectBuilder, evidence_md
from .site_helpers import make_centre
from .test_audiences import copy_sample

# Elements whose text is a field of its own: the text before one and the text after it are never one word.
FIELD_ELEMENTS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "th", "td", "caption",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "details", "summary", "blockquote", "br",
}
OUR_PAGES = re.compile(r"^(|criteria/.*|learners/.*)$")


class FieldTexts(HTMLParser):
    """The text nodes of a page's content, and each pair of neighbours with a field boundary between."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.last = ""
        self.boundary = False
        self.pairs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        if tag in ("script", "style", "object", "svg"):
            self.skip += 1
        if tag in FIELD_ELEMENTS:
            self.boundary = True

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag in ("script", "style", "object", "svg"):
            self.skip -= 1
        if tag in FIELD_ELEMENTS:
            self.boundary = True

    def handle_data(self, data):
        if not self.in_article or self.skip or not data.strip():
            return
        if self.boundary and self.last and not self.last[-1].isspace() and not data[0].isspace():
            self.pairs.append((self.last.split()[-1], data.split()[0]))
        self.last, self.boundary = data, False


def index_of(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def page_of(site: Path, location: str) -> Path:
    return site / location.split("#")[0] / "index.html"


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("search"))
    return build_site(root, root / "site")


def test_no_two_fields_run_together_on_any_page(staff_site: Path):
    entries = [entry for entry in index_of(staff_site) if OUR_PAGES.match(entry["location"].split("#")[0])]
    kinds = {re.sub(r"[^/]+", "x", entry["location"]) for entry in entries}
    # Home, criteria browser, unit, criterion, learner, matrix and evidence pages are all indexed.
    assert {"", "x/", "x/x/", "x/x/x/", "x/x/x/x/"} <= kinds, kinds
    checked = 0
    for entry in entries:
        words = set(html.unescape(entry["text"] + " " + entry["title"]).split())
        parser = FieldTexts()
        parser.feed(page_of(staff_site, entry["location"]).read_text(encoding="utf-8"))
        assert parser.pairs, entry["location"]
        for before, after in parser.pairs:
            glued = before + after
            assert glued not in words, (entry["location"], glued)
            checked += 1
    assert checked > 500


def test_a_page_reads_field_by_field(staff_site: Path):
    entries = {entry["location"]: entry for entry in index_of(staff_site)}
    item = html.unescape(entries["learners/amira-khan/evidence/escalation-matrix-annotated.pdf/"]["text"])
    assert item.startswith(
        "Escalation matrix with my annotations · Learner: Amira Khan · Portfolio reference: E06 · Type: Work product"
    ), item
    assert "Criterion | Decision · INC2/3.3; annotation at the foot of the page | met (2026-03-02, Grace Whitfield)" in item
    learner = html.unescape(entries["learners/amira-khan/"]["text"])
    assert learner.startswith("Amira Khan · Registration number: SAMPLE-L2-0001 · Qualification: "), learner
    home = html.unescape(entries[""]["text"])
    assert "Amira Khan | CCO2 | INC2 100% | 10 met" in home, home
    # Pages the tool does not write (a centre's own, the tags page) keep the theme's entries.
    assert "about/" in entries and entries["about/"]["text"].startswith("<p>")


def test_the_index_holds_no_markup_from_a_learner(tmp_path: Path):
    site = build_site(make_centre(tmp_path), tmp_path / "site", strict=False)
    mallory = [entry for entry in index_of(site) if entry["location"].startswith("learners/mallory/")]
    assert mallory
    everything = json.dumps(mallory)
    # Search results show an entry as HTML: what the learner wrote is escaped, as on the page.
    assert "<script" not in everything and "<img" not in everything
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;Mallory" in everything


def test_the_public_index_holds_only_what_the_public_pages_show(tmp_path: Path):
    root = copy_sample(tmp_path)
    site = build_site(root, root / "public", audience="public")
    text = json.dumps(index_of(site), ensure_ascii=False)
    assert "[redacted]" in text  # Amira's redacted detail, as her public page shows it
    for hidden in ("0113 496 0721", "SAMPLE-L2-0001", "Daniel Okoro", "Lamp column down"):
        assert hidden not in text, hidden


@needs_browser
def test_searching_a_learners_name_finds_their_page(staff_site: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with serve(staff_site) as url, chromium() as browser:
        browser.set_window_size(1400, 1000)
        browser.get(url)
        browser.find_element(By.CSS_SELECTOR, "input.md-search__input").click()
        browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys("Leon Marsh")

        # Read in one script: the results are redrawn while the query is typed.
        def links(driver) -> list[str]:
            return driver.execute_script("return [...document.querySelectorAll('a.md-search-result__link')].map(a => a.href)")

        WebDriverWait(browser, 20).until(lambda d: url + "learners/leon-marsh/" in links(d), "no result for Leon Marsh")
        texts = browser.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item')].map(e => e.innerText)"
        )
        assert any("Leon Marsh · Registration number: SAMPLE-L2-0004" in text for text in texts), texts


def test_tags_spelt_two_ways_are_one_tag(tmp_path: Path):
    project = ProjectBuilder(tmp_path)
    project.write("mkdocs.yml", (
        "site_name: Tags\ntheme: {name: material, font: false}\nplugins: [search, tags, portfolio]\n"
    ))
    project.write("docs/.keep", "")
    # A centre's own type whose label differs from the method's only in case and spacing.
    project.write("criteria/evidence-types/desk.yml", (
        "types:\n  desk-note:\n    label: 'WORK  product'\n    methods: [work-product]\n"
        "    guidance: A note kept at the desk.\n"
    ))
    for name, kind in (("first", "work-product"), ("second", "desk-note"), ("third", "reflective-account")):
        body = evidence_md(method="reflective-account" if kind == "reflective-account" else "work-product")
        project.evidence(f"{name}.md", body.replace("type: reflective-account", f"type: {kind}").replace(
            "title: Some evidence", f"title: The {name} item"))
    site = build_site(tmp_path, tmp_path / "site", strict=False)

    page = (site / "tags" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<h2 id="tag:([^"]*)">\s*<span class="md-tag">([^<]*)</span>', page)
    # "Work product" (the type), "work product" (the method, twice) and "WORK  product": one tag,
    # shown as the most used spelling.
    assert sorted(shown) == [("reflective-account", "Reflective account"), ("work-product", "work product")], shown
    section = page.split('id="tag:work-product"')[1].split("</ul>")[0]
    assert sorted(re.findall(r'href="([^"]*)"', section)) == [
        "../learners/learner-one/evidence/first/", "../learners/learner-one/evidence/second/",
    ]
    tags = {entry["location"]: entry.get("tags") for entry in index_of(site)}
    assert tags["learners/learner-one/evidence/first/"] == ["work product"]
    assert tags["learners/learner-one/evidence/second/"] == ["work product"]


def test_sections_rows_and_what_is_never_text():
    page = (
        "<h1>Item</h1><table><tr><th>Learner<td>Amira <b>Kh</b>an<tr><td>1.1<td>met<br>twice</table>"
        "<p>one<span>two</span></p><script>var hidden = 1</script><div hidden>not shown</div>"
        '<object data="x.pdf"><p>fallback</p></object><h2 id="later">Later <a class="headerlink">¶</a></h2>'
        "<ul><li>first<li>second</ul>"
    )
    first, later = search_sections(page, "Item title")
    assert (first.anchor, first.title) == (None, "Item title")
    assert first.text == "Item · Learner: Amira Khan · 1.1 | met; twice · one two"
    assert (later.anchor, later.title, later.text) == ("later", "Later", "first · second")


def test_the_spelling_shown_does_not_depend_on_page_order():
    pages = [["work product"], ["Work  product", "Incident log"], ["Work product"]]
    for order in (pages, pages[::-1]):
        forms = display_forms(order)
        assert normalised([" WORK product ", "work product", "Incident log"], forms) == ["Work product", "Incident log"]
    assert display_forms([["b"], ["B"]]) == display_forms([["B"], ["b"]]) == {"b": "B"}
