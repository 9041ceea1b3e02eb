"""What the Word records print, as rows of text: the tracking sheet's criteria with their recorded
judgements, feedback and the learner's replies, sign-offs, and the assessment plan. No python-docx here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..assessment.feedback import acknowledgement_of
from ..assessment.models import Decision, Outcome
from ..assessment.plan import AssessmentPlan
from ..assessment.rules import RULE_LABELS
from ..coverage import STATUS_LABELS, CriterionCoverage, UnitCoverage, use_reason
from ..load import EvidenceItem, Learner
from ..profiles import Centre

CONFIDENTIAL = "Confidential evidence, held by the centre (not reproduced here)"
ALL_HOLD = "All five hold"
NOT_RECORDED = "Not recorded"


def evidence_label(item: EvidenceItem) -> str:
    return CONFIDENTIAL if item.meta.confidential else item.meta.title


def centre_text(centre: Centre | None) -> str:
    if centre is None:
        return "—"
    return f"{centre.name} (centre number {centre.number})" if centre.number else centre.name


def _rows_of(unit: UnitCoverage) -> list[CriterionCoverage]:
    return [row for c in unit.criteria for row in (c, *c.parts)]


def judgements(criterion: CriterionCoverage) -> tuple[str, bool]:
    """The recorded rules of evidence for a criterion's row, and whether all five hold for every
    decision it counts on. A decision recorded before judgements were kept shows 'Not recorded'."""
    if criterion.entry.assessed_by_parts:
        holds = all(judgements(part)[1] for part in criterion.parts)
        return ("See its parts", holds)
    decided = [use for use in criterion.evidence if use.current_decision is not None]
    if not decided:
        return ("—", False)
    counting = [use for use in decided if use.counts_as_met] if criterion.status == "met" else decided
    texts = []
    for use in counting:
        decision = use.current_decision
        assert decision is not None
        if decision.rules is None:
            texts.append(NOT_RECORDED)
        elif decision.rules.all_hold:
            texts.append(ALL_HOLD)
        else:
            texts.append("Fails: " + ", ".join(RULE_LABELS[rule] for rule in decision.rules.failing))
    unique = list(dict.fromkeys(texts))
    holds = criterion.status == "met" and unique == [ALL_HOLD]
    return ("\n".join(unique), holds)


def tracking_rows(unit: UnitCoverage) -> list[list[str]]:
    """One row per assessment criterion, as the tracking sheet shows it."""
    rows = []
    for criterion in _rows_of(unit):
        uses = criterion.evidence
        methods = sorted({use.item.meta.method.label for use in uses if not use.item.meta.confidential})
        if any(use.item.meta.confidential for use in uses):
            methods.append("confidential item")
        details = "\n".join(
            evidence_label(use.item) + (f" ({use.note})" if use.note and not use.item.meta.confidential else "")
            + _why_not(criterion, use)
            for use in uses
        )
        references = "\n".join("—" if use.item.meta.confidential else use.item.reference for use in uses)
        entry = criterion.entry
        text = entry.text
        if entry.criterion.grade and entry.part is None:
            text += f" ({entry.criterion.grade.value})"
        requirements = criterion.requirement.assessment_requirements if criterion.requirement else ()
        own = [r for r in requirements if r != entry.unit.assessment_requirements]
        text += "".join(f"\nAssessment requirement: {r}" for r in own)
        if entry.assessed_by_parts:
            details = "Assessed through its parts, below"
        rows.append(
            [
                entry.part.ref if entry.part else entry.criterion.ref,
                text,
                "\n".join(methods) or "—",
                details or "No evidence mapped",
                references or "—",
                STATUS_LABELS[criterion.status].capitalize(),
                _date(criterion),
                judgements(criterion)[0],
            ]
        )
    return rows


def _why_not(criterion: CriterionCoverage, use: object) -> str:
    from ..coverage.model import EvidenceUse

    assert isinstance(use, EvidenceUse)
    if criterion.requirement is None or use.counts_as_met or use.item.meta.confidential and use.valid:
        return ""
    reason = use_reason(use, criterion.requirement)
    if reason is None or reason == "awaiting assessment":
        return ""
    return f" — {reason}" if use.valid else f" — does not count: {reason}"


def _date(criterion: CriterionCoverage) -> str:
    """When it was met; for a criterion not met, the date of its latest decision."""
    met = criterion.met_date
    if isinstance(met, dt.date):
        return met.isoformat()
    dates = [use.current_decision.date for use in criterion.all_evidence if use.current_decision is not None]
    return max(dates).isoformat() if dates else "—"


def statement_holds(unit: UnitCoverage, learner: Learner) -> tuple[bool, str]:
    """Whether the unit's statement on the rules of evidence may be printed, and if not, why not."""
    declaration = learner.profile.declaration if learner.profile else None
    if declaration is None or not declaration.signed:
        return False, "the learner's declaration of authenticity is not signed"
    awaiting = [f"{use.item.reference} on {ref}" for use, ref in unit.awaiting_claims]
    if unit.complete and awaiting:
        return False, f"evidence listed awaits assessment ({', '.join(awaiting)})"
    if not unit.complete:
        missing = len(unit.criteria) - unit.counts["met"]
        return False, f"the unit is not complete ({missing} of {len(unit.criteria)} criteria not yet met)"
    # A graded unit is complete at pass: criteria of higher grades not met are not part of the statement.
    unrecorded = [c.ref for c in _rows_of(unit)
                  if c.status == "met" and not c.entry.assessed_by_parts and not judgements(c)[1]]
    if unrecorded:
        return False, (
            f"the rules of evidence are not recorded as holding for {', '.join(unrecorded)} (decisions recorded before "
            "the judgements were kept, or judged not to hold): assess them again to record the judgements"
        )
    return True, ""


@dataclass
class FeedbackRow:
    item: EvidenceItem
    decisions: list[Decision]


def feedback_rows(unit: UnitCoverage, learner: Learner) -> list[list[str]]:
    """Every decision on the unit with feedback or action points, oldest first (one row for the same
    feedback given on several criteria), with the learner's acknowledgement of each."""
    items = learner.evidence_by_path()
    refs = {c.ref for c in _rows_of(unit)}
    grouped: dict[tuple[object, ...], FeedbackRow] = {}
    for decision in learner.decisions:
        item = items.get(decision.evidence)
        if item is None or decision.criterion not in refs or not (decision.feedback or decision.actions):
            continue
        if decision.countersigned_by is not None:  # the countersigned copy of a decision listed already
            grouped.pop(_feedback_key(decision.model_copy(update={"countersigned_by": None, "countersigned_on": None})), None)
        grouped.setdefault(_feedback_key(decision), FeedbackRow(item, [])).decisions.append(decision)
    rows = []
    for row in grouped.values():
        item, first = row.item, row.decisions[0]
        criteria = ", ".join(d.criterion.split("/", 1)[1] for d in row.decisions)
        if item.meta.confidential:
            rows.append([criteria, "—", _decision_text(first), CONFIDENTIAL, "—", "—"])
            continue
        actions = "\n".join(f"{a.action} (due {a.due})" for a in first.actions) or "—"
        rows.append([criteria, item.reference, _decision_text(first), first.feedback or "—", actions,
                     _responses(row.decisions, learner)])
    return rows


def _feedback_key(decision: Decision) -> tuple[object, ...]:
    return (decision.evidence, decision.date, decision.assessor, decision.outcome, decision.feedback,
            tuple(decision.actions), decision.countersigned_by)


def _responses(decisions: list[Decision], learner: Learner) -> str:
    """The learner's acknowledgement of each decision; one line when all share it."""
    texts = []
    for decision in decisions:
        ack = acknowledgement_of(decision, learner.acknowledgements)
        texts.append((f"Acknowledged {ack.date}" + (f": {ack.reply}" if ack.reply else "")) if ack else "Not yet acknowledged")
    if len(set(texts)) == 1:
        return texts[0]
    return "\n".join(f"{d.criterion.split('/', 1)[1]}: {text}" for d, text in zip(decisions, texts))


def _decision_text(decision: Decision) -> str:
    outcome = "Met" if decision.outcome is Outcome.MET else "Not yet met"
    countersigned = f"\ncountersigned by {decision.countersigned_by}" if decision.countersigned_by else ""
    return f"{outcome}, {decision.date}\n{decision.assessor}{countersigned}"


def sign_off_rows(unit: UnitCoverage) -> list[list[str]]:
    return [
        [state.sign_off.role.label, state.sign_off.name, f"{state.sign_off.signed_at:%Y-%m-%d %H:%M}",
         "Holds" if state.holds else "No longer holds: " + "; ".join(state.changes)]
        for state in unit.sign_offs
    ]


def plan_rows(plan: AssessmentPlan, today: dt.date) -> list[list[str]]:
    return [
        [a.activity, ", ".join(a.criteria) or "—", a.method.label if a.method else "—",
         a.target.isoformat(), {"done": f"Done {a.done}", "overdue": "Overdue", "planned": "Planned"}[a.state(today)]]
        for a in plan.activities
    ]


def review_rows(plan: AssessmentPlan) -> list[list[str]]:
    return [[r.date.isoformat(), r.by, r.summary, r.next_review.isoformat() if r.next_review else "—"] for r in plan.reviews]
