"""What loading produces: the project, its criteria, learners and evidence items."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..assessment.feedback import ACKNOWLEDGEMENTS_FILE, Acknowledgement
from ..assessment.fingerprint import Fingerprint
from ..assessment.models import Decision
from ..assessment.plan import PLAN_FILE, AssessmentPlan
from ..assessment.signoff import SIGN_OFFS_FILE, SignOff
from ..criteria.models import AssessmentCriterion, LearningOutcome, Part, Unit
from ..criteria.qualification import Qualification, UnitEntry
from ..criteria.requirements import Requirement
from ..evidence.models import EvidenceMeta, EvidenceTypeSpec
from ..evidence.types import default_types
from ..privacy.findings import PersonalData
from ..privacy.reviews import REVIEWS_FILE, PrivacyReview
from ..problems import ProblemList
from ..profiles import Centre, LearnerProfile

MAX_YAML_BYTES = 1 << 20
"""Criteria, profiles, sidecars and decisions are small; anything bigger is a mistake or an attack."""
MAX_TEXT_EVIDENCE_BYTES = 8 << 20
PROFILE_FILE = "learner.yml"
DECISIONS_FILE = "decisions.yml"
CENTRE_FILE = "centre.yml"
DOCS_DIR = "docs"
"""The centre's own pages for the site (mkdocs' default docs_dir)."""
YAML_SUFFIXES = (".yml", ".yaml")
RECORD_FILES = frozenset({PROFILE_FILE, DECISIONS_FILE, REVIEWS_FILE, ACKNOWLEDGEMENTS_FILE, PLAN_FILE, SIGN_OFFS_FILE})
"""A learner folder's own records: never evidence, nor sidecars."""

M = TypeVar("M", bound=BaseModel)


class NotAProject(Exception):
    """The folder given is not a portfolio project (it has no criteria/ folder)."""


@dataclass
class CriterionEntry:
    """An assessment criterion (or one of its parts) with the unit and learning outcome it belongs to."""

    unit: Unit
    outcome: LearningOutcome
    criterion: AssessmentCriterion
    part: Part | None = None

    @property
    def ref(self) -> str:
        return f"{self.unit.code}/{self.part.ref if self.part else self.criterion.ref}"

    @property
    def text(self) -> str:
        return self.part.text if self.part else self.criterion.text

    @property
    def assessed_by_parts(self) -> bool:
        """A criterion with parts is claimed and assessed only through them."""
        return self.part is None and bool(self.criterion.parts)


@dataclass
class Claim:
    """A criterion an evidence item is claimed against, with where to look in the item."""

    ref: str
    note: str | None


@dataclass
class EvidenceItem:
    learner: str
    path: str
    """Path relative to the learner's folder, with forward slashes: how decisions name it."""
    file: str
    """The evidence file, relative to the project root."""
    meta_file: str
    """Where the metadata lives: the Markdown file itself or the sidecar beside the file."""
    meta: EvidenceMeta
    sha256: str
    is_markdown: bool
    body: str | None = None
    """Markdown body, after the front matter."""
    claims: list[Claim] = field(default_factory=list)
    date_line: int | None = None
    """Line of the 'date' field in ``meta_file``, for problems about the evidence's date."""
    personal_data: list[PersonalData] = field(default_factory=list)
    """What looks like personal data in what a site would publish of it (redactions aside)."""
    text_checked: bool = True
    """False when the item's attachment has no text to check (a picture, a recording, a scanned PDF)."""
    meta_sha256: str = ""
    """SHA-256 of the file holding its metadata: the Markdown file itself, or the sidecar."""
    fingerprint: Fingerprint = field(default_factory=lambda: Fingerprint("", {}))
    """What an assessor judges: fields except the criteria, the body or the attachment's bytes."""

    @property
    def content_sha256(self) -> str:
        """One digest of everything the item publishes: the file, and for an attachment its sidecar too."""
        if self.is_markdown:
            return self.sha256
        return hashlib.sha256(f"{self.sha256}:{self.meta_sha256}".encode()).hexdigest()

    @property
    def fields(self) -> dict[str, Any]:
        """The fields its evidence type defines (an incident log's 'category', say)."""
        return self.meta.model_extra or {}

    @property
    def reference(self) -> str:
        """Portfolio reference shown to assessors: the item's id, or its path."""
        return self.meta.id or self.path


@dataclass
class Learner:
    id: str
    folder: str
    profile: LearnerProfile | None
    evidence: list[EvidenceItem] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    privacy_reviews: list[PrivacyReview] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    plan: AssessmentPlan | None = None
    sign_offs: list[SignOff] = field(default_factory=list)

    def evidence_by_path(self) -> dict[str, EvidenceItem]:
        return {item.path: item for item in self.evidence}


@dataclass
class Project:
    root: Path
    centre: Centre | None = None
    qualifications: dict[str, Qualification] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    criteria: dict[str, CriterionEntry] = field(default_factory=dict)
    """Every criterion and part by its full ref, 'UNIT/AC'."""
    unit_entries: dict[str, UnitEntry] = field(default_factory=dict)
    """Units named in qualifications but not assessed here (no unit file), by code."""
    broken: set[str] = field(default_factory=set)
    """Codes and ids of criteria files too broken to load: references to them are not reported again."""
    evidence_types: dict[str, EvidenceTypeSpec] = field(default_factory=default_types)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    """What each criterion needs, by its full ref."""
    learner_folders: list[str] = field(default_factory=list)
    """Every learner folder under evidence/, loaded or not."""

    def learner_item(self, learner_id: str, path: str) -> tuple[Learner, EvidenceItem]:
        """A learner and one of their loaded items; raises LookupError saying which is missing."""
        learner = self.learners.get(learner_id)
        if learner is None:
            raise LookupError(f"no learner '{learner_id}' in evidence/")
        item = learner.evidence_by_path().get(path)
        if item is None:
            raise LookupError(
                f"'{path}' is not a valid evidence item of {learner_id} "
                "(give its path inside the learner's folder, and fix any problems 'portfolio check' reports)"
            )
        return learner, item

    def left_out(self, ref: str) -> bool:
        """Whether a criterion reference names something a broken criteria file left out (already reported)."""
        return ref in self.broken or ref.split("/", 1)[0] in self.broken

