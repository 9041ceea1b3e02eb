"""Where the project is, and which learner's file a path given on the command line means.

Commands run from any folder inside the project, as git's do: the project root is the nearest
folder, walking up, that holds criteria/ and evidence/ (or else mkdocs.yml or criteria/). An
evidence file may be named from the project root (evidence/<learner>/x.md), from the current
folder, or by its path inside the learner's folder with --learner. Every command resolves them
here, and nothing outside a learner's folder is ever taken for evidence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .load.project import RECORD_FILES
from .suggest import did_you_mean

EVIDENCE_DIR = "evidence"


class PathRefused(Exception):
    """The path names nothing a command may act on; the message says why and what to give instead."""


@dataclass(frozen=True)
class EvidencePath:
    learner: str
    """The id (folder name) of the learner whose file it is."""
    path: str
    """Its path inside the learner's folder, with forward slashes: how decisions and reviews name it."""
    file: Path
    """The file under the project root, normalised but with no link resolved (the boundary refuses links)."""


def find_project_root(start: Path | str = ".", search_up: bool = True) -> Path:
    """The project that ``start`` lies in: the nearest folder up from it that looks like one.

    A folder holding criteria/ and evidence/ wins over one holding only mkdocs.yml or criteria/,
    so that a stray mkdocs.yml or criteria/ folder in a learner's evidence is never taken for the
    project. Where nothing up the tree looks like a project, or ``search_up`` is false (a folder
    named on the command line is the project, as given), ``start`` itself is returned, for the
    loader to say what is missing.
    """
    here = Path(start).resolve()
    if not search_up:
        return here
    folders = [here, *here.parents]
    for folder in folders:
        if (folder / "criteria").is_dir() and (folder / EVIDENCE_DIR).is_dir():
            return folder
    for folder in folders:
        if (folder / "mkdocs.yml").is_file() or (folder / "criteria").is_dir():
            return folder
    return here


def evidence_path(
    root: Path, given: str, learner: str | None = None, cwd: Path | None = None, must_exist: bool = True
) -> EvidencePath:
    """The learner's file that ``given`` names, tried in turn relative to the current folder, the
    project root and (with ``learner``) the learner's folder: the first that exists wins, or, for
    a file yet to be made, the first that lies in a learner's folder.

    Raises :class:`PathRefused` for a path outside the project, outside any learner's folder or
    outside ``learner``'s, and (with ``must_exist``) for one that names no file.
    """
    if not given.strip():
        raise PathRefused("the file name is empty: name an evidence file")
    root = Path(root)
    evidence = root / EVIDENCE_DIR
    raw = Path(given)
    tried = [raw] if raw.is_absolute() else [(cwd or Path.cwd()) / raw, root / raw]
    if learner is not None and not raw.is_absolute():
        tried.append(evidence / learner / raw)
    placed: list[EvidencePath] = []
    elsewhere: list[str] = []  # other learners' folders the path lies in
    in_project = False
    for candidate in dict.fromkeys(Path(os.path.normpath(c)) for c in tried):
        inside = _in_project(root, candidate)
        if inside is None:
            continue
        in_project = True
        parts = inside.relative_to(root).parts
        if len(parts) < 3 or parts[0] != EVIDENCE_DIR:
            continue
        if learner is not None and parts[1] != learner:
            elsewhere.append(parts[1])
            continue
        if len(parts) == 3 and parts[2] in RECORD_FILES:
            raise PathRefused(f"'{given}' is the learner's {parts[2]}, not evidence: name an evidence file")
        placed.append(EvidencePath(parts[1], "/".join(parts[2:]), inside))
    if not placed:
        if elsewhere:
            raise PathRefused(
                f"'{given}' is in {EVIDENCE_DIR}/{elsewhere[0]}/, not in {EVIDENCE_DIR}/{learner}/: "
                f"name a file of {learner}'s, or leave out --learner"
            )
        if learner is not None:
            raise PathRefused(f"'{given}' is outside {EVIDENCE_DIR}/{learner}/: name a file inside the learner's folder")
        if in_project:
            raise PathRefused(
                f"'{given}' is not in a learner's folder: evidence files are in {EVIDENCE_DIR}/<learner-id>/"
            )
        raise PathRefused(
            f"'{given}' is outside the project ({root}): name a file in {EVIDENCE_DIR}/<learner-id>/, "
            "or its path inside that folder with --learner"
        )
    for found in placed:
        if os.path.lexists(found.file):
            return found
    if must_exist:
        missing = placed[-1].file
        try:
            nearby = [name for name in os.listdir(missing.parent) if not name.endswith((".yml", ".yaml"))]
        except OSError:
            nearby = []
        suggestion = did_you_mean(missing.name, nearby)
        raise PathRefused(f"no file {missing.relative_to(root).as_posix()}" + (f" ({suggestion})" if suggestion else ""))
    return placed[0]


def _in_project(root: Path, path: Path) -> Path | None:
    """``path`` as a path under ``root``, or None if it lies outside.

    Only the folders above the project may be reached through a link (a home folder under
    /private on macOS, say): they are matched by identity, and everything below the root is kept
    as written, for the boundary to refuse any link there.
    """
    if path == root or root in path.parents:
        return path
    for ancestor in path.parents:
        try:
            if os.path.samefile(ancestor, root):
                return root / path.relative_to(ancestor)
        except OSError:
            continue
    return None
