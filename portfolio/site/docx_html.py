"""A Word document's text as readable, safe HTML: headings, paragraphs, lists and tables."""

from __future__ import annotations

import io
from pathlib import Path

from ..boundary import open_file
from .sanitize import text


def docx_to_html(path: Path, base: Path | None = None) -> str:
    """Paragraphs and tables in document order; anything unreadable gives a short notice."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        # Read through the boundary: a link is never followed, even if it appeared after the check.
        with open_file(path, base) as handle:
            document = docx.Document(io.BytesIO(handle.read()))
    except Exception:  # noqa: BLE001 - a damaged upload must not stop the build
        return "<p>This document could not be read; download the original below.</p>"
    parts: list[str] = []
    in_list = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            content = text(block.text)
            if style.startswith("List"):
                if not in_list:
                    parts.append("<ul>")
                    in_list = True
                parts.append(f"<li>{content}</li>")
                continue
            if in_list:
                parts.append("</ul>")
                in_list = False
            if not block.text.strip():
                continue
            if style.startswith("Heading") and style[-1:].isdigit():
                level = min(int(style[-1]) + 2, 6)
                parts.append(f"<h{level}>{content}</h{level}>")
            elif style == "Title":
                parts.append(f"<h3>{content}</h3>")
            else:
                parts.append(f"<p>{content}</p>")
        elif isinstance(block, Table):
            if in_list:
                parts.append("</ul>")
                in_list = False
            rows = "".join(
                "<tr>" + "".join(f"<td>{text(cell.text)}</td>" for cell in row.cells) + "</tr>" for row in block.rows
            )
            parts.append(f"<table>{rows}</table>")
    if in_list:
        parts.append("</ul>")
    return '<div class="pf-docx">' + "".join(parts) + "</div>"
