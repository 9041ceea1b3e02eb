"""A learner against a qualification's rules of combination, and the qualification's grade."""

from __future__ import annotations

from dataclasses import dataclass

from ..criteria.models import Grade
from ..criteria.qualification import Qualification
from ..criteria.references import Level, level_label, level_rank
from .model import QualificationCoverage, RuleCheck


@dataclass(frozen=True)
class AchievedUnit:
    """A unit that counts towards the rules: assessed here, or achieved elsewhere."""

    code: str
    title: str
    credit: int | None
    level: Level
    grade: Grade | None
    route: str
    """'assessed', 'credit-transfer' or 'exemption'."""


def _sum(values: list[int | None]) -> tuple[int, bool]:
    """The sum of the known values, and whether any was unknown."""
    return sum(v for v in values if v is not None), any(v is None for v in values)


def _at_least(have: int, need: int, unknown: bool) -> bool | None:
    return True if have >= need else (None if unknown else False)


def check_rules(qualification: Qualification, achieved: dict[str, AchievedUnit]) -> QualificationCoverage:
    rules = qualification.rules
    named = qualification.units_named()
    counting = [code for code in named if code in achieved]
    total, total_unknown = _sum([achieved[code].credit for code in counting])
    checks: list[RuleCheck] = []
    for code in rules.mandatory:
        have = code in achieved
        checks.append(RuleCheck(f"mandatory unit {code}", have, _how(achieved[code]) if have else "not yet achieved"))
    for group in rules.optional_groups:
        done = [code for code in group.units if code in achieved]
        credit, unknown = _sum([achieved[code].credit for code in done])
        parts: list[str] = []
        results: list[bool | None] = []
        if group.minimum_units is not None or group.maximum_units is not None:
            bounds = _bounds(group.minimum_units, group.maximum_units)
            over = "; more than the group allows" if group.maximum_units is not None and len(done) > group.maximum_units else ""
            parts.append(f"{len(done)} unit{'s' if len(done) != 1 else ''} ({bounds}{over})")
            if group.minimum_units is not None:
                results.append(len(done) >= group.minimum_units)
            if group.maximum_units is not None:
                results.append(len(done) <= group.maximum_units)
        if group.minimum_credit is not None or group.maximum_credit is not None:
            shown = f"{credit}+ credits" if unknown else f"{credit} credits"
            over = "; more than the group allows" if group.maximum_credit is not None and credit > group.maximum_credit else ""
            parts.append(f"{shown} ({_bounds(group.minimum_credit, group.maximum_credit, 'credits')}{over})")
            if group.minimum_credit is not None:
                results.append(_at_least(credit, group.minimum_credit, unknown))
            if group.maximum_credit is not None:
                results.append(False if credit > group.maximum_credit else (None if unknown else True))
        met = _all(results)
        checks.append(RuleCheck(f"optional group '{group.name}'", met, ", ".join(parts) or "no minimum"))
    for barred in rules.barred:
        done = [code for code in barred if code in achieved]
        met_barred = len(done) <= 1
        detail = f"{' and '.join(done)} both achieved; only one may count" if not met_barred else (
            f"{done[0]} achieved" if done else "none achieved")
        checks.append(RuleCheck(f"barred combination {', '.join(barred)} (at most one)", met_barred, detail))
    at_level = rules.minimum_credit_at_or_above_level
    if at_level is not None:
        high = [code for code in counting if level_rank(achieved[code].level) >= level_rank(at_level.level)]
        credit, unknown = _sum([achieved[code].credit for code in high])
        checks.append(
            RuleCheck(
                f"credit at level {level_label(at_level.level)} or above",
                _at_least(credit, at_level.credit, unknown),
                f"{credit} of {at_level.credit} credits" + (" (some credit values not recorded)" if unknown else ""),
            )
        )
    unknown_codes = [code for code in counting if achieved[code].credit is None]
    if rules.minimum_credit is not None:
        detail = f"{total} of {rules.minimum_credit} credits"
        if unknown_codes:
            detail += f" (credit not recorded for {', '.join(unknown_codes)})"
        checks.append(RuleCheck("minimum credit", _at_least(total, rules.minimum_credit, total_unknown), detail))
    coverage = QualificationCoverage(
        qualification=qualification,
        rules=checks,
        credit_achieved=total,
        credit_required=rules.minimum_credit,
        units_counting=counting,
        credit_unknown=unknown_codes,
        achieved_units=achieved,
    )
    if qualification.grading is not None and coverage.achieved:
        coverage.points, coverage.grade = _grade(qualification, [achieved[code] for code in counting])
        if coverage.grade is None:
            coverage.grade_note = (
                f"the grade cannot be worked out: credit not recorded for {', '.join(unknown_codes)}"
                if coverage.points is None else f"{coverage.points} points reach no grade threshold"
            )
    elif qualification.grading is not None:
        coverage.grade_note = "graded once the rules of combination are met"
    return coverage


def _grade(qualification: Qualification, units: list[AchievedUnit]) -> tuple[int | None, str | None]:
    grading = qualification.grading
    assert grading is not None
    points = 0
    for unit in units:
        value = grading.points[unit.grade or Grade.PASS]
        if grading.per_credit:
            if unit.credit is None:
                return None, None  # cannot weigh a unit whose credit is unknown
            value *= unit.credit
        points += value
    reached = [t for t in grading.thresholds if t.minimum_points <= points]
    best = max(reached, key=lambda t: t.minimum_points, default=None)
    return points, best.grade if best else None


def _how(unit: AchievedUnit) -> str:
    return "achieved" if unit.route == "assessed" else f"achieved elsewhere ({unit.route})"


def _bounds(low: int | None, high: int | None, unit: str = "") -> str:
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{low} to {high}{suffix} needed"
    if low is not None:
        return f"at least {low}{suffix}"
    return f"at most {high}{suffix}"


def _all(results: list[bool | None]) -> bool | None:
    if any(r is False for r in results):
        return False
    if any(r is None for r in results):
        return None
    return True
