"""Find UK personal data in learners' text before it is published.

`find_personal_data` reports telephone, card, NHS and National Insurance numbers, email addresses,
postcodes and dates of birth, with position, masked value and a masked excerpt; text inside a
``((redact ...))`` marker is never reported, and `redact` replaces each marker with ``[redacted]``.
Incident logs are full of dates, times and references, so each kind is matched on its real structure
(check digits, postcode areas, HMRC prefixes) and surroundings: a number glued to letters, ``-``,
``/`` or ``#`` is a reference, and a date is a date of birth only just after "date of birth" or
similar. For speed, `bytes.find` first looks in the text's shape (digits 0, letters A) for what each
finding must hold; the full pattern runs only around the few places found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KINDS", "KIND_LABELS", "REDACTED_TEXT", "REDACTION", "Finding", "find_personal_data", "mask", "redact"]

KINDS = ("phone", "email", "postcode", "ni-number", "card-number", "nhs-number", "date-of-birth")
KIND_LABELS: dict[str, str] = {
    "phone": "telephone number",
    "email": "email address",
    "postcode": "postcode",
    "ni-number": "National Insurance number",
    "card-number": "payment card number",
    "nhs-number": "NHS number",
    "date-of-birth": "date of birth",
}

# "((redact 07700 900123))"; "((redact: …))" too, though a colon and space in an unquoted YAML value is
# a syntax error, so the colon-less form is the one shown to users.
REDACTION: re.Pattern[str] = re.compile(r"\(\(redact(?::[ \t]*|[ \t]+)(.{0,1000}?)\)\)", re.DOTALL)
"""A learner's marker for text the published site must not show; the source keeps it."""
REDACTED_TEXT = "[redacted]"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: where it is, and how to show it without giving it away."""

    kind: str
    line: int
    column: int
    masked: str
    excerpt: str


_CONTEXT = 30  # characters of context either side of a finding in its excerpt
_DOB_REACH = 25  # how far after "date of birth" (or similar) the date may start
_REACH = 32  # no finding reaches further than this from the place `_hits` gives for it
# Before a number, these make it part of a reference: INC-2025-004417, REF/0113..., #0113...
_GLUE = r"\w/\#+\-\\£$€"
_GLUE_CHARS = "/#-\\£$€_"
# After a number, a letter, digit or slash, or a dash or dot and a digit, carry it on.
_TAIL = r"(?![\w/]|[-.]\d)"
_MASTER = re.compile(
    rf"""
    [0-9+(@]
    (?:
        # Postcode: this digit follows the one or two letters of the postcode area.
        (?P<postcode>(?:(?<=\b[A-Za-z]\d)|(?<=\b[A-Za-z]{{2}}\d))[A-Za-z0-9]?[ ]?\d[A-Za-z]{{2}}\b)
        # National Insurance number: two letters, three pairs of digits, a letter.
      | (?P<ni>(?:(?<=\b[A-Za-z]{{2}}\d)|(?<=\b[A-Za-z]{{2}}[ ]\d))\d[ ]?\d\d[ ]?\d\d[ ]?[A-Da-d]\b)
        # +44 or 0044, an optional (0), then the national number without its 0.
      | (?P<intl>(?:(?<=\+)(?<![{_GLUE}]\+)44|(?<=0)(?<![{_GLUE}]0)044)[ -]?(?:\(0\)[ ]?)?
                 [1-9]\d{{1,9}}(?:[ -]\d{{3,10}}){{0,3}}{_TAIL})
        # (0113) 496 0000
      | (?P<bracketed>(?<=\()(?<![{_GLUE}]\()0[1-35789]\d{{1,4}}\)[ ]?\d{{3,8}}(?:[ -]\d{{3,8}}){{0,2}}{_TAIL})
        # 0113 496 0000, 07700900123: 0 and nine or ten digits in groups of three or more.
      | (?P<national>(?<=0)(?<![{_GLUE}]0)(?<!\d\.0)(?=[1-35789](?:[ -]?\d){{8}})
                     \d{{2,10}}(?:[ -]\d{{3,10}}){{0,3}}{_TAIL})
        # Card or NHS number: ten or more digits, not starting with 0, grouped by one separator.
      | (?P<number>(?<![{_GLUE}]\d)(?<!\d\.\d)(?<=[1-9])(?=(?:[ -]?\d){{9}})
                   \d{{2,18}}(?:(?P<sep>[ -])\d{{3,19}}(?:(?P=sep)\d{{3,19}}){{0,5}})?{_TAIL})
        # Email address: the domain; the local part is read backwards from the @.
      | (?P<email>(?<=@)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)
    )
    """,
    re.VERBOSE,
)

_SHAPE = bytes(
    48 if 48 <= byte <= 57 else 65 if 65 <= byte <= 90 or 97 <= byte <= 122 else byte if byte in b" -@+()" else 46
    for byte in range(256)
)
"""Each byte of ASCII text as its class: digits 0, letters A; space, -, @, +, ( and ) kept, the rest '.'."""
_NUMBERISH = re.compile(r"[(+\d](?<![\w/#\\£$€-].)(?:[ ()+-]{0,3}\d){8}")
"""Nine digits (or a + or ( and eight) with little between them, not glued to a reference."""
_INWARD = re.compile(rb"0AA(?![A0])")
_POSTCODE_SHAPE = re.compile(rb"(?<![A0])A{1,2}0[A0]? ?0AA(?![A0])")
_NI_SHAPE = re.compile(rb"(?<![A0])AA ?00 ?00 ?00 ?A(?![A0])")
_AT = re.compile(rb"@")
_DOB_HINT = re.compile(rb"b(?:(?<=dob)|(?<=d\.o\.b)|irth|orn)")

_DOB_WORDS = re.compile(
    r"[BbDd](?<![\w.][BbDd])(?i:irth[ \t]*date|irthday|orn(?:[ \t]+on)?|ate[ \t]+of[ \t]+birth|\.?o\.?b)\b\.?"
)
_SENTENCE_END = re.compile(r"[;!?]|\.\s")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"""
    (?<![\w/.\-])
    (?:
        (?P<d1>\d{{1,2}})(?P<s1>[/.\-])(?P<m1>\d{{1,2}})(?P=s1)(?P<y1>\d{{4}}|\d{{2}})
      | (?P<y2>\d{{4}})(?P<s2>[/.\-])(?P<m2>\d{{1,2}})(?P=s2)(?P<d2>\d{{1,2}})
      | (?P<d3>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<n3>{_MONTHS})\.?,?[ \t]+(?P<y3>\d{{4}})
      | (?P<n4>{_MONTHS})\.?[ \t]+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<y4>\d{{4}})
    )
    (?![\w/\-]|[.:]\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_POSTCODE = re.compile(r"([A-Z]{1,2})\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}")
_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC"
    " EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS"
    " LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP"
    " SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
)
_POSTCODE_AREAS = frozenset(_AREAS.split())
_NI = re.compile(r"([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d\d ?\d\d ?\d\d ?[A-D]")
_NI_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SPECIFICITY = {"nhs-number": 0, "card-number": 1, "email": 2, "ni-number": 3, "postcode": 4, "phone": 5}
_GLUED_RUN = re.compile(rb"A[0\-]*$")
"""Digits and dashes that run back to a letter, up to the position searched to."""
_WHITESPACE = re.compile(r"\s+")
_SPACE = re.compile(r"\s")

_Span = tuple[int, int, str]


def mask(value: str) -> str:
    """The value with all but its first and last one or two letters or digits replaced by ``*``.

    Separators stay, so the shape remains recognisable, and the length is unchanged. Two letters
    or digits are kept at each end when there are at least eight, one otherwise, and never so
    many that the whole value shows.
    """
    positions = [i for i, char in enumerate(value) if char.isalnum()]
    count = len(positions)
    if not count:
        return "*" * len(value)  # nothing but separators: show none of them either
    keep = 2 if count >= 8 else 1
    shown = set(positions[:keep] + positions[-keep:]) if count > 2 else set(positions[: count - 1])
    return "".join(char if i in shown or not char.isalnum() else "*" for i, char in enumerate(value))


def redact(text: str) -> str:
    """The text with every ``((redact ...))`` marker replaced by ``[redacted]``."""
    return REDACTION.sub(REDACTED_TEXT, text) if "((redact" in text else text


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data in the text, in order of position; marked text is skipped."""
    scanned, markers = text, list(REDACTION.finditer(text)) if "((redact" in text else []
    for marker in markers:  # hidden from the scan, line breaks kept
        start, end = marker.span()
        scanned = scanned[:start] + re.sub(r"[^\n]", "\0", marker.group()) + scanned[end:]
    encoded = scanned.encode("ascii", "replace")
    spans = _scan(scanned, encoded.translate(_SHAPE))
    if _DOB_HINT.search(encoded.lower()):
        spans += _dates_of_birth(scanned)
    if not spans:
        return []
    spans.sort(key=lambda span: (span[0], span[0] - span[1], _SPECIFICITY.get(span[2], 9)))
    kept: list[_Span] = []
    for span in spans:  # each stretch once: leftmost, then longest, then most specific
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    shown = _masked_copy(text, kept, markers)
    findings = []
    for start, end, kind in kept:
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start) % (len(text) + 1)
        excerpt = _excerpt(shown, line_start, line_end, start, min(end, line_end))
        line = text.count("\n", 0, start) + 1
        findings.append(Finding(kind, line, start - line_start + 1, mask(text[start:end]), excerpt))
    return findings


def _hits(text: str, shape: bytes) -> list[int]:
    """Places where a finding may be, each checked cheaply; ordinary text has few or none.

    A telephone, card or NHS number holds nine digits in a row or two groups of three or more side
    by side; an NI number six digits in a row or three spaced pairs; a postcode a digit and two
    letters at its end; an email address an @."""
    hits = []
    found = shape.find(b"000000")
    while found >= 0:
        before = shape[found - 1] if found else 32
        if before == 48:
            pass  # the rest of a run already looked at
        elif shape[found + 6 : found + 9] == b"000":
            if before != 65 and (found == 0 or text[found - 1] not in _GLUE_CHARS):
                hits.append(found)
        elif shape[found + 6 : found + 7] != b"0" and before in b"A " and _NI_SHAPE.search(shape, max(0, found - 3), found + 10):
            hits.append(found)
        found = shape.find(b"000000", found + 6)
    for core in (b"000 000", b"000-000"):
        found = shape.find(core)
        while found >= 0:
            if _GLUED_RUN.search(shape, max(0, found - _REACH), found):
                found = shape.find(core, found + 7)
                continue  # part of a reference such as INC-2026-0203-014, never a number of its own
            number = _NUMBERISH.search(text, max(0, found - _REACH), found + 2 * _REACH)
            if number and number.start() <= found + 6:
                hits.append(found)
            found = shape.find(core, found + 7)
    found = shape.find(b"00 00 00")
    while found >= 0:
        if found and shape[found - 1] in b"A " and _NI_SHAPE.search(shape, max(0, found - 3), found + 12):
            hits.append(found)
        found = shape.find(b"00 00 00", found + 8)
    if shape.rfind(b"0AA") >= 0:  # quicker than `in` here
        for inward in _INWARD.finditer(shape):
            found = inward.start()
            if _POSTCODE_SHAPE.search(shape, max(0, found - 7), found + 4):
                hits.append(found)
    if b"@" in shape:
        hits += [match.start() for match in _AT.finditer(shape)]
    return hits


def _scan(text: str, shape: bytes) -> list[_Span]:
    """Every telephone, card, NHS or NI number, postcode and email address, around `_hits`."""
    regions: list[list[int]] = []
    for hit in sorted(_hits(text, shape)):
        if regions and hit - _REACH <= regions[-1][1]:
            regions[-1][1] = hit + _REACH
        else:
            regions.append([hit - _REACH, hit + _REACH])
    spans: list[_Span] = []
    position = 0
    for low, high in regions:
        position = max(position, low, 0)
        while position < high:
            match = _MASTER.search(text, position, high + _REACH)
            if match is None or match.start() >= high:
                break
            if match.end() >= high + _REACH:  # may be cut short by the end of the region: look again
                start, match = match.start(), _MASTER.match(text, match.start())
                if match is None:
                    position = start + 1
                    continue
            group = match.lastgroup
            if group == "postcode":
                span = _postcode(text, match)
            elif group == "ni":
                span = _ni_number(text, match)
            elif group == "number":
                span = _number(match)
            elif group == "email":
                span = _email(text, match)
            else:
                span = _phone(match, group == "intl")
            position = match.start() + 1 if span is None else span[1]
            if span:
                spans.append(span)
    return spans


def _postcode(text: str, match: re.Match[str]) -> _Span | None:
    digit = match.start()
    start = digit - 2 if digit >= 2 and text[digit - 2] in _ASCII_LETTERS else digit - 1
    value = text[start : match.end()]
    parts = _POSTCODE.fullmatch(value.upper())
    if parts is None or parts.group(1) not in _POSTCODE_AREAS:
        return None
    # Lower case only with the space, and never "m2 2nd": too like ordinary writing.
    if not value.isupper() and (not value.islower() or " " not in value or value[-2:] in _ORDINAL_ENDINGS):
        return None
    return start, match.end(), "postcode"


def _ni_number(text: str, match: re.Match[str]) -> _Span | None:
    digit = match.start()
    start = digit - 3 if text[digit - 1] == " " else digit - 2
    value = text[start : match.end()]
    parts = _NI.fullmatch(value.upper())
    lower_spaced = value.islower() and " " in value  # lower case only with spaces, as for postcodes
    if parts is None or parts.group(1) in _NI_BAD_PREFIXES or not (value.isupper() or lower_spaced):
        return None
    return start, match.end(), "ni-number"


def _phone(match: re.Match[str], international: bool) -> _Span | None:
    value = match.group()
    digits = "".join(char for char in value if char.isdigit())
    if international:
        national = digits[4:] if digits.startswith("0044") else digits[2:]
        valid = len(national[1:] if "(0)" in value else national) in (9, 10)
    else:
        valid = len(digits) in (10, 11)
    return (match.start(), match.end(), "phone") if valid else None


def _number(match: re.Match[str]) -> _Span | None:
    """A card or NHS number in the match, or else in a run of its space-separated groups."""
    start, value = match.start(), match.group()
    kind = _number_kind(value)
    if kind:
        return start, match.end(), kind
    if match.group("sep") != " ":
        return None
    bounds, position = [], 0
    for group in value.split(" "):
        bounds.append((position, position + len(group)))
        position += len(group) + 1
    for size in range(len(bounds) - 1, 0, -1):
        for first in range(len(bounds) - size + 1):
            left, right = bounds[first][0], bounds[first + size - 1][1]
            kind = _number_kind(value[left:right]) if value[left] != "0" else None
            if kind:
                return start + left, start + right, kind
    return None


def _number_kind(value: str) -> str | None:
    digits = value.replace(" ", "").replace("-", "")
    if len(digits) == 10:
        grouped = len(value) == 10 or (len(value) == 12 and value[3] == value[7] and value[3] in " -")
        return "nhs-number" if grouped and _nhs_valid(digits) else None
    if 13 <= len(digits) <= 19 and digits[0] in "23456" and _luhn_valid(digits):
        return "card-number"
    return None


def _luhn_valid(digits: str) -> bool:
    doubled = sum(sum(divmod(2 * int(digit), 10)) for digit in digits[-2::-1][::2])
    return (doubled + sum(int(digit) for digit in digits[::-1][::2])) % 10 == 0


def _nhs_valid(digits: str) -> bool:
    """Weights 10 down to 2; the check digit is 11 - (sum mod 11), 11 meaning 0 and 10 invalid."""
    check = 11 - sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1))) % 11
    return check != 10 and check % 11 == int(digits[9])


def _email(text: str, match: re.Match[str]) -> _Span | None:
    at = start = match.start()
    while start > 0 and at - start < 64 and text[start - 1] in _EMAIL_LOCAL:
        start -= 1
    while start < at and text[start] == ".":
        start += 1
    top_level = match.group().rsplit(".", 1)[1]
    if start == at or len(top_level) < 2 or not top_level.isalpha():
        return None
    return start, match.end(), "email"


def _dates_of_birth(text: str) -> list[_Span]:
    """Dates just after "date of birth" or the like, in the same sentence."""
    spans: list[_Span] = []
    for word in _DOB_WORDS.finditer(text):
        date = _DATE.search(text, word.end(), word.end() + _DOB_REACH + 40)
        if not date or date.start() - word.end() > _DOB_REACH or not _plausible_date(date):
            continue
        if not _SENTENCE_END.search(text, word.end(), date.start()):
            spans.append((date.start(), date.end(), "date-of-birth"))
    return spans


def _plausible_date(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    if groups["n3"] or groups["n4"]:
        day, month, year = int(groups["d3"] or groups["d4"]), 1, groups["y3"] or groups["y4"]
    elif groups["y2"]:
        day, month, year = int(groups["d2"]), int(groups["m2"]), groups["y2"]
    else:
        first, second, year = int(groups["d1"]), int(groups["m1"]), groups["y1"]
        day, month = (first, second) if second <= 12 else (second, first)
    return 1 <= day <= 31 and 1 <= month <= 12 and (len(year) == 2 or "1880" <= year <= "2099")


def _masked_copy(text: str, spans: list[_Span], markers: list[re.Match[str]]) -> str:
    """The text with every finding masked and every marker's content starred; same length."""
    pieces = list(text)
    for start, end, _kind in spans:
        pieces[start:end] = mask(text[start:end])
    for marker in markers:
        first, last = marker.span(1)
        pieces[first:last] = ("*" if char.isalnum() else char for char in text[first:last])
    return "".join(pieces)


def _excerpt(shown: str, line_start: int, line_end: int, start: int, end: int) -> str:
    """The finding in the context of its line, cut at spaces where possible, ``…`` where cut."""
    left = max(line_start, start - _CONTEXT)
    right = min(line_end, end + _CONTEXT)
    if left > line_start and not shown[left - 1].isspace():
        space = _SPACE.search(shown, left, start)
        left = space.end() if space else left
    if right < line_end and not shown[right].isspace():
        spaces = [space.start() for space in _SPACE.finditer(shown, end, right)]
        right = spaces[-1] if spaces else right
    body = _WHITESPACE.sub(" ", shown[left:right]).strip()
    prefix = "…" if shown[line_start:left].strip() else ""
    suffix = "…" if shown[right:line_end].strip() else ""
    return f"{prefix}{body}{suffix}"
