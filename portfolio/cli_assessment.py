"""The assessor's commands: assess, countersign, upgrade-decisions and privacy-review.

Glue between click and the core, as `portfolio.cli` is; registered on its command group.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .assessment.models import ActionPoint, Outcome
from .assessment.record import DecisionRefused, countersign, record_decisions
from .assessment.rules import RULES
from .assessment.staff import countersigner_needed
from .cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    _check,
    _evidence_for_edit,
    _project_for_edits,
    main,
    past_day,
    refusals,
)
from .showable import text_problem


@main.command()
@click.argument("evidence_file", metavar="FILE")
@click.argument("criteria", nargs=-1, required=True, metavar="REF...")
@click.option("--learner", metavar="ID", help="The learner whose evidence it is (when FILE is its path inside their folder).")
@click.option("--met", is_flag=True, help="The evidence meets the criteria.")
@click.option("--not-yet-met", is_flag=True, help="It does not yet.")
@click.option("--assessor", help="Assessor's name (default: the learner's assessor).")
@click.option("--feedback", help="Written feedback to the learner.")
@click.option("--action", "actions", multiple=True, metavar="TEXT", help="An action point for the learner (repeatable).")
@click.option("--due", "dues", multiple=True, type=click.DateTime(["%Y-%m-%d"]),
              help="When the action point is due: one per --action, or one for all of them.")
@click.option("--fails", "failing", multiple=True, type=click.Choice(RULES),
              help="A rule of evidence you judge not to hold (repeatable; only with --not-yet-met).")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Date of the decision (default: today).")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def assess(
    evidence_file: str,
    criteria: tuple[str, ...],
    learner: str | None,
    met: bool,
    not_yet_met: bool,
    assessor: str | None,
    feedback: str | None,
    actions: tuple[str, ...],
    dues: tuple[dt.datetime, ...],
    failing: tuple[str, ...],
    when: dt.datetime | None,
    path: Path,
) -> None:
    """Record an assessor's decision on an evidence item, with a fingerprint of its content.

    FILE is the evidence's path inside the learner's folder. The decision is appended to
    evidence/ID/decisions.yml; nothing else in that file changes. A decision cannot be dated in
    the future, nor before the decision it follows on the same evidence and criterion.

    Each decision records the rules of evidence. Recording --met says all five hold; the tool
    checks validity (the criterion accepts the method and category), currency and authenticity
    (the learner's signed declaration) and refuses "met" where one fails. With --not-yet-met,
    name each rule you judge not to hold with --fails.

    \b
    Example:
        portfolio assess --learner daniel-okoro post-incident-review-outage.md \\
            INC3/4.1 INC3/4.2 --met --feedback "Clear timeline and owned actions."
        portfolio assess --learner priya-shah reflective-account-first-incident-call.md INC2/1.1 \\
            --not-yet-met --fails sufficient --feedback "Say what you did, not what you would do." \\
            --action "Rewrite the second paragraph in the first person" --due 2026-12-12
    """
    if met == not_yet_met:
        raise click.UsageError("say either --met or --not-yet-met" + (", not both" if met else ""))
    if met and failing:
        raise click.UsageError(f"--met says every rule of evidence holds: --fails {failing[0]} contradicts it "
                               "(record --not-yet-met, or leave out --fails)")
    if dues and len(dues) not in (1, len(actions)):
        raise click.UsageError(f"give one --due for all the action points, or one per --action "
                               f"({len(actions)} action(s), {len(dues)} --due)")
    if actions and not dues:
        raise click.UsageError("give --due DATE: each action point needs the date it is due")
    if dues and not actions:
        raise click.UsageError("--due needs an --action to be due")
    for text in actions:
        if (why := text_problem(text)) is not None:
            raise click.BadParameter(f"{why}: say what the learner is to do", param_hint="--action")
    if feedback is not None and (why := text_problem(feedback)) is not None:
        raise click.BadParameter(f"{why}: write the feedback, or leave out --feedback", param_hint="--feedback")
    action_points = [ActionPoint(action=text, due=(dues[i] if len(dues) > 1 else dues[0]).date())
                     for i, text in enumerate(actions)]
    outcome = Outcome.MET if met else Outcome.NOT_YET_MET
    day = past_day(when, "of the decision")
    project, found = _evidence_for_edit(path, evidence_file, learner)
    learner, evidence_file = found.learner, found.path
    profile = project.learners[learner].profile
    if assessor is not None and not assessor.strip():
        raise click.BadParameter("it is empty: give the assessor's name", param_hint="--assessor")
    name = (assessor if assessor is not None else (profile.assessor if profile else "")).strip()
    if not name:
        raise click.UsageError("give --assessor: the learner profile does not name one")
    with refusals(DecisionRefused):
        decisions = record_decisions(
            project,
            learner,
            evidence_file,
            list(criteria),
            outcome,
            name,
            day,
            feedback,
            failing={rule for rule in RULES if rule in failing},
            actions=action_points,
        )
    for decision in decisions:
        click.echo(f"recorded: {evidence_file} {decision.criterion} {decision.outcome.value} ({decision.date})")
    trainee = countersigner_needed(project.centre, name)
    if trainee is not None:
        click.echo(f"note: {trainee.name} is a trainee assessor: the decision counts once {trainee.countersigned_by} "
                   "countersigns it ('portfolio countersign')")
    if outcome is Outcome.MET:  # a met decision the criterion's own rules do not let count, said at once
        from .coverage.shortfall import shortfalls

        for line in shortfalls(_project_for_edits(project.root, [learner]), learner, [d.criterion for d in decisions]):
            click.echo(f"note: {line}")



@main.command("countersign")
@click.argument("evidence_file", metavar="FILE")
@click.argument("criteria", nargs=-1, required=True, metavar="REF...")
@click.option("--learner", metavar="ID", help="The learner whose evidence it is (when FILE is its path inside their folder).")
@click.option("--by", "by", required=True, help="The qualified assessor who countersigns.")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Date of the countersignature (default: today).")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def countersign_command(
    evidence_file: str, criteria: tuple[str, ...], learner: str | None, by: str, when: dt.datetime | None, path: Path
) -> None:
    """Countersign a trainee assessor's decisions, so that they count.

    The trainee's latest decision on each criterion is recorded again with the countersignature,
    as a new entry in evidence/ID/decisions.yml (the history is append-only).

    \b
    Example:
        portfolio countersign --learner leon-marsh observation-live-gas-call.md DIC2/1.1 \\
            --by "Grace Whitfield"
    """
    day = past_day(when, "of the countersignature")
    project, found = _evidence_for_edit(path, evidence_file, learner)
    learner, evidence_file = found.learner, found.path
    with refusals(DecisionRefused):
        signed = countersign(project, learner, evidence_file, list(criteria), by, day)
    for decision in signed:
        click.echo(
            f"countersigned: {evidence_file} {decision.criterion} {decision.outcome.value} by {decision.assessor}, "
            f"countersigned by {decision.countersigned_by} ({day})"
        )


@main.command("upgrade-decisions")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--learner", "learners", multiple=True, metavar="ID", help="Only this learner (repeatable).")
def upgrade_decisions_command(path: Path, learners: tuple[str, ...]) -> None:
    """Rewrite decisions recorded with a whole-file SHA-256 as content fingerprints.

    A decision so recorded is voided by any change to the file, even 'portfolio tag' or a change
    of line endings; a fingerprint covers only the content (fields except the criteria, the body,
    an attachment's bytes). Decisions whose evidence changed since they were recorded are left as
    they are: they need assessing again. Each file is rewritten in place, atomically.

    \b
    Example:
        portfolio upgrade-decisions --learner daniel-okoro

    Exit codes: 0 done (or nothing to do); 1 a decisions file could not be rewritten.
    """
    from .assessment.upgrade import upgrade_decisions

    project = _project_for_edits(path, learners) if learners else _check(path, []).project
    failed = False
    for learner in project.learners.values():
        result = upgrade_decisions(project, learner)
        if result is None:
            continue
        if result.error:
            failed = True
            click.echo(f"Error: {result.file}: {result.error}", err=True)
            continue
        if result.upgraded or result.left:
            click.echo(f"{result.file}: {result.upgraded} decision(s) now fingerprinted")
        for why in result.left:
            click.echo(f"  left as it is: {why}")
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


@main.command("privacy-review")
@click.argument("evidence_file", metavar="FILE")
@click.option("--learner", metavar="ID", help="The learner whose evidence it is (when FILE is its path inside their folder).")
@click.option("--reviewer", required=True, help="Who reviewed it (a member of the centre's staff).")
@click.option("--reason", required=True, help="Why what was found may be published.")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Date of the review (default: today).")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def privacy_review(evidence_file: str, learner: str | None, reviewer: str, reason: str, when: dt.datetime | None, path: Path) -> None:
    """Record that the personal data 'check' found in an item may be published.

    The review holds for the file as it is now: any edit re-opens it. It is appended to
    evidence/ID/privacy-reviews.yml. To keep something off the site instead, anonymise it or wrap
    it in ((redact …)) in the file.

    \b
    Example:
        portfolio privacy-review --learner leon-marsh incident-log-gas-escape.md \\
            --reviewer "Grace Whitfield" --reason "0800 111 999 is the national gas emergency line"
    """
    from .privacy.record import ReviewRefused, record_review

    project, found = _evidence_for_edit(path, evidence_file, learner)
    learner, evidence_file = found.learner, found.path
    with refusals(ReviewRefused):
        review = record_review(project, learner, evidence_file, reviewer, reason, when.date() if when else dt.date.today())
    item = project.learners[learner].evidence_by_path()[evidence_file]
    click.echo(f"recorded: review of {evidence_file} by {review.reviewer} ({review.date}); "
               f"{len(item.personal_data)} finding(s) may be published while the file is unchanged")
