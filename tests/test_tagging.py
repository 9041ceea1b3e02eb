from __future__ import annotations

import string

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.cli import main
from portfolio.load import load_project, split_front_matter
from portfolio.tagging import Description, TagRefused, change_tags, edit_references

from .conftest import ProjectBuilder

VALID = ["KNW/1.1", "KNW/1.2", "KNW/2.1", "CMP/1.1", "CMP/1.2"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def refs_in(path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    front = split_front_matter(text)[0] if path.suffix == ".md" else text
    data = yaml.safe_load(front) or {}
    return [item if isinstance(item, str) else item["ref"] for item in (data.get("criteria") or [])]


MD_WITH_COMMENTS = """\
---
# A comment at the top
title: Handling a complaint   # trailing comment
type: reflective-account
method: reflective-account
date: 2026-02-01
criteria:
  - KNW/1.1   # shown in paragraph 2
  - ref: KNW/1.2
    note: "para 3"
# comment between keys
confidential: false
---

Body text with --- dashes
and criteria: [not, yaml] words.
"""


def test_tag_and_untag_markdown_keep_everything_else(project: ProjectBuilder):
    path = project.evidence("a.md", MD_WITH_COMMENTS)
    result = run("tag", str(path), "KNW/2.1", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert path.read_text() == MD_WITH_COMMENTS.replace(
        '    note: "para 3"\n', '    note: "para 3"\n  - KNW/2.1\n'
    )
    result = run("untag", str(path), "KNW/1.2", "--project", str(project.root))
    assert result.exit_code == 0
    assert path.read_text() == MD_WITH_COMMENTS.replace('  - ref: KNW/1.2\n    note: "para 3"\n', "  - KNW/2.1\n")
    assert refs_in(path) == ["KNW/1.1", "KNW/2.1"]
    assert not load_project(project.root).problems.errors


def test_crlf_and_bom_are_kept(project: ProjectBuilder):
    text = MD_WITH_COMMENTS.replace("\n", "\r\n")
    path = project.evidence("crlf.md", b"\xef\xbb\xbf" + text.encode())
    change_tags(load_project(project.root), path, ["KNW/2.1"])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.decode("utf-8-sig") == text.replace('    note: "para 3"\r\n', '    note: "para 3"\r\n  - KNW/2.1\r\n')


def test_flow_lists(project: ProjectBuilder):
    path = project.evidence(
        "f.md", "---\ntitle: T\ntype: reflective-account\nmethod: reflective-account\ndate: 2026-02-01\n"
        "criteria: [KNW/1.1,   KNW/1.2]  # kept\n---\nbody\n",
    )
    loaded = load_project(project.root)
    change_tags(loaded, path, ["KNW/2.1"])
    assert "criteria: [KNW/1.1,   KNW/1.2, KNW/2.1]  # kept\n" in path.read_text()
    change_tags(loaded, path, ["KNW/1.1", "KNW/2.1"], untag=True)
    assert "criteria: [KNW/1.2]  # kept\n" in path.read_text()


def test_sidecar_is_edited_or_created(project: ProjectBuilder):
    pdf = project.evidence("scan.pdf", b"%PDF-1.4 scan")
    loaded = load_project(project.root)
    with pytest.raises(TagRefused, match="has no sidecar describing it yet: say what it is with --type"):
        change_tags(loaded, pdf, ["KNW/1.1"])
    assert not (project.root / "evidence/learner-one/scan.pdf.yml").exists()
    result = change_tags(loaded, pdf, ["KNW/1.1"], describe=Description("work-product"))
    assert result.created and result.path.name == "scan.pdf.yml"
    assert pdf.read_bytes() == b"%PDF-1.4 scan"
    assert refs_in(result.path) == ["KNW/1.1"]
    before = result.path.read_text()
    change_tags(loaded, pdf, ["KNW/1.2"])
    assert result.path.read_text() == before.rstrip("\n") + "\n  - KNW/1.2\n"
    assert not [p for p in load_project(project.root).problems if p.file.endswith("scan.pdf.yml")]


def test_unknown_reference_is_refused_and_file_untouched(project: ProjectBuilder):
    path = project.evidence("a.md", MD_WITH_COMMENTS)
    before = path.read_bytes()
    result = run("tag", str(path), "KNW/2.1", "KNW/1.9", "--project", str(project.root))
    assert result.exit_code == 1
    assert "unknown criterion 'KNW/1.9'; did you mean 'KNW/1." in result.output
    assert path.read_bytes() == before
    with pytest.raises(TagRefused):
        change_tags(load_project(project.root), path, ["not-a-ref"])
    assert path.read_bytes() == before


def test_files_outside_evidence_or_broken_are_refused(project: ProjectBuilder):
    outside = project.write("notes.md", MD_WITH_COMMENTS)
    with pytest.raises(TagRefused):
        change_tags(load_project(project.root), outside, ["KNW/2.1"])
    broken = project.evidence("b.md", "---\ntitle: [\n---\n")
    before = broken.read_bytes()
    with pytest.raises(TagRefused):
        change_tags(load_project(project.root), broken, ["KNW/2.1"])
    assert broken.read_bytes() == before


def test_untag_absent_and_tag_present_change_nothing(project: ProjectBuilder):
    path = project.evidence("a.md", MD_WITH_COMMENTS)
    stat = path.stat()
    result = change_tags(load_project(project.root), path, ["KNW/1.1"])
    assert result.unchanged == ["KNW/1.1"] and not result.changed
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


# --- properties ----------------------------------------------------------------------------

SAFE = string.ascii_letters + string.digits + " .,'-"
keys = st.sampled_from(["title", "summary", "id", "confidential", "extra_a", "extra_b", "note_c"])
values = st.one_of(
    st.text(alphabet=SAFE, min_size=1, max_size=20).map(lambda s: "'" + s.replace("'", "''") + "'"),
    st.sampled_from(["true", "12", "plain words", "2026-01-02", '"double quoted"']),
)
comments = st.text(alphabet=SAFE, max_size=20).map(lambda s: "# " + s)


@st.composite
def documents(draw):
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    names = draw(st.lists(keys, unique=True, max_size=4))
    lines = []
    for name in names:
        if draw(st.booleans()):
            lines.append(draw(comments))
        lines.append(f"{name}: {draw(values)}" + (f"  {draw(comments)}" if draw(st.booleans()) else ""))
    split = draw(st.integers(0, len(lines)))
    refs = draw(st.lists(st.sampled_from(VALID), unique=True, max_size=4))
    style = draw(st.sampled_from(["block", "flow", "notes", "absent", "empty"]))
    if style == "absent":
        refs = []
        block = []
    elif style == "empty":
        refs = []
        block = ["criteria:" + draw(st.sampled_from(["", "  # none yet", " []"]))]
    elif style == "flow":
        block = ["criteria: [" + ", ".join(refs) + "]"]
    elif style == "notes":
        block = ["criteria:"] + [f"  - ref: {r}{newline}    note: {draw(values)}" for r in refs] if refs else ["criteria: []"]
    else:
        indent = draw(st.sampled_from(["", "  ", "    "]))
        block = ["criteria:"] + [f"{indent}- {r}" for r in refs] if refs else ["criteria: []"]
    before = lines[:split]
    after = lines[split:]
    body = draw(st.text(max_size=80).filter(lambda s: "\x00" not in s))
    prefix = "---" + newline + "".join(line + newline for line in before)
    middle = "".join(line + newline for line in block)
    suffix = "".join(line + newline for line in after) + "---" + newline + body
    if style == "absent":
        # A new list goes at the end of the front matter.
        prefix, suffix = prefix + "".join(line + newline for line in after), "---" + newline + body
        middle = ""
    return prefix, middle, suffix, refs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents(), add=st.lists(st.sampled_from(VALID), unique=True, max_size=3),
       remove=st.lists(st.sampled_from(VALID), unique=True, max_size=3))
def test_no_byte_outside_the_reference_list_changes(project: ProjectBuilder, doc, add, remove):
    prefix, middle, suffix, refs = doc
    original = prefix + middle + suffix
    path = project.evidence("p.md", original.encode("utf-8"))
    loaded = load_project(project.root)
    add = [r for r in add if r not in remove]
    if add:
        change_tags(loaded, path, add)
    if remove:
        change_tags(loaded, path, remove, untag=True)
    result = path.read_bytes().decode("utf-8")
    assert result.startswith(prefix)
    assert result.endswith(suffix)
    expected = [r for r in refs if r not in remove] + [r for r in add if r not in refs and r not in remove]
    assert sorted(refs_in(path)) == sorted(expected)
    if not add and not [r for r in remove if r in refs]:
        assert result == original


@settings(max_examples=100, deadline=None)
@given(doc=documents(), add=st.lists(st.sampled_from(VALID), unique=True, min_size=1, max_size=3))
def test_tag_then_untag_restores_a_block_or_flow_list(doc, add):
    prefix, middle, suffix, refs = doc
    front = split_front_matter(prefix + middle + suffix)[0]
    fresh = [r for r in add if r not in refs]
    added, _, _ = edit_references(front, fresh, [])
    removed, _, _ = edit_references(added, [], fresh)
    data = yaml.safe_load(removed) or {}
    current = [i if isinstance(i, str) else i["ref"] for i in (data.get("criteria") or [])]
    assert sorted(current) == sorted(refs)
