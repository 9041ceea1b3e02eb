"""A Content-Security-Policy on every page: script runs only from the site's own files.

The theme writes a few small scripts inline; each is moved into a file of its own (named by its
content) so that the policy needs no 'unsafe-inline' for script. Nothing here imports mkdocs.
"""

from __future__ import annotations

import hashlib
import re

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        # The theme and the progress bars set style attributes; styles cannot run script.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'self'",
        "media-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
    )
)
SCRIPT_FOLDER = "assets/javascripts/inline"

_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ARTICLE = re.compile(r'<article class="md-content__inner.*</article>', re.DOTALL)
_THEME_BUNDLE = re.compile(r'<script src="([^"]*?)assets/javascripts/bundle\.')


def secure_page(page: str, depth: int, noindex: bool) -> tuple[str, dict[str, str]]:
    """The page with the policy (and, for sites behind a login, noindex) at the top of its head,
    and its inline scripts moved out. Returns the page and the scripts to write, by path."""
    bundle = _THEME_BUNDLE.search(page)
    prefix = bundle.group(1) if bundle else "../" * depth
    scripts: dict[str, str] = {}

    def move(match: re.Match[str]) -> str:
        code = match.group(1)
        path = f"{SCRIPT_FOLDER}/{hashlib.sha256(code.encode('utf-8')).hexdigest()[:20]}.js"
        scripts[path] = code
        return f'<script src="{prefix}{path}"></script>'

    # Only the theme's own scripts move: one inside the page's content (a centre's own page, say)
    # stays inline, where the policy refuses it.
    article = _ARTICLE.search(page)
    if article is None:
        page = _INLINE_SCRIPT.sub(move, page)
    else:
        page = (
            _INLINE_SCRIPT.sub(move, page[: article.start()])
            + page[article.start() : article.end()]
            + _INLINE_SCRIPT.sub(move, page[article.end() :])
        )
    head = _HEAD.search(page)
    if head is None:
        return page, scripts
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="referrer" content="same-origin">'
        + ('<meta name="robots" content="noindex, nofollow">' if noindex else "")
    )
    return page[: head.end()] + meta + page[head.end() :], scripts


ROBOTS_CLOSED = "User-agent: *\nDisallow: /\n"
"""robots.txt of a site that is not for search engines (staff and learner sites)."""
