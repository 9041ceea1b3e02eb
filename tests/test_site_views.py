"""What learners and assessors each see: the learner's next steps apart from what waits for the
assessor, each item's standing and warnings, and the assessor's queue (on the staff site only)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from portfolio.site.build import build_site

from .test_audiences import copy_sample, texts
from .test_site_projects import many_items_project


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("views"))
    return {
        "staff": build_site(root, root / "staff", fail_on_errors=False),
        "priya": build_site(root, root / "priya", audience="learner", learner="priya-shah", fail_on_errors=False),
        "leon": build_site(root, root / "leon", audience="learner", learner="leon-marsh", fail_on_errors=False),
        "public": build_site(root, root / "public", audience="public", fail_on_errors=False),
    }


def article(site: Path, page: str) -> str:
    """The page's own content as plain text, one space between words."""
    content = (site / page / "index.html").read_text(encoding="utf-8")
    content = content[content.index("<article"): content.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content)))


def section(text: str, heading: str, next_heading: str) -> str:
    return text.split(heading, 1)[1].split(next_heading, 1)[0]


def days_since(date: str) -> int:
    return (dt.date.today() - dt.date.fromisoformat(date)).days


def test_the_learners_next_steps_are_apart_from_what_waits_for_the_assessor(sites):
    page = article(sites["staff"], "learners/priya-shah")
    todo = section(page, "What the learner needs to do next", "Waiting for the assessor")
    waiting = section(page, "Waiting for the assessor", "Records")
    assert "INC2/1.1 no evidence" in todo and "no evidence yet: add an item that shows it" in todo
    assert "INC2/1.3" not in todo and "P01" not in todo  # the assessor's turn, not the learner's
    assert f"P01 : Reflective account — my first incident call INC2/1.3 , INC2/3.4 2026-10-20 {days_since('2026-10-20')}" in waiting
    assert "P03" in waiting and waiting.index("P03") < waiting.index("P01")  # oldest first
    assert "1 confidential item(s), not published here, also wait for assessment." in waiting  # unnamed
    # Feedback to act on is among the learner's next steps.
    daniel = article(sites["staff"], "learners/daniel-okoro")
    todo = section(daniel, "What the learner needs to do next", "Waiting for the assessor")
    assert "assessed as not yet met: act on the feedback" in todo and "The log shows internal escalation only." in todo


def test_a_learners_own_site_speaks_to_them(sites):
    page = article(sites["priya"], "learners/priya-shah")
    assert "What you need to do next" in page and "Waiting for your assessor" in page
    home = (sites["priya"] / "index.html").read_text()
    assert '<a href="learners/priya-shah/#waiting">3</a>' in home


def test_the_evidence_table_gives_each_items_standing(sites):
    page = article(sites["staff"], "learners/leon-marsh")
    table = page.split(" Evidence Ref Title Type Method Date Criteria Status ", 1)[1]
    assert "L02 Incident log — gas escape at a block of flats Incident log work product 2026-05-12 DIC2/1.3a , DIC2/1.3b met" in table
    assert "DIC2/2.1 cannot count" in table and "DIC2/3.1 cannot count" in table
    priya = article(sites["staff"], "learners/priya-shah").split(" Evidence Ref Title ", 1)[1]
    assert "INC2/1.3 , INC2/3.4 awaiting assessment" in priya


def test_the_checks_warnings_show_on_the_items_page_for_staff_and_the_learner_only(sites):
    staff = article(sites["staff"], "learners/leon-marsh/evidence/scenario-radio-handover")
    warning = ("DIC2/2.1: simulation is not accepted for this criterion: it must be assessed in real work (line 8). "
               "What to do: it will not count for this criterion: claim another criterion, or add evidence that does")
    assert f"What the check says about this item {warning}" in staff
    learner = article(sites["leon"], "learners/leon-marsh/evidence/scenario-radio-handover")
    assert f"To fix in this item {warning}" in learner
    todo = section(article(sites["leon"], "learners/leon-marsh"), "What you need to do next", "Waiting for your assessor")
    assert f"Fix L03 : {warning}" in todo and "Fix L05 : dated 2022-11-03, before the learner started" in todo
    # Nothing from the check reaches the public site, and an item without problems shows no such section.
    for where, text in texts(sites["public"]):
        assert "What the check says" not in text and "To fix in this item" not in text, where
    assert "What the check says" not in article(sites["staff"], "learners/leon-marsh/evidence/incident-log-gas-escape")


def test_a_reflective_account_of_what_one_would_do_is_flagged_on_its_page(tmp_path: Path):
    project = many_items_project(tmp_path)
    project.evidence(
        "plans.md",
        "---\ntitle: What I would do\ntype: reflective-account\nmethod: reflective-account\ndate: 2026-02-03\n"
        "criteria: [WIDE/1.1]\n---\n\nI would answer the call. I would log it. Then I would escalate.\n",
    )
    site = build_site(tmp_path, tmp_path / "site")
    page = article(site, "learners/learner-one/evidence/plans")
    assert "this reflective account describes what you would do (3 times 'I would…') more than what you did (line 9)" in page
    assert "What to do: write about a real occasion in the past tense" in page


def test_the_assessment_queue_is_on_the_staff_site_only(sites):
    queue = article(sites["staff"], "assessment-queue")
    everyone = section(queue, "All learners", "By learner")
    rows = re.findall(r"(\d+) (\d{4}-\d\d-\d\d) (Daniel Okoro|Priya Shah) ([DP]\d\d) :", everyone)
    # D06 changed after its decision of 2026-03-30: it has waited since then, not since its own date.
    assert [row[3] for row in rows] == ["D04", "D06", "D07", "D05", "P03", "P01"]
    assert [row[1] for row in rows if row[3] == "D06"] == ["2026-03-30"]
    assert all(int(days) == days_since(date) for days, date, _, _ in rows)
    assert "D04 : Post-incident review — residential power outage of 14 March INC3 INC3/4.1 , INC3/4.2" in everyone
    by_learner = queue.split("By learner", 1)[1]
    assert "Amira Khan Nothing is waiting for assessment." in by_learner
    assert "1 confidential item(s) also wait for assessment" in by_learner
    home = (sites["staff"] / "index.html").read_text()
    assert '<a href="assessment-queue/#learner-priya-shah">3</a>' in home
    assert '<a href="assessment-queue/#learner-daniel-okoro">4</a>' in home
    assert 'id="learner-priya-shah"' in (sites["staff"] / "assessment-queue/index.html").read_text()
    for name in ("priya", "leon", "public"):
        assert not (sites[name] / "assessment-queue").exists()
        for where, text in texts(sites[name]):
            assert "assessment-queue" not in text and "Assessment queue" not in text, (name, where)


def test_the_public_site_shows_no_assessors_feedback(tmp_path: Path):
    root = copy_sample(tmp_path / "centre")
    profile = root / "evidence/daniel-okoro/learner.yml"
    profile.write_text(profile.read_text() + "publish_consent: 2026-01-12\n")
    site = build_site(root, root / "public", audience="public", fail_on_errors=False)
    page = article(site, "learners/daniel-okoro")
    # A showcase of published work: no to-do list, no waiting items, no verdict short of met.
    for private in ("needs to do next", "Waiting for", "D02 : not yet met", "(Grace Whitfield, 2026-03-25)",
                    "Days waiting", "still to do below"):
        assert private not in page, private
    assert "Items awaiting" not in article(site, "")
    for where, text in texts(site):
        assert "The log shows internal escalation only" not in text, where


def test_evidence_that_cannot_count_is_neither_not_yet_met_nor_awaiting(sites):
    matrix = (sites["staff"] / "learners/leon-marsh/DIC2/index.html").read_text(encoding="utf-8")
    assert 'class="pf-cell pf-cannot"' in matrix and "cannot count" in matrix
    assert 'pf-not-yet-met" title=' not in matrix
    page = article(sites["staff"], "learners/leon-marsh/evidence/scenario-radio-handover")
    assert "DIC2/2.1 cannot count — this method is not accepted for the criterion" in page
    assert "awaiting assessment" not in section(page, "Criteria and decisions", "Evidence")
