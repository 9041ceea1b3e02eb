"""A synthetic centre for benchmarks: learners on INC2 with evidence items and decisions."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portfolio.evidence.types import default_types  # noqa: E402

SAMPLE_VALUES = {"date": "2026-02-10", "datetime": "2026-02-03 08:42", "number": "12"}


def type_fields(type_name: str) -> str:
    """The type's required fields, filled in as a learner would."""
    lines = []
    for name, definition in default_types()[type_name].fields.items():
        if definition.required:
            value = (definition.choices or [None])[0] or SAMPLE_VALUES.get(
                definition.kind.value, "Recorded in the learner's own words for this item"
            )
            lines.append(f"{name}: {value}\n")
    return "".join(lines)

TYPES = [
    ("incident-log", "work-product"),
    ("reflective-account", "reflective-account"),
    ("question-and-answer", "questioning"),
    ("professional-discussion", "professional-discussion"),
    ("coaching-record", "work-product"),
]
INC2 = [f"INC2/{lo}.{ac}" for lo, n in ((1, 3), (2, 3), (3, 4)) for ac in range(1, n + 1)]
BODY = (
    "I took a call reporting a burst water main and logged it as an incident with priority 2.\n"
    "I escalated it to the duty manager and recorded every mandatory field, keeping the caller's\n"
    "details in the protected fields only, as our data protection policy requires.\n\n"
) * 6 + "Call received 08:42 on 2026-02-03, reference INC-2026-0203-014; escalated 08:49, closed 13:25.\n"


def evidence_text(learner: int, item: int, refs: list[str]) -> str:
    kind, method = TYPES[item % len(TYPES)]
    return (
        "---\n"
        f"id: E{item:03d}\n"
        f"title: Evidence item {item} of learner {learner}\n"
        f"type: {kind}\n"
        f"method: {method}\n"
        f"date: 2026-02-{1 + item % 28:02d}\n"
        "criteria:\n"
        + "".join(f"  - ref: {ref}\n    note: paragraph {k + 1}\n" for k, ref in enumerate(refs))
        + type_fields(kind)
        + "---\n\n"
        + BODY
    )


def generate(root: Path, learners: int, items: int, with_site: bool = False) -> int:
    """Write a centre of ``learners`` × ``items`` evidence files under ``root``; return the count."""
    shutil.copytree(ROOT / "criteria", root / "criteria")
    if with_site:
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    count = 0
    for n in range(learners):
        folder = root / "evidence" / f"learner-{n:04d}"
        folder.mkdir(parents=True)
        (folder / "learner.yml").write_text(
            f"name: Learner {n}\nregistration_number: R{n:06d}\nqualification: CCO2\nunits: [INC2]\n"
            "assessor: A. Assessor\niqa: I. Quality\ndeclaration: {signed: true, date: 2026-01-05}\n"
        )
        decisions = ["decisions:\n"]
        for i in range(items):
            refs = [INC2[(i + k) % len(INC2)] for k in range(3)]
            text = evidence_text(n, i, refs)
            name = f"item-{i:03d}.md"
            (folder / name).write_text(text)
            count += 1
            if i % 2 == 0:
                digest = hashlib.sha256(text.encode()).hexdigest()
                decisions.extend(
                    f"  - evidence: {name}\n    criterion: {ref}\n    outcome: met\n"
                    f"    date: 2026-03-01\n    assessor: A. Assessor\n    sha256: {digest}\n"
                    for ref in refs
                )
        (folder / "decisions.yml").write_text("".join(decisions))
    return count
