"""Text as a reader sees it, for a second look: what markup, escapes or line breaks hide from the
scan of the raw text (a number split over two lines, written with entities, or emphasised half-way)."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_TAG = re.compile(r"<[^<>\n]{0,300}>")
_EMPHASIS = re.compile(r"[*`~]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_CELL = re.compile(r"\s*\|\s*")
_SPACES = re.compile(r"[ \t\xa0]+")
def _shape_table() -> bytes:
    table = bytearray(b"." * 256)
    for byte in b"0123456789":
        table[byte] = ord("0")
    for byte in b"*_`~|":
        table[byte] = ord("*")
    for source, target in (("\n", "\n"), (" ", " "), ("\t", " "), (">", " "), ("(", "("), ("+", "(")):
        table[ord(source)] = ord(target)
    return bytes(table)


_SHAPE = _shape_table()
"""Digits as 0, emphasis and table marks as *, line breaks and spaces kept, the rest as '.'."""
_NEXT_LINE_NUMBER = re.compile(rb" *\n *[0(]")


def may_hide(text: str) -> bool:
    """Whether reading ``text`` as a reader does could show what its raw form hides: markup, an
    entity or escape, emphasis or a table cell's edge beside a digit, or a number going on on the
    next line. Plain searches only: this runs on every text."""
    if "<" in text or "&" in text or "%" in text:
        return True
    if not text.isascii() and (
        not unicodedata.is_normalized("NFKC", text) or any(chr(code) in text for code in _INVISIBLE)
    ):
        return True  # full-width digits, say, or a zero-width space
    shape = text.encode("ascii", "replace").translate(_SHAPE)
    # A one-byte search (memchr) first: most texts have no mark at all.
    if b"*" in shape and (b"0*" in shape or b"*0" in shape or b"* 0" in shape):
        return True
    if b"0  0" in shape:
        return True
    found = shape.find(b"0\n")
    while found >= 0:
        if _NEXT_LINE_NUMBER.match(shape, found + 1):
            return True
        found = shape.find(b"0\n", found + 2)
    found = shape.find(b"0 \n")
    return found >= 0 and _NEXT_LINE_NUMBER.match(shape, found + 1) is not None


def normalise(text: str) -> str:
    """One paragraph as read: compatibility forms folded (full-width digits), invisible characters,
    tags and emphasis dropped, entities and %-escapes decoded, table cells and line breaks joined."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    text = _EMPHASIS.sub("", text)
    if "|" in text:
        text = _CELL.sub(" ", text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def paragraphs(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line of its first line, text) of each run of non-blank lines."""
    out: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip():
            if start is None:
                start = number
            lines.append(line)
        elif start is not None:
            out.append((start, "\n".join(lines)))
            start, lines = None, []
    if start is not None:
        out.append((start, "\n".join(lines)))
    return out
