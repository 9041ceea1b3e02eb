"""End to end in headless Chromium: follow links through the built site; no injected script runs."""

from __future__ import annotations

import pytest

from .browser import chromium, needs_browser, serve
from .site_helpers import build, make_centre

pytestmark = needs_browser


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    root = make_centre(tmp_path_factory.mktemp("browser"))
    site = build(root, strict=False)
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def assert_clean(driver):
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = driver.switch_to.alert
        pytest.fail(f"an alert opened: {alert.text}")
    except NoAlertPresentException:
        pass
    assert driver.execute_script("return window.__pwned === undefined"), "injected script ran"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def click_link(driver, text: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    link = WebDriverWait(driver, 10).until(
        expected_conditions.element_to_be_clickable((By.PARTIAL_LINK_TEXT, text))
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()


def test_follow_home_learner_evidence_without_injected_script(browser, served_site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(served_site)
    assert "Northgate" in browser.title
    assert_clean(browser)

    # The hostile learner's name is shown as text, not run.
    click_link(browser, "Mallory")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("<script>window.__pwned=1</script>Mallory")
    assert_clean(browser)

    click_link(browser, "<img src=x")
    assert "/evidence/hostile/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith('<img src=x onerror="window.__pwned=1">')
    body = browser.find_element(By.CLASS_NAME, "pf-evidence-body")
    assert "HOSTILE-BODY-MARKER" in body.text
    # Hover and click what the learner wrote: nothing may fire.
    for element in body.find_elements(By.CSS_SELECTOR, "a, details, div, img"):
        if element.is_displayed():
            ActionChains(browser).move_to_element(element).perform()
    for summary in body.find_elements(By.TAG_NAME, "summary"):
        summary.click()
    assert_clean(browser)

    # A sound learner and a piece of evidence with a PDF.
    browser.get(served_site)
    click_link(browser, "Amira Khan")
    click_link(browser, "Escalation matrix with my annotations")
    assert browser.find_elements(By.CSS_SELECTOR, "object[type='application/pdf']")
    assert_clean(browser)


def test_light_dark_toggle_and_search_work_offline(browser, served_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served_site)
    before = browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")
    browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for^='__palette']").click()
    after = browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")
    assert before != after

    browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']").click()
    field = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    field.send_keys("burst water main")
    # Results render asynchronously (the index loads in a web worker): wait for their text.
    def results_text(driver) -> str:
        items = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
        return " ".join((item.get_attribute("textContent") or "") for item in items).lower()

    WebDriverWait(browser, 20).until(lambda d: "burst water main" in results_text(d))
    assert_clean(browser)


PAGE_KINDS = [
    "",  # the centre's home page
    "criteria/",
    "criteria/INC2/",
    "criteria/INC2/1-1/",
    "learners/amira-khan/",
    "learners/amira-khan/INC2/",
    "learners/amira-khan/evidence/incident-log-water-main/",
    "learners/amira-khan/evidence/escalation-matrix-annotated.pdf/",
    "learners/priya-shah/evidence/induction-notes-incident-categories.docx/",
    "learners/mallory/evidence/hostile/",
    "tags/",
    "about/",
    "404.html",  # what a server shows for a missing page
]


def test_every_page_kind_runs_under_the_policy_without_a_violation(browser, served_site):
    browser.get_log("browser")  # start from a clean log
    for path in PAGE_KINDS:
        browser.get(served_site + path)
        policy = browser.execute_script(
            "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"
        )
        assert "script-src 'self'" in policy, path
        # The theme's own scripts ran (moved to files, they are allowed): the palette toggle is set up.
        assert browser.execute_script("return typeof __md_get === 'function'"), path
        assert_clean(browser)
    # Positive control: an inline script added to a page is refused, and the refusal is logged.
    browser.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.appendChild(s)"
    )
    assert browser.execute_script("return window.__inline === undefined")
    refused = [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert refused, "the policy did not refuse an inline script"


@pytest.mark.parametrize("audience", ["learner", "public"])
def test_learner_and_public_sites_run_under_the_policy(browser, tmp_path, audience):
    from portfolio.site.build import build_site

    from .test_audiences import copy_sample

    root = copy_sample(tmp_path / "centre")
    site = build_site(root, root / "out", audience=audience, learner="amira-khan" if audience == "learner" else None)
    with serve(site) as url:
        browser.get_log("browser")
        for path in ("", "learners/amira-khan/", "learners/amira-khan/INC2/",
                     "learners/amira-khan/evidence/incident-log-water-main/", "criteria/INC2/1-2/", "404.html"):
            browser.get(url + path)
            assert browser.execute_script("return typeof __md_get === 'function'"), path
            assert_clean(browser)
