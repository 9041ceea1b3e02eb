"""The domain: criteria, learners, evidence and assessor decisions. Validation only, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

URN_PATTERN = r"^[A-Z]/\d{3}/\d{4}$"
QN_PATTERN = r"^\d{3}/\d{4}/[0-9X]$"
UNIT_CODE_PATTERN = r"^[A-Z][A-Z0-9]{0,15}$"
AC_REF_PATTERN = r"^[1-9]\d*\.[1-9]\d*$"
LEARNER_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
CRITERION_REF_PATTERN = re.compile(r"^([A-Z][A-Z0-9]{0,15})/([1-9]\d*\.[1-9]\d*)$")

HINT = " HINT: "
"""Separates a validation message from its fix; the loader splits them apart."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Strict(BaseModel):
    """Base for every file-backed model: unknown keys are errors and inputs are never echoed."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)


class Method(str, Enum):
    """Assessment methods, in the vocabulary assessors use."""

    OBSERVATION = "observation"
    WORK_PRODUCT = "work-product"
    QUESTIONING = "questioning"
    PROFESSIONAL_DISCUSSION = "professional-discussion"
    WITNESS_TESTIMONY = "witness-testimony"
    EXPERT_WITNESS_TESTIMONY = "expert-witness-testimony"
    REFLECTIVE_ACCOUNT = "reflective-account"
    ASSIGNMENT = "assignment"
    SIMULATION = "simulation"
    RPL = "recognition-of-prior-learning"
    RECORDED = "recorded-evidence"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


METHOD_LABELS = {
    Method.OBSERVATION: "observation",
    Method.WORK_PRODUCT: "work product",
    Method.QUESTIONING: "oral or written questioning",
    Method.PROFESSIONAL_DISCUSSION: "professional discussion",
    Method.WITNESS_TESTIMONY: "witness testimony",
    Method.EXPERT_WITNESS_TESTIMONY: "expert witness testimony",
    Method.REFLECTIVE_ACCOUNT: "reflective account",
    Method.ASSIGNMENT: "case study or assignment",
    Method.SIMULATION: "simulation or scenario",
    Method.RPL: "recognition of prior learning",
    Method.RECORDED: "recorded evidence (audio, video)",
}

# Methods that show the learner performing at work; competence criteria need at least one.
PERFORMANCE_METHODS = frozenset(
    {
        Method.OBSERVATION,
        Method.WORK_PRODUCT,
        Method.WITNESS_TESTIMONY,
        Method.EXPERT_WITNESS_TESTIMONY,
        Method.RECORDED,
        Method.SIMULATION,
    }
)


class Wording(str, Enum):
    """Where the text of a unit or qualification comes from."""

    OFFICIAL = "official"
    """Copied from the awarding body's specification or the Ofqual register."""
    PROJECT = "project"
    """Written for this portfolio; not the awarding body's wording."""


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


# --- learners and evidence ------------------------------------------------------------------


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


class CriterionClaim(Strict):
    """One criterion an evidence item is claimed against, with where in the item to look."""

    ref: str
    """'UNIT/AC', e.g. 'INC2/1.2'."""
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    """Where the criterion is shown: a page, a timestamp, a paragraph."""


def _claim(value: Any) -> Any:
    return {"ref": value} if isinstance(value, str) else value


class EvidenceMeta(Strict):
    """Front matter of a Markdown evidence file, or the sidecar describing any other file.

    Fields beyond these belong to the evidence type (an incident log's 'category', say); the
    loader checks them against the type's definition.
    """

    model_config = ConfigDict(extra="allow", hide_input_in_errors=True, frozen=True)

    title: ShortText
    type: str
    """Evidence type, e.g. 'incident-log', 'reflective-account'."""
    method: Method
    date: dt.date
    """When the activity took place."""
    criteria: list[Annotated[CriterionClaim, Field()]] = []
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")] | None = None
    """Portfolio reference shown on tracking sheets, e.g. 'E07'."""
    confidential: bool = False
    """Confidential evidence counts for coverage but is never published."""
    tags: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]] = []
    """Free keywords the learner chooses."""
    summary: Text | None = None

    @field_validator("criteria", mode="before")
    @classmethod
    def _claims(cls, value: Any) -> Any:
        if value is None:  # 'criteria:' with every entry still commented out
            return []
        return [_claim(item) for item in value] if isinstance(value, list) else value


class FieldKind(str, Enum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    NUMBER = "number"
    CHOICE = "choice"


FIELD_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,40}$"


class TypeField(Strict):
    """One field an evidence type asks for."""

    required: bool = False
    kind: FieldKind = FieldKind.TEXT
    choices: list[ShortText] | None = None
    """The allowed values, for kind 'choice'."""
    publish: bool = True
    """False keeps the value off the published site (a witness's contact details, say)."""
    guidance: Text
    """What to write, shown in templates."""

    @model_validator(mode="after")
    def _choices_for_choice(self) -> TypeField:
        if (self.kind is FieldKind.CHOICE) != bool(self.choices):
            raise ValueError(f"choices: give choices exactly when kind is 'choice'{HINT}add 'choices: [a, b]' or change the kind")
        return self


class EvidenceTypeSpec(Strict):
    """A kind of evidence: what it is usually assessed by, and what it must contain."""

    label: ShortText
    methods: list[Method] = Field(min_length=1)
    """Methods this kind of evidence is usually assessed by; the first is the default."""
    guidance: Text
    first_person: bool = False
    """Written by the learner about their own work: check for 'I would…' instead of 'I did…'."""
    fields: dict[Annotated[str, StringConstraints(pattern=FIELD_NAME_PATTERN)], TypeField] = {}

    @model_validator(mode="after")
    def _no_core_names(self) -> EvidenceTypeSpec:
        for name in self.fields:
            if name in EvidenceMeta.model_fields:
                raise ValueError(f"fields.{name}: '{name}' is a field of every evidence item{HINT}choose another name")
        return self


class EvidenceTypesFile(Strict):
    types: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,40}$")], EvidenceTypeSpec]


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


Status = Literal["met", "claimed", "not-yet-met", "unmapped"]
