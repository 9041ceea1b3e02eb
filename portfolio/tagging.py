"""Adding and removing criteria references in evidence metadata without disturbing anything else.

The reference list is found through the YAML node marks and edited as text: other keys, their
order, comments, the body, line endings and the byte-order mark stay exactly as they were. The
file is replaced atomically, and only when something changes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .boundary import Refused, check_inside, open_file, write_inside
from .criteria.references import CRITERION_REF_PATTERN
from .load import YAML_SUFFIXES, Project, split_front_matter
from .suggest import did_you_mean, nearest
from .yamlsafe import YamlError, parse_yaml

BOM = "\ufeff"


class TagRefused(Exception):
    """Nothing was changed: the reason says why."""


@dataclass
class TagResult:
    path: Path
    """The file that holds the references (the Markdown file or the sidecar)."""
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    """References already present (tag) or absent (untag)."""
    created: bool = False
    described: str = ""
    """For a sidecar just created: what it records."""


def check_refs(project: Project, refs: list[str]) -> list[str]:
    """The references, stripped; refuse unknown ones, naming the nearest real one."""
    cleaned = []
    for ref in refs:
        ref = ref.strip()
        if ref not in project.criteria:
            unit = ref.split("/", 1)[0]
            pool = [r for r in project.criteria if r.startswith(unit + "/")] or list(project.criteria)
            match = nearest(ref, pool, cutoff=0.3)
            shape = "" if CRITERION_REF_PATTERN.match(ref) else " (references look like 'INC2/1.2' or 'BT1/P3')"
            suggestion = f"; did you mean '{match}'?" if match else "."
            raise TagRefused(f"unknown criterion '{ref}'{shape}{suggestion} Nothing was changed.")
        entry = project.criteria[ref]
        if entry.assessed_by_parts:
            parts = ", ".join(f"{entry.unit.code}/{part.ref}" for part in entry.criterion.parts)
            raise TagRefused(f"{ref} is assessed through its parts: tag the parts this evidence shows ({parts}). "
                             "Nothing was changed.")
        cleaned.append(ref)
    return list(dict.fromkeys(cleaned))


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TagRefused(f"'{path}' is not UTF-8 text; nothing was changed") from None
    if text.startswith(BOM):
        return BOM, text[1:]
    return "", text


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _line_end(text: str, index: int) -> int:
    """Index just past the end of the line holding ``index`` (past its line break)."""
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark lies at the next token)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1])
    return node.end_mark.index


def _item_ref(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return node.value.strip()
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "ref" and isinstance(value, yaml.ScalarNode):
                return value.value.strip()
    return None


def edit_references(yaml_text: str, add: list[str], remove: list[str]) -> tuple[str, list[str], list[str]]:
    """The YAML text with references added and removed; also (changed, unchanged) references.

    Only the text of the criteria list changes (or, where there is none, a new list is added at
    the end).
    """
    try:
        parse_yaml(yaml_text)
    except YamlError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise TagRefused(f"the metadata has a YAML problem{where}: {exc.message}; fix it first") from None
    root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    nl = _newline(yaml_text)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise TagRefused("the metadata is not a mapping of fields; fix it first")
    pair = next(
        ((k, v) for k, v in (root.value if root else []) if isinstance(k, yaml.ScalarNode) and k.value == "criteria"),
        None,
    )
    if pair is None:
        todo = [ref for ref in add]
        if not todo:
            return yaml_text, [], list(remove)
        text = yaml_text
        if text and not text.endswith("\n"):
            text += nl
        block = "criteria:" + nl + "".join(f"  - {ref}{nl}" for ref in todo)
        return text + block, todo, list(remove)

    key, value = pair
    if isinstance(value, yaml.ScalarNode):
        if value.tag != "tag:yaml.org,2002:null":
            raise TagRefused("'criteria' is not a list; fix it first")
        present: list[tuple[str | None, yaml.Node]] = []
    elif isinstance(value, yaml.SequenceNode):
        present = [(_item_ref(item), item) for item in value.value]
    else:
        raise TagRefused("'criteria' is not a list; fix it first")

    refs_present = [ref for ref, _ in present]
    to_add = [ref for ref in add if ref not in refs_present]
    to_remove = [ref for ref in remove if ref in refs_present]
    unchanged = [ref for ref in add if ref in refs_present] + [ref for ref in remove if ref not in refs_present]
    if not to_add and not to_remove:
        return yaml_text, [], unchanged

    # Edits are applied from the end of the text backwards so that earlier indices stay valid.
    edits: list[tuple[int, int, str]] = []
    if isinstance(value, yaml.ScalarNode):
        # 'criteria:' with no value (perhaps with comments after it): start a block list on the
        # next line. An explicit 'null' or '~' goes.
        if value.end_mark.index > value.start_mark.index:
            edits.append((value.start_mark.index, value.end_mark.index, ""))
        at = _line_end(yaml_text, key.end_mark.index)
        prefix = "" if yaml_text[:at].endswith("\n") else nl
        indent = " " * (key.start_mark.column + 2)
        edits.append((at, at, prefix + "".join(f"{indent}- {ref}{nl}" for ref in to_add)))
    elif value.flow_style:
        edits.extend(_flow_edits(yaml_text, value, present, to_add, to_remove))
    else:
        edits.extend(_block_edits(yaml_text, value, present, to_add, to_remove, nl))
    text = yaml_text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, to_remove + to_add, unchanged


def _flow_edits(
    text: str,
    value: yaml.SequenceNode,
    present: list[tuple[str | None, yaml.Node]],
    to_add: list[str],
    to_remove: list[str],
) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    items = [node for _, node in present]
    kept = [node for ref, node in present if ref not in to_remove]
    for index, (ref, node) in enumerate(present):
        if ref not in to_remove:
            continue
        if index + 1 < len(items):
            edits.append((node.start_mark.index, items[index + 1].start_mark.index, ""))
        elif index > 0:
            previous_end = items[index - 1].end_mark.index
            # The previous item may itself be removed; its own edit ends where this one starts.
            edits.append((previous_end, node.end_mark.index, ""))
        else:
            edits.append((node.start_mark.index, node.end_mark.index, ""))
    if to_add:
        addition = ", ".join(to_add)
        if kept:
            last_kept = kept[-1].end_mark.index
            edits.append((last_kept, last_kept, ", " + addition))
        else:
            closing = value.end_mark.index - 1  # the ']'
            edits.append((closing, closing, addition))
    return _merge_overlaps(edits)


def _merge_overlaps(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_text = merged[-1]
            merged[-1] = (last_start, max(end, last_end), last_text + replacement)
        else:
            merged.append((start, end, replacement))
    return merged


def _block_edits(
    text: str,
    value: yaml.SequenceNode,
    present: list[tuple[str | None, yaml.Node]],
    to_add: list[str],
    to_remove: list[str],
    nl: str,
) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    items = [node for _, node in present]
    for index, (ref, node) in enumerate(present):
        if ref not in to_remove:
            continue
        start = _line_start(text, node.start_mark.index)
        end = _line_end(text, _content_end(node))
        if index + 1 < len(items):
            end = min(max(end, start), _line_start(text, items[index + 1].start_mark.index))
        edits.append((start, end, ""))
    if to_add:
        last = items[-1]
        dash = text.rfind("-", _line_start(text, last.start_mark.index), last.start_mark.index)
        indent = " " * (dash - _line_start(text, dash))
        at = _line_end(text, _content_end(last))
        prefix = "" if text[:at].endswith("\n") else nl
        edits.append((at, at, prefix + "".join(f"{indent}- {ref}{nl}" for ref in to_add)))
    return edits


def sidecar_for(path: Path) -> Path:
    for suffix in YAML_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            return candidate
    return path.with_name(path.name + ".yml")


@dataclass(frozen=True)
class Description:
    """What an attachment is, for the sidecar ``tag`` writes when it has none."""

    type: str | None = None
    """The evidence type; None when it was not said."""
    method: str | None = None
    """The assessment method (default: the type's usual one)."""


def _new_sidecar(path: Path, refs: list[str], project: Project, describe: Description, shown: str) -> tuple[str, str]:
    """A sidecar that passes 'portfolio check', and a line saying what it records; or :class:`TagRefused`."""
    inside = Path(shown).parts[2:] if Path(shown).parts[:1] == ("evidence",) else (path.name,)
    learner = Path(shown).parts[1] if len(inside) < len(Path(shown).parts) else "<learner-id>"
    template = f"portfolio new evidence --learner {learner} --type TYPE --file {'/'.join(inside)}"
    if describe.type is None:
        raise TagRefused(
            f"'{shown}' has no sidecar describing it yet: say what it is with --type (one of: "
            f"{', '.join(project.evidence_types)}), and --method if not the type's usual one; or write its "
            f"sidecar from a template with '{template}'. Nothing was changed."
        )
    spec = project.evidence_types.get(describe.type)
    if spec is None:
        suggestion = did_you_mean(describe.type, project.evidence_types)
        raise TagRefused(f"no evidence type '{describe.type}'" + (f"; {suggestion}" if suggestion else "")
                         + f" (types: {', '.join(project.evidence_types)}). Nothing was changed.")
    required = [name for name, definition in spec.fields.items() if definition.required]
    if required:
        raise TagRefused(
            f"a {spec.label.lower()} needs fields that only its author can fill in ({', '.join(required)}): write "
            f"its sidecar from a template with '{template.replace('TYPE', describe.type)}', fill them in, then "
            "tag it. Nothing was changed."
        )
    method = describe.method or spec.methods[0].value
    modified = dt.date.fromtimestamp(path.stat().st_mtime)
    day = min(modified, dt.date.today()).isoformat()
    title = _flow_scalar(path.stem.replace("-", " ").replace("_", " ").capitalize())
    lines = [
        f"# Describes {path.name}. Check the title and the date; 'portfolio check' reports anything missing.",
        f"title: {title}",
        f"type: {describe.type}",
        f"method: {method}  # how it is assessed; usually: {', '.join(m.value for m in spec.methods)}",
        f"date: {day}  # when the activity took place (here: when the file was last changed)",
        "criteria:",
        *[f"  - {ref}" for ref in refs],
        "",
    ]
    return "\n".join(lines), f"a {spec.label.lower()} ({method}) dated {day}: check its title and date"


def _flow_scalar(value: str) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _inside_a_learner(project: Project, path: Path) -> Path:
    """``path`` if it lies in a learner's folder with no link on the way; else :class:`TagRefused`."""
    try:
        inside = check_inside(project.root / "evidence", path)
    except Refused as exc:
        raise TagRefused(f"{exc.message}; nothing was changed ({exc.hint})") from None
    if len(inside.relative_to(os.path.realpath(project.root / "evidence")).parts) < 2:
        raise TagRefused(f"'{path.name}' is not in a learner's folder (evidence/<learner-id>/); nothing was changed")
    return inside


def _evidence_dir(project: Project) -> Path:
    return Path(os.path.realpath(project.root / "evidence"))


def _read(project: Project, path: Path, whole: bool = True) -> bytes:
    try:
        with open_file(path, _evidence_dir(project)) as handle:
            return handle.read() if whole else b""
    except Refused as exc:
        raise TagRefused(f"'{path.name}' {exc.message}; nothing was changed ({exc.hint})") from None


def _write(project: Project, path: Path, data: bytes) -> None:
    """Replace the file atomically, through no link: a folder swapped for one meanwhile is refused."""
    try:
        write_inside(_evidence_dir(project), path, data)
    except Refused as exc:
        raise TagRefused(f"'{path.name}' {exc.message}; nothing was changed ({exc.hint})") from None


def change_tags(
    project: Project, file: Path, refs: list[str], untag: bool = False, describe: Description | None = None
) -> TagResult:
    """Add (or, with ``untag``, remove) criteria references in ``file``'s metadata.

    An attachment with no sidecar gets one only when ``describe`` says what it is.
    """
    path = _inside_a_learner(project, file if file.is_absolute() else Path.cwd() / file)
    if not path.is_file():
        raise TagRefused(f"no file '{file}'")
    refs = check_refs(project, refs)

    # A Markdown file described by a sidecar is read from the sidecar, as any other file.
    if path.suffix.lower() in (".md", ".markdown") and not sidecar_for(path).exists():
        target = path
        raw = _read(project, target)
        bom, text = _decode(raw, target)
        parts = split_front_matter(text)
        if parts is None:
            raise TagRefused(f"'{file}' has no front matter (a '---' block at the top); nothing was changed")
        first_line_end = text.index("\n") + 1
        front, _, _ = parts
        new_front, changed, unchanged = edit_references(
            front, [] if untag else refs, refs if untag else []
        )
        if not changed:
            return TagResult(target, [], unchanged)
        new_text = text[:first_line_end] + new_front + text[first_line_end + len(front) :]
        _write(project, target, (bom + new_text).encode("utf-8"))
        return TagResult(target, changed, unchanged)

    target = path if path.suffix in YAML_SUFFIXES and path.with_suffix("").exists() else sidecar_for(path)
    _read(project, path, whole=False)  # the file described must be a plain file of the learner's, not a link
    target = _inside_a_learner(project, target)
    if not target.exists():
        if untag:
            raise TagRefused(f"'{file}' has no sidecar, so it has no references to remove")
        shown = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(file)
        content, described = _new_sidecar(path, refs, project, describe or Description(), shown)
        _write(project, target, content.encode("utf-8"))
        return TagResult(target, list(refs), [], created=True, described=described)
    bom, text = _decode(_read(project, target), target)
    new_text, changed, unchanged = edit_references(text, [] if untag else refs, refs if untag else [])
    if changed:
        _write(project, target, (bom + new_text).encode("utf-8"))
    return TagResult(target, changed, unchanged)
