"""Page tags as the site shows them: one tag for every spelling that differs only in case or spacing.

An evidence page is tagged with its type's label ("Work product") and its method's ("work
product"); a centre's own types may spell labels their own way. Shown as they are, the tags page
lists the same tag twice. Nothing here imports mkdocs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def tidy(tag: str) -> str:
    """The tag with its spacing made plain: no leading, trailing or repeated whitespace."""
    return " ".join(tag.split())


def tag_key(tag: str) -> str:
    """What two spellings of one tag have in common."""
    return tidy(tag).casefold()


def display_forms(tag_lists: Iterable[Iterable[str]]) -> dict[str, str]:
    """For each tag key, the spelling the site shows: the one used on most pages, ties going to the
    first in sort order, so that the choice never depends on the order pages are read in."""
    used: Counter[str] = Counter()
    for tags in tag_lists:
        used.update({tidy(tag) for tag in tags if tidy(tag)})
    forms: dict[str, str] = {}
    for form, count in sorted(used.items(), key=lambda item: (-item[1], item[0])):
        forms.setdefault(form.casefold(), form)
    return forms


def normalised(tags: Iterable[str], forms: dict[str, str]) -> list[str]:
    """A page's tags in their display spelling, each once, in the page's own order."""
    shown: list[str] = []
    for tag in tags:
        key = tag_key(tag)
        if key and forms.get(key, tidy(tag)) not in shown:
            shown.append(forms.get(key, tidy(tag)))
    return shown
