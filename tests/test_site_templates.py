"""Page HTML comes from Jinja2 templates that escape every value unless it is sanitised HTML."""

from __future__ import annotations

import re
from pathlib import Path

import portfolio.site
from portfolio.site.templating import _ENV, TEMPLATES, sanitised

SITE = Path(portfolio.site.__file__).parent
PAGE_KINDS = ["home", "criteria", "unit", "criterion", "learner", "matrix", "evidence", "queue"]


def test_one_template_per_page_kind():
    assert sorted(p.stem for p in TEMPLATES.glob("*.html") if not p.name.startswith("_")) == sorted(PAGE_KINDS)


def test_values_are_escaped_unless_marked_sanitised():
    from portfolio.site.common import Link

    hostile = '<script>alert(1)</script>" onmouseover="x'
    template = _ENV.from_string('{% import "_macros.html" as m %}{{ m.a(link) }} {{ title }}')
    html = template.render(link=Link(hostile, hostile), title=hostile)
    assert "<script>" not in html and '" onmouseover' not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x") == 3
    assert str(sanitised("<p>kept</p>")) == "<p>kept</p>"


def test_markup_is_made_in_one_place_and_page_code_writes_no_html():
    """Only templating.sanitised turns a string into Markup; page modules hand data to templates."""
    made = [p.name for p in SITE.glob("*.py") if re.search(r"\bMarkup\(", p.read_text()) and p.name != "templating.py"]
    assert made == []
    for name in ("pages.py", "common.py", "evidence_page.py", "learner_page.py", "queue_page.py"):
        code = (SITE / name).read_text()
        assert not re.search(r"<(a|td|tr|li|p|span|h\d)\b", code), name
    for template in TEMPLATES.glob("*.html"):
        assert "|safe" not in template.read_text().replace(" ", ""), template.name


def test_evidence_headings_follow_the_pages_own_without_a_gap():
    from portfolio.site.evidence_page import describe_images, renumber_headings

    # A learner who starts at '##' and jumps to '####' gets h3 and h4 under the page's h2.
    assert renumber_headings("<h4>Timeline</h4><p>x</p><h6 id='a'>Detail</h6><h4>Lessons</h4>") == (
        "<h3>Timeline</h3><p>x</p><h4 id='a'>Detail</h4><h3>Lessons</h3>"
    )
    assert renumber_headings("<p>no headings</p><hr>") == "<p>no headings</p><hr>"
    assert describe_images('<img><img src="a.png"><img alt="kept" src="b.png">') == (
        '<img alt=""><img alt="a picture in the evidence, with no description" src="a.png">'
        '<img alt="kept" src="b.png">'
    )
