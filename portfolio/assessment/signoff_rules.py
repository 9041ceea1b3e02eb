"""Who may sign a unit off, and when: one set of rules for `portfolio sign-off` and for `check`,
which reads sign-offs written by hand."""

from __future__ import annotations

import datetime as dt

from ..profiles import Centre, LearnerProfile, Role
from .models import Decision
from .signoff import SignOff, SignOffRole
from .staff import assessor_problem, countersigner_needed, same_person

ORDER = (SignOffRole.LEARNER, SignOffRole.ASSESSOR, SignOffRole.IQA)


def signer_problem(
    centre: Centre | None, profile: LearnerProfile, decisions: list[Decision], unit: str, role: SignOffRole, name: str
) -> str | None:
    """Why ``name`` may not sign ``unit`` off as ``role``, or None."""
    if role is SignOffRole.LEARNER:
        if not same_person(name, profile.name):
            return f"'{name}' is not the learner ({profile.name}): only the learner signs as learner"
        return None
    if role is SignOffRole.ASSESSOR:
        why = assessor_problem(centre, profile, unit, name)
        if why:
            return why
        trainee = countersigner_needed(centre, name)
        if trainee is not None:
            return f"{trainee.name} is a trainee assessor: {trainee.countersigned_by} signs the unit off"
        return None
    member = centre.member(name) if centre else None
    if member is None or not ({Role.IQA, Role.LEAD_IQA} & set(member.roles)):
        return f"'{name}' is not an internal quality assurer on the centre's staff (evidence/centre.yml)"
    own = [d for d in decisions if d.criterion.split("/", 1)[0] == unit and any(
        same_person(name, who) for who in (d.assessor, d.countersigned_by or ""))]
    if own:
        return (f"{member.name} made or countersigned decisions on {unit} for this learner: an IQA never samples "
                "their own decisions; another IQA signs")
    return None


def timing_problem(
    unit: str, role: SignOffRole, at: dt.datetime, earlier: dict[SignOffRole, SignOff], decisions: list[Decision],
    now: dt.datetime,
) -> str | None:
    """Why a sign-off at ``at`` cannot stand after the sign-offs ``earlier`` (the latest of each role
    that holds), or None. The learner signs first, then the assessor, then the IQA."""
    if at > now:
        return f"the sign-off ({at:%Y-%m-%d %H:%M}) is in the future"
    decided = [d.date for d in decisions if d.criterion.split("/", 1)[0] == unit]
    if decided and at.date() < max(decided):
        return f"the sign-off ({at:%Y-%m-%d %H:%M}) is dated before the unit's last decision ({max(decided)})"
    if role is SignOffRole.IQA and SignOffRole.ASSESSOR not in earlier:
        return f"{unit} has no assessor's sign-off that holds: the IQA signs after the assessor"
    for before in ORDER[: ORDER.index(role)]:
        signed = earlier.get(before)
        if signed is not None and at < signed.signed_at:
            return (f"the {role.value}'s sign-off ({at:%Y-%m-%d %H:%M}) is dated before the {before.value}'s "
                    f"({signed.signed_at:%Y-%m-%d %H:%M}), who signs first")
    return None
