"""The personal-data gate in `check`: a corpus of realistic personal data in every field and body of a
centre is found, located and masked; what is never published, redacted or confidential is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli import main

from .conftest import ProjectBuilder, evidence_md

VALUES = {
    "email": "jane.doe@example.com",
    "postcode": "LS1 4AB",
    "phone": "07700 900123",
    "ni-number": "JG 10 37 27 B",
    "card-number": "4111 1111 1111 1111",
    "nhs-number": "943 476 5919",
    "date-of-birth": "12/03/1987",
    "docx-phone": "+44 20 7946 0018",
    "pdf-email": "sam.reid@example.org",
}
NOT_FLAGGED = ["07700 900999", "07700 900555", "07700 900777", "07700 900888"]

ITEM = f"""\
---
title: Call from Jane at {VALUES["email"]}
type: reflective-account
method: reflective-account
date: 2026-02-01
summary: The caller gave the postcode {VALUES["postcode"]} twice.
tags: ["{VALUES["phone"]}"]
# the callback number was {NOT_FLAGGED[1]}: a comment is never published
criteria:
  - ref: KNW/1.1
    note: the caller quoted her NI number {VALUES["ni-number"]}
---

I read back the card number {VALUES["card-number"]} by mistake.
Her NHS number is {VALUES["nhs-number"]}.
She gave her date of birth as {VALUES["date-of-birth"]}.
I noted the callback number as ((redact {NOT_FLAGGED[0]})) in the secure field.
"""

WITNESS = f"""\
title: Witness statement from my supervisor
type: witness-testimony
method: witness-testimony
date: 2026-02-02
criteria: [KNW/1.2]
witness_name: Sam Reid
witness_role: Supervisor
relationship_to_learner: Line manager
witness_contact: {NOT_FLAGGED[2]}
date_signed: 2026-02-02
"""


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text``."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx_with(paragraphs: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def sidecar(title: str) -> str:
    return f"title: {title}\ntype: work-product\nmethod: work-product\ndate: 2026-02-03\ncriteria: [KNW/1.1]\n"


def corpus(project: ProjectBuilder) -> None:
    project.evidence("call.md", ITEM)
    project.evidence("statement.pdf", pdf_with_text("Signed statement. Contact: sam.reid@example.org"))
    project.evidence("statement.pdf.yml", WITNESS)
    letter = project.root / "evidence/learner-one/letter.docx"
    docx_with(["Letter to the customer", f"Call us on {VALUES['docx-phone']} any time."], letter)
    project.evidence("letter.docx.yml", sidecar("Letter I drafted"))
    project.evidence("notes.pdf", pdf_with_text(f"Email {VALUES['pdf-email']} for the minutes"))
    project.evidence("notes.pdf.yml", sidecar("Meeting notes"))
    # A witness's signed statement goes only to staff, who need the contact details in it.
    project.evidence("shared.md", ITEM.replace("reflective-account\ndate", "reflective-account\nstaff_only: true\ndate", 1))
    project.evidence("private.md", ITEM.replace("reflective-account\ndate", "reflective-account\nconfidential: true\ndate", 1)
                     .replace(VALUES["phone"], NOT_FLAGGED[3]))


def test_every_kind_is_found_in_every_place_and_never_printed_whole(project: ProjectBuilder):
    corpus(project)
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(project.root), "--format", "json"])
    report = json.loads(result.output)
    found = {
        (p["file"].rsplit("/", 1)[-1], p["line"], p["field"], p["kind"])
        for p in report["problems"]
        if p["code"] == "personal-data"
    }
    assert found == {
        ("call.md", 2, "title", "email"),
        ("call.md", 6, "summary", "postcode"),
        ("call.md", 7, "tags[0]", "phone"),
        ("call.md", 11, "criteria[0].note", "ni-number"),
        ("call.md", 14, "body", "card-number"),
        ("call.md", 15, "body", "nhs-number"),
        ("call.md", 16, "body", "date-of-birth"),
        ("letter.docx", None, "paragraph 2", "phone"),
        ("notes.pdf", None, "page 1", "email"),
    }
    for problem in report["problems"]:
        if problem["code"] == "personal-data":
            assert problem["severity"] == "warning"
            assert "portfolio privacy-review --learner learner-one" in problem["hint"]
    text = runner.invoke(main, ["check", str(project.root)]).output
    for output in (result.output, text):
        for value in [*VALUES.values(), *NOT_FLAGGED, "sam.reid@example.org"]:
            assert value not in output, value
    assert 'call.md:2: warning: title: email address in what the site publishes: "title: Call from Jane at ja**.' in text


def test_redacted_text_reaches_no_output(project: ProjectBuilder, tmp_path: Path):
    corpus(project)
    runner = CliRunner()
    out = tmp_path / "records"
    result = runner.invoke(main, ["records", str(project.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    import docx

    for record in out.rglob("*.docx"):
        document = docx.Document(str(record))
        words = "\n".join(p.text for p in document.paragraphs) + "".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
        assert NOT_FLAGGED[0] not in words


def test_the_sample_centre_raises_no_false_alarm():
    from portfolio.check import run_check

    from .conftest import REPO

    result = run_check(REPO)
    assert [p for p in result.problems if p.code == "personal-data"] == []
    assert sum(len(item.personal_data) for learner in result.project.learners.values() for item in learner.evidence) == 0


def test_feedback_is_checked_and_its_redactions_applied(project: ProjectBuilder):
    import hashlib

    from portfolio.check import run_check

    from .conftest import evidence_md

    text = evidence_md("[KNW/1.1]")
    project.evidence("a.md", text)
    project.evidence(
        "decisions.yml",
        "decisions:\n  - evidence: a.md\n    criterion: KNW/1.1\n    outcome: met\n    date: 2026-03-01\n"
        f"    assessor: Ann Assessor\n    sha256: {hashlib.sha256(text.encode()).hexdigest()}\n"
        "    feedback: You read the caller's number 07700 900123 back ((redact 07700 900999)).\n",
    )
    result = run_check(project.root)
    [problem] = [p for p in result.problems if p.code == "personal-data"]
    assert (problem.file, problem.line, problem.field, problem.kind) == (
        "evidence/learner-one/decisions.yml", 8, "decisions[0].feedback", "phone"
    )
    assert "07700 900123" not in problem.message
    [decision] = result.project.learners["learner-one"].decisions
    assert decision.feedback == "You read the caller's number 07700 900123 back [redacted]."


HIDDEN = {
    "split over two lines": "The caller's number is 07700\n900461, she said.",
    "entities": "Call 07700&#32;900461 or write to zed.quill&#64;example.org.",
    "emphasis": "Call 077**00 900**461 now.",
    "tags": "Call <span>07700</span> <span>900461</span> now.",
    "table cells": "| number | 07700 | 900461 |\n|---|---|---|",
    "full-width digits": "Call ０７７００ ９００４６１ now.",
    "zero-width space": "Call 07700\u200b900461 now.",
    "percent-escapes": "[write](mailto:zed%2Equill%40example.org)",
}


@pytest.mark.parametrize("how", sorted(HIDDEN))
def test_what_markup_or_line_breaks_hide_is_found(project: ProjectBuilder, how: str):
    from portfolio.check import run_check

    project.evidence("a.md", evidence_md("[KNW/1.1]").replace("I did the work.", HIDDEN[how]))
    found = [p for p in run_check(project.root).problems if p.code == "personal-data"]
    assert found, how
    assert {(p.file, p.field) for p in found} == {("evidence/learner-one/a.md", "body")}
    assert all(p.line == 9 for p in found), [p.line for p in found]


def test_folded_and_escaped_yaml_values_are_read_as_parsed(project: ProjectBuilder):
    from portfolio.check import run_check

    project.evidence("a.md", evidence_md("[KNW/1.1]").replace(
        "date: 2026-02-01\n",
        'date: 2026-02-01\nsummary: >-\n  The caller gave 07700\n  900461 as her number.\ntags: ["\\x30\\x37\\x37\\x30\\x30 900461"]\n',
    ))
    found = {(p.line, p.field, p.kind) for p in run_check(project.root).problems if p.code == "personal-data"}
    assert found == {(6, "summary", "phone"), (9, "tags[0]", "phone")}


def test_file_names_and_the_hidden_parts_of_attachments_are_checked(project: ProjectBuilder):
    import docx

    from portfolio.check import run_check

    project.evidence("call-07700900461.md", evidence_md("[KNW/1.1]"))
    path = project.root / "evidence/learner-one/letter.docx"
    document = docx.Document()
    document.add_paragraph("Nothing to see here.")
    document.core_properties.author = "zed.quill@example.org"
    document.save(str(path))
    project.evidence("letter.docx.yml", sidecar("Letter"))
    project.evidence("scan.pdf", pdf_with_text("Caller ((redact 07700 900461)) rang"))
    project.evidence("scan.pdf.yml", sidecar("Scan"))
    found = {(p.file.rsplit("/", 1)[-1], p.field, p.kind) for p in run_check(project.root).problems if p.code == "personal-data"}
    assert found == {
        ("call-07700900461.md", "file name", "phone"),
        ("letter.docx", "document properties, line 1", "email"),
        # a marker inside an attachment hides nothing: the file is published as it is
        ("scan.pdf", "page 1", "phone"),
    }
