from __future__ import annotations

import pytest

from portfolio.check import run_check
from portfolio.evidence.types import default_types
from portfolio.load import load_project
from portfolio.problems import Severity

from .conftest import ProjectBuilder

TYPES = default_types()

SAMPLE_VALUES = {
    "date": "2026-02-10",
    "datetime": "2026-02-03 08:42",
    "number": "12",
    "text": "Something true",
}


def complete_fields(type_name: str) -> dict[str, str]:
    fields = {}
    for name, definition in TYPES[type_name].fields.items():
        if definition.required:
            fields[name] = definition.choices[0] if definition.choices else SAMPLE_VALUES[definition.kind.value]
    return fields


def evidence(type_name: str, fields: dict[str, str], criteria: str = "[KNW/1.1]", body: str = "I did it.\n") -> str:
    method = TYPES[type_name].methods[0].value
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return (
        f"---\ntitle: An item\ntype: {type_name}\nmethod: {method}\ndate: 2026-02-01\n"
        f"criteria: {criteria}\n{extra}---\n\n{body}"
    )


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_complete_evidence_of_each_type_is_valid(project: ProjectBuilder, type_name: str):
    project.evidence("item.md", evidence(type_name, complete_fields(type_name)))
    problems = load_project(project.root).problems
    assert not [p for p in problems if p.file.endswith("item.md")], problems


REQUIRED = [(t, name) for t in sorted(TYPES) for name, d in TYPES[t].fields.items() if d.required]


@pytest.mark.parametrize(("type_name", "missing"), REQUIRED, ids=[f"{t}-{n}" for t, n in REQUIRED])
def test_each_missing_required_field_is_reported_with_file_and_line(project, type_name, missing):
    fields = complete_fields(type_name)
    del fields[missing]
    project.evidence("item.md", evidence(type_name, fields))
    problems = [p for p in load_project(project.root).problems if p.field == missing]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == "evidence/learner-one/item.md"
    assert problem.line == 3  # the 'type:' line that asks for the field
    assert f"required field '{missing}' is missing" in problem.message
    assert problem.severity is Severity.ERROR
    assert problem.hint.startswith(f"add '{missing}: …'")


def test_the_required_fields_the_issue_names_are_there():
    required = {t: {n for n, d in TYPES[t].fields.items() if d.required} for t in TYPES}
    assert {"reference", "received_at", "channel", "category", "priority", "priority_rationale",
            "escalated_to", "outcome", "data_protection_check"} <= required["incident-log"]
    assert {"colleague", "focus", "feedback", "agreed_actions", "follow_up_date"} == required["coaching-record"]
    assert {"incident_reference", "timeline", "lessons_learned", "preventative_actions"} == required["post-incident-review"]
    assert {"scenario", "score", "pass_mark", "observer"} == required["scenario-result"]
    assert {"witness_name", "witness_role", "relationship_to_learner", "witness_contact", "date_signed"} == required["witness-testimony"]
    assert TYPES["incident-log"].fields["category"].choices == ["incident", "service request", "complaint", "enquiry"]
    for name in ("reflective-account", "observation-record", "professional-discussion", "question-and-answer"):
        assert name in TYPES and TYPES[name].guidance


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("follow_up_date", "next week", "must be a date"),
        ("received_at", "morning", "must be a date and time"),
        ("score", "lots", "must be a number"),
        ("category", "incidnet", "'incidnet' is not one of"),
        ("colleague", "[a, b]", "must be text"),
    ],
)
def test_field_values_are_checked(project, field, value, message):
    type_name = next(t for t in TYPES if field in TYPES[t].fields)
    fields = complete_fields(type_name)
    fields[field] = value
    project.evidence("item.md", evidence(type_name, fields))
    problems = [p for p in load_project(project.root).problems if p.field == field]
    assert problems and message in problems[0].message
    assert problems[0].line is not None


def test_a_centre_can_override_and_extend_types(project):
    project.write(
        "criteria/evidence-types/centre.yml",
        "types:\n"
        "  call-audit:\n    label: Call audit\n    methods: [work-product]\n    guidance: A quality audit of a call.\n"
        "    fields:\n      auditor: {required: true, guidance: Who audited the call.}\n"
        "  reflective-account:\n    label: Reflection\n    methods: [reflective-account]\n    guidance: Ours.\n"
        "    fields:\n      word_count: {required: true, kind: number, guidance: How long it is.}\n",
    )
    project.evidence("a.md", evidence("question-and-answer", {}).replace("question-and-answer", "call-audit").replace("method: questioning", "method: work-product"))
    project.evidence("b.md", evidence("reflective-account", {}))
    loaded = load_project(project.root)
    messages = {(p.file.rsplit("/", 1)[-1], p.field) for p in loaded.problems.errors}
    assert ("a.md", "auditor") in messages
    assert ("b.md", "word_count") in messages
    assert loaded.evidence_types["incident-log"].label == "Incident log"


def test_a_broken_centre_type_file_is_reported(project):
    project.write("criteria/evidence-types/bad.yml", "types:\n  x:\n    label: X\n    methods: []\n    guidance: g\n")
    problems = load_project(project.root).problems
    assert any(p.file == "criteria/evidence-types/bad.yml" and p.field == "types.x.methods" for p in problems)


INCIDENT_UNIT = """\
code: INC
title: Incidents
level: 3
kind: competence
wording: project
evidence:
  categories: [incident]
learning_outcomes:
  - number: 1
    text: Be able to handle incidents
    criteria:
      - ref: "1.1"
        text: Log incidents
      - ref: "1.2"
        text: Tell contacts apart
        evidence:
          categories: [incident, service request, complaint, enquiry]
"""


def test_service_request_logged_as_incident_evidence_is_caught(project):
    project.write("criteria/units/inc.yml", INCIDENT_UNIT)
    project.write(
        "evidence/learner-one/learner.yml",
        "name: N\nqualification: QUAL\nunits: [KNW, INC]\nassessor: A\niqa: I\ndeclaration: {signed: true, date: 2026-01-01}\n",
    )
    fields = complete_fields("incident-log")
    fields["category"] = "service request"
    project.evidence("log.md", evidence("incident-log", fields, criteria="[INC/1.1, INC/1.2]"))
    result = run_check(project.root)
    warnings = [p for p in result.problems if p.file.endswith("log.md")]
    assert len(warnings) == 1
    assert warnings[0].severity is Severity.WARNING
    assert warnings[0].line == 6 and warnings[0].field == "criteria[0]"
    assert "INC/1.1: logged as 'service request', but this criterion needs evidence of: incident" in warnings[0].message
    unit = next(u for u in result.coverage.learners[0].units if u.unit.code == "INC")
    by_ref = {c.ref: c for c in unit.criteria}
    assert "logged as 'service request'" in by_ref["INC/1.1"].reasons[0]
    assert not by_ref["INC/1.1"].evidence[0].valid
    assert by_ref["INC/1.2"].status == "claimed" and by_ref["INC/1.2"].evidence[0].valid


def test_method_not_accepted_is_reported_at_the_claim(project):
    project.evidence(
        "obs.md",
        "---\ntitle: Obs\ntype: observation-record\nmethod: observation\ndate: 2026-02-01\n"
        "criteria:\n  - KNW/1.1\n  - KNW/2.1\n---\nx\n",
    )
    problems = [p for p in load_project(project.root).problems if p.file.endswith("obs.md")]
    assert len(problems) == 1
    assert problems[0].line == 8 and problems[0].field == "criteria[1]"
    assert "KNW/2.1: method 'observation' is not accepted" in problems[0].message


HYPOTHETICAL = """\
If a caller reported a gas leak, I would tell them to leave the building. I would then log the
call and I would escalate it to the emergency line. I should also tell my team leader.
"""

REAL = """\
On 19 October I took a call about a gas smell. I told the caller to leave the building, I logged
the call and I escalated it to the emergency line. Looking back, I would now tell my team leader
sooner.
"""


def test_reflective_account_about_what_one_would_do_is_flagged(project):
    project.evidence("would.md", evidence("reflective-account", {}, body=HYPOTHETICAL))
    project.evidence("did.md", evidence("reflective-account", {}, body=REAL))
    problems = load_project(project.root).problems
    flagged = [p for p in problems if p.file.endswith("would.md")]
    assert len(flagged) == 1
    assert flagged[0].severity is Severity.WARNING
    assert flagged[0].line == 9  # first 'I would', on the body's first line
    assert "what you would do" in flagged[0].message
    assert not [p for p in problems if p.file.endswith("did.md")]
