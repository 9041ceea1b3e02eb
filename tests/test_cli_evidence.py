"""Describing and tagging attachments, and a learner whose profile is unfinished, as learners meet them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .test_cli_more import portfolio

TODAY = dt.date.today().isoformat()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def test_tag_on_an_undescribed_attachment_says_what_to_give_or_writes_a_sidecar_that_passes_check(sample: Path):
    priya = sample / "evidence/priya-shah"
    (priya / "scan.pdf").write_bytes(PDF)
    result = portfolio("tag", "evidence/priya-shah/scan.pdf", "INC2/1.2", cwd=sample)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: 'evidence/priya-shah/scan.pdf' has no sidecar describing it yet: say what it is with --type (one of: "
        "incident-log, coaching-record, post-incident-review, reflective-account, scenario-result, "
        "observation-record, witness-testimony, professional-discussion, question-and-answer, work-product, "
        "recording, assignment, prior-learning), and --method if not the type's usual one; or write its sidecar "
        "from a template with 'portfolio new evidence --learner priya-shah --type TYPE --file scan.pdf'. "
        "Nothing was changed.\n"
    )
    result = portfolio("tag", "scan.pdf", "INC2/1.2", "--type", "witness-testimony", cwd=priya)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: a witness testimony needs fields that only its author can fill in (witness_name, witness_role, "
        "relationship_to_learner, witness_contact, date_signed): write its sidecar from a template with 'portfolio "
        "new evidence --learner priya-shah --type witness-testimony --file scan.pdf', fill them in, then tag it. "
        "Nothing was changed.\n"
    )
    assert not (priya / "scan.pdf.yml").exists()
    result = portfolio("tag", "--learner", "priya-shah", "scan.pdf", "INC2/1.2", "--type", "work-product", cwd=sample)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"created evidence/priya-shah/scan.pdf.yml: a work product (work-product) dated {TODAY}: check its title "
        "and date\n"
        "added INC2/1.2 in evidence/priya-shah/scan.pdf.yml\n"
    )
    assert (priya / "scan.pdf").read_bytes() == PDF
    check = portfolio("check", "--learner", "priya-shah", cwd=sample)
    assert check.returncode == 0 and check.stdout.endswith("\nNo problems found.\n"), check.stdout
    assert "INC2/1.2   awaiting assessment" in check.stdout
    sidecar = (priya / "scan.pdf.yml").read_bytes()
    again = portfolio("tag", "scan.pdf", "INC2/1.3", "--type", "recording", cwd=priya)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == (
        "note: --type and --method describe a file with no sidecar yet; evidence/priya-shah/scan.pdf.yml keeps what "
        "it says\nadded INC2/1.3 in evidence/priya-shah/scan.pdf.yml\n"
    )
    assert (priya / "scan.pdf.yml").read_bytes() == sidecar + b"  - INC2/1.3\n"


def test_new_evidence_file_describes_an_existing_file_with_a_sidecar_and_never_overwrites(sample: Path):
    priya = sample / "evidence/priya-shah"
    (priya / "scan.pdf").write_bytes(PDF)
    result = portfolio("new", "evidence", "--type", "work-product", "--file", "scan.pdf", cwd=priya)
    assert (result.returncode, result.stdout, result.stderr) == (0, "created evidence/priya-shah/scan.pdf.yml\n", "")
    sidecar = (priya / "scan.pdf.yml").read_text()
    assert sidecar.startswith("# Describes scan.pdf. Work product: ")
    assert "\ntitle: Scan\ntype: work-product\nmethod: work-product  # usually: work-product\n" in sidecar
    assert "  # - INC2/1.2  # Outline the organisational policies" in sidecar
    assert not (priya / "scan.pdf.md").exists() and (priya / "scan.pdf").read_bytes() == PDF
    again = portfolio("new", "evidence", "--learner", "priya-shah", "--type", "work-product", "--file", "scan.pdf",
                      cwd=sample)
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == ("Error: evidence/priya-shah/scan.pdf is already described by scan.pdf.yml; nothing was "
                            "changed (edit it, or add criteria with 'portfolio tag')\n")
    assert (priya / "scan.pdf.yml").read_text() == sidecar
    tagged = portfolio("tag", "scan.pdf", "INC2/1.2", cwd=priya)
    assert (tagged.returncode, tagged.stdout) == (0, "added INC2/1.2 in evidence/priya-shah/scan.pdf.yml\n")
    check = portfolio("check", "--learner", "priya-shah", cwd=sample)
    assert check.returncode == 0 and check.stdout.endswith("\nNo problems found.\n"), check.stdout
    missing = portfolio("new", "evidence", "--learner", "priya-shah", "--type", "work-product", "--file", "chart.png",
                        cwd=sample)
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == (
        "Error: no file evidence/priya-shah/chart.png: put the file in evidence/priya-shah/ first and run this again "
        "to describe it, or give a name ending in .md to write the evidence in Markdown\n"
    )
    assert not (priya / "chart.png.md").exists() and not (priya / "chart.png.yml").exists()


def test_an_unfinished_profile_is_an_error_at_its_line_and_hides_no_one_else(sample: Path):
    profile = sample / "evidence/priya-shah/learner.yml"
    profile.write_text(profile.read_text().replace("assessor: Grace Whitfield\n", "assessor:\n"))
    check = portfolio("check", cwd=sample)
    assert check.returncode == 1
    assert check.stdout.split("Problems:")[1].splitlines()[1:] == [
        "evidence/leon-marsh/reflective-account-previous-job.md:6: warning: date: dated 2022-11-03, before the learner "
        + "started (2026-04-06): evidence from before the programme counts only through recognition of prior "
        + "learning; it does not count for DIC2/3.1",
        "    hint: add recent evidence; a certificate or record of earlier achievement can be claimed with method "
        + "'recognition-of-prior-learning' and assessed like any other evidence",
        "evidence/leon-marsh/scenario-radio-handover.md:8: warning: criteria[0]: DIC2/2.1: simulation is not "
        + "accepted for this criterion: it must be assessed in real work",
        "    hint: it will not count for this criterion: claim another criterion, or add evidence that does",
        "evidence/priya-shah/learner.yml:7: error: assessor: required field 'assessor' is empty",
        "    hint: name the learner's assessor, as evidence/centre.yml's staff list does",
    ]
    for learner in ("Amira Khan (amira-khan)", "Daniel Okoro (daniel-okoro)", "Leon Marsh (leon-marsh)"):
        assert learner in check.stdout
    assert "INC2 Principles of handling incidents through a contact centre: 100% met (10 met)" in check.stdout
    build = portfolio("build", "--site-dir", "out", cwd=sample)
    assert build.returncode == 1
    assert "error: evidence/priya-shah/learner.yml:7: assessor: required field 'assessor' is empty" in build.stderr
    assert (sample / "out/learners/amira-khan/index.html").is_file()
    assert (sample / "out/learners/leon-marsh/index.html").is_file()

    result = portfolio("new", "evidence", "--learner", "priya-shah", "--type", "reflective-account", "--title",
                       "Gas leak", cwd=sample)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "created evidence/priya-shah/gas-leak.md\n"
        "note: evidence/priya-shah/learner.yml has errors ('portfolio check' lists them); the criteria offered are "
        "those of INC2, from its units list\n"
    )
    assert "  # - INC2/3.1  # Describe the stages" in (sample / "evidence/priya-shah/gas-leak.md").read_text()


def test_a_profile_with_no_units_says_why_no_criteria_are_offered(sample: Path):
    profile = sample / "evidence/priya-shah/learner.yml"
    profile.write_text(profile.read_text().replace("units:\n  - INC2\n", "units:\n"))
    result = portfolio("new", "evidence", "--learner", "priya-shah", "--type", "reflective-account", "--title",
                       "Gas leak", cwd=sample)
    why = ("evidence/priya-shah/learner.yml has errors and no readable 'units' list, so no criteria are offered: fix "
           "it ('portfolio check' says what is wrong), then uncomment or add criteria by hand")
    assert (result.returncode, result.stdout) == (0, f"created evidence/priya-shah/gas-leak.md\nnote: {why}\n")
    assert "criteria:  # uncomment" in (sample / "evidence/priya-shah/gas-leak.md").read_text()
    assert f"\n  # ({why})\n" in (sample / "evidence/priya-shah/gas-leak.md").read_text()
    check = portfolio("check", "--learner", "priya-shah", cwd=sample)
    assert check.returncode == 1
    assert "evidence/priya-shah/learner.yml:5: error: units: required field 'units' is empty\n" \
        "    hint: list the codes of the units the learner is registered for, e.g. 'units: [INC2]'\n" in check.stdout


def test_new_evidence_inside_a_learners_folder_needs_no_learner_option(sample: Path):
    priya = sample / "evidence/priya-shah"
    result = portfolio("new", "evidence", "--type", "reflective-account", "--title", "Escalating a gas leak", cwd=priya)
    assert (result.returncode, result.stdout.splitlines()[0]) == (0, "created evidence/priya-shah/escalating-a-gas-leak.md")
    result = portfolio("new", "evidence", "--type", "reflective-account", "--title", "Another", cwd=sample)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: give --learner, or --file with a path in the learner's folder (or run it from inside the learner's folder)"
    )
