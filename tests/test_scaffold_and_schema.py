from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from portfolio.cli import main
from portfolio.load import load_project, split_front_matter
from portfolio.schemas import NAMES

from .conftest import REPO, ProjectBuilder


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_new_learner_then_new_evidence_never_overwrite(project: ProjectBuilder):
    root = str(project.root)
    result = run("new", "learner", "jordan-lee", "--name", "Jordan Lee", "--unit", "KNW",
                 "--assessor", "Ann Assessor", "--iqa", "Ivan Iqa", "--project", root)
    assert result.exit_code == 0, result.output
    profile = project.root / "evidence/jordan-lee/learner.yml"
    data = yaml.safe_load(profile.read_text())
    assert data["name"] == "Jordan Lee" and data["qualification"] == "QUAL" and data["units"] == ["KNW"]
    assert "# the internal quality assurer" in profile.read_text()
    before = profile.read_bytes()
    again = run("new", "learner", "jordan-lee", "--project", root)
    assert again.exit_code == 1 and "already exists" in again.output
    assert profile.read_bytes() == before

    result = run("new", "evidence", "--learner", "jordan-lee", "--type", "coaching-record",
                 "--title", "Coaching: Advisor B", "--project", root)
    assert result.exit_code == 0, result.output
    created = project.root / "evidence/jordan-lee/coaching-advisor-b.md"
    text = created.read_text()
    front = yaml.safe_load(split_front_matter(text)[0])
    assert front["title"] == "Coaching: Advisor B" and front["type"] == "coaching-record"
    for field in ("colleague", "focus", "feedback", "agreed_actions", "follow_up_date"):
        assert f"\n{field}:  # required" in text
    assert "#   " not in text.split("criteria:")[0]
    # The criteria this type could address (work product: KNW 1.x, not KNW/2.1 which needs questioning or a reflection).
    assert "# - KNW/1.1  # Describe one thing" in text and "KNW/2.1" not in text
    # check explains what to fill in, rather than failing to read it.
    problems = [p for p in load_project(project.root).problems if p.file.endswith("coaching-advisor-b.md")]
    assert {p.field for p in problems} >= {"colleague", "focus", "criteria"}
    assert all(p.line for p in problems)
    before = created.read_bytes()
    again = run("new", "evidence", "--learner", "jordan-lee", "--type", "coaching-record",
                "--title", "Coaching: Advisor B", "--project", root)
    assert again.exit_code == 1
    assert created.read_bytes() == before


def test_new_refuses_unknown_names_with_suggestions(project: ProjectBuilder):
    root = str(project.root)
    result = run("new", "evidence", "--learner", "learner-one", "--type", "incident-lgo", "--project", root)
    assert result.exit_code == 2 and "did you mean 'incident-log'?" in result.output
    result = run("new", "evidence", "--learner", "learner-on", "--type", "incident-log", "--project", root)
    assert result.exit_code == 2 and "did you mean 'learner-one'?" in result.output
    result = run("new", "learner", "Bad Id", "--project", root)
    assert result.exit_code == 1


def test_new_evidence_stays_inside_the_learners_folder(project: ProjectBuilder, tmp_path: Path):
    root = str(project.root)
    for name in ("../escape.md", str(tmp_path / "abs.md"), "sub/../../x.md"):
        result = run("new", "evidence", "--learner", "learner-one", "--type", "work-product",
                     "--file", name, "--project", root)
        assert result.exit_code == 1, name
        assert "outside evidence/learner-one/" in result.output
    assert not (tmp_path / "abs.md").exists() and not (project.root / "evidence/escape.md").exists()
    ok = run("new", "evidence", "--learner", "learner-one", "--type", "work-product", "--file", "sub/x.md",
             "--project", root)
    assert ok.exit_code == 0 and (project.root / "evidence/learner-one/sub/x.md").is_file()


def to_json_values(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_json_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_values(v) for v in value]
    return value


def test_schemas_are_valid_and_accept_the_sample(tmp_path: Path):
    result = run("schema", "--out", str(tmp_path), "--project", str(REPO))
    assert result.exit_code == 0, result.output
    schemas = {name: json.loads((tmp_path / f"{name}.schema.json").read_text()) for name in NAMES}
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)

    def validate(name: str, path: Path, front_matter: bool = False):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(split_front_matter(text)[0] if front_matter else text)
        validator = jsonschema.Draft202012Validator(schemas[name], format_checker=jsonschema.FormatChecker())
        return [e.message for e in validator.iter_errors(to_json_values(data))]

    for path in (REPO / "criteria/units").glob("*.yml"):
        assert validate("unit", path) == [], path
    for path in (REPO / "criteria/qualifications").glob("*.yml"):
        assert validate("qualification", path) == [], path
    for path in (REPO / "evidence").glob("*/learner.yml"):
        assert validate("learner", path) == [], path
    for path in (REPO / "evidence").glob("*/decisions.yml"):
        assert validate("decisions", path) == [], path
    for path in (REPO / "evidence").rglob("*.md"):
        assert validate("evidence", path, front_matter=True) == [], path
    for path in (REPO / "evidence").rglob("*.pdf.yml"):
        assert validate("sidecar", path) == [], path
    assert validate("evidence-types", REPO / "portfolio/data/evidence-types.yml") == []

    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: T\ntype: incident-log\nmethod: work-product\ndate: 2026-01-01\ncritera: []\n---\n")
    errors = validate("evidence", broken, front_matter=True)
    assert any("'reference' is a required property" in e for e in errors)
    assert any("critera" in e for e in errors)


def test_schema_prints_one_to_stdout():
    result = run("schema", "learner")
    assert result.exit_code == 0
    assert json.loads(result.output)["title"].startswith("A learner profile")
    assert run("schema").exit_code == 2
