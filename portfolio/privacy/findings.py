"""Personal data found in an evidence item, located by file, line and field."""

from __future__ import annotations

from dataclasses import dataclass

from ..yamlsafe import YamlDocument, format_path
from .detect import find_personal_data


@dataclass(frozen=True)
class PersonalData:
    """One finding. The excerpt is masked: no report ever shows the value itself."""

    file: str
    """Relative to the project root."""
    line: int | None
    field: str | None
    """'body', a front-matter field such as 'summary', or 'page 2' / 'paragraph 14' of an attachment."""
    kind: str
    excerpt: str


def scan_described_file(
    text: str,
    rel: str,
    doc: YamlDocument,
    line_offset: int,
    body_line: int,
    unpublished: frozenset[str],
) -> list[PersonalData]:
    """Findings in a Markdown file (front matter and body) or a sidecar, leaving out comments and
    fields that are never published. ``body_line`` is 0 for a sidecar."""
    if not text:
        return []
    found = []
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
        found.append(PersonalData(rel, finding.line, field, finding.kind, finding.excerpt))
    return found


def scan_attachment_text(rel: str, sections: list[tuple[str, str]]) -> list[PersonalData]:
    """Findings in an attachment's text, given as (where, text) sections such as ('page 2', …)."""
    found = []
    for where, section in sections:
        for finding in find_personal_data(section):
            line_note = f"{where}, line {finding.line}" if section.count("\n") else where
            found.append(PersonalData(rel, None, line_note, finding.kind, finding.excerpt))
    return found


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
