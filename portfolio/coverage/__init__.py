"""Coverage: which criteria each learner has met, and the reason behind every gap.

Pure functions over a loaded project; the terminal report, JSON, site and Word records all read
this one computation.
"""

from __future__ import annotations

from .compute import compute_coverage, learner_coverage
from .criteria import criterion_coverage, use_reason
from .model import (
    PROGRESS,
    STATUS_LABELS,
    STATUSES,
    CentreCoverage,
    CriterionCoverage,
    EvidenceUse,
    LearnerCoverage,
    OutcomeCoverage,
    QualificationCoverage,
    RuleCheck,
    RulesStatus,
    Status,
    UnitCoverage,
)

__all__ = [
    "PROGRESS", "STATUSES", "STATUS_LABELS", "CentreCoverage", "CriterionCoverage", "EvidenceUse", "LearnerCoverage",
    "OutcomeCoverage", "QualificationCoverage", "RuleCheck", "RulesStatus", "Status", "UnitCoverage",
    "compute_coverage", "criterion_coverage", "learner_coverage", "use_reason",
]
