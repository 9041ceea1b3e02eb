"""Every page of the portfolio site, as HTML, from one coverage computation.

Nothing here imports mkdocs: the plugin hands these pages to mkdocs (or any other engine). Every
learner-supplied value is escaped or sanitised here; confidential evidence is left out entirely,
and where it affects a status the page says only that unpublished evidence exists.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..check import CheckResult
from ..coverage import STATUS_LABELS, CriterionCoverage, LearnerCoverage, UnitCoverage
from ..evidence_types import display_value
from ..load import CriterionEntry, EvidenceItem, Project
from ..models import METHOD_LABELS, Status, Unit
from .sanitize import render_markdown, text
from .urls import relative_link, safe_path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
AUDIO_SUFFIXES = {".mp3", ".wav", ".ogg", ".m4a"}
VIDEO_SUFFIXES = {".mp4", ".webm"}
# Served from the site's own origin these would run script when opened: publish them as text.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".svg", ".xml", ".js", ".mjs", ".xht", ".shtml"}

STATUS_SHORT: dict[Status, str] = {
    "met": "met",
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


def evidence_uri(item: EvidenceItem) -> str:
    path = item.path[:-3] if item.is_markdown and item.path.endswith(".md") else item.path.replace(".", "-")
    return f"learners/{safe_path(item.learner)}/evidence/{safe_path(path)}.md"


def original_uri(item: EvidenceItem) -> str:
    path = safe_path(item.path)
    if Path(path).suffix.lower() in ACTIVE_SUFFIXES:
        path += ".txt"
    return f"learners/{safe_path(item.learner)}/files/{path}"


class Renderer:
    """Renders the site's pages for one check result."""

    def __init__(
        self,
        result: CheckResult,
        directory_urls: bool = True,
        downloads: Callable[[str | None, str | None], list[tuple[str, str]]] | None = None,
    ) -> None:
        self.result = result
        self.project: Project = result.project
        self.directory_urls = directory_urls
        self.downloads = downloads or (lambda learner_id, unit_code: [])
        """Word records to offer: (label, src_uri) for a learner, or for one of their units."""
        self.learners = [lc for lc in result.coverage.learners if lc.learner.profile is not None]
        self.published = {
            item.file: item
            for lc in self.learners
            for item in lc.learner.evidence
            if not item.meta.confidential
        }

    # --- helpers ----------------------------------------------------------------------------

    def link(self, from_src: str, to_src: str, label: str, anchor: str = "") -> str:
        href = relative_link(from_src, to_src, self.directory_urls, anchor)
        return f'<a href="{text(href)}">{label}</a>'

    def is_published(self, item: EvidenceItem) -> bool:
        return item.file in self.published

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
            f"<li>{Renderer.badge(status)} {description}</li>"
            for status, description in (
                ("unmapped", "no evidence mapped"),
                ("claimed", "evidence mapped, awaiting assessment"),
                ("not-yet-met", "assessed, not yet met"),
                ("met", "assessed as met"),
            )
        )
        return f'<ul class="pf-legend">{items}</ul>'

    def evidence_link(self, from_src: str, item: EvidenceItem) -> str:
        if not self.is_published(item):
            return '<span class="pf-private">evidence not published (confidential)</span>'
        label = text(item.meta.id or item.meta.title)
        return self.link(from_src, evidence_uri(item), label)

    def reasons(self, from_src: str, criterion: CriterionCoverage) -> str:
        lines = []
        hidden = 0
        for item, reason in criterion.item_reasons:
            if not self.is_published(item):
                hidden += 1
                continue
            lines.append(f"<li>{self.evidence_link(from_src, item)}: {text(reason)}</li>")
        if hidden:
            lines.append(f"<li>{hidden} confidential item(s), not published here</li>")
        lines.extend(f"<li>{text(reason)}</li>" for reason in criterion.general_reasons)
        return f'<ul class="pf-reasons">{"".join(lines)}</ul>' if lines else ""

    # --- pages ------------------------------------------------------------------------------

    def build(self) -> SiteContent:
        pages: dict[str, SitePage] = {}

        def add(page: SitePage) -> None:
            pages[page.src_uri] = page

        add(self.home())
        add(self.criteria_browser())
        for unit in self.project.units.values():
            add(self.unit_page(unit))
        for entry in self.project.criteria.values():
            add(self.criterion_page(entry))
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
                if not item.is_markdown:
                    files.append(SiteFile(original_uri(item), self.project.root / item.file))
        nav = [
            NavEntry("Centre", "index.md"),
            NavEntry("Criteria", "criteria/index.md"),
            NavEntry("Learners", children=nav_learners),
        ]
        return SiteContent(pages, files, nav)

    @staticmethod
    def learner_name(coverage: LearnerCoverage) -> str:
        profile = coverage.learner.profile
        return profile.name if profile else coverage.learner.id

    def home(self) -> SitePage:
        src = "index.md"
        centre = self.project.centre
        title = centre.name if centre else "Portfolio"
        rows = []
        for coverage in self.learners:
            units = "<br>".join(
                f'{self.link(src, matrix_uri(coverage.learner.id, u.unit.code), text(u.unit.code))} {self.bar(u.percent_met)}'
                for u in coverage.units
            )
            waiting = [item for u in coverage.units for item in u.awaiting_assessment]
            waiting_count = len({item.file for item in waiting})
            qualification = coverage.qualification.qualification.id if coverage.qualification else ""
            rows.append(
                "<tr>"
                f"<td>{self.link(src, learner_page_uri(coverage.learner.id), text(self.learner_name(coverage)))}</td>"
                f"<td>{text(qualification)}</td>"
                f"<td>{units}</td>"
                f"<td>{self.counts(coverage.counts)}</td>"
                f"<td>{waiting_count or '—'}</td>"
                "</tr>"
            )
        unpublished = [lc for lc in self.result.coverage.learners if lc.learner.profile is None]
        note = (
            f"<p>{len(unpublished)} learner folder(s) have errors in their profile and are not shown; "
            "run <code>portfolio check</code>.</p>"
            if unpublished
            else ""
        )
        body = (
            f"<h1>{text(title)}</h1>"
            f"<p>{len(self.learners)} learner(s). Progress is the share of assessment criteria met.</p>"
            + self.legend()
            + '<div class="pf-cohort"><table><thead><tr><th>Learner</th><th>Qualification</th>'
            "<th>Progress per unit</th><th>Criteria</th><th>Items awaiting assessment</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            + note
            + self.download_list(src, None, None)
        )
        return SitePage(src, "Centre", body, True)

    def criteria_browser(self) -> SitePage:
        src = "criteria/index.md"
        parts = ["<h1>Criteria</h1>"]
        for qualification in self.project.qualifications.values():
            number = f" — {text(qualification.number)}" if qualification.number else ""
            parts.append(f"<h2>{text(qualification.title)}{number}</h2>")
            parts.append(
                f"<p>{text(qualification.awarding_body)}, level {qualification.level}."
                + (f" {text(qualification.source)}" if qualification.source else "")
                + "</p>"
            )
            parts.append("<ul>")
            for code in qualification.units_named():
                unit = self.project.units.get(code)
                if unit is None:
                    continue
                kind = "mandatory" if code in qualification.rules.mandatory else "optional"
                parts.append(f"<li>{self.link(src, unit_uri(code), text(f'{code}: {unit.title}'))} ({kind})</li>")
            parts.append("</ul>")
        parts.append("<h2>Units</h2>")
        for unit in self.project.units.values():
            parts.append(f"<h3>{self.link(src, unit_uri(unit.code), text(f'{unit.code}: {unit.title}'))}</h3>")
            parts.append(self.outcome_list(src, unit))
        return SitePage(src, "Criteria", "".join(parts), True)

    def outcome_list(self, src: str, unit: Unit) -> str:
        parts = ["<ol class='pf-outcomes'>"]
        for outcome in unit.learning_outcomes:
            parts.append(f"<li value='{outcome.number}'>{text(outcome.text)}<ul>")
            for criterion in outcome.criteria:
                ref = f"{unit.code}/{criterion.ref}"
                parts.append(f"<li>{self.link(src, criterion_uri(ref), text(criterion.ref))} {text(criterion.text)}</li>")
            parts.append("</ul></li>")
        parts.append("</ol>")
        return "".join(parts)

    def unit_page(self, unit: Unit) -> SitePage:
        src = unit_uri(unit.code)
        facts = [
            ("Unit reference number", unit.urn or "not recorded"),
            ("Awarding body's code", unit.awarding_body_code or "—"),
            ("Level", unit.level),
            ("Credit", unit.credit if unit.credit is not None else "not recorded"),
            ("Guided learning hours", unit.glh if unit.glh is not None else "not recorded"),
            ("Kind", unit.kind.value),
            ("Wording", "as published" if unit.wording.value == "official" else "this portfolio's own, not the awarding body's"),
        ]
        rows = "".join(f"<tr><th>{text(k)}</th><td>{text(v)}</td></tr>" for k, v in facts)
        source = f"<p>{text(unit.source)}</p>" if unit.source else ""
        body = (
            f"<h1>{text(unit.code)}: {text(unit.title)}</h1><table>{rows}</table>{source}"
            "<h2>Learning outcomes and assessment criteria</h2>" + self.outcome_list(src, unit)
        )
        return SitePage(src, f"{unit.code}: {unit.title}", body, False)

    def requirement_text(self, entry: CriterionEntry) -> str:
        requirement = self.project.requirements[entry.ref]
        methods = (
            ", ".join(METHOD_LABELS[m] for m in sorted(requirement.methods, key=lambda m: m.value))
            if requirement.methods is not None
            else "any method"
        )
        lines = [
            f"<li>At least {requirement.minimum_items} item(s) assessed as met</li>",
            f"<li>Methods accepted: {text(methods)}</li>",
            f"<li>Simulation {'accepted' if requirement.simulation else 'not accepted'}</li>",
        ]
        if requirement.performance:
            lines.append("<li>Needs evidence of performance at work (competence)</li>")
        if requirement.categories is not None:
            lines.append(f"<li>Contacts accepted: {text(', '.join(sorted(requirement.categories)))}</li>")
        return f"<ul>{''.join(lines)}</ul>"

    def criterion_page(self, entry: CriterionEntry) -> SitePage:
        src = criterion_uri(entry.ref)
        rows = []
        for coverage in self.learners:
            for unit in coverage.units:
                if unit.unit.code != entry.unit.code:
                    continue
                criterion = next(c for c in unit.criteria if c.ref == entry.ref)
                items = ", ".join(self.evidence_link(src, use.item) for use in criterion.evidence) or "—"
                rows.append(
                    f"<tr><td>{self.link(src, matrix_uri(coverage.learner.id, unit.unit.code), text(self.learner_name(coverage)))}</td>"
                    f"<td>{self.badge(criterion.status)}</td><td>{items}</td></tr>"
                )
        table = (
            "<table><thead><tr><th>Learner</th><th>Status</th><th>Evidence</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            if rows
            else "<p>No learner is registered for this unit.</p>"
        )
        body = (
            f"<h1>{text(entry.ref)}</h1>"
            f"<p class='pf-criterion'>{text(entry.criterion.text)}</p>"
            f"<p>{self.link(src, unit_uri(entry.unit.code), text(f'{entry.unit.code}: {entry.unit.title}'))}, "
            f"learning outcome {entry.outcome.number}: {text(entry.outcome.text)}</p>"
            "<h2>Evidence requirements</h2>" + self.requirement_text(entry)
            + "<h2>Evidence covering it</h2>" + table
        )
        return SitePage(src, entry.ref, body, False)

    def download_list(self, src: str, learner_id: str | None, unit_code: str | None) -> str:
        links = self.downloads(learner_id, unit_code)
        if not links:
            return ""
        items = "".join(f"<li>{self.link(src, uri, text(label))}</li>" for label, uri in links)
        return f'<h2>Records</h2><ul class="pf-downloads">{items}</ul>'

    def learner_page(self, coverage: LearnerCoverage) -> SitePage:
        learner = coverage.learner
        profile = learner.profile
        assert profile is not None
        src = learner_page_uri(learner.id)
        qualification = coverage.qualification
        declaration = (
            f"signed {profile.declaration.date}" if profile.declaration and profile.declaration.signed else "not signed"
        )
        facts = [
            ("Registration number", profile.registration_number or "—"),
            ("Qualification", f"{qualification.qualification.title}" if qualification else profile.qualification),
            ("Assessor", profile.assessor),
            ("Internal quality assurer", profile.iqa),
            ("Declaration of authenticity", declaration),
        ]
        rows = "".join(f"<tr><th>{text(k)}</th><td>{text(v)}</td></tr>" for k, v in facts)
        units = "".join(
            f"<tr><td>{self.link(src, matrix_uri(learner.id, u.unit.code), text(f'{u.unit.code}: {u.unit.title}'))}</td>"
            f"<td>{self.bar(u.percent_met)}</td><td>{self.counts(u.counts)}</td>"
            f"<td>{'complete' if u.complete else 'in progress'}</td></tr>"
            for u in coverage.units
        )
        rules = ""
        if qualification:
            rule_rows = "".join(
                f"<li>{text(rule.description)}: {text(rule.detail)} "
                f"({'met' if rule.met else 'not yet met' if rule.met is False else 'cannot be checked'})</li>"
                for rule in qualification.rules
            )
            rules = f"<h2>Rules of combination</h2><ul>{rule_rows}</ul>"
        gaps = []
        for unit in coverage.units:
            for criterion in unit.criteria:
                if criterion.status == "met":
                    continue
                gaps.append(
                    f"<li>{self.link(src, criterion_uri(criterion.ref), text(criterion.ref))} "
                    f"{self.badge(criterion.status)} {text(criterion.entry.criterion.text)}"
                    f"{self.reasons(src, criterion)}</li>"
                )
        for reason in coverage.reasons:
            gaps.append(f"<li>{text(reason)}</li>")
        gap_html = f"<ul class='pf-gaps'>{''.join(gaps)}</ul>" if gaps else "<p>Nothing is missing.</p>"
        evidence_rows = []
        for item in learner.evidence:
            if not self.is_published(item):
                continue
            refs = ", ".join(self.link(src, criterion_uri(c.ref), text(c.ref)) for c in item.claims) or "—"
            evidence_rows.append(
                f"<tr><td>{text(item.meta.id or '')}</td><td>{self.link(src, evidence_uri(item), text(item.meta.title))}</td>"
                f"<td>{text(self.project.evidence_types[item.meta.type].label)}</td><td>{text(item.meta.method.label)}</td>"
                f"<td>{item.meta.date}</td><td>{refs}</td></tr>"
            )
        body = (
            f"<h1>{text(profile.name)}</h1><table>{rows}</table>"
            "<h2>Progress</h2>" + self.legend()
            + f"<table><thead><tr><th>Unit</th><th>Met</th><th>Criteria</th><th>State</th></tr></thead><tbody>{units}</tbody></table>"
            + rules
            + "<h2>What is still missing, and why</h2>" + gap_html
            + self.download_list(src, learner.id, None)
            + "<h2>Evidence</h2><table><thead><tr><th>Ref</th><th>Title</th><th>Type</th><th>Method</th>"
            f"<th>Date</th><th>Criteria</th></tr></thead><tbody>{''.join(evidence_rows)}</tbody></table>"
        )
        return SitePage(src, profile.name, body, True)

    def matrix_page(self, coverage: LearnerCoverage, unit: UnitCoverage) -> SitePage:
        learner_id = coverage.learner.id
        src = matrix_uri(learner_id, unit.unit.code)
        columns: dict[str, EvidenceItem] = {}
        for criterion in unit.criteria:
            for use in criterion.evidence:
                if self.is_published(use.item):
                    columns.setdefault(use.item.file, use.item)
        items = list(columns.values())
        head = "".join(
            f'<th class="pf-item" title="{text(item.meta.title)}">{self.evidence_link(src, item)}</th>' for item in items
        )
        rows = []
        for criterion in unit.criteria:
            uses = {use.item.file: use for use in criterion.evidence}
            cells = []
            for item in items:
                use = uses.get(item.file)
                if use is None:
                    cells.append("<td></td>")
                    continue
                state: Status = "met" if use.counts_as_met else (
                    "not-yet-met" if use.current_decision is not None or not use.method_accepted else "claimed"
                )
                cells.append(f'<td class="pf-cell pf-{state}" title="{STATUS_LABELS[state]}">{STATUS_SHORT[state]}</td>')
            rows.append(
                f"<tr><th>{self.link(src, criterion_uri(criterion.ref), text(criterion.entry.criterion.ref))}</th>"
                f"<td class='pf-text'>{text(criterion.entry.criterion.text)}</td>"
                f'<td class="pf-cell pf-{criterion.status}">{STATUS_LABELS[criterion.status]}</td>{"".join(cells)}</tr>'
            )
        name = self.learner_name(coverage)
        body = (
            f"<h1>{text(unit.unit.code)}: {text(unit.unit.title)}</h1>"
            f"<p>{self.link(src, learner_page_uri(learner_id), text(name))} — {self.bar(unit.percent_met)} of criteria met</p>"
            + self.legend()
            + '<div class="pf-matrix"><table><thead><tr><th>AC</th><th>Criterion</th><th>Status</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            + self.download_list(src, learner_id, unit.unit.code)
        )
        return SitePage(src, f"{name}: {unit.unit.code}", body, True)

    def evidence_page(self, coverage: LearnerCoverage, item: EvidenceItem) -> SitePage:
        src = evidence_uri(item)
        meta = item.meta
        decisions = []
        for unit in coverage.units:
            for criterion in unit.criteria:
                for use in criterion.evidence:
                    if use.item is not item:
                        continue
                    decision = use.decision
                    if decision is None:
                        verdict = "awaiting assessment"
                    else:
                        verdict = f"{decision.outcome.value.replace('-', ' ')} ({decision.date}, {decision.assessor})"
                        if use.changed_since_decision:
                            verdict += " — the file has changed since; it needs assessing again"
                    if not use.method_accepted:
                        verdict += " — this method is not accepted for the criterion"
                    feedback = f"<br><em>{text(decision.feedback)}</em>" if decision and decision.feedback else ""
                    note = f"<br><small>{text(use.note)}</small>" if use.note else ""
                    decisions.append(
                        f"<tr><td>{self.link(src, criterion_uri(criterion.ref), text(criterion.ref))}{note}</td>"
                        f"<td>{text(verdict)}{feedback}</td></tr>"
                    )
        spec = self.project.evidence_types[meta.type]
        type_label = spec.label
        details = "".join(
            f"<tr><th>{text(name.replace('_', ' ').capitalize())}</th><td>{text(display_value(item.fields[name]))}</td></tr>"
            for name, definition in spec.fields.items()
            if definition.publish and name in item.fields
        )
        tags = "".join(f'<span class="pf-tag">{text(tag)}</span>' for tag in meta.tags)
        header = (
            f"<h1>{text(meta.title)}</h1>"
            "<table>"
            f"<tr><th>Learner</th><td>{self.link(src, learner_page_uri(item.learner), text(self.learner_name(coverage)))}</td></tr>"
            + (f"<tr><th>Portfolio reference</th><td>{text(meta.id)}</td></tr>" if meta.id else "")
            + f"<tr><th>Type</th><td>{text(type_label)}</td></tr>"
            f"<tr><th>Method</th><td>{text(meta.method.label)}</td></tr>"
            f"<tr><th>Date</th><td>{meta.date}</td></tr>"
            + (f"<tr><th>Keywords</th><td>{tags}</td></tr>" if tags else "")
            + details
            + "</table>"
            + (f"<p>{text(meta.summary)}</p>" if meta.summary else "")
            + "<h2>Criteria and decisions</h2>"
            + (
                f"<table><thead><tr><th>Criterion</th><th>Decision</th></tr></thead><tbody>{''.join(decisions)}</tbody></table>"
                if decisions
                else "<p>Not mapped to any criterion of the learner's units.</p>"
            )
        )
        body = header + '<h2>Evidence</h2><div class="pf-evidence-body">' + self.evidence_body(src, item) + "</div>"
        return SitePage(src, meta.title, body, False, tags=[type_label, meta.method.label])

    def image_url(self, src: str, item: EvidenceItem, written: str) -> str | None:
        """URL of an image the learner's Markdown refers to, if it is published evidence."""
        folder = posixpath.dirname(item.path)
        target = posixpath.normpath(posixpath.join(folder, unquote(written.split("#")[0].split("?")[0])))
        published = self.published.get(f"{self.project.learners[item.learner].folder}/{target}")
        if published is None or published.is_markdown or Path(published.path).suffix.lower() not in IMAGE_SUFFIXES:
            return None
        return relative_link(src, original_uri(published), self.directory_urls)

    def evidence_body(self, src: str, item: EvidenceItem) -> str:
        if item.is_markdown:
            return render_markdown(item.body or "", lambda src_path: self.image_url(src, item, src_path))
        original = original_uri(item)
        href = text(relative_link(src, original, self.directory_urls))
        suffix = Path(item.path).suffix.lower()
        name = text(Path(item.path).name)
        download = f'<p><a href="{href}" download>Download the original ({name})</a></p>'
        if suffix in IMAGE_SUFFIXES:
            return f'<p><img src="{href}" alt="{text(item.meta.title)}"></p>' + download
        if suffix == ".pdf":
            return (
                f'<object class="pf-pdf" data="{href}" type="application/pdf">'
                f'<p>This browser cannot show the PDF here.</p></object>' + download
            )
        if suffix == ".docx":
            from .docx_html import docx_to_html

            return docx_to_html(self.project.root / item.file) + download
        if suffix in AUDIO_SUFFIXES:
            return f'<audio controls preload="none" src="{href}"></audio>' + download
        if suffix in VIDEO_SUFFIXES:
            return f'<video controls preload="none" src="{href}"></video>' + download
        return download


def build_site_content(
    result: CheckResult,
    directory_urls: bool = True,
    downloads: Callable[[str | None, str | None], list[tuple[str, str]]] | None = None,
) -> SiteContent:
    """All pages and published files of the site for one check result."""
    return Renderer(result, directory_urls, downloads).build()
