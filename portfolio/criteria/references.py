"""How awarding bodies number and size things: unit codes, criterion references, levels and hours."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ..base import HINT, Strict

URN_PATTERN = r"^[A-Z]/\d{3}/\d{4}$"
QN_PATTERN = r"^\d{3}/\d{4}/[0-9X]$"
UNIT_CODE_PATTERN = r"^[A-Z][A-Z0-9]{0,15}$"
REF_PATTERN = r"^(?:\d{1,3}(?:\.\d{1,3})?[a-z]?|[A-Z]{1,3}\d{1,3}[a-z]?)$"
"""A criterion's reference within its unit, as awarding bodies write them: '1.1', '1.0', '3.1a',
'P1', 'M2', 'D1' (graded units), 'K3', 'S12', 'B1' (apprenticeship standards)."""
CRITERION_REF_PATTERN = re.compile(r"^([A-Z][A-Z0-9]{0,15})/(" + REF_PATTERN[2:-2] + r")$")
"""A tag: 'UNIT/REF'."""
REF_EXAMPLES = "'1.1', '1.1a', '1.0', 'P1', 'M2', 'D1', 'K3' or 'S12'"

_NUMBERED = re.compile(r"^(\d+)\.")


def outcome_number_of(ref: str) -> int | None:
    """The learning outcome a dotted reference names ('2.3' → 2), or None for 'P1', 'K3'…"""
    match = _NUMBERED.match(ref)
    return int(match.group(1)) if match else None


def split_ref(full_ref: str) -> tuple[str, str]:
    """'INC2/1.1' → ('INC2', '1.1')."""
    unit, _, ref = full_ref.partition("/")
    return unit, ref


# --- levels ---------------------------------------------------------------------------------

ENTRY_LEVELS = ("E1", "E2", "E3")
LEVEL_HINT = "write 'level: 2' (1 to 8), or 'level: E3' for Entry 1, 2 or 3"


def _level(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"level must be 1 to 8, or E1, E2 or E3{HINT}{LEVEL_HINT}")
    if isinstance(value, int):
        if 1 <= value <= 8:
            return value
    elif isinstance(value, str):
        cleaned = value.strip().upper().replace("ENTRY", "E").replace(" ", "").replace("LEVEL", "")
        if cleaned in ENTRY_LEVELS:
            return cleaned
        if cleaned.isdigit() and 1 <= int(cleaned) <= 8:
            return int(cleaned)
    raise ValueError(f"level must be 1 to 8, or E1, E2 or E3 for Entry levels{HINT}{LEVEL_HINT}")


Level = Annotated[
    int | str, BeforeValidator(_level, json_schema_input_type=Annotated[int, Field(ge=1, le=8)] | Literal["E1", "E2", "E3"])
]
"""An RQF level: 1 to 8, or 'E1', 'E2', 'E3' for Entry 1 to 3."""


def level_rank(level: int | str) -> int:
    """Levels in order: Entry 1 < Entry 2 < Entry 3 < 1 < … < 8."""
    if isinstance(level, str):
        return ENTRY_LEVELS.index(level) - 2
    return level


def level_label(level: int | str) -> str:
    """'Entry 3', or '2': for a column or field headed 'Level'."""
    return f"Entry {level[1]}" if isinstance(level, str) else str(level)


def level_name(level: int | str) -> str:
    """'Entry 3' or 'Level 2': on its own."""
    return f"Entry {level[1]}" if isinstance(level, str) else f"Level {level}"


# --- hours ----------------------------------------------------------------------------------

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*$")


class HoursRange(Strict):
    """Hours published as a range, e.g. GLH 'minimum 245, maximum 305'."""

    minimum: int = Field(ge=0, le=99999)
    maximum: int = Field(ge=0, le=99999)

    @model_validator(mode="after")
    def _in_order(self) -> HoursRange:
        if self.maximum < self.minimum:
            raise ValueError(f"maximum: the maximum is below the minimum{HINT}write the smaller number first")
        return self

    def __str__(self) -> str:
        return f"{self.minimum}–{self.maximum}"


def _hours(value: Any) -> Any:
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match:
            return {"minimum": int(match.group(1)), "maximum": int(match.group(2))}
        if value.strip().isdigit():
            return int(value.strip())
        raise ValueError(f"hours must be a number or a range{HINT}write e.g. 'glh: 120' or 'glh: 245-305'")
    return value


Hours = Annotated[
    Annotated[int, Field(ge=0, le=99999)] | HoursRange,
    BeforeValidator(_hours, json_schema_input_type=int | Annotated[str, Field(pattern=_RANGE.pattern)] | HoursRange),
]
"""Guided learning hours or total qualification time: a number, or a range such as '245-305'."""
