"""What every file-backed model shares: strictness, text limits, and how messages carry a fix."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

HINT = " HINT: "
"""Separates a validation message from its fix; the loader splits them apart."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Strict(BaseModel):
    """Base for every file-backed model: unknown keys are errors and inputs are never echoed."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)


class Wording(str, Enum):
    """Where the text of a unit or qualification comes from."""

    OFFICIAL = "official"
    """Copied from the awarding body's specification or the Ofqual register."""
    PROJECT = "project"
    """Written for this portfolio; not the awarding body's wording."""




class RecordFile(Strict):
    """A file holding lists of records (decisions, reviews, sign-offs): a list key written with
    nothing under it yet ('decisions:') is an empty list, as the file's header leaves it."""

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, value: object) -> object:
        if isinstance(value, dict):
            return {key: [] if item is None and key in cls.model_fields else item for key, item in value.items()}
        return value
