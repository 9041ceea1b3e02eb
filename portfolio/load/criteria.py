"""Loading criteria/: units, qualifications and the centre's own evidence types."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..criteria.models import Unit
from ..criteria.qualification import Qualification
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
    for unit, doc, rel in _load_unique(project, units, Unit, "code", "unit code", project.units, salvage=True):
        _register_unit(project, unit, doc, rel)
    qualifications = list(_load_unique(
        project, _in_folder(criteria_dir, files, "qualifications"), Qualification, "id", "qualification id",
        project.qualifications, salvage=True,
    ))
    for qualification, doc, rel in qualifications:
        for index, entry in enumerate(qualification.units):
            if entry.code in project.units:
                problems.warning(
                    rel,
                    f"unit '{entry.code}' has a unit file, which is used instead of this short entry",
                    line=doc.line_of(("units", index)),
                    field=f"units[{index}]",
                    hint="remove the short entry",
                )
            else:
                project.unit_entries.setdefault(entry.code, entry)
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


def _written_refs(doc: YamlDocument) -> list[str]:
    """The criterion and part references a unit file holds, as written (valid or not)."""
    refs: list[str] = []
    outcomes = doc.value.get("learning_outcomes") if isinstance(doc.value, dict) else None
    for outcome in outcomes if isinstance(outcomes, list) else []:
        criteria = outcome.get("criteria") if isinstance(outcome, dict) else None
        for criterion in criteria if isinstance(criteria, list) else []:
            if isinstance(criterion, dict):
                refs.append(str(criterion.get("ref")))
                parts = criterion.get("parts")
                refs += [str(p.get("ref")) for p in parts if isinstance(p, dict)] if isinstance(parts, list) else []
    return refs


def _path_as_written(doc: YamlDocument, number: int, ref: str, part: str | None) -> tuple[Any, ...]:
    """Where a criterion (or part) stands in the file as written: entries left out for errors shift the rest."""
    def index_of(entries: Any, key: str, wanted: Any) -> int | None:
        if not isinstance(entries, list):
            return None
        return next((i for i, e in enumerate(entries) if isinstance(e, dict) and str(e.get(key)) == str(wanted)), None)

    outcomes = doc.value.get("learning_outcomes") if isinstance(doc.value, dict) else None
    o = index_of(outcomes, "number", number)
    if o is None or not isinstance(outcomes, list):
        return ()
    criteria = outcomes[o].get("criteria")
    c = index_of(criteria, "ref", ref)
    if c is None or not isinstance(criteria, list):
        return ("learning_outcomes", o)
    if part is None:
        return ("learning_outcomes", o, "criteria", c)
    q = index_of(criteria[c].get("parts"), "ref", part)
    return ("learning_outcomes", o, "criteria", c) + (("parts", q) if q is not None else ())


def _register_unit(project: Project, unit: Unit, doc: YamlDocument, rel: str) -> None:
    """Every criterion and part of the unit, with what it needs; warn about any that cannot be met."""
    # Criteria left out for their errors are reported there: what refers to them is not reported again.
    loaded = {c.ref for o in unit.learning_outcomes for c in o.criteria} | {
        p.ref for o in unit.learning_outcomes for c in o.criteria for p in c.parts
    }
    project.broken.update(f"{unit.code}/{ref}" for ref in _written_refs(doc) if ref not in loaded)
    for outcome in unit.learning_outcomes:
        for criterion in outcome.criteria:
            entries = [CriterionEntry(unit, outcome, criterion)]
            entries += [CriterionEntry(unit, outcome, criterion, part) for part in criterion.parts]
            for entry in entries:
                project.criteria[entry.ref] = entry
                requirement = requirement_for(unit, outcome, criterion, entry.part)
                project.requirements[entry.ref] = requirement
                why = None if entry.assessed_by_parts else requirement.impossible()
                if why:
                    path = _path_as_written(doc, outcome.number, criterion.ref, entry.part.ref if entry.part else None)
                    project.problems.warning(
                        rel,
                        f"{entry.ref} can never be met: {why}",
                        line=doc.line_of(path),
                        field=field_name(path),
                        hint="check its kind, 'methods', 'required_methods' and 'simulation' (they are inherited "
                        "from the learning outcome and the unit)",
                    )


def _load_unique(
    project: Project, paths: list[Path], model: type[M], key: str, what: str, into: dict[str, Any],
    salvage: bool = False,
) -> Iterator[tuple[M, YamlDocument, str]]:
    """Load every file of ``paths`` as ``model`` into ``into`` by its ``key``; report duplicates.

    A file too broken to load leaves its name in ``project.broken``: what refers to it is not
    reported again, so that one mistake is reported once.
    """
    files: dict[str, str] = {}
    for path in paths:
        loaded, doc = load_yaml_model(path, project.root, model, project.problems, salvage, project.root / "criteria")
        if loaded is None or doc is None:
            name = doc.value.get(key) if doc is not None and isinstance(doc.value, dict) else None
            if isinstance(name, str):
                project.broken.add(name.strip())
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
        loaded, _ = load_yaml_model(path, project.root, EvidenceTypesFile, project.problems, base=project.root / "criteria")
        if loaded is not None:
            types.update(loaded.types)
    project.evidence_types = types


def _check_rules(project: Project, qualification: Qualification, doc: YamlDocument, rel: str) -> None:
    """Every unit the rules name has a unit file or a short entry; the rules can be met at all."""
    rules = qualification.rules
    places: list[tuple[tuple[Any, ...], str]] = [
        (("rules", "mandatory", i), code) for i, code in enumerate(rules.mandatory)
    ]
    for g, group in enumerate(rules.optional_groups):
        places += [(("rules", "optional_groups", g, "units", i), code) for i, code in enumerate(group.units)]
    for b, barred in enumerate(rules.barred):
        places += [(("rules", "barred", b, i), code) for i, code in enumerate(barred)]
    known = [*project.units, *project.unit_entries]
    for path, code in places:
        if code not in project.units and code not in project.unit_entries and code not in project.broken:
            suggestion = did_you_mean(code, known)
            project.problems.error(
                rel,
                f"unknown unit '{code}'" + (f"; {suggestion}" if suggestion else ""),
                line=doc.line_of(path),
                field=field_name(path),
                hint="give it a unit file under criteria/units/, or, if this centre does not assess it, a short "
                "entry under 'units:' in this file (code, title, level, credit)",
            )
    for b, barred in enumerate(rules.barred):
        both = [code for code in barred if code in rules.mandatory]
        if len(both) > 1:
            project.problems.warning(
                rel,
                f"barred units {', '.join(both)} are all mandatory, so no learner can meet the rules",
                line=doc.line_of(("rules", "barred", b)),
                field=f"rules.barred[{b}]",
                hint="check the published rules of combination",
            )


def suggest_ref(project: Project, ref: str) -> str:
    unit_code = ref.split("/", 1)[0]
    pool = [r for r in project.criteria if r.startswith(unit_code + "/")] or list(project.criteria)
    match = nearest(ref, pool, cutoff=0.3)
    return f"; did you mean '{match}'?" if match else ""

