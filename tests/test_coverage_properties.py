"""Invariants of coverage, over random evidence and decisions (hypothesis).

A met decision never moves a criterion back nor lowers a grade; nothing is met without evidence
the criterion accepts; a criterion assessed through its parts agrees with them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.assessment.methods import PERFORMANCE_METHODS, Method
from portfolio.assessment.models import Decision, Outcome
from portfolio.coverage import PROGRESS, compute_coverage
from portfolio.criteria.models import Unit
from portfolio.criteria.requirements import requirement_for
from portfolio.evidence.models import EvidenceMeta
from portfolio.load import CriterionEntry, EvidenceItem, Learner, Project
from portfolio.load.project import Claim
from portfolio.profiles import LearnerProfile
from portfolio.yamlsafe import parse_yaml

from .real_units import GRADED, RESOLVE

TODAY = dt.date(2026, 6, 1)


def _project() -> Project:
    project = Project(root=Path("."))
    for text in (RESOLVE, GRADED):
        unit = Unit.model_validate(parse_yaml(text).value)
        project.units[unit.code] = unit
        for outcome in unit.learning_outcomes:
            for criterion in outcome.criteria:
                for part in [None, *criterion.parts]:
                    entry = CriterionEntry(unit, outcome, criterion, part)
                    project.criteria[entry.ref] = entry
                    project.requirements[entry.ref] = requirement_for(unit, outcome, criterion, part)
    return project


PROJECT = _project()
ASSESSABLE = sorted(ref for ref, entry in PROJECT.criteria.items() if not entry.assessed_by_parts)
PROFILE = LearnerProfile.model_validate({
    "name": "P", "qualification": "NONE", "units": ["RCS", "BT1"], "assessor": "A", "iqa": "I",
    "start_date": "2020-01-01",
})
DATES = st.dates(min_value=dt.date(2015, 1, 1), max_value=TODAY)

items = st.lists(
    st.tuples(st.sampled_from(list(Method)), DATES, st.lists(st.sampled_from(ASSESSABLE), min_size=1, max_size=4,
                                                             unique=True)),
    min_size=1, max_size=8,
)


@st.composite
def portfolios(draw):
    drawn = draw(items)
    evidence = []
    for index, (method, date, refs) in enumerate(drawn):
        meta = EvidenceMeta.model_validate(
            {"title": f"Item {index}", "type": "work-product", "method": method.value, "date": date.isoformat()}
        )
        evidence.append(EvidenceItem("p", f"i{index}.md", f"evidence/p/i{index}.md", f"evidence/p/i{index}.md",
                                     meta, f"{index:064x}", True, claims=[Claim(ref, None) for ref in refs]))
    decisions = []
    for _ in range(draw(st.integers(0, 10))):
        item = draw(st.sampled_from(evidence))
        ref = draw(st.sampled_from([claim.ref for claim in item.claims]))
        day = draw(st.dates(min_value=item.meta.date, max_value=TODAY))
        decisions.append(_decision(item, ref, draw(st.sampled_from(list(Outcome))), day))
    return evidence, decisions


def _decision(item: EvidenceItem, ref: str, outcome: Outcome, day: dt.date) -> Decision:
    return Decision(evidence=item.path, criterion=ref, outcome=outcome, date=day, assessor="A", sha256=item.sha256)


def _coverage(evidence, decisions):
    project = dataclasses.replace(PROJECT, learners={"p": Learner("p", "evidence/p", PROFILE, evidence, decisions)})
    return compute_coverage(project, today=TODAY).learner("p")


def _statuses(lc) -> dict[str, str]:
    return {c.ref: c.status for u in lc.units for c in u.criteria} | {
        p.ref: p.status for u in lc.units for c in u.criteria for p in c.parts
    }


@settings(max_examples=300, deadline=None)
@given(portfolios(), st.data())
def test_a_met_decision_never_moves_a_criterion_back_nor_lowers_a_grade(portfolio, data):
    evidence, decisions = portfolio
    before = _coverage(evidence, decisions)
    item = data.draw(st.sampled_from(evidence))
    ref = data.draw(st.sampled_from([claim.ref for claim in item.claims]))
    latest = max([d.date for d in decisions] + [item.meta.date])
    day = data.draw(st.dates(min_value=latest, max_value=TODAY))
    after = _coverage(evidence, [*decisions, _decision(item, ref, Outcome.MET, day)])
    old, new = _statuses(before), _statuses(after)
    for criterion_ref in old:
        assert PROGRESS[new[criterion_ref]] >= PROGRESS[old[criterion_ref]], (criterion_ref, old, new)
    for unit_before, unit_after in zip(before.units, after.units):
        rank = lambda unit: -1 if unit.grade is None else unit.grade.rank  # noqa: E731
        assert rank(unit_after) >= rank(unit_before)
        assert unit_after.complete or not unit_before.complete


@settings(max_examples=300, deadline=None)
@given(portfolios())
def test_nothing_is_met_without_evidence_it_accepts(portfolio):
    lc = _coverage(*portfolio)
    for unit in lc.units:
        for criterion in unit.criteria:
            for c in criterion.parts or [criterion]:
                if c.status != "met":
                    continue
                requirement = c.requirement
                counted = [use for use in c.evidence if use.counts_as_met]
                assert len(counted) >= requirement.minimum_items
                assert all(requirement.accepts(use.item.meta.method) and use.currency_note is None for use in counted)
                if requirement.performance:
                    assert any(use.item.meta.method in PERFORMANCE_METHODS for use in counted)
                if requirement.required_methods:
                    assert any(use.item.meta.method in requirement.required_methods for use in counted)


@settings(max_examples=300, deadline=None)
@given(portfolios())
def test_a_criterion_with_parts_agrees_with_its_parts(portfolio):
    lc = _coverage(*portfolio)
    with_parts = [c for u in lc.units for c in u.criteria if c.parts]
    assert with_parts
    for criterion in with_parts:
        assert (criterion.status == "met") == all(part.status == "met" for part in criterion.parts)
        assert PROGRESS[criterion.status] == min(PROGRESS[part.status] for part in criterion.parts)
