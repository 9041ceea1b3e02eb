"""The JSON report of `portfolio check --format json`: one stable, documented object."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..assessment.feedback import acknowledgement_of
from ..coverage import CentreCoverage, CriterionCoverage, EvidenceUse, LearnerCoverage, UnitCoverage
from ..load import Learner, Project
from ..privacy.findings import masked_text
from ..problems import Problem
from .tracking import judgements

SCHEMA = "portfolio-check/3"


def _evidence(use: EvidenceUse, learner: Learner) -> dict[str, Any]:
    decision = use.decision
    ack = acknowledgement_of(decision, learner.acknowledgements) if decision else None
    return {
        "file": use.item.file,
        "path": use.item.path,
        "id": use.item.meta.id,
        "title": masked_text(use.item.meta.title),
        "type": use.item.meta.type,
        "method": use.item.meta.method.value,
        "date": use.item.meta.date.isoformat(),
        "note": masked_text(use.note),
        "confidential": use.item.meta.confidential,
        "method_accepted": use.method_accepted,
        "current": use.currency_note is None,
        "currency_note": use.currency_note,
        "counts_as_met": use.counts_as_met,
        "changed_since_decision": use.changed_since_decision,
        "changed_parts": use.changed_parts,
        "decision": None
        if decision is None
        else {
            "outcome": decision.outcome.value,
            "date": decision.date.isoformat(),
            "assessor": decision.assessor,
            "feedback": masked_text(decision.feedback),
            "rules": None if decision.rules is None else {r: j.value for r, j in decision.rules.model_dump().items()},
            "rule_notes": dict(decision.rule_notes),
            "actions": [{"action": masked_text(a.action), "due": a.due.isoformat()} for a in decision.actions],
            "acknowledged": None if ack is None else {"date": ack.date.isoformat(), "reply": masked_text(ack.reply)},
        },
    }


def _criterion(criterion: CriterionCoverage, learner: Learner) -> dict[str, Any]:
    requirement = criterion.requirement
    rules_text, rules_hold = judgements(criterion)
    return {
        "ref": criterion.ref,
        "learning_outcome": criterion.entry.outcome.number,
        "text": criterion.entry.text,
        "kind": requirement.kind.value if requirement else None,
        "grade": criterion.entry.criterion.grade.value if criterion.entry.criterion.grade and not criterion.entry.part
        else None,
        "assessment_requirements": list(requirement.assessment_requirements) if requirement else [],
        "status": criterion.status,
        "evidence": [_evidence(use, learner) for use in criterion.evidence],
        "reasons": list(criterion.reasons),
        "rules_of_evidence": {"recorded": None if rules_text == "—" else rules_text, "all_hold": rules_hold},
        "parts": {part.ref: _criterion(part, learner) for part in criterion.parts},
    }


def _unit(unit: UnitCoverage, learner: Learner) -> dict[str, Any]:
    return {
        "title": unit.unit.title,
        "urn": unit.unit.urn,
        "level": unit.unit.level,
        "credit": unit.unit.credit,
        "percent_met": unit.percent_met,
        "complete": unit.complete,
        "graded": unit.unit.graded,
        "grade": unit.grade.value if unit.grade else None,
        "counts": unit.counts,
        "learning_outcomes": {
            str(o.outcome.number): {
                "text": o.outcome.text,
                "percent_met": o.percent_met,
                "counts": o.counts,
            }
            for o in unit.outcomes
        },
        "criteria": {c.ref: _criterion(c, learner) for c in unit.criteria},
        "sign_offs": [
            {"role": state.sign_off.role.value, "name": state.sign_off.name,
             "signed_at": state.sign_off.signed_at.isoformat(timespec="minutes"), "holds": state.holds,
             "changes": state.changes}
            for state in unit.sign_offs
        ],
    }


def _learner(coverage: LearnerCoverage) -> dict[str, Any]:
    learner, profile = coverage.learner, coverage.learner.profile
    qualification = coverage.qualification
    return {
        "name": profile.name if profile else None,
        "registration_number": profile.registration_number if profile else None,
        "folder": learner.folder,
        "percent_met": coverage.percent_met,
        "complete": coverage.complete,
        "units_complete": coverage.units_complete,
        "rules_status": coverage.rules_status,
        "qualification_achieved": bool(qualification and qualification.achieved),
        "grade": qualification.grade if qualification else None,
        "counts": coverage.counts,
        "reasons": list(coverage.reasons) + coverage.unit_reasons + coverage.rule_reasons,
        "qualification": None
        if qualification is None
        else {
            "id": qualification.qualification.id,
            "title": qualification.qualification.title,
            "number": qualification.qualification.number,
            "rules_status": qualification.rules_status,
            "achieved": qualification.achieved,
            "grade": qualification.grade,
            "points": qualification.points,
            "grade_note": qualification.grade_note,
            "credit_achieved": qualification.credit_achieved,
            "credit_required": qualification.credit_required,
            "units_counting": qualification.units_counting,
            "rules": [
                {"rule": rule.description, "status": rule.status, "met": rule.met, "detail": rule.detail}
                for rule in qualification.rules
            ],
        },
        "units": {unit.unit.code: _unit(unit, learner) for unit in coverage.units},
        "plan": _plan(learner),
    }


def _plan(learner: Learner) -> dict[str, Any] | None:
    plan = learner.plan
    if plan is None:
        return None
    today = dt.date.today()
    return {
        "activities": [
            {"activity": masked_text(a.activity), "criteria": a.criteria, "method": a.method.value if a.method else None,
             "target": a.target.isoformat(), "done": a.done.isoformat() if a.done else None, "state": a.state(today)}
            for a in plan.activities
        ],
        "reviews": [
            {"date": r.date.isoformat(), "by": r.by, "summary": masked_text(r.summary),
             "next_review": r.next_review.isoformat() if r.next_review else None}
            for r in plan.reviews
        ],
    }


def json_report(project: Project, coverage: CentreCoverage, problems: list[Problem]) -> dict[str, Any]:
    errors = sum(1 for p in problems if p.severity.value == "error")
    return {
        "schema": SCHEMA,
        "summary": {
            "learners": len(coverage.learners),
            "errors": errors,
            "warnings": len(problems) - errors,
        },
        "learners": {lc.learner.id: _learner(lc) for lc in coverage.learners},
        "problems": [p.as_dict() for p in problems],
    }
