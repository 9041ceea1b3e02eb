"""An assessor's decisions on a learner's evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import Enum
from typing import Annotated

from pydantic import StringConstraints, model_validator

from ..base import HINT, RecordFile, ShortText, Strict, Text
from .rules import RuleName, RuleNote, RulesOfEvidence


class Outcome(str, Enum):
    MET = "met"
    NOT_YET_MET = "not-yet-met"


class ActionPoint(Strict):
    """Something the learner is to do after a decision, by a date."""

    action: ShortText
    due: dt.date


class Decision(Strict):
    """An assessor's judgement of one evidence item against one criterion."""

    evidence: str
    """Path of the evidence file, relative to the learner's folder."""
    criterion: str
    """'UNIT/AC'."""
    outcome: Outcome
    date: dt.date
    assessor: ShortText
    feedback: Text | None = None
    actions: list[ActionPoint] = []  # noqa: RUF012 - pydantic copies field defaults
    """Action points for the learner, each with a due date."""
    rules: RulesOfEvidence | None = None
    """The assessor's judgement of the rules of evidence (decisions recorded before these were kept
    have none: records say so rather than claim them)."""
    rule_notes: dict[RuleName, RuleNote] = {}  # noqa: RUF012
    """Why a rule fails, where it does."""
    countersigned_by: ShortText | None = None
    """For a trainee assessor's decision: the qualified assessor who countersigned it."""
    countersigned_on: dt.date | None = None
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The evidence's content as it was judged (see :mod:`portfolio.assessment.fingerprint`)."""
    parts: dict[str, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{6,64}$")]] = {}  # noqa: RUF012
    """Each part of the content (a field, the body, the attachment) and the start of its SHA-256:
    what tells which part changed since."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """Earlier decisions: SHA-256 of the whole file as it was judged. They count while the file is
    byte for byte the same; `portfolio decisions upgrade` rewrites them as fingerprints."""

    @model_validator(mode="after")
    def _judged_something(self) -> Decision:
        if self.fingerprint is None and self.sha256 is None:
            raise ValueError(
                f"fingerprint: a decision records what it judged{HINT}record decisions with 'portfolio assess', "
                "which adds the fingerprint"
            )
        if self.outcome is Outcome.MET and self.rules is not None and self.rules.failing:
            failing = ", ".join(self.rules.failing)
            raise ValueError(
                f"rules: a decision cannot be 'met' while a rule of evidence fails ({failing}){HINT}"
                "record it as 'not-yet-met' with feedback, or correct the judgement"
            )
        for action in self.actions:
            if action.due < self.date:
                raise ValueError(
                    f"actions: '{action.action}' is due on {action.due}, before the decision ({self.date}){HINT}"
                    "give a due date on or after the decision's date"
                )
        return self

    @property
    def digest(self) -> str:
        """What identifies this decision to an acknowledgement of it: its verdict, feedback and action
        points on what was judged (a countersigned copy keeps it)."""
        key = self.model_dump_json(include={"evidence", "criterion", "outcome", "date", "assessor", "feedback",
                                            "actions", "fingerprint", "sha256"})
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def judged(self, fingerprint: str, file_sha256: str) -> bool:
        """Whether the evidence is as it was when judged."""
        if self.fingerprint is not None:
            return self.fingerprint == fingerprint
        return self.sha256 == file_sha256


class DecisionsFile(RecordFile):
    decisions: list[Decision] = []

