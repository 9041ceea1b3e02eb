"""Personal data in learners' text: what is found, what is not, masking, excerpts and redaction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from portfolio.privacy.detect import (
    KIND_LABELS,
    KINDS,
    REDACTED_TEXT,
    REDACTION,
    Finding,
    find_personal_data,
    mask,
    redact,
)

REPO = Path(__file__).resolve().parent.parent


def position(text: str, value: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of value in text."""
    offset = text.index(value)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def only(text: str) -> Finding:
    findings = find_personal_data(text)
    assert len(findings) == 1, findings
    return findings[0]


def luhn_check_digit(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:  # doubled: these sit in odd places once the check digit is added
            value = value * 2 - 9 if value * 2 > 9 else value * 2
        total += value
    return str((10 - total % 10) % 10)


def nhs_check_digit(body: str) -> str | None:
    check = 11 - sum(int(digit) * weight for digit, weight in zip(body, range(10, 1, -1))) % 11
    return None if check == 10 else str(check % 11)


# (kind, text, value): realistic sentences from incident logs, reflective accounts and statements.
POSITIVES = [
    ("phone", "The caller gave 07700 900123 as a callback number.", "07700 900123"),
    ("phone", "Callback on 07700900123 after 5pm.", "07700900123"),
    ("phone", "The depot's number, 0113 496 0000, was engaged.", "0113 496 0000"),
    ("phone", "I rang the control room on 0113-496-0000 at 19:08.", "0113-496-0000"),
    ("phone", "Her landline is (0113) 496 0000 if the mobile fails.", "(0113) 496 0000"),
    ("phone", "He called from abroad: +44 7700 900123.", "+44 7700 900123"),
    ("phone", "Office line +44 (0)113 496 0000 (weekdays only).", "+44 (0)113 496 0000"),
    ("phone", "Written on the form as 0044 113 496 0000.", "0044 113 496 0000"),
    ("phone", "The London office (020 7946 0018) took the escalation.", "020 7946 0018"),
    ("phone", "Freephone 0800 123 4567 was given to the customer.", "0800 123 4567"),
    ("phone", "Tel:07700900456", "07700900456"),
    ("phone", "Mobile +447700900789 was read back to him.", "+447700900789"),
    ("phone", "Number: 0113 4960123.", "0113 4960123"),
    ("phone", "Call him on +44 20 7946 0991 tomorrow.", "+44 20 7946 0991"),
    ("phone", "Neighbour's number 01632 960001 noted in the secure field.", "01632 960001"),
    ("email", "She emailed from name.surname+tag@sub.example.co.uk by mistake.", "name.surname+tag@sub.example.co.uk"),
    ("email", "Contact: jane.doe@example.com.", "jane.doe@example.com"),
    ("email", "Reply to <mailto:amira.khan@example.org> only.", "amira.khan@example.org"),
    ("email", "sam_reid99@example.net asked for an update", "sam_reid99@example.net"),
    ("postcode", "The burst main was outside a house in LS1 4AB.", "LS1 4AB"),
    ("postcode", "Deliveries to SW1A 1AA were delayed.", "SW1A 1AA"),
    ("postcode", "The caller lives in M1 1AE, near the depot.", "M1 1AE"),
    ("postcode", "Flooding reported at B33 8TH.", "B33 8TH"),
    ("postcode", "Postcode CR2 6XH confirmed with the caller.", "CR2 6XH"),
    ("postcode", "Letters to DN55 1PT go to the sorting office.", "DN55 1PT"),
    ("postcode", "An outage in EC1A 1BB lasted two hours.", "EC1A 1BB"),
    ("postcode", "she said her postcode was ls1 4ab and spelt it out", "ls1 4ab"),
    ("postcode", "Address line: 12 High Street, LS14AB", "LS14AB"),
    ("ni-number", "He read out his NI number, JG 10 37 27 B, before I could stop him.", "JG 10 37 27 B"),
    ("ni-number", "NI AB123456C was on the scanned letter.", "AB123456C"),
    ("ni-number", "typed as ab 12 34 56 c in the notes", "ab 12 34 56 c"),
    ("ni-number", "National Insurance: AB 123456 C.", "AB 123456 C"),
    ("card-number", "The caller read out 4111 1111 1111 1111 before I stopped her.", "4111 1111 1111 1111"),
    ("card-number", "Card 5500-0000-0000-0004 was declined.", "5500-0000-0000-0004"),
    ("card-number", "Payment with 4111111111111111 failed.", "4111111111111111"),
    ("card-number", "Amex 3782 822463 10005 on file.", "3782 822463 10005"),
    ("card-number", "Paid by 6011 1111 1111 1117, refunded later.", "6011 1111 1111 1117"),
    ("nhs-number", "NHS number 943 476 5919 was given for the oxygen supply.", "943 476 5919"),
    ("nhs-number", "NHS no. 943-476-5919 (from the referral).", "943-476-5919"),
    ("nhs-number", "Patient 9434765919 is on the priority register.", "9434765919"),
    ("nhs-number", "Her NHS number is 174 833 7882.", "174 833 7882"),
    ("date-of-birth", "Date of birth: 12/03/1987.", "12/03/1987"),
    ("date-of-birth", "DOB 12-03-1987, confirmed twice.", "12-03-1987"),
    ("date-of-birth", "D.O.B. 12.03.87", "12.03.87"),
    ("date-of-birth", "caller d.o.b 1987-03-12 for the vulnerability check", "1987-03-12"),
    ("date-of-birth", "He was born on 12 March 1987 in Leeds.", "12 March 1987"),
    ("date-of-birth", "Born 12th Mar 1987.", "12th Mar 1987"),
    ("date-of-birth", "Birth date March 12, 1987 checked.", "March 12, 1987"),
    ("date-of-birth", "Her birthday is 3rd of June 1990, she said.", "3rd of June 1990"),
    ("phone", "Incident log\n\nThe caller, on 07700 900321, was safe.", "07700 900321"),
    ("postcode", "---\nid: E01\nlocation: junction near LS2 7HY\n---\n", "LS2 7HY"),
]


@pytest.mark.parametrize(("kind", "text", "value"), POSITIVES, ids=[f"{k}:{v}" for k, _, v in POSITIVES])
def test_each_kind_is_found_where_it_is(kind: str, text: str, value: str) -> None:
    finding = only(text)
    assert (finding.kind, finding.line, finding.column) == (kind, *position(text, value))
    assert finding.masked == mask(value)
    assert value not in finding.masked and value not in finding.excerpt
    assert finding.masked in finding.excerpt


NEGATIVES = [
    "date: 2025-03-14",
    "The call came in on 14/03/2025 at 14:32 and lasted 00:12:45.",
    "received_at: 2026-03-14 19:05\nclosed_at: 2026-03-14 22:55",
    "Logged at 09:05:11, escalated at 09:07:40.",
    "reference: INC-2025-0042 (sample)",
    "I raised INC0042117 and linked it to CASE-88213.",
    "Ticket 41081205 was closed.",
    "reference: INC-2026-0314-031 (sample)",
    "INC-2025-004417 and REF/01134960000X are references, as is #01134960000.",
    "This covers DIC2/1.1, CCO3/2.3a and GIC3/P1 (merit M2, knowledge K3).",
    "Unit reference numbers K/503/0421 and T/615/1234.",
    "Units CCO2, DIC2, INC2 and INC3.",
    "First-contact resolution was 87% (target 80%).",
    "A goodwill payment of £1,250.00 was agreed; £95 more was refused.",
    "We handled 12 calls between 18:12 and 19:40, about 300 properties.",
    "Version 2.10.4 of the script; release 10.0.19045.",
    "The 2024-2025 winter plan, then 2025-2026.",
    "Callers were told to ring 101, 999 or 111; extension x4021 was busy.",
    "Priority P2 1ST line only",  # P is not a postcode area
    "In my 2nd week I logged calls until 5pm, the 3rd time M2 2nd attempt",
    "QQ 12 34 56 C is HMRC's example and is not a valid number.",
    "Card 4111 1111 1111 1112 fails its check digit.",
    "NHS 943 476 5918 fails its check digit.",
    "Account 12345678901 is not a telephone number.",
    "The file ADOBE 12/03/1987 is an archive name, not a birth date.",
    "He was born in 1987 and joined in 2019.",
    "I was born and raised nearby; on 14/03/2025 I took my first call.",
    "Her birthday cake arrived. 14/03/2025 was a busy day.",
    "The engineer arrived at 20:15 on 14/03/2026; closed 14 March 2026.",
    "sha256: 34f3b2536491bb799ff234d6b529df8043e04419f91dc98a48cdcd825820eaf3",
    "@team please review; see 0.5.12 and 1.2.3.4 and v1.0113496000",
    "Durations: 1h 30m, 45 minutes, 2 days; ratio 3:1; score 14/20.",
    "Room 2 3A, floor 4, desk 17b.",
    "Between 2026-03-14 19:05 and 2026-03-14 22:55 there were 3 outages.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_contact_centre_text_is_left_alone(text: str) -> None:
    assert find_personal_data(text) == []


SAMPLE_FILES = sorted(
    [path for path in (REPO / "evidence").rglob("*") if path.suffix in (".md", ".yml")]
    + list((REPO / "criteria").rglob("*.yml"))
)


def test_the_sample_centre_holds_no_personal_data() -> None:
    assert SAMPLE_FILES, "the sample centre is missing"
    found = {
        str(path.relative_to(REPO)): findings
        for path in SAMPLE_FILES
        if (findings := find_personal_data(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_several_findings_on_one_line_are_all_masked_in_every_excerpt() -> None:
    text = "Caller Jo (07700 900123, jo.bloggs@example.com, LS1 4AB) asked for a callback."
    findings = find_personal_data(text)
    assert [finding.kind for finding in findings] == ["phone", "email", "postcode"]
    assert [finding.column for finding in findings] == [
        position(text, value)[1] for value in ("07700 900123", "jo.bloggs@example.com", "LS1 4AB")
    ]
    for finding in findings:
        for value in ("07700 900123", "900123", "jo.bloggs@example.com", "bloggs", "LS1 4AB"):
            assert value not in finding.excerpt
    assert "07*** ****23" in findings[1].excerpt  # the neighbour is masked too


def test_findings_across_lines_are_in_order_with_their_own_lines() -> None:
    text = (
        "---\ntitle: Witness statement\n---\n\n"
        "The customer rang from 0113 496 0000.\n"
        "Her NHS number, 943 476 5919, was in the referral,\n"
        "and her date of birth, 12/03/1987, was read out.\n"
    )
    findings = find_personal_data(text)
    assert [(finding.kind, finding.line) for finding in findings] == [
        ("phone", 5),
        ("nhs-number", 6),
        ("date-of-birth", 7),
    ]
    assert [finding.column for finding in findings] == [
        position(text, value)[1] for value in ("0113 496 0000", "943 476 5919", "12/03/1987")
    ]
    assert all("\n" not in finding.excerpt for finding in findings)


def test_an_excerpt_is_cut_at_words_with_ellipses_and_collapsed_whitespace() -> None:
    text = (
        "Before anything else I confirmed that everybody was safe and then the caller said    "
        "07700 900123\t\tis   the best number to use for the engineers who will attend tonight."
    )
    excerpt = only(text).excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "  " not in excerpt and "\t" not in excerpt
    assert "07*** ****23 is the best" in excerpt
    words = set(text.split())
    inner = excerpt.strip("…").split()
    assert inner[0] in words and inner[-1] in words  # no word cut in half
    assert len(excerpt) <= len("07700 900123") + 2 * 30 + 2


def test_a_short_line_is_the_whole_excerpt() -> None:
    assert only("Tel: 07700 900123").excerpt == "Tel: 07*** ****23"


def test_overlapping_matches_are_reported_once_as_the_most_likely_kind() -> None:
    assert [finding.kind for finding in find_personal_data("NHS 9434765919 only")] == ["nhs-number"]
    assert [finding.kind for finding in find_personal_data("call +44 113 496 0000")] == ["phone"]
    assert [finding.kind for finding in find_personal_data("ls14ab@example.com")] == ["email"]
    assert [finding.kind for finding in find_personal_data("07700900123@example.com")] == ["email"]
    found = find_personal_data("In 2024 4111 1111 1111 1111 was used")
    assert [(finding.kind, finding.column) for finding in found] == [("card-number", 9)]


def test_text_inside_a_redaction_marker_is_never_reported() -> None:
    text = "A neighbour's phone, ((redact: 0113 496 0721)), so I confirmed a callback number."
    assert find_personal_data(text) == []
    assert redact(text) == f"A neighbour's phone, {REDACTED_TEXT}, so I confirmed a callback number."


def test_a_marker_may_span_lines_and_others_on_its_line_are_still_found() -> None:
    text = "Details: ((redact: Jo Bloggs\n14 High St, LS1 4AB\n07700 900123)) then 0113 496 0000.\nEnd."
    findings = find_personal_data(text)
    assert [(finding.kind, finding.line) for finding in findings] == [("phone", 3)]
    assert "LS1 4AB" not in findings[0].excerpt and "900123" not in findings[0].excerpt
    assert redact(text) == f"Details: {REDACTED_TEXT} then 0113 496 0000.\nEnd."
    assert REDACTION.search(text) is not None


def test_a_marker_with_no_end_or_too_long_hides_nothing() -> None:
    assert [f.kind for f in find_personal_data("((redact: 07700 900123 and no end")] == ["phone"]
    long = "((redact: 07700 900123 " + "x" * 1000 + "))"
    assert [f.kind for f in find_personal_data(long)] == ["phone"]
    assert redact(long) == long
    assert redact("((redact:07700 900123)) and ((redact:   LS1 4AB))") == f"{REDACTED_TEXT} and {REDACTED_TEXT}"


def test_mask_keeps_the_shape_and_hides_the_middle() -> None:
    assert mask("07700 900123") == "07*** ****23"
    assert mask("LS1 4AB") == "L** **B"
    assert mask("jane.doe@example.com") == "ja**.***@*******.*om"
    assert mask("+44 (0)113 496 0000") == "+44 (*)*** *** **00"
    assert mask("ab") == "a*" and mask("a") == "*" and mask("") == "" and mask("--") == "**"


def test_every_kind_has_a_label() -> None:
    assert set(KIND_LABELS) == set(KINDS)
    assert KIND_LABELS["ni-number"] == "National Insurance number"
    assert KIND_LABELS["phone"] == "telephone number"


@st.composite
def grouped(draw: st.DrawFn, digits: str) -> str:
    """The digits unbroken, or in random groups of three or more joined by one kind of separator."""
    separator = draw(st.sampled_from(["", " ", "-"]))
    if not separator:
        return digits
    groups, rest = [], digits
    while len(rest) > 6:
        size = draw(st.integers(3, len(rest) - 3))
        groups.append(rest[:size])
        rest = rest[size:]
    return separator.join([*groups, rest])


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(13, 19))
    body = draw(st.sampled_from("23456")) + draw(st.text("0123456789", min_size=length - 2, max_size=length - 2))
    return draw(grouped(body + luhn_check_digit(body)))


@given(card_numbers())
@settings(max_examples=300)
def test_valid_card_numbers_are_found_however_they_are_grouped(card: str) -> None:
    text = f"The caller read out {card}, so I stopped the recording."
    finding = only(text)
    assert (finding.kind, finding.column) == ("card-number", position(text, card)[1])
    assert card not in finding.excerpt


@st.composite
def nhs_numbers(draw: st.DrawFn) -> str:
    body = draw(st.sampled_from("123456789")) + draw(st.text("0123456789", min_size=8, max_size=8))
    check = nhs_check_digit(body)
    assume(check is not None)
    separator = draw(st.sampled_from(["", " ", "-"]))
    number = f"{body}{check}"
    return separator.join([number[:3], number[3:6], number[6:]]) if separator else number


@given(nhs_numbers())
@settings(max_examples=300)
def test_valid_nhs_numbers_are_found(number: str) -> None:
    text = f"NHS number {number} was on the referral.\n"
    finding = only(text)
    assert (finding.kind, finding.column) == ("nhs-number", position(text, number)[1])


@given(st.text())
@settings(max_examples=300)
def test_mask_never_shows_more_than_four_of_the_letters_and_digits(value: str) -> None:
    masked = mask(value)
    assert len(masked) == len(value)
    alnum = [i for i, char in enumerate(value) if char.isalnum()]
    shown = [i for i in alnum if masked[i] == value[i]]
    assert len(shown) <= 4
    assert not alnum or len(shown) < len(alnum)
    assert not value or masked != value or not value.strip("*")
    for i in range(len(alnum) - 4):
        assert not all(masked[j] == value[j] for j in alnum[i : i + 5])


AWKWARD = st.text(alphabet="0123456789 -()+@.:/#ABCDLSNabcdlsnox\n\t\x00£", max_size=300)


@given(st.one_of(st.text(), AWKWARD))
@settings(max_examples=500)
def test_any_text_is_read_without_error_and_findings_are_consistent(text: str) -> None:
    findings = find_personal_data(text)
    lines = text.split("\n")
    previous = (0, 0)
    for finding in findings:
        assert finding.kind in KINDS
        assert (finding.line, finding.column) > previous
        previous = (finding.line, finding.column)
        value = lines[finding.line - 1][finding.column - 1 : finding.column - 1 + len(finding.masked)]
        assert finding.masked == mask(value)
        assert "\n" not in finding.excerpt


def test_redaction_markers_in_marked_text_are_what_the_pattern_says() -> None:
    assert re.fullmatch(REDACTION, "((redact: anything\nat all))")
    assert not REDACTION.fullmatch("((redact: " + "x" * 1001 + "))")


def test_the_marker_without_a_colon_works_in_an_unquoted_yaml_value() -> None:
    import yaml

    value = yaml.safe_load("summary: The caller rang from ((redact 07700 900123)) at noon\n")["summary"]
    assert find_personal_data(value) == []
    assert redact(value) == f"The caller rang from {REDACTED_TEXT} at noon"
