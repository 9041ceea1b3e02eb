"""Units shaped like the ones awarding bodies publish (written in this project's own words)."""

from __future__ import annotations

from pathlib import Path

from .conftest import ProjectBuilder

# A competence unit with a knowledge outcome, a work-based-only outcome, an observation
# requirement and a criterion assessed in parts (the shape of 'Resolve customer service problems').
RESOLVE = """\
code: RCS
title: Resolve problems for customers
urn: M/601/1511
level: 2
credit: 6
glh: 40-46
kind: competence
wording: project
assessment_requirements: Learning outcomes 1 to 3 must be assessed in real work situations.
learning_outcomes:
  - number: 1
    text: Be able to spot problems for customers
    evidence: {simulation: false}
    criteria:
      - {ref: "1.1", text: Spot a problem with the help of the customer}
      - ref: "1.2"
        text: Share information with the customer about the problem
        evidence: {required_methods: [observation]}
        assessment_requirements: Must include an observation by the assessor.
  - number: 2
    text: Be able to choose the best way to solve a problem
    criteria:
      - ref: "2.1"
        text: Identify the options for resolving a problem
        parts:
          - {ref: "2.1a", text: Options within the learner's own authority}
          - {ref: "2.1b", text: Options that need a colleague's agreement}
  - number: 4
    text: Know how to resolve customer problems
    kind: knowledge
    criteria:
      - {ref: "4.1", text: Describe the procedures for handling customer problems}
"""

# A graded unit: pass, merit and distinction criteria, a merit building on two pass criteria.
GRADED = """\
code: BT1
title: Communicating in care settings
level: 3
credit: 10
glh: 60
kind: knowledge
wording: project
learning_outcomes:
  - number: 1
    text: Understand effective communication
    criteria:
      - {ref: P1, text: Explain why communication matters}
      - {ref: P2, text: Describe two interactions}
      - {ref: M1, text: Assess the interactions from P2, grade: merit, builds_on: [P2]}
      - {ref: D1, text: Evaluate the interactions, grade: distinction, builds_on: [M1]}
"""

ENTRY = """\
code: ENT
title: Entry-level communication
level: E3
credit: 3
kind: knowledge
wording: project
learning_outcomes:
  - number: 1
    text: Know how to greet a customer
    criteria:
      - {ref: "1.1", text: Say how to greet a customer}
"""

QUALIFICATION = """\
id: DIP
title: Diploma in Customer Service
level: 2
awarding_body: Example Awards
glh: 245-305
tqt: 450
wording: project
currency_years: 3
units:
  - {code: CS17, title: Deliver customer service, level: 2, credit: 5}
  - {code: CS20, title: Handle complaints, level: 3, credit: 5}
  - {code: CS21, title: Handle complaints online, level: 3, credit: 5}
rules:
  mandatory: [RCS]
  optional_groups:
    - {name: B, units: [BT1, ENT], minimum_credit: 3}
    - {name: D, units: [CS17, CS20, CS21], maximum_credit: 7}
  barred: [[CS20, CS21]]
  minimum_credit_at_or_above_level: {level: 3, credit: 10}
  minimum_credit: 16
"""

PROFILE = """\
name: Rory Real
registration_number: R-0001
qualification: DIP
units: [RCS, BT1, ENT]
assessor: Ann Assessor
iqa: Ivan Iqa
start_date: 2026-01-05
declaration: {signed: true, date: 2026-01-05}
"""


def real_project(root: Path) -> ProjectBuilder:
    """The test project of conftest, plus the units, qualification and learner above."""
    builder = ProjectBuilder(root)
    builder.write("criteria/units/rcs.yml", RESOLVE)
    builder.write("criteria/units/bt1.yml", GRADED)
    builder.write("criteria/units/ent.yml", ENTRY)
    builder.write("criteria/qualifications/dip.yml", QUALIFICATION)
    builder.write("evidence/rory/learner.yml", PROFILE)
    return builder


def item(title: str, criteria: str, method: str = "reflective-account", date: str = "2026-02-01",
         kind: str = "reflective-account") -> str:
    return (
        f"---\ntitle: {title}\ntype: {kind}\nmethod: {method}\ndate: {date}\ncriteria: {criteria}\n---\n\n"
        "I did the work and wrote about it.\n"
    )
