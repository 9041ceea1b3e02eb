"""The text a page gives the site's search: its words as a reader sees them, fields kept apart.

The theme's search indexes a page by joining the text of its elements as they come, so a table
row "<th>Learner</th><td>Amira Khan</td>" is indexed as "LearnerAmira Khan": words glue across
cells, and the result snippets read badly. Here a row becomes "Learner: Amira Khan", blocks and
rows are separated by " · ", and no two elements' words ever touch. The text comes only from the
page's own published HTML, so nothing the page leaves out (redacted or unpublished) can enter the
index. Nothing here imports mkdocs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

BETWEEN_BLOCKS = " · "
BETWEEN_CELLS = " | "
WITHIN_CELL = "; "

# Elements whose words run on into their neighbours' as written ("<b>in</b>cident" is one word).
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var",
}
# Elements that start a block of their own: what comes before and after is a separate item.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "legend", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Never shown as text: scripts, styles, pictures' inner markup, an embedded document's fallback.
_SKIPPED = {"script", "style", "template", "svg", "math", "object", "noscript", "iframe", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CELL_BREAK = "\x00"


@dataclass
class SearchSection:
    """One entry of the search index: a page, or the part of it under a heading with an anchor."""

    anchor: str | None
    title: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return BETWEEN_BLOCKS.join(self.lines)


def plain(fragments: list[str]) -> str:
    return " ".join("".join(fragments).split())


def cell_text(fragments: list[str]) -> str:
    return WITHIN_CELL.join(part for part in (" ".join(piece.split()) for piece in "".join(fragments).split(_CELL_BREAK)) if part)


def row_text(cells: list[tuple[bool, str]]) -> str:
    """"Label: value" for a row of one header cell and one data cell; otherwise the cells in turn."""
    filled = [(header, text) for header, text in cells if text]
    if len(filled) == 2 and filled[0][0] and not filled[1][0]:
        label = filled[0][1]
        return f"{label} {filled[1][1]}" if label.endswith(":") else f"{label}: {filled[1][1]}"
    return BETWEEN_CELLS.join(text for _, text in filled)


class _Reader(HTMLParser):
    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [SearchSection(None, title)]
        self.line: list[str] = []
        self.row: list[tuple[bool, str]] | None = None
        self.cell: list[str] | None = None
        self.cell_is_header = False
        self.heading: list[str] | None = None
        self.heading_anchor: str | None = None
        self.heading_level = ""
        self.skipping: str | None = None
        self.skip_depth = 0

    # Where text goes: a heading, a table cell, or the current block.
    def target(self) -> list[str]:
        if self.heading is not None:
            return self.heading
        if self.cell is not None:
            return self.cell
        return self.line

    def add_line(self, text: str) -> None:
        if text:
            self.sections[-1].lines.append(text)

    def end_block(self) -> None:
        if self.heading is not None:
            self.heading.append(" ")
        elif self.cell is not None:
            self.cell.append(_CELL_BREAK)
        else:
            self.add_line(plain(self.line))
            self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.skip_depth += 1
            return
        values = dict(attrs)
        hidden = (
            "hidden" in values or values.get("aria-hidden") == "true" or "data-search-exclude" in values
            or "headerlink" in (values.get("class") or "").split()
        )
        if tag in _SKIPPED or hidden:
            if tag not in _VOID:
                self.skipping, self.skip_depth = tag, 1
            return
        if tag == "tr":
            self.end_row()
            self.end_block()
            self.row = []
        elif tag in ("td", "th"):
            self.end_cell()  # HTML may leave a cell unclosed
            self.cell, self.cell_is_header = [], tag == "th"
        elif tag in _HEADINGS:
            self.end_block()
            self.heading, self.heading_anchor, self.heading_level = [], values.get("id"), tag
        elif tag in _BLOCK:
            self.end_block()
        elif tag not in _INLINE:
            self.target().append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skipping = None
            return
        if tag in ("td", "th"):
            self.end_cell()
        elif tag in ("tr", "table"):
            self.end_row()
            if tag == "table":
                self.end_block()
        elif tag in _HEADINGS and self.heading is not None:
            text = plain(self.heading)
            anchor, level = self.heading_anchor, self.heading_level
            self.heading = None
            # A heading with an anchor (below the page's title) starts a section a result can link to.
            if anchor and level != "h1" and text:
                self.sections.append(SearchSection(anchor, text))
            else:
                self.add_line(text)
        elif tag in _BLOCK:
            self.end_block()
        elif tag not in _INLINE:
            self.target().append(" ")

    def end_cell(self) -> None:
        if self.cell is None:
            return
        text = cell_text(self.cell)
        self.cell = None
        if self.row is not None:
            self.row.append((self.cell_is_header, text))
        else:
            self.add_line(text)

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            self.add_line(row_text(self.row))
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.target().append(data)

    def finish(self) -> list[SearchSection]:
        self.close()
        if self.heading is not None:
            heading, self.heading = self.heading, None
            self.add_line(plain(heading))
        self.end_row()
        self.add_line(plain(self.line))
        return self.sections


def search_sections(page_html: str, title: str) -> list[SearchSection]:
    """The sections of a page's content as plain text; the first is titled ``title``."""
    reader = _Reader(title)
    reader.feed(page_html)
    return reader.finish()


def search_entries(page_html: str, title: str, url: str, tags: list[str] | None) -> list[dict[str, object]]:
    """The page's entries in the shape of the theme's search index, escaped as the theme's are
    (search results show an entry's text as HTML)."""
    entries: list[dict[str, object]] = []
    for section in search_sections(page_html, title):
        entry: dict[str, object] = {
            "location": url + (f"#{section.anchor}" if section.anchor else ""),
            "title": html.escape(section.title, quote=False),
            "text": html.escape(section.text, quote=False),
        }
        if tags is not None:
            entry["tags"] = tags
        entries.append(entry)
    return entries
