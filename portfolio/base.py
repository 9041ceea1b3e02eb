"""What every file-backed model shares: strictness, text limits, and how messages carry a fix."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

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


