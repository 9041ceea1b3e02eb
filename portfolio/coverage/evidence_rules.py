"""What the tool can check of the rules of evidence before a decision is recorded."""

from __future__ import annotations

import datetime as dt

from ..assessment.models import Decision, Outcome
from ..assessment.rules import RuleName
from ..load import EvidenceItem, Learner, Project
from .criteria import Currency, currency_note


def rule_failures(project: Project, learner: Learner, item: EvidenceItem, ref: str, date: dt.date) -> dict[RuleName, str]:
    """Each checkable rule of evidence that fails for ``item`` judged against ``ref`` on ``date``, and why."""
    failures: dict[RuleName, str] = {}
    requirement = project.requirements[ref]
    if not requirement.accepts(item.meta.method):
        failures["valid"] = requirement.method_note(item.meta.method)
    elif not requirement.accepts_category(item.fields.get("category")):
        failures["valid"] = requirement.category_note(str(item.fields.get("category")))
    profile = learner.profile
    declaration = profile.declaration if profile else None
    if declaration is None or not declaration.signed:
        failures["authentic"] = "the learner has not signed the declaration of authenticity"
    elif declaration.date is not None and declaration.date > date:
        failures["authentic"] = f"the declaration of authenticity is dated {declaration.date}, after the decision"
    qualification = project.qualifications.get(profile.qualification) if profile else None
    currency = Currency(qualification.currency_years if qualification else None, profile.start_date if profile else None, date)
    years = requirement.currency_years or currency.years
    # Judged as on the decision's date: the same test coverage applies to a recorded decision.
    probe = Decision(evidence=item.path, criterion=ref, outcome=Outcome.NOT_YET_MET, date=date, assessor="-", fingerprint="0" * 64)
    note = currency_note(item, probe, years, currency)
    if item.meta.date > date:
        failures["current"] = f"the evidence is dated {item.meta.date}, after the decision ({date})"
    elif note is not None:
        failures["current"] = note
    return failures
