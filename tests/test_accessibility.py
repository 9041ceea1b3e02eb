"""axe-core, from the npm registry, on every kind of page of the staff, a learner's and the public site.

Each kind of page is opened in headless Chromium in the light and the dark colour scheme, at a
phone's width and a desktop's; any violation axe rates serious or critical fails the test, with
the page, the rule, what it asks for and where.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from portfolio.site.build import build_site

from .browser import chromium, needs_browser, serve
from .conftest import REPO
from .site_helpers import TINY_PNG

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Locally the test needs `npm ci` to have run; in CI (.ci/run runs it) a missing axe-core is a failure.
needs_axe = pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="axe-core is not installed: run `npm ci --no-audit --no-fund`"
)
pytestmark = [needs_browser, needs_axe]

LEARNER = "amira-khan"
LEARNER_NAME = "Amira Khan"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's data-md-color-scheme
WIDTHS = (390, 1400)
BLOCKING = ("serious", "critical")
SEARCH = "search results"

# The kinds of page every site has today: a kind that goes missing fails. Kinds found beyond these
# (an assessor queue, a centre's own pages) are checked as well.
EVIDENCE_KINDS = {"evidence: Markdown item", "evidence: PDF attachment", "evidence: image attachment"}
COMMON_KINDS = {
    "home", "criteria browser", "unit page", "criterion page", "learner page", "matrix page",
    *EVIDENCE_KINDS, "tags page", "404 page", SEARCH,
}
REQUIRED_KINDS = {
    "staff": COMMON_KINDS | {"evidence: DOCX attachment shown as HTML"},
    "learner": COMMON_KINDS,
    # An image has no text to check for personal data: the public site leaves it out until reviewed.
    "public": COMMON_KINDS - {"evidence: image attachment"},
}


def page_kind(path: str) -> str:
    """The kind of a built page, from its path in the site ("learners/x/evidence/y.pdf/", say)."""
    if path == "404.html":
        return "404 page"
    parts = [part for part in path.split("/") if part]
    if not parts:
        return "home"
    if parts[0] == "criteria" and len(parts) <= 3:
        return ("criteria browser", "unit page", "criterion page")[len(parts) - 1]
    if parts[0] == "learners" and len(parts) == 2:
        return "learner page"
    if parts[0] == "learners" and len(parts) == 3:
        return "matrix page"
    if parts[0] == "learners" and len(parts) >= 4 and parts[2] == "evidence":
        suffix = parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
        if suffix == "pdf":
            return "evidence: PDF attachment"
        if suffix == "docx":
            return "evidence: DOCX attachment shown as HTML"
        if suffix in ("png", "jpg", "jpeg", "gif", "webp", "svg"):
            return "evidence: image attachment"
        return "evidence: Markdown item" if not suffix else f"evidence: .{suffix} attachment"
    if parts[0] == "tags" and len(parts) == 1:
        return "tags page"
    if parts[0] == "queue" and len(parts) == 1:
        return "assessor queue"
    return f"other page: {parts[0]}/ at depth {len(parts)}"


def representatives(site: Path) -> dict[str, str]:
    """One page of each kind: the largest, so that the most of that kind's markup is checked."""
    pages = [page.relative_to(site).as_posix() for page in site.rglob("index.html")]
    chosen: dict[str, tuple[int, str]] = {}
    for page in sorted(pages):
        path = page.removesuffix("index.html")
        size = (site / page).stat().st_size
        kind = page_kind(path)
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    if (site / "404.html").exists():
        chosen["404 page"] = (0, "404.html")
    return {kind: path for kind, (_, path) in chosen.items()}


@dataclass
class Finding:
    site: str
    kind: str
    path: str
    rule: str
    impact: str
    help: str
    targets: list[str]
    modes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = ", ".join(self.targets[:3]) + (f" (+{len(self.targets) - 3} more)" if len(self.targets) > 3 else "")
        return (
            f"{self.site} site, {self.kind} (/{self.path}) [{'; '.join(self.modes)}]: "
            f"{self.impact} {self.rule}: {self.help}: {where}"
        )


def copy_sample_with_image(root: Path) -> Path:
    for name in ("criteria", "evidence", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # The sample has no picture among its evidence; a photo makes the image page one of the kinds.
    (root / "evidence" / LEARNER / "workstation-photo.png").write_bytes(TINY_PNG)
    (root / "evidence" / LEARNER / "workstation-photo.png.yml").write_text(
        "title: Photo of my workstation set up for incident calls\ntype: work-product\nmethod: work-product\n"
        "date: 2026-02-06\nsummary: The two screens and the headset I use on incident calls.\n"
        "criteria: [INC2/1.2]\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = copy_sample_with_image(tmp_path_factory.mktemp("accessibility"))
    return {
        "staff": build_site(root, root / "staff-site"),
        "learner": build_site(root, root / "learner-site", audience="learner", learner=LEARNER),
        "public": build_site(root, root / "public-site", audience="public"),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as driver:
        driver.set_script_timeout(120)
        yield driver


@functools.cache
def axe_source() -> str:
    assert AXE.exists(), f"{AXE} is missing: run `npm ci --no-audit --no-fund` at the top of the repository"
    return AXE.read_text(encoding="utf-8")


def set_viewport(driver, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def set_scheme(driver, base_url: str, scheme: str) -> None:
    """Ask for the scheme as the operating system would; forget any scheme the theme remembered
    (it remembers one as a page loads, so a page still loading may write it back: try again)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    for _ in range(5):
        driver.get(base_url + "404.html")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
        if driver.execute_script("return document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]:
            return
        driver.execute_script("localStorage.clear()")
    pytest.fail(f"the site does not follow prefers-color-scheme: {scheme}")


def open_page(driver, url: str, scheme: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    shown = driver.execute_script("return document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{url}: the page shows colour scheme {shown!r}, not the {scheme} one"


def open_search(driver, query: str) -> None:
    """Type into Material's search box and wait until the results list the query's words."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # On a phone the header shows a search button; on a desktop, the search box itself.
    button = driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']")
    if button.is_displayed():
        button.click()
    field_ = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    WebDriverWait(driver, 10).until(lambda d: field_.is_displayed())
    field_.click()
    field_.send_keys(query)

    def found(d) -> bool:
        # Read in one script: the results are redrawn while the query is typed.
        shown = d.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item')].map(e => e.textContent).join(' ')"
        )
        return query.lower() in shown.lower()

    WebDriverWait(driver, 20).until(found, f"no search result for {query!r}")


def run_axe(driver) -> dict:
    """axe-core's results for the page shown. WebDriver's scripts are not subject to the page's
    Content-Security-Policy, so axe runs although the page allows script only from its own files."""
    # Colours are measured as they are at rest: an overlay still fading in would measure as a blend.
    driver.execute_script(
        "const style = document.createElement('style');"
        "style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';"
        "document.head.appendChild(style);"
    )
    driver.execute_script(axe_source())
    raw = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify({engine: r.testEngine, violations: r.violations,"
        " passes: r.passes.length, incomplete: r.incomplete.length})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));"
    )
    results = json.loads(raw)
    assert "error" not in results, f"axe-core failed: {results['error']}"
    assert results["engine"]["name"] == "axe-core", results["engine"]
    return results


def serious_violations(results: dict) -> list[dict]:
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING]


def check_site(driver, site_name: str, site: Path) -> tuple[dict[str, str], list[Finding]]:
    kinds = representatives(site)
    findings: dict[tuple[str, str, str], Finding] = {}
    with serve(site) as url:
        for scheme in SCHEMES:
            set_scheme(driver, url, scheme)
            for width in WIDTHS:
                set_viewport(driver, width)
                for kind, path in [*sorted(kinds.items()), (SEARCH, "")]:
                    open_page(driver, url + path, scheme)
                    if kind == SEARCH:
                        open_search(driver, LEARNER_NAME)
                    results = run_axe(driver)
                    # axe ran its rules: a page where nothing passed means it checked nothing.
                    assert results["passes"] > 5, f"{site_name} site /{path}: axe-core checked almost nothing"
                    for violation in serious_violations(results):
                        key = (kind, path, violation["id"])
                        finding = findings.setdefault(key, Finding(
                            site_name, kind, path, violation["id"], violation["impact"], violation["help"], [],
                        ))
                        finding.modes.append(f"{scheme}, {width} px")
                        for node in violation["nodes"]:
                            target = " ".join(str(part) for part in node["target"])
                            if target not in finding.targets:
                                finding.targets.append(target)
    return {**kinds, SEARCH: ""}, list(findings.values())


@pytest.mark.parametrize("site_name", ["staff", "learner", "public"])
def test_no_serious_accessibility_violation_on_any_kind_of_page(browser, sites, site_name):
    kinds, findings = check_site(browser, site_name, sites[site_name])
    missing = REQUIRED_KINDS[site_name] - set(kinds)
    assert not missing, f"the {site_name} site has no page of these kinds: {sorted(missing)}"
    assert not findings, f"{len(findings)} serious or critical accessibility violation(s):\n" + "\n".join(
        str(finding) for finding in findings
    )


def test_axe_finds_a_violation_planted_in_a_page(browser, sites):
    """Positive control: under the page's policy axe-core runs and reports what it should."""
    with serve(sites["staff"]) as url:
        set_scheme(browser, url, "light")
        set_viewport(browser, 1400)
        open_page(browser, url, "light")
        browser.execute_script(
            "const img = document.createElement('img'); img.src = 'nowhere.png'; img.id = 'planted';"
            "document.querySelector('article').appendChild(img);"
        )
        found = [v for v in serious_violations(run_axe(browser)) if v["id"] == "image-alt"]
        assert found and any(node["target"] == ["#planted"] for node in found[0]["nodes"]), found



def test_the_themes_own_pages_and_search_pass(browser, sites):
    """What the theme draws alone (the tags page, a centre's own page, the 404 page, search results
    over them, the header and footer) has no serious violation in either scheme or width."""
    findings = []
    with serve(sites["staff"]) as url:
        for scheme in SCHEMES:
            set_scheme(browser, url, scheme)
            for width in WIDTHS:
                set_viewport(browser, width)
                for path, query in (("tags/", None), ("about/", None), ("404.html", None), ("tags/", LEARNER_NAME)):
                    open_page(browser, url + path, scheme)
                    if query:
                        open_search(browser, query)
                    for violation in serious_violations(run_axe(browser)):
                        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:3]
                        where = f"/{path}{' with search results' if query else ''}, {scheme}, {width} px"
                        findings.append(f"{where}: {violation['impact']} {violation['id']}: {violation['help']}: {targets}")
    assert not findings, "\n".join(findings)
