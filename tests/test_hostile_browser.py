"""Every original the hostile centre publishes, opened in headless Chromium: no script runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.site.build import build_site

from .browser import chromium, needs_browser, serve
from .hostile_centre import ACTIVE_XHTML, make_hostile_centre

pytestmark = needs_browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def script_ran(driver, url: str) -> bool:
    driver.get("about:blank")
    driver.get(url)
    return bool(driver.execute_script("return window.__pwned !== undefined || document.title === 'PWNED'"))


def test_the_check_sees_script_that_runs(browser, tmp_path: Path):
    """The detector itself: the same content served as HTML and XHTML does run."""
    (tmp_path / "active.html").write_text(ACTIVE_XHTML)
    (tmp_path / "active.xhtml").write_text(ACTIVE_XHTML)
    with serve(tmp_path) as base:
        assert script_ran(browser, base + "active.html")
        assert script_ran(browser, base + "active.xhtml")


def test_no_published_original_runs_script(browser, tmp_path: Path):
    root = make_hostile_centre(tmp_path / "centre")
    site = build_site(root, root / "site", fail_on_errors=False)
    originals = sorted(path for path in (site / "learners").glob("*/files/**/*") if path.is_file())
    assert len(originals) >= 30
    with serve(site) as base:
        ran = [path.name for path in originals if script_ran(browser, base + path.relative_to(site).as_posix())]
    assert not ran
