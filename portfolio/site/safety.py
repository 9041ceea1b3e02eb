"""Where the site and the records may be written, and where the site's own pages may come from.

A build empties its output folder first (mkdocs does), so the folder must be one this project
made: missing, empty, or marked by an earlier build of this project. The output and the pages
folder may not be, contain or lie inside criteria/ or evidence/: a build would empty the
learners' work, or publish it raw.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..atomic import write_atomic

PROTECTED = ("criteria", "evidence")
MARKER = ".portfolio-build"
"""Left in every output folder; hidden, so that mkdocs' cleaning keeps it and no server lists it."""


class UnsafeOutput(Exception):
    """The output (or pages) folder would put the criteria or the evidence at risk, or is not ours."""


def check_protected(project_dir: Path, folder: Path, role: str = "output folder") -> None:
    """Refuse a folder that is, contains, or lies inside criteria/ or evidence/."""
    out = folder.resolve()
    for name in PROTECTED:
        protected = (project_dir / name).resolve()
        if out == protected or protected.is_relative_to(out):
            what = "empty" if role == "output folder" else "publish"
            raise UnsafeOutput(
                f"refusing to use '{folder}' as the {role}: it is or contains {name}/, which a build would "
                f"{what}. Choose a separate folder{' such as site' if role == 'output folder' else ''}."
            )
        if out.is_relative_to(protected):
            raise UnsafeOutput(
                f"refusing to use '{folder}' as the {role}: it lies inside {name}/. Choose a folder outside it."
            )


def _visible_entries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if not name.startswith(".")]


def _marked_project(folder: Path) -> str | None:
    """The project recorded in the folder's marker, or None if it has no readable one."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("made_by") != "portfolio":
        return None
    project = data.get("project")
    return project if isinstance(project, str) else None


def claim_output_folder(project_dir: Path, output: Path) -> None:
    """Make sure writing (and emptying) ``output`` loses nothing, then mark it as this project's.

    Accepted: a missing folder, one with nothing but hidden entries (a deployment's .git, say),
    or one marked by an earlier build of this project. Anything else raises :class:`UnsafeOutput`.
    """
    check_protected(project_dir, output)
    project = str(project_dir.resolve())
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UnsafeOutput(f"refusing to write into '{output}': it is not a folder. Choose a new folder.")
    if output.is_dir():
        marked = _marked_project(output)
        if marked is None and _visible_entries(output):
            raise UnsafeOutput(
                f"refusing to write into '{output}': it holds files that no portfolio build made, and a build "
                "empties its output folder first. Choose a new or empty folder, or empty this one yourself."
            )
        if marked is not None and marked != project:
            raise UnsafeOutput(
                f"refusing to write into '{output}': it holds a build of another project ({marked}). "
                "Choose another folder, or delete this one yourself if that build is no longer needed."
            )
        if marked == project:
            return
    marker = json.dumps({"made_by": "portfolio", "project": project}, indent=2) + "\n"
    write_atomic(output / MARKER, marker.encode("utf-8"))


def remove_stale_builds(project_dir: Path, folder: Path, keep: set[Path]) -> None:
    """Delete the sub-folders of ``folder`` that are earlier builds of this project not in ``keep``
    (a learner's site after they left, say). Anything not marked as ours is left alone."""
    if not folder.is_dir() or folder.is_symlink():
        return
    project = str(project_dir.resolve())
    for entry in folder.iterdir():
        if entry in keep or entry.is_symlink() or not entry.is_dir():
            continue
        if _marked_project(entry) == project:
            shutil.rmtree(entry)


def check_pages_folder(project_dir: Path, docs_dir: Path) -> None:
    """Refuse a pages folder holding an earlier build: every audience's site would publish it whole."""
    if not docs_dir.is_dir():
        return
    for folder, _, names in os.walk(docs_dir):
        if MARKER in names:
            raise UnsafeOutput(
                f"refusing to build: '{folder}' in the pages folder holds a site built earlier, and every site "
                "(a learner's and the public one too) would publish it as it is. Move it out of "
                f"{docs_dir.name}/."
            )
