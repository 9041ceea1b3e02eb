"""Reading files as text or bytes, and parsing YAML, with every failure reported as a problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..assessment.fingerprint import AttachmentDigest
from ..boundary import Folder, Refused, open_file, walk
from ..problems import ProblemList
from ..showable import describe, display, scrub
from ..yamlsafe import YamlDocument, YamlError, format_path, parse_yaml

MAX_REPORTED_CHARACTERS = 5
"""Unshowable characters reported per file; a pasted binary would otherwise flood the report."""

# --- reading files --------------------------------------------------------------------------


def rel_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def report_unreadable(problems: ProblemList, rel: str, exc: Refused | OSError) -> None:
    """A file left unread: refused (a link, not a plain file) or not readable."""
    if isinstance(exc, Refused):
        problems.error(rel, exc.message, hint=exc.hint)
    else:
        problems.error(rel, f"cannot read the file: {exc.strerror}", hint="check its permissions")


def read_text(
    path: Path, rel: str, limit: int, problems: ProblemList, base: Path | Folder | None = None
) -> tuple[str, bytes] | None:
    """The file's text and raw bytes, or None after reporting why it cannot be read as text."""
    try:
        with open_file(path, base) as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            problems.error(
                rel,
                f"file is too large (more than {limit:,} bytes)",
                hint="split it up, or attach large material as a separate file with a sidecar",
            )
            return None
    except (Refused, OSError) as exc:
        report_unreadable(problems, rel, exc)
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


UNSHOWABLE_HINT = (
    "delete it: it is invisible in most editors, and usually comes from text pasted out of another "
    "program (inside double quotes, escapes such as \\x01 or \\e make one too)"
)


def _report_unshowable(
    problems: ProblemList, rel: str, found: list[tuple[int, str, str | None]], line_offset: int = 0
) -> None:
    """One problem per character (line, character, field), up to a few per file."""
    for line, char, field in found[:MAX_REPORTED_CHARACTERS]:
        problems.error(
            rel,
            f"contains a control character ({describe(char)}) that cannot be shown in a web page "
            "or a Word document; it is shown as '\ufffd'",
            line=line + line_offset,
            field=field,
            hint=UNSHOWABLE_HINT,
        )
    if len(found) > MAX_REPORTED_CHARACTERS:
        problems.error(
            rel,
            f"{len(found) - MAX_REPORTED_CHARACTERS} more control characters after line "
            f"{found[MAX_REPORTED_CHARACTERS - 1][0] + line_offset}",
            hint=UNSHOWABLE_HINT,
        )


def parse(text: str, rel: str, problems: ProblemList, line_offset: int = 0) -> YamlDocument | None:
    try:
        doc = parse_yaml(text)
    except YamlError as exc:
        problems.error(
            rel,
            exc.message,
            line=exc.line + line_offset if exc.line else None,
            hint=exc.hint,
        )
        return None
    for unreadable in doc.unreadable:
        problems.error(rel, f"{unreadable.message}: this entry is left out",
                       line=unreadable.line + line_offset if unreadable.line else None, hint=unreadable.hint)
    if doc.unshowable:
        found = [(u.line, u.char, display(format_path(u.field)) or None) for u in doc.unshowable]
        _report_unshowable(problems, rel, sorted(found, key=lambda f: f[0]), line_offset)
    return doc


def scrub_body(body: str, rel: str, first_line: int, problems: ProblemList) -> str:
    """A Markdown body with unshowable characters replaced, each reported at its line."""
    clean, found = scrub(body)
    if found:
        lines: list[tuple[int, str, str | None]] = [
            (body.count("\n", 0, index) + first_line, char, "body") for index, char in found
        ]
        _report_unshowable(problems, rel, lines)
    return clean


def hash_file(path: Path, base: Path | Folder | None = None) -> tuple[int, str, str]:
    """Size, SHA-256, and SHA-256 as content (text line endings normalised) of a file; raises
    :class:`Refused` for a link, :class:`OSError` if unreadable."""
    digest = hashlib.sha256()
    content = AttachmentDigest(path.name)
    size = 0
    with open_file(path, base) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            content.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest(), content.hexdigest()


def walk_folder(root: Path, folder: Path, problems: ProblemList) -> tuple[list[str], set[str]]:
    """Regular files under ``folder`` (relative, '/'), and the paths refused, each reported as an error."""
    result = walk(folder)
    base = rel_path(root, folder)
    for refusal in result.refused:
        problems.error(f"{base}/{refusal.path}", refusal.message, hint=refusal.hint)
    return result.files, result.refused_paths
