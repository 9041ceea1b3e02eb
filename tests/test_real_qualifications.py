"""Published units as awarding bodies write them: mixed kinds, parts, grades, rules, currency."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from portfolio.assessment.models import Outcome
from portfolio.assessment.record import record_decisions
from portfolio.check import run_check
from portfolio.cli import main
from portfolio.coverage import compute_coverage
from portfolio.load import load_project
from portfolio.tagging import change_tags

from .conftest import written_decisions
from .real_units import item, real_project

WITNESS = (
    "witness_name: Sam Reid\nwitness_role: Team leader\nrelationship_to_learner: Line manager\n"
    "witness_contact: office\ndate_signed: 2026-02-02\n"
)
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def real(tmp_path):
    return real_project(tmp_path)


def decide(root, path, refs, outcome=Outcome.MET, day=dt.date(2026, 3, 1), learner="rory"):
    written_decisions(root, learner, path, refs, outcome, "Ann Assessor", day)


def coverage(root, learner="rory"):
    project = load_project(root)
    assert not project.problems.errors, project.problems.errors
    return compute_coverage(project, today=TODAY).learner(learner)


def criterion(lc, ref):
    for unit in lc.units:
        for c in unit.criteria:
            if c.ref == ref:
                return c
            for part in c.parts:
                if part.ref == ref:
                    return part
    raise KeyError(ref)


def test_the_units_load_with_their_references_levels_and_ranges(real):
    project = load_project(real.root)
    assert not project.problems.errors, project.problems.errors
    assert {"BT1/P1", "BT1/M1", "BT1/D1", "RCS/2.1", "RCS/2.1a", "RCS/2.1b", "RCS/4.1"} <= set(project.criteria)
    assert project.units["ENT"].level == "E3"
    assert str(project.units["RCS"].glh) == "40–46"
    assert str(project.qualifications["DIP"].glh) == "245–305"
    assert set(project.unit_entries) == {"CS17", "CS20", "CS21"}


def test_a_knowledge_outcome_in_a_competence_unit_is_met_by_discussion(real):
    real.evidence("pd.md", item("Discussion", "[RCS/4.1, RCS/1.1]", "professional-discussion",
                                kind="professional-discussion"), learner="rory")
    decide(real.root, "pd.md", ["RCS/4.1", "RCS/1.1"])
    lc = coverage(real.root)
    assert criterion(lc, "RCS/4.1").status == "met"
    competence = criterion(lc, "RCS/1.1")
    assert competence.status != "met"
    assert any("performance evidence" in r for r in competence.reasons)


def test_a_work_based_only_criterion_refuses_simulation(real):
    real.evidence("sim.md", item("Role play", "[RCS/1.1]", "simulation", kind="work-product"), learner="rory")
    decide(real.root, "sim.md", ["RCS/1.1"])
    lc = coverage(real.root)
    c = criterion(lc, "RCS/1.1")
    assert c.status != "met"
    assert any("simulation is not accepted" in r for r in c.reasons)


def test_required_observation_is_not_replaced_by_a_witness(real):
    real.evidence("w.md", item("Witness statement", "[RCS/1.2]", "witness-testimony", kind="witness-testimony")
                  .replace("criteria:", WITNESS + "criteria:"), learner="rory")
    decide(real.root, "w.md", ["RCS/1.2"])
    c = criterion(coverage(real.root), "RCS/1.2")
    assert c.status == "in-progress"
    assert c.reasons == ["needs at least one item assessed by observation judged met"]
    assert c.requirement.assessment_requirements == (
        "Learning outcomes 1 to 3 must be assessed in real work situations.",
        "Must include an observation by the assessor.",
    )
    real.evidence("obs.md", item("Observed call", "[RCS/1.2]", "observation", kind="observation-record"),
                  learner="rory")
    decide(real.root, "obs.md", ["RCS/1.2"])
    assert criterion(coverage(real.root), "RCS/1.2").status == "met"


def test_parts_are_tagged_assessed_and_roll_up(real):
    path = real.evidence("options.md", item("Options", "[]", "observation", kind="observation-record"),
                         learner="rory")
    project = load_project(real.root)
    assert change_tags(project, path, ["RCS/2.1a"]).changed == ["RCS/2.1a"]
    decide(real.root, "options.md", ["RCS/2.1a"])
    lc = coverage(real.root)
    parent = criterion(lc, "RCS/2.1")
    assert [p.status for p in parent.parts] == ["met", "unmapped"]
    assert parent.status == "unmapped"
    assert parent.reasons == ["2.1b: no evidence mapped"]
    other = real.evidence("more.md", item("More options", "[RCS/2.1b]", "observation", kind="observation-record"),
                          learner="rory")
    assert other.is_file()
    decide(real.root, "more.md", ["RCS/2.1b"])
    assert criterion(coverage(real.root), "RCS/2.1").status == "met"


def test_a_claim_on_a_criterion_with_parts_is_warned_and_not_counted(real):
    real.evidence("whole.md", item("Options", "[RCS/2.1]", "observation", kind="observation-record"),
                  learner="rory")
    problems = [p for p in load_project(real.root).problems if "assessed through its parts" in p.message]
    assert len(problems) == 1
    assert "RCS/2.1a, RCS/2.1b" in problems[0].hint


def test_a_graded_unit_shows_its_grade(real):
    real.evidence("p.md", item("Pass work", "[BT1/P1, BT1/P2]"), learner="rory")
    real.evidence("m.md", item("Merit work", "[BT1/M1, BT1/D1]"), learner="rory")
    decide(real.root, "m.md", ["BT1/M1", "BT1/D1"])
    unit = next(u for u in coverage(real.root).units if u.unit.code == "BT1")
    assert unit.grade is None and not unit.complete
    assert criterion(coverage(real.root), "BT1/M1").status == "in-progress"  # builds on P2, not met yet
    decide(real.root, "p.md", ["BT1/P1", "BT1/P2"])
    unit = next(u for u in coverage(real.root).units if u.unit.code == "BT1")
    assert unit.grade.value == "distinction" and unit.complete
    result = CliRunner().invoke(main, ["check", str(real.root), "--format", "json"])
    assert json.loads(result.output)["learners"]["rory"]["units"]["BT1"]["grade"] == "distinction"


def test_rules_report_maximum_credit_barred_units_and_credit_at_level(real):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text().replace(
        "declaration:",
        "achieved_elsewhere:\n"
        "  - {unit: CS17, route: credit-transfer, date: 2024-05-01}\n"
        "  - {unit: CS20, route: credit-transfer, date: 2024-05-01}\n"
        "  - {unit: CS21, route: exemption, date: 2024-06-01}\n"
        "declaration:",
    ))
    rules = {rule.description: rule for rule in coverage(real.root).qualification.rules}
    group = rules["optional group 'D'"]
    assert group.met is False and group.detail == "15 credits (at most 7 credits; more than the group allows)"
    barred = rules["barred combination CS20, CS21 (at most one)"]
    assert barred.met is False and "CS20 and CS21 both achieved" in barred.detail
    at_level = rules["credit at level 3 or above"]
    assert at_level.met is True  # CS20 and CS21 are level 3: 10 credits
    assert rules["mandatory unit RCS"].met is False


def test_credit_at_level_is_reported_when_short(real):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text().replace(
        "declaration:", "achieved_elsewhere:\n  - {unit: CS17, route: credit-transfer, date: 2024-05-01}\ndeclaration:"))
    rule = next(r for r in coverage(real.root).qualification.rules if r.description.startswith("credit at level"))
    assert (rule.met, rule.detail) == (False, "0 of 10 credits")


def test_one_finished_unit_of_many_is_not_complete(real, tmp_path):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text()
               .replace("units: [RCS, BT1, ENT]", "units: [ENT]"))
    real.evidence("greet.md", item("Greeting", "[ENT/1.1]"), learner="rory")
    decide(real.root, "greet.md", ["ENT/1.1"])
    lc = coverage(real.root)
    assert lc.units_complete and not lc.complete
    assert lc.rules_status == "not-met"
    result = CliRunner().invoke(main, ["check", str(real.root), "--learner", "rory", "--no-color"])
    assert "complete" not in result.output.splitlines()[0].replace("units complete", "")
    data = json.loads(CliRunner().invoke(main, ["check", str(real.root), "--format", "json"]).output)["learners"]["rory"]
    assert (data["complete"], data["units_complete"], data["rules_status"], data["qualification_achieved"]) == (
        False, True, "not-met", False)
    assert any("minimum credit not met (3 of 16 credits)" in r for r in data["reasons"])


def test_rules_that_cannot_be_checked_keep_a_learner_incomplete(project):
    # A total of 10 credits, and a unit without a credit value: whether it is reached is unknowable.
    project.write("criteria/qualifications/qual.yml", (project.root / "criteria/qualifications/qual.yml").read_text()
                  .split("  optional_groups:")[0] + "  minimum_credit: 10\n")
    project.write("criteria/units/knw.yml", (project.root / "criteria/units/knw.yml").read_text().replace("credit: 4\n", ""))
    project.write("evidence/learner-one/learner.yml", (project.root / "evidence/learner-one/learner.yml").read_text()
                  .replace("units: [KNW, CMP]", "units: [KNW]"))
    for ref in ("KNW/1.1", "KNW/1.2", "KNW/2.1"):
        for n in (1, 2):
            name = f"{ref.replace('/', '-')}-{n}.md"
            project.evidence(name, item("Work", f"[{ref}]"))
            record_decisions(load_project(project.root), "learner-one", name, [ref], Outcome.MET, "Ann Assessor",
                             dt.date(2026, 3, 1))
    lc = compute_coverage(load_project(project.root), today=TODAY).learner("learner-one")
    assert lc.units_complete
    assert lc.rules_status == "cannot-check" and not lc.complete


def test_old_evidence_is_flagged_and_prior_learning_counts(real):
    real.evidence("old.md", item("Old account", "[RCS/4.1]", "reflective-account", date="2015-03-01"), learner="rory")
    real.evidence("cert.md", item("Certificate", "[RCS/4.1]", "recognition-of-prior-learning", date="2015-03-01",
                                  kind="prior-learning"), learner="rory")
    decide(real.root, "old.md", ["RCS/4.1"])
    c = criterion(coverage(real.root), "RCS/4.1")
    assert c.status == "claimed"  # the old account does not count; the certificate awaits assessment
    assert any("before the learner started" in r for r in c.reasons)
    result = run_check(real.root)
    warning = next(p for p in result.problems if p.file.endswith("old.md") and p.field == "date")
    assert warning.line == 5 and "it does not count for RCS/4.1" in warning.message
    decide(real.root, "cert.md", ["RCS/4.1"])
    assert criterion(coverage(real.root), "RCS/4.1").status == "met"


def test_evidence_older_than_the_window_before_its_assessment_does_not_count(real):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text()
               .replace("start_date: 2026-01-05\n", ""))
    real.evidence("old.md", item("Old account", "[RCS/4.1]", date="2022-01-10"), learner="rory")
    decide(real.root, "old.md", ["RCS/4.1"], day=dt.date(2026, 3, 1))
    c = criterion(coverage(real.root), "RCS/4.1")
    assert c.status != "met"
    assert "more than 3 years before it was assessed (2026-03-01)" in c.reasons[0]


def test_check_warns_about_criteria_that_can_never_be_met(real):
    real.write("criteria/units/bad.yml", """\
code: BAD
title: Impossible
level: 2
kind: competence
wording: project
learning_outcomes:
  - number: 1
    text: Be able to do it
    evidence: {methods: [professional-discussion, questioning]}
    criteria:
      - {ref: "1.1", text: Do it}
      - {ref: "1.2", text: Do it watched, evidence: {methods: [observation], required_methods: [witness-testimony]}}
""")
    problems = {(p.line, p.message) for p in load_project(real.root).problems if "can never be met" in p.message}
    assert problems == {
        (11, "BAD/1.1 can never be met: it is a competence criterion, but none of its accepted methods shows "
             "performance (observation, work product, witness testimony, a recording or an allowed simulation)"),
        (12, "BAD/1.2 can never be met: its required methods are not among the methods it accepts"),
    }


def test_one_mistake_in_a_unit_file_is_reported_once(real):
    broken = (real.root / "criteria/units/rcs.yml").read_text().replace("credit: 6\n", "credit: 6\ncolour: blue\n")
    broken = broken.replace('{ref: "4.1", text: Describe', '{ref: "4.1", txt: Describe')
    real.write("criteria/units/rcs.yml", broken)
    real.evidence("pd.md", item("Discussion", "[RCS/1.1, RCS/4.1]", "professional-discussion",
                                kind="professional-discussion"), learner="rory")
    project = load_project(real.root)
    errors = [(p.file, p.field, p.message) for p in project.problems.errors]
    assert ("criteria/units/rcs.yml", "colour", "unknown field 'colour'") in [
        (f, fi, m.split(";")[0]) for f, fi, m in errors]
    assert all(file == "criteria/units/rcs.yml" for file, _, _ in errors), errors
    assert "RCS/1.1" in project.criteria and "RCS" in project.units  # the rest of the unit still loads
    assert not [p for p in project.problems if "unknown unit" in p.message]


def test_a_unit_too_broken_to_load_causes_no_cascade(real):
    real.write("criteria/units/rcs.yml", "code: RCS\nlevel: 2\nwording: project\n")
    real.evidence("pd.md", item("Discussion", "[RCS/1.1]"), learner="rory")
    messages = [p.message for p in load_project(real.root).problems]
    assert not [m for m in messages if "unknown unit" in m or "unknown criterion" in m], messages


def test_levels_and_hours_are_explained_when_wrong(real):
    real.write("criteria/units/ent.yml", (real.root / "criteria/units/ent.yml").read_text()
               .replace("level: E3", "level: E4").replace("credit: 3", "credit: 3\nglh: lots"))
    problems = {p.field: p for p in load_project(real.root).problems.errors if p.file.endswith("ent.yml")}
    assert "E1, E2 or E3" in problems["level"].message and "level: E3" in problems["level"].hint
    assert "glh" in problems and "245-305" in problems["glh"].hint


def test_registering_on_a_unit_assessed_elsewhere_is_explained(real):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text()
               .replace("units: [RCS, BT1, ENT]", "units: [RCS, CS17]"))
    problem = next(p for p in load_project(real.root).problems if p.field == "units[1]")
    assert "not assessed at this centre" in problem.message and "achieved_elsewhere" in problem.hint


def test_the_qualification_grade_is_computed_from_unit_grades(real):
    real.write("criteria/qualifications/dip.yml", (real.root / "criteria/qualifications/dip.yml").read_text()
               .replace("rules:", "grading:\n  points: {pass: 7, merit: 8, distinction: 9}\n  thresholds:\n"
                        "    - {grade: Pass, minimum_points: 0}\n    - {grade: Merit, minimum_points: 24}\n"
                        "    - {grade: Distinction, minimum_points: 26}\nrules:")
               .replace("  minimum_credit_at_or_above_level: {level: 3, credit: 10}\n", "")
               .replace("  minimum_credit: 16\n", ""))
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text().replace(
        "declaration:", "achieved_elsewhere:\n  - {unit: CS17, route: credit-transfer, date: 2024-05-01, grade: merit}\n"
        "declaration:"))
    for name, refs, method, kind in (
        ("obs.md", "[RCS/1.1, RCS/1.2, RCS/2.1a, RCS/2.1b]", "observation", "observation-record"),
        ("pd.md", "[RCS/4.1]", "professional-discussion", "professional-discussion"),
        ("bt.md", "[BT1/P1, BT1/P2, BT1/M1]", "reflective-account", "reflective-account"),
        ("ent.md", "[ENT/1.1]", "reflective-account", "reflective-account"),
    ):
        real.evidence(name, item("Work", refs, method, kind=kind), learner="rory")
        decide(real.root, name, refs.strip("[]").split(", "))
    lc = coverage(real.root)
    assert lc.rules_status == "met" and lc.complete
    # RCS pass 7, BT1 merit 8, ENT pass 7 (not counted: group B needs only BT1? it counts), CS17 merit 8
    assert lc.qualification.points == 7 + 8 + 7 + 8
    assert lc.qualification.grade == "Distinction"


def test_site_and_records_never_call_an_incomplete_learner_complete(real):
    import shutil

    import docx

    from portfolio.report.record_paths import COHORT_TRACKER_PATH, learner_summary_path
    from portfolio.site.build import build_site

    from .conftest import REPO

    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text()
               .replace("units: [RCS, BT1, ENT]", "units: [ENT]"))
    real.evidence("greet.md", item("Greeting", "[ENT/1.1]"), learner="rory")
    decide(real.root, "greet.md", ["ENT/1.1"])
    shutil.copy(REPO / "mkdocs.yml", real.root / "mkdocs.yml")
    (real.root / "docs").mkdir()
    site = build_site(real.root, real.root / "site")
    page = (site / "learners/rory/index.html").read_text(encoding="utf-8")
    assert "Nothing is missing" not in page
    assert "not complete" in page and "minimum credit not met (3 of 16 credits)" in page
    assert "The rules are not yet met." in page

    def text_of(path):
        document = docx.Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    front = text_of(site / learner_summary_path("rory"))
    assert "Portfolio complete" not in front
    assert "The rules of combination are not yet met." in front
    assert "Not complete: rules of combination: minimum credit not met (3 of 16 credits)." in front
    tracker = docx.Document(str(site / COHORT_TRACKER_PATH))
    rows = [[c.text for c in row.cells] for row in tracker.tables[-1].rows]
    rory = next(row for row in rows if row[0] == "Rory Real")
    assert rory[-1] == "No"


def test_graded_references_and_parts_through_the_command_line(real):
    real.evidence("work.md", item("Work", "[]", "observation", kind="observation-record"), learner="rory")
    runner = CliRunner()

    def cli(*args):
        return runner.invoke(main, [*args, "--project", str(real.root)], catch_exceptions=False)

    path = str(real.root / "evidence/rory/work.md")
    result = cli("tag", path, "BT1/P1", "RCS/2.1a", "RCS/2.1b")
    assert result.exit_code == 0, result.output
    assert "added BT1/P1" in result.output and "added RCS/2.1b" in result.output
    refused = cli("tag", path, "RCS/2.1")
    assert refused.exit_code == 1
    assert "assessed through its parts" in refused.output and "RCS/2.1a, RCS/2.1b" in refused.output
    assessed = cli("assess", "--learner", "rory", "work.md", "BT1/P1", "RCS/2.1a", "RCS/2.1b", "--met",
                   "--date", "2026-03-01")
    assert assessed.exit_code == 0, assessed.output
    lc = coverage(real.root)
    assert criterion(lc, "BT1/P1").status == "met"
    assert criterion(lc, "RCS/2.1").status == "met"


def test_mistakes_hidden_behind_others_come_out_in_one_run(real):
    real.write("criteria/units/hone.yml", """\
code: HONE
title: Several mistakes
level: 2
kind: competence
wording: project
credit: three
learning_outcomes:
  - number: 1
    text: Be able to do things
    criteria:
      - {ref: "2.1", text: Under the wrong outcome}
      - {ref: "1.1", text: A typo, evidence: {required_methods: [observaton]}}
      - {ref: "1.2", text: Never met, evidence: {methods: [reflective-account]}}
      - {ref: "1.3", text: Once}
      - {ref: "1.3", text: Twice}
""")
    found = {(p.line, p.field, p.severity.value): p for p in load_project(real.root).problems if p.file.endswith("hone.yml")}
    assert set(found) == {
        (6, "credit", "error"),
        (11, "learning_outcomes[0].criteria[0]", "error"),
        (12, "learning_outcomes[0].criteria[1].evidence.required_methods[0]", "error"),
        (13, "learning_outcomes[0].criteria[2]", "warning"),
        (15, "learning_outcomes[0].criteria[4]", "error"),
    }
    assert "did you mean 'observation'" in found[(12, "learning_outcomes[0].criteria[1].evidence.required_methods[0]",
                                                   "error")].message
    assert "whole number" in found[(6, "credit", "error")].hint


def test_one_error_per_field_of_several_types(real):
    real.write("criteria/units/ent.yml", (real.root / "criteria/units/ent.yml").read_text()
               .replace("credit: 3", "credit: 3\nglh: 30-20"))
    problems = [p for p in load_project(real.root).problems if p.file.endswith("ent.yml")]
    assert [(p.field, p.message) for p in problems] == [("glh.maximum", "the maximum is below the minimum")]


def test_a_circle_of_criteria_building_on_each_other_is_refused(real):
    real.write("criteria/units/bt1.yml", (real.root / "criteria/units/bt1.yml").read_text()
               .replace("builds_on: [P2]}", "builds_on: [D1]}"))
    problem = next(p for p in load_project(real.root).problems if p.file.endswith("bt1.yml"))
    assert problem.field == "learning_outcomes[0].criteria[2].builds_on"
    assert "builds, through the criteria it builds on, on itself" in problem.message


def test_the_reason_names_the_required_method_rather_than_any_performance(real):
    real.write("criteria/units/rcs.yml", (real.root / "criteria/units/rcs.yml").read_text()
               .replace('{ref: "1.1", text: Spot a problem with the help of the customer}',
                        '{ref: "1.1", text: Spot a problem, evidence: {required_methods: [observation]}}'))
    real.evidence("ra.md", item("Account", "[RCS/1.1]"), learner="rory")
    decide(real.root, "ra.md", ["RCS/1.1"])
    assert criterion(coverage(real.root), "RCS/1.1").reasons == ["needs at least one item assessed by observation judged met"]


def test_a_registered_unit_that_cannot_load_keeps_the_learner_incomplete(real):
    real.write("criteria/units/ent.yml", "code: ENT\nlevel: 2\nwording: project\n")
    project = load_project(real.root)
    lc = compute_coverage(project, today=TODAY).learner("rory")
    assert "unit ENT cannot be shown: its unit file has errors that keep it from loading" in lc.reasons
    assert not lc.complete


def test_a_graded_qualification_without_a_grade_says_why(real):
    real.write("criteria/qualifications/dip.yml", (real.root / "criteria/qualifications/dip.yml").read_text()
               .replace("rules:", "grading:\n  points: {pass: 7, merit: 8, distinction: 9}\n  thresholds:\n"
                        "    - {grade: Pass, minimum_points: 0}\nrules:"))
    lc = coverage(real.root)
    assert lc.qualification.grade is None
    assert lc.qualification.grade_note == "graded once the rules of combination are met"


def test_a_unit_achieved_in_the_future_is_warned(real):
    real.write("evidence/rory/learner.yml", (real.root / "evidence/rory/learner.yml").read_text().replace(
        "declaration:", "achieved_elsewhere:\n  - {unit: CS17, route: credit-transfer, date: 2099-01-01}\ndeclaration:"))
    problem = next(p for p in load_project(real.root).problems if p.field == "achieved_elsewhere[0].date")
    assert "in the future" in problem.message
