"""Accessibility fixes to the theme's own markup and styles, applied to every page the theme writes.

Material's search dialog has no accessible name, and some of its colours fall short of WCAG AA
contrast; axe-core (tests/test_accessibility.py) reports both as serious. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from pathlib import Path

THEME_CSS_URI = "assets/theme-fixes.css"
THEME_CSS_FILE = Path(__file__).parent / "assets" / "theme-fixes.css"

_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?![^>]*aria-label)')
_SEARCH_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')


def name_search_dialog(page: str) -> str:
    """The page with the theme's search dialog named as its search box is (in the site's language)."""
    label = _SEARCH_LABEL.search(page)
    # The label is the theme's own attribute value, already escaped for an attribute.
    name = label.group(1) if label and label.group(1) else "Search"
    return _SEARCH_DIALOG.sub(lambda match: f'{match.group(0)} aria-label="{name}"', page, count=1)
