from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from portfolio.check import run_check
from portfolio.coverage import STATUS_LABELS
from portfolio.report.record_paths import COHORT_TRACKER_PATH, learner_summary_path, unit_record_path
from portfolio.report.word import write_records

from .site_helpers import make_centre


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    root = make_centre(tmp_path_factory.mktemp("records"))
    result = run_check(root)
    out = root / "out"
    written = write_records(result.coverage, result.project.centre, out)
    return result, out, written


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def test_every_record_is_written(records):
    result, out, written = records
    expected = {out / COHORT_TRACKER_PATH}
    for lc in result.coverage.learners:
        expected.add(out / learner_summary_path(lc.learner.id))
        expected.update(out / unit_record_path(lc.learner.id, u.unit.code) for u in lc.units)
    assert set(written) == expected
    assert all(path.stat().st_size > 0 for path in written)


def test_tracking_sheet_has_a_row_per_criterion_with_its_decision(records):
    result, out, _ = records
    for lc in result.coverage.learners:
        for unit in lc.units:
            document = docx.Document(str(out / unit_record_path(lc.learner.id, unit.unit.code)))
            grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Ref")
            rows = rows_of(grid)
            assert rows[0] == ["Ref", "Assessment criterion", "Assessment method(s)", "Evidence details",
                               "Portfolio reference", "Decision", "Date", "Rules of evidence"]
            body = rows[1:]
            criteria = [row for c in unit.criteria for row in (c, *c.parts)]
            assert [r[0] for r in body] == [(c.entry.part or c.entry.criterion).ref for c in criteria]
            for row, criterion in zip(body, criteria):
                assert row[1].startswith(criterion.entry.text)
                assert row[5] == STATUS_LABELS[criterion.status].capitalize()
                if criterion.status == "met":
                    assert row[6] == criterion.met_date.isoformat()
            # The header row repeats on every page; the grid is landscape.
            assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
            assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
            text = all_text(document)
            statement = "judged for validity, authenticity, currency, reliability and sufficiency" in text
            # The statement is made only where the unit is complete and every judgement recorded holds.
            counted = [r for r, c in zip(body, criteria) if c.status == "met"]  # a graded unit is complete at pass
            assert statement == (unit.complete and all(r[7] in ("All five hold", "See its parts") for r in counted)), (
                lc.learner.id, unit.unit.code)
            if not statement:
                assert "No statement on the rules of evidence is made: " in text


def test_declaration_invites_signatures_only_when_the_unit_is_complete(records):
    _, out, _ = records
    complete = docx.Document(str(out / unit_record_path("amira-khan", "INC2")))
    signed, signatures = [t for t in complete.tables if t.rows[0].cells[0].text == "Role"]
    assert rows_of(signed)[1:] == [
        ["Learner", "Amira Khan", "2026-03-02 10:15", "Holds"],
        ["Assessor", "Grace Whitfield", "2026-03-02 14:05", "Holds"],
        ["Internal quality assurer", "Tom Hartley", "2026-03-10 09:30", "Holds"],
    ]
    assert [r[0] for r in rows_of(signatures)[1:]] == ["Learner", "Assessor", "Internal quality assurer"]
    # Room to sign by hand: each signature row is at least 1.5 cm high (567 twentieths of a point per cm).
    for row in signatures.rows[1:]:
        height = row._tr.trPr.find(qn("w:trHeight"))
        assert height.get(qn("w:hRule")) == "atLeast" and int(height.get(qn("w:val"))) >= 1.5 * 567
    grid = next(t for t in complete.tables if t.rows[0].cells[0].text == "Ref")
    assert {r[7] for r in rows_of(grid)[1:]} == {"All five hold"}
    assert "The evidence listed above has been judged for validity, authenticity, currency, reliability" in all_text(complete)
    assert "Unit complete: all 10 assessment criteria met by 2026-03-02." in all_text(complete)

    incomplete = docx.Document(str(out / unit_record_path("daniel-okoro", "INC3")))
    assert not any(t.rows[0].cells[0].text == "Role" for t in incomplete.tables)
    assert "This unit is not complete: 6 of 12 assessment criteria are not yet met." in all_text(incomplete)


def test_professional_document_features(records):
    _, out, _ = records
    document = docx.Document(str(out / unit_record_path("daniel-okoro", "INC3")))
    properties = document.core_properties
    assert properties.title == "Assessment tracking sheet: Daniel Okoro, INC3"
    assert properties.subject.startswith("INC3")
    assert properties.author == "Grace Whitfield"
    header = document.sections[0].header.paragraphs[0].text
    assert "Daniel Okoro" in header and "INC3" in header
    footer_xml = document.sections[0].footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Ref")
    styles = {p.style.name for row in grid.rows[1:] for cell in row.cells for p in cell.paragraphs}
    assert styles == {"Table Text"}
    assert {p.style.name for p in grid.rows[0].cells[0].paragraphs} == {"Table Heading"}
    # No direct formatting on runs: the look comes from named styles.
    runs = [r for row in grid.rows for cell in row.cells for p in cell.paragraphs for r in p.runs]
    assert all(r.bold is None and r.font.size is None for r in runs)


def test_front_sheet_and_qualification_summary(records):
    result, out, _ = records
    document = docx.Document(str(out / learner_summary_path("daniel-okoro")))
    facts = dict((r[0], r[1]) for r in rows_of(document.tables[0]))
    assert facts["Learner"] == "Daniel Okoro"
    assert facts["Registration number"] == "SAMPLE-L3-0002"
    assert facts["Qualification"] == "Level 3 Certificate in Contact Centre Operations (RQF)"
    assert facts["Qualification number"] == "not recorded"
    assert facts["Centre"] == "Northgate Skills Centre (sample)"
    assert facts["Internal quality assurer"] == "Tom Hartley"
    units = rows_of(document.tables[1])
    assert units[1][0] == "INC3" and units[1][5] == "In progress (50% met)"
    rules = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Rule"))
    assert rules[1] == ["Mandatory unit INC3", "not yet achieved", "Not yet met"]
    plan = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Planned activity"))
    assert plan[0] == ["Planned activity", "Criteria", "Method", "Target date", "State"]
    assert plan[1] == ["Post-incident review of the March network outage", "INC3/4.1, INC3/4.2", "work product",
                       "2026-04-15", "Done 2026-04-10"]
    assert plan[2][3:] == ["2026-04-30", "Overdue"]  # not done, and its date has passed
    reviews = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Date"))
    assert reviews[1][:2] == ["2026-04-24", "Grace Whitfield"] and reviews[1][3] == "2027-01-22"
    assert "The rules of combination are not yet met." in all_text(document)


def test_cohort_tracker_matches_check_json(records, tmp_path):
    result, out, _ = records
    document = docx.Document(str(out / COHORT_TRACKER_PATH))
    rows = rows_of(document.tables[0])
    header = rows[0]
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "check", str(result.project.root), "--format", "json"],
        capture_output=True, text=True,
    )
    data = json.loads(proc.stdout)
    names = {lc.learner.profile.name: lc.learner.id for lc in result.coverage.learners if lc.learner.profile}
    for row in rows[1:]:
        learner = data["learners"][names[row[0]]]
        for code, unit in learner["units"].items():
            assert row[header.index(code)] == f"{unit['percent_met']}%"
        assert row[-1] == ("Yes" if learner["complete"] else "No")
    daniel = next(r for r in rows if r[0] == "Daniel Okoro")
    assert daniel[header.index("Waiting for assessment")].startswith("4 item(s)")


def test_confidential_evidence_is_not_reproduced(records):
    _, out, written = records
    for path in written:
        text = all_text(docx.Document(str(path)))
        assert "not for publication" not in text and "P02" not in text, path
    priya = all_text(docx.Document(str(out / unit_record_path("priya-shah", "INC2"))))
    assert "Confidential evidence, held by the centre" in priya


def test_site_numbers_match_the_records(tmp_path):
    from .site_helpers import build

    root = make_centre(tmp_path)
    site = build(root, strict=False)
    assert (site / unit_record_path("daniel-okoro", "INC3")).is_file()
    learner_page = (site / "learners/daniel-okoro/index.html").read_text()
    assert 'aria-valuenow="50"' in learner_page
    assert "daniel-okoro-INC3-tracking-sheet.docx" in (site / "learners/daniel-okoro/INC3/index.html").read_text()
    assert "cohort-tracker.docx" in (site / "index.html").read_text()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"), reason="LibreOffice is not installed")
def test_records_convert_to_pdf_with_libreoffice(records, tmp_path):
    _, _, written = records
    chosen = [p for p in written if "daniel-okoro" in p.name or "amira" in p.name or "cohort" in p.name]
    proc = subprocess.run(
        [SOFFICE or "soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, chosen)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    for path in chosen:
        pdf = tmp_path / "pdf" / (path.stem + ".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), f"{path.name} did not convert"
        assert pdf.stat().st_size > 5000


def test_records_command_writes_only_records(tmp_path):
    root = make_centre(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "portfolio", "records", str(root), "--out", str(tmp_path / "only")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "only" / COHORT_TRACKER_PATH).is_file()
    assert not (tmp_path / "only" / "index.html").exists()
    refused = subprocess.run(
        [sys.executable, "-m", "portfolio", "records", str(root), "--out", str(root / "evidence")],
        capture_output=True, text=True,
    )
    assert refused.returncode == 2


def test_feedback_action_points_and_the_learners_reply_are_on_the_tracking_sheet(records):
    _, out, _ = records
    document = docx.Document(str(out / unit_record_path("daniel-okoro", "INC3")))
    feedback = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Criteria"))
    assert feedback[0] == ["Criteria", "Portfolio reference", "Decision", "Feedback", "Action points",
                           "Learner's acknowledgement"]
    [row] = [r for r in feedback if r[0] == "2.3"]
    assert row[1:3] == ["D02", "Not yet met, 2026-03-25\nGrace Whitfield"]
    assert row[3].startswith("The log shows internal escalation only.")
    assert row[4] == "Add evidence of keeping an external stakeholder informed during an escalation (due 2026-04-30)"
    assert row[5] == ("Acknowledged 2026-03-27: Understood. I will add the update I sent to the regulator during the "
                      "outage in April.")
    grid = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Ref"))
    [criterion] = [r for r in grid if r[0] == "2.3"]
    # A not-yet-met row carries its decision's date, feedback and the judgement that failed.
    assert criterion[5:] == ["Not yet met", "2026-03-25", "Fails: sufficiency"]
    assert "not yet met (Grace Whitfield, 2026-03-25): The log shows internal escalation only." in criterion[3]
    [legacy] = [r for r in grid if r[0] == "3.3"]
    assert "changed since it was assessed" in legacy[3]


def test_a_change_to_signed_evidence_breaks_the_sign_off_visibly(sample):
    from portfolio.check import run_check

    log = sample / "evidence/amira-khan/incident-log-water-main.md"
    log.write_text(log.read_text() + "\nOne more line after sign-off.\n")
    result = run_check(sample)
    broken = [p for p in result.problems if p.file == "evidence/amira-khan/sign-offs.yml"]
    assert [p.message for p in broken][1] == (
        "the sign-off of INC2 by Grace Whitfield (assessor, 2026-03-02 14:05) no longer holds: "
        "incident-log-water-main.md changed"
    )
    out = sample / "out"
    write_records(result.coverage, result.project.centre, out)
    document = docx.Document(str(out / unit_record_path("amira-khan", "INC2")))
    signed = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Role"))
    assert signed[2] == ["Assessor", "Grace Whitfield", "2026-03-02 14:05",
                         "No longer holds: incident-log-water-main.md changed"]
    assert "the unit must be assessed and signed off again" in all_text(document)


def test_each_decision_in_a_feedback_row_shows_its_own_acknowledgement(sample):
    from click.testing import CliRunner

    from portfolio.check import run_check
    from portfolio.cli import main

    result = CliRunner().invoke(main, ["acknowledge", "--learner", "amira-khan", "reflective-account-logging-and-gdpr.md",
                                       "INC2/1.1", "--date", "2026-02-20", "--reply", "Thank you", "--project", str(sample)])
    assert result.exit_code == 0, result.output
    checked = run_check(sample)
    out = sample / "out"
    write_records(checked.coverage, checked.project.centre, out)
    document = docx.Document(str(out / unit_record_path("amira-khan", "INC2")))
    feedback = rows_of(next(t for t in document.tables if t.rows[0].cells[0].text == "Criteria"))
    [row] = [r for r in feedback if r[1] == "E02"]
    assert row[0] == "1.1, 1.2, 3.4"
    assert row[5] == "1.1: Acknowledged 2026-02-20: Thank you\n1.2: Not yet acknowledged\n3.4: Not yet acknowledged"


def test_records_with_entries_left_out_say_so_and_exit_1(sample, tmp_path):
    from click.testing import CliRunner

    from portfolio.cli import main

    path = sample / "evidence/daniel-okoro/decisions.yml"
    path.write_text(path.read_text().replace("    outcome: not-yet-met\n", "    outcome: not-yet-met\n    outcome: met\n", 1))
    result = CliRunner().invoke(main, ["records", str(sample), "--out", str(tmp_path / "out"), "--learner", "daniel-okoro"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("error: evidence/daniel-okoro/decisions.yml:") and lines[0].endswith("(left out of the records)")
    assert lines[-1] == "Error: 1 error(s) left entries out of the records; 'portfolio check' shows them"
    document = docx.Document(str(tmp_path / "out" / learner_summary_path("daniel-okoro")))
    assert ("Incomplete record: 1 entry in this learner's files could not be read and is left out ('portfolio check' "
            "lists them).") in all_text(document)
