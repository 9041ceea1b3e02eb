"""New learner profiles and evidence files from templates that explain every field.

A scaffold never overwrites: the file is created only if nothing is there yet.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

from .boundary import Refused, check_inside, write_inside
from .load import PROFILE_FILE, Project
from .profiles import LEARNER_ID_PATTERN
from .suggest import did_you_mean


class ScaffoldRefused(Exception):
    """The file cannot be created: it exists already, or an input is unknown."""


class UnknownName(ScaffoldRefused):
    """A learner, qualification, unit or evidence type that the project does not have."""


def _scalar(value: object) -> str:
    """A value as one line of YAML, quoted where YAML would misread it."""
    if value is None:
        return ""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()


def create_new(project: Project, path: Path, content: str) -> None:
    """Write ``content`` to ``path`` only if nothing is there yet, never through a link; never a partial file."""
    try:
        write_inside(project.root / "evidence", path, content.encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise ScaffoldRefused(f"'{path}' already exists; nothing was changed") from None
    except Refused as exc:
        raise ScaffoldRefused(f"{exc.message}; nothing was created ({exc.hint})") from None


def slug(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:60].rstrip("-") or "evidence"


def new_learner(
    project: Project,
    learner_id: str,
    name: str | None = None,
    qualification: str | None = None,
    units: list[str] | None = None,
    assessor: str | None = None,
    iqa: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Create evidence/ID/learner.yml from a template; return its path."""
    if not re.match(LEARNER_ID_PATTERN, learner_id):
        raise ScaffoldRefused(f"'{learner_id}' is not a valid learner id: use lower-case letters, digits, '-' or '_'")
    if qualification is None and len(project.qualifications) == 1:
        qualification = next(iter(project.qualifications))
    if qualification is not None and qualification not in project.qualifications:
        raise UnknownName(f"no qualification '{qualification}'" + _suggest(qualification, project.qualifications))
    for code in units or []:
        if code not in project.units:
            raise UnknownName(f"no unit '{code}'" + _suggest(code, project.units))
    if not units and qualification is not None:
        units = list(project.qualifications[qualification].rules.mandatory)
    qualifications = "; ".join(f"{q.id}: {q.title}" for q in project.qualifications.values())
    unit_list = "; ".join(f"{u.code}: {u.title}" for u in project.units.values())
    lines = [
        "# Learner profile. Fill in every field: 'portfolio check' reports anything missing.",
        f"name: {_scalar(name)}".rstrip() + "  # the learner's full name",
        "registration_number:  # the awarding body's learner registration number, once registered",
        f"qualification: {_scalar(qualification)}".rstrip() + f"  # one of: {qualifications}",
        f"units:  # the units the learner is registered for; available: {unit_list}",
        *[f"  - {_scalar(code)}" for code in units or []],
        f"assessor: {_scalar(assessor)}".rstrip() + "  # the learner's assessor",
        f"iqa: {_scalar(iqa)}".rstrip() + "  # the internal quality assurer",
        f"start_date: {(today or dt.date.today()).isoformat()}",
        "declaration:  # the learner's declaration that the evidence is their own work",
        "  signed: false  # set to true, with the date, once the learner has signed it",
        "  date:",
        "# achieved_elsewhere:  # units achieved before or elsewhere, counted towards the rules",
        "#   - {unit: CODE, route: credit-transfer, date: YYYY-MM-DD, reference: certificate number}",
        "",
    ]
    path = _inside_evidence(project, project.root / "evidence" / learner_id / PROFILE_FILE)
    create_new(project, path, "\n".join(lines))
    return path


def candidate_criteria(project: Project, learner_id: str, type_name: str) -> list[tuple[str, str]]:
    """(ref, text) of the criteria in the learner's units that this type of evidence could address."""
    learner = project.learners[learner_id]
    spec = project.evidence_types[type_name]
    units = learner.profile.units if learner.profile else []
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
) -> Path:
    """Create a Markdown evidence file from the type's template; return its path."""
    learner = project.learners.get(learner_id)
    if learner is None:
        raise UnknownName(f"no learner '{learner_id}' in evidence/" + _suggest(learner_id, project.learner_folders))
    spec = project.evidence_types.get(type_name)
    if spec is None:
        raise UnknownName(f"no evidence type '{type_name}'" + _suggest(type_name, project.evidence_types))
    day = today or dt.date.today()
    title = title or f"{spec.label}, {day.isoformat()}"
    name = file_name or f"{slug(title)}.md"
    if not name.endswith(".md"):
        name += ".md"
    folder = project.root / learner.folder
    path = Path(os.path.normpath(folder / name))
    if Path(name).is_absolute() or not path.is_relative_to(folder) or path == folder:
        raise ScaffoldRefused(f"'{name}' is outside {learner.folder}/: give a name inside the learner's folder")
    path = _inside_evidence(project, path)
    methods = ", ".join(m.value for m in spec.methods)
    lines = [
        "---",
        f"# {spec.label}: {spec.guidance}",
        f"title: {_scalar(title)}",
        f"type: {type_name}",
        f"method: {spec.methods[0].value}  # usually: {methods}",
        f"date: {day.isoformat()}  # when the activity took place (YYYY-MM-DD)",
        "# id: E01  # optional portfolio reference for tracking sheets",
        "confidential: false  # true keeps this item off the published site",
        "staff_only: false  # true shows it only on the staff site (it names third parties, say)",
        "criteria:  # uncomment the criteria this evidence shows; add a note where, e.g. '- {ref: INC2/1.1, note: para 2}'",
    ]
    candidates = candidate_criteria(project, learner_id, type_name)
    lines.extend(f"  # - {ref}  # {text}" for ref, text in candidates)
    if not candidates:
        lines.append("  # (no criterion of the learner's units accepts this type's usual method)")
    if spec.fields:
        lines.append(f"# Fields of {spec.label.lower()}:")
    for field_name, definition in spec.fields.items():
        need = "required" if definition.required else "optional"
        kind = f"one of: {', '.join(definition.choices or [])}" if definition.choices else definition.kind.value
        private = "; not published" if not definition.publish else ""
        lines.append(f"{field_name}:  # {need}, {kind}{private}: {definition.guidance}")
    lines += ["---", "", f"<!-- {spec.guidance} -->", "", ""]
    create_new(project, path, "\n".join(lines))
    return path


def _inside_evidence(project: Project, path: Path) -> Path:
    """``path``, if no link lies on the way to it from evidence/: a scaffold never writes through one."""
    try:
        return check_inside(project.root / "evidence", path)
    except Refused as exc:
        raise ScaffoldRefused(f"{exc.message}; nothing was created ({exc.hint})") from None


def _suggest(word: str, choices: object) -> str:
    suggestion = did_you_mean(word, choices)  # type: ignore[arg-type]
    return f"; {suggestion}" if suggestion else ""
