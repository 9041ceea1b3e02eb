"""Names of evidence pages and published originals: one per item, never shared, and safe to serve.

Learners name their files freely ('a b.md', 'a-b.md', 'a#b.md', 'x.pdf' beside 'x-pdf.md'), so a
name cannot simply be cleaned: two items would share one page. A name already in the site's
alphabet (lower-case letters, digits, '-', '_') is kept as it is; any other is cleaned and given
a short fingerprint of the original path, so it depends on nothing but the item itself and stays
the same from build to build. Names that are still taken (only a name made to look like another
item's fingerprint could be) get a counter, in path order.

Originals are published under their own type only when that type is inert when served from the
site's origin (PDF, raster images, audio, video, office documents, plain text, CSV). Any other file
(HTML, SVG, XML feeds, stylesheets, archives, unknown types) is published as plain text, whatever
its extension claims, so that no browser runs it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable

from ..load import EvidenceItem

INERT_SUFFIXES = frozenset({
    ".pdf",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".avif", ".tif", ".tiff",
    ".mp3", ".wav", ".ogg", ".oga", ".m4a", ".aac", ".flac", ".opus",
    ".mp4", ".m4v", ".webm", ".ogv", ".mov",
    ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".odp", ".rtf",
    ".txt", ".csv",
})
"""Served as they are: no browser runs script from these types."""

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".avif"})
"""Shown inline on evidence pages (TIFF is published, but browsers do not show it)."""
AUDIO_SUFFIXES = frozenset({".mp3", ".wav", ".ogg", ".oga", ".m4a", ".aac", ".flac", ".opus"})
VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".webm", ".ogv", ".mov"})
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIX = ".txt"

_CLEAN_SEGMENT = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_CLEAN_FILE = re.compile(r"[a-z0-9][a-z0-9_-]*\.[a-z0-9]+\Z")
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
# mkdocs turns these page names into the folder's own index page: never keep them as they are.
_INDEX_NAMES = {"index", "readme"}


def suffix(path: str) -> str:
    """The lower-cased extension of a path's last segment ('' if none)."""
    leaf = path.rsplit("/", 1)[-1]
    dot = leaf.rfind(".")
    return leaf[dot:].lower() if dot > 0 else ""


def is_inert(path: str) -> bool:
    return suffix(path) in INERT_SUFFIXES


def _fingerprint(kind: str, path: str) -> str:
    return hashlib.sha256(f"{kind}:{path}".encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _cleaned(path: str) -> str:
    segments = [_UNSAFE.sub("-", segment.lower()).strip("-") or "item" for segment in path.split("/")]
    return "/".join(segments)


def _clean_folders(path: str) -> bool:
    return all(_CLEAN_SEGMENT.match(segment) for segment in path.split("/")[:-1])


def page_name(item: EvidenceItem) -> str:
    """The item's page name, before any counter: its path where that is already clean."""
    path = item.path
    if item.is_markdown:
        stem = next((path[: -len(s)] for s in MARKDOWN_SUFFIXES if path.lower().endswith(s)), path)
        leaf = stem.rsplit("/", 1)[-1]
        if _clean_folders(stem) and _CLEAN_SEGMENT.match(leaf) and leaf not in _INDEX_NAMES:
            return stem
        return f"{_cleaned(stem)}-{_fingerprint('page', path)}"
    # Other files keep their extension in the page name: no Markdown page name has a dot.
    leaf = path.rsplit("/", 1)[-1]
    if _clean_folders(path) and _CLEAN_FILE.match(leaf):
        return path
    return f"{_cleaned(path)}-{_fingerprint('page', path)}"


def file_name(item: EvidenceItem) -> str:
    """Where the original is published, before any counter; inert types only keep their type."""
    path = item.path
    ext = suffix(path)
    leaf = path.rsplit("/", 1)[-1]
    if ext in INERT_SUFFIXES:
        if _clean_folders(path) and _CLEAN_FILE.match(leaf):
            return path
        return f"{_cleaned(path[: -len(ext)])}-{_fingerprint('file', path)}{ext}"
    return f"{_cleaned(path)}-{_fingerprint('file', path)}{TEXT_SUFFIX}"


def _unique(names: dict[str, str], split_ext: bool) -> dict[str, str]:
    """The same names, with a counter added to any taken already (compared without case)."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for key in sorted(names):
        name = names[key]
        candidate, count = name, 1
        while candidate.casefold() in taken:
            count += 1
            if split_ext:
                stem, ext = posixpath.splitext(name)
                candidate = f"{stem}-{count}{ext}"
            else:
                candidate = f"{name}-{count}"
        taken.add(candidate.casefold())
        result[key] = candidate
    return result


class EvidenceNames:
    """Page and file names of one learner's published evidence, relative to their folder."""

    def __init__(self, items: Iterable[EvidenceItem]) -> None:
        items = list(items)
        self.pages = _unique({item.file: page_name(item) for item in items}, split_ext=False)
        self.files = _unique(
            {item.file: file_name(item) for item in items if not item.is_markdown}, split_ext=True
        )

    def page(self, item: EvidenceItem) -> str:
        return self.pages[item.file]

    def file(self, item: EvidenceItem) -> str:
        return self.files[item.file]
