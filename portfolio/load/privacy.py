"""Checking a learner's recorded personal-data reviews against their evidence."""

from __future__ import annotations

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
