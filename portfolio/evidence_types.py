"""Kinds of evidence a learner can submit, with the method each is usually assessed by."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Method


@dataclass(frozen=True)
class EvidenceType:
    name: str
    label: str
    usual_methods: tuple[Method, ...]


EVIDENCE_TYPES: dict[str, EvidenceType] = {
    t.name: t
    for t in (
        EvidenceType("incident-log", "Incident log", (Method.WORK_PRODUCT,)),
        EvidenceType("reflective-account", "Reflective account", (Method.REFLECTIVE_ACCOUNT,)),
        EvidenceType("scenario-result", "Scenario or simulation result", (Method.SIMULATION,)),
        EvidenceType("coaching-record", "Coaching record", (Method.WORK_PRODUCT,)),
        EvidenceType("post-incident-review", "Post-incident review", (Method.WORK_PRODUCT,)),
        EvidenceType("observation-record", "Observation record", (Method.OBSERVATION,)),
        EvidenceType(
            "witness-testimony",
            "Witness testimony",
            (Method.WITNESS_TESTIMONY, Method.EXPERT_WITNESS_TESTIMONY),
        ),
        EvidenceType(
            "professional-discussion", "Professional discussion", (Method.PROFESSIONAL_DISCUSSION,)
        ),
        EvidenceType("question-and-answer", "Questions and answers", (Method.QUESTIONING,)),
        EvidenceType("work-product", "Work product", (Method.WORK_PRODUCT,)),
        EvidenceType("recording", "Audio or video recording", (Method.RECORDED,)),
        EvidenceType("assignment", "Case study or assignment", (Method.ASSIGNMENT,)),
        EvidenceType("prior-learning", "Recognition of prior learning", (Method.RPL,)),
    )
}
