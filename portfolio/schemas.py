"""JSON Schemas for every file a project holds, generated from the models, for editor support."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .assessment.models import DecisionsFile
from .criteria.models import Unit
from .criteria.qualification import Qualification
from .criteria.references import CRITERION_REF_PATTERN
from .evidence.models import EvidenceMeta, EvidenceTypesFile, EvidenceTypeSpec, FieldKind
from .privacy.reviews import PrivacyReviewsFile
from .profiles import Centre, LearnerProfile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "unit": (Unit, "A unit: criteria/units/*.yml"),
    "qualification": (Qualification, "A qualification: criteria/qualifications/*.yml"),
    "evidence-types": (EvidenceTypesFile, "Evidence types: criteria/evidence-types/*.yml"),
    "centre": (Centre, "The centre: evidence/centre.yml"),
    "learner": (LearnerProfile, "A learner profile: evidence/<learner>/learner.yml"),
    "decisions": (DecisionsFile, "Assessor decisions: evidence/<learner>/decisions.yml"),
    "privacy-reviews": (PrivacyReviewsFile, "Personal-data reviews: evidence/<learner>/privacy-reviews.yml"),
}
EVIDENCE_NAMES = {
    "evidence": "Evidence front matter (the block between '---' lines at the top of a Markdown file)",
    "sidecar": "A sidecar describing any other evidence file: <file>.yml beside it",
}
NAMES = [*_MODELS, *EVIDENCE_NAMES]

_KIND_SCHEMAS: dict[FieldKind, dict[str, Any]] = {
    FieldKind.TEXT: {"type": ["string", "number"]},
    FieldKind.DATE: {"type": "string", "format": "date"},
    FieldKind.DATETIME: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$"},
    FieldKind.NUMBER: {"type": ["number", "string"]},
    FieldKind.CHOICE: {"type": "string"},
}


def _evidence_schema(title: str, types: dict[str, EvidenceTypeSpec]) -> dict[str, Any]:
    schema = EvidenceMeta.model_json_schema()
    schema["title"] = title
    schema["properties"]["type"] = {
        "type": "string",
        "enum": sorted(types),
        "description": "Evidence type. " + "; ".join(f"{name}: {spec.label}" for name, spec in types.items()),
    }
    schema["properties"]["criteria"]["description"] = (
        "Criteria references, 'UNIT/REF' (e.g. 'INC2/1.2', 'BT1/P3', 'RCS/3.1a'), each optionally with a note"
    )
    schema["properties"]["criteria"]["items"] = {
        "anyOf": [
            {"type": "string", "pattern": CRITERION_REF_PATTERN.pattern},
            schema["properties"]["criteria"]["items"],
        ]
    }
    # Fields beyond the common ones depend on the type: one if/then per type.
    schema["additionalProperties"] = True
    conditions = []
    for name, spec in types.items():
        properties: dict[str, Any] = {}
        for field_name, definition in spec.fields.items():
            field_schema = dict(_KIND_SCHEMAS[definition.kind], description=definition.guidance)
            if definition.choices:
                field_schema["enum"] = definition.choices
            properties[field_name] = field_schema
        allowed = sorted(set(EvidenceMeta.model_fields) | set(spec.fields))
        conditions.append(
            {
                "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                "then": {
                    "properties": properties,
                    "required": [n for n, d in spec.fields.items() if d.required],
                    "propertyNames": {"enum": allowed},
                },
            }
        )
    schema["allOf"] = conditions
    return schema


def json_schema(name: str, types: dict[str, EvidenceTypeSpec]) -> dict[str, Any]:
    """The JSON Schema called ``name`` (one of :data:`NAMES`)."""
    if name in EVIDENCE_NAMES:
        schema = _evidence_schema(EVIDENCE_NAMES[name], types)
    else:
        model, title = _MODELS[name]
        schema = model.model_json_schema()
        schema["title"] = title
    return {"$schema": SCHEMA_DIALECT, "$id": f"{name}.schema.json", **schema}
