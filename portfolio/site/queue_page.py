"""The assessor's queue: every item awaiting assessment across learners, oldest first.

Only the staff site has it: it names every learner."""

from __future__ import annotations

from typing import Any

from ..coverage import LearnerCoverage
from .common import RendererBase, SitePage, criterion_uri, learner_page_uri
from .templating import render
from .urls import safe_path

QUEUE_URI = "assessment-queue.md"


def queue_anchor(learner_id: str) -> str:
    """The id of a learner's section of the queue."""
    return "learner-" + safe_path(learner_id).replace("/", "-")


class QueuePageRenderer(RendererBase):
    def queue_page(self) -> SitePage:
        src = QUEUE_URI
        rows: list[dict[str, Any]] = []
        sections = []
        for coverage in self.learners:
            own, hidden = self.queue_rows(src, coverage)
            rows += own
            sections.append({
                "anchor": queue_anchor(coverage.learner.id),
                "learner": self.link(src, learner_page_uri(coverage.learner.id), self.learner_name(coverage)),
                "rows": own,
                "hidden": hidden,
            })
        rows.sort(key=lambda row: (row["date"], row["learner"].label, row["item"].label))
        html = render("queue.html", rows=rows, sections=sections, today=self.today)
        return SitePage(src, "Assessment queue", html, True)

    def queue_rows(self, src: str, coverage: LearnerCoverage) -> tuple[list[dict[str, Any]], int]:
        """One learner's items awaiting assessment, oldest first, and how many more are not published."""
        rows = []
        hidden = 0
        learner = self.link(src, learner_page_uri(coverage.learner.id), self.learner_name(coverage))
        for item in sorted(coverage.learner.evidence, key=lambda i: (i.meta.date, i.reference)):
            refs = list(dict.fromkeys(ref for ref, use in self.uses_of(coverage, item) if use.awaiting_assessment))
            if not refs:
                continue
            if not self.is_published(item):
                hidden += 1  # confidential: counted, never described
                continue
            rows.append({
                "learner": learner,
                "item": self.evidence_link(src, item),
                "title": item.meta.title if item.meta.id else None,
                "units": sorted({ref.split("/", 1)[0] for ref in refs}),
                "criteria": [self.link(src, criterion_uri(ref), ref) for ref in refs],
                "date": (since := self.waiting_since(coverage, item)),
                "days": (self.today - since).days,
            })
        return rows, hidden
