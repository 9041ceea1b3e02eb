"""Assessment methods, in the vocabulary assessors use."""

from __future__ import annotations

from enum import Enum


class Method(str, Enum):
    """Assessment methods, in the vocabulary assessors use."""

    OBSERVATION = "observation"
    WORK_PRODUCT = "work-product"
    QUESTIONING = "questioning"
    PROFESSIONAL_DISCUSSION = "professional-discussion"
    WITNESS_TESTIMONY = "witness-testimony"
    EXPERT_WITNESS_TESTIMONY = "expert-witness-testimony"
    REFLECTIVE_ACCOUNT = "reflective-account"
    ASSIGNMENT = "assignment"
    SIMULATION = "simulation"
    RPL = "recognition-of-prior-learning"
    RECORDED = "recorded-evidence"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


METHOD_LABELS = {
    Method.OBSERVATION: "observation",
    Method.WORK_PRODUCT: "work product",
    Method.QUESTIONING: "oral or written questioning",
    Method.PROFESSIONAL_DISCUSSION: "professional discussion",
    Method.WITNESS_TESTIMONY: "witness testimony",
    Method.EXPERT_WITNESS_TESTIMONY: "expert witness testimony",
    Method.REFLECTIVE_ACCOUNT: "reflective account",
    Method.ASSIGNMENT: "case study or assignment",
    Method.SIMULATION: "simulation or scenario",
    Method.RPL: "recognition of prior learning",
    Method.RECORDED: "recorded evidence (audio, video)",
}

# Methods that show the learner performing at work; competence criteria need at least one.
PERFORMANCE_METHODS = frozenset(
    {
        Method.OBSERVATION,
        Method.WORK_PRODUCT,
        Method.WITNESS_TESTIMONY,
        Method.EXPERT_WITNESS_TESTIMONY,
        Method.RECORDED,
        Method.SIMULATION,
    }
)

