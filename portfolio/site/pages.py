"""Every page of the portfolio site, as HTML, from one coverage computation.

Nothing here imports mkdocs: the plugin hands these pages to mkdocs (or any other engine). Every
learner-supplied value is escaped or sanitised here; confidential evidence is left out entirely,
and where it affects a status the page says only that unpublished evidence exists.
"""

from __future__ import annotations

from collections.abc import Callable

from ..assessment.methods import METHOD_LABELS
from ..check import CheckResult
from ..coverage import STATUS_LABELS, LearnerCoverage, Status, UnitCoverage, use_reason
from ..criteria.models import Unit
from ..criteria.references import level_label
from ..load import CriterionEntry, EvidenceItem
from ..privacy.audience import Audience, Publication
from .common import (
    CSS_URI,
    STATUS_SHORT,
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
from .sanitize import text

__all__ = ["CSS_URI", "NavEntry", "Renderer", "SiteContent", "SiteFile", "SitePage", "build_site_content"]


class Renderer(EvidencePageRenderer):
    """Renders the site's pages for one check result."""

    def build(self) -> SiteContent:
        pages: dict[str, SitePage] = {}

        def add(page: SitePage) -> None:
            pages[page.src_uri] = page

        add(self.home())
        add(self.criteria_browser())
        for unit in self.shown_units():
            add(self.unit_page(unit))
        for entry in self.project.criteria.values():
            if entry.unit.code in self.unit_codes:
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
                if self.is_original_published(item):
                    files.append(SiteFile(self.original_uri(item), self.project.root / item.file))
        nav = [NavEntry("Centre", "index.md"), NavEntry("Criteria", "criteria/index.md")]
        if nav_learners:  # a public site before anyone consents has none
            nav.append(NavEntry("Learners", children=nav_learners))
        return SiteContent(pages, files, nav)

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
            if unpublished and self.publication.staff
            else ""
        )
        body = (
            f"<h1>{text(title)}</h1>"
            f"<p>{self.audience_line()} Progress is the share of assessment criteria met.</p>"
            + self.legend()
            + '<div class="pf-cohort"><table><thead><tr><th>Learner</th><th>Qualification</th>'
            "<th>Progress per unit</th><th>Criteria</th><th>Items awaiting assessment</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            + note
            + self.download_list(src, None, None)
        )
        return SitePage(src, "Centre", body, True)

    def audience_line(self) -> str:
        audience = self.publication.audience
        if audience is Audience.LEARNER:
            return "Your own portfolio: no one else's work is on this site."
        if audience is Audience.PUBLIC:
            if not self.learners:
                return "No learner's work is shown yet: it is shown only with their recorded consent."
            return f"Work shown with the consent of {len(self.learners)} learner(s)."
        return f"{len(self.learners)} learner(s). This site is for the centre's staff: serve it behind a login."

    @property
    def unit_codes(self) -> set[str]:
        """A learner's site holds the criteria of their own units; other sites every unit's."""
        if self.publication.audience is Audience.LEARNER:
            return {u.unit.code for lc in self.learners for u in lc.units}
        return set(self.project.units)

    def shown_units(self) -> list[Unit]:
        codes = self.unit_codes
        return [unit for unit in self.project.units.values() if unit.code in codes]

    def criteria_browser(self) -> SitePage:
        src = "criteria/index.md"
        parts = ["<h1>Criteria</h1>"]
        qualifications = list(self.project.qualifications.values())
        if self.publication.audience is Audience.LEARNER:
            own = {lc.qualification.qualification.id for lc in self.learners if lc.qualification}
            qualifications = [q for q in qualifications if q.id in own]
        shown = self.unit_codes
        for qualification in qualifications:
            number = f" — {text(qualification.number)}" if qualification.number else ""
            parts.append(f"<h2>{text(qualification.title)}{number}</h2>")
            parts.append(
                f"<p>{text(qualification.awarding_body)}, level {text(level_label(qualification.level))}."
                + (f" {text(qualification.source)}" if qualification.source else "")
                + "</p>"
            )
            parts.append("<ul>")
            for code in qualification.units_named():
                unit = self.project.units.get(code)
                kind = "mandatory" if code in qualification.rules.mandatory else "optional"
                if unit is not None and code not in shown:
                    parts.append(f"<li>{text(f'{code}: {unit.title}')} ({kind}; not one of your units)</li>")
                    continue
                if unit is None:
                    entry = self.project.unit_entries.get(code)
                    if entry is not None:
                        parts.append(f"<li>{text(f'{code}: {entry.title}')} ({kind}; not assessed at this centre)</li>")
                    continue
                parts.append(f"<li>{self.link(src, unit_uri(code), text(f'{code}: {unit.title}'))} ({kind})</li>")
            parts.append("</ul>")
        parts.append("<h2>Units</h2>")
        for unit in self.shown_units():
            parts.append(f"<h3>{self.link(src, unit_uri(unit.code), text(f'{unit.code}: {unit.title}'))}</h3>")
            parts.append(self.outcome_list(src, unit))
        return SitePage(src, "Criteria", "".join(parts), True)

    def outcome_list(self, src: str, unit: Unit) -> str:
        parts = ["<ol class='pf-outcomes'>"]
        for outcome in unit.learning_outcomes:
            parts.append(f"<li value='{outcome.number}'>{text(outcome.text)}<ul>")
            for criterion in outcome.criteria:
                ref = f"{unit.code}/{criterion.ref}"
                grade = f" <small>({text(criterion.grade.value)})</small>" if criterion.grade else ""
                sub = "".join(
                    f"<li>{self.link(src, criterion_uri(f'{unit.code}/{part.ref}'), text(part.ref))} {text(part.text)}</li>"
                    for part in criterion.parts
                )
                parts.append(
                    f"<li>{self.link(src, criterion_uri(ref), text(criterion.ref))} {text(criterion.text)}{grade}"
                    + (f"<ul>{sub}</ul>" if sub else "") + "</li>"
                )
            parts.append("</ul></li>")
        parts.append("</ol>")
        return "".join(parts)

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
        rows = "".join(f"<tr><th>{text(k)}</th><td>{text(v)}</td></tr>" for k, v in facts)
        source = f"<p>{text(unit.source)}</p>" if unit.source else ""
        if unit.assessment_requirements:
            source += f"<h2>Assessment requirements</h2><p>{text(unit.assessment_requirements)}</p>"
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
            f"<li>{'Competence' if requirement.performance else 'Knowledge'} criterion</li>",
            f"<li>At least {requirement.minimum_items} item(s) assessed as met</li>",
            f"<li>Methods accepted: {text(methods)}</li>",
            f"<li>Simulation {'accepted' if requirement.simulation else 'not accepted: real work only'}</li>",
        ]
        if requirement.performance:
            lines.append("<li>Needs evidence of performance at work</li>")
        if requirement.required_methods:
            needed = " or ".join(METHOD_LABELS[m] for m in sorted(requirement.required_methods, key=lambda m: m.value))
            lines.append(f"<li>At least one item assessed by {text(needed)}</li>")
        if requirement.currency_years:
            lines.append(f"<li>Evidence no older than {requirement.currency_years} year(s) when assessed</li>")
        if entry.criterion.builds_on and entry.part is None:
            lines.append(f"<li>Builds on {text(', '.join(entry.criterion.builds_on))}</li>")
        lines += [f"<li>Assessment requirement: {text(r)}</li>" for r in requirement.assessment_requirements]
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
                criterion = next(c for c in unit.criteria + [p for c in unit.criteria for p in c.parts] if c.ref == entry.ref)
                shown = {use.item.file: use.item for use in criterion.all_evidence}
                items = ", ".join(self.evidence_link(src, item) for item in shown.values()) or "—"
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
            f"<p class='pf-criterion'>{text(entry.text)}</p>"
            + (f"<p>Part of {self.link(src, criterion_uri(f'{entry.unit.code}/{entry.criterion.ref}'), text(entry.criterion.ref))}: "
               f"{text(entry.criterion.text)}</p>" if entry.part else "")
            + (f"<p>Assessed through its parts: {', '.join(self.link(src, criterion_uri(f'{entry.unit.code}/{p.ref}'), text(p.ref)) for p in entry.criterion.parts)}</p>"
               if entry.assessed_by_parts else "")
            + (f"<p>Grade: {text(entry.criterion.grade.value)}</p>" if entry.criterion.grade and not entry.part else "")
            + 
            f"<p>{self.link(src, unit_uri(entry.unit.code), text(f'{entry.unit.code}: {entry.unit.title}'))}, "
            f"learning outcome {entry.outcome.number}: {text(entry.outcome.text)}</p>"
            "<h2>Evidence requirements</h2>" + self.requirement_text(entry)
            + "<h2>Evidence covering it</h2>" + table
        )
        return SitePage(src, entry.ref, body, False)

    def learner_page(self, coverage: LearnerCoverage) -> SitePage:
        learner = coverage.learner
        profile = learner.profile
        assert profile is not None
        src = learner_page_uri(learner.id)
        qualification = coverage.qualification
        declaration = (
            f"signed {profile.declaration.date}" if profile.declaration and profile.declaration.signed else "not signed"
        )
        public = self.publication.audience is Audience.PUBLIC
        facts = [] if public else [
            ("Registration number", profile.registration_number or "—"),
        ]
        facts += [
            ("Qualification", f"{qualification.qualification.title}" if qualification else profile.qualification),
            ("Assessor", profile.assessor),
            ("Internal quality assurer", profile.iqa),
            ("Declaration of authenticity", declaration),
            ("Portfolio", "complete" if coverage.complete else "not complete: see what is still missing below"),
        ]
        if qualification is not None and qualification.achieved:
            met = "met" + (f"; qualification grade {qualification.grade}" if qualification.grade else "")
            facts.append(("Rules of combination", met))
        for record in profile.achieved_elsewhere:
            facts.append((f"Unit {record.unit}", f"achieved elsewhere ({record.route.value}, {record.date})"
                          + (f", grade {record.grade.value}" if record.grade else "")
                          + (f", {record.reference}" if record.reference and not public else "")))
        rows = "".join(f"<tr><th>{text(k)}</th><td>{text(v)}</td></tr>" for k, v in facts)
        units = "".join(
            f"<tr><td>{self.link(src, matrix_uri(learner.id, u.unit.code), text(f'{u.unit.code}: {u.unit.title}'))}</td>"
            f"<td>{self.bar(u.percent_met)}</td><td>{self.counts(u.counts)}</td>"
            f"<td>{self.unit_state(u)}</td></tr>"
            for u in coverage.units
        )
        rules = ""
        if qualification:
            rule_rows = "".join(
                f"<li>{text(rule.description)}: {text(rule.detail)} "
                f"({'met' if rule.met else 'not yet met' if rule.met is False else 'cannot be checked'})</li>"
                for rule in qualification.rules
            )
            verdict = {"met": "met", "not-met": "not yet met", "cannot-check": "cannot be checked"}[qualification.rules_status]
            rules = f"<h2>Rules of combination</h2><p>The rules are {verdict}.</p><ul>{rule_rows}</ul>"
        gaps = []
        for unit in coverage.units:
            for criterion in unit.criteria:
                if criterion.status == "met":
                    continue
                gaps.append(
                    f"<li>{self.link(src, criterion_uri(criterion.ref), text(criterion.ref))} "
                    f"{self.badge(criterion.status)} {text(criterion.entry.text)}"
                    f"{self.reasons(src, criterion)}</li>"
                )
        for reason in coverage.reasons + coverage.rule_reasons:
            gaps.append(f"<li>{text(reason)}</li>")
        if coverage.complete:
            gap_html = "<p>Nothing is missing: every unit is complete, the declaration is signed and the rules are met.</p>"
        else:
            gap_html = f"<ul class='pf-gaps'>{''.join(gaps)}</ul>"
        evidence_rows = []
        for item in learner.evidence:
            if not self.is_published(item):
                continue
            refs = ", ".join(
                self.link(src, criterion_uri(c.ref), text(c.ref)) if c.ref.split("/", 1)[0] in self.unit_codes else text(c.ref)
                for c in item.claims
            ) or "—"
            evidence_rows.append(
                f"<tr><td>{text(item.meta.id or '')}</td><td>{self.link(src, self.evidence_uri(item), text(item.meta.title))}</td>"
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

    @staticmethod
    def unit_state(unit: UnitCoverage) -> str:
        if unit.unit.graded:
            return f"achieved: {unit.grade.value}" if unit.grade else "in progress (pass criteria not all met)"
        return "complete" if unit.complete else "in progress"

    def matrix_page(self, coverage: LearnerCoverage, unit: UnitCoverage) -> SitePage:
        learner_id = coverage.learner.id
        src = matrix_uri(learner_id, unit.unit.code)
        columns: dict[str, EvidenceItem] = {}
        for criterion in unit.criteria:
            for use in criterion.all_evidence:
                if self.is_published(use.item):
                    columns.setdefault(use.item.file, use.item)
        items = list(columns.values())
        head = "".join(
            f'<th class="pf-item" title="{text(item.meta.title)}">{self.evidence_link(src, item)}</th>' for item in items
        )
        rows = []
        for criterion in [row for c in unit.criteria for row in (c, *c.parts)]:
            uses = {use.item.file: use for use in criterion.evidence}
            cells = []
            for item in items:
                use = uses.get(item.file)
                if use is None:
                    cells.append("<td></td>")
                    continue
                if not use.valid:
                    why = use_reason(use, criterion.requirement) if criterion.requirement else None
                    cells.append(f'<td class="pf-cell pf-not-yet-met" title="{text(why or "")}">does not count</td>')
                    continue
                state: Status = "met" if use.counts_as_met else (
                    "not-yet-met" if use.current_decision is not None else "claimed"
                )
                cells.append(f'<td class="pf-cell pf-{state}" title="{STATUS_LABELS[state]}">{STATUS_SHORT[state]}</td>')
            label = criterion.entry.part.ref if criterion.entry.part else criterion.entry.criterion.ref
            rows.append(
                f"<tr><th>{self.link(src, criterion_uri(criterion.ref), text(label))}</th>"
                f"<td class='pf-text'>{text(criterion.entry.text)}</td>"
                f'<td class="pf-cell pf-{criterion.status}">{STATUS_LABELS[criterion.status]}</td>{"".join(cells)}</tr>'
            )
        name = self.learner_name(coverage)
        body = (
            f"<h1>{text(unit.unit.code)}: {text(unit.unit.title)}</h1>"
            f"<p>{self.link(src, learner_page_uri(learner_id), text(name))} — {self.bar(unit.percent_met)} of criteria met; "
            f"{text(self.unit_state(unit))}</p>"
            + self.legend()
            + '<div class="pf-matrix"><table><thead><tr><th>AC</th><th>Criterion</th><th>Status</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            + self.download_list(src, learner_id, unit.unit.code)
        )
        return SitePage(src, f"{name}: {unit.unit.code}", body, True)


def build_site_content(
    result: CheckResult,
    directory_urls: bool = True,
    downloads: Callable[[str | None, str | None], list[tuple[str, str]]] | None = None,
    publication: Publication | None = None,
) -> SiteContent:
    """All pages and published files of the site for one check result and audience (staff by default)."""
    return Renderer(result, directory_urls, downloads, publication).build()
