"""Asking on a terminal for what a command needs and was not given: each answer checked as it comes."""

from __future__ import annotations

from collections.abc import Callable

import click

from .load import Project
from .scaffold import LearnerDetails, UnknownName, check_qualification, check_staff, check_unit, staff_with


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
