"""The command line as people use it: optional pages folder, records for one learner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def portfolio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_build_works_without_a_docs_folder(tmp_path: Path):
    for name in ("criteria", "evidence"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = portfolio("build", "--site-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"site built in {tmp_path / 'out'}\n"
    assert (tmp_path / "out/index.html").exists()
    assert not (tmp_path / "docs").exists()


def test_records_for_one_learner_leave_the_cohort_tracker_whole(tmp_path: Path):
    for name in ("criteria", "evidence"):
        shutil.copytree(REPO / name, tmp_path / name)
    assert portfolio("records", "--out", "out", cwd=tmp_path).returncode == 0
    tracker = tmp_path / "out/records/cohort-tracker.docx"
    before = tracker.read_bytes()
    result = portfolio("records", "--out", "out", "--learner", "amira-khan", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cohort-tracker" not in result.stdout
    assert tracker.read_bytes() == before


def test_strict_builds_print_the_warnings_that_stop_them_and_errors_never_exit_0(tmp_path: Path):
    for name in ("criteria", "evidence", "docs"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    strict = portfolio("build", "--strict", "--site-dir", "out", cwd=tmp_path)
    assert strict.returncode == 1
    lines = strict.stderr.strip().splitlines()
    assert lines[0].startswith("warning: evidence/leon-marsh/reflective-account-previous-job.md:6: date: dated 2022-11-03")
    assert lines[1].startswith("warning: evidence/leon-marsh/scenario-radio-handover.md:8: criteria[0]: DIC2/2.1:")
    assert lines[-1] == "Error: Aborted with 2 warnings in strict mode!"
    (tmp_path / "evidence/amira-khan/broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    broken = portfolio("build", "--site-dir", "out", cwd=tmp_path)
    assert broken.returncode == 1
    assert "error: evidence/amira-khan/broken.md:3: YAML syntax error" in broken.stderr
    assert broken.stderr.strip().splitlines()[-1] == (
        f"Error: the site was written to {tmp_path / 'out'}, but 1 error(s) were reported above: fix them "
        "('portfolio check' shows each with what to do) and build again"
    )


def test_the_terminal_report_fits_its_width_without_cutting_a_word():
    from portfolio.check import run_check
    from portfolio.report.text_report import Style, text_report

    result = run_check(REPO)
    plain = text_report(result.coverage, result.problems, Style(colour=False, width=80))
    assert max(len(line) for line in plain.splitlines()) > 80  # piped: one line per entry
    for width in (60, 80, 120):
        fitted = text_report(result.coverage, result.problems, Style(colour=False, width=width, wrap=True))
        lines = fitted.splitlines()
        long_words = {word for word in plain.split() if len(word) > width - 8}
        assert all(len(line) <= width or any(word in line for word in long_words) for line in lines), width
        assert fitted.split() == plain.split()  # every word whole, in order
