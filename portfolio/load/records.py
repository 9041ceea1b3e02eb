"""Loading a learner's assessment records beside their decisions: the learner's acknowledgements of
feedback, the assessment plan, and unit sign-offs. Each entry is checked against the learner's
evidence, units and decisions; one that does not fit is reported on its own line."""

from __future__ import annotations

from pathlib import Path

from ..assessment.feedback import ACKNOWLEDGEMENTS_FILE, AcknowledgementsFile
from ..assessment.plan import PLAN_FILE, AssessmentPlan
from ..assessment.signoff import SIGN_OFFS_FILE, SignOffRole, SignOffsFile
from ..boundary import Folder
from ..suggest import did_you_mean
from ..yamlsafe import YamlDocument
from .privacy import report_text_findings
from .project import Learner, Project
from .validation import load_yaml_model


def load_assessment_records(project: Project, learner: Learner, folder: Path, present: set[str], held: Folder) -> None:
    root, problems = project.root, project.problems
    if ACKNOWLEDGEMENTS_FILE in present:
        acks, doc = load_yaml_model(folder / ACKNOWLEDGEMENTS_FILE, root, AcknowledgementsFile, problems, salvage=True, base=held)
        if acks is not None and doc is not None:
            rel = f"{learner.folder}/{ACKNOWLEDGEMENTS_FILE}"
            for index, ack in enumerate(acks.acknowledgements):
                if any(ack.answers(d) for d in learner.decisions):
                    if ack.reply:
                        report_text_findings(project, rel, ack.reply, doc.line_of(("acknowledgements", index, "reply")),
                                             f"acknowledgements[{index}].reply", "a reply")
                    learner.acknowledgements.append(ack)
                    continue
                problems.warning(
                    rel,
                    f"acknowledges a decision on {ack.criterion} for {ack.evidence} dated {ack.decision_date} by "
                    f"{ack.assessor}, which is not among {learner.id}'s decisions",
                    line=doc.line_of(("acknowledgements", index)),
                    field=f"acknowledgements[{index}]",
                    hint="record acknowledgements with 'portfolio acknowledge', which names the decision",
                )
    if PLAN_FILE in present:
        plan, doc = load_yaml_model(folder / PLAN_FILE, root, AssessmentPlan, problems, salvage=True, base=held)
        if plan is not None and doc is not None:
            _check_plan(project, learner, plan, doc)
            learner.plan = plan
    if SIGN_OFFS_FILE in present:
        sign_offs, doc = load_yaml_model(folder / SIGN_OFFS_FILE, root, SignOffsFile, problems, salvage=True, base=held)
        if sign_offs is not None and doc is not None:
            rel = f"{learner.folder}/{SIGN_OFFS_FILE}"
            units = learner.profile.units if learner.profile else []
            for index, sign_off in enumerate(sign_offs.sign_offs):
                why = None
                if sign_off.unit not in units:
                    suggestion = did_you_mean(sign_off.unit, units)
                    why = f"unit '{sign_off.unit}' is not one of {learner.id}'s units" + (f"; {suggestion}" if suggestion else "")
                elif sign_off.role is not SignOffRole.LEARNER and project.centre and project.centre.staff and (
                    project.centre.member(sign_off.name) is None
                ):
                    why = f"'{sign_off.name}' is not on the centre's staff (evidence/centre.yml)"
                if why:
                    problems.error(
                        rel, f"{why}: the sign-off is not counted",
                        line=doc.line_of(("sign_offs", index)), field=f"sign_offs[{index}]",
                        hint="record sign-offs with 'portfolio sign-off', which checks who signs",
                    )
                    continue
                learner.sign_offs.append(sign_off)


def _check_plan(project: Project, learner: Learner, plan: AssessmentPlan, doc: YamlDocument) -> None:
    rel = f"{learner.folder}/{PLAN_FILE}"
    for index, activity in enumerate(plan.activities):
        report_text_findings(project, rel, activity.activity, doc.line_of(("activities", index, "activity")),
                             f"activities[{index}].activity", "a plan")
    for index, review in enumerate(plan.reviews):
        report_text_findings(project, rel, review.summary, doc.line_of(("reviews", index, "summary")),
                             f"reviews[{index}].summary", "a plan")
    units = set(learner.profile.units) if learner.profile else set()
    known = [ref for ref in project.criteria if ref.split("/", 1)[0] in units]
    for index, activity in enumerate(plan.activities):
        for position, ref in enumerate(activity.criteria):
            if ref in known:
                continue
            suggestion = did_you_mean(ref, known)
            project.problems.warning(
                rel,
                f"the activity '{activity.activity}' plans for '{ref}', which is not a criterion of {learner.id}'s units"
                + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(("activities", index, "criteria", position)),
                field=f"activities[{index}].criteria[{position}]",
                hint="write criteria as UNIT/AC, e.g. INC2/1.1",
            )
    for index, review in enumerate(plan.reviews):
        if project.centre and project.centre.staff and project.centre.member(review.by) is None:
            names = [m.name for m in project.centre.staff]
            suggestion = did_you_mean(review.by, names)
            project.problems.warning(
                rel,
                f"the review of {review.date} is by '{review.by}', who is not on the centre's staff"
                + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(("reviews", index, "by")),
                field=f"reviews[{index}].by",
                hint="give the name of a member of staff as evidence/centre.yml writes it",
            )
