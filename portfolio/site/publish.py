"""Copying published originals into the built site without ever following a link."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..boundary import Refused, open_file
from .common import SiteFile


def copy_originals(files: list[SiteFile], site_dir: Path, project_dir: Path) -> list[str]:
    """Copy each original to its place in ``site_dir``; return a message for each one left out.

    The files were checked while loading; they are opened again without following a link, so
    that one swapped for a link since then is still not read.
    """
    problems: list[str] = []
    for published in files:
        target = site_dir / published.src_uri
        shown = published.source.relative_to(project_dir).as_posix()
        try:
            with open_file(published.source, project_dir / "evidence") as source:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
        except Refused as exc:
            problems.append(f"{shown}: {exc.message}; not published ({exc.hint})")
        except OSError as exc:
            problems.append(f"{shown}: cannot copy it into the site: {exc.strerror}")
    return problems
