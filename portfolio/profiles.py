"""The centre, and each learner's profile: who they are and what they are registered for."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import HINT, ShortText, Strict

LEARNER_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Centre(Strict):
    name: ShortText
    number: ShortText | None = None
    """The awarding body's centre number."""


class Declaration(Strict):
    """The learner's declaration that the evidence is their own work."""

    signed: bool
    date: dt.date | None = None

    @model_validator(mode="after")
    def _dated_when_signed(self) -> Declaration:
        if self.signed and self.date is None:
            raise ValueError(f"date: a signed declaration needs the date it was signed{HINT}add 'date: YYYY-MM-DD'")
        return self


class LearnerProfile(Strict):
    name: ShortText
    registration_number: ShortText | None = None
    """The awarding body's learner registration number."""
    qualification: str
    """Id of a qualification in criteria/qualifications/."""
    units: list[str] = Field(min_length=1)
    """Codes of the units the learner is registered for."""
    assessor: ShortText
    iqa: ShortText
    """Internal quality assurer."""
    start_date: dt.date | None = None
    declaration: Declaration | None = None

