"""One validation-and-coverage run, shared by the CLI, the site and the Word records."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

from .assessment.signoff import SIGN_OFFS_FILE
from .coverage import CentreCoverage, compute_coverage
from .load import EvidenceItem, Project, load_project
from .privacy.findings import masked_text
from .privacy.gate import CODE, report_personal_data
from .problems import Problem


class UnknownLearner(Exception):
    """A learner id was asked for that has no folder under evidence/."""

    def __init__(self, learner_id: str, known: list[str]) -> None:
        super().__init__(learner_id)
        self.learner_id = learner_id
        self.known = known


@dataclass
class CheckResult:
    project: Project
    coverage: CentreCoverage
    problems: list[Problem]
    """Problems relevant to the learners checked: theirs, and those of shared files."""

    @property
    def has_errors(self) -> bool:
        return any(p.severity.value == "error" for p in self.problems)

    def problems_of(self, learner_ids: list[str]) -> list[Problem]:
        """The problems of these learners and of the shared files, none of anyone else's."""
        return _relevant(self.problems, learner_ids, self.project)

    @property
    def has_gaps(self) -> bool:
        return any(not learner.complete for learner in self.coverage.learners)


def _relevant(problems: list[Problem], learner_ids: list[str] | None, project: Project) -> list[Problem]:
    if learner_ids is None:
        return list(problems)
    chosen = tuple(project.learners[i].folder + "/" for i in learner_ids)
    every = tuple(learner.folder + "/" for learner in project.learners.values())
    return [
        p for p in problems if (p.file + "/").startswith(chosen) or not (p.file + "/").startswith(every)
    ]


def run_check(root: Path | str, learner_ids: list[str] | None = None) -> CheckResult:
    """Load the project under ``root`` and compute coverage for every learner, or those named.

    Raises :class:`portfolio.load.NotAProject` and :class:`UnknownLearner`.
    """
    # Everything built here is acyclic; the cyclic collector would only rescan a growing heap.
    collecting = gc.isenabled()
    gc.disable()
    try:
        project = load_project(root)
        if learner_ids:
            for learner_id in learner_ids:
                if learner_id not in project.learners:
                    raise UnknownLearner(learner_id, list(project.learners))
            learner_ids = list(dict.fromkeys(learner_ids))
        coverage = compute_coverage(project, learner_ids or None)
        _report_currency(project, coverage)
        _report_broken_sign_offs(project, coverage)
        report_personal_data(project, [lc.learner for lc in coverage.learners])
        _mask_echoed_values(project)
        project.problems.sort(key=lambda p: p.sort_key())
    finally:
        if collecting:
            gc.enable()
    return CheckResult(project, coverage, _relevant(project.problems, learner_ids or None, project))


def _mask_echoed_values(project: Project) -> None:
    """Messages that quote a learner's value ("'07700 900123' is not one of …") show it masked."""
    for index, problem in enumerate(project.problems):
        if problem.code == CODE:
            continue  # already masked, with its excerpt
        message, hint = masked_text(problem.message), masked_text(problem.hint)
        if message != problem.message or hint != problem.hint:
            project.problems[index] = replace(problem, message=message or "", hint=hint)


def _report_currency(project: Project, coverage: CentreCoverage) -> None:
    """A warning for each item that is not current evidence, naming the criteria it does not count for."""
    found: dict[str, tuple[EvidenceItem, str, list[str]]] = {}
    for learner in coverage.learners:
        for criterion in learner.criteria:
            for part in [criterion, *criterion.parts]:
                for use in part.evidence:
                    if use.currency_note is not None:
                        entry = found.setdefault(use.item.file, (use.item, use.currency_note, []))
                        entry[2].append(part.ref)
    for item, note, refs in found.values():
        project.problems.warning(
            item.meta_file,
            f"{note}; it does not count for {', '.join(refs)}",
            line=item.date_line,
            field="date",
            hint="add recent evidence; a certificate or record of earlier achievement can be claimed with "
            "method 'recognition-of-prior-learning' and assessed like any other evidence",
        )


def _report_broken_sign_offs(project: Project, coverage: CentreCoverage) -> None:
    """A warning for each unit sign-off that no longer holds, with what changed since it was signed."""
    for learner in coverage.learners:
        for unit in learner.units:
            for state in unit.sign_offs:
                if state.holds:
                    continue
                signed = state.sign_off
                project.problems.warning(
                    f"{learner.learner.folder}/{SIGN_OFFS_FILE}",
                    f"the sign-off of {unit.unit.code} by {signed.name} ({signed.role.value}, {signed.signed_at:%Y-%m-%d %H:%M}) "
                    f"no longer holds: {'; '.join(state.changes)}",
                    field="sign_offs",
                    hint=f"once the unit is assessed again, sign it off again: portfolio sign-off {unit.unit.code} "
                    f"--learner {learner.learner.id} --as {signed.role.value} --name \"{signed.name}\"",
                )
