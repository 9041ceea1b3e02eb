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
