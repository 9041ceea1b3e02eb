"""Coverage of one criterion: which evidence counts, whether it is met, and why not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..assessment.methods import Method
from ..assessment.models import Decision, Outcome
from ..criteria.requirements import Requirement
from ..load import CriterionEntry, EvidenceItem
from .model import PROGRESS, CriterionCoverage, EvidenceUse, Status


@dataclass(frozen=True)
class Currency:
    """What makes evidence current for one learner: a window in years, and their start date."""

    years: int | None
    """The qualification's window; a unit's or criterion's own window takes precedence."""
    start: dt.date | None
    today: dt.date


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def currency_note(item: EvidenceItem, decision: Decision | None, years: int | None, currency: Currency) -> str | None:
    """Why ``item`` is not current evidence, or None. Recognition of prior learning is exempt."""
    if item.meta.method is Method.RPL:
        return None
    date = item.meta.date
    if currency.start is not None and date < currency.start:
        return (
            f"dated {date}, before the learner started ({currency.start}): evidence from before the "
            "programme counts only through recognition of prior learning"
        )
    if years is not None:
        when = decision.date if decision is not None else currency.today
        if date < years_before(when, years):
            moment = "it was assessed" if decision is not None else "today"
            return f"dated {date}, more than {years} year{'s' if years > 1 else ''} before {moment} ({when}): it is no longer current"
    return None


def criterion_coverage(
    entry: CriterionEntry,
    claims: list[tuple[EvidenceItem, str | None]],
    decisions: dict[tuple[str, str], Decision],
    requirement: Requirement,
    currency: Currency | None = None,
) -> CriterionCoverage:
    years = requirement.currency_years or (currency.years if currency else None)
    uses: list[EvidenceUse] = []
    for item, note in claims:
        decision = decisions.get((item.path, entry.ref))
        changed = decision is not None and not decision.judged(item.fingerprint.digest, item.sha256)
        uses.append(
            EvidenceUse(
                item=item,
                note=note,
                decision=decision,
                changed_since_decision=changed,
                changed_parts=item.fingerprint.changed_parts(decision.parts) if changed and decision and decision.parts else [],
                method_accepted=requirement.accepts(item.meta.method),
                category_accepted=requirement.accepts_category(item.fields.get("category")),
                currency_note=currency_note(item, None if changed else decision, years, currency) if currency else None,
            )
        )
    if not uses:
        return CriterionCoverage(entry, "unmapped", uses, [], ["no evidence mapped"], requirement)

    met = [use for use in uses if use.counts_as_met]
    enough = len(met) >= requirement.minimum_items
    performance = not requirement.performance or any(requirement.shows_performance(u.item.meta.method) for u in met)
    required = requirement.required_methods is None or any(u.item.meta.method in requirement.required_methods for u in met)
    if enough and performance and required:
        return CriterionCoverage(entry, "met", uses, requirement=requirement)

    item_reasons = [(use.item, reason) for use in uses if (reason := use_reason(use, requirement))]
    general: list[str] = []
    if not enough and requirement.minimum_items > 1:
        general.append(f"{len(met)} of {requirement.minimum_items} required items met")
    if enough and not required:
        general.append(requirement.required_note())  # the more precise of the two
    elif enough and not performance:
        general.append(
            "needs performance evidence (observation, work product, witness testimony or "
            "a recording) for this competence criterion"
        )

    if any(use.awaiting_assessment for use in uses):
        status: Status = "claimed"
    elif met or not any(use.valid for use in uses):
        # Met as far as it goes (fewer items than needed, no performance evidence), or nothing mapped
        # that could count: the criterion's rules, not an assessor, say what is missing.
        status = "in-progress"
    else:
        status = "not-yet-met"  # the assessor's verdict on what could count
    return CriterionCoverage(entry, status, uses, item_reasons, general, requirement)


def use_reason(use: EvidenceUse, requirement: Requirement) -> str | None:
    """Why this item does not count towards the criterion, or None if it does."""
    if not use.method_accepted:
        return requirement.method_note(use.item.meta.method)
    if not use.category_accepted:
        return requirement.category_note(str(use.item.fields.get("category")))
    if use.currency_note is not None:
        return use.currency_note + "; it does not count"
    if use.changed_since_decision and use.decision is not None:
        return (
            f"changed since it was assessed on {use.decision.date}{changed_note(use.changed_parts)}; "
            "the decision no longer counts and it needs assessing again"
        )
    decision = use.current_decision
    if decision is None:
        return "awaiting assessment"
    if decision.outcome is Outcome.NOT_YET_MET:
        feedback = f": {decision.feedback}" if decision.feedback else ""
        return f"not yet met ({decision.assessor}, {decision.date}){feedback}"
    return None


def changed_note(parts: list[str]) -> str:
    """' (changed: the body, title)', or nothing when the decision did not record its parts."""
    if not parts:
        return ""
    names = ["the body" if p == "body" else "the attachment" if p == "attachment" else p for p in parts]
    return f" (changed: {', '.join(names)})"


def from_parts(entry: CriterionEntry, parts: list[CriterionCoverage], requirement: Requirement) -> CriterionCoverage:
    """A criterion assessed through its parts: met when every part is; otherwise as far as its least advanced part."""
    status = min((part.status for part in parts), key=PROGRESS.__getitem__)
    return CriterionCoverage(entry, status, [], requirement=requirement, parts=parts)


def apply_builds_on(criteria: list[CriterionCoverage]) -> None:
    """A criterion that builds on others ('M2' on 'P3') is met only once they are."""
    by_ref = {c.entry.criterion.ref: c for c in criteria}
    changed = True
    while changed:  # a chain (D1 on M2 on P3) settles in as many rounds as it is long
        changed = False
        for criterion in criteria:
            if criterion.status != "met":
                continue
            waiting = [ref for ref in criterion.entry.criterion.builds_on if ref in by_ref and by_ref[ref].status != "met"]
            if waiting:
                criterion.status = "in-progress"
                criterion.general_reasons.append(
                    f"builds on {', '.join(waiting)}, which {'is' if len(waiting) == 1 else 'are'} not met yet"
                )
                changed = True
