"""Coverage for each learner: their units, criteria and parts, and their qualification's rules."""

from __future__ import annotations

import datetime as dt

from ..assessment.models import Decision
from ..assessment.signoff import latest_sign_offs, unit_evidence
from ..load import EvidenceItem, Learner, Project
from .criteria import Currency, apply_builds_on, criterion_coverage, from_parts
from .model import CentreCoverage, CriterionCoverage, LearnerCoverage, OutcomeCoverage, UnitCoverage
from .qualification import AchievedUnit, check_rules


def _latest_decisions(learner: Learner) -> dict[tuple[str, str], Decision]:
    latest: dict[tuple[str, str], Decision] = {}
    # The history is append-only: the decision recorded last supersedes, whatever date it carries
    # (`check` warns about one dated before the decision it follows).
    for decision in learner.decisions:
        latest[(decision.evidence, decision.criterion)] = decision
    return latest


def learner_coverage(project: Project, learner: Learner, today: dt.date | None = None) -> LearnerCoverage:
    profile = learner.profile
    if profile is None:
        return LearnerCoverage(learner, [], None, ["the learner profile has errors"])
    claims: dict[str, list[tuple[EvidenceItem, str | None]]] = {}
    for item in learner.evidence:
        for claim in item.claims:
            claims.setdefault(claim.ref, []).append((item, claim.note))
    decisions = _latest_decisions(learner)
    qualification = project.qualifications.get(profile.qualification)
    currency = Currency(qualification.currency_years if qualification else None, profile.start_date,
                        today or dt.date.today())

    def cover(ref: str) -> CriterionCoverage:
        entry = project.criteria[ref]
        return criterion_coverage(entry, claims.get(ref, []), decisions, project.requirements[ref], currency)

    units: list[UnitCoverage] = []
    reasons: list[str] = []
    for code in dict.fromkeys(profile.units):
        unit = project.units.get(code)
        if unit is None:
            if code in project.broken:
                reasons.append(f"unit {code} cannot be shown: its unit file has errors that keep it from loading")
            continue
        outcomes = []
        for outcome in unit.learning_outcomes:
            criteria = []
            for criterion in outcome.criteria:
                ref = f"{unit.code}/{criterion.ref}"
                if criterion.parts:
                    parts = [cover(f"{unit.code}/{part.ref}") for part in criterion.parts]
                    criteria.append(from_parts(project.criteria[ref], parts, project.requirements[ref]))
                else:
                    criteria.append(cover(ref))
            outcomes.append(OutcomeCoverage(outcome, criteria))
        apply_builds_on([c for o in outcomes for c in o.criteria])
        covered = UnitCoverage(unit, outcomes)
        if learner.sign_offs:
            # Claims never assessed; an item changed since its decision is reported as changed.
            awaiting = [f"{use.item.reference} on {ref}" for use, ref in covered.awaiting_claims
                        if not use.changed_since_decision]
            covered.sign_offs = latest_sign_offs(learner.sign_offs, unit.code, unit_evidence(learner.evidence, unit.code),
                                                 covered.complete, awaiting)
        units.append(covered)

    if profile.declaration is None or not profile.declaration.signed:
        reasons.append("declaration of authenticity not signed")
    qualification_coverage = None
    if qualification is None:
        reasons.append(f"rules of combination cannot be checked: qualification '{profile.qualification}' is not known")
    else:
        achieved = _achieved_units(project, profile, units)
        qualification_coverage = check_rules(qualification, achieved)
    return LearnerCoverage(learner, units, qualification_coverage, reasons)


def _achieved_units(project: Project, profile: object, units: list[UnitCoverage]) -> dict[str, AchievedUnit]:
    achieved = {
        u.unit.code: AchievedUnit(u.unit.code, u.unit.title, u.unit.credit, u.unit.level, u.grade, "assessed")
        for u in units
        if u.complete
    }
    for record in getattr(profile, "achieved_elsewhere", []):
        unit = project.units.get(record.unit)
        entry = project.unit_entries.get(record.unit)
        known = unit or entry
        achieved.setdefault(record.unit, AchievedUnit(
            record.unit, known.title if known else record.unit, known.credit if known else None,
            known.level if known else 1, record.grade, record.route.value,
        ))
    return achieved


def compute_coverage(project: Project, learner_ids: list[str] | None = None, today: dt.date | None = None) -> CentreCoverage:
    """Coverage for every learner (or those named), in folder order."""
    chosen = learner_ids if learner_ids is not None else list(project.learners)
    return CentreCoverage([learner_coverage(project, project.learners[i], today) for i in chosen])
