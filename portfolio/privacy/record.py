"""Recording a personal-data review in a learner's privacy-reviews.yml, atomically."""

from __future__ import annotations

import datetime as dt

from ..appending import AppendRefused, append_to_file
from ..load import Project
from .reviews import REVIEWS_FILE, PrivacyReview, PrivacyReviewsFile

HEADER = (
    "# Reviews of personal data found in this learner's evidence. Owned by the centre's staff.\n"
    "# Each review records the SHA-256 of the file it looked at: an edit re-opens the review.\n"
    "reviews:\n"
)


class ReviewRefused(Exception):
    """A review cannot be recorded; the message says why and what to do."""


def record_review(
    project: Project, learner_id: str, evidence_path: str, reviewer: str, reason: str, date: dt.date
) -> PrivacyReview:
    try:
        learner, item = project.learner_item(learner_id, evidence_path)
    except LookupError as exc:
        raise ReviewRefused(str(exc)) from None
    if not reviewer.strip() or not reason.strip():
        raise ReviewRefused("a review needs the reviewer's name and the reason what was found may be published")
    if date > dt.date.today():
        raise ReviewRefused(f"the date {date} is in the future: give the date of the review")
    review = PrivacyReview(evidence=evidence_path, sha256=item.content_sha256, reviewer=reviewer.strip(), date=date, reason=reason.strip())
    try:
        append_to_file(project.root, learner.folder, REVIEWS_FILE, HEADER, "reviews", [review.model_dump()], PrivacyReviewsFile)
    except AppendRefused as exc:
        raise ReviewRefused(str(exc)) from None
    return review
