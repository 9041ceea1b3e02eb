"""Evidence pages: the header (type, method, date, criteria, decisions) and the evidence itself."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from ..coverage import LearnerCoverage
from ..coverage.criteria import changed_note
from ..evidence.types import display_value
from ..load import EvidenceItem
from ..privacy.audience import Audience
from .common import RendererBase, SitePage, criterion_uri, learner_page_uri
from .names import AUDIO_SUFFIXES, IMAGE_SUFFIXES, VIDEO_SUFFIXES, is_inert, suffix
from .sanitize import render_markdown, text
from .urls import relative_link


class EvidencePageRenderer(RendererBase):
    def evidence_page(self, coverage: LearnerCoverage, item: EvidenceItem) -> SitePage:
        src = self.evidence_uri(item)
        meta = item.meta
        decisions = []
        for unit in coverage.units:
            for criterion in [row for c in unit.criteria for row in (c, *c.parts)]:
                for use in criterion.evidence:
                    if use.item is not item:
                        continue
                    decision = use.decision
                    if decision is None:
                        verdict = "awaiting assessment"
                    else:
                        verdict = f"{decision.outcome.value.replace('-', ' ')} ({decision.date}, {decision.assessor})"
                        if use.changed_since_decision:
                            verdict += f" — changed since{changed_note(use.changed_parts)}; it needs assessing again"
                    if not use.method_accepted:
                        verdict += " — this method is not accepted for the criterion"
                    if use.currency_note:
                        verdict += f" — {use.currency_note}; it does not count"
                    shown = decision is not None and decision.feedback and self.publication.audience is not Audience.PUBLIC
                    feedback = f"<br><em>{text(decision.feedback)}</em>" if shown and decision else ""
                    note = f"<br><small>{text(use.note)}</small>" if use.note else ""
                    if decision is not None and decision.countersigned_by:
                        verdict += f" — trainee's decision, countersigned by {decision.countersigned_by}"
                    decisions.append(
                        f"<tr><td>{self.link(src, criterion_uri(criterion.ref), text(criterion.ref))}{note}</td>"
                        f"<td>{text(verdict)}{feedback}{self.history(coverage, item, criterion.ref)}</td></tr>"
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

    def history(self, coverage: LearnerCoverage, item: EvidenceItem, ref: str) -> str:
        """Every decision recorded on the item for the criterion, oldest first, when there is more than one."""
        recorded = [d for d in coverage.learner.decisions if d.evidence == item.path and d.criterion == ref]
        if len(recorded) < 2:
            return ""
        rows = []
        for decision in recorded:
            line = f"{decision.date}: {decision.outcome.value.replace('-', ' ')}, {decision.assessor}"
            if decision.countersigned_by:
                line += f" (countersigned by {decision.countersigned_by}, {decision.countersigned_on})"
            if decision.feedback and self.publication.audience is not Audience.PUBLIC:
                line += f": {decision.feedback}"
            rows.append(f"<li>{text(line)}</li>")
        return f"<details class='pf-history'><summary>History ({len(recorded)} decisions)</summary><ol>{''.join(rows)}</ol></details>"

    def image_url(self, src: str, item: EvidenceItem, written: str) -> str | None:
        """URL of an image the learner's Markdown refers to, if it is published evidence."""
        folder = posixpath.dirname(item.path)
        target = posixpath.normpath(posixpath.join(folder, unquote(written.split("#")[0].split("?")[0])))
        if target.startswith(("../", "/")) or target == "..":
            return None  # only the learner's own published images, never another folder's
        published = self.publication.originals.get(f"{self.project.learners[item.learner].folder}/{target}")
        if published is None or published.is_markdown or suffix(published.path) not in IMAGE_SUFFIXES:
            return None
        return relative_link(src, self.original_uri(published), self.directory_urls)

    def evidence_body(self, src: str, item: EvidenceItem) -> str:
        if item.is_markdown:
            return render_markdown(item.body or "", lambda src_path: self.image_url(src, item, src_path))
        withheld = self.publication.withheld.get(item.file)
        if withheld is not None:
            return f"<p>The original is not published on this site: {text(withheld)}.</p>"
        original = self.original_uri(item)
        href = text(relative_link(src, original, self.directory_urls))
        ext = suffix(item.path)
        name = text(item.path.rsplit("/", 1)[-1])
        if is_inert(item.path):
            download = f'<p><a href="{href}" download>Download the original ({name})</a></p>'
        else:
            download = (
                f'<p><a href="{href}" download>Download the original as plain text ({name})</a>: files of this '
                "type are never published as they are, because a browser could run what they contain.</p>"
            )
        if ext in IMAGE_SUFFIXES:
            return f'<p><img src="{href}" alt="{text(item.meta.title)}"></p>' + download
        if ext == ".pdf":
            return (
                f'<object class="pf-pdf" data="{href}" type="application/pdf">'
                f'<p>This browser cannot show the PDF here.</p></object>' + download
            )
        if ext == ".docx":
            from .docx_html import docx_to_html

            return docx_to_html(self.project.root / item.file, self.project.root / "evidence") + download
        if ext in AUDIO_SUFFIXES:
            return f'<audio controls preload="none" src="{href}"></audio>' + download
        if ext in VIDEO_SUFFIXES:
            return f'<video controls preload="none" src="{href}"></video>' + download
        return download

