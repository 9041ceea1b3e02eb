"""Units, learning outcomes and assessment criteria, and qualifications with their rules of combination."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..assessment.methods import Method
from ..base import HINT, ShortText, Strict, Text, Wording
from .references import REF_PATTERN, UNIT_CODE_PATTERN, URN_PATTERN, Hours, Level, outcome_number_of


class UnitKind(str, Enum):
    """Knowledge ('know', 'understand') or competence ('be able to'): what kind of evidence shows it."""

    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"


class Grade(str, Enum):
    """Grading bands of a graded (BTEC-style) unit, lowest first."""

    PASS = "pass"
    MERIT = "merit"
    DISTINCTION = "distinction"

    @property
    def rank(self) -> int:
        return list(Grade).index(self)


Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN)]
CurrencyYears = Annotated[int, Field(ge=1, le=50)]


def _ref_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


# --- criteria -------------------------------------------------------------------------------


class EvidenceRequirement(Strict):
    """What evidence a criterion needs. Unset fields inherit from the learning outcome, then the unit."""

    minimum_items: int | None = Field(None, ge=1, le=50)
    """How many met evidence items the criterion needs (default 1)."""
    methods: list[Method] | None = None
    """Assessment methods accepted; unset accepts any."""
    required_methods: list[Method] | None = None
    """At least one met item must use one of these (e.g. [observation]); unset requires none."""
    simulation: bool | None = None
    """Whether simulation or scenario evidence is accepted ('false': work-based evidence only)."""
    categories: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] | None = None
    """Contact categories accepted from evidence that records one (e.g. an incident log's
    'category'); unset accepts any."""


class Part(Strict):
    """A part of a criterion ('3.1a'), claimed and assessed on its own."""

    ref: Ref
    """Reference within the unit, e.g. '3.1a'."""
    text: Text
    kind: UnitKind | None = None
    """Knowledge or competence; unset: as the criterion."""
    evidence: EvidenceRequirement | None = None
    assessment_requirements: Text | None = None

    _as_text = field_validator("ref", mode="before")(_ref_as_text)


class AssessmentCriterion(Strict):
    ref: Ref
    """Reference within its unit: '1.1', '1.0', '3.1a', 'P1', 'M2', 'K3'."""
    text: Text
    """The criterion, starting with its command verb."""
    kind: UnitKind | None = None
    """Knowledge or competence; unset: as the learning outcome, then the unit."""
    grade: Grade | None = None
    """Grading band of a graded unit's criterion; unset counts as pass."""
    builds_on: list[Ref] = []
    """Criteria of the same unit this one builds on ('M2' on 'P3'): it is met only once they are."""
    evidence: EvidenceRequirement | None = None
    assessment_requirements: Text | None = None
    """The awarding body's requirements for assessing it, e.g. 'must be assessed in real work situations'."""
    currency_years: CurrencyYears | None = None
    """Evidence older than this many years no longer counts (unset: as the unit, then the qualification)."""
    parts: list[Part] = []
    """Parts assessed on their own; the criterion is met when every part is."""

    _as_text = field_validator("ref", mode="before")(_ref_as_text)

    @field_validator("builds_on", mode="before")
    @classmethod
    def _refs_as_text(cls, value: Any) -> Any:
        return [_ref_as_text(v) for v in value] if isinstance(value, list) else value


class LearningOutcome(Strict):
    number: int = Field(ge=0, le=99)
    text: Text
    """'The learner will…' outcome, e.g. 'Know the standards and procedures…'."""
    kind: UnitKind | None = None
    """Knowledge or competence; unset: as the unit."""
    evidence: EvidenceRequirement | None = None
    assessment_requirements: Text | None = None
    currency_years: CurrencyYears | None = None
    criteria: list[AssessmentCriterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _criteria_belong_here(self) -> LearningOutcome:
        for index, criterion in enumerate(self.criteria):
            number = outcome_number_of(criterion.ref)
            if number is not None and number != self.number:
                raise ValueError(
                    f"criteria[{index}]: criterion {criterion.ref} is listed under learning outcome "
                    f"{self.number}; its number must start with '{self.number}.'"
                    f"{HINT}move it under its learning outcome, or renumber it"
                )
        return self


class Unit(Strict):
    code: Annotated[str, StringConstraints(pattern=UNIT_CODE_PATTERN)]
    """Short code used in evidence tags: 'INC2' gives 'INC2/1.1'."""
    title: ShortText
    urn: Annotated[str, StringConstraints(pattern=URN_PATTERN)] | None = None
    """Ofqual unit reference number, e.g. 'M/503/0405'; leave empty when unknown."""
    awarding_body_code: ShortText | None = None
    """The awarding body's own number for the unit, e.g. 'Unit 207'."""
    level: Level
    """1 to 8, or E1, E2, E3 for Entry levels."""
    credit: int | None = Field(None, ge=1, le=999)
    """Credit value; leave empty when the official value is not known."""
    glh: Hours | None = None
    """Guided learning hours: a number or a range ('245-305')."""
    kind: UnitKind | None = None
    """Knowledge or competence for the whole unit; outcomes and criteria may say otherwise."""
    wording: Wording
    source: Text | None = None
    """Where the unit's structure and wording come from."""
    evidence: EvidenceRequirement | None = None
    assessment_requirements: Text | None = None
    """Requirements for the whole unit, e.g. 'must include an observation of performance'."""
    currency_years: CurrencyYears | None = None
    learning_outcomes: list[LearningOutcome] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Unit:
        numbers: set[int] = set()
        refs: set[str] = set()
        for o, outcome in enumerate(self.learning_outcomes):
            where = f"learning_outcomes[{o}]"
            if outcome.number in numbers:
                raise ValueError(
                    f"{where}: duplicate learning outcome number {outcome.number}{HINT}number the learning outcomes 1, 2, 3…"
                )
            numbers.add(outcome.number)
            for c, criterion in enumerate(outcome.criteria):
                if self.kind is None and outcome.kind is None and criterion.kind is None:
                    raise ValueError(
                        f"{where}.criteria[{c}]: criterion {criterion.ref} is neither knowledge nor competence"
                        f"{HINT}set 'kind: knowledge' or 'kind: competence' on the unit, the learning outcome "
                        "or the criterion"
                    )
                for p, ref in [(None, criterion.ref)] + [(p, part.ref) for p, part in enumerate(criterion.parts)]:
                    if ref in refs:
                        place = f"{where}.criteria[{c}]" + (f".parts[{p}]" if p is not None else "")
                        raise ValueError(f"{place}: duplicate reference {ref}{HINT}give each criterion and part its own reference")
                    refs.add(ref)
        criteria = {c.ref for o in self.learning_outcomes for c in o.criteria}
        for o, outcome in enumerate(self.learning_outcomes):
            for c, criterion in enumerate(outcome.criteria):
                for b, ref in enumerate(criterion.builds_on):
                    if ref not in criteria or ref == criterion.ref:
                        raise ValueError(
                            f"learning_outcomes[{o}].criteria[{c}].builds_on[{b}]: {criterion.ref} builds on '{ref}', "
                            f"which is not another criterion of this unit{HINT}name a criterion of {self.code}"
                        )
        self._no_circles()
        return self

    def _no_circles(self) -> None:
        """'M1 builds on D1' and 'D1 builds on M1' together can never be met."""
        builds = {c.ref: c.builds_on for o in self.learning_outcomes for c in o.criteria}
        for o, outcome in enumerate(self.learning_outcomes):
            for c, criterion in enumerate(outcome.criteria):
                seen: set[str] = set()
                stack = list(criterion.builds_on)
                while stack:
                    ref = stack.pop()
                    if ref == criterion.ref:
                        raise ValueError(
                            f"learning_outcomes[{o}].criteria[{c}].builds_on: {criterion.ref} builds, through "
                            f"the criteria it builds on, on itself{HINT}remove one link of the circle"
                        )
                    if ref not in seen:
                        seen.add(ref)
                        stack.extend(builds.get(ref, []))

    @property
    def graded(self) -> bool:
        """Whether any criterion carries a grading band."""
        return any(c.grade is not None for o in self.learning_outcomes for c in o.criteria)
