"""An evidence item's metadata, and the evidence types that say what each kind must contain."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..assessment.methods import Method
from ..base import HINT, ShortText, Strict, Text


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
    staff_only: bool = False
    """Shown only on the staff site: the item holds third parties' contact details, say."""
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
    staff_only_attachments: bool | None = None
    """Attachments of this type (a signed statement, say) go only to the staff site. By default they do
    when the type has a field that is never published, such as a witness's contact details."""

    @property
    def attachments_staff_only(self) -> bool:
        if self.staff_only_attachments is not None:
            return self.staff_only_attachments
        return any(not field.publish for field in self.fields.values())

    @model_validator(mode="after")
    def _no_core_names(self) -> EvidenceTypeSpec:
        for name in self.fields:
            if name in EvidenceMeta.model_fields:
                raise ValueError(f"fields.{name}: '{name}' is a field of every evidence item{HINT}choose another name")
        return self


class EvidenceTypesFile(Strict):
    types: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,40}$")], EvidenceTypeSpec]


