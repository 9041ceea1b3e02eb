"""A centre built the way a hostile learner would: links out of their folder, active file types,
control characters in every kind of field, and file names that clean up to the same name."""

from __future__ import annotations

import os
from pathlib import Path

from .site_helpers import make_centre

CONFIDENTIAL = "PRIYA-CONFIDENTIAL-7F3A"
"""In Priya's confidential evidence only: it may never reach any published file."""
SYSTEM_FILE = Path("/etc/passwd")
SYSTEM_TEXT = "root:x:0:0"
"""The first line of the machine's password file."""
PUBLISHED_MARKER = "AMIRA-PUBLISHED-MARKER"
"""In an ordinary published item: proves that the search for the others looks where text is."""

ACTIVE_EXTENSIONS = [
    ".xhtm", ".svgz", ".atom", ".rdf", ".xsl", ".mml", ".rss", ".mhtml", ".mht", ".html", ".htm", ".xhtml",
    ".xht", ".shtml", ".xml", ".svg", ".js", ".mjs", ".css", ".php", ".xbl", ".foo", "",
]
ACTIVE_XHTML = (
    '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>'
    '<script>window.__pwned=1;document.title="PWNED"</script>'
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/></body></html>'
)

COLLIDING = ["a b.md", "a-b.md", "a#b.md", "A-B.md", "x-pdf.md", "index.md", "README.md", "sub.md", "sub/index.md"]
"""Markdown names that a naive cleaning maps onto one page; 'x.pdf' joins them as a file."""


def sidecar(title: str, criteria: str = "[INC2/1.1]", extra: str = "") -> str:
    return (
        f'title: "{title}"\ntype: work-product\nmethod: work-product\ndate: 2026-02-02\n'
        f"criteria: {criteria}\n{extra}"
    )


def markdown(title: str, body: str, extra: str = "", criteria: str = "[INC2/1.1]") -> str:
    return (
        f'---\ntitle: "{title}"\ntype: reflective-account\nmethod: reflective-account\ndate: 2026-02-01\n'
        f"criteria: {criteria}\n{extra}---\n\n{body}\n"
    )


def _docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


def make_hostile_centre(root: Path) -> Path:
    make_centre(root)
    evidence = root / "evidence"
    priya, amira = evidence / "priya-shah", evidence / "amira-khan"

    # Priya's confidential items: the targets.
    (priya / "secret.md").write_text(markdown("Secret call notes", f"Caller details {CONFIDENTIAL}.", "confidential: true\n"))
    _docx(priya / "secret-notes.docx", f"Private notes {CONFIDENTIAL}")
    (priya / "secret-notes.docx.yml").write_text(sidecar("Private notes", extra="confidential: true\n"))

    # Amira's links: to another learner's files, to a system file, to folders.
    (amira / "published-note.md").write_text(markdown("Published note", PUBLISHED_MARKER))
    os.symlink("../priya-shah/secret.md", amira / "leak.txt")
    (amira / "leak.txt.yml").write_text(sidecar("Call notes"))
    os.symlink(str(SYSTEM_FILE), amira / "passwd.txt")
    (amira / "passwd.txt.yml").write_text(sidecar("Accounts"))
    os.symlink("../priya-shah/secret.md", amira / "stolen.md")
    os.symlink("../priya-shah/secret-notes.docx", amira / "stolen-notes.docx")
    (amira / "stolen-notes.docx.yml").write_text(sidecar("My notes"))
    os.symlink("../priya-shah", amira / "priya")
    os.symlink("/etc", amira / "system")
    os.symlink("priya-shah", evidence / "zz-priya-again")
    os.symlink(str(SYSTEM_FILE), root / "criteria" / "units" / "passwd.yml")
    os.symlink(str(SYSTEM_FILE), root / "docs" / "passwd.md")
    os.symlink("../evidence/priya-shah", root / "docs" / "priya")

    # Every active type, each trying to run script when opened from the site.
    mallory = evidence / "mallory"
    (amira / "desk.png").write_bytes((mallory / "photo.png").read_bytes())
    (amira / "desk.png.yml").write_text(sidecar("My desk"))
    (mallory / "borrowed-image.md").write_text(
        markdown("Borrowed image", "![theirs](../amira-khan/desk.png) ![also](/evidence/amira-khan/desk.png)")
    )
    for index, ext in enumerate(ACTIVE_EXTENSIONS):
        name = f"active-{index}{ext}"
        (mallory / name).write_text(ACTIVE_XHTML)
        (mallory / f"{name}.yml").write_text(sidecar(f"Active file {ext or 'without extension'}", "[INC2/1.2]"))

    # Control characters in every kind of field, raw and as escapes.
    control = evidence / "control-chars"
    control.mkdir()
    (control / "learner.yml").write_text(
        'name: "Cora\\x01 Control"\nregistration_number: "CTL\\x0b-1"\nqualification: CCO2\nunits: [INC2]\n'
        'assessor: "Grace\\x00 Whitfield"\niqa: Tom Hartley\ndeclaration: {signed: true, date: 2026-01-10}\n'
    )
    (control / "titles.md").write_text(
        markdown(
            "Title\\x01 with \\x0b controls",
            "Body with a vertical\x0btab and an escape \x1b[31m sequence.",
            'summary: "Summary\\x1b[2J"\ntags: ["tag\\x07"]\n',
            '[{ref: INC2/1.1, note: "note\\x08"}]',
        )
    )
    late_nul = "x" * 9000 + "\x00 after the first 8 KiB"
    (control / "late-nul.md").write_text(markdown("Late NUL", "Intro.\n\n" + late_nul))
    (control / "log.md").write_text(
        "---\ntitle: Incident log\ntype: incident-log\nmethod: work-product\ndate: 2026-02-03\ncriteria: [INC2/1.2]\n"
        'reference: "INC\\x02-1"\nreceived_at: 2026-02-03 08:42\nchannel: telephone\ncategory: incident\n'
        "priority: P2\npriority_rationale: \"Risk\\x03\"\nescalated_to: Duty manager\noutcome: Restored\n"
        "data_protection_check: Secure field only\n---\n\nLog.\n"
    )
    (control / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (control / "scan.pdf.yml").write_text(sidecar("Scan\\x0c title"))
    (control / "decisions.yml").write_text(
        "decisions:\n  - evidence: titles.md\n    criterion: INC2/1.1\n    outcome: met\n    date: 2026-02-05\n"
        '    assessor: "Grace Whitfield"\n    feedback: "Well\\x1b[31m done"\n'
        "    sha256: " + "0" * 64 + "\n"
    )
    (control / "bad\x01name.md").write_text(markdown("Bad name", "Body."))
    os.makedirs(control / "folder\x1b[31m")
    (control / "folder\x1b[31m" / "inside.md").write_text(markdown("Inside", "Body."))
    with open(os.fsencode(control) + b"/caf\xe9.md", "w") as handle:
        handle.write(markdown("Not UTF-8 name", "Body."))
    (root / "criteria" / "units" / "ctl.yml").write_text(
        'code: CTL\ntitle: "Unit\\x01 title"\nlevel: 2\nkind: knowledge\nwording: project\n'
        "learning_outcomes:\n  - number: 1\n    text: \"Know\\x0b things\"\n    criteria:\n"
        '      - ref: "1.1"\n        text: "Describe\\x1b[31m things"\n'
    )
    (evidence / "centre.yml").write_text('name: "Northgate\\x01 Skills Centre (sample)"\nnumber:\n')

    # Names that clean up to the same page or file.
    collide = evidence / "collide"
    collide.mkdir()
    (collide / "learner.yml").write_text(
        "name: Cleo Collide\nregistration_number: COL-1\nqualification: CCO2\nunits: [INC2]\n"
        "assessor: Grace Whitfield\niqa: Tom Hartley\ndeclaration: {signed: true, date: 2026-01-10}\n"
    )
    for index, name in enumerate(COLLIDING):
        (collide / name).parent.mkdir(parents=True, exist_ok=True)
        (collide / name).write_text(markdown(f"Item {name}", f"BODY-MARKER-{index:02d}"))
    (collide / "x.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (collide / "x.pdf.yml").write_text(sidecar("Item x.pdf"))
    (collide / "a b.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (collide / "a b.pdf.yml").write_text(sidecar("Item a b.pdf"))
    (collide / "a-b.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (collide / "a-b.pdf.yml").write_text(sidecar("Item a-b.pdf"))
    return root
