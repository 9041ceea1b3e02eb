"""Loading criteria/: units, qualifications and the centre's own evidence types."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..criteria.models import Qualification, Unit
from ..criteria.requirements import requirement_for
from ..evidence.models import EvidenceTypesFile
from ..evidence.types import CENTRE_TYPES_DIR, default_types
from ..suggest import did_you_mean, nearest
from ..yamlsafe import YamlDocument
from .project import YAML_SUFFIXES, CriterionEntry, M, Project
from .reading import rel_path, walk_folder
from .validation import field_name, load_yaml_model

# --- criteria -------------------------------------------------------------------------------


def _in_folder(criteria_dir: Path, files: list[str], folder: str) -> list[Path]:
    """The YAML files among ``files`` (relative to criteria/) that lie under ``folder``."""
    return [
        criteria_dir / name for name in files if name.startswith(folder + "/") and name.endswith(YAML_SUFFIXES)
    ]


def load_criteria(project: Project) -> None:
    root, problems = project.root, project.problems
    criteria_dir = root / "criteria"
    files, _ = walk_folder(root, criteria_dir, problems)
    _load_evidence_types(project, _in_folder(criteria_dir, files, CENTRE_TYPES_DIR))
    units = _in_folder(criteria_dir, files, "units")
    for unit, _, _ in _load_unique(project, units, Unit, "code", "unit code", project.units):
        for outcome in unit.learning_outcomes:
            for criterion in outcome.criteria:
                entry = CriterionEntry(unit, outcome, criterion)
                project.criteria[entry.ref] = entry
                project.requirements[entry.ref] = requirement_for(unit, outcome, criterion)
    qualifications = _load_unique(
        project, _in_folder(criteria_dir, files, "qualifications"), Qualification, "id", "qualification id",
        project.qualifications,
    )
    for qualification, doc, rel in qualifications:
        _check_rules(project, qualification, doc, rel)

    for name in files:
        if not name.endswith(YAML_SUFFIXES):
            problems.warning(
                f"criteria/{name}",
                "not a YAML file; ignored",
                hint="criteria live in .yml files under criteria/units/ and criteria/qualifications/",
            )
    if not units:
        problems.error(
            "criteria",
            "no units found",
            hint="add unit files under criteria/units/ (one unit per .yml file)",
        )


def _load_unique(
    project: Project, paths: list[Path], model: type[M], key: str, what: str, into: dict[str, Any]
) -> Iterator[tuple[M, YamlDocument, str]]:
    """Load every file of ``paths`` as ``model`` into ``into`` by its ``key``; report duplicates."""
    files: dict[str, str] = {}
    for path in paths:
        loaded, doc = load_yaml_model(path, project.root, model, project.problems)
        if loaded is None or doc is None:
            continue
        rel = rel_path(project.root, path)
        name = getattr(loaded, key)
        if name in into:
            project.problems.error(
                rel,
                f"duplicate {what} '{name}' (also in {files.get(name, 'another file')})",
                line=doc.line_of((key,)),
                field=key,
                hint=f"give each file its own {key}",
            )
            continue
        into[name] = loaded
        files[name] = rel
        yield loaded, doc, rel


def _load_evidence_types(project: Project, paths: list[Path]) -> None:
    """Shipped evidence types, overridden or extended by the centre's own definitions."""
    types = dict(default_types())
    for path in paths:
        loaded, _ = load_yaml_model(path, project.root, EvidenceTypesFile, project.problems)
        if loaded is not None:
            types.update(loaded.types)
    project.evidence_types = types


def _check_rules(project: Project, qualification: Qualification, doc: YamlDocument, rel: str) -> None:
    rules = qualification.rules
    places: list[tuple[tuple[Any, ...], str]] = [
        (("rules", "mandatory", i), code) for i, code in enumerate(rules.mandatory)
    ]
    for g, group in enumerate(rules.optional_groups):
        places += [(("rules", "optional_groups", g, "units", i), code) for i, code in enumerate(group.units)]
    for path, code in places:
        if code not in project.units:
            suggestion = did_you_mean(code, project.units)
            project.problems.error(
                rel,
                f"unknown unit '{code}'" + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(path),
                field=field_name(path),
                hint="name units by the 'code' in their file under criteria/units/",
            )


def suggest_ref(project: Project, ref: str) -> str:
    unit_code = ref.split("/", 1)[0]
    pool = [r for r in project.criteria if r.startswith(unit_code + "/")] or list(project.criteria)
    match = nearest(ref, pool, cutoff=0.3)
    return f"; did you mean '{match}'?" if match else ""

