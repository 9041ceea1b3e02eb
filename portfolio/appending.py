"""Adding entries to the list in a YAML record file (decisions, reviews) without disturbing the rest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .boundary import Refused, open_file, write_inside
from .yamlsafe import YamlError, parse_yaml


class _PlainDumper(yaml.SafeDumper):
    """Never writes anchors: the loader refuses them, and a shared date object would get one."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class OneLine(dict):  # type: ignore[type-arg]
    """A mapping written on one line, as a flow mapping: {a: 1, b: 2}."""


_PlainDumper.add_representer(
    OneLine, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)
)


class AppendRefused(Exception):
    """The file cannot be extended safely; nothing was written."""


def appended(existing: bytes, key: str, entries: list[dict[str, Any]], model: type[BaseModel], where: str) -> bytes:
    """The file with ``entries`` added at the end of its ``key`` list, in the list's own indentation.

    The result is parsed back before anything is written: a file laid out in a way this cannot
    extend (a flow list such as 'decisions: []', say) is refused rather than broken.
    """
    if existing and not existing.endswith(b"\n"):
        existing += b"\n"
    # Dumped from Python values so dates come out as plain YAML dates, not quoted strings.
    text = yaml.dump(entries, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    before = _count(existing, key, model)
    for indent in ("  ", ""):
        addition = "".join(indent + line + "\n" if line else "\n" for line in text.splitlines())
        candidate = existing + addition.encode()
        if before is not None and _count(candidate, key, model) == before + len(entries):
            return candidate
    if before is None:
        raise AppendRefused(f"{where} has errors ('portfolio check' shows them): fix them first; nothing was recorded")
    raise AppendRefused(
        f"{where} is laid out in a way entries cannot be added to safely; nothing was recorded "
        f"(write it as '{key}:' followed by one '- …' block per entry)"
    )


def _count(data: bytes, key: str, model: type[BaseModel]) -> int | None:
    """How many valid entries the file's list holds, or None if the file does not parse as one."""
    try:
        value = parse_yaml(data.decode("utf-8-sig")).value
        if value is None or (isinstance(value, dict) and value.get(key) is None):
            value = {**(value or {}), key: []}  # the header alone: 'key:' with nothing under it
        return len(getattr(model.model_validate(value), key))
    except (YamlError, ValidationError, UnicodeDecodeError):
        return None


def append_to_file(
    root: Path, folder: str, name: str, header: str, key: str, entries: list[dict[str, Any]], model: type[BaseModel]
) -> None:
    """Append ``entries`` to the ``key`` list of ``folder/name`` under ``root``/evidence (made with
    ``header`` if missing), through the held evidence folder, atomically; raises
    :class:`AppendRefused` with what to do, having written nothing."""
    base = root / "evidence"
    path = root / folder / name
    where = f"{folder}/{name}"
    try:
        existing = b""
        if os.path.lexists(path):
            with open_file(path, base) as handle:
                existing = handle.read()
        if not existing.strip():  # missing, or made empty: start it as a new one
            existing = header.encode()
        write_inside(base, path, appended(existing, key, entries, model, where))
    except Refused as exc:
        raise AppendRefused(f"cannot record in {where}: {exc.message}; nothing was recorded ({exc.hint})") from None
