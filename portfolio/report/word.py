"""Word records assessors and quality assurers file: unit tracking sheets, learner summaries, cohort tracker.

Every number comes from the same coverage computation as `portfolio check` and the site.
Documents use named styles, header rows that repeat on every page, landscape where the grid
needs it, a header and a "page x of y" footer, and document properties.

python-docx's ``table.cell(i, j)`` is quadratic and loading its template dominates a small
document, so each kind of record is prepared once and refilled per record, and table rows are
built as XML in one go.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

from ..atomic import write_atomic
from ..coverage import (
    STATUS_LABELS,
    CentreCoverage,
    CriterionCoverage,
    LearnerCoverage,
    UnitCoverage,
    use_reason,
)
from ..criteria.references import level_label, level_name
from ..load import EvidenceItem
from ..profiles import Centre
from .record_paths import COHORT_TRACKER_PATH, learner_summary_path, unit_record_path

VACSR_STATEMENT = (
    "The evidence listed above has been judged for validity, authenticity, currency, reliability "
    "and sufficiency."
)
CONFIDENTIAL = "Confidential evidence, held by the centre (not reproduced here)"
GENERATOR = "portfolio"

STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_STATEMENT = "Record Statement"
STYLE_NOTICE = "Record Notice"


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float


def _status_text(criterion: CriterionCoverage) -> str:
    return STATUS_LABELS[criterion.status].capitalize()


class RecordTemplate:
    """A document prepared once (styles, page set-up, header and footer) and refilled per record."""

    def __init__(self, landscape: bool) -> None:
        self.document: DocumentObject = Document()
        self._define_styles()
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(1.8))
        section.top_margin = section.bottom_margin = Cm(1.6)
        self.usable_width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
        self.header = section.header.paragraphs[0]
        self.header.style = self.document.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.style = self.document.styles["Footer"]
        self.footer_text = footer.add_run("")
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
        body = self.document.element.body
        self._section_properties = body[-1]

    def _define_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        for name, size, bold, italic in (
            (STYLE_TABLE_TEXT, 9, False, False),
            (STYLE_TABLE_HEADING, 9, True, False),
            (STYLE_STATEMENT, 10, False, True),
            (STYLE_NOTICE, 11, True, False),
        ):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = italic
            style.paragraph_format.space_after = Pt(2 if size == 9 else 6)
        styles[STYLE_NOTICE].font.color.rgb = RGBColor(0x9C, 0x27, 0x00)
        self.style_ids = {name: styles[name].style_id for name in (STYLE_TABLE_TEXT, STYLE_TABLE_HEADING)}

    def start(self, header: str, footer: str, title: str, subject: str, author: str) -> DocumentObject:
        """Empty the body and set the header, footer and properties for the next record."""
        body = self.document.element.body
        for child in list(body):
            if child is not self._section_properties:
                body.remove(child)
        for run in self.header.runs:
            run._r.getparent().remove(run._r)
        self.header.add_run(header)
        self.footer_text.text = f"{footer}    " if footer else ""
        properties = self.document.core_properties
        properties.title = title
        properties.subject = subject
        properties.author = author
        properties.last_modified_by = author
        properties.comments = f"Written by {GENERATOR}"
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        properties.created = now
        properties.modified = now
        return self.document

    def table(self, columns: list[Column], rows: Iterable[list[str]], header: bool = True) -> None:
        """A full-width grid with a repeating header row, built as XML in one parse."""
        scale = self.usable_width_cm / sum(c.width_cm for c in columns)
        widths = [int(c.width_cm * scale * 567) for c in columns]  # 567 twentieths of a point per cm
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        parts = [
            f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        if header:
            parts.append(self._row([c.title for c in columns], widths, self.style_ids[STYLE_TABLE_HEADING], True))
        for row in rows:
            parts.append(self._row(row, widths, self.style_ids[STYLE_TABLE_TEXT], False))
        parts.append("</w:tbl>")
        self.document.element.body.insert(len(self.document.element.body) - 1, parse_xml("".join(parts)))

    @staticmethod
    def _row(values: list[str], widths: list[int], style_id: str, repeat: bool) -> str:
        properties = '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' if repeat else "<w:trPr><w:cantSplit/></w:trPr>"
        shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if repeat else ""
        cells = []
        for value, width in zip(values, widths):
            paragraphs = "".join(
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                for line in (str(value).split("\n") or [""])
            )
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>')
        return f"<w:tr>{properties}{''.join(cells)}</w:tr>"

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        self.document.save(buffer)
        write_atomic(path, buffer.getvalue())


def _field(paragraph: object, instruction: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
    run._r.append(instr)
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    text = parse_xml(f'<w:t {nsdecls("w")}>1</w:t>')
    run._r.append(text)
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _facts(template: RecordTemplate, facts: list[tuple[str, str]]) -> None:
    template.table([Column("", 5), Column("", 15)], ([k, v] for k, v in facts), header=False)


def _evidence_label(item: EvidenceItem) -> str:
    return CONFIDENTIAL if item.meta.confidential else item.meta.title


def _centre_text(centre: Centre | None) -> str:
    if centre is None:
        return "—"
    return f"{centre.name} (centre number {centre.number})" if centre.number else centre.name


# --- the records ----------------------------------------------------------------------------

TRACKING_COLUMNS = [
    Column("Ref", 1.4),
    Column("Assessment criterion", 7.1),
    Column("Assessment method(s)", 3.8),
    Column("Evidence details", 6.5),
    Column("Portfolio reference", 2.8),
    Column("Decision", 2.6),
    Column("Date", 2.6),
]


def tracking_rows(unit: UnitCoverage) -> list[list[str]]:
    """One row per assessment criterion, as the tracking sheet shows it."""
    rows = []
    for criterion in [row for c in unit.criteria for row in (c, *c.parts)]:
        uses = criterion.evidence
        methods = sorted({use.item.meta.method.label for use in uses if not use.item.meta.confidential})
        if any(use.item.meta.confidential for use in uses):
            methods.append("confidential item")
        details = "\n".join(
            _evidence_label(use.item) + (f" ({use.note})" if use.note and not use.item.meta.confidential else "")
            + ("" if use.valid or not criterion.requirement else f" — does not count: {use_reason(use, criterion.requirement)}")
            for use in uses
        )
        references = "\n".join("—" if use.item.meta.confidential else use.item.reference for use in uses)
        met_date = criterion.met_date
        entry = criterion.entry
        text = entry.text
        if entry.criterion.grade and entry.part is None:
            text += f" ({entry.criterion.grade.value})"
        requirements = criterion.requirement.assessment_requirements if criterion.requirement else ()
        own = [r for r in requirements if r != entry.unit.assessment_requirements]
        text += "".join(f"\nAssessment requirement: {r}" for r in own)
        if entry.assessed_by_parts:
            details = "Assessed through its parts, below"
        rows.append(
            [
                entry.part.ref if entry.part else entry.criterion.ref,
                text,
                "\n".join(methods) or "—",
                details or "No evidence mapped",
                references or "—",
                _status_text(criterion),
                met_date.isoformat() if isinstance(met_date, dt.date) else "—",
            ]
        )
    return rows


class RecordWriter:
    """Writes every kind of record, reusing one prepared document per kind."""

    def __init__(self) -> None:
        self._landscape: RecordTemplate | None = None
        self._portrait: RecordTemplate | None = None

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
            footer=_centre_text(centre) if centre else "",
            title=f"Assessment tracking sheet: {profile.name}, {code}",
            subject=f"{code} {unit.unit.title}",
            author=profile.assessor,
        )
        document.add_paragraph("Assessment tracking sheet and evidence location", style="Title")
        qualification = coverage.qualification.qualification if coverage.qualification else None
        _facts(
            template,
            [
                ("Learner", profile.name),
                ("Registration number", profile.registration_number or "—"),
                ("Centre", _centre_text(centre)),
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
        document.add_paragraph(VACSR_STATEMENT, style=STYLE_STATEMENT)
        document.add_paragraph("Unit assessment and verification declaration", style="Heading 2")
        if unit.complete:
            completed = unit.completed_on
            grade = f" at {unit.grade.value}" if unit.grade else ""
            what = (f"achieved{grade}: {counts['met']} of {len(unit.criteria)} assessment criteria met"
                    if unit.unit.graded else f"complete: all {len(unit.criteria)} assessment criteria met")
            document.add_paragraph(
                f"Unit {what}" + (f" by {completed.isoformat()}." if isinstance(completed, dt.date) else ".")
            )
            document.add_paragraph(
                f"We confirm that the evidence is the learner's own work and meets every pass criterion of this "
                f"unit and every criterion of the grade awarded ({unit.grade.value})."
                if unit.unit.graded and unit.grade else
                "We confirm that the evidence is the learner's own work and meets every assessment "
                "criterion of this unit.",
                style=STYLE_STATEMENT,
            )
            template.table(
                [Column("Role", 4), Column("Name", 6), Column("Signature", 8), Column("Date", 4)],
                [
                    ["Learner", profile.name, "", ""],
                    ["Assessor", profile.assessor, "", ""],
                    ["Internal quality assurer", profile.iqa, "", ""],
                ],
            )
        else:
            missing = len(unit.criteria) - counts["met"]
            document.add_paragraph(
                f"This unit is not complete: {missing} of {len(unit.criteria)} assessment criteria are "
                "not yet met. Do not sign this declaration until every criterion is met.",
                style=STYLE_NOTICE,
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
            footer=_centre_text(centre) if centre else "",
            title=f"Front sheet and qualification summary: {profile.name}",
            subject=title,
            author=profile.assessor,
        )
        document.add_paragraph("Front sheet and qualification summary", style="Title")
        declaration = profile.declaration
        _facts(
            template,
            [
                ("Qualification", title),
                ("Qualification number", (qualification.qualification.number if qualification else None) or "not recorded"),
                ("Awarding body", qualification.qualification.awarding_body if qualification else "—"),
                ("Learner", profile.name),
                ("Registration number", profile.registration_number or "—"),
                ("Centre", _centre_text(centre)),
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
        for reason in coverage.reasons + coverage.rule_reasons:
            document.add_paragraph(f"Not complete: {reason}.", style=STYLE_NOTICE)
        template.save(path)

    def cohort_tracker(self, coverage: CentreCoverage, centre: Centre | None, path: Path) -> None:
        template = self.landscape
        name = centre.name if centre else "Centre"
        document = template.start(
            header=f"{name} — cohort tracker",
            footer=_centre_text(centre) if centre else "",
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
) -> list[Path]:
    """Write the records under ``out_dir`` (each learner's, or those in ``learners``, and the cohort
    tracker unless ``cohort`` is false); return the paths written."""
    writer = RecordWriter()
    written: list[Path] = []
    for lc in coverage.learners:
        if lc.learner.profile is None or (learners is not None and lc.learner.id not in learners):
            continue
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
