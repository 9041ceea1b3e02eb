"""What every page of the site shares: where pages live, links, badges, bars and reasons.

Nothing here imports mkdocs. Every learner-supplied value is escaped or sanitised where it is
put into HTML; confidential evidence is left out entirely, and where it affects a status the page
says only that unpublished evidence exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check import CheckResult
from ..coverage import STATUS_LABELS, CriterionCoverage, LearnerCoverage, Status
from ..load import EvidenceItem, Project
from ..privacy.audience import Audience, Publication, plan_publication
from .names import EvidenceNames
from .sanitize import text
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

    def evidence_uri(self, item: EvidenceItem) -> str:
        """The page of a published evidence item."""
        return f"learners/{safe_path(item.learner)}/evidence/{self.names[item.learner].page(item)}.md"

    def original_uri(self, item: EvidenceItem) -> str:
        """Where a published item's original file is offered (as text, unless its type is inert)."""
        return f"learners/{safe_path(item.learner)}/files/{self.names[item.learner].file(item)}"

    # --- helpers ----------------------------------------------------------------------------

    def link(self, from_src: str, to_src: str, label: str, anchor: str = "") -> str:
        href = relative_link(from_src, to_src, self.directory_urls, anchor)
        return f'<a href="{text(href)}">{label}</a>'

    def is_published(self, item: EvidenceItem) -> bool:
        return item.file in self.published

    def is_original_published(self, item: EvidenceItem) -> bool:
        return item.file in self.publication.originals

    @staticmethod
    def badge(status: Status) -> str:
        return f'<span class="pf-status pf-{status}">{STATUS_LABELS[status]}</span>'

    @staticmethod
    def bar(percent: int) -> str:
        return (
            f'<span class="pf-bar" role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" '
            f'aria-valuemax="100"><span style="width:{percent}%"></span></span> {percent}%'
        )

    def counts(self, counts: dict[Status, int]) -> str:
        return " ".join(
            f'<span class="pf-count pf-{status}" title="{STATUS_LABELS[status]}">{count} {STATUS_SHORT[status]}</span>'
            for status, count in counts.items()
            if count
        )

    @staticmethod
    def legend() -> str:
        items = "".join(
            f"<li>{RendererBase.badge(status)} {description}</li>"
            for status, description in (
                ("unmapped", "no evidence mapped"),
                ("claimed", "evidence mapped, awaiting assessment"),
                ("not-yet-met", "assessed, not yet met"),
                ("in-progress", "some evidence met or none that can count: more is needed"),
                ("met", "assessed as met"),
            )
        )
        return f'<ul class="pf-legend">{items}</ul>'

    def evidence_link(self, from_src: str, item: EvidenceItem) -> str:
        if not self.is_published(item):
            why = "confidential" if item.meta.confidential else "not on this site"
            return f'<span class="pf-private">evidence not published ({why})</span>'
        label = text(item.meta.id or item.meta.title)
        return self.link(from_src, self.evidence_uri(item), label)

    def reasons(self, from_src: str, criterion: CriterionCoverage) -> str:
        lines = []
        for part in [criterion, *criterion.parts]:
            prefix = f"{text(part.entry.part.ref)}: " if part.entry.part else ""
            hidden: list[EvidenceItem] = []
            for item, reason in part.item_reasons:
                if not self.is_published(item):
                    hidden.append(item)
                    continue
                lines.append(f"<li>{prefix}{self.evidence_link(from_src, item)}: {text(reason)}</li>")
            if hidden:
                what = "confidential item(s)" if all(i.meta.confidential for i in hidden) else "item(s)"
                lines.append(f"<li>{prefix}{len(hidden)} {what}, not published here</li>")
            lines.extend(f"<li>{prefix}{text(reason)}</li>" for reason in part.general_reasons)
        return f'<ul class="pf-reasons">{"".join(lines)}</ul>' if lines else ""

    # --- pages ------------------------------------------------------------------------------


    @staticmethod
    def learner_name(coverage: LearnerCoverage) -> str:
        profile = coverage.learner.profile
        return profile.name if profile else coverage.learner.id

    def download_list(self, src: str, learner_id: str | None, unit_code: str | None) -> str:
        links = self.downloads(learner_id, unit_code)
        if not links:
            return ""
        items = "".join(f"<li>{self.link(src, uri, text(label))}</li>" for label, uri in links)
        return f'<h2>Records</h2><ul class="pf-downloads">{items}</ul>'
