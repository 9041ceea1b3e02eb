"""Progress bars, the legend, colours and the faults axe-core reported, checked in headless Chromium
in both of Material's colour schemes."""

from __future__ import annotations

import itertools
import re

import pytest

from .browser import chromium, needs_browser, serve
from .site_helpers import build, make_centre

pytestmark = needs_browser

PAGES = ["", "learners/daniel-okoro/", "learners/daniel-okoro/INC3/", "learners/priya-shah/", "criteria/INC3/2-3/"]

# WCAG 2 contrast of two computed colours (opaque; a transparent background is looked for further up).
CONTRAST_JS = """
function parse(c) { var m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) { return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                  .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function background(e) { for (; e; e = e.parentElement) { var c = parse(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; }
                         return parse('rgb(255, 255, 255)'); }
var page = background(document.querySelector('.md-main'));
var texts = Array.from(document.querySelectorAll('.pf-status, .pf-count, td.pf-cell')).filter(function (e) { return e.textContent.trim(); })
  .map(function (e) { return [e.className, e.textContent.trim(), ratio(parse(getComputedStyle(e).color), background(e))]; });
var fills = Array.from(document.querySelectorAll('.pf-seg, .pf-swatch'))
  .map(function (e) { return [e.className, ratio(background(e), page)]; });
return [texts, fills];
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_centre(tmp_path_factory.mktemp("pictures"))
    with serve(build(root, strict=False)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        driver.set_window_size(1400, 1000)
        yield driver


def use_scheme(driver, scheme: str) -> None:
    if driver.find_element("tag name", "body").get_attribute("data-md-color-scheme") != scheme:
        driver.find_element("css selector", "label.md-header__button[for^='__palette']").click()
    assert driver.find_element("tag name", "body").get_attribute("data-md-color-scheme") == scheme


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_status_colours_and_bars_reach_wcag_aa_contrast(browser, served, scheme):
    checked = 0
    for page in PAGES:
        browser.get(served + page)
        use_scheme(browser, scheme)
        texts, fills = browser.execute_script(CONTRAST_JS)
        assert texts, page
        low = [t for t in texts if t[2] < 4.5]
        assert not low, (scheme, page, low[:5])
        faint = [f for f in fills if f[1] < 3]
        assert not faint, (scheme, page, faint[:5])
        checked += len(texts) + len(fills)
    assert checked > 100


def test_stacked_bars_say_their_numbers_in_words(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(served + "learners/daniel-okoro/")
    bars = browser.find_elements(By.CSS_SELECTOR, ".pf-bar")
    names = [bar.get_attribute("aria-label") for bar in bars]
    assert names == ["6 of 12 criteria met, 4 awaiting assessment, 1 not yet met, 1 with no evidence",
                     "4 of 6 criteria met, 2 with no evidence"]
    for bar in bars:
        assert bar.get_attribute("role") == "progressbar"
        met, total = re.match(r"(\d+) of (\d+)", bar.get_attribute("aria-label")).groups()
        assert bar.get_attribute("aria-valuenow") == str(int(met) * 100 // int(total))
        segments = bar.find_elements(By.CSS_SELECTOR, ".pf-seg")
        numbers = [int(n) for n in re.findall(r"\d+", bar.get_attribute("aria-label"))]
        assert len(segments) == len([n for n in numbers[:1] + numbers[2:] if n]), bar.get_attribute("aria-label")
        total = sum(s.rect["width"] for s in segments)
        assert abs(total - bar.rect["width"]) < 2, (total, bar.rect)
    # A learner with items submitted and nothing assessed shows them: the bar is not empty.
    browser.get(served + "learners/priya-shah/")
    bar = browser.find_element(By.CSS_SELECTOR, ".pf-bar")
    assert bar.get_attribute("aria-label") == "0 of 10 criteria met, 3 awaiting assessment, 7 with no evidence"
    assert bar.find_element(By.CSS_SELECTOR, ".pf-seg-claimed").rect["width"] > 0


def test_the_legend_is_a_row_of_swatches(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(served)
    legend = browser.find_element(By.CSS_SELECTOR, ".pf-legend")
    items = legend.find_elements(By.TAG_NAME, "li")
    assert len(items) == 5
    assert browser.execute_script("return getComputedStyle(arguments[0]).listStyleType", legend) == "none"
    assert len({item.rect["y"] for item in items}) < len(items)  # side by side, not one per line
    for item in items:
        swatch = item.find_element(By.CSS_SELECTOR, ".pf-swatch")
        assert swatch.rect["width"] > 10 and swatch.rect["height"] > 8
        assert browser.execute_script("return getComputedStyle(arguments[0], '::marker').content", item) in ("none", "normal", "")


def test_links_in_the_text_are_underlined(browser, served):
    for page in PAGES[:2]:
        browser.get(served + page)
        decorations = browser.execute_script(
            "return Array.from(document.querySelectorAll('article p a, article td a, article li a'))"
            ".map(a => getComputedStyle(a).textDecorationLine)")
        assert decorations and all("underline" in d for d in decorations), (page, set(decorations))


def test_an_embedded_pdf_has_a_name_and_a_way_to_read_it(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(served + "learners/amira-khan/evidence/escalation-matrix-annotated.pdf/")
    pdf = browser.find_element(By.CSS_SELECTOR, "object[type='application/pdf']")
    assert pdf.get_attribute("title").startswith("The PDF: Escalation matrix with my annotations")
    assert pdf.get_attribute("aria-label") == pdf.get_attribute("title")
    html = pdf.get_attribute("innerHTML")
    assert "download" in html and "escalation-matrix-annotated.pdf" in html


def test_evidence_pages_skip_no_heading_level(browser, served):
    for page in ("learners/daniel-okoro/evidence/post-incident-review-outage/",
                 "learners/daniel-okoro/evidence/incident-logs/power-outage-log/",
                 "learners/priya-shah/evidence/induction-notes-incident-categories.docx/"):
        browser.get(served + page)
        levels = browser.execute_script(
            "return Array.from(document.querySelectorAll('article h1, article h2, article h3, article h4, article h5,"
            " article h6')).map(h => Number(h.tagName[1]))")
        assert levels[0] == 1 and len(levels) > 2, (page, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)


def test_on_a_phone_the_home_pages_counts_are_on_screen(browser, served, tmp_path):
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        browser.get(served)
        width = browser.execute_script("return window.innerWidth")
        browser.save_screenshot(str(tmp_path / "home-phone.png"))
        cells = browser.find_elements(By.CSS_SELECTOR, ".pf-cohort-table .pf-count, .pf-cohort-table a, .pf-bar")
        assert len(cells) > 10
        for cell in cells:
            box = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", cell)
            assert 0 <= box[0] and box[1] <= width, (cell.text, box, width)
        assert browser.execute_script("return document.querySelector('.pf-cohort').scrollWidth") <= width
    finally:
        browser.set_window_size(1400, 1000)


def test_every_image_in_evidence_has_a_text_alternative(browser, served):
    """The hostile learner's <img src=x onerror=…> loses its source and its handler; it still gets alt=""."""
    browser.get(served + "learners/mallory/evidence/hostile/")
    images = browser.execute_script(
        "return Array.from(document.querySelectorAll('.pf-evidence-body img')).map(i => [i.getAttribute('alt'), i.getAttribute('src')])")
    assert images and all(alt is not None for alt, _ in images), images
    assert ["my photo", "../../files/photo.png"] in images
    assert all(alt == "" for alt, src in images if src is None and alt not in ("gone", "tracker")), images


@needs_browser
def test_the_learner_pages_tables_fit_the_screen_at_every_width(tmp_path):
    from portfolio.site.build import build_site

    from .test_audiences import copy_sample

    root = copy_sample(tmp_path / "centre")
    site = build_site(root, root / "site", fail_on_errors=False)
    with serve(site) as url, chromium() as driver:
        for width in (390, 1400, 1920):
            driver.set_window_size(width, 1000)
            driver.get(url + "learners/daniel-okoro/")
            overflow = driver.execute_script("""
              const bad = [];
              for (const td of document.querySelectorAll('article table.pf-stack td')) {
                const r = td.getBoundingClientRect();
                if (r.right > window.innerWidth + 1) bad.push(td.dataset.label + ': ' + td.textContent.trim().slice(0, 30));
              }
              return bad;""")
            assert overflow == [], (width, overflow[:5])
