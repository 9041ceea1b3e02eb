"""The text of attachments, where it can be read: Word documents and PDFs with a text layer.

Read through the learner's held folder (no link is followed). Every failure means "no text": the
caller then treats the attachment as one whose content cannot be checked.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..boundary import Folder, Refused, open_file

MAX_ATTACHMENT_BYTES = 64 << 20
"""Larger attachments are not read for text; they count as unchecked."""
MAX_PART_BYTES = 32 << 20
"""A Word part bigger than this when unpacked is a zip bomb, not a statement."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_WORD_TEXT = (f"{_W}t", f"{_W}delText", f"{_W}tab")
# Also published with the file, though no page shows them: its properties and its links' targets.
_HIDDEN_PARTS = re.compile(r"^(docProps/(core|app|custom)\.xml|word/_rels/[^/]+\.rels)$")

TEXT_SUFFIXES = (".docx", ".pdf")


def attachment_sections(path: Path, base: Folder | Path | None) -> list[tuple[str, str]] | None:
    """(where, text) per paragraph or page, or None when the file has no text that can be read."""
    name = path.name.lower()
    if not name.endswith(TEXT_SUFFIXES):
        return None
    try:
        with open_file(path, base) as handle:
            data = handle.read(MAX_ATTACHMENT_BYTES + 1)
    except (Refused, OSError):
        return None
    if len(data) > MAX_ATTACHMENT_BYTES:
        return None
    try:
        sections = _docx_sections(data) if name.endswith(".docx") else _pdf_sections(data)
    except Exception:  # noqa: BLE001 - a damaged upload is unreadable, not a crash
        return None
    if not any(text.strip() for _, text in sections):
        return None  # a scanned PDF, say: pictures of text
    return sections


def _docx_sections(data: bytes) -> list[tuple[str, str]]:
    sections: list[tuple[str, str]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            match = _WORD_PARTS.match(info.filename)
            if not match:
                continue
            if info.file_size > MAX_PART_BYTES:
                raise ValueError("part too large")
            part = match.group(1).rstrip("0123456789")
            where = "paragraph" if part == "document" else f"{part} paragraph"
            root = ElementTree.fromstring(archive.read(info))
            for number, paragraph in enumerate(root.iter(f"{_W}p"), start=1):
                words = "".join(
                    node.text or ("\t" if node.tag == f"{_W}tab" else "")
                    for node in paragraph.iter()
                    if node.tag in _WORD_TEXT
                )
                if words.strip():
                    sections.append((f"{where} {number}", words))
        for info in archive.infolist():
            if _HIDDEN_PARTS.match(info.filename) and info.file_size <= MAX_PART_BYTES:
                root = ElementTree.fromstring(archive.read(info))
                values = [node.text for node in root.iter() if node.text and node.text.strip()]
                values += [node.get("Target", "") for node in root.iter() if node.get("TargetMode") == "External"]
                if any(values):
                    kind = "links" if info.filename.endswith(".rels") else "document properties"
                    sections.append((kind, "\n".join(v for v in values if v)))
    return sections


def _pdf_sections(data: bytes) -> list[tuple[str, str]]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is reported by us, once
    reader = PdfReader(io.BytesIO(data))
    sections = [(f"page {number}", page.extract_text() or "") for number, page in enumerate(reader.pages, start=1)]
    # Also published with the file, though no page shows them: its properties, notes and links.
    hidden = [str(value) for value in (reader.metadata or {}).values() if value]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            note = annotation.get_object()
            hidden += [str(note[key]) for key in ("/Contents", "/T") if key in note]
            action = note.get("/A")
            if action is not None and "/URI" in action.get_object():
                hidden.append(str(action.get_object()["/URI"]))
    if hidden:
        sections.append(("document properties and notes", "\n".join(hidden)))
    return sections
