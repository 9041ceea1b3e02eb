"""Page HTML from Jinja2 templates in ``templates/``, with autoescaping on for every template.

Every value a template prints is escaped unless it is already :class:`markupsafe.Markup`: macro
output, and HTML that :mod:`.sanitize` has cleaned (passed in through :func:`sanitised`, the one
place where a string becomes Markup). No template line has to remember to escape anything.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..coverage import STATUS_LABELS
from .common import STATUS_SHORT

TEMPLATES = Path(__file__).parent / "templates"


def _escape_like_html_module(value: Any) -> Any:
    # The same entities as html.escape (&#x27; for '), so pages read as they did before templates.
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    finalize=_escape_like_html_module,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """The HTML of ``template`` (a file in templates/) with ``context``; every value escaped."""
    return _ENV.get_template(template).render(**context)


def sanitised(cleaned_html: str) -> Markup:
    """HTML that nh3 has already cleaned (a learner's body, a converted document), to print as is."""
    return Markup(cleaned_html)


_ENV.globals.update(
    STATUS_LABELS=STATUS_LABELS,
    STATUS_SHORT=STATUS_SHORT,
    LEGEND=[
        ("unmapped", "no evidence mapped"),
        ("claimed", "evidence mapped, awaiting assessment"),
        ("not-yet-met", "assessed, not yet met"),
        ("in-progress", "some evidence met or none that can count: more is needed"),
        ("met", "assessed as met"),
    ],
)
