"""Coverage: which criteria each learner has met, and the reason behind every gap.

Pure functions over a loaded :class:`Project`; the terminal report, JSON, site and Word records
all read this one computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .assessment.methods import PERFORMANCE_METHODS
from .assessment.models import Decision, Outcome
from .criteria.models import LearningOutcome, Unit
from .criteria.qualification import Qualification
from .criteria.requirements import Requirement
from .load import CriterionEntry, EvidenceItem, Learner, Project

Status = Literal["met", "claimed", "not-yet-met", "unmapped"]
STATUSES: tuple[Status, ...] = ("met", "claimed", "not-yet-met", "unmapped")
STATUS_LABELS: dict[Status, str] = {
    "met": "met",
    "claimed": "awaiting assessment",
    "not-yet-met": "not yet met",
    "unmapped": "no evidence",
}


@dataclass
class EvidenceUse:
    """One evidence item claimed against one criterion, and how it stands."""

    item: EvidenceItem
    note: str | None
    decision: Decision | None
    """The latest decision on this item for this criterion, even if the file changed since."""
    changed_since_decision: bool
    method_accepted: bool
    category_accepted: bool = True

    @property
    def current_decision(self) -> Decision | None:
        return None if self.changed_since_decision else self.decision

    @property
    def counts_as_met(self) -> bool:
        decision = self.current_decision
        return self.valid and decision is not None and decision.outcome is Outcome.MET

    @property
    def valid(self) -> bool:
        """Of a method and category the criterion accepts."""
        return self.method_accepted and self.category_accepted

    @property
    def awaiting_assessment(self) -> bool:
        return self.valid and self.current_decision is None


@dataclass
class CriterionCoverage:
    entry: CriterionEntry
    status: Status
    evidence: list[EvidenceUse]
    item_reasons: list[tuple[EvidenceItem, str]] = field(default_factory=list)
    """Why each evidence item does not (yet) count, in plain words."""
    general_reasons: list[str] = field(default_factory=list)
    """Reasons that belong to the criterion as a whole."""

    @property
    def ref(self) -> str:
        return self.entry.ref

    @property
    def reasons(self) -> list[str]:
        """Every reason the criterion is not met, each naming the item it is about."""
        return [f"{item.reference}: {reason}" for item, reason in self.item_reasons] + self.general_reasons

    @property
    def met_date(self) -> object:
        """Date the criterion was met: the latest of the decisions that made it so."""
        dates = [use.decision.date for use in self.evidence if use.counts_as_met and use.decision]
        return max(dates) if dates and self.status == "met" else None


def _counts(criteria: list[CriterionCoverage]) -> dict[Status, int]:
    counts: dict[Status, int] = {status: 0 for status in STATUSES}
    for criterion in criteria:
        counts[criterion.status] += 1
    return counts


def _percent(counts: dict[Status, int]) -> int:
    total = sum(counts.values())
    # Rounded down so that 100% means every criterion is met.
    return (counts["met"] * 100) // total if total else 0


class _Rollup:
    """Counts and share met over the criteria of a learning outcome, unit or portfolio."""

    criteria: list[CriterionCoverage]

    @property
    def counts(self) -> dict[Status, int]:
        return _counts(self.criteria)

    @property
    def percent_met(self) -> int:
        return _percent(self.counts)


@dataclass
class OutcomeCoverage(_Rollup):
    outcome: LearningOutcome
    criteria: list[CriterionCoverage]


@dataclass
class UnitCoverage(_Rollup):
    unit: Unit
    outcomes: list[OutcomeCoverage]

    @property  # type: ignore[override]
    def criteria(self) -> list[CriterionCoverage]:
        return [c for outcome in self.outcomes for c in outcome.criteria]

    @property
    def complete(self) -> bool:
        return all(c.status == "met" for c in self.criteria)

    @property
    def awaiting_assessment(self) -> list[EvidenceItem]:
        """Evidence items claimed in this unit that still wait for a (fresh) decision."""
        seen: dict[str, EvidenceItem] = {}
        for criterion in self.criteria:
            for use in criterion.evidence:
                if use.awaiting_assessment:
                    seen.setdefault(use.item.path, use.item)
        return list(seen.values())

    @property
    def completed_on(self) -> object:
        dates = [c.met_date for c in self.criteria]
        return max(dates) if self.complete and dates else None  # type: ignore[type-var]


@dataclass
class RuleCheck:
    """One rule of combination and whether the learner meets it (None: cannot tell)."""

    description: str
    met: bool | None
    detail: str


@dataclass
class QualificationCoverage:
    qualification: Qualification
    rules: list[RuleCheck]
    credit_achieved: int
    credit_required: int | None
    units_counting: list[str]
    credit_unknown: list[str]
    """Achieved units whose credit value is not recorded."""

    @property
    def rules_met(self) -> bool | None:
        if any(rule.met is False for rule in self.rules):
            return False
        if any(rule.met is None for rule in self.rules):
            return None
        return True


@dataclass
class LearnerCoverage(_Rollup):
    learner: Learner
    units: list[UnitCoverage]
    qualification: QualificationCoverage | None
    reasons: list[str] = field(default_factory=list)
    """Why the portfolio as a whole cannot be complete yet, beyond the criteria."""

    @property  # type: ignore[override]
    def criteria(self) -> list[CriterionCoverage]:
        return [c for unit in self.units for c in unit.criteria]

    @property
    def complete(self) -> bool:
        return bool(self.units) and all(unit.complete for unit in self.units) and not self.reasons


@dataclass
class CentreCoverage:
    learners: list[LearnerCoverage]

    def learner(self, learner_id: str) -> LearnerCoverage | None:
        return next((lc for lc in self.learners if lc.learner.id == learner_id), None)


# --- computation ----------------------------------------------------------------------------


def _latest_decisions(learner: Learner) -> dict[tuple[str, str], Decision]:
    latest: dict[tuple[str, str], Decision] = {}
    # Stable sort: of two decisions on the same day, the one written later in the file wins.
    for decision in sorted(learner.decisions, key=lambda d: d.date):
        latest[(decision.evidence, decision.criterion)] = decision
    return latest


def criterion_coverage(
    entry: CriterionEntry,
    claims: list[tuple[EvidenceItem, str | None]],
    decisions: dict[tuple[str, str], Decision],
    requirement: Requirement,
) -> CriterionCoverage:
    uses: list[EvidenceUse] = []
    for item, note in claims:
        decision = decisions.get((item.path, entry.ref))
        uses.append(
            EvidenceUse(
                item=item,
                note=note,
                decision=decision,
                changed_since_decision=decision is not None and decision.sha256 != item.sha256,
                method_accepted=requirement.accepts(item.meta.method),
                category_accepted=requirement.accepts_category(item.fields.get("category")),
            )
        )
    if not uses:
        return CriterionCoverage(entry, "unmapped", uses, [], ["no evidence mapped"])

    met = [use for use in uses if use.counts_as_met]
    performance_met = any(use.item.meta.method in PERFORMANCE_METHODS for use in met)
    enough = len(met) >= requirement.minimum_items
    if enough and (performance_met or not requirement.performance):
        return CriterionCoverage(entry, "met", uses)

    item_reasons = [(use.item, reason) for use in uses if (reason := use_reason(use, requirement))]
    general: list[str] = []
    if not enough and requirement.minimum_items > 1:
        general.append(f"{len(met)} of {requirement.minimum_items} required items met")
    if enough and requirement.performance and not performance_met:
        general.append(
            "needs performance evidence (observation, work product, witness testimony or "
            "a recording) for this competence criterion"
        )

    if any(use.awaiting_assessment for use in uses):
        status: Status = "claimed"
    elif any(use.current_decision is not None for use in uses):
        status = "not-yet-met"
    else:
        # Mapped, but nothing that could be assessed as met: the learner has more to do.
        status = "claimed"
    return CriterionCoverage(entry, status, uses, item_reasons, general)


def use_reason(use: EvidenceUse, requirement: Requirement) -> str | None:
    """Why this item does not count towards the criterion, or None if it does."""
    if not use.method_accepted:
        return requirement.method_note(use.item.meta.method)
    if not use.category_accepted:
        return requirement.category_note(str(use.item.fields.get("category")))
    if use.changed_since_decision and use.decision is not None:
        return (
            f"changed since it was assessed on {use.decision.date}; "
            "the decision no longer counts and it needs assessing again"
        )
    decision = use.current_decision
    if decision is None:
        return "awaiting assessment"
    if decision.outcome is Outcome.NOT_YET_MET:
        feedback = f": {decision.feedback}" if decision.feedback else ""
        return f"not yet met ({decision.assessor}, {decision.date}){feedback}"
    return None


def learner_coverage(project: Project, learner: Learner) -> LearnerCoverage:
    profile = learner.profile
    if profile is None:
        return LearnerCoverage(learner, [], None, ["the learner profile has errors"])
    claims: dict[str, list[tuple[EvidenceItem, str | None]]] = {}
    for item in learner.evidence:
        for claim in item.claims:
            claims.setdefault(claim.ref, []).append((item, claim.note))
    decisions = _latest_decisions(learner)
    units: list[UnitCoverage] = []
    for code in profile.units:
        unit = project.units.get(code)
        if unit is None:
            continue
        outcomes = []
        for outcome in unit.learning_outcomes:
            criteria = []
            for criterion in outcome.criteria:
                entry = project.criteria[f"{unit.code}/{criterion.ref}"]
                requirement = project.requirements[entry.ref]
                criteria.append(criterion_coverage(entry, claims.get(entry.ref, []), decisions, requirement))
            outcomes.append(OutcomeCoverage(outcome, criteria))
        units.append(UnitCoverage(unit, outcomes))

    reasons: list[str] = []
    if profile.declaration is None or not profile.declaration.signed:
        reasons.append("declaration of authenticity not signed")
    qualification = project.qualifications.get(profile.qualification)
    qualification_coverage = (
        qualification_coverage_for(qualification, units, project) if qualification else None
    )
    return LearnerCoverage(learner, units, qualification_coverage, reasons)


def qualification_coverage_for(
    qualification: Qualification, units: list[UnitCoverage], project: Project
) -> QualificationCoverage:
    achieved = {u.unit.code for u in units if u.complete}
    rules = qualification.rules
    named = set(qualification.units_named())
    counting = [code for code in qualification.units_named() if code in achieved]
    credits = {code: project.units[code].credit for code in named if code in project.units}
    unknown = [code for code in counting if credits.get(code) is None]
    credit = sum(credits[code] or 0 for code in counting)

    checks: list[RuleCheck] = []
    for code in rules.mandatory:
        checks.append(
            RuleCheck(
                f"mandatory unit {code}",
                code in achieved,
                "achieved" if code in achieved else "not yet achieved",
            )
        )
    for group in rules.optional_groups:
        done = [code for code in group.units if code in achieved]
        parts: list[str] = []
        met: bool | None = True
        if group.minimum_units is not None:
            parts.append(f"{len(done)} of {group.minimum_units} units")
            met = met and len(done) >= group.minimum_units
        if group.minimum_credit is not None:
            group_credit = sum(credits.get(code) or 0 for code in done)
            parts.append(f"{group_credit} of {group.minimum_credit} credits")
            if group_credit < group.minimum_credit:
                met = None if any(credits.get(code) is None for code in done) else False
        checks.append(RuleCheck(f"optional group '{group.name}'", met, ", ".join(parts) or "no minimum"))
    if rules.minimum_credit is not None:
        if credit >= rules.minimum_credit:
            total_met: bool | None = True
        else:
            total_met = None if unknown else False
        detail = f"{credit} of {rules.minimum_credit} credits"
        if unknown:
            detail += f" (credit not recorded for {', '.join(unknown)})"
        checks.append(RuleCheck("minimum credit", total_met, detail))
    return QualificationCoverage(
        qualification=qualification,
        rules=checks,
        credit_achieved=credit,
        credit_required=rules.minimum_credit,
        units_counting=counting,
        credit_unknown=unknown,
    )


def compute_coverage(project: Project, learner_ids: list[str] | None = None) -> CentreCoverage:
    """Coverage for every learner (or those named), in folder order."""
    chosen = learner_ids if learner_ids is not None else list(project.learners)
    return CentreCoverage([learner_coverage(project, project.learners[i]) for i in chosen])
