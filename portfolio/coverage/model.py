"""What coverage says: per evidence use, criterion, learning outcome, unit, qualification and learner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ..assessment.models import Decision, Outcome
from ..assessment.signoff import SignOffState
from ..criteria.models import Grade, LearningOutcome, Unit
from ..criteria.qualification import Qualification
from ..criteria.requirements import Requirement
from ..load import CriterionEntry, EvidenceItem, Learner

Status = Literal["met", "in-progress", "claimed", "not-yet-met", "unmapped"]
STATUSES: tuple[Status, ...] = ("met", "in-progress", "claimed", "not-yet-met", "unmapped")
STATUS_LABELS: dict[Status, str] = {
    "met": "met",
    "in-progress": "in progress",
    "claimed": "awaiting assessment",
    "not-yet-met": "not yet met",
    "unmapped": "no evidence",
}
PROGRESS: dict[Status, int] = {"unmapped": 0, "claimed": 1, "not-yet-met": 2, "in-progress": 3, "met": 4}
"""How far a criterion has come; a met decision never moves one back (a property the tests check).
'not-yet-met' is only ever an assessor's verdict; 'in-progress' is where the criterion's own rules
are not yet satisfied (fewer items met than it needs, a method it does not accept, …)."""

RulesStatus = Literal["met", "not-met", "cannot-check"]


@dataclass
class EvidenceUse:
    """One evidence item claimed against one criterion, and how it stands."""

    item: EvidenceItem
    note: str | None
    decision: Decision | None
    """The latest decision on this item for this criterion, even if the file changed since."""
    changed_since_decision: bool
    method_accepted: bool
    changed_parts: list[str] = field(default_factory=list)
    """What changed since the decision (fields, 'body', 'attachment'), where the decision recorded it."""
    category_accepted: bool = True
    currency_note: str | None = None
    """Why the item is not current (too old, or from before the learner started), or None."""

    @property
    def current_decision(self) -> Decision | None:
        return None if self.changed_since_decision else self.decision

    @property
    def counts_as_met(self) -> bool:
        decision = self.current_decision
        return self.valid and decision is not None and decision.outcome is Outcome.MET

    @property
    def valid(self) -> bool:
        """Of a method and category the criterion accepts, and current."""
        return self.method_accepted and self.category_accepted and self.currency_note is None

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
    requirement: Requirement | None = None
    parts: list[CriterionCoverage] = field(default_factory=list)
    """For a criterion assessed through its parts: each part's coverage."""

    @property
    def ref(self) -> str:
        return self.entry.ref

    @property
    def grade(self) -> Grade:
        """The grading band it counts for: pass unless the criterion says otherwise."""
        return self.entry.criterion.grade or Grade.PASS

    @property
    def reasons(self) -> list[str]:
        """Every reason the criterion is not met, each naming the item it is about."""
        own = [f"{item.reference}: {reason}" for item, reason in self.item_reasons] + self.general_reasons
        return own + [f"{part.entry.part.ref}: {reason}" for part in self.parts for reason in part.reasons
                      if part.entry.part is not None]

    @property
    def met_date(self) -> dt.date | None:
        """Date the criterion was met: the latest of the decisions that made it so."""
        if self.status != "met":
            return None
        dates = [use.decision.date for use in self.all_evidence if use.counts_as_met and use.decision]
        return max(dates) if dates else None

    @property
    def all_evidence(self) -> list[EvidenceUse]:
        """The uses of the criterion and of all its parts."""
        return self.evidence + [use for part in self.parts for use in part.evidence]


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
    sign_offs: list[SignOffState] = field(default_factory=list)
    """The latest sign-off of each role, each with what changed since it was signed."""

    @property  # type: ignore[override]
    def criteria(self) -> list[CriterionCoverage]:
        return [c for outcome in self.outcomes for c in outcome.criteria]

    @property
    def grade(self) -> Grade | None:
        """For a graded unit, the highest band whose criteria, and every lower band's, are all met."""
        if not self.unit.graded:
            return None
        achieved: Grade | None = None
        for band in Grade:
            if all(c.status == "met" for c in self.criteria if c.grade.rank <= band.rank):
                achieved = band
            else:
                break
        return achieved

    @property
    def complete(self) -> bool:
        """Achieved: every criterion met, or for a graded unit every pass criterion."""
        if self.unit.graded:
            return self.grade is not None
        return all(c.status == "met" for c in self.criteria)

    @property
    def awaiting_assessment(self) -> list[EvidenceItem]:
        """Evidence items claimed in this unit that still wait for a (fresh) decision."""
        seen: dict[str, EvidenceItem] = {}
        for criterion in self.criteria:
            for use in criterion.all_evidence:
                if use.awaiting_assessment:
                    seen.setdefault(use.item.path, use.item)
        return list(seen.values())

    @property
    def awaiting_claims(self) -> list[tuple[EvidenceUse, str]]:
        """Each claim in this unit (a use of an item, and the criterion or part it claims) that waits
        for a decision, in criterion order."""
        return [(use, row.ref) for top in self.criteria for row in (top, *top.parts)
                for use in row.evidence if use.awaiting_assessment]

    @property
    def completed_on(self) -> dt.date | None:
        if not self.complete:
            return None
        dates = [c.met_date for c in self.criteria if c.met_date is not None]
        return max(dates) if dates else None


@dataclass
class RuleCheck:
    """One rule of combination and whether the learner meets it (None: cannot tell)."""

    description: str
    met: bool | None
    detail: str

    @property
    def status(self) -> RulesStatus:
        return "met" if self.met else "not-met" if self.met is False else "cannot-check"


@dataclass
class QualificationCoverage:
    qualification: Qualification
    rules: list[RuleCheck]
    credit_achieved: int
    credit_required: int | None
    units_counting: list[str]
    credit_unknown: list[str]
    """Achieved units whose credit value is not recorded."""
    grade: str | None = None
    """The qualification grade, where it is graded and achieved."""
    points: int | None = None
    grade_note: str | None = None
    """Why a graded qualification has no grade (yet)."""
    achieved_units: dict[str, Any] = field(default_factory=dict)
    """Every unit that counts as achieved (assessed here or elsewhere), by code."""

    @property
    def rules_status(self) -> RulesStatus:
        if any(rule.met is False for rule in self.rules):
            return "not-met"
        if any(rule.met is None for rule in self.rules):
            return "cannot-check"
        return "met"

    @property
    def rules_met(self) -> bool | None:
        return {"met": True, "not-met": False, "cannot-check": None}[self.rules_status]

    @property
    def achieved(self) -> bool:
        return self.rules_status == "met"


@dataclass
class LearnerCoverage(_Rollup):
    learner: Learner
    units: list[UnitCoverage]
    qualification: QualificationCoverage | None
    reasons: list[str] = field(default_factory=list)
    """Why the portfolio as a whole cannot be complete yet, beyond its criteria and rules."""

    @property  # type: ignore[override]
    def criteria(self) -> list[CriterionCoverage]:
        return [c for unit in self.units for c in unit.criteria]

    @property
    def units_complete(self) -> bool:
        return bool(self.units) and all(unit.complete for unit in self.units)

    @property
    def rules_status(self) -> RulesStatus:
        return self.qualification.rules_status if self.qualification else "cannot-check"

    @property
    def unit_reasons(self) -> list[str]:
        """Each registered unit that is not complete."""
        return [
            f"unit {unit.unit.code} is not complete ({unit.percent_met}% of its criteria met)"
            for unit in self.units
            if not unit.complete
        ]

    @property
    def rule_reasons(self) -> list[str]:
        """Each rule of combination that is not met, or cannot be checked, and why."""
        if self.qualification is None:
            return ["the rules of combination cannot be checked: the learner's qualification is not known"]
        return [
            f"rules of combination: {rule.description} "
            f"{'not met' if rule.met is False else 'cannot be checked'} ({rule.detail})"
            for rule in self.qualification.rules
            if rule.met is not True
        ]

    @property
    def complete(self) -> bool:
        """Every registered unit complete, the declaration signed, and the rules of combination met."""
        return self.units_complete and not self.reasons and self.rules_status == "met"


@dataclass
class CentreCoverage:
    learners: list[LearnerCoverage]

    def learner(self, learner_id: str) -> LearnerCoverage | None:
        return next((lc for lc in self.learners if lc.learner.id == learner_id), None)
