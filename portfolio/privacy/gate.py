"""The personal-data gate: which findings are still open, and the problems `check` reports for them.

A finding is resolved by a redaction marker in the source (it is then never found), or by a
recorded review of the item as it is now (an edit re-opens it).
"""

from __future__ import annotations

from ..load import EvidenceItem, Learner, Project
from .detect import KIND_LABELS
from .findings import FILE_NAME, PersonalData
from .reviews import REVIEWS_FILE, PrivacyReview

MAX_REPORTED_PER_FILE = 20
"""A pasted e-mail thread can hold hundreds; the first ones show what to do about the rest."""

CODE = "personal-data"


def current_review(learner: Learner, item: EvidenceItem) -> PrivacyReview | None:
    """The latest review of the item as it is now, if any."""
    matching = [r for r in learner.privacy_reviews if r.evidence == item.path and r.sha256 == item.content_sha256]
    return max(matching, key=lambda r: r.date) if matching else None


def open_findings(learner: Learner, item: EvidenceItem) -> list[PersonalData]:
    """Findings no review covers: what a public site must not publish."""
    if not item.personal_data or current_review(learner, item) is not None:
        return []
    return item.personal_data


def _hint(learner: Learner, item: EvidenceItem, finding: PersonalData) -> str:
    review = f"portfolio privacy-review --learner {learner.id} {item.path} --reviewer NAME --reason TEXT"
    if finding.field == FILE_NAME:
        return (
            "rename the file (and its sidecar, and the name in decisions.yml): its name is part of the "
            "page's address and the download"
        )
    if finding.file != item.meta_file:  # inside the attachment, which cannot hold a marker
        return (
            "publish an anonymised copy instead, or mark the item 'staff_only: true' to keep it to the staff site; if it may be "
            f"published (a public service number, say), record a review: {review}"
        )
    return (
        "anonymise it, wrap it in ((redact …)) to keep it in the file but off the site, or mark the item "
        "'staff_only: true' to keep it to the staff site; if it may be published (a public service number, "
        f"say), record a review: {review}"
    )


def report_personal_data(project: Project, learners: list[Learner]) -> None:
    """A warning for each open finding (masked), and for reviews an edit has re-opened."""
    for learner in learners:
        for item in learner.evidence:
            found = open_findings(learner, item)
            if not found:
                continue
            stale = [r for r in learner.privacy_reviews if r.evidence == item.path]
            if stale:
                latest = max(stale, key=lambda r: r.date)
                project.problems.warning(
                    f"{learner.folder}/{REVIEWS_FILE}",
                    f"the review of '{item.path}' ({latest.date}, {latest.reviewer}) no longer applies: the file "
                    "has changed since",
                    field="reviews",
                    hint="look at the findings below again; record a new review if they may still be published",
                    code=CODE,
                )
            per_file: dict[str, int] = {}
            for finding in found:
                count = per_file[finding.file] = per_file.get(finding.file, 0) + 1
                if count > MAX_REPORTED_PER_FILE:
                    continue
                project.problems.warning(
                    finding.file,
                    f'{KIND_LABELS[finding.kind]} in what the site publishes: "{finding.excerpt}"',
                    line=finding.line,
                    field=finding.field,
                    hint=_hint(learner, item, finding),
                    code=CODE,
                    kind=finding.kind,
                )
            for file, count in per_file.items():
                if count > MAX_REPORTED_PER_FILE:
                    project.problems.warning(
                        file,
                        f"{count - MAX_REPORTED_PER_FILE} more finding(s) of personal data in this file",
                        hint="anonymise the file as a whole",
                        code=CODE,
                    )
