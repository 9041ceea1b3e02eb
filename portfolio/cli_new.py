"""`portfolio new`: a learner profile or evidence from a template, asking on a terminal for what is missing.

Glue between click and the scaffolds, as `portfolio.cli` is; registered on its command group.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .cli import EXIT_PROBLEMS, PROJECT_OPTION, _evidence_for_edit, _project_for_edits, _root, main
from .load import Project
from .scaffold import (
    LearnerDetails,
    ScaffoldRefused,
    UnknownName,
    check_qualification,
    check_staff,
    check_unit,
    default_details,
    missing_details,
    new_learner,
    refuse_existing_learner,
    staff_with,
)


@main.group()
def new() -> None:
    """Create a learner profile or an evidence file from a template. Never overwrites.

    \b
    Examples:
        portfolio new learner jordan-lee --name "Jordan Lee" --unit INC2 --assessor "Grace Whitfield" --iqa "Tom Hartley"
        portfolio new evidence --learner jordan-lee --type incident-log --title "Gas leak call"
        portfolio new evidence --type work-product --file evidence/jordan-lee/escalation-chart.pdf
    """


@new.command("learner")
@click.argument("learner_id", metavar="ID")
@click.option("--name", help="The learner's full name.")
@click.option("--registration-number", metavar="NUMBER", help="The awarding body's learner registration number, once registered.")
@click.option("--qualification", metavar="ID", help="Qualification id (default: the only one, if there is one).")
@click.option("--unit", "units", multiple=True, metavar="CODE",
              help="A unit the learner is registered for (repeatable; default: the qualification's mandatory units).")
@click.option("--assessor", metavar="NAME", help="The learner's assessor (one of the staff in evidence/centre.yml).")
@click.option("--iqa", metavar="NAME", help="The internal quality assurer (one of the staff in evidence/centre.yml).")
@click.option("--start-date", type=click.DateTime(["%Y-%m-%d"]), help="When the learner started (default: today).")
@click.option("--declaration-signed", "declaration_date", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="When the learner signed the declaration of authenticity (leave it out until they have).")
@PROJECT_OPTION
def new_learner_command(
    learner_id: str, name: str | None, registration_number: str | None, qualification: str | None,
    units: tuple[str, ...], assessor: str | None, iqa: str | None, start_date: dt.datetime | None,
    declaration_date: dt.datetime | None, path: Path,
) -> None:
    """Create evidence/ID/learner.yml, which 'portfolio check' then accepts.

    Name, qualification, units, assessor and IQA are required: on a terminal, any not given as
    options are asked for; otherwise the command stops and lists them. The assessor and IQA must
    be on the centre's staff list, where evidence/centre.yml has one.

    \b
    Example:
        portfolio new learner jordan-lee --name "Jordan Lee" --qualification CCO2 --unit INC2 \\
            --assessor "Grace Whitfield" --iqa "Tom Hartley"

    Exit codes: 0 created; 1 the learner exists already; 2 a missing option or an unknown name.
    """
    project = _project_for_edits(path)
    details = LearnerDetails(
        name, registration_number, qualification, list(units), assessor, iqa,
        start_date.date() if start_date else None, declaration_date.date() if declaration_date else None,
    )
    try:
        refuse_existing_learner(project, learner_id)
        note = default_details(project, details)
        missing = missing_details(details)
        if missing and not sys.stdin.isatty():
            raise click.UsageError(
                f"missing {_listed(missing)}: give {'it as an option' if len(missing) == 1 else 'them as options'} "
                "(on a terminal, 'portfolio new learner' asks); nothing was created"
            )
        if missing:
            ask_learner_details(project, details)
        created = new_learner(project, learner_id, details)
    except UnknownName as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except ScaffoldRefused as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"created {created.relative_to(project.root)}")
    if note:
        click.echo(note)


def _learner_folder_here(root: Path) -> str | None:
    """The learner whose folder the current folder is, or lies in, if any."""
    try:
        parts = Path.cwd().resolve().relative_to(root.resolve() / "evidence").parts
    except ValueError:
        return None
    return parts[0] if parts else None


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@new.command("evidence")
@click.option("--learner", "learner_id", metavar="ID", help="Whose evidence it is (needed unless --file is in their folder).")
@click.option("--type", "type_name", required=True, metavar="TYPE", help="Evidence type, e.g. incident-log.")
@click.option("--title", help="Title of the evidence (also names a new Markdown file).")
@click.option("--file", "file_name", metavar="FILE",
              help="A new Markdown file to write, or a file already in the learner's folder (a PDF, say) to describe "
              "with a sidecar (FILE.yml).")
@PROJECT_OPTION
def new_evidence_command(
    learner_id: str | None, type_name: str, title: str | None, file_name: str | None, path: Path
) -> None:
    """Create evidence from its type's template: every field with guidance, and the criteria it could address.

    Without --file, or with --file naming a new .md file, a Markdown file is written. With --file
    naming a file already in the learner's folder (a scan, a recording), its sidecar FILE.yml is
    written instead. FILE is a path from the project root or the current folder, or inside the
    learner's folder with --learner. Nothing is overwritten.

    \b
    Examples:
        portfolio new evidence --learner priya-shah --type reflective-account --title "Escalating a gas leak"
        portfolio new evidence --type work-product --file evidence/priya-shah/escalation-chart.pdf

    Run inside a learner's folder, --learner may be left out.

    Exit codes: 0 created; 1 the file exists already, or the path is not in a learner's folder;
    2 an unknown learner or type, or neither --learner nor --file outside a learner's folder.
    """
    from .scaffold_evidence import new_evidence

    if file_name is None and learner_id is None:
        learner_id = _learner_folder_here(_root(path))
    if file_name is None and learner_id is None:
        raise click.UsageError("give --learner, or --file with a path in the learner's folder "
                               "(or run it from inside the learner's folder)")
    if file_name is None:
        project, inside = _project_for_edits(_root(path), [learner_id] if learner_id else []), None
    else:
        project, found = _evidence_for_edit(path, file_name, learner_id, must_exist=False)
        learner_id, inside = found.learner, found.path
    try:
        created = new_evidence(project, learner_id or "", type_name, title, inside)
    except UnknownName as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except ScaffoldRefused as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"created {created.path.relative_to(project.root).as_posix()}")
    for note in created.notes:
        click.echo(f"note: {note}")


def _checked(check: Callable[[str], object]) -> Callable[[str], object]:
    """A prompt's value_proc: a refused answer is said at once and asked again."""

    def run(answer: str) -> object:
        try:
            return check(answer)
        except UnknownName as exc:
            raise click.UsageError(str(exc)) from None

    return run


def ask_learner_details(project: Project, details: LearnerDetails) -> None:
    """Ask for each required field of a new learner profile that is still missing."""
    if not details.name:
        details.name = click.prompt("Learner's full name", value_proc=_checked(_not_empty))
    if not details.qualification:
        details.qualification = click.prompt(
            f"Qualification ({', '.join(project.qualifications)})", value_proc=_checked(lambda q: check_qualification(project, q.strip()))
        )
    if not details.units:
        qualification = project.qualifications.get(details.qualification or "")
        offered = [code for code in (qualification.units_named() if qualification else project.units) if code in project.units]
        mandatory = [code for code in (qualification.rules.mandatory if qualification else []) if code in project.units]
        details.units = click.prompt(
            f"Units, separated by spaces ({', '.join(offered)})",
            default=" ".join(mandatory) or None,
            value_proc=_checked(lambda answer: _units(project, details.qualification, answer)),
        )
    if not details.assessor:
        details.assessor = click.prompt(
            _offering("Assessor", staff_with(project, "assessor")),
            value_proc=_checked(lambda name: check_staff(project, name, "assessor", details.units)),
        )
    if not details.iqa:
        details.iqa = click.prompt(
            _offering("Internal quality assurer", staff_with(project, "iqa")),
            value_proc=_checked(lambda name: check_staff(project, name, "iqa")),
        )


def _not_empty(answer: str) -> str:
    if not answer.strip():
        raise UnknownName("it is empty: give the learner's full name")
    return " ".join(answer.split())


def _units(project: Project, qualification: str | None, answer: str) -> list[str]:
    codes = answer.replace(",", " ").split()
    if not codes:
        raise UnknownName("give at least one unit code")
    return [check_unit(project, qualification, code) for code in codes]


def _offering(question: str, names: list[str]) -> str:
    return f"{question} ({', '.join(names)})" if names else question
