"""Loading evidence/: the centre file, and each learner's profile, evidence and decisions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..assessment.models import Decision, DecisionsFile
from ..boundary import Folder, Refused, walk
from ..criteria.references import REF_EXAMPLES
from ..privacy.reviews import REVIEWS_FILE, PrivacyReviewsFile
from ..profiles import LEARNER_ID_PATTERN, Centre, LearnerProfile, Role
from ..suggest import did_you_mean
from ..yamlsafe import YamlDocument
from .criteria import suggest_ref
from .decisions import check_assessor, check_order
from .evidence import load_evidence_item
from .privacy import check_reviews, feedback_checked
from .project import (
    CENTRE_FILE,
    DECISIONS_FILE,
    PROFILE_FILE,
    RECORD_FILES,
    YAML_SUFFIXES,
    EvidenceItem,
    Learner,
    Project,
)
from .reading import rel_path, report_unreadable, walk_folder
from .records import load_assessment_records
from .validation import load_yaml_model


def _strip_yaml_suffix(name: str) -> str | None:
    for suffix in YAML_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def _load_learner(project: Project, folder: Path) -> Learner:
    """Everything in one learner's folder, read through the folder held open (no link is ever followed)."""
    try:
        held = Folder(project.root / "evidence", (folder.name,))
    except (Refused, OSError) as exc:
        report_unreadable(project.problems, rel_path(project.root, folder), exc)
        return Learner(folder.name, rel_path(project.root, folder), None)
    try:
        return _load_learner_in(project, folder, held)
    finally:
        held.close()


def _load_learner_in(project: Project, folder: Path, held: Folder) -> Learner:
    root, problems = project.root, project.problems
    learner_id = folder.name
    rel_folder = rel_path(root, folder)
    valid_id = re.match(LEARNER_ID_PATTERN, learner_id) is not None
    if not valid_id:
        problems.error(
            rel_folder,
            f"learner folder name '{learner_id}' is not a valid learner id, so the learner is left out of the "
            "site and the records",
            hint="rename the folder with lower-case letters, digits, '-' or '_' (e.g. 'jordan-lee')",
        )
    files, refused = walk_folder(root, folder, problems)
    present = set(files)
    profile_path = folder / PROFILE_FILE
    profile: LearnerProfile | None = None
    if PROFILE_FILE in refused:
        pass  # reported by the walk
    elif PROFILE_FILE in present:
        profile, doc = load_yaml_model(profile_path, root, LearnerProfile, problems, base=held)
        if profile is not None and doc is not None:
            _check_profile(project, profile, doc, rel_path(root, profile_path))
    else:
        problems.error(
            rel_folder,
            f"learner folder has no {PROFILE_FILE}",
            hint=f"add {rel_folder}/{PROFILE_FILE} with name, qualification, units, assessor and iqa",
        )
    # A folder name that is not an id could share its pages and records with another learner's.
    learner = Learner(learner_id, rel_folder, profile if valid_id else None)

    sidecars: dict[str, str] = {}
    for name in files:
        target = _strip_yaml_suffix(name)
        if target is None:
            continue
        if target in sidecars:
            problems.error(
                f"{rel_folder}/{name}",
                f"a second sidecar for '{target.rsplit('/', 1)[-1]}': {sidecars[target].rsplit('/', 1)[-1]} is the one read",
                hint="keep one sidecar per file and delete the other",
            )
            continue
        sidecars[target] = name
    for name in files:
        if name in RECORD_FILES:
            continue
        file_rel = f"{rel_folder}/{name}"
        target = _strip_yaml_suffix(name)
        if target is not None:
            if target not in present and target not in refused:
                base = target.rsplit("/", 1)[-1]
                problems.error(
                    file_rel,
                    f"sidecar without its file: '{base}' is not in this folder",
                    hint=f"put '{base}' beside it, or delete the sidecar",
                )
            continue
        if name in sidecars:
            item = load_evidence_item(project, learner, name, sidecars[name], held)
        elif name.lower().endswith((".md", ".markdown")):
            item = load_evidence_item(project, learner, name, None, held)
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
    if DECISIONS_FILE in present:
        # Salvaged: one malformed entry is reported on its own, and every other decision still counts.
        decisions, doc = load_yaml_model(decisions_path, root, DecisionsFile, problems, salvage=True, base=held)
        if decisions is not None and doc is not None:
            rel = rel_path(root, decisions_path)
            items = learner.evidence_by_path()
            last: dict[tuple[str, str], Decision] = {}
            for index, decision in enumerate(decisions.decisions):
                if _check_decision(project, learner, items, decision, rel, doc, index) and check_assessor(
                    project, learner, decision, rel, doc, index, decisions.decisions[index + 1 :]
                ):
                    check_order(project, decision, last.get((decision.evidence, decision.criterion)), rel, doc, index)
                    last[(decision.evidence, decision.criterion)] = decision
                    learner.decisions.append(feedback_checked(project, decision, rel, doc, index))
    if REVIEWS_FILE in present:
        reviews, doc = load_yaml_model(folder / REVIEWS_FILE, root, PrivacyReviewsFile, problems, salvage=True, base=held)
        if reviews is not None and doc is not None:
            learner.privacy_reviews = check_reviews(project, learner, reviews.reviews, doc)
    load_assessment_records(project, learner, folder, present, held)
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
    if qualification is None and profile.qualification not in project.broken:
        suggestion = did_you_mean(profile.qualification, project.qualifications)
        problems.error(
            rel,
            f"unknown qualification '{profile.qualification}'" + (f"; {suggestion}" if suggestion else ""),
            line=doc.line_of(("qualification",)),
            field="qualification",
            hint="use the 'id' of a file in criteria/qualifications/",
        )
    elsewhere = {achieved.unit for achieved in profile.achieved_elsewhere}
    seen: set[str] = set()
    for index, code in enumerate(profile.units):
        line = doc.line_of(("units", index))
        if code in project.unit_entries:
            problems.error(
                rel,
                f"unit '{code}' is not assessed at this centre: it has only a short entry in the qualification",
                line=line,
                field=f"units[{index}]",
                hint="if the learner achieved it elsewhere, record it under 'achieved_elsewhere' "
                "(unit, route: credit-transfer or exemption, date); to assess it here, add its unit file",
            )
        elif code not in project.units and code not in project.broken:
            suggestion = did_you_mean(code, project.units)
            problems.error(
                rel,
                f"unknown unit '{code}'" + (f"; {suggestion}" if suggestion else ""),
                line=line,
                field=f"units[{index}]",
                hint="use the 'code' of a file in criteria/units/",
            )
        elif qualification is not None and code not in qualification.units_named() and code in project.units:
            problems.warning(
                rel,
                f"unit '{code}' is not part of {qualification.id}'s rules of combination",
                line=line,
                field=f"units[{index}]",
                hint="check the learner's registration",
            )
        if code in seen:
            problems.error(rel, f"unit '{code}' is listed twice", line=line, field=f"units[{index}]", hint="remove the repeat")
        if code in elsewhere:
            problems.warning(
                rel,
                f"unit '{code}' is both registered here and recorded as achieved elsewhere",
                line=line,
                field=f"units[{index}]",
                hint="keep one: remove it from 'units' if it was achieved elsewhere",
            )
        seen.add(code)
    for index, achieved in enumerate(profile.achieved_elsewhere):
        if achieved.date > dt.date.today():
            problems.warning(
                rel,
                f"unit '{achieved.unit}' is recorded as achieved on {achieved.date}, which is in the future",
                line=doc.line_of(("achieved_elsewhere", index, "date")),
                field=f"achieved_elsewhere[{index}].date",
                hint="give the date it was achieved",
            )
        named = qualification.units_named() if qualification is not None else []
        if qualification is not None and achieved.unit not in named:
            suggestion = did_you_mean(achieved.unit, named)
            problems.warning(
                rel,
                f"unit '{achieved.unit}' achieved elsewhere is not in {qualification.id}'s rules of combination, "
                "so it counts for nothing" + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(("achieved_elsewhere", index, "unit")),
                field=f"achieved_elsewhere[{index}].unit",
                hint="name the unit by the code the rules use",
            )
    if qualification is not None:
        for code in qualification.rules.mandatory:
            if code not in profile.units and code in project.units and code not in elsewhere:
                problems.warning(
                    rel,
                    f"mandatory unit '{code}' of {qualification.id} is not among the learner's units",
                    line=doc.line_of(("units",)),
                    field="units",
                    hint=f"add '{code}' to units, or record it under 'achieved_elsewhere'",
                )
    if project.centre is not None and project.centre.staff:
        for role in ("assessor", "iqa"):
            problem = _staff_problem(project.centre, role, getattr(profile, role))
            if problem is not None:
                problems.warning(
                    rel,
                    problem,
                    line=doc.line_of((role,)),
                    field=role,
                    hint=f"name one of the staff in {CENTRE_FILE_PATH} with the role, or add them there",
                )
    if profile.declaration is None or not profile.declaration.signed:
        problems.warning(
            rel,
            "the learner has not signed the declaration of authenticity",
            line=doc.line_of(("declaration",)),
            field="declaration",
            hint="once signed, record it as 'declaration: {signed: true, date: YYYY-MM-DD}'",
        )
    elif profile.declaration.date is not None and profile.declaration.date > dt.date.today():
        problems.error(
            rel,
            f"the declaration of authenticity is dated {profile.declaration.date}, which is in the future",
            line=doc.line_of(("declaration", "date")),
            field="declaration.date",
            hint="give the date the learner signed it",
        )


CENTRE_FILE_PATH = f"evidence/{CENTRE_FILE}"
_ROLES = {"assessor": ({Role.ASSESSOR, Role.TRAINEE_ASSESSOR}, "assessor", "an assessor"),
          "iqa": ({Role.IQA, Role.LEAD_IQA}, "IQA", "an internal quality assurer")}


def _staff_problem(centre: Centre, role: str, name: str) -> str | None:
    """Why the profile's assessor or IQA does not match the centre's staff list, or None."""
    roles, label, described = _ROLES[role]
    member = centre.member(name)
    if member is None:
        suggestion = did_you_mean(name, [m.name for m in centre.staff if roles & set(m.roles)])
        return f"{label} '{name}' is not on the centre's staff ({CENTRE_FILE_PATH})" + (f"; {suggestion}" if suggestion else "")
    if not roles & set(member.roles):
        return f"{label} {member.name} is not {described} (roles: {', '.join(r.value for r in member.roles)})"
    return None


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
        if project.left_out(decision.criterion):
            return False  # the unit file's own errors say why
        problems.error(
            rel,
            f"unknown criterion '{decision.criterion}'" + suggest_ref(project, decision.criterion),
            line=line("criterion"),
            field=f"{where}.criterion",
            hint=f"write references as UNIT/REF; references look like {REF_EXAMPLES}",
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
    if decision.date > dt.date.today():
        problems.error(
            rel,
            f"decision dated {decision.date}, which is in the future: it is not counted",
            line=line("date"),
            field=f"{where}.date",
            hint="give the date the decision was made",
        )
        return False
    if decision.date < item.meta.date:
        problems.warning(
            rel,
            f"decision dated {decision.date} is earlier than the evidence it judges ({item.meta.date})",
            line=line("date"),
            field=f"{where}.date",
            hint="check both dates",
        )
    return True


def load_learners(project: Project, only: set[str] | None) -> None:
    evidence_dir = project.root / "evidence"
    if not evidence_dir.is_dir():
        project.problems.warning("evidence", "no evidence/ folder", hint="create evidence/<learner-id>/learner.yml")
        return
    folders, loose_files = _top_level(project, evidence_dir)
    if CENTRE_FILE in loose_files:
        project.centre, _ = load_yaml_model(evidence_dir / CENTRE_FILE, project.root, Centre, project.problems, base=evidence_dir)
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
    for name in loose_files:
        if name != CENTRE_FILE:
            project.problems.warning(
                f"evidence/{name}",
                "file outside any learner's folder; ignored",
                hint="evidence belongs in evidence/<learner-id>/",
            )


def _top_level(project: Project, evidence_dir: Path) -> tuple[list[Path], list[str]]:
    """Learner folders and loose files directly in evidence/; links and oddities reported, not followed."""
    walked = walk(evidence_dir, recurse=False)
    for refusal in walked.refused:
        project.problems.error(f"evidence/{refusal.path}", refusal.message, hint=refusal.hint)
    return [evidence_dir / name for name in walked.folders], walked.files


