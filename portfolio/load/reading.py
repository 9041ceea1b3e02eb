"""Reading files as text or bytes, and parsing YAML, with every failure reported as a problem."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..problems import ProblemList
from ..yamlsafe import YamlDocument, YamlError, parse_yaml

# --- reading files --------------------------------------------------------------------------


def rel_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(
    path: Path, rel: str, limit: int, problems: ProblemList
) -> tuple[str, bytes] | None:
    """The file's text and raw bytes, or None after reporting why it cannot be read as text."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            problems.error(
                rel,
                f"file is too large (more than {limit:,} bytes)",
                hint="split it up, or attach large material as a separate file with a sidecar",
            )
            return None
    except OSError as exc:
        problems.error(rel, f"cannot read the file: {exc.strerror}", hint="check its permissions")
        return None
    if not raw or raw.isspace():
        problems.error(rel, "file is empty", hint="fill it in, or delete it")
        return None
    if b"\x00" in raw[:8192]:
        problems.error(
            rel,
            "not a text file",
            hint="binary files need a YAML sidecar beside them (e.g. 'recording.pdf.yml')",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            rel,
            "the file is not UTF-8 text",
            line=line,
            hint="save it with UTF-8 encoding (in most editors: 'Save with encoding' → UTF-8)",
        )
        return None
    return text, raw


def parse(text: str, rel: str, problems: ProblemList, line_offset: int = 0) -> YamlDocument | None:
    try:
        return parse_yaml(text)
    except YamlError as exc:
        problems.error(
            rel,
            exc.message,
            line=exc.line + line_offset if exc.line else None,
            hint=exc.hint,
        )
        return None

def hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def walk_files(folder: Path) -> list[str]:
    """Paths of the files under ``folder``, relative to it with '/', hidden ones left out."""
    found: list[str] = []
    prefix_len = len(str(folder)) + 1
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        base = directory[prefix_len:].replace(os.sep, "/")
        prefix = base + "/" if base else ""
        found.extend(prefix + name for name in sorted(files) if not name.startswith("."))
    return found


