"""Kinds of evidence, as data: the shipped defaults, which a centre can override or extend."""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from typing import Any

from ..yamlsafe import parse_yaml
from .models import EvidenceTypesFile, EvidenceTypeSpec, FieldKind, TypeField

CENTRE_TYPES_DIR = "evidence-types"
"""Folder under criteria/ where a centre overrides or adds evidence types."""


@functools.lru_cache(maxsize=1)
def default_types() -> dict[str, EvidenceTypeSpec]:
    """The evidence types shipped with the package."""
    text = resources.files("portfolio").joinpath("data/evidence-types.yml").read_text(encoding="utf-8")
    return dict(EvidenceTypesFile.model_validate(parse_yaml(text).value).types)


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")


def field_value_problem(field: TypeField, value: Any) -> str | None:
    """Why ``value`` does not suit ``field``, or None if it does."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "is empty"
    if field.kind is FieldKind.DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        return "must be a date (YYYY-MM-DD)"
    if field.kind is FieldKind.DATETIME:
        if isinstance(value, dt.date) or (isinstance(value, str) and _DATETIME.match(value.strip())):
            return None
        return "must be a date and time (YYYY-MM-DD HH:MM)"
    if field.kind is FieldKind.NUMBER:
        if isinstance(value, bool):
            return "must be a number"
        if isinstance(value, (int, float)):
            return None
        try:
            float(str(value))
        except ValueError:
            return "must be a number"
        return None
    if field.kind is FieldKind.CHOICE:
        choices = [c.lower() for c in field.choices or []]
        if isinstance(value, str) and value.strip().lower() in choices:
            return None
        return f"'{value}' is not one of: {', '.join(field.choices or [])}"
    if isinstance(value, (list, dict)):
        return "must be text, not a list or mapping"
    return None


def display_value(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)
