"""What evidence a criterion needs, after inheriting from its learning outcome and unit."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment.methods import Method
from .models import AssessmentCriterion, LearningOutcome, Unit, UnitKind


@dataclass(frozen=True)
class Requirement:
    """The evidence a criterion needs, after inheriting from its learning outcome and unit."""

    minimum_items: int
    methods: frozenset[Method] | None
    simulation: bool
    performance: bool
    """Competence criteria need at least one item that shows the learner performing."""
    categories: frozenset[str] | None = None

    def accepts(self, method: Method) -> bool:
        if method is Method.SIMULATION and not self.simulation:
            return False
        return self.methods is None or method in self.methods

    def accepts_category(self, category: object) -> bool:
        """Evidence that records no category is not judged on it."""
        if self.categories is None or not isinstance(category, str):
            return True
        return category.strip().lower() in self.categories

    def method_note(self, method: Method) -> str:
        if method is Method.SIMULATION and not self.simulation:
            return "simulation is not accepted for this criterion"
        accepted = ", ".join(m.label for m in sorted(self.methods or (), key=lambda m: m.value))
        return f"method '{method.label}' is not accepted for this criterion (accepted: {accepted})"

    def category_note(self, category: str) -> str:
        needed = ", ".join(sorted(self.categories or ()))
        return f"logged as '{category}', but this criterion needs evidence of: {needed}"


def requirement_for(unit: Unit, outcome: LearningOutcome, criterion: AssessmentCriterion) -> Requirement:
    levels = [r for r in (criterion.evidence, outcome.evidence, unit.evidence) if r]
    minimum = next((r.minimum_items for r in levels if r.minimum_items is not None), 1)
    methods = next((r.methods for r in levels if r.methods is not None), None)
    competence = unit.kind is UnitKind.COMPETENCE
    # Simulation is accepted for knowledge by default; competence needs the data to allow it.
    simulation = next((r.simulation for r in levels if r.simulation is not None), not competence)
    categories = next((r.categories for r in levels if r.categories is not None), None)
    return Requirement(
        minimum_items=minimum,
        methods=frozenset(methods) if methods is not None else None,
        simulation=simulation,
        performance=competence,
        categories=frozenset(c.lower() for c in categories) if categories is not None else None,
    )
