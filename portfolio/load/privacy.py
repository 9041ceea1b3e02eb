"""Checking a learner's recorded personal-data reviews against their evidence."""

from __future__ import annotations

from ..assessment.models import Decision
from ..privacy.detect import KIND_LABELS, find_personal_data
from ..privacy.redaction import REDACTION_START, redact_text
from ..privacy.reviews import REVIEWS_FILE, PrivacyReview
from ..suggest import did_you_mean
from ..yamlsafe import YamlDocument
from .project import Learner, Project


def check_reviews(project: Project, learner: Learner, reviews: list[PrivacyReview], doc: YamlDocument) -> list[PrivacyReview]:
    """The reviews that name one of the learner's items; each other one is reported."""
    items = learner.evidence_by_path()
    rel = f"{learner.folder}/{REVIEWS_FILE}"
    kept = []
    for index, review in enumerate(reviews):
        if review.evidence in items:
            kept.append(review)
            continue
        suggestion = did_you_mean(review.evidence, items)
        project.problems.warning(
            rel,
            f"the review names '{review.evidence}', which is not among {learner.id}'s evidence"
            + (f"; {suggestion}" if suggestion else ""),
            line=doc.line_of(("reviews", index, "evidence")),
            field=f"reviews[{index}].evidence",
            hint="give the evidence file's path relative to the learner's folder, as decisions.yml does",
        )
    return kept


def feedback_checked(project: Project, decision: Decision, rel: str, doc: YamlDocument, index: int) -> Decision:
    """The decision with its feedback's redaction markers applied; personal data left in the
    feedback (which the staff and learner sites show) is reported."""
    for position, action in enumerate(decision.actions):
        report_text_findings(project, rel, action.action, doc.line_of(("decisions", index, "actions", position)),
                             f"decisions[{index}].actions[{position}]", "an action point")
    feedback = decision.feedback
    if not feedback:
        return decision
    report_text_findings(project, rel, feedback, doc.line_of(("decisions", index, "feedback")),
                         f"decisions[{index}].feedback", "feedback")
    if REDACTION_START in feedback:
        return decision.model_copy(update={"feedback": redact_text(feedback)})
    return decision


def report_text_findings(project: Project, rel: str, text: str, start: int | None, field: str, what: str) -> None:
    """A warning for each piece of personal data in ``text`` (feedback, a reply, a plan) that the
    staff and learner sites and the records show."""
    for finding in find_personal_data(text):
        project.problems.warning(
            rel,
            f'{KIND_LABELS[finding.kind]} in {what} the site publishes: "{finding.excerpt}"',
            line=start + finding.line - 1 if start else None,
            field=field,
            hint=f"take it out of the {what.removeprefix('an ').removeprefix('a ')}, or wrap it in ((redact …)) to "
            "keep it in the file but off the site",
            code="personal-data",
            kind=finding.kind,
        )

