"""The page set-up every Word record shares: styles, margins, header and "page x of y" footer, and
tables built as XML in one go (python-docx's ``table.cell(i, j)`` is quadratic).

Each kind of record is prepared once and refilled per record: loading python-docx's template
dominates a small document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

from ..atomic import write_atomic

GENERATOR = "portfolio"
STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_STATEMENT = "Record Statement"
STYLE_NOTICE = "Record Notice"


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float


class RecordTemplate:
    """A document prepared once (styles, page set-up, header and footer) and refilled per record."""

    def __init__(self, landscape: bool) -> None:
        self.document: DocumentObject = Document()
        self._define_styles()
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(1.8))
        section.top_margin = section.bottom_margin = Cm(1.6)
        self.usable_width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
        self.header = section.header.paragraphs[0]
        self.header.style = self.document.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.style = self.document.styles["Footer"]
        self.footer_text = footer.add_run("")
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
        body = self.document.element.body
        self._section_properties = body[-1]

    def _define_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        for name, size, bold, italic in (
            (STYLE_TABLE_TEXT, 9, False, False),
            (STYLE_TABLE_HEADING, 9, True, False),
            (STYLE_STATEMENT, 10, False, True),
            (STYLE_NOTICE, 11, True, False),
        ):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = italic
            style.paragraph_format.space_after = Pt(2 if size == 9 else 6)
        styles[STYLE_NOTICE].font.color.rgb = RGBColor(0x9C, 0x27, 0x00)
        self.style_ids = {name: styles[name].style_id for name in (STYLE_TABLE_TEXT, STYLE_TABLE_HEADING)}

    def start(self, header: str, footer: str, title: str, subject: str, author: str) -> DocumentObject:
        """Empty the body and set the header, footer and properties for the next record."""
        body = self.document.element.body
        for child in list(body):
            if child is not self._section_properties:
                body.remove(child)
        for run in self.header.runs:
            run._r.getparent().remove(run._r)
        self.header.add_run(header)
        self.footer_text.text = f"{footer}    " if footer else ""
        properties = self.document.core_properties
        properties.title = title
        properties.subject = subject
        properties.author = author
        properties.last_modified_by = author
        properties.comments = f"Written by {GENERATOR}"
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        properties.created = now
        properties.modified = now
        return self.document

    def table(
        self, columns: list[Column], rows: Iterable[list[str]], header: bool = True, min_height_cm: float | None = None
    ) -> None:
        """A full-width grid with a repeating header row, built as XML in one parse; ``min_height_cm``
        gives body rows room to sign in by hand."""
        scale = self.usable_width_cm / sum(c.width_cm for c in columns)
        widths = [int(c.width_cm * scale * 567) for c in columns]  # 567 twentieths of a point per cm
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        parts = [
            f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        if header:
            parts.append(self._row([c.title for c in columns], widths, self.style_ids[STYLE_TABLE_HEADING], True))
        for row in rows:
            parts.append(self._row(row, widths, self.style_ids[STYLE_TABLE_TEXT], False, min_height_cm))
        parts.append("</w:tbl>")
        self.document.element.body.insert(len(self.document.element.body) - 1, parse_xml("".join(parts)))

    @staticmethod
    def _row(values: list[str], widths: list[int], style_id: str, repeat: bool, min_height_cm: float | None = None) -> str:
        height = f'<w:trHeight w:val="{round(min_height_cm * 567)}" w:hRule="atLeast"/>' if min_height_cm else ""
        properties = f"<w:trPr>{'<w:tblHeader/>' if repeat else ''}<w:cantSplit/>{height}</w:trPr>"
        shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if repeat else ""
        cells = []
        for value, width in zip(values, widths):
            paragraphs = "".join(
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                for line in (str(value).split("\n") or [""])
            )
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>')
        return f"<w:tr>{properties}{''.join(cells)}</w:tr>"

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        self.document.save(buffer)
        write_atomic(path, buffer.getvalue())


def _field(paragraph: object, instruction: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
    run._r.append(instr)
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    text = parse_xml(f'<w:t {nsdecls("w")}>1</w:t>')
    run._r.append(text)
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))



def facts(template: RecordTemplate, rows: list[tuple[str, str]]) -> None:
    """A two-column table of labels and values, without a header row."""
    template.table([Column("", 5), Column("", 15)], ([k, v] for k, v in rows), header=False)
