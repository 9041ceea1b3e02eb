"""The learner's folder as a boundary, and one page and file name per evidence item."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portfolio.boundary import Refused, check_inside, open_file, walk
from portfolio.load import load_project
from portfolio.site.names import EvidenceNames, is_inert

from .conftest import ProjectBuilder, evidence_md


def item(path: str) -> SimpleNamespace:
    markdown = path.lower().endswith((".md", ".markdown"))
    return SimpleNamespace(file=f"evidence/x/{path}", path=path, is_markdown=markdown, learner="x")


segment = st.text(alphabet="aAbB -_#.%é1", min_size=1, max_size=6).filter(lambda s: s.strip(".") != "")
paths = st.lists(st.lists(segment, min_size=1, max_size=3).map("/".join), min_size=1, max_size=12, unique=True)
suffixes = st.sampled_from([".md", ".pdf", ".PDF", ".svg", ".html", ".txt", ".docx", ""])


@given(paths, st.lists(suffixes, min_size=12, max_size=12))
def test_names_never_collide_and_stay_in_the_site_alphabet(stems, exts):
    items = [item(stem + ext) for stem, ext in zip(stems, exts)]
    if len({i.path for i in items}) < len(items):
        return
    names = EvidenceNames(items)
    pages = [names.page(i) for i in items]
    assert len({p.casefold() for p in pages}) == len(pages)
    files = [names.file(i) for i in items if not i.is_markdown]
    assert len({f.casefold() for f in files}) == len(files)
    for name in pages + files:
        assert re.fullmatch(r"[a-z0-9._/-]+", name), name
        assert all(part and not part.startswith(".") for part in name.split("/")), name
    for i in items:
        if not i.is_markdown:
            published = names.file(i)
            assert is_inert(published), published
            assert published.endswith(".txt") or published.lower().endswith(i.path[i.path.rfind("."):].lower())


@given(paths)
def test_a_name_does_not_depend_on_the_other_items(stems):
    items = [item(stem + ".md") for stem in stems]
    alone = {i.path: EvidenceNames([i]).page(i) for i in items}
    together = EvidenceNames(items)
    # Only an item whose own name is taken already gets a counter.
    changed = [i for i in items if together.page(i) != alone[i.path]]
    assert all(re.search(r"-\d+$", together.page(i)) for i in changed)


def test_clean_names_are_kept_and_others_marked():
    names = EvidenceNames([item(p) for p in ["log.md", "sub/log.md", "scan.pdf", "Scan 2.PDF", "a b.md", "index.md"]])
    assert names.page(item("log.md")) == "log"
    assert names.page(item("sub/log.md")) == "sub/log"
    assert names.page(item("scan.pdf")) == "scan.pdf"
    assert names.file(item("scan.pdf")) == "scan.pdf"
    assert re.fullmatch(r"scan-2-[0-9a-f]{8}\.pdf", names.file(item("Scan 2.PDF")))
    assert re.fullmatch(r"a-b-[0-9a-f]{8}", names.page(item("a b.md")))
    assert names.page(item("index.md")).startswith("index-")


def test_walk_refuses_links_pipes_and_unshowable_names(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.md").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    os.symlink("/etc/passwd", tmp_path / "link.txt")
    os.symlink("sub", tmp_path / "folder-link")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "bad\x07.md").write_text("x")
    result = walk(tmp_path)
    assert result.files == ["sub/ok.md"]
    assert {r.path: r.message for r in result.refused} == {
        "bad\\x07.md": "the name contains a control character (U+0007), so it is left out",
        "folder-link": "is a symbolic link to the folder 'sub'",
        "link.txt": "is a symbolic link to '/etc/passwd'",
        "pipe": "is not a regular file (a device, socket or pipe)",
    }


def test_open_file_refuses_links_and_hard_links(tmp_path: Path):
    (tmp_path / "real.txt").write_text("x")
    os.symlink("real.txt", tmp_path / "link.txt")
    os.link(tmp_path / "real.txt", tmp_path / "hard.txt")
    os.mkfifo(tmp_path / "pipe")
    for name, message in [("link.txt", "symbolic link"), ("hard.txt", "hard link"), ("pipe", "not a regular file")]:
        with pytest.raises(Refused, match=message):
            with open_file(tmp_path / name):
                pass


def test_check_inside_refuses_a_link_on_the_way_but_not_above(tmp_path: Path):
    real = tmp_path / "real"
    (real / "evidence" / "a").mkdir(parents=True)
    (real / "evidence" / "b").mkdir()
    os.symlink("../b", real / "evidence" / "a" / "to-b")
    os.symlink("real", tmp_path / "project")  # the project itself may be reached through a link
    base = tmp_path / "project" / "evidence"
    assert check_inside(base, base / "a" / "x.md") == real.resolve() / "evidence" / "a" / "x.md"
    with pytest.raises(Refused, match="symbolic link"):
        check_inside(base, base / "a" / "to-b" / "x.md")
    with pytest.raises(Refused, match="not inside"):
        check_inside(base, base / ".." / "outside.md")


def test_a_claim_outside_the_learners_units_is_reported(project: ProjectBuilder):
    project.write("evidence/learner-one/learner.yml", (project.root / "evidence/learner-one/learner.yml").read_text()
                  .replace("units: [KNW, CMP]", "units: [KNW]"))
    project.evidence("a.md", evidence_md("[KNW/1.1, CMP/1.1, CMP/1.2]"))
    problems = [p for p in load_project(project.root).problems if "not registered" in p.message]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.field) == ("evidence/learner-one/a.md", 6, "criteria[1]")
    assert problem.message == (
        "CMP/1.1: the learner is not registered on unit CMP (their units: KNW), so this claim counts for nothing"
    )


def test_reads_and_writes_below_a_base_refuse_a_folder_swapped_for_a_link(tmp_path: Path):
    from portfolio.boundary import write_inside

    (tmp_path / "mine").mkdir()
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.md").write_text("THEIRS")
    (tmp_path / "mine" / "notes.md").write_text("mine")
    # The swap an attacker races for: the folder checked a moment ago is now a link.
    (tmp_path / "mine").rename(tmp_path / "mine-real")
    os.symlink("theirs", tmp_path / "mine")
    with pytest.raises(Refused, match="symbolic link"):
        open_file(tmp_path / "mine" / "notes.md", tmp_path)
    with pytest.raises(Refused, match="symbolic link"):
        write_inside(tmp_path, tmp_path / "mine" / "notes.md", b"overwritten")
    assert (tmp_path / "theirs" / "notes.md").read_text() == "THEIRS"
    assert os.listdir(tmp_path / "theirs") == ["notes.md"]  # no temporary file left there either


def test_assess_appends_in_the_files_own_layout_or_refuses(project: ProjectBuilder):
    import datetime as dt

    from portfolio.assessment.models import Outcome
    from portfolio.assessment.record import DecisionRefused, record_decisions

    project.evidence("a.md", evidence_md("[KNW/1.1, KNW/2.1]"))
    sha = load_project(project.root).learners["learner-one"].evidence[0].sha256
    project.evidence("decisions.yml", f"decisions:\n- evidence: a.md\n  criterion: KNW/1.1\n  outcome: met\n"
                                      f"  date: 2026-03-01\n  assessor: Ann Assessor\n  sha256: {sha}\n")
    record_decisions(load_project(project.root), "learner-one", "a.md", ["KNW/2.1"], Outcome.MET, "Ann Assessor",
                     dt.date(2026, 3, 2))
    loaded = load_project(project.root)
    assert not loaded.problems.errors
    assert [d.criterion for d in loaded.learners["learner-one"].decisions] == ["KNW/1.1", "KNW/2.1"]
    flow = "decisions: []\n"
    project.evidence("decisions.yml", flow)
    with pytest.raises(DecisionRefused, match="cannot be added to safely"):
        record_decisions(load_project(project.root), "learner-one", "a.md", ["KNW/2.1"], Outcome.MET, "Ann Assessor",
                         dt.date(2026, 3, 2))
    assert (project.root / "evidence/learner-one/decisions.yml").read_text() == flow


def test_tag_edits_the_sidecar_of_a_markdown_file_that_has_one(project: ProjectBuilder):
    from portfolio.tagging import change_tags

    path = project.evidence("x.md", "---\ntitle: Front matter the loader does not read\n---\nBody\n")
    project.evidence("x.md.yml", "title: X\ntype: work-product\nmethod: work-product\ndate: 2026-02-01\ncriteria:\n  - KNW/1.1\n")
    result = change_tags(load_project(project.root), path, ["KNW/2.1"])
    assert result.path.name == "x.md.yml" and result.changed == ["KNW/2.1"]
    assert path.read_text().startswith("---\ntitle: Front matter the loader does not read")


def test_a_paragraph_of_nested_brackets_is_shown_as_text():
    from portfolio.site.sanitize import _defuse_brackets, render_markdown

    # Python-Markdown's link pattern is quadratic in such runs (minutes for a few kilobytes):
    # the paragraph's brackets are escaped before rendering, the other paragraphs are untouched.
    links = "Intro with [a link](https://example.org)."
    body = links + "\n\n" + "[" * 20000 + "]" * 20000
    defused = _defuse_brackets(body)
    assert defused.startswith(links + "\n\n\\[\\[")
    html = render_markdown(body)
    assert '<a href="https://example.org"' in html and "[[[[" in html and "\\[" not in html
