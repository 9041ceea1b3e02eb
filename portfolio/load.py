"""Files to models. Every problem becomes a :class:`Problem` naming file, line, field and a fix.

Nothing here raises on bad input: a broken file is reported and left out, and loading goes on so
that one run reports every problem in the project.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import re
import typing
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .evidence_types import CENTRE_TYPES_DIR, default_types, field_value_problem
from .models import (
    CRITERION_REF_PATTERN,
    HINT,
    LEARNER_ID_PATTERN,
    AssessmentCriterion,
    Centre,
    Decision,
    DecisionsFile,
    EvidenceMeta,
    EvidenceTypesFile,
    EvidenceTypeSpec,
    LearnerProfile,
    LearningOutcome,
    Method,
    Qualification,
    Unit,
)
from .problems import Problem, ProblemList, Severity
from .requirements import Requirement, requirement_for
from .suggest import did_you_mean, nearest
from .yamlsafe import YamlDocument, YamlError, parse_yaml

MAX_YAML_BYTES = 1 << 20
"""Criteria, profiles, sidecars and decisions are small; anything bigger is a mistake or an attack."""
MAX_TEXT_EVIDENCE_BYTES = 8 << 20
PROFILE_FILE = "learner.yml"
DECISIONS_FILE = "decisions.yml"
CENTRE_FILE = "centre.yml"
YAML_SUFFIXES = (".yml", ".yaml")

M = TypeVar("M", bound=BaseModel)


class NotAProject(Exception):
    """The folder given is not a portfolio project (it has no criteria/ folder)."""


@dataclass
class CriterionEntry:
    """An assessment criterion with the unit and learning outcome it belongs to."""

    unit: Unit
    outcome: LearningOutcome
    criterion: AssessmentCriterion

    @property
    def ref(self) -> str:
        return f"{self.unit.code}/{self.criterion.ref}"


@dataclass
class Claim:
    """A criterion an evidence item is claimed against, with where to look in the item."""

    ref: str
    note: str | None


@dataclass
class EvidenceItem:
    learner: str
    path: str
    """Path relative to the learner's folder, with forward slashes: how decisions name it."""
    file: str
    """The evidence file, relative to the project root."""
    meta_file: str
    """Where the metadata lives: the Markdown file itself or the sidecar beside the file."""
    meta: EvidenceMeta
    sha256: str
    is_markdown: bool
    body: str | None = None
    """Markdown body, after the front matter."""
    claims: list[Claim] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, Any]:
        """The fields its evidence type defines (an incident log's 'category', say)."""
        return self.meta.model_extra or {}

    @property
    def reference(self) -> str:
        """Portfolio reference shown to assessors: the item's id, or its path."""
        return self.meta.id or self.path


@dataclass
class Learner:
    id: str
    folder: str
    profile: LearnerProfile | None
    evidence: list[EvidenceItem] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def evidence_by_path(self) -> dict[str, EvidenceItem]:
        return {item.path: item for item in self.evidence}


@dataclass
class Project:
    root: Path
    centre: Centre | None = None
    qualifications: dict[str, Qualification] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    criteria: dict[str, CriterionEntry] = field(default_factory=dict)
    """Every criterion by its full ref, 'UNIT/AC'."""
    evidence_types: dict[str, EvidenceTypeSpec] = field(default_factory=default_types)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    """What each criterion needs, by its full ref."""
    learner_folders: list[str] = field(default_factory=list)
    """Every learner folder under evidence/, loaded or not."""


# --- reading files --------------------------------------------------------------------------


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_text(
    path: Path, rel: str, limit: int, problems: ProblemList
) -> tuple[str, bytes] | None:
    """The file's text and raw bytes, or None after reporting why it cannot be read as text."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            problems.error(
                rel,
                f"file is too large (more than {limit:,} bytes)",
                hint="split it up, or attach large material as a separate file with a sidecar",
            )
            return None
    except OSError as exc:
        problems.error(rel, f"cannot read the file: {exc.strerror}", hint="check its permissions")
        return None
    if not raw or raw.isspace():
        problems.error(rel, "file is empty", hint="fill it in, or delete it")
        return None
    if b"\x00" in raw[:8192]:
        problems.error(
            rel,
            "not a text file",
            hint="binary files need a YAML sidecar beside them (e.g. 'recording.pdf.yml')",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            rel,
            "the file is not UTF-8 text",
            line=line,
            hint="save it with UTF-8 encoding (in most editors: 'Save with encoding' → UTF-8)",
        )
        return None
    return text, raw


def _parse(text: str, rel: str, problems: ProblemList, line_offset: int = 0) -> YamlDocument | None:
    try:
        return parse_yaml(text)
    except YamlError as exc:
        problems.error(
            rel,
            exc.message,
            line=exc.line + line_offset if exc.line else None,
            hint=exc.hint,
        )
        return None


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_NESTED_PATH = re.compile(r"^([A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*): (.*)$", re.S)
_PATH_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")

_FIELD_HINTS = {
    "urn": "write it as one capital letter/3 digits/4 digits, e.g. 'M/503/0405', or leave it out",
    "number": "write it as 3 digits/4 digits/digit or X, e.g. '600/1137/3', or leave it out",
    "code": "use capital letters and digits, e.g. 'INC2'",
    "ref": "criterion numbers look like '1.2', within the learning outcome they belong to",
    "id": "use letters, digits, '.', '-' or '_', e.g. 'E07'",
    "sha256": "copy the 64-character SHA-256 of the evidence file, as 'portfolio check' prints it",
    "date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "start_date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
}


def _loc_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # The before-validator on evidence criteria turns 'INC2/1.1' into {'ref': ...}: the error
    # location then names a 'ref' key the learner never wrote.
    return tuple(part for part in loc if part not in ("function-after[_claim]",))


def _validate(
    model: type[M],
    value: Any,
    doc: YamlDocument,
    rel: str,
    problems: ProblemList,
    line_offset: int = 0,
) -> M | None:
    """Validate ``value`` against ``model``; report every error with its line and field."""
    if not isinstance(value, dict):
        problems.error(
            rel,
            "expected a mapping of fields (key: value lines) at the top of the file",
            line=(doc.root.start_mark.line + 1 + line_offset) if doc.root else None,
            hint=f"start with the fields of a {model.__name__.lower()}, e.g. 'title: …'",
        )
        return None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False, include_context=True):
            loc = _loc_path(tuple(error["loc"]))
            message = error["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
            nested = _NESTED_PATH.match(message)
            if error["type"] == "value_error" and nested:
                extra = tuple(
                    name if name else int(index)
                    for name, index in _PATH_PART.findall(nested.group(1))
                )
                loc = loc + extra
                message = nested.group(2)
            problems.append(_describe_error(model, error["type"], loc, message, error, doc, rel, line_offset))
        return None


def _describe_error(
    model: type[BaseModel],
    kind: str,
    loc: tuple[Any, ...],
    message: str,
    error: Any,
    doc: YamlDocument,
    rel: str,
    line_offset: int,
) -> Problem:
    name = _field_name(loc)
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    line = doc.line_of(loc)
    hint = _FIELD_HINTS.get(last)
    if HINT in message:
        message, hint = message.split(HINT, 1)
    if kind == "missing":
        message = f"required field '{last}' is missing"
        hint = f"add a line '{last}: …'"
        line = doc.line_of(loc[:-1])
    elif kind == "extra_forbidden":
        container = _model_at(model, loc[:-1])
        known = list(container.model_fields) if container else []
        suggestion = did_you_mean(str(last), known)
        message = f"unknown field '{last}'" + (f"; {suggestion}" if suggestion else "")
        hint = f"the fields allowed here are: {', '.join(known)}" if known else None
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        if last == "method":
            choices = [m.value for m in Method]
            given = _value_at(doc.value, loc)
            suggestion = did_you_mean(str(given), choices) if given is not None else ""
            message = f"'{given}' is not an assessment method" + (f"; {suggestion}" if suggestion else "")
            hint = "use one of: " + ", ".join(choices)
        else:
            message = f"must be one of {expected}"
    elif kind == "string_pattern_mismatch":
        message = "has the wrong shape"
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = "is not a date"
        hint = _FIELD_HINTS["date"]
    return Problem(
        rel,
        message,
        Severity.ERROR,
        line=line + line_offset if line else None,
        field=name or None,
        hint=hint,
    )


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        current = _first_model(annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _first_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _value_at(value: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _load_yaml_model(path: Path, root: Path, model: type[M], problems: ProblemList) -> tuple[M | None, YamlDocument | None]:
    rel = _rel(root, path)
    read = _read_text(path, rel, MAX_YAML_BYTES, problems)
    if read is None:
        return None, None
    doc = _parse(read[0], rel, problems)
    if doc is None:
        return None, None
    return _validate(model, doc.value, doc, rel, problems), doc


# --- criteria -------------------------------------------------------------------------------


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _load_criteria(project: Project) -> None:
    root, problems = project.root, project.problems
    criteria_dir = root / "criteria"
    _load_evidence_types(project, criteria_dir / CENTRE_TYPES_DIR)
    for unit, _, _ in _load_unique(project, criteria_dir / "units", Unit, "code", "unit code", project.units):
        for outcome in unit.learning_outcomes:
            for criterion in outcome.criteria:
                entry = CriterionEntry(unit, outcome, criterion)
                project.criteria[entry.ref] = entry
                project.requirements[entry.ref] = requirement_for(unit, outcome, criterion)
    qualifications = _load_unique(
        project, criteria_dir / "qualifications", Qualification, "id", "qualification id", project.qualifications
    )
    for qualification, doc, rel in qualifications:
        _check_rules(project, qualification, doc, rel)

    for path in sorted(criteria_dir.rglob("*")) if criteria_dir.is_dir() else []:
        if path.is_file() and path.suffix not in YAML_SUFFIXES and not path.name.startswith("."):
            problems.warning(
                _rel(root, path),
                "not a YAML file; ignored",
                hint="criteria live in .yml files under criteria/units/ and criteria/qualifications/",
            )
    if not _yaml_files(criteria_dir / "units"):
        problems.error(
            "criteria",
            "no units found",
            hint="add unit files under criteria/units/ (one unit per .yml file)",
        )


def _load_unique(
    project: Project, folder: Path, model: type[M], key: str, what: str, into: dict[str, Any]
) -> Iterator[tuple[M, YamlDocument, str]]:
    """Load every file in ``folder`` as ``model`` into ``into`` by its ``key``; report duplicates."""
    files: dict[str, str] = {}
    for path in _yaml_files(folder):
        loaded, doc = _load_yaml_model(path, project.root, model, project.problems)
        if loaded is None or doc is None:
            continue
        rel = _rel(project.root, path)
        name = getattr(loaded, key)
        if name in into:
            project.problems.error(
                rel,
                f"duplicate {what} '{name}' (also in {files.get(name, 'another file')})",
                line=doc.line_of((key,)),
                field=key,
                hint=f"give each file its own {key}",
            )
            continue
        into[name] = loaded
        files[name] = rel
        yield loaded, doc, rel


def _load_evidence_types(project: Project, folder: Path) -> None:
    """Shipped evidence types, overridden or extended by the centre's own definitions."""
    types = dict(default_types())
    for path in _yaml_files(folder):
        loaded, _ = _load_yaml_model(path, project.root, EvidenceTypesFile, project.problems)
        if loaded is not None:
            types.update(loaded.types)
    project.evidence_types = types


def _check_rules(project: Project, qualification: Qualification, doc: YamlDocument, rel: str) -> None:
    rules = qualification.rules
    places: list[tuple[tuple[Any, ...], str]] = [
        (("rules", "mandatory", i), code) for i, code in enumerate(rules.mandatory)
    ]
    for g, group in enumerate(rules.optional_groups):
        places += [(("rules", "optional_groups", g, "units", i), code) for i, code in enumerate(group.units)]
    for path, code in places:
        if code not in project.units:
            suggestion = did_you_mean(code, project.units)
            project.problems.error(
                rel,
                f"unknown unit '{code}'" + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(path),
                field=_field_name(path),
                hint="name units by the 'code' in their file under criteria/units/",
            )


# --- evidence -------------------------------------------------------------------------------

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line number where the body starts), or None if there is none."""
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text.rstrip("\r\n") == "---"):
        return None
    start = text.index("\n") + 1 if "\n" in text else len(text)
    end = _FRONT_MATTER_END.search(text, start)
    if end is None:
        return None
    front = text[start : end.start()]
    after = text.find("\n", end.end())
    body = "" if after == -1 else text[after + 1 :]
    body_line = text.count("\n", 0, after + 1) + 1 if after != -1 else 0
    return front, body, body_line


def _check_claims(
    project: Project,
    meta: EvidenceMeta,
    doc: YamlDocument,
    rel: str,
    line_offset: int,
) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, claim in enumerate(meta.criteria):
        where = f"criteria[{index}]"
        ref = claim.ref.strip()
        if ref in project.criteria and ref not in seen:
            seen.add(ref)
            claims.append(Claim(ref, claim.note))
            requirement = project.requirements[ref]
            category = (meta.model_extra or {}).get("category")
            if not requirement.accepts(meta.method) or not requirement.accepts_category(category):
                line = doc.line_of(("criteria", index))
                note = (
                    requirement.method_note(meta.method)
                    if not requirement.accepts(meta.method)
                    else requirement.category_note(str(category))
                )
                project.problems.warning(
                    rel,
                    f"{ref}: {note}",
                    line=line + line_offset if line else None,
                    field=where,
                    hint="it will not count for this criterion: claim another criterion, or add evidence that does",
                )
            continue
        # Only problems need a line number: finding it costs a walk of the YAML nodes.
        line = doc.line_of(("criteria", index))
        line = line + line_offset if line else None
        if not CRITERION_REF_PATTERN.match(ref):
            project.problems.error(
                rel,
                f"'{ref}' is not a criterion reference" + _suggest_ref(project, ref),
                line=line,
                field=where,
                hint="write references as UNIT/AC, e.g. 'INC2/1.2'",
            )
            continue
        if ref not in project.criteria:
            project.problems.error(
                rel,
                f"unknown criterion '{ref}'" + _suggest_ref(project, ref),
                line=line,
                field=where,
                hint="use a criterion from criteria/units/ ('portfolio check --format json' lists them)",
            )
            continue
        project.problems.warning(
            rel, f"criterion '{ref}' is listed twice", line=line, field=where, hint="remove the repeat"
        )
    return claims


def _suggest_ref(project: Project, ref: str) -> str:
    unit_code = ref.split("/", 1)[0]
    pool = [r for r in project.criteria if r.startswith(unit_code + "/")] or list(project.criteria)
    match = nearest(ref, pool, cutoff=0.3)
    return f"; did you mean '{match}'?" if match else ""


def _load_evidence_item(
    project: Project,
    learner: Learner,
    item_path: str,
    sidecar_name: str | None,
) -> EvidenceItem | None:
    """Load one evidence item; ``item_path`` and ``sidecar_name`` are relative to the learner's folder."""
    root, problems = project.root, project.problems
    rel = f"{learner.folder}/{item_path}"
    path = root / rel
    sidecar = root / f"{learner.folder}/{sidecar_name}" if sidecar_name else None
    body: str | None = None
    body_line = 0
    if sidecar is None:
        read = _read_text(path, rel, MAX_TEXT_EVIDENCE_BYTES, problems)
        if read is None:
            return None
        text, raw = read
        parts = split_front_matter(text)
        if parts is None:
            problems.error(
                rel,
                "no front matter",
                line=1,
                hint="start the file with a '---' line, the fields (title, type, method, date, "
                "criteria), and another '---' line",
            )
            return None
        front, body, body_line = parts
        meta_rel, line_offset = rel, 1
        doc = _parse(front, rel, problems, line_offset)
        if doc is None:
            return None
        if doc.value is None:
            problems.error(rel, "the front matter is empty", line=1, hint="add title, type, method, date and criteria")
            return None
        digest = hashlib.sha256(raw).hexdigest()
    else:
        meta_rel, line_offset = f"{learner.folder}/{sidecar_name}", 0
        read = _read_text(sidecar, meta_rel, MAX_YAML_BYTES, problems)
        if read is None:
            return None
        doc = _parse(read[0], meta_rel, problems)
        if doc is None:
            return None
        try:
            size, digest = _hash_file(path)
        except OSError as exc:
            problems.error(rel, f"cannot read the file: {exc.strerror}", hint="check its permissions")
            return None
        if size == 0:
            problems.error(rel, "file is empty", hint="replace it with the real evidence, or delete it and its sidecar")
            return None
    meta = _validate(EvidenceMeta, doc.value, doc, meta_rel, problems, line_offset)
    if meta is None:
        return None
    spec = project.evidence_types.get(meta.type)
    if spec is None:
        line = doc.line_of(("type",))
        suggestion = did_you_mean(meta.type, project.evidence_types)
        problems.error(
            meta_rel,
            f"unknown evidence type '{meta.type}'" + (f"; {suggestion}" if suggestion else ""),
            line=line + line_offset if line else None,
            field="type",
            hint="use one of: " + ", ".join(project.evidence_types),
        )
        return None
    _check_type_fields(project, meta, spec, doc, meta_rel, line_offset)
    if spec.first_person and body is not None:
        _check_first_person(project, spec, body, body_line, meta_rel)
    if meta.date > dt.date.today():
        line = doc.line_of(("date",))
        problems.warning(
            meta_rel,
            f"the date {meta.date} is in the future",
            line=line + line_offset if line else None,
            field="date",
            hint="give the date the activity took place",
        )
    claims = _check_claims(project, meta, doc, meta_rel, line_offset)
    if not meta.criteria:
        problems.warning(
            meta_rel,
            "evidence is not mapped to any criterion",
            line=(doc.line_of(("criteria",)) or 1) + line_offset,
            field="criteria",
            hint="list the criteria it shows, e.g. 'criteria: [INC2/1.1]'",
        )
    return EvidenceItem(
        learner=learner.id,
        path=item_path,
        file=rel,
        meta_file=meta_rel,
        meta=meta,
        sha256=digest,
        is_markdown=sidecar is None,
        body=body,
        claims=claims,
    )


def _check_type_fields(
    project: Project, meta: EvidenceMeta, spec: EvidenceTypeSpec, doc: YamlDocument, rel: str, line_offset: int
) -> None:
    """Fields beyond the common ones must belong to the type; the type's required ones must be there."""
    problems = project.problems
    extras = meta.model_extra or {}

    def line_of(*path: Any) -> int | None:
        line = doc.line_of(path)
        return line + line_offset if line else None

    for name, value in extras.items():
        definition = spec.fields.get(name)
        if definition is None:
            known = list(EvidenceMeta.model_fields) + list(spec.fields)
            suggestion = did_you_mean(str(name), known)
            problems.error(
                rel,
                f"unknown field '{name}'" + (f"; {suggestion}" if suggestion else ""),
                line=line_of(name),
                field=str(name),
                hint=f"the fields of {_article(spec.label)} are: {', '.join(known)}",
            )
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if definition.required:
                problems.error(
                    rel,
                    f"required field '{name}' is empty",
                    line=line_of(name),
                    field=str(name),
                    hint=definition.guidance,
                )
            continue
        trouble = field_value_problem(definition, value)
        if trouble:
            problems.error(rel, f"'{name}' {trouble}", line=line_of(name), field=str(name), hint=definition.guidance)
    for name, definition in spec.fields.items():
        if definition.required and name not in extras:
            problems.error(
                rel,
                f"required field '{name}' is missing for {_article(spec.label)}",
                line=line_of("type"),
                field=name,
                hint=f"add '{name}: …' — {definition.guidance}",
            )


def _article(label: str) -> str:
    return ("an " if label[:1].lower() in "aeiou" else "a ") + label.lower()


_HYPOTHETICAL = re.compile(r"\b(?:I|we)(?:\s+(?:would|will|could|should|might)\b|'d\b|'ll\b)", re.IGNORECASE)
_DONE = re.compile(
    r"\bI\s+(?:\w+ed|did|took|made|spoke|gave|went|told|was|had|felt|saw|said|kept|wrote|sent|put|"
    r"knew|thought|found|got|left|began|chose|led|met|ran|heard|understood|realised|realized)\b",
    re.IGNORECASE,
)


def _check_first_person(project: Project, spec: EvidenceTypeSpec, body: str, body_line: int, rel: str) -> None:
    """A reflective account is about what the learner did, not what they would do."""
    hypothetical = list(_HYPOTHETICAL.finditer(body))
    done = len(_DONE.findall(body))
    if len(hypothetical) >= 2 and len(hypothetical) > done:
        first = hypothetical[0]
        line = body_line + body.count("\n", 0, first.start()) if body_line else None
        project.problems.warning(
            rel,
            f"this {spec.label.lower()} describes what you would do ({len(hypothetical)} times "
            f"'{first.group(0)}…') more than what you did",
            line=line,
            hint="write about a real occasion in the past tense: what happened, what you did, and why",
        )


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _walk_files(folder: Path) -> list[str]:
    """Paths of the files under ``folder``, relative to it with '/', hidden ones left out."""
    found: list[str] = []
    prefix_len = len(str(folder)) + 1
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        base = directory[prefix_len:].replace(os.sep, "/")
        prefix = base + "/" if base else ""
        found.extend(prefix + name for name in sorted(files) if not name.startswith("."))
    return found


def _strip_yaml_suffix(name: str) -> str | None:
    for suffix in YAML_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def _load_learner(project: Project, folder: Path) -> Learner:
    root, problems = project.root, project.problems
    learner_id = folder.name
    rel_folder = _rel(root, folder)
    if not re.match(LEARNER_ID_PATTERN, learner_id):
        problems.error(
            rel_folder,
            f"learner folder name '{learner_id}' is not a valid learner id",
            hint="use lower-case letters, digits, '-' or '_' (e.g. 'jordan-lee')",
        )
    profile_path = folder / PROFILE_FILE
    profile: LearnerProfile | None = None
    if profile_path.is_file():
        profile, doc = _load_yaml_model(profile_path, root, LearnerProfile, problems)
        if profile is not None and doc is not None:
            _check_profile(project, profile, doc, _rel(root, profile_path))
    else:
        problems.error(
            rel_folder,
            f"learner folder has no {PROFILE_FILE}",
            hint=f"add {rel_folder}/{PROFILE_FILE} with name, qualification, units, assessor and iqa",
        )
    learner = Learner(learner_id, rel_folder, profile)

    files = _walk_files(folder)
    present = set(files)
    sidecars = {target: name for name in files if (target := _strip_yaml_suffix(name)) is not None}
    for name in files:
        if name in (PROFILE_FILE, DECISIONS_FILE):
            continue
        file_rel = f"{rel_folder}/{name}"
        if _strip_yaml_suffix(name) is not None:
            target = _strip_yaml_suffix(name)
            if target not in present:
                base = target.rsplit("/", 1)[-1]
                problems.error(
                    file_rel,
                    f"sidecar without its file: '{base}' is not in this folder",
                    hint=f"put '{base}' beside it, or delete the sidecar",
                )
            continue
        if name in sidecars:
            item = _load_evidence_item(project, learner, name, sidecars[name])
        elif name.lower().endswith((".md", ".markdown")):
            item = _load_evidence_item(project, learner, name, None)
        else:
            base = name.rsplit("/", 1)[-1]
            problems.warning(
                file_rel,
                "file has no sidecar describing it, so it counts for nothing",
                hint=f"add '{base}.yml' beside it with title, type, method, date and criteria",
            )
            continue
        if item is not None:
            learner.evidence.append(item)
    _check_evidence_ids(project, learner)

    decisions_path = folder / DECISIONS_FILE
    if decisions_path.is_file():
        decisions, doc = _load_yaml_model(decisions_path, root, DecisionsFile, problems)
        if decisions is not None and doc is not None:
            rel = _rel(root, decisions_path)
            items = learner.evidence_by_path()
            for index, decision in enumerate(decisions.decisions):
                if _check_decision(project, learner, items, decision, rel, doc, index):
                    learner.decisions.append(decision)
    return learner


def _check_evidence_ids(project: Project, learner: Learner) -> None:
    seen: dict[str, EvidenceItem] = {}
    for item in learner.evidence:
        if item.meta.id is None:
            continue
        if item.meta.id in seen:
            project.problems.error(
                item.meta_file,
                f"duplicate evidence id '{item.meta.id}' (also used by {seen[item.meta.id].meta_file})",
                field="id",
                hint="give each piece of evidence its own portfolio reference",
            )
        else:
            seen[item.meta.id] = item


def _check_profile(project: Project, profile: LearnerProfile, doc: YamlDocument, rel: str) -> None:
    problems = project.problems
    qualification = project.qualifications.get(profile.qualification)
    if qualification is None:
        suggestion = did_you_mean(profile.qualification, project.qualifications)
        problems.error(
            rel,
            f"unknown qualification '{profile.qualification}'" + (f"; {suggestion}" if suggestion else ""),
            line=doc.line_of(("qualification",)),
            field="qualification",
            hint="use the 'id' of a file in criteria/qualifications/",
        )
    seen: set[str] = set()
    for index, code in enumerate(profile.units):
        line = doc.line_of(("units", index))
        if code not in project.units:
            suggestion = did_you_mean(code, project.units)
            problems.error(
                rel,
                f"unknown unit '{code}'" + (f"; {suggestion}" if suggestion else ""),
                line=line,
                field=f"units[{index}]",
                hint="use the 'code' of a file in criteria/units/",
            )
        elif qualification is not None and code not in qualification.units_named():
            problems.warning(
                rel,
                f"unit '{code}' is not part of {qualification.id}'s rules of combination",
                line=line,
                field=f"units[{index}]",
                hint="check the learner's registration",
            )
        if code in seen:
            problems.error(rel, f"unit '{code}' is listed twice", line=line, field=f"units[{index}]", hint="remove the repeat")
        seen.add(code)
    if qualification is not None:
        for code in qualification.rules.mandatory:
            if code not in profile.units and code in project.units:
                problems.warning(
                    rel,
                    f"mandatory unit '{code}' of {qualification.id} is not among the learner's units",
                    line=doc.line_of(("units",)),
                    field="units",
                    hint=f"add '{code}' to units",
                )
    if profile.declaration is None or not profile.declaration.signed:
        problems.warning(
            rel,
            "the learner has not signed the declaration of authenticity",
            line=doc.line_of(("declaration",)),
            field="declaration",
            hint="once signed, record it as 'declaration: {signed: true, date: YYYY-MM-DD}'",
        )


def _check_decision(
    project: Project,
    learner: Learner,
    items: dict[str, EvidenceItem],
    decision: Decision,
    rel: str,
    doc: YamlDocument,
    index: int,
) -> bool:
    problems = project.problems
    where = f"decisions[{index}]"

    def line(field: str) -> int | None:
        return doc.line_of(("decisions", index, field))

    item = items.get(decision.evidence)
    if item is None:
        suggestion = did_you_mean(decision.evidence, items)
        problems.error(
            rel,
            f"decision names evidence '{decision.evidence}', which is not in {learner.folder}/"
            + (f"; {suggestion}" if suggestion else ""),
            line=line("evidence"),
            field=f"{where}.evidence",
            hint="name the evidence file by its path inside the learner's folder",
        )
        return False
    if decision.criterion not in project.criteria:
        problems.error(
            rel,
            f"unknown criterion '{decision.criterion}'" + _suggest_ref(project, decision.criterion),
            line=line("criterion"),
            field=f"{where}.criterion",
            hint="write references as UNIT/AC, e.g. 'INC2/1.2'",
        )
        return False
    if decision.criterion not in {claim.ref for claim in item.claims}:
        problems.warning(
            rel,
            f"decision on '{decision.criterion}' for {decision.evidence}, which does not claim that criterion",
            line=line("criterion"),
            field=f"{where}.criterion",
            hint="the decision is ignored until the evidence lists the criterion",
        )
    if decision.date < item.meta.date:
        problems.warning(
            rel,
            f"decision dated {decision.date} is earlier than the evidence it judges ({item.meta.date})",
            line=line("date"),
            field=f"{where}.date",
            hint="check both dates",
        )
    return True


def _load_learners(project: Project, only: set[str] | None) -> None:
    evidence_dir = project.root / "evidence"
    if not evidence_dir.is_dir():
        project.problems.warning("evidence", "no evidence/ folder", hint="create evidence/<learner-id>/learner.yml")
        return
    centre_path = evidence_dir / CENTRE_FILE
    if centre_path.is_file():
        project.centre, _ = _load_yaml_model(centre_path, project.root, Centre, project.problems)
    folders = sorted(p for p in evidence_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    project.learner_folders = [folder.name for folder in folders]
    registrations: dict[str, str] = {}
    for folder in folders:
        if only is not None and folder.name not in only:
            continue
        learner = _load_learner(project, folder)
        project.learners[learner.id] = learner
        number = learner.profile.registration_number if learner.profile else None
        if number:
            if number in registrations:
                project.problems.error(
                    f"{learner.folder}/{PROFILE_FILE}",
                    f"registration number '{number}' is also used by learner '{registrations[number]}'",
                    field="registration_number",
                    hint="each learner has their own registration number",
                )
            else:
                registrations[number] = learner.id
    for path in sorted(evidence_dir.iterdir()):
        if path.is_file() and path.name != CENTRE_FILE and not path.name.startswith("."):
            project.problems.warning(
                _rel(project.root, path),
                "file outside any learner's folder; ignored",
                hint="evidence belongs in evidence/<learner-id>/",
            )


def load_project(root: Path | str, learners: Collection[str] | None = None) -> Project:
    """Read criteria and evidence under ``root``. Problems are collected, never raised.

    ``learners`` limits which learners' folders are read (an empty collection: none, for
    commands that need only the criteria); by default all are.
    """
    root = Path(root).resolve()
    if not (root / "criteria").is_dir():
        raise NotAProject(f"'{root}' is not a portfolio project: it has no criteria/ folder")
    project = Project(root=root)
    # Loading allocates many small, acyclic objects; the cyclic collector would rescan the growing
    # heap again and again (about a third of the load time on a large centre) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _load_criteria(project)
        _load_learners(project, None if learners is None else set(learners))
    finally:
        if collecting:
            gc.enable()
    project.problems.sort(key=lambda p: p.sort_key())
    return project
