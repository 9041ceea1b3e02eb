"""What every page of the site shares: where pages live, links and reasons.

Nothing here imports mkdocs or writes HTML: the templates do, escaping every value. Confidential
evidence is left out entirely, and where it affects a status the page says only that unpublished
evidence exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check import CheckResult
from ..coverage import CriterionCoverage, EvidenceUse, LearnerCoverage, Status, UnitCoverage
from ..load import EvidenceItem, Project
from ..privacy.audience import Audience, Publication, plan_publication
from ..privacy.detect import KIND_LABELS
from ..privacy.gate import CODE as PERSONAL_DATA
from ..problems import Problem
from .names import EvidenceNames
from .urls import relative_link, safe_path

STATUS_SHORT: dict[Status, str] = {
    "met": "met",
    "in-progress": "in progress",
    "claimed": "awaiting",
    "not-yet-met": "not yet met",
    "unmapped": "no evidence",
}
CSS_URI = "assets/portfolio.css"


@dataclass
class SitePage:
    src_uri: str
    title: str
    """Plain text; whoever puts it into HTML escapes it."""
    html: str
    in_nav: bool
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """A link as the templates print it; without an href, the label (saying why) is plain text."""

    label: str
    href: str | None = None


@dataclass(frozen=True)
class Reason:
    """One reason a criterion is not met: about an item (linked) or the criterion as a whole."""

    prefix: str
    text: str
    item: Link | None = None


@dataclass(frozen=True)
class ItemWarning:
    """A problem 'portfolio check' finds in an evidence item's own files, for its page."""

    message: str
    hint: str | None
    where: str | None
    severity: str


@dataclass
class SiteFile:
    """An original evidence file published for download."""

    src_uri: str
    source: Path


@dataclass
class NavEntry:
    title: str
    src_uri: str | None = None
    children: list[NavEntry] = field(default_factory=list)


@dataclass
class SiteContent:
    pages: dict[str, SitePage]
    files: list[SiteFile]
    nav: list[NavEntry]


def learner_page_uri(learner_id: str) -> str:
    return f"learners/{safe_path(learner_id)}/index.md"


def matrix_uri(learner_id: str, unit_code: str) -> str:
    return f"learners/{safe_path(learner_id)}/{safe_path(unit_code)}.md"


def criterion_uri(ref: str) -> str:
    unit, ac = ref.split("/", 1)
    return f"criteria/{safe_path(unit)}/{ac.replace('.', '-')}.md"


def unit_uri(code: str) -> str:
    return f"criteria/{safe_path(code)}/index.md"


class RendererBase:
    """State and helpers shared by the renderers of every kind of page."""

    def __init__(
        self,
        result: CheckResult,
        directory_urls: bool = True,
        downloads: Callable[[str | None, str | None], list[tuple[str, str]]] | None = None,
        publication: Publication | None = None,
    ) -> None:
        self.result = result
        self.project: Project = result.project
        self.directory_urls = directory_urls
        self.downloads = downloads or (lambda learner_id, unit_code: [])
        """Word records to offer: (label, src_uri) for a learner, or for one of their units."""
        self.publication = publication or plan_publication(result, Audience.STAFF)
        self.learners = self.publication.learners
        self.published = self.publication.pages
        # Names are given among published items only: a confidential item must not shape them.
        self.names = {
            lc.learner.id: EvidenceNames(item for item in lc.learner.evidence if item.file in self.published)
            for lc in self.learners
        }
        self.today = dt.date.today()
        self._problems: dict[str, list[Problem]] = {}
        for problem in result.problems:
            self._problems.setdefault(problem.file, []).append(problem)

    def evidence_uri(self, item: EvidenceItem) -> str:
        """The page of a published evidence item."""
        return f"learners/{safe_path(item.learner)}/evidence/{self.names[item.learner].page(item)}.md"

    def original_uri(self, item: EvidenceItem) -> str:
        """Where a published item's original file is offered (as text, unless its type is inert)."""
        return f"learners/{safe_path(item.learner)}/files/{self.names[item.learner].file(item)}"

    @property
    def unit_codes(self) -> set[str]:
        """A learner's site holds the criteria of their own units; other sites every unit's."""
        if self.publication.audience is Audience.LEARNER:
            return {u.unit.code for lc in self.learners for u in lc.units}
        return set(self.project.units)

    # --- helpers: what the templates print ----------------------------------------------------

    def link(self, from_src: str, to_src: str, label: str, anchor: str = "") -> Link:
        return Link(label, relative_link(from_src, to_src, self.directory_urls, anchor))

    def is_published(self, item: EvidenceItem) -> bool:
        return item.file in self.published

    def is_original_published(self, item: EvidenceItem) -> bool:
        return item.file in self.publication.originals

    def evidence_link(self, from_src: str, item: EvidenceItem) -> Link:
        if not self.is_published(item):
            why = "confidential" if item.meta.confidential else "not on this site"
            return Link(f"evidence not published ({why})")
        return self.link(from_src, self.evidence_uri(item), item.meta.id or item.meta.title)

    def reasons(self, from_src: str, criterion: CriterionCoverage) -> list[Reason]:
        lines: list[Reason] = []
        for part in [criterion, *criterion.parts]:
            prefix = f"{part.entry.part.ref}: " if part.entry.part else ""
            hidden: list[EvidenceItem] = []
            for item, reason in part.item_reasons:
                if not self.is_published(item):
                    hidden.append(item)
                    continue
                if self.publication.audience is Audience.PUBLIC and reason.startswith("not yet met ("):
                    reason = reason.split("): ", 1)[0] + ")"  # the assessor's feedback is not the public's
                lines.append(Reason(prefix, reason, self.evidence_link(from_src, item)))
            if hidden:
                what = "confidential item(s)" if all(i.meta.confidential for i in hidden) else "item(s)"
                lines.append(Reason(prefix, f"{len(hidden)} {what}, not published here"))
            lines.extend(Reason(prefix, reason) for reason in part.general_reasons)
        return lines

    @staticmethod
    def unit_state(unit: UnitCoverage) -> str:
        if unit.unit.graded:
            return f"achieved: {unit.grade.value}" if unit.grade else "in progress (pass criteria not all met)"
        return "complete" if unit.complete else "in progress"

    def waiting_since(self, coverage: LearnerCoverage, item: EvidenceItem) -> dt.date:
        """Since when an item has waited for a decision: its date, or for an item changed since it was
        assessed, the date of that decision (the change came after it)."""
        judged = [use.decision.date for _, use in self.uses_of(coverage, item)
                  if use.awaiting_assessment and use.changed_since_decision and use.decision is not None]
        return max([item.meta.date, *judged])

    @staticmethod
    def uses_of(coverage: LearnerCoverage, item: EvidenceItem) -> list[tuple[str, EvidenceUse]]:
        """(criterion reference, use) for each criterion or part of the learner's units the item is claimed for."""
        return [
            (row.ref, use)
            for unit in coverage.units
            for criterion in unit.criteria
            for row in (criterion, *criterion.parts)
            for use in row.evidence
            if use.item is item
        ]

    def item_warnings(self, item: EvidenceItem) -> list[ItemWarning]:
        """What 'portfolio check' says about the item's own files, in words for the learner.

        Only the sites for the centre and for the learner show them; personal data is named by
        kind, never quoted."""
        if self.publication.audience is Audience.PUBLIC:
            return []
        found = self._problems.get(item.file, []) + (
            self._problems.get(item.meta_file, []) if item.meta_file != item.file else []
        )
        warnings = []
        for problem in found:
            where = f"line {problem.line}" if problem.line else None
            if problem.code == PERSONAL_DATA:
                kind = KIND_LABELS.get(problem.kind or "", "personal data")
                message = f"it may show someone's personal data ({kind})" if problem.kind else problem.message
            else:
                message = problem.message
            warnings.append(ItemWarning(message, problem.hint, where, problem.severity.value))
        return warnings

    @staticmethod
    def learner_name(coverage: LearnerCoverage) -> str:
        profile = coverage.learner.profile
        return profile.name if profile else coverage.learner.id

    def download_links(self, src: str, learner_id: str | None, unit_code: str | None) -> list[Link]:
        return [self.link(src, uri, label) for label, uri in self.downloads(learner_id, unit_code)]
