"""Unit sign-off: a statement by the learner, the assessor and (where sampled) the IQA, bound to the
fingerprints of the unit's evidence, so that a later change to that evidence breaks it visibly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import StringConstraints, field_validator

from ..base import HINT, RecordFile, ShortText, Strict

SIGN_OFFS_FILE = "sign-offs.yml"
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class SignOffRole(str, Enum):
    LEARNER = "learner"
    ASSESSOR = "assessor"
    IQA = "iqa"

    @property
    def label(self) -> str:
        return {"learner": "Learner", "assessor": "Assessor", "iqa": "Internal quality assurer"}[self.value]


STATEMENTS = {
    SignOffRole.LEARNER: "I confirm that the evidence listed is my own work.",
    SignOffRole.ASSESSOR: (
        "I confirm that the evidence listed is the learner's own work, was judged valid, authentic, current, "
        "sufficient and reliable, and meets every assessment criterion of this unit."
    ),
    SignOffRole.IQA: "I have sampled this unit's assessment and confirm the assessment decisions.",
}


def statement(role: SignOffRole, grade: str | None = None) -> str:
    """What a sign-off states; for a graded unit the assessor confirms the criteria of the grade awarded."""
    if role is SignOffRole.ASSESSOR and grade is not None:
        return (
            "I confirm that the evidence listed is the learner's own work, was judged valid, authentic, current, "
            f"sufficient and reliable, and meets every pass criterion of this unit and every criterion of the grade "
            f"awarded ({grade})."
        )
    return STATEMENTS[role]


class SignOff(Strict):
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]
    role: SignOffRole
    name: ShortText
    signed_at: dt.datetime
    """Date and time of signing (local time of the centre)."""
    evidence: dict[str, Digest]
    """Each evidence file of the unit (path in the learner's folder) and its content fingerprint."""

    @field_validator("signed_at", mode="before")
    @classmethod
    def _a_local_date_and_time(cls, value: object) -> object:
        # Pydantic would read a bare number as seconds since 1970, and a time zone makes times incomparable.
        if isinstance(value, (bool, int, float)) or (isinstance(value, dt.datetime) and value.tzinfo is not None):
            raise ValueError(f"write the centre's local date and time{HINT}e.g. 'signed_at: 2026-03-02 14:05:00'")
        return value


class SignOffsFile(RecordFile):
    sign_offs: list[SignOff] = []  # noqa: RUF012


@dataclass(frozen=True)
class SignOffState:
    sign_off: SignOff
    changes: list[str]
    """What differs from the evidence signed: empty while the sign-off holds."""

    @property
    def holds(self) -> bool:
        return not self.changes


def unit_evidence(items: Iterable[Any], unit: str) -> dict[str, str]:
    """Each evidence file claimed against a criterion of ``unit`` (items of ``portfolio.load``), with
    its content fingerprint: what a sign-off of the unit holds."""
    return {
        item.path: item.fingerprint.digest
        for item in items
        if any(claim.ref.split("/", 1)[0] == unit for claim in item.claims)
    }


def changes_since(signed: dict[str, str], current: dict[str, str]) -> list[str]:
    """Each evidence file changed, added or removed since ``signed`` was taken."""
    changes = [f"{path} changed" for path, digest in signed.items() if path in current and current[path] != digest]
    changes += [f"{path} removed" for path in signed if path not in current]
    changes += [f"{path} added" for path in current if path not in signed]
    return changes


def latest_sign_offs(
    sign_offs: list[SignOff], unit: str, current: dict[str, str], complete: bool = True, awaiting: list[str] | None = None
) -> list[SignOffState]:
    """The latest sign-off of each role on ``unit``, in role order, each with what changed since
    (``awaiting``: claims on the unit made since, not yet assessed)."""
    latest: dict[SignOffRole, SignOff] = {}
    for sign_off in sign_offs:
        if sign_off.unit == unit:
            latest[sign_off.role] = sign_off
    waiting = [f"{what} awaits assessment" for what in (awaiting or [])[:5]]
    if len(awaiting or []) > 5:
        waiting.append(f"{len(awaiting or []) - 5} more claims await assessment")
    incomplete = ([] if complete else ["the unit is no longer complete"]) + waiting
    return [
        SignOffState(latest[role], incomplete + changes_since(latest[role].evidence, current))
        for role in SignOffRole
        if role in latest
    ]
