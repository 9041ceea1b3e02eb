from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

UNIT_K = """\
code: KNW
title: A knowledge unit
level: 2
credit: 4
kind: knowledge
wording: project
learning_outcomes:
  - number: 1
    text: Know things
    criteria:
      - ref: "1.1"
        text: Describe one thing
      - ref: "1.2"
        text: Describe another thing
        evidence:
          minimum_items: 2
  - number: 2
    text: Understand more
    evidence:
      methods: [questioning, reflective-account]
    criteria:
      - ref: "2.1"
        text: Explain a third thing
"""

UNIT_C = """\
code: CMP
title: A competence unit
level: 3
credit: 6
kind: competence
wording: project
learning_outcomes:
  - number: 1
    text: Be able to do things
    criteria:
      - ref: "1.1"
        text: Do one thing
      - ref: "1.2"
        text: Do another thing
        evidence:
          simulation: true
"""

QUALIFICATION = """\
id: QUAL
title: Certificate in Testing
level: 2
awarding_body: Example Awards
wording: project
rules:
  mandatory: [KNW]
  optional_groups:
    - name: Options
      units: [CMP]
      minimum_units: 1
  minimum_credit: 10
"""

PROFILE = """\
name: Test Learner
registration_number: T-0001
qualification: QUAL
units: [KNW, CMP]
assessor: Ann Assessor
iqa: Ivan Iqa
declaration:
  signed: true
  date: 2026-01-05
"""


def evidence_md(criteria: str = "[KNW/1.1]", method: str = "reflective-account", **extra: str) -> str:
    fields = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return (
        "---\n"
        "title: Some evidence\n"
        "type: reflective-account\n"
        f"method: {method}\n"
        "date: 2026-02-01\n"
        f"criteria: {criteria}\n"
        f"{fields}"
        "---\n\nI did the work.\n"
    )


class ProjectBuilder:
    """Writes a small valid project into a temporary folder; tests then break or extend it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("criteria/units/knw.yml", UNIT_K)
        self.write("criteria/units/cmp.yml", UNIT_C)
        self.write("criteria/qualifications/qual.yml", QUALIFICATION)
        self.write("evidence/learner-one/learner.yml", PROFILE)

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        return path

    def evidence(self, name: str, content: str | bytes, learner: str = "learner-one") -> Path:
        return self.write(f"evidence/{learner}/{name}", content)


@pytest.fixture
def project(tmp_path: Path) -> ProjectBuilder:
    return ProjectBuilder(tmp_path)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample centre."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("criteria", "evidence"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml",):
        if (REPO / name).exists():
            shutil.copy(REPO / name, root / name)
    return root


def written_decisions(root: Path, learner: str, path: str, refs: list[str], outcome, assessor: str, day, feedback=None) -> None:
    """Decisions appended to the learner's file as they stand, without `assess`'s checks: how a decision
    reads once the criteria changed after it was made (or one written by hand)."""
    from portfolio.assessment.models import Decision
    from portfolio.assessment.record import _append
    from portfolio.load import load_project

    project = load_project(root)
    _, item = project.learner_item(learner, path)
    decisions = [
        Decision(evidence=path, criterion=ref, outcome=outcome, date=day, assessor=assessor, feedback=feedback,
                 fingerprint=item.fingerprint.digest, parts=item.fingerprint.parts)
        for ref in refs
    ]
    _append(project, project.learners[learner].folder, decisions)
