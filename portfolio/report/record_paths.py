"""Where the Word records go inside an output folder, and how pages link to them."""

from __future__ import annotations

from ..site.urls import safe_path

RECORDS_DIR = "records"


def unit_record_path(learner_id: str, unit_code: str) -> str:
    return f"{RECORDS_DIR}/{safe_path(learner_id)}/{safe_path(learner_id)}-{safe_path(unit_code)}-tracking-sheet.docx"


def learner_summary_path(learner_id: str) -> str:
    return f"{RECORDS_DIR}/{safe_path(learner_id)}/{safe_path(learner_id)}-front-sheet.docx"


COHORT_TRACKER_PATH = f"{RECORDS_DIR}/cohort-tracker.docx"


def record_links(learner_id: str | None, unit_code: str | None) -> list[tuple[str, str]]:
    """(label, path) of the records to offer on the centre's page, a learner's page, or a unit page."""
    if learner_id is None:
        return [("Cohort tracker (Word)", COHORT_TRACKER_PATH)]
    if unit_code is None:
        return [("Front sheet and qualification summary (Word)", learner_summary_path(learner_id))]
    return [(f"{unit_code} assessment tracking sheet (Word)", unit_record_path(learner_id, unit_code))]
