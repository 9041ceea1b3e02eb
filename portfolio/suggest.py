"""Nearest-match suggestions for misspelt names and references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The choice closest to ``word``, or None if nothing is close enough."""
    options = list(choices)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    lowered = {option.lower(): option for option in options}
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[matches[0]] if matches else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str:
    """' — did you mean 'x'?' or an empty string."""
    match = nearest(word, choices, cutoff)
    return f"did you mean '{match}'?" if match else ""
