"""The text report of `portfolio check`: a summary per learner and unit, then gaps, then problems.

On a terminal it uses colour and aligned tables with progress bars; piped, it is plain text with
one fact per line, easy to grep.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from ..coverage import STATUS_LABELS, CentreCoverage, LearnerCoverage, Status, UnitCoverage
from ..problems import Problem, Severity

_COLOURS = {"green": "32", "yellow": "33", "red": "31", "magenta": "35", "dim": "2", "bold": "1", "cyan": "36"}
STATUS_COLOURS: dict[Status, str] = {
    "met": "green",
    "claimed": "yellow",
    "not-yet-met": "magenta",
    "in-progress": "cyan",
    "unmapped": "red",
}


@dataclass
class Style:
    colour: bool
    width: int = 100
    wrap: bool = False
    """Fit every line to ``width`` at word boundaries (on a terminal; piped output stays one line each)."""

    def paint(self, text: str, colour: str) -> str:
        if not self.colour:
            return text
        return f"\x1b[{_COLOURS[colour]}m{text}\x1b[0m"


def _bar(percent: int, style: Style, size: int = 20) -> str:
    filled = round(percent * size / 100)
    colour = "green" if percent == 100 else "yellow" if percent else "red"
    return style.paint("█" * filled, colour) + style.paint("░" * (size - filled), "dim")


def _counts_text(counts: dict[Status, int], style: Style) -> str:
    parts = [
        style.paint(f"{count} {STATUS_LABELS[status]}", STATUS_COLOURS[status])
        for status, count in counts.items()
        if count
    ]
    return " · ".join(parts) if style.colour else ", ".join(parts)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _learner_heading(coverage: LearnerCoverage, style: Style) -> str:
    profile = coverage.learner.profile
    name = profile.name if profile else "(profile has errors)"
    qualification = coverage.qualification
    title = f" · {qualification.qualification.id} {qualification.qualification.title}" if qualification else ""
    if coverage.complete:
        state = "complete"
    elif coverage.units_complete:
        state = {"not-met": "units complete; rules of combination not met",
                 "cannot-check": "units complete; rules of combination cannot be checked"}.get(
            coverage.rules_status, "units complete; not yet complete")
    else:
        state = f"{coverage.percent_met}% met"
    return style.paint(f"{name} ({coverage.learner.id})", "bold") + title + f" — {state}"


def _grade_text(unit: UnitCoverage) -> str:
    if not unit.unit.graded:
        return ""
    return f"; grade: {unit.grade.value}" if unit.grade else "; not yet graded (pass criteria not all met)"


def _unit_line(unit: UnitCoverage, style: Style, title_width: int) -> str:
    if style.colour:
        title = _clip(unit.unit.title, title_width).ljust(title_width)
        return (
            f"  {unit.unit.code:<6} {title} {_bar(unit.percent_met, style)} "
            f"{unit.percent_met:>3}%  {_counts_text(unit.counts, style)}{_grade_text(unit)}"
        )
    return (
        f"  {unit.unit.code} {unit.unit.title}: {unit.percent_met}% met ({_counts_text(unit.counts, style)})"
        f"{_grade_text(unit)}"
    )


def _gaps(coverage: LearnerCoverage, style: Style) -> list[str]:
    lines: list[str] = []
    indent = " " * 6
    for unit in coverage.units:
        for criterion in unit.criteria:
            if criterion.status == "met":
                continue
            label = STATUS_LABELS[criterion.status]
            head = f"    {criterion.ref:<10} {style.paint(label, STATUS_COLOURS[criterion.status])}"
            text = criterion.entry.text
            if style.colour:
                text = _clip(text, max(style.width - 36, 30))
            lines.append(f"{head}  {style.paint(text, 'dim')}" if style.colour else f"{head}: {text}")
            requirements = [r for r in (criterion.requirement.assessment_requirements if criterion.requirement else ())
                            if r != unit.unit.assessment_requirements]  # the unit's own is shown once, above
            for reason in [*(f"assessment requirement: {r}" for r in requirements), *criterion.reasons]:
                wrapped = textwrap.wrap(
                    reason, width=max(style.width - 10, 40), initial_indent=f"{indent}- ",
                    subsequent_indent=f"{indent}  ",
                ) if style.colour else [f"{indent}- {reason}"]
                lines.extend(wrapped)
    return lines


def _qualification_lines(coverage: LearnerCoverage, style: Style) -> list[str]:
    qualification = coverage.qualification
    lines: list[str] = []
    if qualification is None and coverage.learner.profile is not None:
        lines.append(f"  {style.paint('rules of combination cannot be checked', 'yellow')}: the qualification is not known")
    elif qualification is None:
        pass  # the profile's own errors say why
    else:
        status = qualification.rules_status
        verdict = {"met": "rules of combination met", "not-met": "rules of combination not yet met",
                   "cannot-check": "rules of combination cannot be checked"}[status]
        colour = "green" if status == "met" else "yellow"
        # When they are not met, the rules that hold it back; when they are, what each rule found.
        shown = [rule for rule in qualification.rules if status == "met" or rule.met is not True]
        details = "; ".join(f"{rule.description}: {rule.detail}" for rule in shown)
        lines.append(f"  {style.paint(verdict, colour)}" + (f" ({details})" if details else ""))
        if qualification.grade:
            lines.append(f"  qualification grade: {qualification.grade} ({qualification.points} points)")
        elif qualification.grade_note and qualification.achieved:
            lines.append(f"  qualification grade: none: {qualification.grade_note}")
    for reason in coverage.reasons:
        lines.append(f"  {style.paint('!', 'yellow')} {reason}" if style.colour else f"  note: {reason}")
    return lines


def format_problem(problem: Problem, style: Style) -> list[str]:
    severity = style.paint(problem.severity.value, "red" if problem.severity is Severity.ERROR else "yellow")
    field = f" {problem.field}:" if problem.field else ""
    lines = [f"{problem.location()}: {severity}:{field} {problem.message}"]
    if problem.hint:
        lines.append(f"    hint: {problem.hint}")
    return lines


def text_report(coverage: CentreCoverage, problems: list[Problem], style: Style) -> str:
    lines: list[str] = []
    title_width = max(24, min(48, style.width - 60))
    for learner in coverage.learners:
        lines.append(_learner_heading(learner, style))
        for unit in learner.units:
            lines.append(_unit_line(unit, style, title_width))
            if unit.unit.assessment_requirements and not unit.complete:
                lines.append(f"    assessment requirements: {unit.unit.assessment_requirements}")
            if unit.sign_offs:
                signed = ", ".join(
                    f"{state.sign_off.role.value} ({state.sign_off.name}, {state.sign_off.signed_at:%Y-%m-%d})"
                    + ("" if state.holds else " no longer holds")
                    for state in unit.sign_offs
                )
                lines.append(f"    signed off: {signed}")
        lines.extend(_qualification_lines(learner, style))
        gaps = _gaps(learner, style)
        if gaps:
            lines.append("  gaps:")
            lines.extend(gaps)
        lines.append("")
    if not coverage.learners:
        lines.append("No learners yet: add a folder under evidence/ with a learner.yml.")
        lines.append("")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if problems:
        lines.append(style.paint(f"Problems: {errors} error(s), {warnings} warning(s)", "bold"))
        for problem in problems:
            lines.extend(format_problem(problem, style))
    else:
        lines.append(style.paint("No problems found.", "green"))
    if style.wrap:
        lines = [part for line in lines for part in _fit(line, style.width)]
    return "\n".join(lines) + "\n"


_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _fit(line: str, width: int) -> list[str]:
    """The line cut at spaces to fit ``width`` columns; continuation lines indented four more
    than the line itself. Colour codes take no columns; a word longer than a line is left whole."""
    visible = len(_ESCAPE.sub("", line))
    if visible <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip(" ")) + 4)
    hidden = len(line) - visible
    return textwrap.wrap(
        line, width=width + hidden, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    ) or [line]
