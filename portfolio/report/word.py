"""Word records assessors and quality assurers file: unit tracking sheets, learner summaries, cohort tracker.

Every number comes from the same coverage computation as `portfolio check` and the site.
Documents use named styles, header rows that repeat on every page, landscape where the grid
needs it, a header and a "page x of y" footer, and document properties (see word_template).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from ..assessment.signoff import SignOffRole, statement
from ..coverage import CentreCoverage, LearnerCoverage, UnitCoverage
from ..criteria.references import level_label, level_name
from ..problems import Problem
from ..profiles import Centre
from .record_paths import COHORT_TRACKER_PATH, learner_summary_path, unit_record_path
from .tracking import (
    centre_text,
    feedback_rows,
    plan_rows,
    review_rows,
    sign_off_rows,
    statement_holds,
    tracking_rows,
)
from .word_template import STYLE_NOTICE, STYLE_STATEMENT, Column, RecordTemplate, facts

VACSR_STATEMENT = (
    "The evidence listed above has been judged for validity, authenticity, currency, reliability "
    "and sufficiency."
)
SIGNATURE_ROW_CM = 1.6
"""Height of a row for a handwritten signature: room to sign (at least 1.5 cm)."""
TRACKING_COLUMNS = [
    Column("Ref", 1.3),
    Column("Assessment criterion", 6.4),
    Column("Assessment method(s)", 3.2),
    Column("Evidence details", 6.2),
    Column("Portfolio reference", 2.4),
    Column("Decision", 2.4),
    Column("Date", 2.3),
    Column("Rules of evidence", 2.6),
]
FEEDBACK_COLUMNS = [
    Column("Criteria", 2), Column("Portfolio reference", 2.4), Column("Decision", 3.4), Column("Feedback", 7.5),
    Column("Action points", 5.5), Column("Learner's acknowledgement", 5.5),
]


class RecordWriter:
    """Writes every kind of record, reusing one prepared document per kind."""

    def __init__(self) -> None:
        self._landscape: RecordTemplate | None = None
        self._portrait: RecordTemplate | None = None
        self.left_out = 0
        """Errors in the current learner's files: what they held is not in the record."""

    def _left_out_notice(self, document: object) -> None:
        if self.left_out:
            document.add_paragraph(  # type: ignore[attr-defined]
                f"Incomplete record: {self.left_out} entr{'y' if self.left_out == 1 else 'ies'} in this learner's files "
                f"could not be read and {'is' if self.left_out == 1 else 'are'} left out ('portfolio check' lists them).",
                style=STYLE_NOTICE,
            )

    @property
    def landscape(self) -> RecordTemplate:
        if self._landscape is None:
            self._landscape = RecordTemplate(landscape=True)
        return self._landscape

    @property
    def portrait(self) -> RecordTemplate:
        if self._portrait is None:
            self._portrait = RecordTemplate(landscape=False)
        return self._portrait

    def unit_record(self, coverage: LearnerCoverage, unit: UnitCoverage, centre: Centre | None, path: Path) -> None:
        profile = coverage.learner.profile
        assert profile is not None
        template = self.landscape
        code = unit.unit.code
        document = template.start(
            header=f"{profile.name} — {code}: {unit.unit.title}",
            footer=centre_text(centre) if centre else "",
            title=f"Assessment tracking sheet: {profile.name}, {code}",
            subject=f"{code} {unit.unit.title}",
            author=profile.assessor,
        )
        document.add_paragraph("Assessment tracking sheet and evidence location", style="Title")
        self._left_out_notice(document)
        qualification = coverage.qualification.qualification if coverage.qualification else None
        facts(
            template,
            [
                ("Learner", profile.name),
                ("Registration number", profile.registration_number or "—"),
                ("Centre", centre_text(centre)),
                ("Qualification", f"{qualification.title} ({qualification.number or 'number not recorded'})" if qualification else profile.qualification),
                ("Unit", f"{code}: {unit.unit.title}"),
                ("Unit reference number", unit.unit.urn or "not recorded"),
                ("Level and credit", f"{level_name(unit.unit.level)}, credit {unit.unit.credit if unit.unit.credit is not None else 'not recorded'}"),
                ("Assessor", profile.assessor),
                ("Internal quality assurer", profile.iqa),
            ],
        )
        if unit.unit.wording.value == "project":
            document.add_paragraph(
                "The assessment criteria below are this centre's own wording, not the awarding body's.",
                style=STYLE_STATEMENT,
            )
        if unit.unit.assessment_requirements:
            document.add_paragraph(f"Assessment requirements: {unit.unit.assessment_requirements}", style=STYLE_STATEMENT)
        document.add_paragraph("Assessment criteria", style="Heading 2")
        template.table(TRACKING_COLUMNS, tracking_rows(unit))
        counts = unit.counts
        document.add_paragraph(
            f"{counts['met']} of {len(unit.criteria)} criteria met ({unit.percent_met}%)."
        )
        holds, why_not = statement_holds(unit, coverage.learner)
        if holds:
            document.add_paragraph(VACSR_STATEMENT, style=STYLE_STATEMENT)
        else:
            document.add_paragraph(f"No statement on the rules of evidence is made: {why_not}.", style=STYLE_NOTICE)
        feedback = feedback_rows(unit, coverage.learner)
        if feedback:
            document.add_paragraph("Feedback and action points", style="Heading 2")
            template.table(FEEDBACK_COLUMNS, feedback)
        document.add_paragraph("Unit assessment and verification declaration", style="Heading 2")
        if unit.complete:
            completed = unit.completed_on
            grade = f" at {unit.grade.value}" if unit.grade else ""
            what = (f"achieved{grade}: {counts['met']} of {len(unit.criteria)} assessment criteria met"
                    if unit.unit.graded else f"complete: all {len(unit.criteria)} assessment criteria met")
            document.add_paragraph(
                f"Unit {what}" + (f" by {completed.isoformat()}." if isinstance(completed, dt.date) else ".")
            )
        else:
            missing = len(unit.criteria) - counts["met"]
            document.add_paragraph(
                f"This unit is not complete: {missing} of {len(unit.criteria)} assessment criteria are "
                "not yet met. Do not sign this declaration until every criterion is met.",
                style=STYLE_NOTICE,
            )
        if unit.complete:
            awarded = unit.grade.value if unit.unit.graded and unit.grade else None
            for role in SignOffRole:
                document.add_paragraph(f"{role.label}: {statement(role, awarded)}", style=STYLE_STATEMENT)
        signed = sign_off_rows(unit)
        if signed:
            document.add_paragraph("Recorded sign-offs", style="Heading 3")
            template.table([Column("Role", 4), Column("Name", 5), Column("Signed", 3.5), Column("State", 9)], signed)
            if any(row[3] != "Holds" for row in signed):
                document.add_paragraph("A sign-off that no longer holds covers evidence that has changed since: "
                                       "the unit must be assessed and signed off again.", style=STYLE_NOTICE)
        if unit.complete:
            document.add_paragraph("Signatures (for centres that keep signed paper records)", style="Heading 3")
            template.table(
                [Column("Role", 4), Column("Name", 6), Column("Signature", 8), Column("Date", 4)],
                [
                    ["Learner", profile.name, "", ""],
                    ["Assessor", profile.assessor, "", ""],
                    ["Internal quality assurer", profile.iqa, "", ""],
                ],
                min_height_cm=SIGNATURE_ROW_CM,
            )
        template.save(path)

    def learner_summary(self, coverage: LearnerCoverage, centre: Centre | None, path: Path) -> None:
        profile = coverage.learner.profile
        assert profile is not None
        template = self.portrait
        qualification = coverage.qualification
        title = qualification.qualification.title if qualification else profile.qualification
        document = template.start(
            header=f"{profile.name} — {title}",
            footer=centre_text(centre) if centre else "",
            title=f"Front sheet and qualification summary: {profile.name}",
            subject=title,
            author=profile.assessor,
        )
        document.add_paragraph("Front sheet and qualification summary", style="Title")
        self._left_out_notice(document)
        declaration = profile.declaration
        facts(
            template,
            [
                ("Qualification", title),
                ("Qualification number", (qualification.qualification.number if qualification else None) or "not recorded"),
                ("Awarding body", qualification.qualification.awarding_body if qualification else "—"),
                ("Learner", profile.name),
                ("Registration number", profile.registration_number or "—"),
                ("Centre", centre_text(centre)),
                ("Assessor", profile.assessor),
                ("Internal quality assurer", profile.iqa),
                ("Declaration of authenticity", f"signed {declaration.date}" if declaration and declaration.signed else "not signed"),
            ],
        )
        document.add_paragraph("Units", style="Heading 2")
        rows = []
        for unit in coverage.units:
            completed = unit.completed_on
            rows.append(
                [
                    unit.unit.code,
                    unit.unit.title,
                    unit.unit.urn or "—",
                    level_label(unit.unit.level),
                    str(unit.unit.credit) if unit.unit.credit is not None else "not recorded",
                    (f"Achieved: {unit.grade.value}" if unit.grade else "Complete") if unit.complete
                    else f"In progress ({unit.percent_met}% met)",
                    completed.isoformat() if isinstance(completed, dt.date) else "—",
                ]
            )
        counted = qualification.achieved_units if qualification else {}
        for record in profile.achieved_elsewhere:
            known = counted.get(record.unit)
            rows.append(
                [
                    record.unit,
                    known.title if known else "—",
                    "—",
                    level_label(known.level) if known else "—",
                    str(known.credit) if known and known.credit is not None else "not recorded",
                    f"Achieved elsewhere ({record.route.value})" + (f": {record.grade.value}" if record.grade else ""),
                    record.date.isoformat(),
                ]
            )
        template.table(
            [Column("Code", 1.6), Column("Unit", 6), Column("URN", 2.4), Column("Level", 1.3), Column("Credit", 1.8),
             Column("Status", 3.2), Column("Completed", 2.2)],
            rows,
        )
        plan = coverage.learner.plan
        if plan is not None and (plan.activities or plan.reviews):
            document.add_paragraph("Assessment plan", style="Heading 2")
            if plan.activities:
                template.table([Column("Planned activity", 7), Column("Criteria", 4), Column("Method", 3.2),
                                Column("Target date", 2.4), Column("State", 2.4)], plan_rows(plan, dt.date.today()))
            if plan.reviews:
                document.add_paragraph("Progress reviews", style="Heading 3")
                template.table([Column("Date", 2.4), Column("By", 3.6), Column("Summary", 10), Column("Next review", 2.4)],
                               review_rows(plan))
        if qualification is not None:
            document.add_paragraph("Rules of combination", style="Heading 2")
            verdict = {True: "Met", False: "Not yet met", None: "Cannot be checked"}
            template.table(
                [Column("Rule", 6), Column("Position", 8), Column("Met", 3)],
                ([rule.description[:1].upper() + rule.description[1:], rule.detail, verdict[rule.met]] for rule in qualification.rules),
            )
            required = qualification.credit_required
            document.add_paragraph(
                f"Credit achieved: {qualification.credit_achieved}"
                + (f" of {required} required." if required is not None else " (no minimum recorded).")
            )
            status = qualification.rules_status
            document.add_paragraph(
                {"met": "The rules of combination are met.", "not-met": "The rules of combination are not yet met.",
                 "cannot-check": "Whether the rules of combination are met cannot be checked: see the rules above."}[status]
                + (f" Qualification grade: {qualification.grade}." if qualification.grade else ""),
                style=STYLE_STATEMENT if status == "met" else STYLE_NOTICE,
            )
        for record in profile.achieved_elsewhere:
            document.add_paragraph(
                f"Unit {record.unit} achieved elsewhere ({record.route.value}, {record.date})"
                + (f": {record.reference}" if record.reference else "") + "."
            )
        if coverage.complete:
            document.add_paragraph("Portfolio complete: every unit is complete, the declaration is signed and the "
                                   "rules of combination are met.", style=STYLE_STATEMENT)
        for reason in coverage.reasons + coverage.unit_reasons + coverage.rule_reasons:
            document.add_paragraph(f"Not complete: {reason}.", style=STYLE_NOTICE)
        template.save(path)

    def cohort_tracker(self, coverage: CentreCoverage, centre: Centre | None, path: Path) -> None:
        template = self.landscape
        name = centre.name if centre else "Centre"
        document = template.start(
            header=f"{name} — cohort tracker",
            footer=centre_text(centre) if centre else "",
            title=f"Cohort tracker: {name}",
            subject="Learners' progress by unit",
            author=name,
        )
        document.add_paragraph("Cohort tracker", style="Title")
        document.add_paragraph(f"{len(coverage.learners)} learner(s). Percentages are the share of assessment criteria met.")
        learners = [lc for lc in coverage.learners if lc.learner.profile is not None]
        codes = list(dict.fromkeys(u.unit.code for lc in learners for u in lc.units))
        columns = [Column("Learner", 4.5), Column("Registration number", 3.2), Column("Qualification", 2.2)]
        columns += [Column(code, 1.9) for code in codes]
        columns += [Column("Waiting for assessment", 6), Column("Portfolio complete", 2.4)]
        rows = []
        for lc in learners:
            profile = lc.learner.profile
            assert profile is not None
            by_code = {u.unit.code: u for u in lc.units}
            waiting = {
                item.file: item for u in lc.units for item in u.awaiting_assessment
            }
            waiting_text = "\n".join(
                "confidential item" if item.meta.confidential else item.reference for item in waiting.values()
            )
            rows.append(
                [profile.name, profile.registration_number or "—",
                 lc.qualification.qualification.id if lc.qualification else profile.qualification]
                + [f"{by_code[c].percent_met}%" if c in by_code else "—" for c in codes]
                + [f"{len(waiting)} item(s)\n{waiting_text}" if waiting else "none", "Yes" if lc.complete else "No"]
            )
        template.table(columns, rows)
        template.save(path)


def write_records(
    coverage: CentreCoverage,
    centre: Centre | None,
    out_dir: Path,
    learners: Collection[str] | None = None,
    cohort: bool = True,
    errors: Collection[Problem] = (),
) -> list[Path]:
    """Write the records under ``out_dir`` (each learner's, or those in ``learners``, and the cohort
    tracker unless ``cohort`` is false); return the paths written. A learner's records say how many
    of ``errors`` (problems `check` reports) lie in their folder: what those entries held is left out."""
    writer = RecordWriter()
    written: list[Path] = []
    for lc in coverage.learners:
        if lc.learner.profile is None or (learners is not None and lc.learner.id not in learners):
            continue
        writer.left_out = sum(1 for p in errors if p.file.startswith(f"{lc.learner.folder}/"))
        path = out_dir / learner_summary_path(lc.learner.id)
        writer.learner_summary(lc, centre, path)
        written.append(path)
        for unit in lc.units:
            path = out_dir / unit_record_path(lc.learner.id, unit.unit.code)
            writer.unit_record(lc, unit, centre, path)
            written.append(path)
    if cohort:
        path = out_dir / COHORT_TRACKER_PATH
        writer.cohort_tracker(coverage, centre, path)
        written.append(path)
    return written
