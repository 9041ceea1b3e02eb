"""Learner-written Markdown to HTML that is safe to publish.

Python-Markdown does not sanitise, so the body is rendered here with a small set of extensions
(no raw attribute syntax such as attr_list) and then cleaned with nh3 against an allowlist: no
script, event handler, style, form, iframe or foreign resource survives, and links may only use
http(s), mailto or relative URLs.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}
# Material styles admonitions and details by class; nh3 strips every class not listed here.
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "danger", "info", "example", "quote"},
    "p": {"admonition-title"},
    "details": {"note", "tip", "warning", "info"},
}
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "admonition", "def_list", "abbr", "toc"]
# The page has its own title and sections: the learner's headings start two levels below.
MARKDOWN_CONFIG = {"toc": {"baselevel": 3}}


def _image_filter(resolve_image: Callable[[str], str | None] | None) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            # An image from elsewhere would make every visitor's browser call that server; one
            # that is not published would be a broken link.
            if "//" in value or ":" in value:
                return None
            return resolve_image(value) if resolve_image else None
        return value

    return keep


def clean_html(fragment: str, resolve_image: Callable[[str], str | None] | None = None) -> str:
    """Sanitise an HTML fragment written by a learner (or converted from their document).

    ``resolve_image`` maps an image path as the learner wrote it to its published URL, or None
    to drop it.
    """
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_image_filter(resolve_image),
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


MAX_BRACKETS_PER_PARAGRAPH = 200
"""Python-Markdown's link pattern takes time quadratic in nested '[' runs: a few kilobytes of them
would hold a build up for minutes. No real paragraph has this many links."""
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")


def _defuse_brackets(text: str) -> str:
    """Paragraphs with more '[' than any real one are shown with those brackets as plain text."""
    if text.count("[") <= MAX_BRACKETS_PER_PARAGRAPH:
        return text
    parts = _PARAGRAPHS.split(text)
    return "".join(
        part.replace("[", "\\[") if part.count("[") > MAX_BRACKETS_PER_PARAGRAPH else part for part in parts
    )


def render_markdown(text: str, resolve_image: Callable[[str], str | None] | None = None) -> str:
    """Learner Markdown to sanitised HTML."""
    converter = _converter()
    try:
        return clean_html(converter.convert(_defuse_brackets(text)), resolve_image)
    finally:
        converter.reset()


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # Building a converter costs more than converting a page: build one and reset it between pages.
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html")


def text(value: object) -> str:
    """Any learner-supplied value as HTML text."""
    return html.escape(str(value), quote=True)
