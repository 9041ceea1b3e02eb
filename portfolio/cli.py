"""The `portfolio` command line: glue between click and the core.

Exit codes: 0 valid; 1 errors in the project (with --strict, also warnings and gaps);
2 usage errors (bad options, a folder that is not a project, an unknown learner); 3 an internal
error, which is a bug worth reporting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import click

from .assessment.methods import Method
from .check import CheckResult, UnknownLearner, run_check
from .load import NotAProject
from .paths import EvidencePath, PathRefused, evidence_path, find_project_root
from .privacy.audience import AUDIENCE_HELP, Audience
from .problems import Severity
from .report.json_report import json_report
from .report.text_report import Style, text_report
from .suggest import did_you_mean

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def _root(path: Path) -> Path:
    """The project root: a folder given on the command line as it is; from the current folder, the
    project it lies in (searched upwards, as git does)."""
    return find_project_root(path, search_up=path == Path("."))


def _check(path: Path, learners: tuple[str, ...] | list[str]) -> CheckResult:
    try:
        return run_check(_root(path), list(learners) or None)
    except NotAProject as exc:
        raise click.BadParameter(
            f"{exc}. Run the command from a portfolio project, or give its folder.", param_hint="PATH"
        ) from None
    except UnknownLearner as exc:
        suggestion = did_you_mean(exc.learner_id, exc.known)
        raise click.BadParameter(
            f"no learner '{exc.learner_id}' in evidence/" + (f"; {suggestion}" if suggestion else ""),
            param_hint="--learner",
        ) from None


def _use_colour(option: bool | None) -> bool:
    if option is not None:
        return option
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="portfolio", message="portfolio %(version)s")
def main() -> None:
    """Assessment-evidence portfolios: check coverage against criteria, build the site and records.

    \b
    Example:
        portfolio check                 # validate and report coverage for every learner
    """


@main.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--learner", "learners", multiple=True, metavar="ID", help="Only this learner (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings and on criteria not yet met.")
@click.option("--color/--no-color", "colour", default=None, help="Colour output (default: when on a terminal).")
def check(path: Path, learners: tuple[str, ...], output_format: str, strict: bool, colour: bool | None) -> None:
    """Validate criteria and evidence and report coverage with the reason behind every gap.

    \b
    Examples:
        portfolio check
        portfolio check --learner amira-khan
        portfolio check --format json > coverage.json
        portfolio check --strict        # for CI: gaps and warnings fail too

    Exit codes: 0 valid; 1 errors (with --strict, also warnings or gaps); 2 usage error.
    """
    result = _check(path, learners)
    if output_format == "json":
        report = json_report(result.project, result.coverage, result.problems)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        width = shutil.get_terminal_size((100, 24)).columns
        use_colour = _use_colour(colour)
        style = Style(use_colour, width, wrap=sys.stdout.isatty())
        click.echo(text_report(result.coverage, result.problems, style), nl=False, color=use_colour)
    if result.has_errors or (strict and (result.problems or result.has_gaps)):
        sys.exit(EXIT_PROBLEMS)


DEFAULT_FOLDERS = {Audience.LEARNER.value: "learner-sites", Audience.PUBLIC.value: "public-site"}
"""Where a build for learners or the public goes by default; the staff site goes to mkdocs.yml's site_dir."""


@main.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: mkdocs.yml's site_dir for the staff; learner-sites/ and public-site/ for the others).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any warning, as 'mkdocs build --strict' does.")
@click.option("--audience", type=click.Choice([a.value for a in Audience]), default=None,
              help="Who the site is for (default: the plugin's 'audience' option, else staff): "
              + "; ".join(f"{a.value}: {AUDIENCE_HELP[a]}" for a in Audience) + ".")
@click.option("--learner", metavar="ID", help="With --audience learner: only this learner's site.")
def build(path: Path, site_dir: Path | None, strict: bool, audience: str | None, learner: str | None) -> None:
    """Build the portfolio site (mkdocs-material) into site/.

    \b
    Examples:
        portfolio build                                  # the staff site: serve it behind a login
        portfolio build --audience learner               # every learner's own site: learner-sites/learners/<id>/
        portfolio build --audience learner --learner amira-khan --site-dir /tmp/amira
        portfolio build --audience public                # the public showcase: public-site/

    Each audience has its own default folder, so that one build never replaces another's:
    site/ for the staff, learner-sites/ for the learners, public-site/ for the public.

    Exit codes: 0 built; 1 the build failed, or errors were reported while building (with
    --strict, also on warnings; for --audience public, also on personal data not yet resolved); 2 usage error, including an output folder
    that is, contains or lies inside criteria/ or evidence/.
    """
    from .site.build import SiteBuildFailed, UnsafeSiteDir, build_learner_sites, build_site

    root = _root(path)
    if not (root / "criteria").is_dir():
        raise click.BadParameter(f"'{root}' is not a portfolio project: it has no criteria/ folder", param_hint="PATH")
    if learner is not None and audience != Audience.LEARNER.value:
        raise click.BadParameter("--learner goes with --audience learner", param_hint="--learner")
    if learner is not None:
        _project_for_edits(root, [learner])  # an unknown learner is refused with the nearest known
    every_learner = audience == Audience.LEARNER.value and learner is None
    if site_dir is None and audience in DEFAULT_FOLDERS:
        # Each audience has a folder of its own: a learner's site inside the staff site's folder
        # would be replaced by staff pages at the next staff build, and served to the learner.
        site_dir = root / DEFAULT_FOLDERS[audience]
        if learner is not None:
            site_dir = site_dir / "learners" / learner
    show = _progress_printer("learner sites" if every_learner else "pages") if sys.stderr.isatty() else None
    try:
        if every_learner:
            outputs = build_learner_sites(root, site_dir, strict=strict, progress=show)
        else:
            outputs = [build_site(root, site_dir, strict=strict, progress=show, audience=audience, learner=learner)]
    except UnsafeSiteDir as exc:
        if show:
            click.echo(err=True)
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except SiteBuildFailed as exc:
        if show:
            click.echo(err=True)
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if show:
        click.echo(err=True)
    if every_learner:
        click.echo(f"{len(outputs)} learner site(s) built, each in its own folder:")
        for output in outputs:
            click.echo(f"  {output}")
    else:
        click.echo(f"site built in {outputs[0]}")


@main.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the records/ folder into (default: the project's site/).")
@click.option("--learner", "learners", multiple=True, metavar="ID", help="Only this learner (repeatable).")
def records(path: Path, out_dir: Path | None, learners: tuple[str, ...]) -> None:
    """Write only the Word records: tracking sheets, front sheets and the cohort tracker.

    \b
    Examples:
        portfolio records                      # into site/records/
        portfolio records --out /tmp/for-eqa --learner amira-khan

    Exit codes: 0 written; 1 written, but entries with errors were left out (each record says so);
    2 wrong usage.
    """
    from .report.word import write_records
    from .site.safety import UnsafeOutput, claim_output_folder

    result = _check(path, learners)
    out = result.project.root / "site" if out_dir is None else Path.cwd() / out_dir
    try:
        claim_output_folder(result.project.root, out)
    except UnsafeOutput as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    errors = [problem for problem in result.problems if problem.severity is Severity.ERROR]
    for problem in errors:
        click.echo(f"error: {problem.location()}: {problem.message} (left out of the records)", err=True)
    # A learner's records only: the cohort tracker of the whole cohort is left as it is.
    written = write_records(result.coverage, result.project.centre, out, cohort=not learners, errors=errors)
    for path_written in written:
        click.echo(f"wrote {path_written}")
    if errors:  # written, but not whole: the records say so, and so does the exit code
        click.echo(f"Error: {len(errors)} error(s) left entries out of the records; 'portfolio check' shows them", err=True)
        sys.exit(EXIT_PROBLEMS)


@contextlib.contextmanager
def refusals(*kinds: type[Exception]) -> Iterator[None]:
    """A refusal of the core (nothing was recorded or changed) as the command line says it: its
    message after 'Error:', and exit code 1."""
    try:
        yield
    except kinds as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)


def past_day(when: dt.datetime | None, what: str) -> dt.date:
    """The date given with --date (today if none); a date in the future is refused."""
    day = when.date() if when else dt.date.today()
    if day > dt.date.today():
        raise click.BadParameter(f"{day} is in the future: give the date {what}", param_hint="--date")
    return day


def _project_for_edits(path: Path, learners: Collection[str] = ()) -> Any:
    """The criteria, and only the learners named: an edit needs no one else's evidence."""
    from .load import load_project

    try:
        project = load_project(_root(path), learners)
    except NotAProject as exc:
        raise click.BadParameter(f"{exc}.", param_hint="--project") from None
    for learner_id in learners:
        if learner_id not in project.learners:
            suggestion = did_you_mean(learner_id, project.learner_folders)
            raise click.BadParameter(
                f"no learner '{learner_id}' in evidence/" + (f"; {suggestion}" if suggestion else ""),
                param_hint="--learner",
            )
    return project


def _evidence_for_edit(path: Path, given: str, learner: str | None, must_exist: bool = True) -> tuple[Any, EvidencePath]:
    """The project with the learner loaded, and the learner's file ``given`` names, in any of its forms.

    Every command that takes an evidence path comes here: from the project root
    (evidence/<learner>/x.md), from the current folder, or inside the learner's folder with
    --learner. A path outside the learner's folder or the project is refused (exit 1).
    """
    root = _root(path)
    project = _project_for_edits(root, [learner]) if learner is not None else None
    try:
        found = evidence_path(root, given, learner, must_exist=must_exist)
    except PathRefused as exc:
        click.echo(f"Error: {exc}; nothing was changed", err=True)
        sys.exit(EXIT_PROBLEMS)
    return project or _project_for_edits(root, [found.learner]), found


LEARNER_OPTION = click.option(
    "--learner", metavar="ID", help="Whose file it is, when FILE is its path inside the learner's folder."
)
PROJECT_OPTION = click.option(
    "--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".",
    help="The project's folder (default: the project the current folder is in).",
)


def _tag(file: str, refs: tuple[str, ...], path: Path, learner: str | None, untag: bool,
         type_name: str | None = None, method: str | None = None) -> None:
    from .tagging import Description, TagRefused, change_tags

    project, found = _evidence_for_edit(path, file, learner)
    with refusals(TagRefused):
        result = change_tags(project, found.file, list(refs), untag=untag,
                             describe=Description(type_name, method))
    shown = result.path.relative_to(project.root).as_posix()
    verb = "removed" if untag else "added"
    if result.created:
        click.echo(f"created {shown}: {result.described}")
    elif type_name or method:
        click.echo(f"note: --type and --method describe a file with no sidecar yet; {shown} keeps what it says")
    for ref in result.changed:
        click.echo(f"{verb} {ref} in {shown}")
    for ref in result.unchanged:
        click.echo(f"{ref} was {'not' if untag else 'already'} in {shown}")


@main.command()
@click.argument("file", metavar="FILE")
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@LEARNER_OPTION
@click.option("--type", "type_name", metavar="TYPE", help="For a file with no sidecar yet: its evidence type.")
@click.option("--method", type=click.Choice([m.value for m in Method]), metavar="METHOD",
              help="For a file with no sidecar yet: how it is assessed (default: the type's usual method).")
@PROJECT_OPTION
def tag(file: str, refs: tuple[str, ...], learner: str | None, type_name: str | None, method: str | None,
        path: Path) -> None:
    """Add criteria references to an evidence file's front matter (or its sidecar).

    Nothing else in the file changes. For a PDF, image or other file, the references go into
    its sidecar (FILE.yml); a file with none gets one when --type says what it is. An unknown
    reference is refused. FILE is a path from the project root or the current folder, or its
    path inside the learner's folder with --learner.

    \b
    Examples:
        portfolio tag evidence/priya-shah/reflective-account-first-incident-call.md INC2/3.2
        portfolio tag --learner priya-shah notes.pdf INC2/1.1 INC2/1.2 --type work-product
    """
    _tag(file, refs, path, learner, untag=False, type_name=type_name, method=method)


@main.command()
@click.argument("file", metavar="FILE")
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@LEARNER_OPTION
@PROJECT_OPTION
def untag(file: str, refs: tuple[str, ...], learner: str | None, path: Path) -> None:
    """Remove criteria references from an evidence file's front matter (or its sidecar).

    \b
    Example:
        portfolio untag evidence/priya-shah/reflective-account-first-incident-call.md INC2/3.4
    """
    _tag(file, refs, path, learner, untag=True)


@main.command()
@click.argument("name", required=False, type=click.Choice(["unit", "qualification", "evidence-types", "centre",
                                                           "learner", "decisions", "evidence", "sidecar"]))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write every schema into this folder as NAME.schema.json.")
@click.option("--project", "path", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Project folder (its own evidence types are included).")
def schema(name: str | None, out_dir: Path | None, path: Path) -> None:
    """Print a JSON Schema for editor completion and validation, or write them all with --out.

    \b
    Examples:
        portfolio schema learner
        portfolio schema --out schemas
    """
    from .atomic import write_atomic
    from .evidence.types import default_types
    from .load import load_project
    from .schemas import NAMES, json_schema

    try:
        types = load_project(_root(path), learners=()).evidence_types
    except NotAProject:
        types = default_types()
    if out_dir is None:
        if name is None:
            raise click.UsageError("name a schema (" + ", ".join(NAMES) + "), or give --out")
        click.echo(json.dumps(json_schema(name, types), indent=2))
        return
    for schema_name in [name] if name else NAMES:
        target = out_dir / f"{schema_name}.schema.json"
        write_atomic(target, (json.dumps(json_schema(schema_name, types), indent=2) + "\n").encode())
        click.echo(f"wrote {target}")


def _progress_printer(what: str = "pages") -> Any:
    def show(done: int, total: int) -> None:
        if done == total or done % 25 == 0 or what != "pages":
            click.echo(f"\rBuilding {what}: {done}/{total}", nl=False, err=True)

    return show


def run(argv: list[str] | None = None) -> Any:
    """Entry point: click's own errors exit 2; anything unexpected is reported without a traceback."""
    try:
        return main.main(args=argv, prog_name="portfolio", standalone_mode=True)
    except SystemExit:
        raise
    except OSError as exc:
        # A file that cannot be read or written (permissions, a full disk): the user can fix it.
        where = f" '{exc.filename}'" if exc.filename else ""
        click.echo(f"Error: cannot write or read{where}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        click.echo(f"portfolio: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug: please report it with the command you ran.", err=True)
        sys.exit(EXIT_INTERNAL)


# Registers the assessor's, the signing and the `new` commands on `main`.
from . import cli_assessment, cli_new, cli_signing  # noqa: E402,F401
