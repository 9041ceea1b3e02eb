"""Units, learning outcomes and assessment criteria, and qualifications with their rules of combination."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..assessment.methods import Method
from ..base import HINT, ShortText, Strict, Text, Wording

URN_PATTERN = r"^[A-Z]/\d{3}/\d{4}$"
QN_PATTERN = r"^\d{3}/\d{4}/[0-9X]$"
UNIT_CODE_PATTERN = r"^[A-Z][A-Z0-9]{0,15}$"
AC_REF_PATTERN = r"^[1-9]\d*\.[1-9]\d*$"
CRITERION_REF_PATTERN = re.compile(r"^([A-Z][A-Z0-9]{0,15})/([1-9]\d*\.[1-9]\d*)$")


class UnitKind(str, Enum):
    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"


# --- criteria -------------------------------------------------------------------------------


class EvidenceRequirement(Strict):
    """What evidence a criterion needs. Unset fields inherit from the learning outcome, then the unit."""

    minimum_items: int | None = Field(None, ge=1, le=50)
    """How many met evidence items the criterion needs (default 1)."""
    methods: list[Method] | None = None
    """Assessment methods accepted; unset accepts any."""
    simulation: bool | None = None
    """Whether simulation or scenario evidence is accepted."""
    categories: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] | None = None
    """Contact categories accepted from evidence that records one (e.g. an incident log's
    'category'); unset accepts any."""


class AssessmentCriterion(Strict):
    ref: Annotated[str, StringConstraints(pattern=AC_REF_PATTERN)]
    """Number within its unit: '1.1', '2.3'."""
    text: Text
    """The criterion, starting with its command verb."""
    evidence: EvidenceRequirement | None = None

    @field_validator("ref", mode="before")
    @classmethod
    def _ref_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class LearningOutcome(Strict):
    number: int = Field(ge=1, le=99)
    text: Text
    """'The learner will…' outcome, e.g. 'Know the standards and procedures…'."""
    evidence: EvidenceRequirement | None = None
    criteria: list[AssessmentCriterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _criteria_belong_here(self) -> LearningOutcome:
        seen: set[str] = set()
        for index, criterion in enumerate(self.criteria):
            if criterion.ref.split(".")[0] != str(self.number):
                raise ValueError(
                    f"criteria[{index}]: criterion {criterion.ref} is listed under learning outcome "
                    f"{self.number}; its number must start with '{self.number}.'"
                    f"{HINT}move it under its learning outcome, or renumber it"
                )
            if criterion.ref in seen:
                raise ValueError(
                    f"criteria[{index}]: duplicate criterion ref {criterion.ref}{HINT}give each criterion its own number"
                )
            seen.add(criterion.ref)
        return self


class Unit(Strict):
    code: Annotated[str, StringConstraints(pattern=UNIT_CODE_PATTERN)]
    """Short code used in evidence tags: 'INC2' gives 'INC2/1.1'."""
    title: ShortText
    urn: Annotated[str, StringConstraints(pattern=URN_PATTERN)] | None = None
    """Ofqual unit reference number, e.g. 'M/503/0405'; leave empty when unknown."""
    awarding_body_code: ShortText | None = None
    """The awarding body's own number for the unit, e.g. 'Unit 207'."""
    level: int = Field(ge=1, le=8)
    credit: int | None = Field(None, ge=1, le=999)
    """Credit value; leave empty when the official value is not known."""
    glh: int | None = Field(None, ge=0, le=9999)
    kind: UnitKind
    wording: Wording
    source: Text | None = None
    """Where the unit's structure and wording come from."""
    evidence: EvidenceRequirement | None = None
    learning_outcomes: list[LearningOutcome] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_outcomes(self) -> Unit:
        seen: set[int] = set()
        for index, outcome in enumerate(self.learning_outcomes):
            if outcome.number in seen:
                raise ValueError(
                    f"learning_outcomes[{index}]: duplicate learning outcome number {outcome.number}"
                    f"{HINT}number the learning outcomes 1, 2, 3…"
                )
            seen.add(outcome.number)
        return self


class OptionalGroup(Strict):
    name: ShortText
    units: list[str] = Field(min_length=1)
    minimum_units: int | None = Field(None, ge=0)
    minimum_credit: int | None = Field(None, ge=0)


class RulesOfCombination(Strict):
    mandatory: list[str] = []
    """Unit codes every learner must achieve."""
    optional_groups: list[OptionalGroup] = []
    minimum_credit: int | None = Field(None, ge=0)
    """Total credit needed for the qualification."""


class Qualification(Strict):
    id: Annotated[str, StringConstraints(pattern=UNIT_CODE_PATTERN)]
    """Short code learners' profiles refer to."""
    title: ShortText
    number: Annotated[str, StringConstraints(pattern=QN_PATTERN)] | None = None
    """Ofqual qualification number, e.g. '600/1137/3'; leave empty when unknown."""
    level: int = Field(ge=1, le=8)
    awarding_body: ShortText
    glh: int | None = Field(None, ge=0)
    tqt: int | None = Field(None, ge=0)
    wording: Wording
    source: Text | None = None
    rules: RulesOfCombination

    def units_named(self) -> list[str]:
        names = list(self.rules.mandatory)
        for group in self.rules.optional_groups:
            names.extend(group.units)
        return list(dict.fromkeys(names))


