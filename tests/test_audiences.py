"""Who sees what: every output file of each audience's site is searched for what must not be there."""

from __future__ import annotations

import html
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.check import run_check
from portfolio.site.build import SiteBuildFailed, build_learner_sites, build_site

from .conftest import REPO
from .site_helpers import TINY_PNG, published_texts

WITNESS_CONTACT = "Through the sample centre's office"
REDACTED_NUMBER = "0113 496 0721"
CONFIDENTIAL = ["not for publication", "Lamp column down", "confidential-call-notes"]


def portfolio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def copy_sample(root: Path) -> Path:
    for name in ("criteria", "evidence", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def learner_markers(root: Path) -> dict[str, list[str]]:
    """What would show that a learner is on a site: their name, id, registration and evidence titles."""
    result = run_check(root)
    markers = {}
    for learner in result.project.learners.values():
        profile = learner.profile
        assert profile is not None
        found = [profile.name, learner.id, *(item.meta.title for item in learner.evidence if not item.meta.confidential)]
        if profile.registration_number:
            found.append(profile.registration_number)
        markers[learner.id] = found
    return markers


def texts(site: Path) -> list[tuple[str, str]]:
    """Every output file as searchable text: JSON decoded, HTML entities resolved, PDFs' text read."""
    out = []
    for where, data in published_texts(site):
        text = data.decode("utf-8", errors="replace")
        if where.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if where.endswith(".pdf"):
            from pypdf import PdfReader

            text += "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        out.append((where, html.unescape(text)))
    return out


def assert_absent(site: Path, forbidden: list[str]) -> None:
    for where, text in texts(site):
        for value in forbidden:
            assert value not in text, (where, value)


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("audiences"))


@pytest.fixture(scope="module")
def markers(centre: Path) -> dict[str, list[str]]:
    return learner_markers(centre)


def test_the_markers_are_found_where_they_belong(centre: Path, markers: dict[str, list[str]]):
    site = build_site(centre, centre / "staff-site")
    everything = "\n".join(text for _, text in texts(site))
    for values in markers.values():
        for value in values:
            assert value in everything, value
    # The staff site is for staff only: marked noindex, closed to robots, and every page has a policy.
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    for page in site.rglob("*.html"):
        content = page.read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in content, page
        assert "Content-Security-Policy" in content and "script-src 'self'" in content, page
        assert "<script>" not in content, page
    assert_absent(site, [WITNESS_CONTACT, REDACTED_NUMBER, *CONFIDENTIAL])
    # Staff get the witness's signed statement; the page says nothing is withheld.
    assert (site / "learners/daniel-okoro/files/witness-testimony-team-leader.pdf").exists()
    assert (site / "records/cohort-tracker.docx").exists()


def test_each_learner_site_holds_nothing_of_anyone_else(centre: Path, markers: dict[str, list[str]]):
    sites = build_learner_sites(centre, centre / "learner-sites")
    assert sorted(p.name for p in sites) == sorted(markers)
    assert sorted(p.name for p in (centre / "learner-sites").iterdir() if not p.name.startswith(".")) == ["learners"]
    for site in sites:
        own = site.name
        everything = "\n".join(text for _, text in texts(site))
        assert markers[own][0] in everything
        others = [value for learner, values in markers.items() if learner != own for value in values]
        assert_absent(site, [*others, WITNESS_CONTACT, REDACTED_NUMBER, *CONFIDENTIAL])
        assert not (site / "records/cohort-tracker.docx").exists()
        assert sorted(p.name for p in (site / "records").iterdir()) == [own]
        assert (site / "robots.txt").exists()
    # The witness's signed statement stays with the centre; its page says why.
    daniel = centre / "learner-sites/learners/daniel-okoro"
    assert not (daniel / "learners/daniel-okoro/files").exists()
    page = (daniel / "learners/daniel-okoro/evidence/witness-testimony-team-leader.pdf").glob("*.html")
    assert "third party&#x27;s contact details" in next(iter(page)).read_text()


def test_a_learner_who_left_loses_their_site_and_nothing_else_is_touched(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    out = root / "sites"
    build_learner_sites(root, out)
    (out / "notes.txt").write_text("the centre's own file")
    shutil.rmtree(root / "evidence/leon-marsh")
    build_learner_sites(root, out)
    assert sorted(p.name for p in (out / "learners").iterdir()) == ["amira-khan", "daniel-okoro", "priya-shah"]
    assert (out / "notes.txt").read_text() == "the centre's own file"


def test_the_public_site_shows_only_consenting_learners(centre: Path, markers: dict[str, list[str]]):
    result = portfolio("build", "--audience", "public", "--site-dir", "public-site", cwd=centre)
    assert result.returncode == 0, result.stderr
    site = centre / "public-site"
    everything = "\n".join(text for _, text in texts(site))
    assert "Amira Khan" in everything  # the one learner whose consent is recorded
    others = [value for learner, values in markers.items() if learner != "amira-khan" for value in values]
    registration = markers["amira-khan"][-1]
    assert_absent(site, [*others, registration, WITNESS_CONTACT, REDACTED_NUMBER, *CONFIDENTIAL])
    assert "[redacted]" in everything
    assert not (site / "records").exists()
    assert not (site / "robots.txt").exists()
    for page in site.rglob("*.html"):
        content = page.read_text()
        assert "noindex" not in content and "Content-Security-Policy" in content, page


PHONE = "07700 900461"


def test_a_public_build_refuses_open_personal_data_until_reviewed(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    log = root / "evidence/amira-khan/questions-incident-categories.md"
    log.write_text(log.read_text() + f"\nThe caller asked to be rung back on {PHONE}.\n")
    result = portfolio("build", "--audience", "public", "--site-dir", "out", cwd=root)
    assert result.returncode == 1
    assert PHONE not in result.stderr + result.stdout
    line = log.read_text().splitlines().index(f"The caller asked to be rung back on {PHONE}.") + 1
    assert f'evidence/amira-khan/questions-incident-categories.md:{line}: body: telephone number: "' in result.stderr
    assert "Error: the public site is not built: 1 finding(s) of personal data" in result.stderr
    assert not (root / "out" / "index.html").exists()
    # The staff and learner sites warn, and build.
    staff = portfolio("build", "--site-dir", "staff", cwd=root)
    assert staff.returncode == 0 and "telephone number" in staff.stderr and PHONE not in staff.stderr
    review = portfolio(
        "privacy-review", "--learner", "amira-khan", "questions-incident-categories.md",
        "--reviewer", "Grace Whitfield", "--reason", "a fictional number from Ofcom's drama range", cwd=root,
    )
    assert review.returncode == 0, review.stderr
    assert review.stdout.startswith("recorded: review of questions-incident-categories.md by Grace Whitfield (")
    assert "1 finding(s) may be published while the file is unchanged" in review.stdout
    assert portfolio("build", "--audience", "public", "--site-dir", "out", cwd=root).returncode == 0
    # An edit re-opens the review.
    log.write_text(log.read_text() + "\nOne more line.\n")
    again = portfolio("build", "--audience", "public", "--site-dir", "out", cwd=root)
    assert again.returncode == 1 and "telephone number" in again.stderr
    check = portfolio("check", cwd=root)
    assert "the review of 'questions-incident-categories.md'" in check.stdout
    assert "no longer applies: the file has changed since" in check.stdout


def test_attachments_without_checkable_text_stay_off_the_public_site(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    folder = root / "evidence/amira-khan"
    (folder / "whiteboard.png").write_bytes(TINY_PNG)
    (folder / "whiteboard.png.yml").write_text(
        "title: Photo of the team whiteboard\ntype: work-product\nmethod: work-product\ndate: 2026-02-02\ncriteria: [INC2/1.2]\n"
    )
    build_site(root, root / "out", audience="public")
    assert not list((root / "out").rglob("whiteboard*"))
    staff = build_site(root, root / "staff")
    assert list(staff.rglob("whiteboard*"))
    portfolio(
        "privacy-review", "--learner", "amira-khan", "whiteboard.png", "--reviewer", "Grace Whitfield",
        "--reason", "looked at the photo: no names or numbers on it", cwd=root,
    )
    build_site(root, root / "out", audience="public")
    assert list((root / "out").rglob("whiteboard*"))


def test_build_options_are_checked(centre: Path):
    wrong = portfolio("build", "--learner", "amira-khan", cwd=centre)
    assert wrong.returncode == 2 and "--learner goes with --audience learner" in wrong.stderr
    unknown = portfolio("build", "--audience", "learner", "--learner", "amira-kahn", cwd=centre)
    assert unknown.returncode == 2 and "no learner 'amira-kahn' in evidence/; did you mean 'amira-khan'?" in unknown.stderr


def test_plain_mkdocs_builds_one_learner_site_only_when_told_which(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    config = root / "mkdocs.yml"
    original = config.read_text()
    config.write_text(original.replace("  - portfolio", "  - portfolio:\n      audience: learner"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "a learner's site is for one learner" in result.stderr
    config.write_text(original.replace("  - portfolio", "  - portfolio:\n      audience: learner\n      learners: [priya-shah]"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    everything = "\n".join(text for _, text in texts(root / "site"))
    assert "Priya Shah" in everything and "Amira Khan" not in everything and "Daniel Okoro" not in everything


def test_a_folder_name_that_is_not_an_id_gets_no_site_of_its_own(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    shutil.copytree(root / "evidence/priya-shah", root / "evidence/priya shah")
    (root / "evidence/priya shah/learner.yml").write_text(
        (root / "evidence/priya-shah/learner.yml").read_text().replace("Priya Shah", "Someone Else")
    )
    # The folder name is an error of its own folder: the other learners' sites are unaffected.
    build_learner_sites(root, root / "sites")
    assert sorted(p.name for p in (root / "sites/learners").iterdir()) == ["amira-khan", "daniel-okoro", "leon-marsh", "priya-shah"]
    assert_absent(root / "sites", ["Someone Else"])
    with pytest.raises(SiteBuildFailed, match="but 1 error"):  # the staff site reports it
        build_site(root, root / "staff")
    staff = root / "staff"
    assert_absent(staff, ["Someone Else"])


def test_witness_statements_of_any_type_stay_off_the_public_site(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    amira = root / "evidence/amira-khan"
    (amira / "witness.md").write_text(
        "---\ntitle: Statement from my supervisor\ntype: witness-testimony\nmethod: witness-testimony\n"
        "date: 2026-02-10\ncriteria: [INC2/1.2]\nwitness_name: Wendy Witness\nwitness_role: Supervisor\n"
        "relationship_to_learner: Line manager\nwitness_contact: Through the office\ndate_signed: 2026-02-10\n"
        "---\n\nI saw Amira log the call in full.\n"
    )
    (amira / "signed.pdf").write_bytes((REPO / "evidence/daniel-okoro/witness-testimony-team-leader.pdf").read_bytes())
    (amira / "signed.pdf.yml").write_text(
        "title: Signed note from a colleague\ntype: work-product\nmethod: witness-testimony\ndate: 2026-02-11\n"
        "criteria: [INC2/1.2]\n"
    )
    public = build_site(root, root / "public", audience="public")
    assert_absent(public, ["Wendy Witness", "Statement from my supervisor", "Signed note from a colleague", "Sam Reid"])
    learner = build_site(root, root / "amira", audience="learner", learner="amira-khan")
    assert not [p for p in learner.rglob("signed.pdf*") if p.is_file()]
    assert "Signed note from a colleague" in "\n".join(text for _, text in texts(learner))


def test_a_pages_folder_holding_an_earlier_build_is_refused(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    shutil.copytree(build_site(root, tmp_path / "old"), root / "docs" / "old-export")
    result = portfolio("build", "--audience", "learner", "--learner", "amira-khan", "--site-dir", "out", cwd=root)
    assert result.returncode == 2
    assert "in the pages folder holds a site built earlier" in result.stderr


def test_a_script_in_a_centre_page_stays_inline_where_the_policy_refuses_it(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    (root / "docs/welcome.md").write_text("# Welcome\n\n<script>window.__centre = 1</script>\n")
    site = build_site(root, root / "out")
    page = (site / "welcome/index.html").read_text()
    assert "<script>window.__centre = 1</script>" in page
    assert not any("__centre" in p.read_text() for p in (site / "assets/javascripts/inline").iterdir())


def test_an_edit_of_an_attachment_sidecar_reopens_its_review(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    sidecar = root / "evidence/amira-khan/escalation-matrix-annotated.pdf.yml"
    sidecar.write_text(sidecar.read_text().replace("for incident E01.", "for incident E01; the manager's mobile is 07700 900461."))
    review = portfolio(
        "privacy-review", "--learner", "amira-khan", "escalation-matrix-annotated.pdf",
        "--reviewer", "Grace Whitfield", "--reason", "the centre's own test number", cwd=root,
    )
    assert review.returncode == 0, review.stderr
    assert "telephone number" not in portfolio("check", cwd=root).stdout
    sidecar.write_text(sidecar.read_text().replace("900461", "900462"))
    assert "telephone number" in portfolio("check", cwd=root).stdout


def test_each_audience_builds_into_a_folder_of_its_own_by_default(tmp_path):
    root = copy_sample(tmp_path)
    for args in (["build"], ["build", "--audience", "learner"], ["build"], ["build", "--audience", "public"]):
        result = portfolio(*args, cwd=root)
        assert result.returncode == 0, (args, result.stderr)
    # The staff build after the learners' leaves their sites as they were: Amira's is still her own.
    amira = (root / "learner-sites/learners/amira-khan/index.html").read_text(encoding="utf-8")
    assert "Daniel Okoro" not in amira
    assert "Daniel Okoro" in (root / "site/index.html").read_text(encoding="utf-8")
    assert (root / "public-site/index.html").is_file()
