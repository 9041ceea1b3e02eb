"""A learner's page: facts, progress, what the learner needs to do next apart from what waits for
the assessor, and the evidence with the standing of each item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..coverage import LearnerCoverage
from ..coverage.criteria import changed_note
from ..load import EvidenceItem
from ..privacy.audience import Audience
from .common import Link, RendererBase, SitePage, criterion_uri, learner_page_uri, matrix_uri
from .templating import render

NEXT_STEP = {
    "unmapped": "no evidence yet: add an item that shows it, and claim this criterion in it",
    "not-yet-met": "assessed as not yet met: act on the feedback, then ask for it to be assessed again or add evidence",
    "in-progress": "more is needed before it can be met",
}


class LearnerPageRenderer(RendererBase):
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
        facts: list[tuple[str, object]] = [] if public else [
            ("Registration number", profile.registration_number or "—"),
        ]
        facts += [
            ("Qualification", f"{qualification.qualification.title}" if qualification else profile.qualification),
            ("Assessor", profile.assessor),
            ("Internal quality assurer", profile.iqa),
            ("Declaration of authenticity", declaration),
            ("Portfolio", "complete" if coverage.complete else "not complete" if public
             else "not complete: see what is still to do below"),
        ]
        if qualification is not None and qualification.achieved:
            met = "met" + (f"; qualification grade {qualification.grade}" if qualification.grade else "")
            facts.append(("Rules of combination", met))
        for record in profile.achieved_elsewhere:
            facts.append((f"Unit {record.unit}", f"achieved elsewhere ({record.route.value}, {record.date})"
                          + (f", grade {record.grade.value}" if record.grade else "")
                          + (f", {record.reference}" if record.reference and not public else "")))
        units = [
            {
                "link": self.link(src, matrix_uri(learner.id, u.unit.code), f"{u.unit.code}: {u.unit.title}"),
                "counts": u.counts,
                "state": self.unit_state(u),
                "sign_offs": [] if public else [
                    {"role": state.sign_off.role.label, "name": state.sign_off.name,
                     "at": f"{state.sign_off.signed_at:%Y-%m-%d %H:%M}", "holds": state.holds, "changes": state.changes}
                    for state in u.sign_offs
                ],
            }
            for u in coverage.units
        ]
        rules = None
        if qualification:
            verdict = {"met": "met", "not-met": "not yet met", "cannot-check": "cannot be checked"}[qualification.rules_status]
            rules = {
                "verdict": verdict,
                "lines": [
                    f"{rule.description}: {rule.detail} "
                    f"({'met' if rule.met else 'not yet met' if rule.met is False else 'cannot be checked'})"
                    for rule in qualification.rules
                ],
            }
        published = [item for item in learner.evidence if self.is_published(item)]
        html = render(
            "learner.html",
            you=self.publication.audience is Audience.LEARNER,
            public=public,
            name=profile.name,
            facts=facts,
            units=units,
            rules=rules,
            complete=coverage.complete,
            todo=self.todo(src, coverage),
            fixes=[
                {"item": self.evidence_link(src, item), "warnings": warnings}
                for item in published
                if (warnings := self.item_warnings(item))
            ],
            portfolio_reasons=coverage.reasons + coverage.rule_reasons,
            waiting=self.waiting(src, coverage),
            downloads=self.download_links(src, learner.id, None),
            evidence=[self.evidence_row(src, coverage, item) for item in published],
            plan=None if public else self.plan(src, coverage),
        )
        return SitePage(src, profile.name, html, True)

    def plan(self, src: str, coverage: LearnerCoverage) -> dict[str, Any] | None:
        """The learner's assessment plan: activities with their state, and the progress reviews."""
        plan = coverage.learner.plan
        if plan is None or not (plan.activities or plan.reviews):
            return None
        today = dt.date.today()
        states = {"done": "done", "overdue": "overdue", "planned": "planned"}
        return {
            "activities": [
                {
                    "activity": a.activity,
                    "criteria": [self.link(src, criterion_uri(ref), ref) if ref in self.project.criteria else Link(ref)
                                 for ref in a.criteria],
                    "method": a.method.label if a.method else None,
                    "target": a.target,
                    "done": a.done,
                    "state": states[a.state(today)],
                }
                for a in plan.activities
            ],
            "reviews": list(plan.reviews),
            "next_review": plan.next_review(),
        }

    def todo(self, src: str, coverage: LearnerCoverage) -> list[dict[str, Any]]:
        """The learner's own work: criteria with no evidence, not yet met, or needing more."""
        return [
            {
                "link": self.link(src, criterion_uri(criterion.ref), criterion.ref),
                "status": criterion.status,
                "text": criterion.entry.text,
                "step": NEXT_STEP[criterion.status],
                # The step says as much already for these two.
                "reasons": [r for r in self.reasons(src, criterion) if r.text not in ("awaiting assessment", "no evidence mapped")],
            }
            for unit in coverage.units
            for criterion in unit.criteria
            if criterion.status in NEXT_STEP
        ]

    def waiting(self, src: str, coverage: LearnerCoverage) -> dict[str, Any]:
        """Items that wait for the assessor's decision, oldest first."""
        rows: list[dict[str, Any]] = []
        hidden: list[EvidenceItem] = []
        for item in sorted(coverage.learner.evidence, key=lambda i: (i.meta.date, i.reference)):
            awaiting = [(ref, use) for ref, use in self.uses_of(coverage, item) if use.awaiting_assessment]
            refs = [ref for ref, _ in awaiting]
            if not refs:
                continue
            changed = [use for _, use in awaiting if use.changed_since_decision and use.decision is not None]
            if not self.is_published(item):
                hidden.append(item)
                continue
            rows.append({
                "item": self.evidence_link(src, item),
                "title": item.meta.title if item.meta.id else None,
                "criteria": [self.link(src, criterion_uri(ref), ref) for ref in dict.fromkeys(refs)],
                "date": (since := self.waiting_since(coverage, item)),
                "since": since.toordinal(),
                "days": (self.today - since).days,
                "notes": list(dict.fromkeys(
                    f"changed since it was assessed on {use.decision.date}{changed_note(use.changed_parts)}; "
                    "it needs assessing again"
                    for use in changed
                    if use.decision is not None
                )),
            })
        rows.sort(key=lambda row: row["since"])  # oldest first, by how long each has waited
        what = "confidential item(s), not published here," if all(i.meta.confidential for i in hidden) else (
            "item(s) not published here"
        )
        return {"rows": rows, "hidden": f"{len(hidden)} {what} also wait for assessment." if hidden else None}

    def evidence_row(self, src: str, coverage: LearnerCoverage, item: EvidenceItem) -> dict[str, Any]:
        status, label = self.item_standing(coverage, item)
        if self.publication.audience is Audience.PUBLIC and status != "met":
            status, label = "none", "—"  # the public see what is met, not verdicts short of it nor what waits
        return {
            "ref": item.meta.id or "",
            "link": self.link(src, self.evidence_uri(item), item.meta.title),
            "type": self.project.evidence_types[item.meta.type].label,
            "method": item.meta.method.label,
            "date": item.meta.date,
            "status": status,
            "standing": label,
            "claims": [
                self.link(src, criterion_uri(c.ref), c.ref) if c.ref.split("/", 1)[0] in self.unit_codes else Link(c.ref)
                for c in item.claims
            ],
        }

    def item_standing(self, coverage: LearnerCoverage, item: EvidenceItem) -> tuple[str, str]:
        """(status class, words) for an item as a whole, over the criteria it is claimed for."""
        uses = [use for _, use in self.uses_of(coverage, item)]
        valid = [use for use in uses if use.valid]
        if not uses:
            return "none", "not claimed for a criterion of these units"
        if not valid:
            return "cannot", "cannot count"
        cannot = len(uses) - len(valid)
        extra = f"; cannot count for {cannot} of {len(uses)} criteria" if cannot else ""
        if any(use.awaiting_assessment for use in valid):
            return "claimed", "awaiting assessment" + extra
        if any(not use.counts_as_met for use in valid):
            return "not-yet-met", "not yet met" + extra
        return "met", "met" + extra
