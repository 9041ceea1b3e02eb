"""Rewriting decisions recorded with a whole-file SHA-256 as content fingerprints.

Only a decision whose evidence is still byte for byte as judged is rewritten (its judgement
then holds for the same content); one whose evidence changed since is left as it is, void, for
the assessor to judge again. Each rewrite replaces the one `sha256:` line in place, so comments and
layout stay; the result is parsed back before it is written, atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from ..boundary import Refused, open_file, write_inside
from ..load import DECISIONS_FILE, Learner, Project
from ..yamlsafe import YamlError, parse_yaml
from .models import DecisionsFile

_SHA_LINE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)sha256:[ \t]*(?P<digest>[0-9a-f]{64})[ \t]*(?:#.*)?$")


@dataclass
class Upgrade:
    file: str
    upgraded: int = 0
    left: list[str] = field(default_factory=list)
    """Why each decision not rewritten was left as it is."""
    error: str | None = None


def upgrade_decisions(project: Project, learner: Learner) -> Upgrade | None:
    """Rewrite the learner's whole-file decisions as fingerprints; None if there is nothing to do."""
    path = project.root / learner.folder / DECISIONS_FILE
    where = f"{learner.folder}/{DECISIONS_FILE}"
    result = Upgrade(where)
    base = project.root / "evidence"
    try:
        with open_file(path, base) as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except (Refused, OSError) as exc:
        result.error = f"cannot read it: {getattr(exc, 'message', None) or exc}"
        return result
    try:
        text = raw.decode("utf-8-sig")
        doc = parse_yaml(text)
        decisions = DecisionsFile.model_validate(doc.value).decisions
    except (UnicodeDecodeError, YamlError, ValidationError):
        result.error = "it has errors ('portfolio check' shows them): fix them first; nothing was changed"
        return result
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    items = learner.evidence_by_path()
    for index, decision in enumerate(decisions):
        if decision.fingerprint is not None or decision.sha256 is None:
            continue
        label = f"decisions[{index}] ({decision.evidence}, {decision.criterion})"
        item = items.get(decision.evidence)
        if item is None:
            result.left.append(f"{label}: the evidence is not loaded ('portfolio check' says why)")
            continue
        if item.sha256 != decision.sha256:
            result.left.append(f"{label}: the evidence changed since it was judged; it needs assessing again")
            continue
        line = doc.line_of(("decisions", index, "sha256")) or 0
        match = _SHA_LINE.match(lines[line - 1]) if line else None
        if match is None or match["digest"] != decision.sha256:
            result.left.append(f"{label}: written in a layout this cannot rewrite in place (on one line, say)")
            continue
        lead = match["lead"]
        parts = ", ".join(f"{name}: {digest}" for name, digest in item.fingerprint.parts.items())
        lines[line - 1] = f"{lead}fingerprint: {item.fingerprint.digest}"
        lines.insert(line, f"{' ' * len(lead)}parts: {{{parts}}}")
        # Later decisions' lines move down by one: parse again before the next.
        doc = parse_yaml(newline.join(lines))
        result.upgraded += 1
    if not result.upgraded:
        return result
    new_text = newline.join(lines)
    try:
        after = DecisionsFile.model_validate(parse_yaml(new_text).value).decisions
    except (YamlError, ValidationError):
        result.error, result.upgraded = "the rewrite would not read back: nothing was changed", 0
        return result
    if len(after) != len(decisions):
        result.error, result.upgraded = "the rewrite would change the number of decisions: nothing was changed", 0
        return result
    prefix = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        write_inside(base, path, prefix + new_text.encode("utf-8"))
    except Refused as exc:
        result.error, result.upgraded = f"cannot write it: {exc.message}; nothing was changed", 0
    return result
