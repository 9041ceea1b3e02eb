"""New evidence from its type's template: a Markdown file, or a sidecar describing a file already there.

Either way every field of the type is listed with its guidance, and the criteria of the learner's
units that this type of evidence could address are offered, commented out. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .evidence.models import EvidenceTypeSpec
from .load import PROFILE_FILE, YAML_SUFFIXES, Learner, Project
from .scaffold import (
    ScaffoldRefused,
    UnknownName,
    create_new,
    inside_evidence,
    profile_as_written,
    scalar,
    slug,
    suggest,
)

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Created:
    path: Path
    """The file written: the Markdown file, or the sidecar."""
    notes: list[str] = field(default_factory=list)
    """What the user should know about it (criteria not offered, and why)."""


def learner_units(project: Project, learner: Learner) -> tuple[list[str], str | None]:
    """The units whose criteria to offer, with a note when the profile could not say for certain.

    A profile with errors still names its units, most often: those that are known are offered.
    """
    if learner.profile is not None:
        return list(learner.profile.units), None
    profile = f"{learner.folder}/{PROFILE_FILE}"
    listed = _units_as_written(project, learner)
    if not listed:
        return [], (f"{profile} has errors and no readable 'units' list, so no criteria are offered: fix it "
                    "('portfolio check' says what is wrong), then uncomment or add criteria by hand")
    known = [code for code in listed if code in project.units]
    if not known:
        return [], (f"{profile} has errors and names no unit assessed here ({', '.join(listed)}), so no criteria "
                    "are offered: fix it ('portfolio check' says what is wrong)")
    return known, (f"{profile} has errors ('portfolio check' lists them); the criteria offered are those of "
                   f"{', '.join(known)}, from its units list")


def _units_as_written(project: Project, learner: Learner) -> list[str]:
    """The unit codes a profile lists, read as plainly as possible: the profile itself did not validate."""
    value = profile_as_written(project, learner.id)
    units = value.get("units") if value is not None else None
    if isinstance(units, str):
        units = [units]
    if not isinstance(units, list):
        return []
    return list(dict.fromkeys(code.strip() for code in units if isinstance(code, str) and code.strip()))


def candidate_criteria(project: Project, units: list[str], spec: EvidenceTypeSpec) -> list[tuple[str, str]]:
    """(ref, text) of the criteria in these units that this type of evidence could address."""
    found = []
    for ref, entry in project.criteria.items():
        if entry.unit.code not in units or entry.assessed_by_parts:
            continue
        requirement = project.requirements[ref]
        if any(requirement.accepts(method) for method in spec.methods):
            found.append((ref, entry.text))
    return found


def new_evidence(
    project: Project,
    learner_id: str,
    type_name: str,
    title: str | None = None,
    file_name: str | None = None,
    today: dt.date | None = None,
) -> Created:
    """Create evidence from the type's template: a Markdown file, or, where ``file_name`` names a
    file that is already in the learner's folder (a PDF, say), the sidecar that describes it."""
    learner = project.learners.get(learner_id)
    if learner is None:
        raise UnknownName(f"no learner '{learner_id}' in evidence/" + suggest(learner_id, project.learner_folders))
    spec = project.evidence_types.get(type_name)
    if spec is None:
        raise UnknownName(f"no evidence type '{type_name}'" + suggest(type_name, project.evidence_types), "--type")
    day = today or dt.date.today()
    folder = project.root / learner.folder
    name = file_name or f"{slug(title or f'{spec.label}, {day.isoformat()}')}.md"
    path = Path(os.path.normpath(folder / name))
    if Path(name).is_absolute() or not path.is_relative_to(folder) or path == folder:
        raise ScaffoldRefused(f"'{name}' is outside {learner.folder}/: give a name inside the learner's folder")
    shown = path.relative_to(project.root).as_posix()
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        raise ScaffoldRefused(f"'{shown}' would be a sidecar: give the name of the file it describes")
    attachment = suffix not in MARKDOWN_SUFFIXES and os.path.lexists(path)
    if not attachment and suffix not in MARKDOWN_SUFFIXES:
        if suffix:
            raise ScaffoldRefused(
                f"no file {shown}: put the file in {learner.folder}/ first and run this again to describe it, "
                "or give a name ending in .md to write the evidence in Markdown"
            )
        path, shown = path.with_name(path.name + ".md"), shown + ".md"
    path = inside_evidence(project, path)
    units, note = learner_units(project, learner)
    notes = [note] if note else []
    if attachment:
        if not path.is_file():
            raise ScaffoldRefused(f"'{shown}' is not a file: only a file can be described")
        for yaml_suffix in YAML_SUFFIXES:
            sidecar = path.with_name(path.name + yaml_suffix)
            if os.path.lexists(sidecar):
                raise ScaffoldRefused(f"{shown} is already described by {sidecar.name}; nothing was changed "
                                      "(edit it, or add criteria with 'portfolio tag')")
        sidecar = path.with_name(path.name + YAML_SUFFIXES[0])
        title = title or path.stem.replace("-", " ").replace("_", " ").capitalize()
        lines = [f"# Describes {path.name}. {spec.label}: {spec.guidance}",
                 *_fields(project, units, type_name, spec, title, day, note), ""]
        create_new(project, sidecar, "\n".join(lines))
        return Created(sidecar, notes)
    lines = ["---", f"# {spec.label}: {spec.guidance}", *_fields(project, units, type_name, spec, title or
             f"{spec.label}, {day.isoformat()}", day, note), "---", "", f"<!-- {spec.guidance} -->", "", ""]
    create_new(project, path, "\n".join(lines))
    return Created(path, notes)


def _fields(project: Project, units: list[str], type_name: str, spec: EvidenceTypeSpec, title: str,
            day: dt.date, why_none: str | None) -> list[str]:
    methods = ", ".join(m.value for m in spec.methods)
    lines = [
        f"title: {scalar(title)}",
        f"type: {type_name}",
        f"method: {spec.methods[0].value}  # usually: {methods}",
        f"date: {day.isoformat()}  # when the activity took place (YYYY-MM-DD)",
        "# id: E01  # optional portfolio reference for tracking sheets",
        "confidential: false  # true keeps this item off the published site",
        "staff_only: false  # true shows it only on the staff site (it names third parties, say)",
        "criteria:  # uncomment the criteria this evidence shows; add a note where, e.g. '- {ref: INC2/1.1, note: para 2}'",
    ]
    candidates = candidate_criteria(project, units, spec)
    lines.extend(f"  # - {ref}  # {text}" for ref, text in candidates)
    if not candidates:
        lines.append(f"  # ({why_none})" if why_none and not units else
                     "  # (no criterion of the learner's units accepts this type's usual method)")
    if spec.fields:
        lines.append(f"# Fields of {spec.label.lower()}:")
    for field_name, definition in spec.fields.items():
        need = "required" if definition.required else "optional"
        kind = f"one of: {', '.join(definition.choices or [])}" if definition.choices else definition.kind.value
        private = "; not published" if not definition.publish else ""
        lines.append(f"{field_name}:  # {need}, {kind}{private}: {definition.guidance}")
    return lines
