from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from portfolio.check import run_check
from portfolio.site.build import SiteBuildFailed, build_site
from portfolio.site.common import RendererBase, criterion_uri, learner_page_uri, matrix_uri

from .site_helpers import build, make_centre, scan


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Path:
    root = make_centre(tmp_path_factory.mktemp("centre"))
    build(root, strict=False)
    return root


def html_for(root: Path, src_uri: str) -> Path:
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return root / "site" / stem[: -len("index")] / "index.html"
    return root / "site" / stem / "index.html"


def site_pages(root: Path) -> list[Path]:
    return [p for p in (root / "site").rglob("*.html") if "assets" not in p.relative_to(root / "site").parts]


def test_every_page_exists(centre: Path):
    result = run_check(centre)
    renderer = RendererBase(result)
    expected = ["index.html", "criteria/index.html", "tags/index.html", "about/index.html"]
    for coverage in result.coverage.learners:
        expected.append(html_for(centre, learner_page_uri(coverage.learner.id)).relative_to(centre / "site").as_posix())
        for unit in coverage.units:
            expected.append(html_for(centre, matrix_uri(coverage.learner.id, unit.unit.code)).relative_to(centre / "site").as_posix())
        for item in coverage.learner.evidence:
            if not item.meta.confidential:
                expected.append(html_for(centre, renderer.evidence_uri(item)).relative_to(centre / "site").as_posix())
    for ref in result.project.criteria:
        expected.append(html_for(centre, criterion_uri(ref)).relative_to(centre / "site").as_posix())
    missing = [page for page in expected if not (centre / "site" / page).is_file()]
    assert not missing
    assert len(expected) > 45


def test_links_and_resources_resolve_inside_the_site(centre: Path):
    broken = []
    for page in site_pages(centre):
        parsed = scan(page)
        for url in parsed.links + [value for _, value in parsed.resources]:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto") or not parts.path:
                continue
            # 404.html is served at any depth, so mkdocs gives it links from the site root.
            base = centre / "site" if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(centre)} -> {url}")
    assert not broken, broken[:10]


def test_nothing_is_loaded_from_elsewhere(centre: Path):
    for page in site_pages(centre):
        for tag, url in scan(page).resources:
            assert not urlsplit(url).scheme and not url.startswith("//"), (page, tag, url)


def test_pages_show_coverage_and_reasons(centre: Path):
    learner = html_for(centre, learner_page_uri("daniel-okoro")).read_text()
    assert "What the learner needs to do next" in learner and "Waiting for the assessor" in learner
    assert "The log shows internal escalation only." in learner
    assert "changed since it was assessed on 2026-03-30" in learner
    matrix = html_for(centre, matrix_uri("daniel-okoro", "INC3")).read_text()
    assert matrix.count('class="pf-cell pf-unmapped"') == 1
    assert 'class="pf-cell pf-not-yet-met"' in matrix
    home = (centre / "site" / "index.html").read_text()
    assert "Amira Khan" in home and "100%" in home


def test_binary_evidence_is_shown_and_downloadable(centre: Path):
    pdf_page = html_for(centre, "learners/amira-khan/evidence/escalation-matrix-annotated.pdf.md").read_text()
    assert 'type="application/pdf"' in pdf_page
    assert (centre / "site/learners/amira-khan/files/escalation-matrix-annotated.pdf").is_file()
    docx_page = html_for(centre, "learners/priya-shah/evidence/induction-notes-incident-categories.docx.md").read_text()
    assert "Service request: a routine, planned ask" in docx_page
    assert (centre / "site/learners/priya-shah/files/induction-notes-incident-categories.docx").is_file()


def test_confidential_evidence_leaves_no_trace(centre: Path):
    secrets = ["not for publication", "Lamp column down", "confidential-call-notes", "P02"]
    for path in (centre / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".md"):
            content = path.read_text(encoding="utf-8", errors="replace")
            for secret in secrets:
                assert secret not in content, (path, secret)
    learner = html_for(centre, learner_page_uri("priya-shah")).read_text()
    assert "confidential item(s), not published here" in learner


def test_type_fields_are_shown_but_private_ones_are_not_published(centre: Path):
    log = html_for(centre, "learners/daniel-okoro/evidence/incident-logs/power-outage-log.md").read_text()
    assert "Priority rationale" in log and "risk to life raised a wide outage" in log
    testimony = html_for(centre, "learners/daniel-okoro/evidence/witness-testimony-team-leader.pdf.md").read_text()
    assert "Sam Reid" in testimony
    for path in (centre / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json"):
            assert "Through the sample centre's office" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_hostile_evidence_leaves_no_executable_trace(centre: Path):
    theme_scripts = None
    for page in site_pages(centre):
        parsed = scan(page)
        assert not parsed.handlers, (page, parsed.handlers)
        assert not parsed.js_urls, (page, parsed.js_urls)
        assert parsed.iframes == 0, page
        assert not any("__pwned" in script for script in parsed.scripts), page
        sources = sorted(value for tag, value in parsed.resources if tag == "script")
        # The theme's own inline scripts are moved to files (for the Content-Security-Policy); they
        # differ only in the page's depth. Every script is the theme's, and none holds evidence.
        moved = [s for s in sources if "assets/javascripts/inline/" in s]
        for source in moved:
            path = urlsplit(source).path
            code = (centre / "site" / path[1:] if path.startswith("/") else page.parent / path).resolve().read_text()
            assert "__pwned" not in code and "HOSTILE" not in code, (page, source)
        names = sorted(Path(urlsplit(s).path).name for s in sources if s not in moved)
        theme_scripts = theme_scripts or (names, len(moved))
        assert (names, len(moved)) == theme_scripts, page
    page = html_for(centre, "learners/mallory/evidence/hostile.md")
    text = page.read_text()
    assert "HOSTILE-BODY-MARKER" in text
    assert '<img src=x onerror=' not in text
    assert scan(page).title.startswith('<img src=x onerror="window.__pwned=1"> "quoted" & <b>bold</b>')
    assert "tracker.example" not in text
    assert '<img alt="my photo" src="../../files/photo.png"' in text
    assert 'alt="gone">' in text and "missing.png" not in text
    # An SVG that would run script when opened is published as text only.
    assert not (centre / "site/learners/mallory/files/drawing.svg").exists()
    published = [p.name for p in (centre / "site/learners/mallory/files").iterdir()]
    assert [name for name in published if name.startswith("drawing")] == [next(
        name for name in published if name.startswith("drawing-svg-") and name.endswith(".txt"))]


def test_search_index_holds_no_markup_from_evidence(centre: Path):
    index = json.loads((centre / "site/search/search_index.json").read_text())
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field] and "onerror=" not in doc[field].replace("&quot;", '"').split("&lt;")[0]
    titles = [doc["title"] for doc in index["docs"]]
    assert not any(title.startswith("<img") for title in titles)


def test_plain_mkdocs_build_strict_passes(tmp_path: Path):
    root = tmp_path / "centre"
    root.mkdir()
    import shutil

    from .site_helpers import REPO

    for name in ("criteria", "evidence", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # The sample's two deliberate warnings (a simulation where real work is required, and evidence
    # from before the learner started) fail a strict build, as they should.
    strict = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    proc = subprocess.run(strict, cwd=root, capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and "simulation is not accepted" in proc.stderr, proc.stderr[-3000:]
    for name in ("scenario-radio-handover.md", "reflective-account-previous-job.md"):
        (root / "evidence/leon-marsh" / name).unlink()
    proc = subprocess.run(strict, cwd=root, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site/learners/amira-khan/index.html").is_file()


def test_refuses_output_folders_that_would_destroy_evidence(tmp_path: Path):
    root = make_centre(tmp_path)
    before = sorted(p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*"))
    for bad in (root / "evidence", root / "criteria", root / "evidence" / "mallory" / "site", root):
        with pytest.raises(SiteBuildFailed):
            build_site(root, bad)
    after = sorted(p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*"))
    assert before == after


def test_build_strict_fails_on_project_errors(tmp_path: Path):
    root = make_centre(tmp_path)
    (root / "evidence/priya-shah/broken.md").write_text("---\ntitle: [\n---\n")
    with pytest.raises(SiteBuildFailed):
        build_site(root, root / "site", strict=True)
    # Without --strict the site is still built, without the broken file.
    build_site(root, root / "site", strict=False, fail_on_errors=False)
    assert (root / "site/index.html").is_file()


def test_portfolio_build_cli(tmp_path: Path):
    root = make_centre(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "build", str(root), "--site-dir", str(tmp_path / "out")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out/index.html").is_file()
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "build", str(root), "--site-dir", str(root / "evidence")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "refusing to use" in proc.stderr and "Traceback" not in proc.stderr
