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
