"""Redaction markers applied to what is loaded: the source keeps its text, nothing downstream sees it."""

from __future__ import annotations

from typing import Any

from .detect import redact

REDACTION_START = "((redact"


def redact_text(text: str) -> str:
    return redact(text) if REDACTION_START in text else text


def redact_values(value: Any) -> Any:
    """Every string in parsed YAML with its markers replaced (keys are the tool's own, not text)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [redact_values(item) for item in value]
    if isinstance(value, dict):
        return {key: redact_values(item) for key, item in value.items()}
    return value
