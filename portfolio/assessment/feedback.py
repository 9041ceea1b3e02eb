"""The learner's side of feedback: acknowledging a decision's feedback and action points, with a reply."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from ..base import RecordFile, ShortText, Strict, Text
from .models import Decision

ACKNOWLEDGEMENTS_FILE = "acknowledgements.yml"


class Acknowledgement(Strict):
    """The learner has read the feedback on one decision (and may reply)."""

    evidence: str
    """Path of the evidence file, relative to the learner's folder."""
    criterion: str
    decision_date: dt.date
    """Which decision: the one on this evidence and criterion dated so."""
    assessor: ShortText
    decision: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] | None = None
    """The acknowledged decision's digest: tells it from a later decision of the same day."""
    date: dt.date
    """When the learner acknowledged it."""
    reply: Text | None = None

    def answers_same(self, other: Acknowledgement) -> bool:
        return (self.evidence, self.criterion, self.decision_date, self.decision) == (
            other.evidence, other.criterion, other.decision_date, other.decision)

    def answers(self, decision: Decision) -> bool:
        if self.decision is not None:
            return self.decision == decision.digest and (self.evidence, self.criterion) == (decision.evidence, decision.criterion)
        return (self.evidence, self.criterion, self.decision_date) == (decision.evidence, decision.criterion, decision.date) and (
            " ".join(self.assessor.split()).casefold() == " ".join(decision.assessor.split()).casefold()
        )


class AcknowledgementsFile(RecordFile):
    acknowledgements: list[Acknowledgement] = []  # noqa: RUF012


def acknowledgement_of(decision: Decision, acknowledgements: list[Acknowledgement]) -> Acknowledgement | None:
    """The learner's latest acknowledgement of ``decision``, if any."""
    found = [a for a in acknowledgements if a.answers(decision)]
    return found[-1] if found else None
