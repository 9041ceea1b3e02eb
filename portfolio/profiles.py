"""The centre, and each learner's profile: who they are and what they are registered for."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .base import HINT, ShortText, Strict
from .criteria.models import Grade

LEARNER_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Role(str, Enum):
    ASSESSOR = "assessor"
    TRAINEE_ASSESSOR = "trainee-assessor"
    """Assesses; each decision counts once a qualified assessor countersigns it."""
    IQA = "iqa"
    LEAD_IQA = "lead-iqa"
    EQA = "eqa"
    """The awarding body's external quality assurer."""


class StaffMember(Strict):
    name: ShortText
    roles: list[Role] = Field(min_length=1)
    countersigned_by: ShortText | None = None
    """For a trainee assessor: the qualified assessor who countersigns their decisions."""
    units: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]] | None = None
    """Codes of the units they may assess (default: every unit)."""

    @property
    def qualified_assessor(self) -> bool:
        return Role.ASSESSOR in self.roles

    @property
    def assesses(self) -> bool:
        return self.qualified_assessor or Role.TRAINEE_ASSESSOR in self.roles

    @model_validator(mode="after")
    def _trainee_has_countersigner(self) -> StaffMember:
        if Role.TRAINEE_ASSESSOR in self.roles and not self.qualified_assessor and self.countersigned_by is None:
            raise ValueError(
                f"countersigned_by: a trainee assessor's decisions are countersigned{HINT}name the qualified assessor "
                "who countersigns them"
            )
        return self


class Centre(Strict):
    name: ShortText
    number: ShortText | None = None
    """The awarding body's centre number."""
    staff: list[StaffMember] = []  # noqa: RUF012 - pydantic copies field defaults
    """Who assesses and quality-assures. When it is given, decisions are checked against it."""

    def member(self, name: str) -> StaffMember | None:
        wanted = " ".join(name.split()).casefold()
        return next((m for m in self.staff if " ".join(m.name.split()).casefold() == wanted), None)


class Declaration(Strict):
    """The learner's declaration that the evidence is their own work."""

    signed: bool
    date: dt.date | None = None

    @model_validator(mode="after")
    def _dated_when_signed(self) -> Declaration:
        if self.signed and self.date is None:
            raise ValueError(f"date: a signed declaration needs the date it was signed{HINT}add 'date: YYYY-MM-DD'")
        return self


class Route(str, Enum):
    CREDIT_TRANSFER = "credit-transfer"
    """Credit achieved for the unit elsewhere, transferred into this qualification."""
    EXEMPTION = "exemption"
    """Another achievement recognised as meeting the unit's requirement."""


class AchievedElsewhere(Strict):
    """A unit the learner achieved before or elsewhere, recorded so that the rules can count it."""

    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]
    """The unit's code, as the qualification's rules name it."""
    route: Route
    date: dt.date
    """When it was achieved."""
    reference: ShortText | None = None
    """The certificate or record that shows it, e.g. a certificate number."""
    grade: Grade | None = None
    """For a graded unit, the grade achieved (default pass)."""


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
    """When the learner started: evidence dated before it counts only as prior learning."""
    declaration: Declaration | None = None
    achieved_elsewhere: list[AchievedElsewhere] = []  # noqa: RUF012 - pydantic copies field defaults
    """Units achieved elsewhere (credit transfer or exemption), which count towards the rules."""
    publish_consent: dt.date | None = None
    """The date the learner consented to their work being shown on the centre's public site."""

    @field_validator("name", "qualification", "units", "assessor", "iqa", mode="before")
    @classmethod
    def _filled_in(cls, value: object, info: ValidationInfo) -> object:
        # A template's empty line ('assessor:') reads as null: say what to write, not 'not a valid string'.
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            raise ValueError(f"required field '{info.field_name}' is empty{HINT}{PROFILE_FIELD_HELP[str(info.field_name)]}")
        return value


PROFILE_FIELD_HELP = {
    "name": "write the learner's full name, e.g. 'name: Jordan Lee'",
    "qualification": "give the 'id' of a file in criteria/qualifications/, e.g. 'qualification: CCO2'",
    "units": "list the codes of the units the learner is registered for, e.g. 'units: [INC2]'",
    "assessor": "name the learner's assessor, as evidence/centre.yml's staff list does",
    "iqa": "name the internal quality assurer, as evidence/centre.yml's staff list does",
}
"""What to write in each required field of a learner profile."""

