"""Small projects for the site's tests, written into temporary folders (helpers only: no tests here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, ProjectBuilder

MANY_CRITERIA = 24
MANY_ITEMS = 18


def wide_unit() -> str:
    lines = [
        "code: WIDE", "title: A unit with many criteria", "level: 2", "credit: 5", "kind: knowledge",
        "wording: project", "learning_outcomes:",
    ]
    for outcome in range(1, 4):
        lines += [f"  - number: {outcome}", f"    text: Outcome {outcome}", "    criteria:"]
        for criterion in range(1, MANY_CRITERIA // 3 + 1):
            lines += [
                f'      - ref: "{outcome}.{criterion}"',
                f"        text: Explain the {outcome}.{criterion} matter in a sentence long enough to wrap",
            ]
    return "\n".join(lines) + "\n"


def many_items_project(root: Path) -> ProjectBuilder:
    """A learner with 18 items (dated out of order) over 24 criteria, two of them assessed."""
    project = ProjectBuilder(root)
    project.write("criteria/units/wide.yml", wide_unit())
    project.write(
        "criteria/qualifications/qual.yml",
        "id: QUAL\ntitle: Certificate in Testing\nlevel: 2\nawarding_body: Example Awards\nwording: project\n"
        "rules:\n  mandatory: [WIDE]\n",
    )
    project.write(
        "evidence/learner-one/learner.yml",
        "name: Wendy Wide\nregistration_number: W-1\nqualification: QUAL\nunits: [WIDE]\n"
        "assessor: Ann Assessor\niqa: Ivan Iqa\ndeclaration: {signed: true, date: 2026-01-05}\n",
    )
    refs = [f"{o}.{c}" for o in range(1, 4) for c in range(1, MANY_CRITERIA // 3 + 1)]
    for index in range(MANY_ITEMS):
        day = 1 + (index * 7) % 27  # out of order on purpose
        claimed = ", ".join(f"WIDE/{refs[(index + k) % len(refs)]}" for k in range(3))
        ident = f"id: W{index:02d}\n" if index % 5 else ""  # some items have no portfolio reference
        project.evidence(
            f"item-{index:02d}.md",
            "---\n" + ident
            + f"title: Reflective account number {index} about an incident with a long descriptive title\n"
            f"type: reflective-account\nmethod: reflective-account\ndate: 2026-02-{day:02d}\ncriteria: [{claimed}]\n"
            "---\n\nI handled the incident and I wrote it up the same day.\n",
        )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for index, verdict in ((1, "--met"), (2, "--not-yet-met")):
        subprocess.run(
            [sys.executable, "-m", "portfolio", "assess", "--project", str(root), "--learner", "learner-one",
             f"item-{index:02d}.md", f"WIDE/{refs[index]}", verdict, "--feedback", "Noted.", "--date", "2026-03-01"],
            check=True, capture_output=True, text=True,
        )
    return project
