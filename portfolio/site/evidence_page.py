"""Evidence pages: the header (type, method, date, criteria, decisions) and the evidence itself."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Any
from urllib.parse import unquote

from ..assessment.feedback import acknowledgement_of
from ..assessment.models import Decision
from ..assessment.rules import summary
from ..coverage import LearnerCoverage
from ..coverage.criteria import changed_note
from ..evidence.types import display_value
from ..load import EvidenceItem
from ..privacy.audience import Audience
from .common import RendererBase, SitePage, criterion_uri, learner_page_uri
from .names import AUDIO_SUFFIXES, IMAGE_SUFFIXES, VIDEO_SUFFIXES, is_inert, suffix
from .sanitize import clean_html, render_markdown
from .templating import render, sanitised
from .urls import relative_link

_HEADING = re.compile(r"<(/?)h([1-6])\b")
FIRST_BODY_LEVEL = 3
"""The page's own sections are h2 ('Evidence'): the learner's headings go below them."""


def renumber_headings(cleaned: str) -> str:
    """The evidence's headings as h3, h4, … in the order of their levels, with no level skipped.

    A learner who starts at '##', or jumps from '#' to '###', would otherwise leave gaps in the
    page's outline. Only the digit of tags that the sanitiser let through changes."""
    levels = sorted({int(match.group(2)) for match in _HEADING.finditer(cleaned)})
    new = {level: min(FIRST_BODY_LEVEL + rank, 6) for rank, level in enumerate(levels)}
    return _HEADING.sub(lambda match: f"<{match.group(1)}h{new[int(match.group(2))]}", cleaned)


_IMAGE_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=\")([^>]*)>")


def describe_images(cleaned: str) -> str:
    """Every image with a text alternative: one the sanitiser left without a source shows nothing
    (alt=""); one the learner gave no description says so."""

    def alt(match: re.Match[str]) -> str:
        attributes = match.group(1)
        text = "a picture in the evidence, with no description" if re.search(r'\ssrc="', attributes) else ""
        return f'<img alt="{text}"{attributes}>'

    return _IMAGE_WITHOUT_ALT.sub(alt, cleaned)


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
                        verdict = "awaiting assessment" if use.valid else "cannot count"
                    else:
                        verdict = f"{decision.outcome.value.replace('-', ' ')} ({decision.date}, {decision.assessor})"
                        if use.changed_since_decision:
                            verdict += f" — changed since{changed_note(use.changed_parts)}; it needs assessing again"
                    if not use.method_accepted:
                        verdict += " — this method is not accepted for the criterion"
                    if use.currency_note:
                        verdict += f" — {use.currency_note}; it does not count"
                    if decision is not None and decision.countersigned_by:
                        verdict += f" — trainee's decision, countersigned by {decision.countersigned_by}"
                    private = self.publication.audience is not Audience.PUBLIC
                    if not private and not use.counts_as_met:
                        verdict = "—"  # the public see what is met, not verdicts short of it nor what waits
                    shown = decision is not None and decision.feedback and private
                    decisions.append({
                        "criterion": self.link(src, criterion_uri(criterion.ref), criterion.ref),
                        "note": use.note,
                        "verdict": verdict,
                        "feedback": decision.feedback if shown and decision else None,
                        "history": self.history(coverage, item, criterion.ref),
                        **(self.assessment_record(coverage, decision, use.counts_as_met) if private and decision else {}),
                    })
        spec = self.project.evidence_types[meta.type]
        details = [
            (name.replace("_", " ").capitalize(), display_value(item.fields[name]))
            for name, definition in spec.fields.items()
            if definition.publish and item.fields.get(name) is not None  # an optional field left empty shows nothing
        ]
        html = render(
            "evidence.html",
            meta=meta,
            learner=self.link(src, learner_page_uri(item.learner), self.learner_name(coverage)),
            type_label=spec.label,
            details=details,
            decisions=decisions,
            warnings=self.item_warnings(item),
            you=self.publication.audience is Audience.LEARNER,
            body=self.evidence_body(src, item),
        )
        return SitePage(src, meta.title, html, False, tags=[spec.label, meta.method.label])

    def assessment_record(self, coverage: LearnerCoverage, decision: Decision, met: bool) -> dict[str, Any]:
        """What the staff and the learner see of a decision beyond its verdict: the rules of
        evidence recorded, the action points (overdue while past due and the criterion is not met
        by this item: acknowledging is not doing), and the learner's acknowledgement."""
        today = dt.date.today()
        ack = acknowledgement_of(decision, coverage.learner.acknowledgements)
        return {
            "rules": summary(decision.rules, {str(k): v for k, v in decision.rule_notes.items()}),
            "rules_recorded": decision.rules is not None,
            "actions": [
                {"action": a.action, "due": a.due, "overdue": a.due < today and not met} for a in decision.actions
            ],
            "acknowledged": ack,
            "ask_to_acknowledge": ack is None and bool(decision.feedback or decision.actions),
        }

    def history(self, coverage: LearnerCoverage, item: EvidenceItem, ref: str) -> list[str]:
        """Every decision recorded on the item for the criterion, oldest first."""
        lines = []
        for decision in coverage.learner.decisions:
            if decision.evidence != item.path or decision.criterion != ref:
                continue
            line = f"{decision.date}: {decision.outcome.value.replace('-', ' ')}, {decision.assessor}"
            if decision.countersigned_by:
                line += f" (countersigned by {decision.countersigned_by}, {decision.countersigned_on})"
            if decision.feedback and self.publication.audience is not Audience.PUBLIC:
                line += f": {decision.feedback}"
            lines.append(line)
        return lines

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

    def evidence_body(self, src: str, item: EvidenceItem) -> dict[str, Any]:
        """What the page shows of the evidence itself, for the template."""
        if item.is_markdown:
            cleaned = render_markdown(item.body or "", lambda src_path: self.image_url(src, item, src_path))
            return {"kind": "html", "html": sanitised(describe_images(renumber_headings(cleaned)))}
        withheld = self.publication.withheld.get(item.file)
        if withheld is not None:
            return {"kind": "withheld", "why": withheld}
        ext = suffix(item.path)
        body: dict[str, Any] = {
            "kind": "file",
            "href": relative_link(src, self.original_uri(item), self.directory_urls),
            "name": item.path.rsplit("/", 1)[-1],
            "inert": is_inert(item.path),
        }
        if ext in IMAGE_SUFFIXES:
            body["kind"] = "image"
        elif ext == ".pdf":
            body["kind"] = "pdf"
        elif ext == ".docx":
            from .docx_html import docx_to_html

            body["kind"] = "docx"
            converted = docx_to_html(self.project.root / item.file, self.project.root / "evidence")
            body["html"] = sanitised(renumber_headings(clean_html(converted)))
        elif ext in AUDIO_SUFFIXES:
            body["kind"] = "audio"
        elif ext in VIDEO_SUFFIXES:
            body["kind"] = "video"
        return body
