"""Loading a learner's assessment records beside their decisions: the learner's acknowledgements of
feedback, the assessment plan, and unit sign-offs. Each entry is checked against the learner's
evidence, units and decisions; one that does not fit is reported on its own line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..assessment.feedback import ACKNOWLEDGEMENTS_FILE, AcknowledgementsFile
from ..assessment.models import Outcome
from ..assessment.plan import PLAN_FILE, AssessmentPlan
from ..assessment.signoff import SIGN_OFFS_FILE, SignOff, SignOffRole, SignOffsFile
from ..assessment.signoff_rules import signer_problem, timing_problem
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
            today = dt.date.today()
            for index, ack in enumerate(acks.acknowledgements):
                problem = None
                if ack.date > today:
                    problem = f"dated {ack.date}, which is in the future"
                elif ack.date < ack.decision_date:
                    problem = f"dated {ack.date}, before the decision it acknowledges ({ack.decision_date})"
                elif any(a.answers_same(ack) for a in learner.acknowledgements):
                    problem = f"the decision on {ack.criterion} for {ack.evidence} is already acknowledged above"
                if problem:
                    problems.error(rel, f"acknowledgement: {problem}: it is not counted",
                                   line=doc.line_of(("acknowledgements", index)), field=f"acknowledgements[{index}]",
                                   hint="record acknowledgements with 'portfolio acknowledge', which checks the dates")
                    continue
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
            _check_sign_offs(project, learner, sign_offs.sign_offs, doc)


def _check_sign_offs(project: Project, learner: Learner, sign_offs: list[SignOff], doc: YamlDocument) -> None:
    """Each sign-off that the rules of `portfolio sign-off` allow; each other one is an error and not counted."""
    rel = f"{learner.folder}/{SIGN_OFFS_FILE}"
    profile = learner.profile
    if profile is None:
        return
    now = dt.datetime.now()
    held: dict[tuple[str, SignOffRole], SignOff] = {}
    for index, sign_off in enumerate(sign_offs):
        why = None
        if sign_off.unit not in profile.units:
            suggestion = did_you_mean(sign_off.unit, profile.units)
            why = f"unit '{sign_off.unit}' is not one of {learner.id}'s units" + (f"; {suggestion}" if suggestion else "")
        else:
            earlier = {role: signed for (unit, role), signed in held.items() if unit == sign_off.unit}
            # Decisions recorded since (on changed evidence) break a sign-off but do not make it wrong.
            judged = [d for d in learner.decisions
                      if d.outcome is Outcome.MET and d.fingerprint and sign_off.evidence.get(d.evidence) == d.fingerprint]
            why = signer_problem(project.centre, profile, learner.decisions, sign_off.unit, sign_off.role, sign_off.name) or \
                timing_problem(sign_off.unit, sign_off.role, sign_off.signed_at, earlier, judged, now)
        if why:
            project.problems.error(
                rel, f"{why}: the sign-off is not counted",
                line=doc.line_of(("sign_offs", index)), field=f"sign_offs[{index}]",
                hint="record sign-offs with 'portfolio sign-off', which checks who signs and when",
            )
            continue
        held[(sign_off.unit, sign_off.role)] = sign_off
        learner.sign_offs.append(sign_off)


def _check_plan(project: Project, learner: Learner, plan: AssessmentPlan, doc: YamlDocument) -> None:
    rel = f"{learner.folder}/{PLAN_FILE}"
    today = dt.date.today()
    for index, activity in enumerate(plan.activities):
        if activity.done is not None and activity.done > today:
            project.problems.warning(
                rel, f"the activity '{activity.activity}' is marked done on {activity.done}, which is in the future",
                line=doc.line_of(("activities", index, "done")), field=f"activities[{index}].done",
                hint="give 'done' once the activity has taken place; plan it with 'target'",
            )
    for index, review in enumerate(plan.reviews):
        if review.date > today:
            project.problems.warning(
                rel, f"the review dated {review.date} is in the future",
                line=doc.line_of(("reviews", index, "date")), field=f"reviews[{index}].date",
                hint="record a review once it has taken place; plan the next one with 'next_review'",
            )
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
            if ref in known or learner.profile is None:  # with no valid profile, its units are unknown
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
