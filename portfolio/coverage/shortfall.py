"""Why a criterion an assessor has just judged met is still not met: said at once by `assess`."""

from __future__ import annotations

from ..load import Project
from .compute import learner_coverage
from .criteria import use_reason
from .model import STATUS_LABELS


def shortfalls(project: Project, learner_id: str, refs: list[str]) -> list[str]:
    """One line per criterion of ``refs`` that is not met, with what its rules still need."""
    coverage = learner_coverage(project, project.learners[learner_id])
    rows = {c.ref: c for unit in coverage.units for top in unit.criteria for c in (top, *top.parts)}
    lines = []
    for ref in refs:
        criterion = rows.get(ref)
        if criterion is None or criterion.status == "met":
            continue
        reasons = [
            why
            for use in criterion.evidence
            if use.decision is not None and criterion.requirement and (why := use_reason(use, criterion.requirement))
        ] + criterion.general_reasons
        lines.append(f"{ref} is {STATUS_LABELS[criterion.status]}" + (f": {'; '.join(reasons)}" if reasons else ""))
    return lines
