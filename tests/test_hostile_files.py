"""A hostile learner's files: nothing from outside their folder is published, nothing runs,
nothing crashes, no two items share a page, and no folder we did not make is emptied."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.check import run_check
from portfolio.site.build import build_site

from .hostile_centre import (
    COLLIDING,
    CONFIDENTIAL,
    PUBLISHED_MARKER,
    SYSTEM_FILE,
    SYSTEM_TEXT,
    make_hostile_centre,
)
from .site_helpers import published_texts


def portfolio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Path:
    root = make_hostile_centre(tmp_path_factory.mktemp("hostile"))
    build_site(root, root / "site", fail_on_errors=False)
    return root


def test_the_targets_hold_what_the_search_looks_for():
    assert SYSTEM_TEXT in SYSTEM_FILE.read_text()


def test_check_names_every_link_and_every_control_character(centre: Path):
    result = portfolio("check", "--format", "json", cwd=centre)
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)["problems"]
    errors = {(p["file"], p["line"], p["field"]): p["message"] for p in problems if p["severity"] == "error"}
    links = {file for (file, _, _), message in errors.items() if "symbolic link" in message}
    assert links == {
        "evidence/amira-khan/leak.txt", "evidence/amira-khan/passwd.txt", "evidence/amira-khan/stolen.md",
        "evidence/amira-khan/stolen-notes.docx", "evidence/amira-khan/priya", "evidence/amira-khan/system",
        "evidence/zz-priya-again", "criteria/units/passwd.yml", "docs/passwd.md", "docs/priya",
    }
    assert errors[("evidence/amira-khan/passwd.txt", None, None)] == "is a symbolic link to '/etc/passwd'"
    control = {(file, line, field) for (file, line, field), message in errors.items() if "control character" in message}
    expected = {
        ("evidence/centre.yml", 1, "name"),
        ("evidence/control-chars/learner.yml", 1, "name"),
        ("evidence/control-chars/learner.yml", 2, "registration_number"),
        ("evidence/control-chars/learner.yml", 5, "assessor"),
        ("evidence/control-chars/titles.md", 2, "title"),
        ("evidence/control-chars/titles.md", 6, "criteria[0].note"),
        ("evidence/control-chars/titles.md", 7, "summary"),
        ("evidence/control-chars/titles.md", 8, "tags[0]"),
        ("evidence/control-chars/titles.md", 11, "body"),
        ("evidence/control-chars/late-nul.md", 11, "body"),
        ("evidence/control-chars/log.md", 7, "reference"),
        ("evidence/control-chars/log.md", 12, "priority_rationale"),
        ("evidence/control-chars/scan.pdf.yml", 1, "title"),
        ("evidence/control-chars/decisions.yml", 7, "decisions[0].feedback"),
        ("criteria/units/ctl.yml", 2, "title"),
        ("criteria/units/ctl.yml", 8, "learning_outcomes[0].text"),
        ("criteria/units/ctl.yml", 11, "learning_outcomes[0].criteria[0].text"),
    }
    assert expected <= control, expected - control
    names = {file: message for (file, _, _), message in errors.items() if message.startswith("the name")}
    assert names == {
        "evidence/control-chars/bad\\x01name.md": "the name contains a control character (U+0001), so it is left out",
        "evidence/control-chars/caf\\xE9.md": "the name is not UTF-8 text (byte 0xE9), so it is left out",
        "evidence/control-chars/folder\\x1B[31m": "the name contains a control character (U+001B), so it is left out",
    }


def test_the_text_report_prints_no_control_character(centre: Path):
    result = portfolio("check", "--no-color", cwd=centre)
    assert result.returncode == 1
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", result.stdout + result.stderr)
    assert "Cora\ufffd Control" in result.stdout


def test_nothing_from_outside_a_learner_folder_is_published(centre: Path):
    site = centre / "site"
    seen_published = False
    for where, data in published_texts(site):
        assert CONFIDENTIAL.encode() not in data, where
        assert SYSTEM_TEXT.encode() not in data, where
        seen_published = seen_published or PUBLISHED_MARKER.encode() in data
    assert seen_published
    assert not (site / "learners/amira-khan/files/leak.txt").exists()
    assert not any(name.startswith(("leak", "passwd", "stolen")) for name in os.listdir(site / "learners/amira-khan/files"))
    assert not (site / "passwd").exists() and not (site / "priya").exists()
    # Loading never followed the links either: the linked items are not items at all.
    amira = run_check(centre).project.learners["amira-khan"]
    assert not {"leak.txt", "passwd.txt", "stolen.md", "stolen-notes.docx"} & {item.path for item in amira.evidence}
    assert not any(item.path.startswith(("priya/", "system/")) for item in amira.evidence)


def test_markdown_shows_no_image_of_another_learner(centre: Path):
    page = (centre / "site/learners/mallory/evidence/borrowed-image/index.html").read_text(encoding="utf-8")
    body = page.split('class="pf-evidence-body"', 1)[1].split("</article>", 1)[0]
    assert "amira-khan" not in body and "desk.png" not in body
    assert 'alt="theirs"' in body and 'alt="also"' in body


def test_control_characters_are_shown_as_replacement_characters(centre: Path):
    page = (centre / "site/learners/control-chars/index.html").read_text(encoding="utf-8")
    assert "Cora\ufffd Control" in page
    late = next((centre / "site/learners/control-chars/evidence").glob("late-nul/index.html")).read_text()
    assert "\ufffd after the first 8 KiB" in late
    for where, data in published_texts(centre / "site"):
        if where.endswith((".html", ".json", ".xml")):
            text = data.decode("utf-8")
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), where


def test_only_inert_types_keep_their_type(centre: Path):
    files = centre / "site/learners/mallory/files"
    for path in files.iterdir():
        assert path.suffix in {".txt", ".png"}, path.name
    assert len([p for p in files.iterdir() if p.name.startswith("active-")]) == 23


def test_every_item_has_a_page_of_its_own(centre: Path):
    result = run_check(centre)
    from portfolio.site.common import RendererBase

    renderer = RendererBase(result)
    items = result.project.learners["collide"].evidence
    assert len(items) == len(COLLIDING) + 3
    pages = [renderer.evidence_uri(item) for item in items]
    assert len({page.casefold() for page in pages}) == len(pages)
    files = [renderer.original_uri(item) for item in items if not item.is_markdown]
    assert len(set(files)) == 3 and all(name.endswith(".pdf") for name in files)
    site = centre / "site"
    for item, page in zip(items, pages):
        html = (site / page[: -len(".md")] / "index.html").read_text(encoding="utf-8")
        if item.is_markdown:
            marker = f"BODY-MARKER-{COLLIDING.index(item.path):02d}"
            assert marker in html
            assert len(re.findall("BODY-MARKER-", html)) == 1, page
    learner_page = (site / "learners/collide/index.html").read_text(encoding="utf-8")
    evidence_table = learner_page.split("<h2>Evidence</h2>", 1)[1]
    links = re.findall(r'href="evidence/([^"]+)/"', evidence_table)
    assert len(links) == len(items) == len(set(links))


def test_no_command_ends_in_an_internal_error(centre: Path, tmp_path: Path):
    work = tmp_path / "centre"
    shutil.copytree(centre, work, symlinks=True, ignore=shutil.ignore_patterns("site"))
    commands = [
        ["check"], ["check", "--strict"], ["check", "--format", "json"], ["check", "--learner", "control-chars"],
        ["build"], ["build", "--strict"], ["records"], ["records", "--learner", "mallory"],
        ["tag", "evidence/amira-khan/stolen.md", "INC2/1.2"],
        ["tag", "evidence/amira-khan/leak.txt", "INC2/1.2"],
        ["tag", "evidence/amira-khan/priya/secret.md", "INC2/1.2"],
        ["tag", "evidence/zz-priya-again/secret.md", "INC2/1.2"],
        ["untag", "evidence/control-chars/titles.md", "INC2/1.1"],
        ["tag", "evidence/collide/a b.md", "INC2/1.2"],
        ["assess", "--learner", "control-chars", "titles.md", "INC2/1.1", "--met"],
        ["assess", "--learner", "collide", "a#b.md", "INC2/1.1", "--not-yet-met", "--feedback", "More detail"],
        ["new", "evidence", "--learner", "amira-khan", "--type", "reflective-account", "--file", "priya/new.md"],
        ["new", "evidence", "--learner", "control-chars", "--type", "incident-log", "--title", "Late\x01 call"],
        ["new", "learner", "zz-priya-again", "--name", "X"],
        ["schema", "--out", "schemas"],
    ]
    for command in commands:
        result = portfolio(*command, cwd=work)
        assert result.returncode in (0, 1, 2), (command, result.stdout[-2000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (command, result.stderr)
    # Refused edits left the links as links and the targets as they were.
    assert (work / "evidence/amira-khan/stolen.md").is_symlink()
    assert (work / "evidence/amira-khan/leak.txt").is_symlink()
    assert (work / "evidence/priya-shah/secret.md").read_bytes() == (centre / "evidence/priya-shah/secret.md").read_bytes()
    assert not (work / "evidence/priya-shah/new.md").exists()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_that_is_not_a_build_survives_byte_for_byte(centre: Path, tmp_path: Path):
    precious = tmp_path / "precious"
    (precious / "nested").mkdir(parents=True)
    (precious / "report.docx").write_bytes(os.urandom(2048))
    (precious / "nested" / "notes.txt").write_text("keep me\n")
    (precious / ".hidden").write_text("hidden\n")
    before = snapshot(precious)
    for command in (
        ["build", "--site-dir", str(precious)],
        ["records", "--out", str(precious)],
    ):
        result = portfolio(*command, cwd=centre)
        assert result.returncode == 2, (command, result.stderr)
        assert "no portfolio build made" in result.stderr
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(precious)], cwd=centre, capture_output=True, text=True
    )
    assert mkdocs.returncode == 2 and "no portfolio build made" in mkdocs.stderr, mkdocs.stderr[-2000:]
    assert snapshot(precious) == before


def test_output_and_pages_folders_around_the_evidence_are_refused(centre: Path, tmp_path: Path):
    for site_dir in (".", "..", "evidence", "evidence/amira-khan/out", "criteria"):
        result = portfolio("build", "--site-dir", site_dir, cwd=centre)
        assert result.returncode == 2, (site_dir, result.stderr)
        assert result.stderr.startswith("Error: refusing to use"), result.stderr
    work = tmp_path / "centre"
    shutil.copytree(centre, work, symlinks=True, ignore=shutil.ignore_patterns("site"))
    config = (work / "mkdocs.yml").read_text()
    (work / "mkdocs.yml").write_text(config.replace("docs_dir: docs", "docs_dir: evidence"))
    for command in ([sys.executable, "-m", "portfolio", "build"], [sys.executable, "-m", "mkdocs", "build"]):
        result = subprocess.run(command, cwd=work, capture_output=True, text=True)
        assert result.returncode == 2, (command, result.stderr[-2000:])
        assert "refusing to use" in result.stderr and "pages folder (docs_dir)" in result.stderr
    assert not (work / "site").exists()


def test_a_build_of_another_project_is_not_overwritten(centre: Path, tmp_path: Path):
    other = tmp_path / "other"
    shutil.copytree(centre, other, symlinks=True, ignore=shutil.ignore_patterns("site"))
    result = portfolio("build", "--site-dir", str(centre / "site"), cwd=other)
    assert result.returncode == 2
    assert "a build of another project" in result.stderr
    # Its own earlier build is rebuilt without a question (the hostile centre's errors make each
    # build exit 1, after writing the site).
    again = portfolio("build", cwd=other)
    assert again.returncode == 1 and "Error: the site was written to" in again.stderr, again.stderr
    assert (other / "site/index.html").exists()
    second = portfolio("build", cwd=other)
    assert second.returncode == 1 and "a build of another project" not in second.stderr
