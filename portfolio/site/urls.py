"""Where each page of the site lives, and relative links between them.

The site's pages are HTML written by this package, so links are computed here rather than left
to Markdown; the rules follow mkdocs' own (``use_directory_urls``).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9._/-]+")


def safe_path(path: str) -> str:
    """A learner-chosen path made safe for a URL: other characters become '-'."""
    cleaned = _UNSAFE.sub("-", path).strip("/")
    parts = [part.lstrip(".") or "-" for part in cleaned.split("/")]
    return "/".join(parts)


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) that mkdocs gives the page ``src_uri``."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative_link(from_src: str, to_src: str, directory_urls: bool, anchor: str = "") -> str:
    """Link from page ``from_src`` to page or file ``to_src``, as an href."""
    from_url = page_url(from_src, directory_urls)
    to_url = page_url(to_src, directory_urls)
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/"
        if target == "./":
            target = "./"
    return quote(target, safe="/.-_~") + (f"#{anchor}" if anchor else "")
