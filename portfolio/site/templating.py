"""Page HTML from Jinja2 templates in ``templates/``, with autoescaping on for every template.

Every value a template prints is escaped unless it is already :class:`markupsafe.Markup`: macro
output, and HTML that :mod:`.sanitize` has cleaned (passed in through :func:`sanitised`, the one
place where unescaped text becomes Markup). No template line has to remember to escape anything.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..coverage import STATUS_LABELS, STATUSES, Status
from .common import STATUS_SHORT

TEMPLATES = Path(__file__).parent / "templates"


class _Escaped(str):
    """Text already escaped here: autoescaping takes it as it is (through ``__html__``)."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


def _escape_like_html_module(value: Any) -> Any:
    # The same entities as html.escape (&#x27; for '), so pages read as they did before templates.
    if isinstance(value, (Markup, _Escaped)):
        return value
    return _Escaped(html.escape(str(value), quote=True))


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    finalize=_escape_like_html_module,
    trim_blocks=True,
    lstrip_blocks=True,
)


BAR_ORDER: tuple[Status, ...] = STATUSES
"""Segments of a stacked bar, most advanced first: the order of the statuses themselves."""
_BAR_WORDS: dict[Status, str] = {**STATUS_LABELS, "unmapped": "with no evidence"}


def bar_words(counts: dict[Status, int]) -> str:
    """A progress bar's accessible name: '3 of 10 criteria met, 2 awaiting assessment, 5 with no evidence'."""
    total = sum(counts.values())
    words = [f"{counts['met']} of {total} criteria met"]
    words += [f"{counts[status]} {_BAR_WORDS[status]}" for status in BAR_ORDER[1:] if counts.get(status)]
    return ", ".join(words)


def percent_met(counts: dict[Status, int]) -> int:
    """Rounded down, so that 100% means every criterion is met."""
    total = sum(counts.values())
    return counts["met"] * 100 // total if total else 0


def render(template: str, **context: Any) -> str:
    """The HTML of ``template`` (a file in templates/) with ``context``; every value escaped."""
    return _ENV.get_template(template).render(**context)


def sanitised(cleaned_html: str) -> Markup:
    """HTML that nh3 has already cleaned (a learner's body, a converted document), to print as is."""
    return Markup(cleaned_html)


_ENV.globals.update(
    STATUS_LABELS=STATUS_LABELS,
    STATUS_SHORT=STATUS_SHORT,
    BAR_ORDER=BAR_ORDER,
    LEGEND=[
        ("met", "assessed as met"),
        ("in-progress", "some evidence met or none that can count: more is needed"),
        ("claimed", "evidence mapped, waiting for the assessor"),
        ("not-yet-met", "assessed, not yet met"),
        ("unmapped", "no evidence mapped yet"),
    ],
    bar_words=bar_words,
    percent_met=percent_met,
)
