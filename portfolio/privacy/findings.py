"""Personal data found in an evidence item, located by file, line and field.

Each text is scanned twice: as written (exact lines and columns), and as a reader sees it (see
:mod:`normalise`), which catches what markup, escapes and line breaks hide. The second look reports
only what the first did not find, at the line where its paragraph or field starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..yamlsafe import YamlDocument, format_path
from .detect import find_personal_data
from .normalise import may_hide, normalise, paragraphs
from .redaction import REDACTION_START, redact_text

FILE_NAME = "file name"
_DIGIT_OR_AT = re.compile(r"[0-9@]")
_NAME_MAY_HOLD = re.compile(r"[0-9](?:[^0-9a-zA-Z]?[0-9]){5}|[A-Za-z][0-9]")
"""Six digits (with single separators), or a letter before a digit (a postcode's outward code)."""


@dataclass(frozen=True)
class PersonalData:
    """One finding. The excerpt is masked: no report ever shows the value itself."""

    file: str
    """Relative to the project root."""
    line: int | None
    field: str | None
    """'body', a front-matter field such as 'summary', 'file name', or 'page 2' / 'paragraph 14' of
    an attachment."""
    kind: str
    excerpt: str
    masked: str


def scan_described_file(
    text: str,
    rel: str,
    doc: YamlDocument,
    line_offset: int,
    body: tuple[int, int],
    unpublished: frozenset[str],
) -> list[PersonalData]:
    """Findings in a Markdown file (front matter and body) or a sidecar, leaving out comments and
    fields that are never published. ``body`` is the line and offset where a Markdown body starts
    (0 and 0 for a sidecar)."""
    body_line, body_start = body
    if not text:
        return []
    found: list[PersonalData] = []
    lines: list[str] | None = None
    for finding in find_personal_data(text):
        field: str | None = "body"
        if not body_line or finding.line < body_line:  # in the front matter or the sidecar
            lines = lines if lines is not None else text.split("\n")
            if lines[finding.line - 1].lstrip().startswith("#"):
                continue  # a YAML comment is never published
            path = doc.path_at_line(finding.line - line_offset)
            if path and path[0] in unpublished:
                continue
            field = format_path(path) or None
        found.append(PersonalData(rel, finding.line, field, finding.kind, finding.excerpt, finding.masked))
    # The second look: field values as parsed (folded lines joined, escapes decoded), and the body
    # paragraph by paragraph as read; only where the raw text could hide something, for speed.
    front, body_text = (text[:body_start], text[body_start:]) if body_line else (text, "")
    second: list[tuple[int | None, str, str]] = []
    if _front_may_hide(front):
        # Values are shown as text, not Markdown: only what parsing joins or decodes is new.
        second = [
            (_line(doc, path, line_offset), format_path(path), value)
            for path, value in _strings(doc.value, ())
            if not (path and path[0] in unpublished) and (value not in text or not value.isascii())
        ]
    if body_text:
        if may_hide(body_text):
            second += [
                (line, "body", paragraph)
                for line, paragraph in paragraphs(redact_text(body_text), body_line)
                if may_hide(paragraph)
            ]
    if second:
        found += _second_look(rel, second, {(f.field, f.masked) for f in found})
    return found


_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
_CONTINUED = re.compile(rb"\n +[0(+]")
"""An indented line that starts like a number: a value going on from the line before."""


def _front_may_hide(front: str) -> bool:
    """Whether parsing the YAML could join or decode what the raw scan saw apart: an escape, a block
    scalar, a value going on on the next line, an entity or %-escape; or characters that read as
    digits. Plain searches only: this runs on every file."""
    if "\\" in front or ": >" in front or ": |" in front or "&" in front or "%" in front:
        return True
    if not front.isascii() and may_hide(front):
        return True
    shape = front.encode("ascii", "replace").translate(_DIGITS)
    return _CONTINUED.search(shape) is not None


def scan_attachment_text(rel: str, sections: list[tuple[str, str]]) -> list[PersonalData]:
    """Findings in an attachment's text, given as (where, text) sections such as ('page 2', …)."""
    found: list[PersonalData] = []
    # A marker inside an attachment hides nothing: the attachment is published as it is.
    sections = [(where, section.replace(REDACTION_START, "(( redact")) for where, section in sections]
    seen: set[tuple[str | None, str]] = set()
    for where, section in sections:
        for finding in find_personal_data(section):
            line_note = f"{where}, line {finding.line}" if section.count("\n") else where
            found.append(PersonalData(rel, None, line_note, finding.kind, finding.excerpt, finding.masked))
            seen.add((where, finding.masked))
    second: list[tuple[int | None, str, str]] = [
        (None, where, paragraph)
        for where, section in sections
        if may_hide(section)
        for _, paragraph in paragraphs(section)
        if may_hide(paragraph)
    ]
    return found + _second_look(rel, second, seen) if second else found


def scan_file_name(rel: str, name: str) -> list[PersonalData]:
    """Findings in an item's file name, which its page's address and download carry."""
    if "@" not in name and not _NAME_MAY_HOLD.search(name):
        return []  # most names: no run of digits long enough, nothing shaped like a postcode
    readable = name.replace("-", " ").replace("_", " ")
    found: list[PersonalData] = []
    seen: set[str] = set()
    # Separators read as spaces; an e-mail address needs its dots, so it is looked for as written.
    for text in ([name, readable] if "@" in name else [readable.replace(".", " ")]):
        for finding in find_personal_data(text):
            if finding.masked not in seen:
                seen.add(finding.masked)
                found.append(PersonalData(rel, None, FILE_NAME, finding.kind, finding.excerpt, finding.masked))
    return found


def _second_look(
    rel: str, texts: list[tuple[int | None, str, str]], seen: set[tuple[str | None, str]]
) -> list[PersonalData]:
    found = []
    shown = [normalise(value) for _, _, value in texts]
    for finding in find_personal_data("\n".join(shown)):
        line, field, _ = texts[finding.line - 1]
        if (field, finding.masked) in seen:
            continue
        seen.add((field, finding.masked))
        found.append(PersonalData(rel, line, field, finding.kind, finding.excerpt, finding.masked))
    return found


def _strings(value: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)] if not value.isascii() or _DIGIT_OR_AT.search(value) else []
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _strings(item, (*path, index))]
    return []


def _line(doc: YamlDocument, path: tuple[str | int, ...], offset: int) -> int | None:
    line = doc.line_of(path)
    return line + offset if line else None


def masked_text(text: str | None) -> str | None:
    """``text`` with every finding masked, for reports that print learners' own words."""
    if not text:
        return text
    found = find_personal_data(text)
    if not found:
        return text
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = list(text)
    for finding in found:
        offset = starts[finding.line - 1] + finding.column - 1
        out[offset : offset + len(finding.masked)] = finding.masked
    return "".join(out)
