"""A qualification: its units, rules of combination, grading and currency, as published."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from ..base import HINT, ShortText, Strict, Text, Wording
from .models import CurrencyYears, Grade
from .references import QN_PATTERN, UNIT_CODE_PATTERN, URN_PATTERN, Hours, Level

UnitCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]


class OptionalGroup(Strict):
    name: ShortText
    units: list[UnitCode] = Field(min_length=1)
    minimum_units: int | None = Field(None, ge=0)
    maximum_units: int | None = Field(None, ge=0)
    minimum_credit: int | None = Field(None, ge=0)
    maximum_credit: int | None = Field(None, ge=0)
    """Credit above this from the group breaks the rules (e.g. 'a maximum of 7 from group D')."""

    @model_validator(mode="after")
    def _in_order(self) -> OptionalGroup:
        for low, high in (("minimum_units", "maximum_units"), ("minimum_credit", "maximum_credit")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and hi < lo:
                raise ValueError(f"{high}: the maximum is below the minimum{HINT}check both numbers")
        return self


class CreditAtLevel(Strict):
    """'A minimum of 20 credits must come from units at level 3 or above.'"""

    level: Level
    credit: int = Field(ge=1)


class RulesOfCombination(Strict):
    mandatory: list[UnitCode] = []
    """Unit codes every learner must achieve."""
    optional_groups: list[OptionalGroup] = []
    barred: list[Annotated[list[UnitCode], Field(min_length=2)]] = []
    """Barred combinations: of each list, at most one unit may count."""
    minimum_credit_at_or_above_level: CreditAtLevel | None = None
    minimum_credit: int | None = Field(None, ge=0)
    """Total credit needed for the qualification."""


class UnitEntry(Strict):
    """A unit named in the rules but not assessed at this centre: enough to count it when a learner
    achieved it elsewhere (credit transfer or exemption)."""

    code: Annotated[str, StringConstraints(pattern=UNIT_CODE_PATTERN)]
    title: ShortText
    level: Level
    credit: int | None = Field(None, ge=1, le=999)
    urn: Annotated[str, StringConstraints(pattern=URN_PATTERN)] | None = None


class GradeThreshold(Strict):
    grade: ShortText
    """The qualification grade, e.g. 'Merit' or 'DD'."""
    minimum_points: int = Field(ge=0)


class QualificationGrading(Strict):
    """Points per unit grade, and the points each qualification grade needs."""

    points: dict[Grade, int]
    """Points for a unit achieved at each grade, e.g. {pass: 7, merit: 8, distinction: 9}."""
    per_credit: bool = False
    """Multiply a unit's points by its credit value."""
    thresholds: list[GradeThreshold] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_grade(self) -> QualificationGrading:
        missing = [g.value for g in Grade if g not in self.points]
        if missing:
            raise ValueError(f"points: no points for {', '.join(missing)}{HINT}give points for pass, merit and distinction")
        return self


class Qualification(Strict):
    id: Annotated[str, StringConstraints(pattern=UNIT_CODE_PATTERN)]
    """Short code learners' profiles refer to."""
    title: ShortText
    number: Annotated[str, StringConstraints(pattern=QN_PATTERN)] | None = None
    """Ofqual qualification number, e.g. '600/1137/3'; leave empty when unknown."""
    level: Level
    awarding_body: ShortText
    glh: Hours | None = None
    tqt: Hours | None = None
    wording: Wording
    source: Text | None = None
    currency_years: CurrencyYears | None = None
    """Evidence older than this many years no longer counts, unless units or criteria say otherwise."""
    units: list[UnitEntry] = []
    """Units named in the rules that this centre does not assess (no unit file)."""
    rules: RulesOfCombination
    grading: QualificationGrading | None = None

    def units_named(self) -> list[str]:
        names = list(self.rules.mandatory)
        for group in self.rules.optional_groups:
            names.extend(group.units)
        for barred in self.rules.barred:
            names.extend(barred)
        return list(dict.fromkeys(names))
