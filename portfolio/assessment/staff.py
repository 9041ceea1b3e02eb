"""Who may assess whom: the centre's staff and their roles, as declared in evidence/centre.yml."""

from __future__ import annotations

from ..profiles import Centre, LearnerProfile, StaffMember
from ..suggest import did_you_mean


def same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def assessor_problem(centre: Centre | None, profile: LearnerProfile | None, unit: str, name: str) -> str | None:
    """Why ``name`` may not assess this learner's work on ``unit``, or None if they may.

    A learner never assesses their own work. Where the centre declares its staff, the assessor
    must be one of them, with an assessor's role, and (if their units are listed) for this unit.
    """
    if profile is not None and same_person(name, profile.name):
        return f"'{name}' is the learner: a learner cannot assess their own work"
    if centre is None or not centre.staff:
        return None
    member = centre.member(name)
    if member is None:
        suggestion = did_you_mean(name, [m.name for m in centre.staff])
        return f"'{name}' is not on the centre's staff (evidence/centre.yml)" + (f"; {suggestion}" if suggestion else "")
    if not member.assesses:
        roles = ", ".join(role.value for role in member.roles)
        return f"{member.name} is not an assessor (roles: {roles})"
    if member.units is not None and unit not in member.units:
        return f"{member.name} does not assess {unit} (assesses: {', '.join(member.units) or 'no unit'})"
    return None


def countersigner_needed(centre: Centre | None, name: str) -> StaffMember | None:
    """The trainee assessor ``name`` is, if they are one whose decisions need countersigning."""
    if centre is None:
        return None
    member = centre.member(name)
    if member is None or member.qualified_assessor or not member.assesses:
        return None
    return member


def countersigner_problem(centre: Centre | None, trainee: StaffMember, by: str) -> str | None:
    """Why ``by`` may not countersign the trainee's decisions, or None."""
    member = centre.member(by) if centre else None
    if member is None or not member.qualified_assessor:
        return f"'{by}' is not a qualified assessor on the centre's staff: only one can countersign"
    if same_person(member.name, trainee.name):
        return "a trainee cannot countersign their own decisions"
    if trainee.countersigned_by and not same_person(member.name, trainee.countersigned_by):
        return (f"{trainee.name}'s decisions are countersigned by {trainee.countersigned_by} (evidence/centre.yml), "
                f"not {member.name}")
    return None
