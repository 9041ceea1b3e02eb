"""Evidence that carries a third party's details by its nature: a witness's statement, say."""

from __future__ import annotations

from ..assessment.methods import Method
from ..evidence.models import EvidenceMeta, EvidenceTypeSpec

WITNESS_METHODS = frozenset({Method.WITNESS_TESTIMONY, Method.EXPERT_WITNESS_TESTIMONY})


def holds_third_party_details(meta: EvidenceMeta, spec: EvidenceTypeSpec) -> bool:
    """Whether the item is a witness's statement, or of a type whose attachments go only to staff."""
    return meta.method in WITNESS_METHODS or spec.attachments_staff_only
