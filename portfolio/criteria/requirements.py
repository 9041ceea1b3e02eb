"""What evidence a criterion (or part) needs, after inheriting from its learning outcome and unit."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment.methods import PERFORMANCE_METHODS, Method
from .models import AssessmentCriterion, Grade, LearningOutcome, Part, Unit, UnitKind


@dataclass(frozen=True)
class Requirement:
    """The evidence a criterion needs: the nearest setting wins (part, criterion, outcome, unit)."""

    minimum_items: int
    methods: frozenset[Method] | None
    simulation: bool
    performance: bool
    """Competence criteria need at least one item that shows the learner performing."""
    categories: frozenset[str] | None = None
    required_methods: frozenset[Method] | None = None
    """At least one met item must use one of these."""
    kind: UnitKind = UnitKind.KNOWLEDGE
    assessment_requirements: tuple[str, ...] = ()
    """The awarding body's requirements that apply, unit first."""
    currency_years: int | None = None
    """Set on the criterion, outcome or unit; the qualification's applies when this is None."""
    grade: Grade | None = None

    def accepts(self, method: Method) -> bool:
        if method is Method.SIMULATION and not self.simulation:
            return False
        return self.methods is None or method in self.methods

    def accepts_category(self, category: object) -> bool:
        """Evidence that records no category is not judged on it."""
        if self.categories is None or not isinstance(category, str):
            return True
        return category.strip().lower() in self.categories

    def shows_performance(self, method: Method) -> bool:
        return method in PERFORMANCE_METHODS and self.accepts(method)

    def method_note(self, method: Method) -> str:
        if method is Method.SIMULATION and not self.simulation:
            return "simulation is not accepted for this criterion: it must be assessed in real work"
        accepted = ", ".join(m.label for m in sorted(self.methods or (), key=lambda m: m.value))
        return f"method '{method.label}' is not accepted for this criterion (accepted: {accepted})"

    def category_note(self, category: str) -> str:
        needed = ", ".join(sorted(self.categories or ()))
        return f"logged as '{category}', but this criterion needs evidence of: {needed}"

    def required_note(self) -> str:
        names = " or ".join(m.label for m in sorted(self.required_methods or (), key=lambda m: m.value))
        return f"needs at least one item assessed by {names} judged met"

    def impossible(self) -> str | None:
        """Why no evidence could ever meet the criterion, or None."""
        accepted = [m for m in Method if self.accepts(m)]
        if not accepted:
            return "no assessment method is accepted for it"
        if self.performance and not any(m in PERFORMANCE_METHODS for m in accepted):
            return (
                "it is a competence criterion, but none of its accepted methods shows performance "
                "(observation, work product, witness testimony, a recording or an allowed simulation)"
            )
        if self.required_methods is not None and not any(self.accepts(m) for m in self.required_methods):
            return "its required methods are not among the methods it accepts"
        return None


def kind_of(unit: Unit, outcome: LearningOutcome, criterion: AssessmentCriterion, part: Part | None = None) -> UnitKind:
    """Knowledge or competence: the nearest setting wins."""
    for kind in (part.kind if part else None, criterion.kind, outcome.kind, unit.kind):
        if kind is not None:
            return kind
    return UnitKind.KNOWLEDGE  # unreachable: the unit model refuses a criterion with no kind


def requirement_for(
    unit: Unit, outcome: LearningOutcome, criterion: AssessmentCriterion, part: Part | None = None
) -> Requirement:
    levels = [r for r in (part.evidence if part else None, criterion.evidence, outcome.evidence, unit.evidence) if r]
    minimum = next((r.minimum_items for r in levels if r.minimum_items is not None), 1)
    methods = next((r.methods for r in levels if r.methods is not None), None)
    required = next((r.required_methods for r in levels if r.required_methods is not None), None)
    kind = kind_of(unit, outcome, criterion, part)
    competence = kind is UnitKind.COMPETENCE
    # Simulation is accepted for knowledge by default; competence needs the data to allow it.
    simulation = next((r.simulation for r in levels if r.simulation is not None), not competence)
    categories = next((r.categories for r in levels if r.categories is not None), None)
    texts = (unit.assessment_requirements, outcome.assessment_requirements, criterion.assessment_requirements,
             part.assessment_requirements if part else None)
    currency = next((y for y in (criterion.currency_years, outcome.currency_years, unit.currency_years) if y), None)
    return Requirement(
        minimum_items=minimum,
        methods=frozenset(methods) if methods is not None else None,
        simulation=simulation,
        performance=competence,
        categories=frozenset(c.lower() for c in categories) if categories is not None else None,
        required_methods=frozenset(required) if required else None,
        kind=kind,
        assessment_requirements=tuple(t for t in texts if t),
        currency_years=currency,
        grade=criterion.grade,
    )
