"""The statements people sign: `acknowledge` (a learner's reply to feedback) and `sign-off` (a unit).

Glue between click and the core, as `portfolio.cli` is; registered on its command group.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .assessment.signing import SigningRefused, record_acknowledgement, record_sign_off
from .assessment.signoff import SignOffRole, statement
from .cli import _evidence_for_edit, _project_for_edits, main, past_day, refusals
from .showable import text_problem


@main.command()
@click.argument("evidence_file", metavar="FILE")
@click.argument("criteria", nargs=-1, metavar="[REF...]")
@click.option("--learner", metavar="ID", help="The learner (you), when FILE is its path inside your folder.")
@click.option("--reply", help="Your reply to the feedback.")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Date of the acknowledgement (default: today).")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The project's folder (default: the project the current folder is in).")
def acknowledge(evidence_file: str, criteria: tuple[str, ...], learner: str | None, reply: str | None, when: dt.datetime | None, path: Path) -> None:
    """Acknowledge your assessor's feedback on an evidence item, and reply if you wish.

    Acknowledges the latest decision on each REF (every criterion decided on FILE, if none is
    given). It is appended to evidence/ID/acknowledgements.yml; the site and the Word records show
    it beside the feedback.

    \b
    Example:
        portfolio acknowledge --learner priya-shah reflective-account-first-incident-call.md \\
            --reply "I have rewritten it in the first person."

    Exit codes: 0 recorded; 1 refused (nothing recorded); 2 wrong usage.
    """
    day = past_day(when, "you acknowledge it")
    if reply is not None and (why := text_problem(reply)) is not None:
        raise click.BadParameter(f"{why}: write your reply, or leave out --reply", param_hint="--reply")
    project, found = _evidence_for_edit(path, evidence_file, learner)
    learner, evidence_file = found.learner, found.path
    with refusals(SigningRefused):
        recorded = record_acknowledgement(project, learner, evidence_file, list(criteria), day, reply)
    for ack in recorded:
        click.echo(f"acknowledged: {evidence_file} {ack.criterion}, the decision of {ack.decision_date} by {ack.assessor} ({ack.date})"
                   + (" with a reply" if ack.reply else ""))


@main.command("sign-off")
@click.argument("unit")
@click.option("--learner", required=True, metavar="ID", help="The learner whose unit it is.")
@click.option("--as", "role", required=True, type=click.Choice([r.value for r in SignOffRole]), help="Who signs.")
@click.option("--name", required=True, help="The name of the person signing.")
@click.option("--at", "when", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
              help="Date and time of signing, YYYY-MM-DDTHH:MM (default: now).")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The project's folder (default: the project the current folder is in).")
def sign_off(unit: str, learner: str, role: str, name: str, when: dt.datetime | None, path: Path) -> None:
    """Sign a complete unit off, as the learner, the assessor or the internal quality assurer.

    The statement records the name, the role, the date and time and the fingerprint of each of the
    unit's evidence files; if any of them changes afterwards, the sign-off no longer holds and every
    report says so. It is appended to evidence/ID/sign-offs.yml. A unit is signed off only when
    every criterion is met; the IQA signs after the assessor, and never where they made or
    countersigned a decision themselves.

    \b
    Example:
        portfolio sign-off INC2 --learner amira-khan --as assessor --name "Grace Whitfield"

    Exit codes: 0 recorded; 1 refused (nothing recorded); 2 wrong usage.
    """
    now = dt.datetime.now().replace(second=0, microsecond=0)
    at = when or now
    if at > now:
        raise click.BadParameter(f"{at:%Y-%m-%d %H:%M} is in the future: give when it was signed", param_hint="--at")
    if not name.strip():
        raise click.BadParameter("it is empty: give the name of the person signing", param_hint="--name")
    project = _project_for_edits(path, [learner])
    signer = SignOffRole(role)
    with refusals(SigningRefused):
        signed = record_sign_off(project, learner, unit, signer, name.strip(), at)
    click.echo(f"signed off: {unit} for {learner} by {signed.name} ({signer.label.lower()}), "
               f"{signed.signed_at:%Y-%m-%d %H:%M}, over {len(signed.evidence)} evidence file(s)")
    unit_model = project.units.get(unit)
    grade = None
    if unit_model is not None and unit_model.graded:
        from .coverage.compute import learner_coverage

        covered = next(u for u in learner_coverage(project, project.learners[learner]).units if u.unit.code == unit)
        grade = covered.grade.value if covered.grade else None
    click.echo(f'  "{statement(signer, grade)}"')
