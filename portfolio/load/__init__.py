"""Files to models. Every problem becomes a :class:`Problem` naming file, line, field and a fix.

Nothing here raises on bad input: a broken file is reported and left out, and loading goes on so
that one run reports every problem in the project.
"""

from __future__ import annotations

import gc
from collections.abc import Collection
from pathlib import Path

from .criteria import load_criteria
from .evidence import split_front_matter
from .learners import load_learners
from .project import (
    CENTRE_FILE,
    DECISIONS_FILE,
    DOCS_DIR,
    MAX_TEXT_EVIDENCE_BYTES,
    MAX_YAML_BYTES,
    PROFILE_FILE,
    YAML_SUFFIXES,
    Claim,
    CriterionEntry,
    EvidenceItem,
    Learner,
    NotAProject,
    Project,
)
from .reading import walk_folder

__all__ = [
    "CENTRE_FILE", "DECISIONS_FILE", "DOCS_DIR", "MAX_TEXT_EVIDENCE_BYTES", "MAX_YAML_BYTES", "PROFILE_FILE", "YAML_SUFFIXES",
    "Claim", "CriterionEntry", "EvidenceItem", "Learner", "NotAProject", "Project", "load_project",
    "split_front_matter",
]


def load_project(root: Path | str, learners: Collection[str] | None = None) -> Project:
    """Read criteria and evidence under ``root``. Problems are collected, never raised.

    ``learners`` limits which learners' folders are read (an empty collection: none, for
    commands that need only the criteria); by default all are.
    """
    root = Path(root).resolve()
    if not (root / "criteria").is_dir():
        raise NotAProject(f"'{root}' is not a portfolio project: it has no criteria/ folder")
    project = Project(root=root)
    # Loading allocates many small, acyclic objects; the cyclic collector would rescan the growing
    # heap again and again (about a third of the load time on a large centre) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        load_criteria(project)
        load_learners(project, None if learners is None else set(learners))
        # The centre's own pages are published as they are: a link there would publish its target.
        walk_folder(root, root / DOCS_DIR, project.problems)
    finally:
        if collecting:
            gc.enable()
    project.problems.sort(key=lambda p: p.sort_key())
    return project
