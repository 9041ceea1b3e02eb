"""Validating parsed YAML against the models: each pydantic error becomes a problem at its line."""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..assessment.methods import Method
from ..base import HINT
from ..boundary import Folder
from ..problems import Problem, ProblemList, Severity
from ..suggest import did_you_mean
from ..yamlsafe import UNREADABLE, YamlDocument, format_path
from .project import MAX_YAML_BYTES, M
from .reading import parse, read_text, rel_path

field_name = format_path
"""A field's path as the user writes it: ``criteria[0].ref``."""


_NESTED_PATH = re.compile(r"^([A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*): (.*)$", re.DOTALL)
_PATH_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")

_FIELD_HINTS = {
    "urn": "write it as one capital letter/3 digits/4 digits, e.g. 'M/503/0405', or leave it out",
    "number": "write it as 3 digits/4 digits/digit or X, e.g. '600/1137/3', or leave it out",
    "code": "use capital letters and digits, e.g. 'INC2'",
    "ref": "references look like '1.2', '1.0', '3.1a', 'P1', 'M2' or 'K3'; a dotted one starts with its outcome's number",
    "credit": "write the credit value as a whole number, e.g. 'credit: 4', or leave it empty when it is not known",
    "minimum_items": "write a whole number from 1, e.g. 'minimum_items: 2'",
    "minimum_units": "write a whole number, e.g. 'minimum_units: 1'",
    "maximum_units": "write a whole number, e.g. 'maximum_units: 2'",
    "minimum_credit": "write a whole number, e.g. 'minimum_credit: 16'",
    "maximum_credit": "write a whole number, e.g. 'maximum_credit: 7'",
    "currency_years": "write a whole number of years, e.g. 'currency_years: 3'",
    "barred": "list at least two units of which at most one may count, e.g. '[[CS20, CS21]]'",
    "grade": "use pass, merit or distinction",
    "route": "use credit-transfer or exemption",
    "kind": "use knowledge or competence",
    "qualification": "give the 'id' of a file in criteria/qualifications/",
    "assessor": "give the assessor's name",
    "iqa": "give the internal quality assurer's name",
    "id": "use letters, digits, '.', '-' or '_', e.g. 'E07'",
    "sha256": "copy the 64-character SHA-256 of the evidence file, as 'portfolio check' prints it",
    "date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "start_date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "rules": "write the five rules of evidence, e.g. '{valid: holds, authentic: holds, current: holds, sufficient: "
    "fails, reliable: holds}'",
    "actions": "write each action point as '{action: what to do, due: YYYY-MM-DD}'",
    "action": "say what the learner is to do",
    "due": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "signed_at": "write the date and time as YYYY-MM-DD HH:MM:SS, e.g. 2026-03-02 14:05:00",
    "decision_date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "target": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "done": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "next_review": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "role": "use learner, assessor or iqa",
}


_INSTANCE_OF = re.compile(r"Input should be a valid dictionary or instance of \w+")
_REAL_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TYPE_ERRORS = frozenset({
    "int_type", "int_parsing", "int_from_float", "model_type", "dict_type", "string_type", "model_attributes_type",
    "is_instance_of", "literal_error", "float_type", "float_parsing", "bool_type", "bool_parsing",
})
"""Errors that only say 'not of this type': for a field of several types, another member's error says more."""


def _loc_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Validators and unions add steps the learner never wrote ('function-after[_claim]',
    # 'constrained-int', the model of a union member): keep only keys and list positions.
    return tuple(part for part in loc if isinstance(part, int) or (_REAL_PART.match(part) and part not in ("int", "str")))


def _errors(exc: ValidationError) -> Iterator[tuple[tuple[Any, ...], str, Any]]:
    """(location, message, error) of each error, with paths that messages name folded into the location.

    Where one field has several errors (one per member of a union), errors that only say
    'wrong type' give way to one that says what is wrong.
    """
    found = []
    for error in exc.errors(include_url=False, include_input=False, include_context=True):
        loc = _loc_path(tuple(error["loc"]))
        message = error["msg"]
        message = message.removeprefix("Value error, ")
        # The name of a model class means nothing to whoever wrote the file.
        message = _INSTANCE_OF.sub("Input should be a mapping of names to values", message)
        nested = _NESTED_PATH.match(message)
        if error["type"] == "value_error" and nested:
            extra = tuple(name if name else int(index) for name, index in _PATH_PART.findall(nested.group(1)))
            loc = loc + extra
            message = nested.group(2)
        found.append((loc, message, error))
    telling = {loc for loc, _, error in found if error["type"] not in _TYPE_ERRORS}
    seen: set[tuple[Any, ...]] = set()
    for loc, message, error in found:
        if error["type"] in _TYPE_ERRORS and any(loc[: len(t)] == t or t[: len(loc)] == loc for t in telling):
            continue
        if error["type"] in _TYPE_ERRORS and loc in seen:
            continue  # one 'wrong type' per field is enough
        seen.add(loc)
        yield loc, message, error


def validate(
    model: type[M],
    value: Any,
    doc: YamlDocument,
    rel: str,
    problems: ProblemList,
    line_offset: int = 0,
    salvage: bool = False,
) -> M | None:
    """Validate ``value`` against ``model``; report every error with its line and field.

    With ``salvage``, a file with errors still gives what is valid in it: unknown fields and
    optional fields with errors are dropped, and so is each list entry (a learning outcome, a
    criterion, a part) that has an error. Checks that could not run until those are out (a
    criterion under the wrong outcome, a duplicate reference) are reported as they come to light.
    """
    if not isinstance(value, dict):
        problems.error(
            rel,
            "expected a mapping of fields (key: value lines) at the top of the file",
            line=(doc.root.start_mark.line + 1 + line_offset) if doc.root else None,
            hint=f"write it as 'key: value' lines, starting e.g. with '{next(iter(model.model_fields), 'title')}:'",
        )
        return None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for loc, message, error in _errors(exc):
            if _value_at(value, loc) is UNREADABLE:
                continue  # reported when it was read
            problems.append(_describe_error(model, error["type"], loc, message, error, doc, rel, line_offset))
        if not salvage:
            return None
        return _salvaged(model, value, doc, rel, problems, line_offset)


SALVAGE_LISTS = frozenset(
    {"learning_outcomes", "criteria", "parts", "optional_groups", "units", "barred", "thresholds", "decisions", "reviews",
     "acknowledgements", "activities", "sign_offs"}
)
"""Lists whose entries can be left out one by one when they have errors."""
_CONSEQUENCES = frozenset({"too_short", "missing"})
"""Errors that leaving something out can cause: not the learner's mistake, so not reported."""


def _salvaged(
    model: type[M], value: dict[str, Any], doc: YamlDocument, rel: str, problems: ProblemList, line_offset: int
) -> M | None:
    data = copy.deepcopy(value)
    removed_refs: set[str] = set()
    first = True
    for _ in range(100):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errors = list(_errors(exc))
            if not first:
                # Errors hidden until now by the ones already reported (checks run only on valid parts).
                for loc, message, error in errors:
                    if error["type"] in _CONSEQUENCES or any(f"'{ref}'" in message for ref in removed_refs):
                        continue
                    where = _original_loc(value, data, loc)
                    problems.append(_describe_error(model, error["type"], where, message, error, doc, rel, line_offset))
            first = False
            if not _prune(data, [(loc, error["type"]) for loc, _, error in errors], removed_refs):
                return None
    return None


def _original_loc(original: Any, pruned: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` in the pruned data, as a location in the file as written (list entries found by identity)."""
    out: list[Any] = []
    current_original, current_pruned = original, pruned
    for part in loc:
        if isinstance(part, int) and isinstance(current_pruned, list) and isinstance(current_original, list):
            entry = current_pruned[part] if 0 <= part < len(current_pruned) else None
            index = next((i for i, e in enumerate(current_original) if e == entry), part)
            out.append(index)
            current_original = current_original[index] if 0 <= index < len(current_original) else None
            current_pruned = entry
            continue
        out.append(part)
        current_original = current_original.get(part) if isinstance(current_original, dict) else None
        current_pruned = current_pruned.get(part) if isinstance(current_pruned, dict) else None
    return tuple(out)


def _prune(data: Any, errors: list[tuple[tuple[Any, ...], str]], removed_refs: set[str]) -> bool:
    """Remove what each error is about; False when an error cannot be removed that way."""
    removals: dict[int, tuple[list[Any], set[int]]] = {}
    deletions: list[tuple[dict[Any, Any], Any]] = []
    for loc, kind in errors:
        cut = next(
            (i for i in range(len(loc) - 1, 0, -1) if isinstance(loc[i], int) and loc[i - 1] in SALVAGE_LISTS), None
        )
        if kind == "extra_forbidden" or (cut is None and kind != "missing"):
            # An unknown field, or an optional field with a mistake outside any list entry: leave it out
            # (a required one then shows up as missing, and the file cannot be salvaged).
            container = _value_at(data, loc[:-1]) if loc else None
            if isinstance(container, dict) and loc[-1] in container:
                deletions.append((container, loc[-1]))
                continue
        if cut is None:
            return False
        owner = _value_at(data, loc[:cut])
        if not isinstance(owner, list):
            return False
        removals.setdefault(id(owner), (owner, set()))[1].add(loc[cut])
    for container, key in deletions:
        container.pop(key, None)
    for owner, indexes in removals.values():
        for index in sorted(indexes, reverse=True):
            if 0 <= index < len(owner):
                entry = owner[index]
                if isinstance(entry, dict) and "ref" in entry:
                    removed_refs.add(str(entry["ref"]))
                del owner[index]
    return bool(deletions or removals)


def _describe_error(
    model: type[BaseModel],
    kind: str,
    loc: tuple[Any, ...],
    message: str,
    error: Any,
    doc: YamlDocument,
    rel: str,
    line_offset: int,
) -> Problem:
    name = field_name(loc)
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    line = doc.line_of(loc)
    hint = _FIELD_HINTS.get(last)
    if HINT in message:
        message, hint = message.split(HINT, 1)
    if kind == "missing":
        message = f"required field '{last}' is missing"
        hint = f"add a line '{last}: …'"
        line = doc.line_of(loc[:-1])
    elif kind == "extra_forbidden":
        container = _model_at(model, loc[:-1])
        known = list(container.model_fields) if container else []
        suggestion = did_you_mean(str(last), known)
        message = f"unknown field '{last}'" + (f"; {suggestion}" if suggestion else "")
        hint = f"the fields allowed here are: {', '.join(known)}" if known else None
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        methods = last == "method" or (len(loc) > 1 and loc[-2] in ("methods", "required_methods"))
        if methods:
            choices = [m.value for m in Method]
            given = _value_at(doc.value, loc)
            suggestion = did_you_mean(str(given), choices) if given is not None else ""
            message = f"'{given}' is not an assessment method" + (f"; {suggestion}" if suggestion else "")
            hint = "use one of: " + ", ".join(choices)
        else:
            message = f"must be one of {expected}"
    elif kind == "string_pattern_mismatch":
        message = "has the wrong shape"
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = "is not a date"
        hint = _FIELD_HINTS["date"]
    return Problem(
        rel,
        message,
        Severity.ERROR,
        line=line + line_offset if line else None,
        field=name or None,
        hint=hint,
    )


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        current = _first_model(annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _first_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _value_at(value: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def load_yaml_model(
    path: Path, root: Path, model: type[M], problems: ProblemList, salvage: bool = False, base: Path | Folder | None = None
) -> tuple[M | None, YamlDocument | None]:
    """Read, parse and validate one YAML file; ``base`` is the folder no step below may be a link."""
    rel = rel_path(root, path)
    read = read_text(path, rel, MAX_YAML_BYTES, problems, base)
    if read is None:
        return None, None
    doc = parse(read[0], rel, problems)
    if doc is None:
        return None, None
    return validate(model, doc.value, doc, rel, problems, salvage=salvage), doc

