"""One fixture per kind of bad input: each is reported with its file, line and a fix, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.load import MAX_TEXT_EVIDENCE_BYTES, load_project
from portfolio.problems import Severity

from .conftest import ProjectBuilder, evidence_md


@dataclass
class Case:
    name: str
    path: str
    content: str | bytes
    file: str
    line: int | None
    message: str
    field: str | None = None
    severity: Severity = Severity.ERROR


E = "evidence/learner-one/"

CASES = [
    Case("yaml syntax error", "criteria/units/broken.yml", "code: BRK\ntitle: [unclosed\nlevel: 2\n",
         "criteria/units/broken.yml", 3, "YAML syntax error"),
    Case("missing required field", "criteria/units/notitle.yml",
         "code: NOT\nlevel: 2\nkind: knowledge\nwording: project\nlearning_outcomes:\n"
         "  - number: 1\n    text: Know\n    criteria:\n      - {ref: '1.1', text: Describe}\n",
         "criteria/units/notitle.yml", 1, "required field 'title' is missing", "title"),
    Case("URN of the wrong shape", "criteria/units/urn.yml",
         "code: URN\ntitle: T\nurn: M/5030/405\nlevel: 2\nkind: knowledge\nwording: project\n"
         "learning_outcomes:\n  - number: 1\n    text: Know\n    criteria:\n      - {ref: '1.1', text: D}\n",
         "criteria/units/urn.yml", 3, "wrong shape", "urn"),
    Case("qualification number of the wrong shape", "criteria/qualifications/qn.yml",
         "id: QN\ntitle: T\nnumber: 600-1137-3\nlevel: 2\nawarding_body: A\nwording: project\nrules: {mandatory: [KNW]}\n",
         "criteria/qualifications/qn.yml", 3, "wrong shape", "number"),
    Case("criterion under the wrong learning outcome", "criteria/units/wronglo.yml",
         "code: WLO\ntitle: T\nlevel: 2\nkind: knowledge\nwording: project\nlearning_outcomes:\n"
         "  - number: 1\n    text: Know\n    criteria:\n      - ref: '1.1'\n        text: A\n"
         "      - ref: '2.1'\n        text: B\n",
         "criteria/units/wronglo.yml", 12, "listed under learning outcome 1",
         "learning_outcomes[0].criteria[1]"),
    Case("duplicate unit code", "criteria/units/dup.yml", "code: KNW\ntitle: Again\nlevel: 2\nkind: knowledge\n"
         "wording: project\nlearning_outcomes:\n  - number: 1\n    text: K\n    criteria:\n      - {ref: '1.1', text: D}\n",
         "criteria/units/knw.yml", 1, "duplicate unit code 'KNW'", "code"),
    Case("unknown unit in rules of combination", "criteria/qualifications/q2.yml",
         "id: Q2\ntitle: T\nlevel: 2\nawarding_body: A\nwording: project\nrules:\n  mandatory:\n    - KWN\n",
         "criteria/qualifications/q2.yml", 8, "did you mean 'KNW'", "rules.mandatory[0]"),
    Case("unknown criterion reference names the nearest", E + "e.md",
         evidence_md("\n  - KNW/1.1\n  - KNW/1.3"), E + "e.md", 8, "unknown criterion 'KNW/1.3'; did you mean 'KNW/1.",
         "criteria[1]"),
    Case("reference without a unit", E + "e.md", evidence_md("[1.1]"), E + "e.md", 6,
         "'1.1' is not a criterion reference", "criteria[0]"),
    Case("unknown field suggests the right one", E + "e.md",
         "---\ntitle: T\ntype: reflective-account\nmethod: reflective-account\ndate: 2026-01-01\ncritera: [KNW/1.1]\n---\nx\n",
         E + "e.md", 6, "unknown field 'critera'; did you mean 'criteria'?", "critera"),
    Case("unknown method suggests the right one", E + "e.md", evidence_md(method="reflective-acount"), E + "e.md", 4,
         "did you mean 'reflective-account'", "method"),
    Case("unknown evidence type", E + "e.md",
         "---\ntitle: T\ntype: incident-logg\nmethod: work-product\ndate: 2026-01-01\n---\nx\n",
         E + "e.md", 3, "did you mean 'incident-log'", "type"),
    Case("date that is not a date", E + "e.md",
         "---\ntitle: T\ntype: incident-log\nmethod: work-product\ndate: 31/01/2026\ncriteria: [KNW/1.1]\n---\nx\n",
         E + "e.md", 5, "not a date", "date"),
    Case("evidence dated in the future", E + "e.md", evidence_md().replace("2026-02-01", "2999-01-01"), E + "e.md", 5,
         "is in the future", "date", severity=Severity.WARNING),
    Case("duplicate key in front matter", E + "e.md",
         "---\ntitle: T\ntitle: U\ntype: incident-log\n---\nx\n", E + "e.md", 3, "duplicate key 'title'"),
    Case("alias bomb in front matter", E + "e.md",
         "---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\nx\n", E + "e.md", 2, "aliases"),
    Case("no front matter", E + "e.md", "# Just a heading\n\nNo fields.\n", E + "e.md", 1, "no front matter"),
    Case("empty file", E + "e.md", "", E + "e.md", None, "file is empty"),
    Case("not UTF-8", E + "e.md", "---\ntitle: café\n---\n".encode("latin-1"), E + "e.md", 2, "not UTF-8"),
    Case("binary where text is expected", E + "e.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", E + "e.md", None,
         "not a text file"),
    Case("huge file", E + "huge.md", "---\ntitle: T\n---\n" + "x" * (MAX_TEXT_EVIDENCE_BYTES + 1), E + "huge.md",
         None, "too large"),
    Case("sidecar without its file", E + "scan.pdf.yml", "title: T\n", E + "scan.pdf.yml", None,
         "sidecar without its file"),
    Case("file without a sidecar", E + "scan.pdf", b"%PDF-1.4 fake", E + "scan.pdf", None, "no sidecar",
         severity=Severity.WARNING),
    Case("unknown qualification in profile", E + "learner.yml",
         "name: N\nqualification: QAUL\nunits: [KNW]\nassessor: A\niqa: I\ndeclaration: {signed: true, date: 2026-01-01}\n",
         E + "learner.yml", 2, "did you mean 'QUAL'", "qualification"),
    Case("unknown unit in profile", E + "learner.yml",
         "name: N\nqualification: QUAL\nunits: [KNW, CPM]\nassessor: A\niqa: I\ndeclaration: {signed: true, date: 2026-01-01}\n",
         E + "learner.yml", 3, "did you mean 'CMP'", "units[1]"),
    Case("decision on evidence that does not exist", E + "decisions.yml",
         "decisions:\n  - evidence: missing.md\n    criterion: KNW/1.1\n    outcome: met\n    date: 2026-02-02\n"
         "    assessor: A\n    sha256: " + "0" * 64 + "\n",
         E + "decisions.yml", 2, "decision names evidence 'missing.md'", "decisions[0].evidence"),
    Case("decision with a malformed hash", E + "decisions.yml",
         "decisions:\n  - evidence: missing.md\n    criterion: KNW/1.1\n    outcome: met\n    date: 2026-02-02\n"
         "    assessor: A\n    sha256: abc\n",
         E + "decisions.yml", 7, "wrong shape", "decisions[0].sha256"),
    Case("YAML tag that would run code", "criteria/units/evil.yml", "!!python/object/apply:os.system ['echo hi']\n",
         "criteria/units/evil.yml", 1, "tag"),
    Case("top level is a list", E + "x.pdf.yml", "- a\n- b\n", E + "x.pdf.yml", 1, "expected a mapping"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_with_file_and_line(project: ProjectBuilder, case: Case):
    project.write(case.path, case.content)
    if case.path.endswith(".pdf.yml") and case.name == "top level is a list":
        project.write(E + "x.pdf", b"%PDF-1.4")
    loaded = load_project(project.root)
    matching = [p for p in loaded.problems if case.message in p.message]
    assert matching, [str(p) for p in loaded.problems]
    problem = matching[0]
    assert problem.file == case.file
    assert problem.line == case.line
    assert problem.severity is case.severity
    if case.field is not None:
        assert problem.field == case.field
    assert problem.hint, "every problem says what to do"


def test_all_problems_come_out_in_one_run(project: ProjectBuilder):
    project.evidence("a.md", evidence_md("[KNW/9.9]"))
    project.evidence("b.md", "no front matter\n")
    project.write("criteria/units/broken.yml", "code: [\n")
    project.evidence("c.pdf.yml", "title: orphan\n")
    problems = load_project(project.root).problems
    files = {p.file for p in problems if p.severity is Severity.ERROR}
    assert {"evidence/learner-one/a.md", "evidence/learner-one/b.md", "criteria/units/broken.yml",
            "evidence/learner-one/c.pdf.yml"} <= files


def test_unquoted_criterion_refs_keep_their_digits(project: ProjectBuilder):
    project.write(
        "criteria/units/ten.yml",
        "code: TEN\ntitle: T\nlevel: 2\nkind: knowledge\nwording: project\nlearning_outcomes:\n"
        "  - number: 1\n    text: K\n    criteria:\n"
        + "".join(f"      - ref: 1.{i}\n        text: C{i}\n" for i in range(1, 11)),
    )
    loaded = load_project(project.root)
    assert not loaded.problems.errors
    assert "TEN/1.10" in loaded.criteria and "TEN/1.1" in loaded.criteria


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.text(max_size=300), body=st.binary(max_size=50))
def test_arbitrary_front_matter_never_raises(project: ProjectBuilder, front: str, body: bytes):
    project.evidence("fuzz.md", b"---\n" + front.encode("utf-8", "surrogatepass") + b"\n---\n" + body)
    project.evidence("fuzz.pdf.yml", front.encode("utf-8", "surrogatepass"))
    project.evidence("fuzz.pdf", b"%PDF")
    load_project(project.root)
