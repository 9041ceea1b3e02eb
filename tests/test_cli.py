from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from portfolio.cli import main

from .conftest import ProjectBuilder, evidence_md


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_on_the_sample_exits_0_and_shows_reasons(sample):
    result = run("check", str(sample))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Amira Khan (amira-khan)" in out and "complete" in out
    assert "INC2 Principles of handling incidents through a contact centre: 100% met (10 met)" in out
    assert "INC3 Handling incidents referred to a contact centre: 50% met" in out
    assert "INC3/2.3   not yet met" in out
    assert "D06: changed since it was assessed on 2026-03-30" in out
    assert "INC3/4.3   no evidence" in out
    assert "\x1b[" not in out, "no colour when not on a terminal"
    # The sample's two warnings are deliberate: a simulation where real work is required, and
    # evidence from before the learner started.
    assert "Problems: 0 error(s), 2 warning(s)" in out


def test_check_colour_on_request(sample):
    result = run("check", str(sample), "--color", "--learner", "daniel-okoro")
    assert "\x1b[32m" in result.output and "█" in result.output


def test_json_shape(sample):
    result = run("check", str(sample), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "portfolio-check/3"
    assert set(data) == {"schema", "summary", "learners", "problems"}
    assert list(data["learners"]) == ["amira-khan", "daniel-okoro", "leon-marsh", "priya-shah"]
    unit = data["learners"]["daniel-okoro"]["units"]["INC3"]
    crit = unit["criteria"]["INC3/2.3"]
    assert crit["status"] == "not-yet-met"
    assert crit["evidence"][0]["decision"]["outcome"] == "not-yet-met"
    assert crit["reasons"]
    assert unit["criteria"]["INC3/1.1"]["status"] == "met"
    assert unit["criteria"]["INC3/4.3"] == {
        "ref": "INC3/4.3",
        "learning_outcome": 4,
        "text": unit["criteria"]["INC3/4.3"]["text"],
        "kind": "competence",
        "grade": None,
        "assessment_requirements": [],
        "status": "unmapped",
        "evidence": [],
        "reasons": ["no evidence mapped"],
        "rules_of_evidence": {"recorded": None, "all_hold": False},
        "parts": {},
    }
    daniel = data["learners"]["daniel-okoro"]
    assert (daniel["complete"], daniel["units_complete"], daniel["rules_status"]) == (False, False, "not-met")
    assert daniel["qualification"]["rules"][0] == {
        "rule": "mandatory unit INC3", "status": "not-met", "met": False, "detail": "not yet achieved",
    }


def test_json_problems_carry_file_line_field_message_severity(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KWN/2.1]"))
    result = run("check", str(project.root), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert problems == [
        {
            "file": "evidence/learner-one/a.md",
            "line": 6,
            "field": "criteria[0]",
            "message": "unknown criterion 'KWN/2.1'; did you mean 'KNW/2.1'?",
            "hint": problems[0]["hint"],
            "severity": "error",
            "code": None,
            "kind": None,
        }
    ]


def test_errors_exit_1_and_name_file_and_line(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.9]"))
    result = run("check", str(project.root))
    assert result.exit_code == 1
    assert "evidence/learner-one/a.md:6: error: criteria[0]: unknown criterion 'KNW/1.9'" in result.output
    assert "    hint: " in result.output


def test_strict_fails_on_gaps_and_warnings(project: ProjectBuilder):
    assert run("check", str(project.root)).exit_code == 0
    assert run("check", str(project.root), "--strict").exit_code == 1


def test_usage_errors_exit_2(tmp_path, sample):
    assert run("check", str(tmp_path)).exit_code == 2
    result = run("check", str(sample), "--learner", "amira")
    assert result.exit_code == 2
    assert "did you mean 'amira-khan'?" in result.output
    assert run("check", str(sample), "--format", "xml").exit_code == 2


def test_learner_filter(sample):
    result = run("check", str(sample), "--learner", "priya-shah")
    assert "Priya Shah" in result.output and "Amira" not in result.output


def test_assess_records_a_decision_that_check_then_counts(sample):
    result = run(
        "assess", "--project", str(sample), "--learner", "daniel-okoro", "post-incident-review-outage.md",
        "INC3/4.1", "INC3/4.2", "--met", "--date", "2026-04-10", "--feedback", "Clear timeline.",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(run("check", str(sample), "--format", "json").output)
    criteria = data["learners"]["daniel-okoro"]["units"]["INC3"]["criteria"]
    assert criteria["INC3/4.1"]["status"] == "met"
    assert criteria["INC3/4.1"]["evidence"][0]["decision"]["feedback"] == "Clear timeline."


def test_assess_refuses_a_criterion_the_evidence_does_not_claim(sample):
    before = (sample / "evidence/daniel-okoro/decisions.yml").read_bytes()
    result = run(
        "assess", "--project", str(sample), "--learner", "daniel-okoro", "post-incident-review-outage.md",
        "INC3/4.3", "--met",
    )
    assert result.exit_code == 1
    assert "does not claim INC3/4.3" in result.output
    assert (sample / "evidence/daniel-okoro/decisions.yml").read_bytes() == before


def test_python_dash_m_and_no_traceback_on_broken_project(project: ProjectBuilder):
    project.write("criteria/units/knw.yml", b"\xff\xfe\x00garbage")
    project.evidence("a.md", "---\na: &x [1]\nb: *x\n---\n")
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "check", str(project.root)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "criteria/units/knw.yml: error:" in proc.stdout
    assert "evidence/learner-one/a.md:2: error:" in proc.stdout


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder is expected")
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "schema", "--out", str(blocker / "schemas")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: cannot write or read") and "not-a-folder" in proc.stderr


def test_every_command_has_help_with_an_example():
    for name in main.commands:
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, f"'{name}' needs an example in its help"
