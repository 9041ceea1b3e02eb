"""The mapping grid as people see it, in headless Chromium at a phone's, a laptop's and a desktop's width.

Screenshots are saved under the test's tmp_path; the assertions are on element positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.site.build import build_site

from .browser import chromium, needs_browser, serve
from .test_site_projects import MANY_CRITERIA, MANY_ITEMS, many_items_project

pytestmark = needs_browser

MATRIX = "learners/learner-one/WIDE/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("wide")
    many_items_project(root)
    site = build_site(root, root / "site")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def rect(driver, element) -> dict[str, float]:
    return driver.execute_script("var r = arguments[0].getBoundingClientRect(); return {left: r.left, right: r.right, "
                                 "top: r.top, bottom: r.bottom, width: r.width, height: r.height};", element)


def open_matrix(driver, url: str, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    driver.get(url + MATRIX)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    # The window's frame takes some of the size: ask again for the content area itself.
    driver.set_window_size(width + (width - inner[0]), height + (height - inner[1]))
    driver.get(url + MATRIX)
    assert driver.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1920, 1080)])
def test_every_column_scrolls_into_view_with_the_criteria_beside_it(browser, served, tmp_path: Path, width, height):
    from selenium.webdriver.common.by import By

    open_matrix(browser, served, width, height)
    browser.save_screenshot(str(tmp_path / f"matrix-{width}.png"))
    area = browser.find_element(By.CSS_SELECTOR, ".pf-matrix")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -80)", area)
    headers = area.find_elements(By.CSS_SELECTOR, "thead th.pf-item")
    assert len(headers) == MANY_ITEMS
    # Date order, oldest first.
    dates = [h.find_element(By.CSS_SELECTOR, ".pf-item-date").text for h in headers]
    assert dates == sorted(dates)
    # Each heading shows a reference and a title (or the title is the link) as text, not only a tooltip.
    for header in headers:
        assert "Reflective account number" in header.get_attribute("textContent")
    # The content uses the screen's width: the grid is not held to Material's 61rem column.
    content = rect(browser, browser.find_element(By.CSS_SELECTOR, ".md-content"))
    assert content["width"] > width * 0.7, content
    assert not browser.find_element(By.CSS_SELECTOR, ".pf-cards").is_displayed()
    labels = area.find_elements(By.CSS_SELECTOR, "tbody th.pf-crit")
    assert len(labels) == MANY_CRITERIA
    status_header = area.find_element(By.CSS_SELECTOR, "thead th.pf-state")
    for index, header in enumerate(headers):
        # Scroll the grid (not the page) until the column sits just right of the sticky columns.
        browser.execute_script(
            "arguments[0].scrollLeft += arguments[1].getBoundingClientRect().left"
            " - arguments[2].getBoundingClientRect().right",
            area, header, status_header,
        )
        box, column = rect(browser, area), rect(browser, header)
        sticky = rect(browser, status_header)
        # The column is inside the scroll area, right of the sticky columns, and on the screen.
        assert column["left"] >= sticky["right"] - 1 and column["right"] <= box["right"] + 1, (index, column, sticky, box)
        assert 0 <= column["left"] and column["right"] <= width, (index, column)
        # The criterion labels are still in view beside it.
        label = rect(browser, labels[0])
        assert 0 <= label["left"] and label["right"] <= column["left"] + 1 and label["right"] > label["left"] + 50, label
        assert label["top"] >= 0 and label["bottom"] <= height, label
        if index == len(headers) - 1:
            browser.save_screenshot(str(tmp_path / f"matrix-{width}-scrolled.png"))
    # Scrolled down inside its area, the header row stays in view and the last criterion shows.
    browser.execute_script("arguments[0].scrollTop = arguments[0].scrollHeight", area)
    box = rect(browser, area)
    # (The row element itself does not move; its cells are what stick.)
    header_row = rect(browser, browser.find_element(By.CSS_SELECTOR, ".pf-grid thead th.pf-crit"))
    assert rect(browser, headers[-1])["top"] == header_row["top"]
    assert area.get_property("scrollTop") > 0, "the grid should scroll vertically inside its own area"
    assert box["top"] - 1 <= header_row["top"] <= box["top"] + 2 and header_row["bottom"] <= height, (header_row, box)
    last = rect(browser, labels[-1])
    assert last["bottom"] <= box["bottom"] + 1 and last["top"] >= header_row["bottom"] - 1, (last, header_row)
    browser.save_screenshot(str(tmp_path / f"matrix-{width}-down.png"))
    # Text is readable: at least 12px everywhere in the grid.
    sizes = browser.execute_script(
        "return Array.from(arguments[0].querySelectorAll('th, td, a, span')).map("
        "e => parseFloat(getComputedStyle(e).fontSize))", area)
    assert min(sizes) >= 12, min(sizes)


def test_on_a_phone_every_cell_shows_as_a_card(browser, served, tmp_path: Path):
    from selenium.webdriver.common.by import By

    open_matrix(browser, served, 390, 844)
    browser.save_screenshot(str(tmp_path / "matrix-390.png"))
    assert not browser.find_element(By.CSS_SELECTOR, ".pf-matrix").is_displayed()
    cards = browser.find_elements(By.CSS_SELECTOR, ".pf-cards > li")
    assert len(cards) == MANY_CRITERIA
    entries = browser.find_elements(By.CSS_SELECTOR, ".pf-cards li li")
    assert len(entries) == MANY_ITEMS * 3  # every claim, each with its status
    for element in cards + entries:
        box = rect(browser, element)
        assert box["width"] > 0 and 0 <= box["left"] and box["right"] <= 390, box
    statuses = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".pf-cards li li .pf-status")]
    assert len(statuses) == MANY_ITEMS * 3 and {"met", "not yet met", "awaiting"} <= set(statuses)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('.pf-cards *')).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 12, min(sizes)
