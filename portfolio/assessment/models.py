"""An assessor's decisions on a learner's evidence."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import StringConstraints

from ..base import ShortText, Strict, Text


class Outcome(str, Enum):
    MET = "met"
    NOT_YET_MET = "not-yet-met"


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
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    """SHA-256 of the evidence file as it was judged."""


class DecisionsFile(Strict):
    decisions: list[Decision] = []

