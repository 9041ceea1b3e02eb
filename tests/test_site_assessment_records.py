"""What the site shows of the assessment records: the rules of evidence, action points and the
learner's acknowledgement on evidence pages, the assessment plan and unit sign-offs on learner pages,
and none of it on the public site."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.site.build import build_site

from .test_audiences import copy_sample, texts
from .test_site_views import article, section

BILLING_LOG = "learners/daniel-okoro/evidence/incident-logs/billing-system-failure-log"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("records"))
    return {
        "staff": build_site(root, root / "staff", fail_on_errors=False),
        "daniel": build_site(root, root / "daniel", audience="learner", learner="daniel-okoro", fail_on_errors=False),
        "amira": build_site(root, root / "amira", audience="learner", learner="amira-khan", fail_on_errors=False),
        "public": build_site(root, root / "public", audience="public", fail_on_errors=False),
    }


def test_an_evidence_page_shows_the_judgements_action_points_and_the_learners_reply(sites):
    page = article(sites["staff"], BILLING_LOG)
    decisions = section(page, "Criteria and decisions", "Evidence")
    assert "INC3/2.2 met (2026-03-25, Grace Whitfield) Rules of evidence: all five hold" in decisions
    assert ("INC3/2.3 not yet met (2026-03-25, Grace Whitfield) The log shows internal escalation only." in decisions)
    assert "Rules of evidence: sufficiency fails" in decisions
    # Acknowledged, but not done: the criterion is still not met, so the action point is overdue.
    assert ("Add evidence of keeping an external stakeholder informed during an escalation — due 2026-04-30 "
            "(overdue)") in decisions
    assert ("Acknowledged by the learner on 2026-03-27: “Understood. I will add the update I sent to the regulator "
            "during the outage in April.”") in decisions
    own = section(article(sites["daniel"], BILLING_LOG), "Criteria and decisions", "Evidence")
    assert "Acknowledged by you on 2026-03-27" in own


def test_a_decision_recorded_before_judgements_were_kept_says_so(sites):
    page = article(sites["staff"], "learners/daniel-okoro/evidence/reflective-account-supporting-a-colleague")
    assert "Rules of evidence: not recorded with this decision" in page


def test_the_learner_page_shows_the_plan_and_the_units_sign_offs(sites):
    daniel = article(sites["staff"], "learners/daniel-okoro")
    plan = section(daniel, "Assessment plan", "Records")
    assert ("Post-incident review of the March network outage INC3/4.1 , INC3/4.2 work product 2026-04-15 done "
            "2026-04-10") in plan
    assert "Evidence of updating the regulator during an escalation INC3/2.3 work product 2026-04-30 overdue" in plan
    assert "2026-04-24, Grace Whitfield: Good progress on INC3." in plan and "(next review 2027-01-22)" in plan
    assert "Your assessment plan" in article(sites["daniel"], "learners/daniel-okoro")
    amira = article(sites["amira"], "learners/amira-khan")
    signed = section(amira, "Unit sign-off", "Rules of combination")
    assert "Amira Khan (learner) 2026-03-02 10:15 holds" in signed
    assert "Grace Whitfield (assessor) 2026-03-02 14:05 holds" in signed
    assert "Tom Hartley (internal quality assurer) 2026-03-10 09:30 holds" in signed


def test_the_public_site_shows_no_plan_sign_off_action_point_or_reply(sites):
    published = "\n".join(text for _, text in texts(sites["public"]))
    for private in ("Assessment plan", "Unit sign-off", "Progress reviews", "Rules of evidence",
                    "Add evidence of keeping an external stakeholder", "update I sent to the regulator",
                    "Acknowledged", "Good progress on INC3", "Radio deployment scenario", "unit signed off today"):
        assert private not in published, private
