"""What an assessor judged, as a fingerprint: the evidence's content, not the file's bytes.

The criteria an item claims, YAML comments, line endings and a byte-order mark are not content:
tagging, re-mapping or a Windows checkout leave the fingerprint as it was. The body, every other
field, and the bytes of an attachment are: a change to any of them changes it, and the parts
recorded with a decision say which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

NOT_CONTENT = frozenset({"criteria"})
"""Fields that say what the item is claimed for, not what it is."""
PART_DIGITS = 12
"""Enough to tell which part changed; the whole fingerprint is a full SHA-256."""
BODY = "body"
ATTACHMENT = "attachment"


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    """SHA-256 over every part."""
    parts: dict[str, str]
    """Each part (a field's name, 'body' or 'attachment') and the start of its own SHA-256."""

    def changed_parts(self, recorded: dict[str, str]) -> list[str]:
        """The parts that differ from those recorded with a decision (added, removed or edited)."""
        names = sorted(set(self.parts) | set(recorded))
        return [name for name in names if self.parts.get(name) != recorded.get(name)]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def normalise_text(text: str) -> str:
    """Line endings as '\\n', no byte-order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def fingerprint(fields: dict[str, Any] | None, body: str | None = None, attachment: str | None = None) -> Fingerprint:
    """The fingerprint of an item: its fields (as parsed, without the criteria), its Markdown body
    (``body``), or the SHA-256 of its attachment with text normalised (``attachment``)."""
    full: dict[str, str] = {}
    for name, value in (fields or {}).items():
        if name not in NOT_CONTENT:
            full[str(name)] = hashlib.sha256(_canonical(value).encode("utf-8", "surrogatepass")).hexdigest()
    if body is not None:
        full[BODY] = hashlib.sha256(normalise_text(body).encode("utf-8", "surrogatepass")).hexdigest()
    if attachment is not None:
        full[ATTACHMENT] = attachment
    digest = hashlib.sha256(_canonical(full).encode()).hexdigest()
    return Fingerprint(digest, {name: value[:PART_DIGITS] for name, value in full.items()})


TEXT_ATTACHMENTS = (".txt", ".csv", ".md", ".markdown", ".html", ".htm", ".xml", ".json", ".yml", ".yaml", ".svg", ".rtf")
"""Attachments whose line endings are not content."""


class AttachmentDigest:
    """SHA-256 of an attachment fed in chunks; for a text file, line endings and a byte-order mark
    normalised first (a '\\r' at a chunk's end waits for the next chunk)."""

    def __init__(self, name: str) -> None:
        self.text = name.lower().endswith(TEXT_ATTACHMENTS)
        self.digest = hashlib.sha256()
        self.first = True
        self.held = b""

    def update(self, chunk: bytes) -> None:
        if not self.text:
            self.digest.update(chunk)
            return
        chunk = self.held + chunk
        if self.first:
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
            self.first = False
        self.held = b"\r" if chunk.endswith(b"\r") else b""
        if self.held:
            chunk = chunk[:-1]
        self.digest.update(chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n"))

    def hexdigest(self) -> str:
        if self.held:
            self.digest.update(b"\n")
            self.held = b""
        return self.digest.hexdigest()
