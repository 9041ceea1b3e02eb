"""Checks across a learner's decision history (an append-only record)."""

from __future__ import annotations

from ..assessment.models import Decision
from ..assessment.staff import assessor_problem, countersigner_needed, countersigner_problem
from ..yamlsafe import YamlDocument
from .project import Learner, Project


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


def check_assessor(
    project: Project, learner: Learner, decision: Decision, rel: str, doc: YamlDocument, index: int, later: list[Decision]
) -> bool:
    """Whether the decision was made by someone who may make it; each reason it was not is reported,
    and such a decision is not counted (a trainee's counts once a qualified assessor countersigns)."""
    unit = decision.criterion.split("/", 1)[0]
    why = assessor_problem(project.centre, learner.profile, unit, decision.assessor)
    line = doc.line_of(("decisions", index, "assessor"))
    if why:
        project.problems.error(
            rel, f"decision on {decision.criterion} for {decision.evidence}: {why}; it is not counted",
            line=line, field=f"decisions[{index}].assessor",
            hint="record it again with 'portfolio assess --assessor NAME' by an assessor on the centre's staff",
        )
        return False
    trainee = countersigner_needed(project.centre, decision.assessor)
    if trainee is None:
        return True
    if decision.countersigned_by is None:
        if any(_countersigned_copy(decision, other) for other in later):
            return False  # superseded by its countersigned copy, recorded later
        project.problems.warning(
            rel, f"decision on {decision.criterion} for {decision.evidence} by trainee assessor {trainee.name} awaits "
            f"countersignature by {trainee.countersigned_by}: it does not count yet",
            line=line, field=f"decisions[{index}].assessor",
            hint=f"portfolio countersign --learner {learner.id} {decision.evidence} {decision.criterion} "
            f"--by \"{trainee.countersigned_by}\"",
        )
        return False
    why = countersigner_problem(project.centre, trainee, decision.countersigned_by)
    if why:
        project.problems.error(
            rel, f"decision on {decision.criterion} for {decision.evidence}: {why}; it is not counted",
            line=doc.line_of(("decisions", index, "countersigned_by")), field=f"decisions[{index}].countersigned_by",
            hint="have a qualified assessor countersign it with 'portfolio countersign'",
        )
        return False
    return True


def _countersigned_copy(decision: Decision, other: Decision) -> bool:
    return other.countersigned_by is not None and (other.evidence, other.criterion, other.assessor, other.date) == (
        decision.evidence, decision.criterion, decision.assessor, decision.date
    )
