"""The README's commands are the ones that work: its first two, and its example of creating evidence."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from .conftest import REPO
from .test_cli_more import portfolio

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_two_commands_that_install_into_a_virtual_environment():
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block is not None and README.index(first_block.group(0)) < README.index("\n## ")
    install_and_run, install_and_test = first_block.group(1).strip().splitlines()
    # A system Python that refuses 'pip install' outside a virtual environment (PEP 668) accepts both.
    for command in (install_and_run, install_and_test):
        assert command.startswith("python3 -m venv --without-pip .venv && python3 -m pip --python .venv/bin/python install ")
    assert install_and_run.endswith(" && .venv/bin/portfolio check && .venv/bin/portfolio build")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == install_and_test, "CI runs the README's test command exactly"


def test_the_readmes_example_of_creating_and_tagging_evidence_works_and_passes_check(sample: Path):
    section = README[README.index("### Creating and tagging evidence"):]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = block.group(1).replace("\\\n", " ").strip().splitlines()
    assert len(lines) == 6
    for line in lines:
        args = shlex.split(line.split("  #")[0])
        assert args[0] == "portfolio"
        if "--file" in args:  # the attachment the example describes
            chart = sample / args[args.index("--file") + 1]
            chart.write_bytes(b"%PDF-1.4\n")
        result = portfolio(*args[1:], cwd=sample)
        assert result.returncode == 0, (line, result.stderr)
    assert (sample / "evidence/jordan-lee/escalation-chart.pdf.yml").is_file()
    incident_log = sample / "evidence/jordan-lee/gas-leak-call.md"
    assert "  - INC2/1.2\n" in incident_log.read_text() and "INC2/3.3\n" not in incident_log.read_text()
    check = portfolio("check", "--learner", "jordan-lee", cwd=sample)
    errors = [line for line in check.stdout.splitlines() if ": error: " in line]
    # Only the incident log's own fields, which the template leaves for the learner to fill in, are errors.
    assert errors and all(line.startswith("evidence/jordan-lee/gas-leak-call.md:") for line in errors), errors
    assert "escalation-chart" not in check.stdout.split("Problems:")[1]
