"""The rules of evidence (validity, authenticity, currency, sufficiency, reliability) a decision records.

An assessor judges all five for each decision. The tool checks what it can before a decision is
recorded: validity (the criterion accepts the item's method and category), currency (the item's date
against the criterion's window and the learner's start) and authenticity (the learner's signed
declaration). Sufficiency is the assessor's judgement of the item; whether the criterion has enough
items, of the kinds it needs, is checked across items and shown as "in progress" until it has.
Reliability rests on who decided: an assessor on the centre's staff (a trainee's decision counts
once countersigned).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import StringConstraints

from ..base import Strict

RuleName = Literal["valid", "authentic", "current", "sufficient", "reliable"]
RULES: tuple[RuleName, ...] = ("valid", "authentic", "current", "sufficient", "reliable")
RULE_LABELS: dict[RuleName, str] = {
    "valid": "validity",
    "authentic": "authenticity",
    "current": "currency",
    "sufficient": "sufficiency",
    "reliable": "reliability",
}

RuleNote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Judgement(str, Enum):
    HOLDS = "holds"
    FAILS = "fails"


class RulesOfEvidence(Strict):
    """The five judgements recorded with a decision, and why any one fails."""

    valid: Judgement
    authentic: Judgement
    current: Judgement
    sufficient: Judgement
    reliable: Judgement

    def judgement(self, rule: RuleName) -> Judgement:
        return getattr(self, rule)  # type: ignore[no-any-return]

    @property
    def failing(self) -> list[RuleName]:
        return [rule for rule in RULES if self.judgement(rule) is Judgement.FAILS]

    @property
    def all_hold(self) -> bool:
        return not self.failing

    @classmethod
    def judged(cls, failing: set[RuleName] | list[RuleName]) -> RulesOfEvidence:
        return cls(**{rule: Judgement.FAILS if rule in failing else Judgement.HOLDS for rule in RULES})


def summary(rules: RulesOfEvidence | None, notes: dict[str, str] | None = None) -> str:
    """'all five hold', 'currency fails (dated …)', or 'not recorded'."""
    if rules is None:
        return "not recorded"
    if rules.all_hold:
        return "all five hold (valid, authentic, current, sufficient, reliable)"
    notes = notes or {}
    return "; ".join(
        f"{RULE_LABELS[rule]} fails" + (f" ({notes[rule]})" if rule in notes else "") for rule in rules.failing
    )
