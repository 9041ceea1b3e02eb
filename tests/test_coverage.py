from __future__ import annotations

import datetime as dt

from portfolio.assessment.models import Outcome
from portfolio.assessment.record import record_decisions
from portfolio.coverage import compute_coverage
from portfolio.load import load_project

from .conftest import ProjectBuilder, evidence_md, written_decisions

LEARNER = "learner-one"


def coverage_of(project: ProjectBuilder):
    loaded = load_project(project.root)
    assert not loaded.problems.errors, loaded.problems.errors
    return loaded, compute_coverage(loaded).learner(LEARNER)


def criterion(learner_coverage, ref):
    return next(c for u in learner_coverage.units for c in u.criteria if c.ref == ref)


def decide(project: ProjectBuilder, path: str, refs: list[str], outcome=Outcome.MET, feedback=None):
    written_decisions(project.root, LEARNER, path, refs, outcome, "Ann Assessor", dt.date(2026, 3, 1), feedback)


def test_no_evidence_is_unmapped(project):
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/1.1")
    assert c.status == "unmapped"
    assert c.reasons == ["no evidence mapped"]


def test_mapped_but_not_assessed_is_claimed(project):
    project.evidence("a.md", evidence_md("[KNW/1.1]", id="E1"))
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/1.1")
    assert c.status == "claimed"
    assert c.reasons == ["E1: awaiting assessment"]


def test_met_decision_makes_it_met(project):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    decide(project, "a.md", ["KNW/1.1"])
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.1").status == "met"
    assert criterion(lc, "KNW/1.1").reasons == []


def test_not_yet_met_carries_the_feedback(project):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    decide(project, "a.md", ["KNW/1.1"], Outcome.NOT_YET_MET, "Say which law applies.")
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/1.1")
    assert c.status == "not-yet-met"
    assert "Say which law applies." in c.reasons[0]


def test_later_decision_replaces_earlier(project):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    decide(project, "a.md", ["KNW/1.1"], Outcome.NOT_YET_MET)
    loaded = load_project(project.root)
    record_decisions(loaded, LEARNER, "a.md", ["KNW/1.1"], Outcome.MET, "A", dt.date(2026, 4, 1))
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.1").status == "met"


def test_evidence_changed_after_its_decision_no_longer_counts(project):
    path = project.evidence("a.md", evidence_md("[KNW/1.1]"))
    decide(project, "a.md", ["KNW/1.1"])
    path.write_text(path.read_text() + "\nAn extra line.\n")
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/1.1")
    assert c.status == "claimed"
    assert "changed since it was assessed on 2026-03-01" in c.reasons[0]
    assert c.evidence[0].changed_since_decision


def test_minimum_items(project):
    project.evidence("a.md", evidence_md("[KNW/1.2]", id="A"))
    project.evidence("b.md", evidence_md("[KNW/1.2]", id="B"))
    decide(project, "a.md", ["KNW/1.2"])
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/1.2")
    assert c.status == "claimed"
    assert "1 of 2 required items met" in c.reasons
    decide(project, "b.md", ["KNW/1.2"])
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.2").status == "met"


def test_method_not_accepted(project):
    project.evidence("a.md", evidence_md("[KNW/2.1]", method="observation", id="OBS"))
    decide(project, "a.md", ["KNW/2.1"])
    _, lc = coverage_of(project)
    c = criterion(lc, "KNW/2.1")
    assert c.status != "met"
    assert "method 'observation' is not accepted for this criterion" in c.reasons[0]
    assert "oral or written questioning" in c.reasons[0]


def test_simulation_refused_for_competence_unless_allowed(project):
    project.evidence("a.md", evidence_md("[CMP/1.1, CMP/1.2]", method="simulation", id="SIM"))
    decide(project, "a.md", ["CMP/1.1", "CMP/1.2"])
    _, lc = coverage_of(project)
    assert "simulation is not accepted" in criterion(lc, "CMP/1.1").reasons[0]
    assert criterion(lc, "CMP/1.1").status != "met"
    assert criterion(lc, "CMP/1.2").status == "met"


def test_competence_needs_performance_evidence(project):
    project.evidence("a.md", evidence_md("[CMP/1.1]", method="reflective-account"))
    decide(project, "a.md", ["CMP/1.1"])
    _, lc = coverage_of(project)
    c = criterion(lc, "CMP/1.1")
    assert c.status == "in-progress"  # the rules, not the assessor, hold it back
    assert any("needs performance evidence" in r for r in c.reasons)


def test_rollups_and_rules_of_combination(project):
    project.evidence("k.md", evidence_md("[KNW/1.1, KNW/1.2, KNW/2.1]", id="K1"))
    project.evidence("k2.md", evidence_md("[KNW/1.2]", id="K2"))
    decide(project, "k.md", ["KNW/1.1", "KNW/1.2", "KNW/2.1"])
    _, lc = coverage_of(project)
    knw = next(u for u in lc.units if u.unit.code == "KNW")
    assert knw.counts == {"met": 2, "in-progress": 0, "claimed": 1, "not-yet-met": 0, "unmapped": 0}
    assert knw.percent_met == 66
    assert not knw.complete
    assert [o.percent_met for o in knw.outcomes] == [50, 100]
    decide(project, "k2.md", ["KNW/1.2"])
    _, lc = coverage_of(project)
    q = lc.qualification
    assert q.credit_achieved == 4 and q.credit_required == 10
    rules = {r.description: r.met for r in q.rules}
    assert rules == {"mandatory unit KNW": True, "optional group 'Options'": False, "minimum credit": False}
    assert q.rules_met is False
    project.evidence("c.md", evidence_md("[CMP/1.1, CMP/1.2]", method="observation"))
    decide(project, "c.md", ["CMP/1.1", "CMP/1.2"])
    _, lc = coverage_of(project)
    assert lc.qualification.credit_achieved == 10
    assert lc.qualification.rules_met is True
    assert lc.complete


def test_unsigned_declaration_keeps_the_portfolio_incomplete(project):
    project.write(
        "evidence/learner-one/learner.yml",
        "name: N\nqualification: QUAL\nunits: [KNW]\nassessor: A\niqa: I\n",
    )
    loaded = load_project(project.root)
    lc = compute_coverage(loaded).learner(LEARNER)
    assert "declaration of authenticity not signed" in lc.reasons
    assert any("declaration" in p.message for p in loaded.problems.warnings)


def test_unknown_reference_does_not_drop_the_good_ones(project):
    project.evidence("a.md", evidence_md("[KNW/1.1, KNW/7.7]"))
    loaded = load_project(project.root)
    assert len(loaded.problems.errors) == 1
    lc = compute_coverage(loaded).learner(LEARNER)
    assert criterion(lc, "KNW/1.1").status == "claimed"


def test_confidential_evidence_still_counts(project):
    project.evidence("a.md", evidence_md("[KNW/1.1]", confidential="true"))
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.1").status == "claimed"


def test_sidecar_evidence_is_hashed_from_the_file_it_describes(project):
    project.evidence("scan.pdf", b"%PDF-1.4 original")
    project.evidence(
        "scan.pdf.yml",
        "title: Scan\ntype: work-product\nmethod: work-product\ndate: 2026-02-01\ncriteria: [KNW/1.1]\n",
    )
    decide(project, "scan.pdf", ["KNW/1.1"])
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.1").status == "met"
    project.evidence("scan.pdf", b"%PDF-1.4 replaced")
    _, lc = coverage_of(project)
    assert criterion(lc, "KNW/1.1").status == "claimed"


def test_sample_centre_has_learners_at_three_stages(sample):
    loaded = load_project(sample)
    assert not loaded.problems.errors
    coverage = compute_coverage(loaded)
    amira = coverage.learner("amira-khan")
    daniel = coverage.learner("daniel-okoro")
    priya = coverage.learner("priya-shah")
    assert amira.complete and amira.percent_met == 100
    statuses = {c.status for u in daniel.units for c in u.criteria}
    assert statuses == {"met", "claimed", "not-yet-met", "unmapped"}
    assert 0 < daniel.percent_met < 100
    assert priya.percent_met == 0
