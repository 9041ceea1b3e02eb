"""Recorded reviews of personal data: a member of staff has looked at an item's findings and
decided that what was found may be published. A review holds only while the item is unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from ..base import RecordFile, ShortText, Strict, Text

REVIEWS_FILE = "privacy-reviews.yml"
"""In each learner's folder, beside decisions.yml."""


class PrivacyReview(Strict):
    evidence: str
    """Path of the evidence file, relative to the learner's folder."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    """SHA-256 of the item as it was reviewed (for an attachment, of the file and its sidecar): an edit
    re-opens the review."""
    reviewer: ShortText
    date: dt.date
    reason: Text
    """Why what was found may be published (a public service number, the learner's own work email…)."""


class PrivacyReviewsFile(RecordFile):
    reviews: list[PrivacyReview] = []  # noqa: RUF012 - pydantic copies field defaults
