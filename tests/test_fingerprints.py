"""Decisions bound to what was judged: tagging, re-mapping, line endings and comments never change an
item's fingerprint; a change to any body byte, field value or attachment byte always does."""

from __future__ import annotations

import hashlib
import string

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.cli import main
from portfolio.load import load_project

from .conftest import ProjectBuilder

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.text(alphabet=string.ascii_letters + string.digits + " .,'-", min_size=1, max_size=40).map(str.strip).filter(bool)
bodies = st.lists(words, min_size=1, max_size=6).map("\n".join)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def markdown(title: str, body: str, refs: str = "[KNW/1.1]", summary: str = "A summary") -> str:
    return (
        f"---\ntitle: \"{title}\"\ntype: reflective-account\nmethod: reflective-account\ndate: 2026-02-01\n"
        f"summary: \"{summary}\"\ncriteria: {refs}\n---\n\n{body}\n"
    )


def fingerprint_of(project: ProjectBuilder, name: str = "a.md") -> str:
    loaded = load_project(project.root, ["learner-one"])
    item = loaded.learners["learner-one"].evidence_by_path()[name]
    return item.fingerprint.digest


@SETTINGS
@given(title=words, body=bodies)
def test_tagging_line_endings_and_comments_never_change_a_fingerprint(project: ProjectBuilder, title: str, body: str):
    path = project.evidence("a.md", markdown(title, body))
    before = fingerprint_of(project)
    assert run("tag", str(path), "KNW/1.2", "--project", str(project.root)).exit_code == 0
    assert fingerprint_of(project) == before
    assert run("untag", str(path), "KNW/1.1", "--project", str(project.root)).exit_code == 0
    assert fingerprint_of(project) == before
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert fingerprint_of(project) == before
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type:", "# reviewed by the assessor\r\ntype:", 1), encoding="utf-8")
    assert fingerprint_of(project) == before
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert fingerprint_of(project) == before


@SETTINGS
@given(title=words, body=bodies, where=st.integers(min_value=0), byte=st.sampled_from(list("xyz!?")))
def test_any_change_of_body_or_field_changes_the_fingerprint(
    project: ProjectBuilder, title: str, body: str, where: int, byte: str
):
    path = project.evidence("a.md", markdown(title, body))
    before = fingerprint_of(project)
    index = where % len(body)
    changed = body[:index] + byte + body[index + 1 :]
    if changed != body:
        path.write_text(markdown(title, changed))
        assert fingerprint_of(project) != before
    path.write_text(markdown(title, body, summary="Another summary"))
    assert fingerprint_of(project) != before
    path.write_text(markdown(title + " (2)", body))
    assert fingerprint_of(project) != before


@SETTINGS
@given(data=st.binary(min_size=1, max_size=200), where=st.integers(min_value=0))
def test_any_attachment_byte_changes_its_fingerprint_and_a_sidecar_tag_does_not(
    project: ProjectBuilder, data: bytes, where: int
):
    sidecar = "title: A scan\ntype: work-product\nmethod: work-product\ndate: 2026-02-01\ncriteria: [KNW/1.1]\n"
    path = project.evidence("scan.pdf", data)
    project.evidence("scan.pdf.yml", sidecar)
    before = fingerprint_of(project, "scan.pdf")
    assert run("tag", str(path), "KNW/1.2", "--project", str(project.root)).exit_code == 0
    assert fingerprint_of(project, "scan.pdf") == before
    index = where % len(data)
    path.write_bytes(data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :])
    assert fingerprint_of(project, "scan.pdf") != before


def test_a_text_attachment_keeps_its_fingerprint_across_line_endings(project: ProjectBuilder):
    path = project.evidence("notes.txt", "line one\nline two\n")
    project.evidence("notes.txt.yml", "title: Notes\ntype: work-product\nmethod: work-product\ndate: 2026-02-01\ncriteria: [KNW/1.1]\n")
    before = fingerprint_of(project, "notes.txt")
    path.write_bytes(b"\xef\xbb\xbfline one\r\nline two\r\n")
    assert fingerprint_of(project, "notes.txt") == before
    path.write_bytes(b"line one\nline 2\n")
    assert fingerprint_of(project, "notes.txt") != before


def test_a_decision_survives_tagging_and_says_what_changed_when_content_does(project: ProjectBuilder):
    path = project.evidence("a.md", markdown("Handling a complaint", "I listened and logged it."))
    root = str(project.root)
    assert run("assess", "--learner", "learner-one", "a.md", "KNW/1.1", "--met", "--project", root).exit_code == 0
    assert run("tag", str(path), "KNW/1.2", "--project", root).exit_code == 0
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    report = run("check", root, "--format", "json")
    criterion = __import__("json").loads(report.output)["learners"]["learner-one"]["units"]["KNW"]["criteria"]["KNW/1.1"]
    assert criterion["status"] == "met"
    path.write_text(markdown("Handling a complaint", "I listened, logged it and escalated.", summary="Changed"))
    text = run("check", root).output
    assert "a.md: changed since it was assessed on" in text
    assert "(changed: the body, summary); the decision no longer counts and it needs assessing again" in text


LEGACY = """\
decisions:
  # judged at the team meeting
  - evidence: a.md
    criterion: KNW/1.1
    outcome: met
    date: 2026-03-01
    assessor: Ann Assessor
    sha256: {digest}
  - {{evidence: b.md, criterion: KNW/1.1, outcome: met, date: 2026-03-01, assessor: Ann Assessor, sha256: {other}}}
  - evidence: c.md
    sha256: {stale}
    criterion: KNW/1.1
    outcome: met
    date: 2026-03-01
    assessor: Ann Assessor
"""


def test_whole_file_decisions_count_while_unchanged_and_upgrade_in_place(project: ProjectBuilder):
    texts = {name: markdown(f"Item {name}", f"Body of {name}.") for name in ("a.md", "b.md", "c.md")}
    for name, text in texts.items():
        project.evidence(name, text)
    digest = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in texts.items()}
    decisions = project.evidence(
        "decisions.yml", LEGACY.format(digest=digest["a.md"], other=digest["b.md"], stale="0" * 64)
    )
    root = str(project.root)
    before = run("check", root, "--format", "json").output
    assert '"counts_as_met": true' in before
    result = run("upgrade-decisions", root)
    assert result.exit_code == 0
    assert result.output == (
        "evidence/learner-one/decisions.yml: 1 decision(s) now fingerprinted\n"
        "  left as it is: decisions[1] (b.md, KNW/1.1): written in a layout this cannot rewrite in place (on one line, say)\n"
        "  left as it is: decisions[2] (c.md, KNW/1.1): the evidence changed since it was judged; it needs assessing again\n"
    )
    text = decisions.read_text()
    assert "  # judged at the team meeting\n" in text
    assert f"sha256: {digest['a.md']}" not in text and f"sha256: {digest['b.md']}" in text
    loaded = load_project(project.root, ["learner-one"])
    a = loaded.learners["learner-one"].evidence_by_path()["a.md"]
    assert f"    fingerprint: {a.fingerprint.digest}\n    parts: {{" in text
    assert run("check", root, "--format", "json").output == before


def test_assess_refuses_contradictions_future_dates_and_back_dating(project: ProjectBuilder):
    project.evidence("a.md", markdown("Item", "Body."))
    root = str(project.root)
    base = ["assess", "--learner", "learner-one", "a.md", "KNW/1.1", "--project", root]
    cases = [
        (["--met", "--not-yet-met"], 2, "Error: say either --met or --not-yet-met, not both"),
        ([], 2, "Error: say either --met or --not-yet-met"),
        (["--met", "--date", "2099-01-01"], 2, "Error: Invalid value for --date: 2099-01-01 is in the future: give the date of the decision"),
        (["--met", "--assessor", " "], 2, "Error: Invalid value for --assessor: it is empty: give the assessor's name"),
    ]
    for extra, code, message in cases:
        result = CliRunner().invoke(main, [*base, *extra])
        assert (result.exit_code, result.output.strip().splitlines()[-1]) == (code, message), extra
    assert run(*base, "--met", "--date", "2026-03-05").exit_code == 0
    result = run(*base, "--not-yet-met", "--date", "2026-03-01")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: a.md already has a decision on KNW/1.1 dated 2026-03-05: a decision recorded after it cannot be dated "
        "earlier (2026-03-01); nothing was recorded (give --date 2026-03-05 or later)"
    )
    assert (project.root / "evidence/learner-one/decisions.yml").read_text().count("- evidence:") == 1


def test_one_malformed_or_future_decision_is_reported_and_the_others_still_count(project: ProjectBuilder):
    import json

    from portfolio.check import run_check

    project.evidence("a.md", markdown("Item A", "Body."))
    project.evidence("b.md", markdown("Item B", "Body.", refs="[KNW/1.2]"))
    root = str(project.root)
    assert run("assess", "--learner", "learner-one", "a.md", "KNW/1.1", "--met", "--project", root).exit_code == 0
    decisions = project.root / "evidence/learner-one/decisions.yml"
    decisions.write_text(
        decisions.read_text()
        + "  - {evidence: b.md, criterion: KNW/1.2, outcome: met, date: 2026-03-01, assessor: Ann Assessor, sha256: nothex}\n"
        + "  - {evidence: a.md, criterion: KNW/1.1, outcome: not-yet-met, date: 2099-03-01, assessor: Ann Assessor,"
        + f" fingerprint: {'0' * 64}}}\n"
    )
    result = run_check(project.root)
    messages = [(p.line, p.field, p.message) for p in result.problems if p.file.endswith("decisions.yml")]
    assert any(field == "decisions[1].sha256" for _, field, _ in messages), messages
    assert any("2099-03-01, which is in the future: it is not counted" in message for _, _, message in messages)
    report = json.loads(run("check", root, "--format", "json").output)
    assert report["learners"]["learner-one"]["units"]["KNW"]["criteria"]["KNW/1.1"]["status"] == "met"


def test_a_back_dated_entry_written_by_hand_is_warned_about_and_the_last_recorded_counts(project: ProjectBuilder):
    from portfolio.check import run_check

    project.evidence("a.md", markdown("Item", "Body."))
    root = str(project.root)
    assert run("assess", "--learner", "learner-one", "a.md", "KNW/1.1", "--met", "--date", "2026-03-05", "--project", root).exit_code == 0
    decisions = project.root / "evidence/learner-one/decisions.yml"
    text = decisions.read_text()
    entry = text[text.index("  - evidence:"):]
    decisions.write_text(text + entry.replace("outcome: met", "outcome: not-yet-met").replace("2026-03-05", "2026-03-01"))
    result = run_check(project.root)
    [warning] = [p for p in result.problems if "recorded after one dated" in p.message]
    assert warning.message == (
        "decision dated 2026-03-01 is recorded after one dated 2026-03-05 on the same evidence and criterion: "
        "the one recorded last counts"
    )
    criterion = result.coverage.learners[0].units[0].criteria[0]
    assert criterion.ref == "KNW/1.1" and criterion.status == "not-yet-met"


def test_met_where_the_rules_are_not_satisfied_is_in_progress_or_refused_at_once(project: ProjectBuilder):
    import json

    project.evidence("a.md", markdown("First", "Body.", refs="[KNW/1.2]"))
    project.evidence("b.md", markdown("Second", "Body.", refs="[KNW/1.2]"))
    root = str(project.root)
    result = run("assess", "--learner", "learner-one", "a.md", "KNW/1.2", "--met", "--project", root)
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == ["note: KNW/1.2 is awaiting assessment: 1 of 2 required items met"]
    result = run("assess", "--learner", "learner-one", "b.md", "KNW/1.2", "--not-yet-met", "--project", root)
    criterion = json.loads(run("check", root, "--format", "json").output)["learners"]["learner-one"]["units"]["KNW"]["criteria"]["KNW/1.2"]
    assert criterion["status"] == "in-progress"
    assert "1 of 2 required items met" in criterion["reasons"]
    project.evidence("c.md", markdown("Third", "Body.", refs="[KNW/2.1]").replace("reflective-account\ndate", "reflective-account\ndate", 1).replace("method: reflective-account", "method: observation"))
    result = CliRunner().invoke(main, ["assess", "--learner", "learner-one", "c.md", "KNW/2.1", "--met", "--project", root])
    # Validity is a rule of evidence the tool checks: a method the criterion does not accept cannot be met.
    assert (result.exit_code, result.output.strip()) == (1, (
        "Error: c.md cannot be judged met on KNW/2.1: validity fails: method 'observation' is not accepted for this "
        "criterion (accepted: oral or written questioning, reflective account); nothing was recorded "
        "(record --not-yet-met with feedback, or claim a criterion this evidence can meet)"
    ))
    text = run("check", root).output
    assert "KNW/2.1    in progress" in text and "awaiting assessment" not in text.split("KNW/2.1")[1].split("\n")[1]


STAFF = """\
name: Test Centre
staff:
  - {name: Ann Assessor, roles: [assessor]}
  - {name: Tia Trainee, roles: [trainee-assessor], countersigned_by: Ann Assessor, units: [KNW]}
  - {name: Ivan Iqa, roles: [iqa]}
"""


def test_staff_roles_decide_who_may_assess_and_a_trainee_counts_once_countersigned(project: ProjectBuilder):
    import json

    project.write("evidence/centre.yml", STAFF)
    project.evidence("a.md", markdown("Item", "Body."))
    root = str(project.root)
    base = ["assess", "--learner", "learner-one", "a.md", "KNW/1.1", "--met", "--project", root]
    refusals = [
        ("Ann Asessor", "Error: 'Ann Asessor' is not on the centre's staff (evidence/centre.yml); did you mean 'Ann Assessor'?; nothing was recorded"),
        ("Ivan Iqa", "Error: Ivan Iqa is not an assessor (roles: iqa); nothing was recorded"),
        ("Test Learner", "Error: 'Test Learner' is the learner: a learner cannot assess their own work; nothing was recorded"),
    ]
    for name, message in refusals:
        result = CliRunner().invoke(main, [*base, "--assessor", name])
        assert (result.exit_code, result.output.strip()) == (1, message), name
    assert not (project.root / "evidence/learner-one/decisions.yml").exists()
    result = run(*base, "--assessor", "Tia Trainee")
    assert result.exit_code == 0
    assert "note: Tia Trainee is a trainee assessor: the decision counts once Ann Assessor countersigns it" in result.output

    def status() -> str:
        report = json.loads(run("check", root, "--format", "json").output)
        return report["learners"]["learner-one"]["units"]["KNW"]["criteria"]["KNW/1.1"]["status"]

    assert status() == "claimed"
    assert "awaits countersignature by Ann Assessor: it does not count yet" in run("check", root).output
    wrong = run("countersign", "--learner", "learner-one", "a.md", "KNW/1.1", "--by", "Tia Trainee", "--project", root)
    assert (wrong.exit_code, wrong.output.strip()) == (
        1, "Error: 'Tia Trainee' is not a qualified assessor on the centre's staff: only one can countersign; nothing was recorded"
    )
    signed = run("countersign", "--learner", "learner-one", "a.md", "KNW/1.1", "--by", "ann assessor", "--project", root)
    assert signed.exit_code == 0, signed.output
    assert signed.output.startswith("countersigned: a.md KNW/1.1 met by Tia Trainee, countersigned by Ann Assessor (")
    assert status() == "met"
    assert "awaits countersignature" not in run("check", root).output
