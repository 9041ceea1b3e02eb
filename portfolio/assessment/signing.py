"""Recording the statements people sign: a learner's acknowledgement of feedback, and unit sign-off."""

from __future__ import annotations

import datetime as dt

from ..appending import AppendRefused, OneLine, append_to_file
from ..load import Learner, Project
from ..load.project import RECORD_FILES
from .feedback import ACKNOWLEDGEMENTS_FILE, Acknowledgement, AcknowledgementsFile, acknowledgement_of
from .record import DecisionRefused
from .signoff import SIGN_OFFS_FILE, SignOff, SignOffRole, SignOffsFile, latest_sign_offs, unit_evidence
from .signoff_rules import signer_problem, timing_problem

ACKNOWLEDGEMENTS_HEADER = (
    "# The learner's acknowledgements of their assessor's feedback, with any reply.\n"
    "# Recorded with 'portfolio acknowledge'.\n"
    "acknowledgements:\n"
)
SIGN_OFFS_HEADER = (
    "# Unit sign-offs by the learner, the assessor and the internal quality assurer. Each holds the\n"
    "# fingerprints of the unit's evidence as signed: a later change to that evidence breaks it.\n"
    "# Recorded with 'portfolio sign-off'.\n"
    "sign_offs:\n"
)


class SigningRefused(DecisionRefused):
    """A statement cannot be recorded; nothing was written."""


def record_acknowledgement(
    project: Project, learner_id: str, evidence_path: str, criteria: list[str], date: dt.date, reply: str | None
) -> list[Acknowledgement]:
    """Acknowledge the latest decision on each criterion of ``criteria`` (all the item's, if empty)."""
    try:
        learner, item = project.learner_item(learner_id, evidence_path)
    except LookupError as exc:
        raise SigningRefused(str(exc)) from None
    latest = {d.criterion: d for d in learner.decisions if d.evidence == evidence_path}
    if not latest:
        raise SigningRefused(f"{evidence_path} has no assessor's decision yet: there is no feedback to acknowledge")
    refs = list(dict.fromkeys(criteria))
    if not refs:  # every decision not yet acknowledged
        refs = [ref for ref, d in latest.items() if acknowledgement_of(d, learner.acknowledgements) is None]
        if not refs:
            raise SigningRefused(f"every decision on {evidence_path} is already acknowledged ({', '.join(latest)}); "
                                 "nothing was recorded")
    entries = []
    for ref in refs:
        decision = latest.get(ref)
        if decision is None:
            decided = ", ".join(sorted(latest)) or "none"
            raise SigningRefused(f"{evidence_path} has no decision on {ref} to acknowledge (decided: {decided}); nothing was recorded")
        earlier = acknowledgement_of(decision, learner.acknowledgements)
        if earlier is not None:
            raise SigningRefused(
                f"the decision of {decision.date} on {ref} was already acknowledged on {earlier.date}; nothing was recorded"
            )
        if date < decision.date:
            raise SigningRefused(f"the acknowledgement ({date}) cannot be dated before the decision ({decision.date}); nothing was recorded")
        entries.append(Acknowledgement(
            evidence=evidence_path, criterion=ref, decision_date=decision.date, assessor=decision.assessor,
            decision=decision.digest, date=date, reply=reply,
        ))
    _append(project, learner, ACKNOWLEDGEMENTS_FILE, ACKNOWLEDGEMENTS_HEADER, "acknowledgements",
             [a.model_dump(exclude_none=True) for a in entries], AcknowledgementsFile)
    return entries


def record_sign_off(project: Project, learner_id: str, unit_code: str, role: SignOffRole, name: str, at: dt.datetime) -> SignOff:
    """Sign ``unit_code`` off for ``role``, bound to the fingerprints of the unit's evidence as it is now."""
    from ..coverage.compute import learner_coverage  # coverage builds on assessment, not the reverse

    learner = project.learners.get(learner_id)
    if learner is None or learner.profile is None:
        raise SigningRefused(f"learner '{learner_id}' has no valid profile: 'portfolio check' says why")
    profile = learner.profile
    if unit_code not in profile.units:
        raise SigningRefused(f"{unit_code} is not one of {learner_id}'s units ({', '.join(profile.units)})")
    coverage = learner_coverage(project, learner)
    unit = next((u for u in coverage.units if u.unit.code == unit_code), None)
    if unit is None:
        raise SigningRefused(f"{unit_code} cannot be loaded: 'portfolio check' says why")
    if not unit.complete:
        missing = len(unit.criteria) - unit.counts["met"]
        raise SigningRefused(f"{unit_code} is not complete ({missing} of {len(unit.criteria)} criteria not met): "
                             "a unit is signed off only when every criterion is met; nothing was recorded")
    why = signer_problem(project.centre, profile, learner.decisions, unit_code, role, name)
    if why:
        raise SigningRefused(f"{why}; nothing was recorded")
    waiting = [f"{use.item.reference} on {ref}" for use, ref in unit.awaiting_claims]
    if waiting:
        raise SigningRefused(f"{unit_code} has evidence awaiting assessment ({', '.join(waiting)}): assess it, or take "
                             "the claim off, before the unit is signed off; nothing was recorded")
    broken = [p for p in project.problems.errors
              if p.file.startswith(f"{learner.folder}/") and p.file.rsplit("/", 1)[-1] not in RECORD_FILES]
    if broken:
        raise SigningRefused(f"{learner_id}'s folder has {len(broken)} error(s) that 'portfolio check' reports (first: "
                             f"{broken[0].file}): a sign-off covers every item of the unit, so fix them first; "
                             "nothing was recorded")
    evidence = unit_evidence(learner.evidence, unit_code)
    held = {state.sign_off.role: state for state in latest_sign_offs(learner.sign_offs, unit_code, evidence)}
    if role in held and held[role].holds:
        earlier = held[role].sign_off
        raise SigningRefused(f"{unit_code} is already signed off by the {role.value} ({earlier.name}, "
                             f"{earlier.signed_at:%Y-%m-%d %H:%M}) and nothing has changed since; nothing was recorded")
    holding = {r: state.sign_off for r, state in held.items() if state.holds}
    why = timing_problem(unit_code, role, at, holding, learner.decisions, dt.datetime.now())
    if why:
        raise SigningRefused(f"{why}; nothing was recorded")
    member = project.centre.member(name) if project.centre else None
    signer = profile.name if role is SignOffRole.LEARNER else member.name if member else name
    sign_off = SignOff(unit=unit_code, role=role, name=signer, signed_at=at, evidence=evidence)
    entry = {**sign_off.model_dump(), "role": role.value, "evidence": OneLine(evidence) if len(evidence) <= 1 else evidence}
    _append(project, learner, SIGN_OFFS_FILE, SIGN_OFFS_HEADER, "sign_offs", [entry], SignOffsFile)
    return sign_off


def _append(project: Project, learner: Learner, name: str, header: str, key: str, entries: list[dict[str, object]], model: type) -> None:
    try:
        append_to_file(project.root, learner.folder, name, header, key, entries, model)
    except AppendRefused as exc:
        raise SigningRefused(str(exc)) from None
