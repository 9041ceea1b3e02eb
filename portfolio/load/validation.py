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
from ..problems import Problem, ProblemList, Severity
from ..suggest import did_you_mean
from ..yamlsafe import YamlDocument, format_path
from .project import MAX_YAML_BYTES, M
from .reading import parse, read_text, rel_path

field_name = format_path
"""A field's path as the user writes it: ``criteria[0].ref``."""


_NESTED_PATH = re.compile(r"^([A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*): (.*)$", re.S)
_PATH_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")

_FIELD_HINTS = {
    "urn": "write it as one capital letter/3 digits/4 digits, e.g. 'M/503/0405', or leave it out",
    "number": "write it as 3 digits/4 digits/digit or X, e.g. '600/1137/3', or leave it out",
    "code": "use capital letters and digits, e.g. 'INC2'",
    "ref": "criterion numbers look like '1.2', within the learning outcome they belong to",
    "id": "use letters, digits, '.', '-' or '_', e.g. 'E07'",
    "sha256": "copy the 64-character SHA-256 of the evidence file, as 'portfolio check' prints it",
    "date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    "start_date": "write dates as YYYY-MM-DD, e.g. 2026-03-14",
}


def _loc_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # The before-validator on evidence criteria turns 'INC2/1.1' into {'ref': ...}: the error
    # location then names a 'ref' key the learner never wrote.
    return tuple(part for part in loc if part not in ("function-after[_claim]",))


def _errors(exc: ValidationError) -> Iterator[tuple[tuple[Any, ...], str, Any]]:
    """(location, message, error) of each error, with paths that messages name folded into the location."""
    for error in exc.errors(include_url=False, include_input=False, include_context=True):
        loc = _loc_path(tuple(error["loc"]))
        message = error["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        nested = _NESTED_PATH.match(message)
        if error["type"] == "value_error" and nested:
            extra = tuple(name if name else int(index) for name, index in _PATH_PART.findall(nested.group(1)))
            loc = loc + extra
            message = nested.group(2)
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

    With ``salvage``, a file with errors still gives what is valid in it: unknown fields are
    dropped, and so is each list entry (a learning outcome, a criterion, a part) that has an error.
    """
    if not isinstance(value, dict):
        problems.error(
            rel,
            "expected a mapping of fields (key: value lines) at the top of the file",
            line=(doc.root.start_mark.line + 1 + line_offset) if doc.root else None,
            hint=f"start with the fields of a {model.__name__.lower()}, e.g. 'title: …'",
        )
        return None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for loc, message, error in _errors(exc):
            problems.append(_describe_error(model, error["type"], loc, message, error, doc, rel, line_offset))
        return _salvaged(model, value) if salvage else None


SALVAGE_LISTS = frozenset({"learning_outcomes", "criteria", "parts", "optional_groups", "units", "barred", "thresholds"})
"""Lists whose entries can be left out one by one when they have errors."""


def _salvaged(model: type[M], value: dict[str, Any]) -> M | None:
    data = copy.deepcopy(value)
    for _ in range(100):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            if not _prune(data, [(loc, error["type"]) for loc, _, error in _errors(exc)]):
                return None
    return None


def _prune(data: Any, errors: list[tuple[tuple[Any, ...], str]]) -> bool:
    """Remove what each error is about; False when an error cannot be removed that way."""
    removals: dict[int, tuple[list[Any], set[int]]] = {}
    deletions: list[tuple[dict[Any, Any], Any]] = []
    for loc, kind in errors:
        if kind == "extra_forbidden" and loc:
            container = _value_at(data, loc[:-1])
            if isinstance(container, dict) and loc[-1] in container:
                deletions.append((container, loc[-1]))
                continue
        cut = next(
            (i for i in range(len(loc) - 1, 0, -1) if isinstance(loc[i], int) and loc[i - 1] in SALVAGE_LISTS), None
        )
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
        if last == "method":
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
    path: Path, root: Path, model: type[M], problems: ProblemList, salvage: bool = False
) -> tuple[M | None, YamlDocument | None]:
    rel = rel_path(root, path)
    read = read_text(path, rel, MAX_YAML_BYTES, problems)
    if read is None:
        return None, None
    doc = parse(read[0], rel, problems)
    if doc is None:
        return None, None
    return validate(model, doc.value, doc, rel, problems, salvage=salvage), doc

