"""Benchmark `find_personal_data` over a centre's worth of evidence text.

Generates 20,000 texts of about 1.2 KB of incident-log prose (front matter, dates, times,
incident references, criterion references, durations, money, and personal data in about one
text in fifty), then, in the same run, times (best of 3):

* baseline: ``len(re.findall(r"\\d+", text))`` over every text;
* detect: ``find_personal_data(text)`` over every text.

Prints the total seconds, microseconds per text, MB/s of each and their ratio.

    python benchmarks/detect_speed.py
    python benchmarks/detect_speed.py --texts 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portfolio.privacy.detect import find_personal_data

OPENINGS = [
    "I took a call from a resident reporting {what} at {time} and logged it as {ref}.",
    "At {time} on {date} a caller reported {what}; I opened {ref} while still on the call.",
    "The call came in at {time}. The caller described {what}, so I raised {ref} straight away.",
]
MIDDLES = [
    "I checked the caller was safe, read the safety script and confirmed the location before anything else.",
    "Priority was set to P{priority} because {reason}; I recorded the rationale in the notes field.",
    "I escalated to the duty manager at {time2} and the field team was on site within {minutes} minutes.",
    "About {count} properties were affected, so I added the incident to the outage board (ticket {ticket}).",
    "The customer asked about compensation; I explained the £{money} goodwill payment policy and logged it.",
    "Call handling time was {minutes} minutes against a target of 8, and first-contact resolution {percent}%.",
    "This covers {crit1} and {crit2}, and the unit reference is {unitref}; see also version {version}.",
    "I kept the caller's details in the protected fields only, as UK GDPR and our policy require.",
    "My team leader reviewed the log on {date2} and agreed the escalation was timely and complete.",
    "We handled {count} calls between {time} and {time2} on {date}, during the {years} winter plan.",
    "The caller could not reach 999 or 111 at first, so I stayed on the line; extension x{ext} was busy.",
]
CLOSINGS = [
    "The incident was closed at {time2} on {date2} once the engineer confirmed the repair.",
    "I learned that a complete log lets the next shift pick up an incident without calling anyone back.",
    "Next time I would confirm the callback number earlier in the call, before the line drops.",
]
PERSONAL = [
    "The caller, on 07700 900{n3:03d}, asked to be kept informed.",
    "Callback requested on 0113 496 0{n3:03d} after 17:00.",
    "She gave her email as jane.doe{n3}@example.co.uk by mistake, so I moved it to the secure field.",
    "The address was in LS1 4AB, which I had to check against the map.",
    "He read out his NI number, JG 10 37 27 B, which I did not record here.",
    "Date of birth 12/03/1987 was given for the vulnerable-customer check.",
    "The card number 4111 1111 1111 1111 was read out before I could stop the caller.",
    "NHS number 943 476 5919 was mentioned for the medical dependency.",
]
WHAT = ["a burst water main", "a gas smell in the street", "a power cut across an estate", "a fallen tree"]
REASONS = ["there was a risk to life", "a vulnerable customer was affected", "the road was blocked"]
CRITERIA = ["INC2/1.1", "INC3/2.3", "DIC2/1.1", "CCO3/2.3a", "GIC3/P1", "M2", "K3"]
UNITREFS = ["K/503/0421", "T/615/1234", "D/601/4567"]


def incident_text(rng: random.Random, personal: bool) -> str:
    """About 1.2 KB of front matter and prose, as a learner would write an incident log."""
    day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def fill(template: str) -> str:
        return template.format(
            what=rng.choice(WHAT),
            time=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            time2=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            date=f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/2026",
            date2=day,
            ref=rng.choice(["INC-2026-", "INC", "CASE-"]) + str(rng.randint(1000, 9999999)),
            priority=rng.randint(1, 4),
            reason=rng.choice(REASONS),
            minutes=rng.randint(2, 59),
            count=rng.randint(2, 400),
            ticket=rng.randint(10000, 99999999),
            money=f"{rng.randint(1, 3)},{rng.randint(0, 999):03d}.00",
            percent=rng.randint(60, 99),
            crit1=rng.choice(CRITERIA),
            crit2=rng.choice(CRITERIA),
            unitref=rng.choice(UNITREFS),
            version=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
            years=f"{rng.randint(2020, 2025)}-{rng.randint(2026, 2027)}",
            ext=rng.randint(1000, 9999),
            n3=rng.randint(0, 999),
        )

    head = (
        "---\n"
        f"id: E{rng.randint(1, 999):03d}\n"
        "title: Incident log\n"
        "type: incident-log\n"
        f"date: {day}\n"
        "criteria:\n  - INC3/1.1\n  - ref: INC3/1.2\n    note: annotation 1\n"
        f"reference: INC-{day}-{rng.randint(1, 99):03d} (sample)\n"
        f"received_at: {day} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}\n"
        "---\n\n"
    )
    sentences = [fill(rng.choice(OPENINGS))]
    body_size = len(head) + len(sentences[0])
    while body_size < 1100:
        sentence = fill(rng.choice(MIDDLES))
        sentences.append(sentence)
        body_size += len(sentence) + 1
    if personal:
        sentences.insert(rng.randint(1, len(sentences)), fill(rng.choice(PERSONAL)))
    sentences.append(fill(rng.choice(CLOSINGS)))
    return head + "\n".join(sentences) + "\n"


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    texts = [incident_text(rng, personal=rng.random() < 0.02) for _ in range(args.texts)]
    megabytes = sum(len(text.encode()) for text in texts) / 1e6
    digits = re.compile(r"\d+")

    def baseline() -> None:
        for text in texts:
            len(digits.findall(text))

    def detect() -> None:
        for text in texts:
            find_personal_data(text)

    kinds = Counter(finding.kind for text in texts for finding in find_personal_data(text))
    base = best_of(args.repeat, baseline)
    spent = best_of(args.repeat, detect)
    print(f"{len(texts)} texts, {megabytes:.1f} MB ({megabytes * 1e6 / len(texts):.0f} bytes each)")
    print(f"findings: {dict(sorted(kinds.items()))}")
    for name, seconds in (("baseline findall(\\d+)", base), ("find_personal_data", spent)):
        print(
            f"{name:22} {seconds:7.3f} s  {seconds / len(texts) * 1e6:6.1f} µs/text  "
            f"{megabytes / seconds:7.1f} MB/s"
        )
    print(f"ratio to baseline: {spent / base:.2f}x")


if __name__ == "__main__":
    main()
