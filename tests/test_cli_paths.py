"""Evidence paths in every form, and commands run from any folder inside the project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .test_cli_more import portfolio

TODAY = dt.date.today().isoformat()
CALL = "reflective-account-first-incident-call.md"
REFUSED = "; nothing was changed\n"


def test_tag_and_untag_take_a_path_in_any_form_from_any_folder(sample: Path):
    priya = sample / "evidence/priya-shah"
    before = (priya / CALL).read_bytes()
    forms = [
        (priya, ["tag", CALL, "INC2/3.2"], "added INC2/3.2 in evidence/priya-shah/" + CALL),
        (sample, ["untag", f"evidence/priya-shah/{CALL}", "INC2/3.2"], "removed INC2/3.2 in evidence/priya-shah/" + CALL),
        (sample / "criteria/units", ["tag", "--learner", "priya-shah", CALL, "INC2/3.2"],
         "added INC2/3.2 in evidence/priya-shah/" + CALL),
        (sample / "evidence", ["untag", f"priya-shah/{CALL}", "INC2/3.2"], "removed INC2/3.2 in evidence/priya-shah/" + CALL),
        (sample / "evidence/amira-khan", ["tag", f"../priya-shah/{CALL}", "INC2/3.2"],
         "added INC2/3.2 in evidence/priya-shah/" + CALL),
        (sample / "criteria", ["untag", str(priya / CALL), "INC2/3.2"], "removed INC2/3.2 in evidence/priya-shah/" + CALL),
    ]
    for cwd, args, said in forms:
        result = portfolio(*args, cwd=cwd)
        assert (result.returncode, result.stdout, result.stderr) == (0, said + "\n", ""), (cwd, args)
    assert (priya / CALL).read_bytes() == before


def test_paths_outside_the_learners_folder_or_the_project_are_refused(sample: Path, tmp_path: Path):
    priya = sample / "evidence/priya-shah"
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: x\n---\n")
    cases = [
        (priya, ["tag", "--learner", "priya-shah", "../amira-khan/reflective-account-logging-and-gdpr.md", "INC2/3.2"],
         "Error: '../amira-khan/reflective-account-logging-and-gdpr.md' is in evidence/amira-khan/, not in "
         "evidence/priya-shah/: name a file of priya-shah's, or leave out --learner" + REFUSED),
        (priya, ["tag", "../../mkdocs.yml", "INC2/3.2"],
         "Error: '../../mkdocs.yml' is not in a learner's folder: evidence files are in evidence/<learner-id>/" + REFUSED),
        (priya, ["tag", "--learner", "priya-shah", "../../mkdocs.yml", "INC2/3.2"],
         "Error: '../../mkdocs.yml' is outside evidence/priya-shah/: name a file inside the learner's folder" + REFUSED),
        (sample, ["untag", str(outside), "INC2/3.2"],
         f"Error: '{outside}' is outside the project ({sample}): name a file in evidence/<learner-id>/, or its path "
         "inside that folder with --learner" + REFUSED),
        (priya, ["tag", "learner.yml", "INC2/3.2"],
         "Error: 'learner.yml' is the learner's learner.yml, not evidence: name an evidence file" + REFUSED),
        (priya, ["tag", "plan.yml", "INC2/3.2"],
         "Error: 'plan.yml' is the learner's plan.yml, not evidence: name an evidence file" + REFUSED),
        (sample, ["tag", "evidence/priya-shah", "INC2/3.2"],
         "Error: 'evidence/priya-shah' is not in a learner's folder: evidence files are in evidence/<learner-id>/"
         + REFUSED),
        (priya, ["tag", "reflective-account-first-incident.md", "INC2/3.2"],
         "Error: no file evidence/priya-shah/reflective-account-first-incident.md (did you mean "
         f"'{CALL}'?)" + REFUSED),
        (priya, ["assess", "../amira-khan/reflective-account-logging-and-gdpr.md", "INC2/3.2", "--met",
                 "--learner", "priya-shah"],
         "Error: '../amira-khan/reflective-account-logging-and-gdpr.md' is in evidence/amira-khan/, not in "
         "evidence/priya-shah/: name a file of priya-shah's, or leave out --learner" + REFUSED),
        (sample, ["privacy-review", str(outside), "--reviewer", "Grace Whitfield", "--reason", "x"],
         f"Error: '{outside}' is outside the project ({sample}): name a file in evidence/<learner-id>/, or its path "
         "inside that folder with --learner" + REFUSED),
    ]
    for cwd, args, said in cases:
        result = portfolio(*args, cwd=cwd)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", said), args
    assert outside.read_text() == "---\ntitle: x\n---\n"


def test_assess_countersign_and_privacy_review_from_inside_the_learners_folder(sample: Path):
    leon = sample / "evidence/leon-marsh"
    decisions = (leon / "decisions.yml").read_text()
    result = portfolio("assess", "observation-live-gas-call.md", "DIC2/1.1", "--met", "--assessor", "Jon Baxter",
                       cwd=leon)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"recorded: observation-live-gas-call.md DIC2/1.1 met ({TODAY})\n"
        "note: Jon Baxter is a trainee assessor: the decision counts once Grace Whitfield countersigns it "
        "('portfolio countersign')\n"
    )
    result = portfolio("countersign", "evidence/leon-marsh/observation-live-gas-call.md", "DIC2/1.1",
                       "--by", "Grace Whitfield", cwd=sample)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "countersigned: observation-live-gas-call.md DIC2/1.1 met by Jon Baxter, countersigned by Grace Whitfield "
        f"({TODAY})\n"
    )
    assert (leon / "decisions.yml").read_text().startswith(decisions)
    result = portfolio("privacy-review", "incident-log-gas-escape.md", "--reviewer", "Grace Whitfield",
                       "--reason", "0800 111 999 is the national gas emergency line", cwd=sample / "criteria")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "Error: 'incident-log-gas-escape.md' is not in a learner's folder: evidence files are in " \
        "evidence/<learner-id>/" + REFUSED
    result = portfolio("privacy-review", "incident-log-gas-escape.md", "--reviewer", "Grace Whitfield",
                       "--reason", "0800 111 999 is the national gas emergency line", cwd=leon)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"recorded: review of incident-log-gas-escape.md by Grace Whitfield ({TODAY}); ")


def test_check_records_and_new_work_from_any_folder_inside_the_project(sample: Path):
    from_root = portfolio("check", cwd=sample)
    for folder in ("evidence/amira-khan", "criteria/units", "evidence"):
        result = portfolio("check", cwd=sample / folder)
        assert (result.returncode, result.stdout, result.stderr) == (0, from_root.stdout, ""), folder
    result = portfolio("records", "--learner", "priya-shah", cwd=sample / "evidence/priya-shah")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"wrote {sample}/site/records/priya-shah/priya-shah-front-sheet.docx\n"
        f"wrote {sample}/site/records/priya-shah/priya-shah-INC2-tracking-sheet.docx\n"
    )
    assert not (sample / "evidence/priya-shah/site").exists()
    result = portfolio("new", "evidence", "--learner", "priya-shah", "--type", "reflective-account", "--title",
                       "Gas leak", cwd=sample / "criteria")
    assert (result.returncode, result.stdout) == (0, "created evidence/priya-shah/gas-leak.md\n")
    result = portfolio("new", "evidence", "--type", "reflective-account", "--file", "sub/second.md",
                       cwd=sample / "evidence/priya-shah")
    assert (result.returncode, result.stdout) == (0, "created evidence/priya-shah/sub/second.md\n")


def test_a_folder_that_is_not_a_project_is_a_usage_error(tmp_path: Path):
    result = portfolio("check", str(tmp_path), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "Usage: portfolio check [OPTIONS] [PATH]\nTry 'portfolio check --help' for help.\n\n"
        f"Error: Invalid value for PATH: '{tmp_path}' is not a portfolio project: it has no criteria/ folder. "
        "Run the command from a portfolio project, or give its folder.\n"
    )


def test_build_from_inside_a_learners_folder_builds_the_project_site(sample: Path):
    result = portfolio("build", cwd=sample / "evidence/amira-khan")
    assert (result.returncode, result.stdout) == (0, f"site built in {sample}/site\n"), result.stderr
    assert (sample / "site/learners/amira-khan/index.html").is_file()
    assert not (sample / "evidence/amira-khan/site").exists()
