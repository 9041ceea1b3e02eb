"""Checks across a learner's decision history (an append-only record)."""

from __future__ import annotations

from ..assessment.models import Decision
from ..yamlsafe import YamlDocument
from .project import Project


def check_order(
    project: Project, decision: Decision, previous: Decision | None, rel: str, doc: YamlDocument, index: int
) -> None:
    """A warning for a decision recorded after one it predates: the one recorded last counts."""
    if previous is not None and decision.date < previous.date:
        project.problems.warning(
            rel,
            f"decision dated {decision.date} is recorded after one dated {previous.date} on the same evidence and "
            "criterion: the one recorded last counts",
            line=doc.line_of(("decisions", index, "date")),
            field=f"decisions[{index}].date",
            hint="check the date; 'portfolio assess' refuses to record a decision dated before an earlier one",
        )
