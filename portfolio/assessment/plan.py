"""A learner's assessment plan: activities planned against criteria with target dates, and reviews."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from ..base import HINT, RecordFile, ShortText, Strict, Text
from .methods import Method

PLAN_FILE = "plan.yml"

ActivityState = Literal["done", "overdue", "planned"]


class PlannedActivity(Strict):
    activity: ShortText
    """What will be done, e.g. 'Observation of a live incident call'."""
    criteria: list[str] = []  # noqa: RUF012
    """'UNIT/AC' references the activity is planned to cover."""
    method: Method | None = None
    target: dt.date
    """The date it is planned for."""
    done: dt.date | None = None
    """When it took place."""

    def state(self, today: dt.date) -> ActivityState:
        if self.done is not None:
            return "done"
        return "overdue" if self.target < today else "planned"


class PlanReview(Strict):
    """A progress review of the plan with the learner."""

    date: dt.date
    by: ShortText
    summary: Text
    next_review: dt.date | None = None

    @model_validator(mode="after")
    def _next_after(self) -> PlanReview:
        if self.next_review is not None and self.next_review <= self.date:
            raise ValueError(f"next_review: the next review must come after this one ({self.date}){HINT}give a later date")
        return self


class AssessmentPlan(RecordFile):
    activities: list[PlannedActivity] = []  # noqa: RUF012
    reviews: list[PlanReview] = []  # noqa: RUF012

    def next_review(self) -> dt.date | None:
        dates = [review.next_review for review in self.reviews if review.next_review is not None]
        return max(dates) if dates else None
