"""Building the site with mkdocs from Python. mkdocs calls this no public API, so it lives here only."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


class SiteBuildFailed(Exception):
    """mkdocs could not build the site; the message says why."""


class UnsafeSiteDir(SiteBuildFailed):
    """The output folder would put the criteria or the evidence at risk."""


def build_site(
    project_dir: Path,
    site_dir: Path | None = None,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Build the site of the project in ``project_dir`` from its mkdocs.yml; return the output folder."""
    config_file = project_dir / CONFIG_FILE
    if not config_file.is_file():
        raise SiteBuildFailed(
            f"no {CONFIG_FILE} in '{project_dir}': the site needs one with 'theme: material' and "
            "the 'portfolio' plugin (see the README)"
        )
    # Material's end-of-life banner is for site authors running mkdocs, not for this tool's users.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from .. import mkdocs_plugin
    from .safety import UnsafeOutput, check_output_folder

    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    mkdocs_plugin.progress = progress
    try:
        config = load_config(config_file=str(config_file), **overrides)
        try:
            check_output_folder(project_dir, Path(config.site_dir))
        except UnsafeOutput as exc:
            raise UnsafeSiteDir(str(exc)) from None
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, MkDocsException) as exc:
        raise SiteBuildFailed(str(exc) or type(exc).__name__) from None
    finally:
        mkdocs_plugin.progress = None
    return Path(config.site_dir)
