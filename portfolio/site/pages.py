"""Every page of the portfolio site, as HTML, from one coverage computation.

Nothing here imports mkdocs: the plugin hands these pages to mkdocs (or any other engine). Each
page kind gathers what it shows and a template in templates/ writes the HTML, escaping every
value; confidential evidence is left out entirely, and where it affects a status the page says
only that unpublished evidence exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..assessment.methods import METHOD_LABELS
from ..check import CheckResult
from ..coverage import LearnerCoverage, Status, UnitCoverage, use_reason
from ..criteria.models import Unit
from ..criteria.references import level_label
from ..load import CriterionEntry, EvidenceItem
from ..privacy.audience import Audience, Publication
from .common import (
    CSS_URI,
    NavEntry,
    SiteContent,
    SiteFile,
    SitePage,
    criterion_uri,
    learner_page_uri,
    matrix_uri,
    unit_uri,
)
from .evidence_page import EvidencePageRenderer
from .learner_page import LearnerPageRenderer
from .queue_page import QUEUE_URI, QueuePageRenderer, queue_anchor
from .templating import render

__all__ = ["CSS_URI", "NavEntry", "Renderer", "SiteContent", "SiteFile", "SitePage", "build_site_content"]


class Renderer(LearnerPageRenderer, QueuePageRenderer, EvidencePageRenderer):
    """Renders the site's pages for one check result."""

    def build(self) -> SiteContent:
        pages: dict[str, SitePage] = {}

        def add(page: SitePage) -> None:
            pages[page.src_uri] = page

        add(self.home())
        add(self.criteria_browser())
        for shown_unit in self.shown_units():
            add(self.unit_page(shown_unit))
        for criterion in self.project.criteria.values():
            if criterion.unit.code in self.unit_codes:
                add(self.criterion_page(criterion))
        files: list[SiteFile] = []
        nav_learners: list[NavEntry] = []
        for coverage in self.learners:
            learner_id = coverage.learner.id
            add(self.learner_page(coverage))
            entry = NavEntry(self.learner_name(coverage), children=[NavEntry("Overview", learner_page_uri(learner_id))])
            for unit in coverage.units:
                add(self.matrix_page(coverage, unit))
                entry.children.append(NavEntry(f"{unit.unit.code} matrix", matrix_uri(learner_id, unit.unit.code)))
            nav_learners.append(entry)
            for item in coverage.learner.evidence:
                if not self.is_published(item):
                    continue
                add(self.evidence_page(coverage, item))
                if self.is_original_published(item):
                    files.append(SiteFile(self.original_uri(item), self.project.root / item.file))
        nav = [NavEntry("Centre", "index.md"), NavEntry("Criteria", "criteria/index.md")]
        if self.publication.staff:  # it names every learner: the centre's own site only
            add(self.queue_page())
            nav.append(NavEntry("Assessment queue", QUEUE_URI))
        if nav_learners:  # a public site before anyone consents has none
            nav.append(NavEntry("Learners", children=nav_learners))
        return SiteContent(pages, files, nav)

    def home(self) -> SitePage:
        src = "index.md"
        centre = self.project.centre
        rows = []
        for coverage in self.learners:
            waiting = {item.file for u in coverage.units for item in u.awaiting_assessment}
            if self.publication.staff:
                waiting_link = self.link(src, QUEUE_URI, str(len(waiting)), queue_anchor(coverage.learner.id))
            else:
                waiting_link = self.link(src, learner_page_uri(coverage.learner.id), str(len(waiting)), "waiting")
            rows.append({
                "learner": self.link(src, learner_page_uri(coverage.learner.id), self.learner_name(coverage)),
                "qualification": coverage.qualification.qualification.id if coverage.qualification else "",
                "units": [
                    {"link": self.link(src, matrix_uri(coverage.learner.id, u.unit.code), u.unit.code), "counts": u.counts}
                    for u in coverage.units
                ],
                "counts": coverage.counts,
                "waiting": len(waiting),
                "waiting_link": waiting_link,
            })
        unpublished = [lc for lc in self.result.coverage.learners if lc.learner.profile is None]
        html = render(
            "home.html",
            title=centre.name if centre else "Portfolio",
            audience_line=self.audience_line(),
            rows=rows,
            public=self.publication.audience is Audience.PUBLIC,
            unpublished=len(unpublished) if self.publication.staff else 0,
            queue=self.link(src, QUEUE_URI, "assessment queue") if self.publication.staff else None,
            downloads=self.download_links(src, None, None),
        )
        return SitePage(src, "Centre", html, True)

    def audience_line(self) -> str:
        audience = self.publication.audience
        if audience is Audience.LEARNER:
            return "Your own portfolio: no one else's work is on this site."
        if audience is Audience.PUBLIC:
            if not self.learners:
                return "No learner's work is shown yet: it is shown only with their recorded consent."
            return f"Work shown with the consent of {len(self.learners)} learner(s)."
        return f"{len(self.learners)} learner(s). This site is for the centre's staff: serve it behind a login."

    def shown_units(self) -> list[Unit]:
        codes = self.unit_codes
        return [unit for unit in self.project.units.values() if unit.code in codes]

    def criteria_browser(self) -> SitePage:
        src = "criteria/index.md"
        qualifications = list(self.project.qualifications.values())
        if self.publication.audience is Audience.LEARNER:
            own = {lc.qualification.qualification.id for lc in self.learners if lc.qualification}
            qualifications = [q for q in qualifications if q.id in own]
        shown = self.unit_codes
        listed = []
        for qualification in qualifications:
            units: list[dict[str, Any]] = []
            for code in qualification.units_named():
                unit = self.project.units.get(code)
                kind = "mandatory" if code in qualification.rules.mandatory else "optional"
                if unit is not None and code not in shown:
                    units.append({"link": None, "name": f"{code}: {unit.title}", "note": f"{kind}; not one of your units"})
                elif unit is None:
                    entry = self.project.unit_entries.get(code)
                    if entry is not None:
                        units.append({"link": None, "name": f"{code}: {entry.title}", "note": f"{kind}; not assessed at this centre"})
                else:
                    units.append({"link": self.link(src, unit_uri(code), f"{code}: {unit.title}"), "note": kind})
            listed.append({
                "title": qualification.title,
                "number": qualification.number,
                "awarding_body": qualification.awarding_body,
                "level": level_label(qualification.level),
                "source": qualification.source,
                "units": units,
            })
        units_shown = [
            {"link": self.link(src, unit_uri(unit.code), f"{unit.code}: {unit.title}"), "outcomes": self.outcome_list(src, unit)}
            for unit in self.shown_units()
        ]
        return SitePage(src, "Criteria", render("criteria.html", qualifications=listed, units=units_shown), True)

    def outcome_list(self, src: str, unit: Unit) -> list[dict[str, Any]]:
        return [
            {
                "number": outcome.number,
                "text": outcome.text,
                "criteria": [
                    {
                        "link": self.link(src, criterion_uri(f"{unit.code}/{criterion.ref}"), criterion.ref),
                        "text": criterion.text,
                        "grade": criterion.grade.value if criterion.grade else None,
                        "parts": [
                            {"link": self.link(src, criterion_uri(f"{unit.code}/{part.ref}"), part.ref), "text": part.text}
                            for part in criterion.parts
                        ],
                    }
                    for criterion in outcome.criteria
                ],
            }
            for outcome in unit.learning_outcomes
        ]

    def unit_page(self, unit: Unit) -> SitePage:
        src = unit_uri(unit.code)
        facts = [
            ("Unit reference number", unit.urn or "not recorded"),
            ("Awarding body's code", unit.awarding_body_code or "—"),
            ("Level", level_label(unit.level)),
            ("Credit", unit.credit if unit.credit is not None else "not recorded"),
            ("Guided learning hours", unit.glh if unit.glh is not None else "not recorded"),
            ("Kind", unit.kind.value if unit.kind else "set per learning outcome or criterion"),
            ("Graded", "yes: pass, merit and distinction criteria" if unit.graded else "no"),
            ("Wording", "as published" if unit.wording.value == "official" else "this portfolio's own, not the awarding body's"),
        ]
        html = render("unit.html", unit=unit, facts=facts, outcomes=self.outcome_list(src, unit))
        return SitePage(src, f"{unit.code}: {unit.title}", html, False)

    def requirement_lines(self, entry: CriterionEntry) -> list[str]:
        requirement = self.project.requirements[entry.ref]
        methods = (
            ", ".join(METHOD_LABELS[m] for m in sorted(requirement.methods, key=lambda m: m.value))
            if requirement.methods is not None
            else "any method"
        )
        lines = [
            f"{'Competence' if requirement.performance else 'Knowledge'} criterion",
            f"At least {requirement.minimum_items} item(s) assessed as met",
            f"Methods accepted: {methods}",
            f"Simulation {'accepted' if requirement.simulation else 'not accepted: real work only'}",
        ]
        if requirement.performance:
            lines.append("Needs evidence of performance at work")
        if requirement.required_methods:
            needed = " or ".join(METHOD_LABELS[m] for m in sorted(requirement.required_methods, key=lambda m: m.value))
            lines.append(f"At least one item assessed by {needed}")
        if requirement.currency_years:
            lines.append(f"Evidence no older than {requirement.currency_years} year(s) when assessed")
        if entry.criterion.builds_on and entry.part is None:
            lines.append(f"Builds on {', '.join(entry.criterion.builds_on)}")
        lines += [f"Assessment requirement: {r}" for r in requirement.assessment_requirements]
        if requirement.categories is not None:
            lines.append(f"Contacts accepted: {', '.join(sorted(requirement.categories))}")
        return lines

    def criterion_page(self, entry: CriterionEntry) -> SitePage:
        src = criterion_uri(entry.ref)
        rows = []
        for coverage in self.learners:
            for unit in coverage.units:
                if unit.unit.code != entry.unit.code:
                    continue
                criterion = next(c for c in unit.criteria + [p for c in unit.criteria for p in c.parts] if c.ref == entry.ref)
                shown = {use.item.file: use.item for use in criterion.all_evidence}
                rows.append({
                    "learner": self.link(src, matrix_uri(coverage.learner.id, unit.unit.code), self.learner_name(coverage)),
                    "status": criterion.status,
                    "evidence": [self.evidence_link(src, item) for item in shown.values()],
                })
        code = entry.unit.code
        html = render(
            "criterion.html",
            entry=entry,
            parent=self.link(src, criterion_uri(f"{code}/{entry.criterion.ref}"), entry.criterion.ref) if entry.part else None,
            parts=[self.link(src, criterion_uri(f"{code}/{p.ref}"), p.ref) for p in entry.criterion.parts]
            if entry.assessed_by_parts else [],
            grade=entry.criterion.grade.value if entry.criterion.grade and not entry.part else None,
            unit=self.link(src, unit_uri(code), f"{code}: {entry.unit.title}"),
            requirements=self.requirement_lines(entry),
            rows=rows,
        )
        return SitePage(src, entry.ref, html, False)

    def matrix_page(self, coverage: LearnerCoverage, unit: UnitCoverage) -> SitePage:
        learner_id = coverage.learner.id
        src = matrix_uri(learner_id, unit.unit.code)
        columns: dict[str, EvidenceItem] = {}
        for criterion in unit.criteria:
            for use in criterion.all_evidence:
                if self.is_published(use.item):
                    columns.setdefault(use.item.file, use.item)
        items = sorted(columns.values(), key=date_order)
        links = {item.file: self.evidence_link(src, item) for item in items}
        rows = []
        for criterion in [row for c in unit.criteria for row in (c, *c.parts)]:
            uses = {use.item.file: use for use in criterion.evidence}
            cells: list[dict[str, Any] | None] = []
            for item in items:
                claim = uses.get(item.file)
                if claim is None:
                    cells.append(None)
                elif not claim.valid:
                    why = use_reason(claim, criterion.requirement) if criterion.requirement else None
                    cells.append({"item": links[item.file], "counts": False, "why": why or ""})
                else:
                    state: Status = "met" if claim.counts_as_met else (
                        "not-yet-met" if claim.current_decision is not None else "claimed"
                    )
                    cells.append({"item": links[item.file], "counts": True, "state": state})
            label = criterion.entry.part.ref if criterion.entry.part else criterion.entry.criterion.ref
            rows.append({
                "link": self.link(src, criterion_uri(criterion.ref), label),
                "text": criterion.entry.text,
                "status": criterion.status,
                "cells": cells,
                "claims": [cell for cell in cells if cell is not None],
            })
        name = self.learner_name(coverage)
        html = render(
            "matrix.html",
            unit=unit,
            learner=self.link(src, learner_page_uri(learner_id), name),
            state=self.unit_state(unit),
            columns=[
                {"link": links[item.file], "title": item.meta.title, "show_title": bool(item.meta.id), "date": item.meta.date}
                for item in items
            ],
            rows=rows,
            downloads=self.download_links(src, learner_id, unit.unit.code),
        )
        return SitePage(src, f"{name}: {unit.unit.code}", html, True)


def date_order(item: EvidenceItem) -> tuple[bool, dt.date, str]:
    """Oldest first, undated last; items of one day by their reference."""
    date = getattr(item.meta, "date", None)
    return (date is None, date or dt.date.max, item.reference)


def build_site_content(
    result: CheckResult,
    directory_urls: bool = True,
    downloads: Callable[[str | None, str | None], list[tuple[str, str]]] | None = None,
    publication: Publication | None = None,
) -> SiteContent:
    """All pages and published files of the site for one check result and audience (staff by default)."""
    return Renderer(result, directory_urls, downloads, publication).build()
