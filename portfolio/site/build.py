"""Building the site with mkdocs from Python. mkdocs calls this no public API, so it lives here only."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from .urls import safe_path

CONFIG_FILE = "mkdocs.yml"


class SiteBuildFailed(Exception):
    """mkdocs could not build the site; the message says why."""


class UnsafeSiteDir(SiteBuildFailed):
    """The output folder would put the criteria or the evidence at risk."""


class SiteBuiltWithErrors(SiteBuildFailed):
    """The site was written, but errors were reported while building it: it is not one to publish."""

    def __init__(self, site: Path, errors: int) -> None:
        super().__init__(
            f"the site was written to {site}, but {errors} error(s) were reported above: fix them "
            "('portfolio check' shows each with what to do) and build again"
        )
        self.site = site


class _Report(logging.Handler):
    """Prints mkdocs' and the plugin's warnings and errors as they come, and counts the errors.

    mkdocs' own command line sets up such printing; called from Python, nothing would print them
    once strict mode adds its counting handler."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        error = record.levelno >= logging.ERROR
        self.errors += error
        print(f"{'error' if error else 'warning'}: {record.getMessage()}", file=sys.stderr)


def build_learner_sites(
    project_dir: Path,
    site_dir: Path | None = None,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Build each learner's own site, standalone, into <site>/learners/<id>/; return the folders.

    ``progress`` is told (learners built, learners in all). One check serves every build.
    """
    from .. import mkdocs_plugin
    from ..check import run_check
    from ..load import NotAProject
    from .safety import UnsafeOutput, claim_output_folder, remove_stale_builds

    config_file = _config_file(project_dir)
    root = _planned_folders(config_file, site_dir)[0].resolve()
    try:
        claim_output_folder(project_dir, root)
    except UnsafeOutput as exc:
        raise UnsafeSiteDir(str(exc)) from None
    try:
        result = run_check(project_dir)
    except NotAProject as exc:
        raise SiteBuildFailed(str(exc)) from None
    learner_ids = [lc.learner.id for lc in result.coverage.learners if lc.learner.profile is not None]
    folders = {learner_id: root / "learners" / safe_path(learner_id) for learner_id in learner_ids}
    try:  # every folder first: a refusal half-way would leave some learners' sites old
        for folder in folders.values():
            claim_output_folder(project_dir, folder)
    except UnsafeOutput as exc:
        raise UnsafeSiteDir(str(exc)) from None
    remove_stale_builds(project_dir, root / "learners", set(folders.values()))
    mkdocs_plugin.prepared = result
    built: list[Path] = []
    with_errors: list[str] = []
    try:
        for done, (learner_id, folder) in enumerate(folders.items()):
            if progress is not None:
                progress(done, len(folders))
            try:
                built.append(build_site(project_dir, folder, strict, None, "learner", learner_id))
            except SiteBuiltWithErrors as exc:  # the other learners' sites are still built
                built.append(exc.site)
                with_errors.append(learner_id)
    finally:
        mkdocs_plugin.prepared = None
    if progress is not None:
        progress(len(folders), len(folders))
    if with_errors:
        raise SiteBuildFailed(
            f"every learner's site was written, but errors were reported (above) while building the sites of: "
            f"{', '.join(with_errors)}. Fix them ('portfolio check') and build again"
        )
    return built


def _config_file(project_dir: Path) -> Path:
    config_file = project_dir / CONFIG_FILE
    if not config_file.is_file():
        raise SiteBuildFailed(
            f"no {CONFIG_FILE} in '{project_dir}': the site needs one with 'theme: material' and "
            "the 'portfolio' plugin (see the README)"
        )
    return config_file


def build_site(
    project_dir: Path,
    site_dir: Path | None = None,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    audience: str | None = None,
    learner: str | None = None,
    fail_on_errors: bool = True,
) -> Path:
    """Build the site of the project in ``project_dir`` from its mkdocs.yml; return the output folder.

    ``audience`` and ``learner`` override the plugin's options of those names. Warnings and errors
    are printed as they come; with ``fail_on_errors``, a build that reported an error raises
    :class:`SiteBuiltWithErrors` (a build with errors is never a success).
    """
    config_file = _config_file(project_dir)
    # Material's end-of-life banner is for site authors running mkdocs, not for this tool's users.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from .. import mkdocs_plugin
    from .safety import UnsafeOutput, check_protected

    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    # mkdocs' own validation would refuse some of these first, with its own words and exit code.
    planned_site, planned_docs = _planned_folders(config_file, site_dir)
    try:
        check_protected(project_dir, planned_site)
        check_protected(project_dir, planned_docs, "pages folder (docs_dir)")
    except UnsafeOutput as exc:
        raise UnsafeSiteDir(str(exc)) from None
    mkdocs_plugin.progress = progress
    report = _Report()
    logging.getLogger("mkdocs").addHandler(report)
    # The centre's own pages are optional: without a docs/ folder, mkdocs gets an empty one of ours.
    no_pages = None if planned_docs.is_dir() else tempfile.TemporaryDirectory(prefix="portfolio-no-pages-")
    if no_pages is not None:
        overrides["docs_dir"] = no_pages.name
    try:
        config = load_config(config_file=str(config_file), **overrides)
        names = [name for name in ("portfolio", "portfolio/portfolio") if name in config.plugins]
        if not names:
            raise SiteBuildFailed(
                f"{CONFIG_FILE} does not use the 'portfolio' plugin: add it under 'plugins:' (see the README)"
            )
        options = config.plugins[names[0]].config
        if audience is not None:
            options["audience"] = audience
        if learner is not None:
            options["learners"] = [learner]
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except mkdocs_plugin.UnsafeFolderError as exc:
        raise UnsafeSiteDir(exc.message) from None
    except mkdocs_plugin.PublicSiteRefused as exc:
        raise SiteBuildFailed(exc.message) from None
    except (Abort, ConfigurationError, MkDocsException) as exc:
        raise SiteBuildFailed(str(exc) or type(exc).__name__) from None
    finally:
        mkdocs_plugin.progress = None
        logging.getLogger("mkdocs").removeHandler(report)
        if no_pages is not None:
            no_pages.cleanup()
    if report.errors and fail_on_errors:
        raise SiteBuiltWithErrors(Path(config.site_dir), report.errors)
    return Path(config.site_dir)


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml only to find two folder names: tags such as !!python/name are ignored."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _planned_folders(config_file: Path, site_dir: Path | None) -> tuple[Path, Path]:
    """The output and pages folders a build of ``config_file`` would use, read before mkdocs does."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    data = data if isinstance(data, dict) else {}
    base = config_file.parent
    configured_site = data.get("site_dir")
    configured_docs = data.get("docs_dir")
    site = site_dir if site_dir is not None else base / (configured_site if isinstance(configured_site, str) else "site")
    docs = base / (configured_docs if isinstance(configured_docs, str) else "docs")
    return site, docs
