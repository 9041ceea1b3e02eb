"""`portfolio new learner` as a new centre uses it: options, prompts on a terminal, and a profile that passes check."""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from .test_cli_more import portfolio

USAGE = "Usage: portfolio new learner [OPTIONS] ID\nTry 'portfolio new learner --help' for help.\n\n"
JORDAN = ["new", "learner", "jordan-lee", "--name", "Jordan Lee", "--qualification", "CCO2", "--unit", "INC2"]
STAFF = ["--assessor", "Grace Whitfield", "--iqa", "Tom Hartley"]


def on_a_terminal(args: list[str], answers: list[str], cwd: Path) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as its stdin and stdout, answering each prompt in turn."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "portfolio", *args], cwd=cwd, stdin=slave, stdout=slave, stderr=slave, close_fds=True
    )
    os.close(slave)
    output, pending, deadline, answered_at = b"", list(answers), time.monotonic() + 120, -1
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            output += chunk
            if output.endswith(b": ") and len(output) > answered_at and pending:  # a new prompt waits
                answered_at = len(output)
                os.write(master, pending.pop(0).encode() + b"\n")
        elif process.poll() is not None:
            break
    process.wait(30)
    os.close(master)
    return process.returncode, output.decode().replace("\r\n", "\n")


def test_new_learner_from_options_passes_check(sample: Path):
    created = portfolio(*JORDAN, *STAFF, "--registration-number", "SAMPLE-L2-0005", "--start-date", "2026-11-02",
                        "--declaration-signed", "2026-11-02", cwd=sample)
    assert (created.returncode, created.stdout, created.stderr) == (0, "created evidence/jordan-lee/learner.yml\n", "")
    check = portfolio("check", "--learner", "jordan-lee", cwd=sample)
    assert check.returncode == 0, check.stdout
    gaps = check.stdout.split("  gaps:\n")[1]
    assert check.stdout == (
        "Jordan Lee (jordan-lee) · CCO2 Level 2 Certificate in Contact Centre Operations (RQF) — 0% met\n"
        "  INC2 Principles of handling incidents through a contact centre: 0% met (10 no evidence)\n"
        "  rules of combination not yet met (mandatory unit INC2: not yet achieved)\n"
        "  gaps:\n" + gaps
    )
    assert gaps.count("no evidence mapped") == 10 and "Problems" not in gaps
    whole = portfolio("check", cwd=sample)
    assert whole.returncode == 0 and "jordan-lee" not in whole.stdout.split("Problems:")[1]


def test_new_learner_with_the_qualifications_mandatory_units_and_no_declaration_yet(sample: Path):
    created = portfolio("new", "learner", "jordan-lee", "--name", "Jordan Lee", "--qualification", "CCO2", *STAFF,
                        cwd=sample)
    assert created.returncode == 0, created.stderr
    assert created.stdout == (
        "created evidence/jordan-lee/learner.yml\n"
        "units: INC2, the mandatory units of CCO2 (give --unit for others)\n"
    )
    profile = (sample / "evidence/jordan-lee/learner.yml").read_text()
    assert f"start_date: {dt.date.today().isoformat()}  #" in profile
    check = portfolio("check", "--learner", "jordan-lee", cwd=sample)
    assert check.returncode == 0
    assert check.stdout.endswith(
        "Problems: 0 error(s), 1 warning(s)\n"
        "evidence/jordan-lee/learner.yml:11: warning: declaration: the learner has not signed the declaration of "
        "authenticity\n"
        "    hint: once signed, record it as 'declaration: {signed: true, date: YYYY-MM-DD}'\n"
    )


def test_missing_options_are_listed_when_no_one_can_be_asked(sample: Path):
    result = portfolio("new", "learner", "jordan-lee", "--name", "Jordan Lee", cwd=sample)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == USAGE + (
        "Error: missing --qualification, --unit, --assessor and --iqa: give them as options (on a terminal, "
        "'portfolio new learner' asks); nothing was created\n"
    )
    result = portfolio(*JORDAN, "--assessor", "Grace Whitfield", cwd=sample)
    assert result.stderr == USAGE + (
        "Error: missing --iqa: give it as an option (on a terminal, 'portfolio new learner' asks); "
        "nothing was created\n"
    )
    assert not (sample / "evidence/jordan-lee").exists()


def test_unknown_units_and_staff_are_refused_with_the_nearest(sample: Path):
    cases = {
        ("--unit", "INC9"): "Invalid value for --unit: no unit 'INC9'; did you mean 'INC2'?",
        ("--unit", "INC3"): "Invalid value for --unit: unit 'INC3' is not part of CCO2's rules of combination "
        "(its units assessed here: INC2, DIC2)",
        ("--assessor", "Grace Whitfeld"): "Invalid value for --assessor: 'Grace Whitfeld' is not on the centre's "
        "staff (evidence/centre.yml); did you mean 'Grace Whitfield'?",
        ("--assessor", "Tom Hartley"): "Invalid value for --assessor: Tom Hartley is not an assessor "
        "(roles: iqa, lead-iqa)",
        ("--assessor", "Jon Baxter"): "Invalid value for --assessor: Jon Baxter does not assess INC2 (assesses: DIC2)",
        ("--iqa", "Tom Hartly"): "Invalid value for --iqa: 'Tom Hartly' is not on the centre's staff "
        "(evidence/centre.yml); did you mean 'Tom Hartley'?",
        ("--iqa", "Grace Whitfield"): "Invalid value for --iqa: Grace Whitfield is not an internal quality assurer "
        "(roles: assessor)",
        ("--registration-number", "SAMPLE-L2-0001"): "Invalid value for --registration-number: registration number "
        "'SAMPLE-L2-0001' is already used by learner 'amira-khan'",
    }
    for (option, value), message in cases.items():
        given = {"--assessor": "Grace Whitfield", "--iqa": "Tom Hartley", option: value}
        args = ["new", "learner", "jordan-lee", "--name", "Jordan Lee", "--qualification", "CCO2",
                "--unit", "INC2" if option != "--unit" else value]
        for name in ("--assessor", "--iqa"):
            args += [name, given[name]]
        if option == "--registration-number":
            args += [option, value]
        result = portfolio(*args, cwd=sample)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", USAGE + f"Error: {message}\n"), option
    assert not (sample / "evidence/jordan-lee").exists()


def test_an_existing_learner_is_refused_before_anything_is_asked(sample: Path):
    before = (sample / "evidence/amira-khan/learner.yml").read_bytes()
    result = portfolio("new", "learner", "amira-khan", cwd=sample)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "Error: evidence/amira-khan/ already exists; nothing was changed\n"
    assert (sample / "evidence/amira-khan/learner.yml").read_bytes() == before


def test_on_a_terminal_the_missing_fields_are_asked_for_and_checked(sample: Path):
    code, output = on_a_terminal(
        ["new", "learner", "jordan-lee"],
        ["Jordan Lee", "CCO9", "CCO2", "", "Grace Whitfeld", "Grace Whitfield", "Tom Hartley"],
        sample,
    )
    assert (code, output) == (0, (
        "Learner's full name: Jordan Lee\n"
        "Qualification (CCO2, CCO3): CCO9\n"
        "Error: no qualification 'CCO9'; did you mean 'CCO3'?\n"
        "Qualification (CCO2, CCO3): CCO2\n"
        "Units, separated by spaces (INC2, DIC2) [INC2]: \n"
        "Assessor (Grace Whitfield, Jon Baxter): Grace Whitfeld\n"
        "Error: 'Grace Whitfeld' is not on the centre's staff (evidence/centre.yml); did you mean 'Grace Whitfield'?\n"
        "Assessor (Grace Whitfield, Jon Baxter): Grace Whitfield\n"
        "Internal quality assurer (Tom Hartley): Tom Hartley\n"
        "created evidence/jordan-lee/learner.yml\n"
    ))
    check = portfolio("check", "--learner", "jordan-lee", cwd=sample)
    assert check.returncode == 0 and "0 error(s)" in check.stdout


def test_check_warns_about_a_profiles_assessor_or_iqa_the_staff_list_does_not_give_that_role(sample: Path):
    profile = sample / "evidence/priya-shah/learner.yml"
    text = profile.read_text()
    profile.write_text(text.replace("assessor: Grace Whitfield", "assessor: Grace Whitfeld")
                       .replace("iqa: Tom Hartley", "iqa: Jon Baxter"))
    check = portfolio("check", "--learner", "priya-shah", cwd=sample)
    assert check.returncode == 0
    assert check.stdout.endswith(
        "Problems: 0 error(s), 2 warning(s)\n"
        "evidence/priya-shah/learner.yml:7: warning: assessor: assessor 'Grace Whitfeld' is not on the centre's staff "
        "(evidence/centre.yml); did you mean 'Grace Whitfield'?\n"
        "    hint: name one of the staff in evidence/centre.yml with the role, or add them there\n"
        "evidence/priya-shah/learner.yml:8: warning: iqa: IQA Jon Baxter is not an internal quality assurer "
        "(roles: trainee-assessor)\n"
        "    hint: name one of the staff in evidence/centre.yml with the role, or add them there\n"
    )
