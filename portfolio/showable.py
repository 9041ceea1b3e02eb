"""Characters that cannot be shown: XML (the Word records) refuses them and HTML flags them.

Learners' text reaches web pages, Word documents and terminals. C0 and C1 control characters
(other than tab and line breaks) break the first, are parse errors in the second, and can drive
the third (an escape sequence can rewrite what an assessor sees). They are reported where they
occur and replaced by U+FFFD, so that every later step sees only text it can show.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
"""Control characters but tab, LF and CR; noncharacters; lone surrogates (undecodable names)."""


def undecodable(char: str) -> bool:
    """Whether the character stands for a byte of a file name that was not UTF-8."""
    return 0xDC80 <= ord(char) <= 0xDCFF


def describe(char: str) -> str:
    """'U+0001', or for a byte that was not UTF-8 (a surrogate escape), 'byte 0xE9'."""
    code = ord(char)
    if undecodable(char):
        return f"byte 0x{code - 0xDC00:02X}"
    return f"U+{code:04X}"


def scrub(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with every unshowable character replaced, and (index, character) of each."""
    if UNSHOWABLE.search(text) is None:  # the usual case, and the cheapest test of it
        return text, []
    found = [(match.start(), match.group()) for match in UNSHOWABLE.finditer(text)]
    return UNSHOWABLE.sub(REPLACEMENT, text), found


def display(name: str) -> str:
    """A name fit to print: unshowable characters written as escapes (\\x01, \\xE9)."""
    if not UNSHOWABLE.search(name):
        return name

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if undecodable(match.group()):
            return f"\\x{code - 0xDC00:02X}"
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"

    return UNSHOWABLE.sub(escape, name)


def text_problem(text: str) -> str | None:
    """Why ``text`` typed on the command line cannot be recorded (empty, or holding a character no
    record can show), or None."""
    if not text.strip():
        return "it is empty"
    found = UNSHOWABLE.search(text)
    if found is not None:
        return f"it contains a control character ({describe(found.group())}) that no record can show"
    return None
