"""The rules of evidence, feedback with action points and the learner's acknowledgement, the
assessment plan, and unit sign-off: each refusal with its exact message and exit code."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from portfolio.cli import main

from .conftest import ProjectBuilder, evidence_md

STAFF = """\
name: Test Centre
staff:
  - {name: Ann Assessor, roles: [assessor]}
  - {name: Tia Trainee, roles: [trainee-assessor], countersigned_by: Ann Assessor}
  - {name: Ivan Iqa, roles: [iqa]}
  - {name: Ada Both, roles: [assessor, iqa]}
"""


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output.strip()


def decisions(project: ProjectBuilder) -> list[dict]:
    return yaml.safe_load((project.root / "evidence/learner-one/decisions.yml").read_text())["decisions"]


def status(project: ProjectBuilder, ref: str) -> str:
    report = json.loads(CliRunner().invoke(main, ["check", str(project.root), "--format", "json"]).output)
    unit = ref.split("/")[0]
    return report["learners"]["learner-one"]["units"][unit]["criteria"][ref]["status"]


def assess(project: ProjectBuilder, *args: str):
    return run("assess", "--learner", "learner-one", *args, "--project", str(project.root))


# --- the rules of evidence -------------------------------------------------------------------


def test_a_met_decision_records_that_all_five_rules_hold(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    code, _ = assess(project, "a.md", "KNW/1.1", "--met", "--date", "2026-03-01")
    assert code == 0
    [entry] = decisions(project)
    assert entry["rules"] == dict.fromkeys(("valid", "authentic", "current", "sufficient", "reliable"), "holds")
    text = (project.root / "evidence/learner-one/decisions.yml").read_text()
    assert "    rules: {valid: holds, authentic: holds, current: holds, sufficient: holds, reliable: holds}\n" in text


def test_met_is_refused_where_a_rule_the_tool_checks_fails(project: ProjectBuilder):
    project.evidence("obs.md", evidence_md("[KNW/2.1]", method="observation"))
    project.evidence("old.md", evidence_md("[KNW/1.1]").replace("date: 2026-02-01", "date: 2019-02-01"))
    project.write("evidence/learner-one/learner.yml",
                  (project.root / "evidence/learner-one/learner.yml").read_text() + "start_date: 2026-01-05\n")
    assert assess(project, "obs.md", "KNW/2.1", "--met") == (1, (
        "Error: obs.md cannot be judged met on KNW/2.1: validity fails: method 'observation' is not accepted for this "
        "criterion (accepted: oral or written questioning, reflective account); nothing was recorded "
        "(record --not-yet-met with feedback, or claim a criterion this evidence can meet)"
    ))
    assert assess(project, "old.md", "KNW/1.1", "--met") == (1, (
        "Error: old.md cannot be judged met on KNW/1.1: currency fails: dated 2019-02-01, before the learner started "
        "(2026-01-05): evidence from before the programme counts only through recognition of prior learning; nothing "
        "was recorded (record --not-yet-met with feedback, or claim a criterion this evidence can meet)"
    ))
    assert not (project.root / "evidence/learner-one/decisions.yml").exists()
    # Recorded as not yet met, the failing rule is kept with its reason.
    assert assess(project, "obs.md", "KNW/2.1", "--not-yet-met", "--feedback", "Answer the questions instead.")[0] == 0
    [entry] = decisions(project)
    assert entry["rules"]["valid"] == "fails" and entry["rules"]["sufficient"] == "holds"
    assert entry["rule_notes"]["valid"].startswith("method 'observation' is not accepted")


def test_met_is_refused_until_the_learner_signs_the_declaration(project: ProjectBuilder):
    profile = project.root / "evidence/learner-one/learner.yml"
    profile.write_text(profile.read_text().replace("  signed: true\n  date: 2026-01-05\n", "  signed: false\n"))
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    assert assess(project, "a.md", "KNW/1.1", "--met") == (1, (
        "Error: a.md cannot be judged met on KNW/1.1: authenticity fails: the learner has not signed the declaration "
        "of authenticity; nothing was recorded (record --not-yet-met with feedback, or claim a criterion this "
        "evidence can meet)"
    ))


def test_the_assessor_names_the_rules_that_fail_only_with_not_yet_met(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    code, output = assess(project, "a.md", "KNW/1.1", "--met", "--fails", "sufficient")
    assert code == 2
    assert output.endswith("Error: --met says every rule of evidence holds: --fails sufficient contradicts it "
                           "(record --not-yet-met, or leave out --fails)")
    code, output = assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--fails", "valdi")
    assert code == 2 and "Invalid value for '--fails': 'valdi' is not one of 'valid', 'authentic'" in output
    assert assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--fails", "sufficient", "--fails", "reliable",
                  "--date", "2026-03-01")[0] == 0
    [entry] = decisions(project)
    assert [rule for rule, value in entry["rules"].items() if value == "fails"] == ["sufficient", "reliable"]
    assert status(project, "KNW/1.1") == "not-yet-met"


def test_a_met_decision_written_with_a_failing_rule_is_reported_and_the_others_still_count(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    project.evidence("b.md", evidence_md("[KNW/2.1]", method="questioning"))
    assert assess(project, "b.md", "KNW/2.1", "--met", "--date", "2026-03-01")[0] == 0
    path = project.root / "evidence/learner-one/decisions.yml"
    text = path.read_text()
    entry = text[text.index("  - evidence:"):].replace("b.md", "a.md").replace("KNW/2.1", "KNW/1.1")
    path.write_text(text + entry.replace("sufficient: holds", "sufficient: fails"))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert ("evidence/learner-one/decisions.yml:19: error: decisions[1].rules: a decision cannot be 'met' while a "
            "rule of evidence fails (sufficient)") in output
    assert status(project, "KNW/2.1") == "met" and status(project, "KNW/1.1") == "claimed"


# --- feedback, action points and the learner's acknowledgement --------------------------------


def test_action_points_need_due_dates_on_or_after_the_decision(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    base = ("a.md", "KNW/1.1", "--not-yet-met", "--date", "2026-03-01")
    assert assess(project, *base, "--action", "Add a second example")[1].endswith(
        "Error: give --due DATE: each action point needs the date it is due")
    assert assess(project, *base, "--due", "2026-03-10")[1].endswith("Error: --due needs an --action to be due")
    code, output = assess(project, *base, "--action", "One", "--action", "Two", "--action", "Three",
                          "--due", "2026-03-10", "--due", "2026-03-11")
    assert code == 2 and output.endswith(
        "Error: give one --due for all the action points, or one per --action (3 action(s), 2 --due)")
    assert assess(project, *base, "--action", "Add a second example", "--due", "2026-02-20") == (1, (
        "Error: action 'Add a second example' is due on 2026-02-20, before the decision (2026-03-01); nothing was recorded"
    ))
    code, _ = assess(project, *base, "--feedback", "Good start.", "--action", "Add a second example",
                     "--action", "Say what you did", "--due", "2026-03-15")
    assert code == 0
    [entry] = decisions(project)
    assert entry["actions"] == [
        {"action": "Add a second example", "due": __import__("datetime").date(2026, 3, 15)},
        {"action": "Say what you did", "due": __import__("datetime").date(2026, 3, 15)},
    ]


def test_the_learner_acknowledges_feedback_and_may_reply(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1, KNW/2.1]"))
    ack = ("acknowledge", "--learner", "learner-one", "a.md", "--project", str(project.root))
    assert run(*ack) == (1, "Error: a.md has no assessor's decision yet: there is no feedback to acknowledge")
    assess(project, "a.md", "KNW/1.1", "KNW/2.1", "--not-yet-met", "--feedback", "Say what you did.",
           "--action", "Rewrite paragraph two", "--due", "2026-03-20", "--date", "2026-03-01")
    assert run(*ack, "KNW/1.2") == (1, (
        "Error: a.md has no decision on KNW/1.2 to acknowledge (decided: KNW/1.1, KNW/2.1); nothing was recorded"))
    assert run(*ack, "--date", "2026-02-27") == (1, (
        "Error: the acknowledgement (2026-02-27) cannot be dated before the decision (2026-03-01); nothing was recorded"))
    code, output = run(*ack, "--date", "2099-01-01")
    assert code == 2 and "2099-01-01 is in the future: give the date you acknowledge it" in output
    code, output = run(*ack, "--reply", " ")
    assert code == 2 and "it is empty: write your reply, or leave out --reply" in output
    assert run(*ack, "--date", "2026-03-03", "--reply", "Rewritten in the first person.") == (0, (
        "acknowledged: a.md KNW/1.1, the decision of 2026-03-01 by Ann Assessor (2026-03-03) with a reply\n"
        "acknowledged: a.md KNW/2.1, the decision of 2026-03-01 by Ann Assessor (2026-03-03) with a reply"
    ))
    assert run(*ack, "KNW/2.1") == (1, (
        "Error: the decision of 2026-03-01 on KNW/2.1 was already acknowledged on 2026-03-03; nothing was recorded"))
    saved = yaml.safe_load((project.root / "evidence/learner-one/acknowledgements.yml").read_text())
    assert saved["acknowledgements"][0]["reply"] == "Rewritten in the first person."
    from portfolio.load import load_project

    learner = load_project(project.root).learners["learner-one"]
    assert [a.criterion for a in learner.acknowledgements] == ["KNW/1.1", "KNW/2.1"]


def test_an_acknowledgement_of_no_recorded_decision_is_reported(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    project.write("evidence/learner-one/acknowledgements.yml", (
        "acknowledgements:\n"
        "  - {evidence: a.md, criterion: KNW/1.1, decision_date: 2026-03-01, assessor: Ann Assessor, date: 2026-03-02}\n"
    ))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert ("evidence/learner-one/acknowledgements.yml:2: warning: acknowledgements[0]: acknowledges a decision on "
            "KNW/1.1 for a.md dated 2026-03-01 by Ann Assessor, which is not among learner-one's decisions") in output


# --- the assessment plan ------------------------------------------------------------------------


def test_the_plan_is_checked_against_the_learners_units_and_the_staff(project: ProjectBuilder):
    project.write("evidence/centre.yml", STAFF)
    project.write("evidence/learner-one/plan.yml", (
        "activities:\n"
        "  - {activity: Questions on things, criteria: [KNW/1.1, KNW/11], method: questioning, target: 2026-04-01}\n"
        "reviews:\n"
        "  - {date: 2026-03-01, by: Ann Asessor, summary: Started well, next_review: 2026-02-01}\n"
        "  - {date: 2026-03-01, by: Ann Asessor, summary: Started well, next_review: 2026-04-01}\n"
    ))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert ("evidence/learner-one/plan.yml:2: warning: activities[0].criteria[1]: the activity 'Questions on things' "
            "plans for 'KNW/11', which is not a criterion of learner-one's units; did you mean 'KNW/1.1'?") in output
    assert ("evidence/learner-one/plan.yml:4: error: reviews[0].next_review: the next review must come after this "
            "one (2026-03-01)") in output
    assert ("warning: reviews[0].by: the review of 2026-03-01 is by 'Ann Asessor', who is not on the centre's staff; "
            "did you mean 'Ann Assessor'?") in output
    from portfolio.load import load_project

    plan = load_project(project.root).learners["learner-one"].plan
    assert plan is not None and len(plan.activities) == 1 and len(plan.reviews) == 1  # the bad review alone is left out


# --- unit sign-off ------------------------------------------------------------------------------


def _complete_knw(project: ProjectBuilder) -> None:
    project.write("evidence/centre.yml", STAFF)
    project.evidence("a.md", evidence_md("[KNW/1.1, KNW/1.2, KNW/2.1]"))
    project.evidence("b.md", evidence_md("[KNW/1.2]"))
    assess(project, "a.md", "KNW/1.1", "KNW/1.2", "KNW/2.1", "--met", "--date", "2026-03-01")


def sign(project: ProjectBuilder, *args: str):
    return run("sign-off", "KNW", "--learner", "learner-one", *args, "--project", str(project.root))


def test_a_unit_is_signed_off_only_when_complete_and_by_who_may(project: ProjectBuilder):
    _complete_knw(project)
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor") == (1, (
        "Error: KNW is not complete (1 of 3 criteria not met): a unit is signed off only when every criterion is "
        "met; nothing was recorded"))
    assess(project, "b.md", "KNW/1.2", "--met", "--date", "2026-03-01")
    assert sign(project, "--as", "learner", "--name", "Ann Assessor") == (1, (
        "Error: 'Ann Assessor' is not the learner (Test Learner): only the learner signs as learner; nothing was recorded"))
    assert sign(project, "--as", "assessor", "--name", "Tia Trainee") == (1, (
        "Error: Tia Trainee is a trainee assessor: Ann Assessor signs the unit off; nothing was recorded"))
    assert sign(project, "--as", "assessor", "--name", "Ivan Iqa") == (1, (
        "Error: Ivan Iqa is not an assessor (roles: iqa); nothing was recorded"))
    assert sign(project, "--as", "iqa", "--name", "Ivan Iqa") == (1, (
        "Error: KNW has no assessor's sign-off that holds: the IQA signs after the assessor; nothing was recorded"))
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-02-28T09:00") == (1, (
        "Error: the sign-off (2026-02-28 09:00) is dated before the unit's last decision (2026-03-01); "
        "nothing was recorded"))
    code, output = sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2099-01-01T09:00")
    assert code == 2 and "2099-01-01 09:00 is in the future: give when it was signed" in output
    assert sign(project, "--as", "learner", "--name", "test learner", "--at", "2026-03-02T10:00") == (0, (
        "signed off: KNW for learner-one by Test Learner (learner), 2026-03-02 10:00, over 2 evidence file(s)\n"
        '  "I confirm that the evidence listed is my own work."'))
    assert sign(project, "--as", "assessor", "--name", "ann assessor", "--at", "2026-03-02T11:30")[0] == 0
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor") == (1, (
        "Error: KNW is already signed off by the assessor (Ann Assessor, 2026-03-02 11:30) and nothing has changed "
        "since; nothing was recorded"))
    assert sign(project, "--as", "iqa", "--name", "Ann Assessor") == (1, (
        "Error: 'Ann Assessor' is not an internal quality assurer on the centre's staff (evidence/centre.yml); nothing "
        "was recorded"))
    assert sign(project, "--as", "iqa", "--name", "Ada Both", "--at", "2026-03-04T16:45") == (0, (
        "signed off: KNW for learner-one by Ada Both (internal quality assurer), 2026-03-04 16:45, over 2 evidence "
        'file(s)\n  "I have sampled this unit\'s assessment and confirm the assessment decisions."'))


def test_an_iqa_never_signs_off_their_own_decisions(project: ProjectBuilder):
    _complete_knw(project)
    assess(project, "b.md", "KNW/1.2", "--met", "--date", "2026-03-01", "--assessor", "Ada Both")
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-02T11:30")[0] == 0
    assert sign(project, "--as", "iqa", "--name", "Ada Both") == (1, (
        "Error: Ada Both made or countersigned decisions on KNW for this learner: an IQA never samples their own "
        "decisions; another IQA signs; nothing was recorded"))
    assert sign(project, "--as", "iqa", "--name", "Ivan Iqa", "--at", "2026-03-05T09:00")[0] == 0
    saved = yaml.safe_load((project.root / "evidence/learner-one/sign-offs.yml").read_text())["sign_offs"]
    assert [(s["role"], s["name"]) for s in saved] == [("assessor", "Ann Assessor"), ("iqa", "Ivan Iqa")]
    assert set(saved[1]["evidence"]) == {"a.md", "b.md"}


def test_a_change_to_signed_evidence_breaks_the_sign_off_until_signed_again(project: ProjectBuilder):
    _complete_knw(project)
    assess(project, "b.md", "KNW/1.2", "--met", "--date", "2026-03-01")
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-02T11:30")[0] == 0
    b = str(project.root / "evidence/learner-one/b.md")
    # A new claim on the unit awaits assessment: the sign-off no longer covers all that is claimed.
    assert run("tag", b, "KNW/1.1", "--project", str(project.root))[0] == 0
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert "no longer holds: b.md on KNW/1.1 awaits assessment\n" in output
    # Tagging and untagging change no content: taken off again, the sign-off holds as before.
    assert run("untag", b, "KNW/1.1", "--project", str(project.root))[0] == 0
    assert "sign-offs.yml" not in CliRunner().invoke(main, ["check", str(project.root)]).output
    project.evidence("c.md", evidence_md("[KNW/2.1]"))
    (project.root / "evidence/learner-one/b.md").write_text(evidence_md("[KNW/1.2, KNW/1.1]").replace("I did", "I then did"))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert ("evidence/learner-one/sign-offs.yml: warning: sign_offs: the sign-off of KNW by Ann Assessor (assessor, "
            "2026-03-02 11:30) no longer holds: the unit is no longer complete; b.md on KNW/1.1 awaits assessment; "
            "c.md on KNW/2.1 awaits assessment; b.md changed; c.md added") in output
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-03T12:00") == (1, (
        "Error: KNW is not complete (1 of 3 criteria not met): a unit is signed off only when every criterion is "
        "met; nothing was recorded"))
    assess(project, "b.md", "KNW/1.2", "--met", "--date", "2026-03-03")
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-03T12:00") == (1, (
        "Error: KNW has evidence awaiting assessment (b.md on KNW/1.1, c.md on KNW/2.1): assess it, or take the "
        "claim off, before the unit is signed off; nothing was recorded"))
    assess(project, "b.md", "KNW/1.1", "--met", "--date", "2026-03-03")
    assess(project, "c.md", "KNW/2.1", "--not-yet-met", "--date", "2026-03-03")
    code, output = sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-03T12:00")
    assert (code, output.splitlines()[0]) == (0, "signed off: KNW for learner-one by Ann Assessor (assessor), "
                                                 "2026-03-03 12:00, over 3 evidence file(s)")
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert "no longer holds" not in output


def test_personal_data_in_a_reply_an_action_point_or_the_plan_is_reported(project: ProjectBuilder):
    import json as json_module

    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--date", "2026-03-01", "--action",
           "Ring the caller back on 07700 900123", "--due", "2026-03-10")
    run("acknowledge", "--learner", "learner-one", "a.md", "--date", "2026-03-02", "--reply",
        "Done; my mobile is 07700 900456", "--project", str(project.root))
    project.write("evidence/learner-one/plan.yml", (
        "activities:\n  - {activity: Call the tenant at SW1A 1AA, target: 2026-04-01}\n"
    ))
    report = json_module.loads(CliRunner().invoke(main, ["check", str(project.root), "--format", "json"]).output)
    found = {(p["file"].rsplit("/", 1)[1], p["field"], p["kind"]) for p in report["problems"] if p["code"] == "personal-data"}
    assert found == {
        ("decisions.yml", "decisions[0].actions[0]", "phone"),
        ("acknowledgements.yml", "acknowledgements[0].reply", "phone"),
        ("plan.yml", "activities[0].activity", "postcode"),
    }
    assert "07700 900456" not in json_module.dumps(report)  # masked everywhere, the reply included


def test_what_the_command_line_refuses_before_recording(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    project.evidence("later.md", evidence_md("[KNW/1.1]").replace("date: 2026-02-01", "date: 2026-05-01"))
    code, output = assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--feedback", "  ")
    assert code == 2 and "Invalid value for --feedback: it is empty: write the feedback, or leave out --feedback" in output
    code, output = assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--feedback", "red \x1b[31m")
    assert code == 2 and ("Invalid value for --feedback: it contains a control character (U+001B) that no record "
                          "can show") in output
    assert assess(project, "later.md", "KNW/1.1", "--met", "--date", "2026-04-01") == (1, (
        "Error: later.md cannot be judged met on KNW/1.1: currency fails: the evidence is dated 2026-05-01, after the "
        "decision (2026-04-01); nothing was recorded (record --not-yet-met with feedback, or claim a criterion this "
        "evidence can meet)"))
    assert assess(project, "a.md", "KNW/1.1", "KNW/1.1", "--not-yet-met", "--date", "2026-03-01") == (
        0, "recorded: a.md KNW/1.1 not-yet-met (2026-03-01)")
    [entry] = decisions(project)
    # Not yet met with no rule named: what is missing is sufficiency, never "all five hold".
    assert [rule for rule, value in entry["rules"].items() if value == "fails"] == ["sufficient"]


FORGED = [
    ("name: Test Learner", "name: Someone Else",
     "'Someone Else' is not the learner (Test Learner): only the learner signs as learner"),
    ("role: assessor\n    name: Ann Assessor", "role: assessor\n    name: Tia Trainee",
     "Tia Trainee is a trainee assessor: Ann Assessor signs the unit off"),
    ("signed_at: 2026-03-02 11:30:00", "signed_at: 2029-03-02 11:30:00", "the sign-off (2029-03-02 11:30) is in the future"),
    ("signed_at: 2026-03-02 11:30:00", "signed_at: 2026-02-02 11:30:00",
     "the sign-off (2026-02-02 11:30) is dated before the unit's last decision (2026-03-01)"),
    ("signed_at: 2026-03-02 11:30:00", "signed_at: 2026-03-02 09:00:00",
     "the assessor's sign-off (2026-03-02 09:00) is dated before the learner's (2026-03-02 10:00), who signs first"),
    ("signed_at: 2026-03-04 16:45:00", "signed_at: 2026-03-02 11:00:00",
     "the iqa's sign-off (2026-03-02 11:00) is dated before the assessor's (2026-03-02 11:30), who signs first"),
]


def test_sign_offs_written_by_hand_are_held_to_the_same_rules(project: ProjectBuilder):
    _complete_knw(project)
    assess(project, "b.md", "KNW/1.2", "--met", "--date", "2026-03-01")
    assert sign(project, "--as", "learner", "--name", "Test Learner", "--at", "2026-03-02T10:00")[0] == 0
    assert sign(project, "--as", "assessor", "--name", "Ann Assessor", "--at", "2026-03-02T11:30")[0] == 0
    assert sign(project, "--as", "iqa", "--name", "Ivan Iqa", "--at", "2026-03-04T16:45")[0] == 0
    path = project.root / "evidence/learner-one/sign-offs.yml"
    signed = path.read_text()
    assert "error" not in CliRunner().invoke(main, ["check", str(project.root)]).output
    for old, new, message in FORGED:
        assert old in signed, old
        path.write_text(signed.replace(old, new, 1))
        result = CliRunner().invoke(main, ["check", str(project.root), "--format", "json"])
        report = json.loads(result.output)
        errors = [p["message"] for p in report["problems"] if p["file"].endswith("sign-offs.yml")]
        assert f"{message}: the sign-off is not counted" in errors, (new, errors)
        assert result.exit_code == 1
    path.write_text(signed.replace("signed_at: 2026-03-02 11:30:00", "signed_at: 1772451000", 1))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert "sign_offs[1].signed_at: write the centre's local date and time" in output


def test_a_later_decision_of_the_same_day_is_acknowledged_on_its_own(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    ack = ("acknowledge", "--learner", "learner-one", "a.md", "--date", "2026-03-01", "--project", str(project.root))
    assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--feedback", "First.", "--date", "2026-03-01")
    assert run(*ack, "--reply", "Will do")[0] == 0
    assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--feedback", "Second.", "--date", "2026-03-01")
    assert run(*ack)[0] == 0
    assert run(*ack) == (1, "Error: every decision on a.md is already acknowledged (KNW/1.1); nothing was recorded")


def test_a_duplicate_key_in_one_decision_leaves_out_that_decision_alone(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    project.evidence("b.md", evidence_md("[KNW/2.1]", method="questioning"))
    assess(project, "a.md", "KNW/1.1", "--met", "--date", "2026-03-01")
    assess(project, "b.md", "KNW/2.1", "--met", "--date", "2026-03-01")
    path = project.root / "evidence/learner-one/decisions.yml"
    path.write_text(path.read_text().replace("    outcome: met\n", "    outcome: met\n    outcome: not-yet-met\n", 1))
    result = CliRunner().invoke(main, ["check", str(project.root)])
    assert "evidence/learner-one/decisions.yml:8: error: duplicate key 'outcome': this entry is left out" in result.output
    assert result.output.count("error:") == 1
    assert status(project, "KNW/1.1") == "claimed" and status(project, "KNW/2.1") == "met"
    assert assess(project, "a.md", "KNW/1.1", "--met") == (1, (
        "Error: evidence/learner-one/decisions.yml has errors ('portfolio check' shows them): fix them first; nothing "
        "was recorded"))


def test_a_trainees_decision_is_countersigned_by_the_assessor_the_centre_names(project: ProjectBuilder):
    project.write("evidence/centre.yml", STAFF)
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    assess(project, "a.md", "KNW/1.1", "--met", "--assessor", "Tia Trainee", "--date", "2026-03-01")
    assert run("countersign", "--learner", "learner-one", "a.md", "KNW/1.1", "--by", "Ada Both",
               "--project", str(project.root)) == (1, (
        "Error: Tia Trainee's decisions are countersigned by Ann Assessor (evidence/centre.yml), not Ada Both; "
        "nothing was recorded"))


def test_a_declaration_dated_in_the_future_is_an_error(project: ProjectBuilder):
    profile = project.root / "evidence/learner-one/learner.yml"
    profile.write_text(profile.read_text().replace("  date: 2026-01-05", "  date: 2099-01-05"))
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert ("evidence/learner-one/learner.yml:9: error: declaration.date: the declaration of authenticity is dated "
            "2099-01-05, which is in the future") in output


def test_an_empty_record_file_or_a_bare_list_key_is_an_empty_list(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/1.1]"))
    project.write("evidence/learner-one/decisions.yml", "")
    project.write("evidence/learner-one/acknowledgements.yml", "acknowledgements:\n")
    output = CliRunner().invoke(main, ["check", str(project.root)]).output
    assert "evidence/learner-one/decisions.yml: error: file is empty" in output and output.count("error:") == 1
    assert assess(project, "a.md", "KNW/1.1", "--not-yet-met", "--feedback", "More.", "--date", "2026-03-01")[0] == 0
    assert run("acknowledge", "--learner", "learner-one", "a.md", "--date", "2026-03-02",
               "--project", str(project.root))[0] == 0
    assert [d["criterion"] for d in decisions(project)] == ["KNW/1.1"]
    assert "error" not in CliRunner().invoke(main, ["check", str(project.root)]).output
