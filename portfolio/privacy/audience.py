"""Who a site is for, and so what it may hold.

- staff: every learner and every item that is not confidential; a site to serve behind a login.
- learner: one learner's own portfolio and nothing of anyone else's.
- public: only learners who consented, and only items checked free of open personal data.

A witness's statement, and attachments of types holding third parties' contact details, go only
to staff (a learner's site shows the item's page without the attachment; a public one leaves the
item out); an item marked 'staff_only' goes only to staff as a whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from ..check import CheckResult
from ..coverage import LearnerCoverage
from ..load import EvidenceItem, Project
from .findings import PersonalData
from .gate import current_review, open_findings
from .third_party import holds_third_party_details


class Audience(str, Enum):
    STAFF = "staff"
    LEARNER = "learner"
    PUBLIC = "public"


AUDIENCE_HELP = {
    Audience.STAFF: "every learner; serve it behind a login",
    Audience.LEARNER: "one learner's own portfolio (each learner's, in site/learners/<id>/, when none is named)",
    Audience.PUBLIC: "a showcase of consenting learners' work, checked for personal data",
}

THIRD_PARTY = "it holds a third party's contact details, so only the centre's staff see it"


class AudienceError(Exception):
    """The audience cannot be built as asked (a learner audience without its learner, say)."""


@dataclass
class Publication:
    """What one site, for one audience, publishes."""

    audience: Audience
    learners: list[LearnerCoverage]
    pages: dict[str, EvidenceItem] = field(default_factory=dict)
    """Items with a page, by file."""
    originals: dict[str, EvidenceItem] = field(default_factory=dict)
    """Items whose attachment is offered (and shown), by file."""
    withheld: dict[str, str] = field(default_factory=dict)
    """Items with a page whose attachment is not offered here, and why, by file."""
    left_out: list[tuple[EvidenceItem, str]] = field(default_factory=list)
    """Public: items of shown learners that get no page, and why (for the build's log)."""
    blocking: list[PersonalData] = field(default_factory=list)
    """Public: open personal-data findings in what the site would publish; the build refuses them."""

    @property
    def staff(self) -> bool:
        return self.audience is Audience.STAFF

    @property
    def one_learner(self) -> str | None:
        return self.learners[0].learner.id if self.audience is Audience.LEARNER else None


def consented(coverage: LearnerCoverage, today: dt.date) -> bool:
    profile = coverage.learner.profile
    return profile is not None and profile.publish_consent is not None and profile.publish_consent <= today


def plan_publication(
    result: CheckResult, audience: Audience, learner_id: str | None = None, today: dt.date | None = None
) -> Publication:
    """Decide, for one audience, which learners, pages and attachments a site holds."""
    today = today or dt.date.today()
    shown = [lc for lc in result.coverage.learners if lc.learner.profile is not None]
    if audience is Audience.LEARNER:
        if learner_id is None:
            raise AudienceError("a learner's site needs the learner: name one (--learner ID)")
        shown = [lc for lc in shown if lc.learner.id == learner_id]
        if not shown:
            raise AudienceError(f"no site for '{learner_id}': the learner's profile has errors, or they are not in this project")
    elif audience is Audience.PUBLIC:
        shown = [lc for lc in shown if consented(lc, today)]
    publication = Publication(audience, shown)
    for coverage in shown:
        for item in coverage.learner.evidence:
            _place(publication, result.project, coverage, item)
    return publication


def _place(publication: Publication, project: Project, coverage: LearnerCoverage, item: EvidenceItem) -> None:
    if item.meta.confidential:
        return
    audience = publication.audience
    third_party = holds_third_party_details(item.meta, project.evidence_types[item.meta.type])
    if audience is not Audience.STAFF and item.meta.staff_only:
        if audience is Audience.PUBLIC:
            publication.left_out.append((item, "it is marked staff_only"))
        return
    if audience is Audience.PUBLIC:
        if third_party:
            publication.left_out.append((item, THIRD_PARTY))
            return
        reviewed = current_review(coverage.learner, item) is not None
        if not item.text_checked and not reviewed:
            publication.left_out.append(
                (item, "its attachment has no text that can be checked for personal data; record a review to publish it")
            )
            return
        publication.blocking.extend(open_findings(coverage.learner, item))
    publication.pages[item.file] = item
    if item.is_markdown:
        return
    if third_party and audience is not Audience.STAFF:
        publication.withheld[item.file] = THIRD_PARTY
    else:
        publication.originals[item.file] = item
