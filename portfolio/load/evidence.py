"""Loading one evidence item: a Markdown file with front matter, or any file with a sidecar."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from ..assessment.fingerprint import fingerprint
from ..boundary import Folder, Refused
from ..criteria.references import CRITERION_REF_PATTERN, REF_EXAMPLES
from ..evidence.models import EvidenceMeta, EvidenceTypeSpec
from ..evidence.types import field_value_problem
from ..privacy.attachments import attachment_sections
from ..privacy.findings import PersonalData, scan_attachment_text, scan_described_file, scan_file_name
from ..privacy.redaction import REDACTION_START, redact_text, redact_values
from ..privacy.third_party import holds_third_party_details
from ..suggest import did_you_mean
from ..yamlsafe import YamlDocument
from .criteria import suggest_ref
from .project import MAX_TEXT_EVIDENCE_BYTES, MAX_YAML_BYTES, Claim, EvidenceItem, Learner, Project
from .reading import hash_file, parse, read_text, report_unreadable, scrub_body
from .validation import validate

# --- evidence -------------------------------------------------------------------------------

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


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
    learner_units: list[str] | None,
) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, claim in enumerate(meta.criteria):
        where = f"criteria[{index}]"
        ref = claim.ref.strip()
        entry = project.criteria.get(ref)
        if entry is not None and entry.assessed_by_parts and ref not in seen:
            seen.add(ref)
            line = doc.line_of(("criteria", index))
            parts = ", ".join(f"{entry.unit.code}/{part.ref}" for part in entry.criterion.parts)
            project.problems.warning(
                rel,
                f"{ref} is assessed through its parts, so this claim counts for nothing",
                line=line + line_offset if line else None,
                field=where,
                hint=f"claim the parts this evidence shows: {parts}",
            )
            continue
        if entry is not None and ref not in seen:
            seen.add(ref)
            claims.append(Claim(ref, claim.note))
            unit = ref[: ref.index("/")]
            if learner_units is not None and unit not in learner_units and unit not in seen:
                seen.add(unit)  # one warning per unit and file
                line = doc.line_of(("criteria", index))
                registered = ", ".join(learner_units) or "none"
                project.problems.warning(
                    rel,
                    f"{ref}: the learner is not registered on unit {unit} (their units: {registered}), "
                    "so this claim counts for nothing",
                    line=line + line_offset if line else None,
                    field=where,
                    hint=f"claim a criterion of the learner's own units, or add {unit} to 'units' in learner.yml",
                )
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
                f"'{ref}' is not a criterion reference" + suggest_ref(project, ref),
                line=line,
                field=where,
                hint=f"write references as UNIT/REF, e.g. 'INC2/1.2'; references look like {REF_EXAMPLES}",
            )
            continue
        if ref not in project.criteria:
            if project.left_out(ref):
                continue  # the unit file's own errors say why
            project.problems.error(
                rel,
                f"unknown criterion '{ref}'" + suggest_ref(project, ref),
                line=line,
                field=where,
                hint="use a criterion from criteria/units/ ('portfolio check --format json' lists them)",
            )
            continue
        project.problems.warning(
            rel, f"criterion '{ref}' is listed twice", line=line, field=where, hint="remove the repeat"
        )
    return claims


def load_evidence_item(
    project: Project,
    learner: Learner,
    item_path: str,
    sidecar_name: str | None,
    held: Folder,
) -> EvidenceItem | None:
    """Load one evidence item; ``item_path`` and ``sidecar_name`` are relative to the learner's folder,
    which ``held`` holds open."""
    root, problems = project.root, project.problems
    rel = f"{learner.folder}/{item_path}"
    path = root / rel
    sidecar = root / f"{learner.folder}/{sidecar_name}" if sidecar_name else None
    body: str | None = None
    body_line = 0
    if sidecar is None:
        read = read_text(path, rel, MAX_TEXT_EVIDENCE_BYTES, problems, held)
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
        body_start = len(text) - len(body)
        raw_body, attachment_digest = body, None
        body = redact_text(scrub_body(body, rel, body_line, problems))
        meta_text = text
        meta_rel, line_offset = rel, 1
        doc = parse(front, rel, problems, line_offset)
        if doc is None:
            return None
        if doc.value is None:
            problems.error(rel, "the front matter is empty", line=1, hint="add title, type, method, date and criteria")
            return None
        digest = hashlib.sha256(raw).hexdigest()
        meta_digest = digest
    else:
        meta_rel, line_offset = f"{learner.folder}/{sidecar_name}", 0
        read = read_text(sidecar, meta_rel, MAX_YAML_BYTES, problems, held)
        if read is None:
            return None
        meta_text, body_start, raw_body = read[0], 0, None
        meta_digest = hashlib.sha256(read[1]).hexdigest()
        doc = parse(meta_text, meta_rel, problems)
        if doc is None:
            return None
        try:
            size, digest, attachment_digest = hash_file(path, held)
        except (Refused, OSError) as exc:
            report_unreadable(problems, rel, exc)
            return None
        if size == 0:
            problems.error(rel, "file is empty", hint="replace it with the real evidence, or delete it and its sidecar")
            return None
    content = fingerprint(
        doc.value if isinstance(doc.value, dict) else None,
        raw_body if sidecar is None else None,
        attachment_digest if sidecar is not None else None,
    )
    if REDACTION_START in meta_text:
        doc.value = redact_values(doc.value)
    meta = validate(EvidenceMeta, doc.value, doc, meta_rel, problems, line_offset)
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
    units = learner.profile.units if learner.profile is not None else None
    claims = _check_claims(project, meta, doc, meta_rel, line_offset, units)
    if not meta.criteria:
        problems.warning(
            meta_rel,
            "evidence is not mapped to any criterion",
            line=(doc.line_of(("criteria",)) or 1) + line_offset,
            field="criteria",
            hint="list the criteria it shows, e.g. 'criteria: [INC2/1.1]'",
        )
    personal_data, text_checked = _personal_data(
        meta, spec, meta_text, meta_rel, doc, (line_offset, body_line, body_start), path, held
    )
    if not meta.confidential and not meta.staff_only:
        personal_data = scan_file_name(rel, item_path) + personal_data
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
        date_line=_offset(doc.line_of(("date",)), line_offset),
        personal_data=personal_data,
        text_checked=text_checked,
        meta_sha256=meta_digest,
        fingerprint=content,
    )


def _personal_data(
    meta: EvidenceMeta,
    spec: EvidenceTypeSpec,
    meta_text: str,
    meta_rel: str,
    doc: YamlDocument,
    where: tuple[int, int, int],
    path: Path,
    held: Folder,
) -> tuple[list[PersonalData], bool]:
    """What looks like personal data in what a site would publish of the item, and whether its
    attachment (if any) had text to check. ``where`` is (line offset of the metadata, line and offset
    where a Markdown body starts, or 0 and 0). Confidential items are never published and staff-only
    ones reach only the staff, who need what they hold: neither is scanned, nor a staff-only attachment."""
    if meta.confidential or meta.staff_only:
        return [], True
    unpublished = frozenset(name for name, definition in spec.fields.items() if not definition.publish)
    line_offset, body_line, body_start = where
    found = scan_described_file(meta_text, meta_rel, doc, line_offset, (body_line, body_start), unpublished)
    if body_line:  # a Markdown item: everything is text
        return found, True
    if holds_third_party_details(meta, spec):
        return found, True
    sections = attachment_sections(path, held)
    if sections is None:
        return found, False
    rel = meta_rel.rsplit(".", 1)[0]
    return found + scan_attachment_text(rel, sections), True


def _offset(line: int | None, offset: int) -> int | None:
    return line + offset if line else None


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


