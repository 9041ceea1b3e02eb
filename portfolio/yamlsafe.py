"""A strict, safe YAML reader for files written by learners and centres.

PyYAML's safe loader still accepts anchors and aliases (an alias bomb costs nothing to load and
explodes whatever walks the result), keeps the last of two duplicate keys without a word, and
turns ``1.10`` into the float 1.1 and ``no`` into False. This module composes the document with
the C parser, then builds plain Python values itself so that it can refuse all of that and keep
the nodes for reporting line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .showable import REPLACEMENT, UNSHOWABLE, scrub

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40


_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL)$")
_TIMESTAMP = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
)
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose implicit types are only null, true/false, integers and dates.

    Floats and the YAML 1.1 words yes/no/on/off stay strings: an AC ref ``1.10`` must not become
    1.1. Fields that really are numbers or booleans are converted by the models' validation.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        # Replaces PyYAML's table-driven resolver: four implicit types, checked directly, once
        # per scalar of every file.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if not value:
                    return "tag:yaml.org,2002:null"
                first = value[0]
                if first in "-+0123456789":
                    if _INT.match(value):
                        return "tag:yaml.org,2002:int"
                    if _TIMESTAMP.match(value):
                        return "tag:yaml.org,2002:timestamp"
                elif first in "tTfF":
                    if _BOOL.match(value):
                        return "tag:yaml.org,2002:bool"
                elif first in "~nN" and _NULL.match(value):
                    return "tag:yaml.org,2002:null"
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_constructor = yaml.constructor.SafeConstructor()


@dataclass
class YamlError(Exception):
    """The text is not YAML this tool accepts."""

    message: str
    line: int | None = None
    hint: str | None = None


class DuplicateKey(YamlError):
    """A key written twice in one mapping: which value was meant cannot be told."""


class Unreadable:
    """Stands for a list entry that could not be read (a duplicate key in it): validation leaves
    the entry out, and the rest of the list still counts."""

    def __copy__(self) -> Unreadable:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Unreadable:
        return self

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


@dataclass
class YamlDocument:
    """A parsed document: its plain value and its node tree, to find the line of any field."""

    value: Any
    root: yaml.Node | None
    unshowable: list[Unshowable] = field(default_factory=list)
    """Characters that cannot be shown, already replaced by U+FFFD in ``value``."""
    unreadable: list[YamlError] = field(default_factory=list)
    """List entries replaced by :data:`UNREADABLE`, and why."""

    def path_of(self, target: yaml.Node) -> tuple[str | int, ...]:
        """The field path of a node (found by walking the tree: only used to report problems)."""
        for path, node in _walk(self.root, ()):
            if node is target:
                return path
        return ()

    def path_at_line(self, line: int) -> tuple[str | int, ...]:
        """The field path of the innermost value that spans the 1-based ``line``."""
        best: tuple[str | int, ...] = ()
        for path, node in _walk(self.root, ()):
            if node.start_mark.line + 1 <= line <= node.end_mark.line + 1:
                if len(path) >= len(best):
                    best = path
        return best

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """1-based line of the field at ``path``, or of the nearest parent that exists."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in path:
            found = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                        found = value if isinstance(value, yaml.CollectionNode) else key
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    found = node.value[step]
            if found is None:
                break
            node = found
            line = node.start_mark.line + 1
        return line


@dataclass
class Unshowable:
    """A character that cannot be shown, where it was found."""

    line: int
    field: tuple[str | int, ...]
    char: str


def format_path(path: tuple[Any, ...]) -> str:
    """A field path as the user writes it: ``criteria[0].ref``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _walk(node: yaml.Node | None, path: tuple[str | int, ...]) -> Any:
    if node is None:
        return
    yield path, node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield (*path, key.value), key
            yield from _walk(value, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, (*path, index))


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise :class:`YamlError` with a line and a hint on any problem.

    Characters that cannot be shown, written raw or as escapes, are replaced by U+FFFD in the
    result and listed in its ``unshowable``.
    """
    text, raw_found = scrub(text)
    too_deep = _nesting_beyond_limit(text)
    if too_deep is not None:
        raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", too_deep, "flatten the structure")
    loader = StrictLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                mark = exc.problem_mark
                raise YamlError(
                    "the file holds more than one YAML document",
                    mark.line + 1 if mark else None,
                    "keep one document per file: remove the second '---' line",
                ) from None
            raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise YamlError(
            f"YAML syntax error: {what}",
            mark.line + 1 if mark else None,
            "check the indentation and quoting on this line or the one before it",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", None, "check the file's syntax") from None
    finally:
        loader.dispose()
    if root is None:
        return YamlDocument(None, None)
    escaped: list[tuple[yaml.Node, str]] = []
    unreadable: list[YamlError] = []
    doc = YamlDocument(_build(root, set(), 0, escaped, unreadable), root, unreadable=unreadable)
    for index, char in raw_found:
        line = text.count("\n", 0, index) + 1
        doc.unshowable.append(Unshowable(line, doc.path_at_line(line), char))
    for node, char in escaped:
        doc.unshowable.append(Unshowable(node.start_mark.line + 1, doc.path_of(node), char))
    return doc


CRASH_GUARD = 1000
"""Structure this deep could approach the depth at which the C parser overflows (tens of thousands)."""
_MAYBE_DEEP = re.compile(r"^ {%d}|(?:- ){%d}" % (CRASH_GUARD, CRASH_GUARD // 2), re.M)
_OPENS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken,
          yaml.BlockMappingStartToken)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _nesting_beyond_limit(text: str) -> int | None:
    """The line where nesting passes :data:`MAX_DEPTH`, or None.

    The C parser builds nodes recursively and overflows the stack (the process dies) on
    nesting some tens of thousands deep, which fits in a small file. Its scanner is not
    recursive: for text that could nest that deep (many brackets, or lines indented or
    dash-prefixed a thousand deep), count depth over the tokens first. Shallower text is safe
    to parse, and :func:`_build` refuses anything past :data:`MAX_DEPTH` itself.
    """
    if text.count("[") + text.count("{") <= CRASH_GUARD and not _MAYBE_DEEP.search(text):
        return None
    loader = _BaseLoader(text)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(token.start_mark.line) + 1
            elif isinstance(token, _CLOSES):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # newer libyaml stops deep nesting itself
            return int(exc.problem_mark.line) + 1 if exc.problem_mark else 1
        return None  # the parser reports it, with its line
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _build(
    node: yaml.Node, seen: set[int], depth: int, escaped: list[tuple[yaml.Node, str]], unreadable: list[YamlError]
) -> Any:
    if depth > MAX_DEPTH:
        raise YamlError(
            f"nesting deeper than {MAX_DEPTH} levels",
            node.start_mark.line + 1,
            "flatten the structure",
        )
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            # Raw characters were replaced before parsing; only a double-quoted escape
            # ("\x01", "\e") can still produce one.
            if node.style == '"' and (found := UNSHOWABLE.search(node.value)):
                escaped.append((node, found.group()))
                return UNSHOWABLE.sub(REPLACEMENT, node.value)
            return node.value
        if tag in _SCALAR_TAGS:
            try:
                return _constructor.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return node.value
        raise _unsupported_tag(node)
    # An alias hands back a node already seen: refusing it stops alias bombs before they grow.
    if id(node) in seen:
        raise YamlError(
            "YAML aliases (*name) are not accepted",
            node.start_mark.line + 1,
            "write the value out in full instead of referring to an anchor",
        )
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _unsupported_tag(node)
        items = []
        for item in node.value:
            try:
                items.append(_build(item, seen, depth + 1, escaped, unreadable))
            except DuplicateKey as exc:  # one entry of a list (a decision, say): the rest still count
                unreadable.append(exc)
                items.append(UNREADABLE)
        return items
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _unsupported_tag(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(
                    "YAML merge keys (<<) are not accepted",
                    key_node.start_mark.line + 1,
                    "write the keys out in full",
                )
            key = _build(key_node, seen, depth + 1, escaped, unreadable)
            if isinstance(key, (list, dict)):
                raise YamlError(
                    "a key must be a plain word, not a list or mapping",
                    key_node.start_mark.line + 1,
                    "use a simple key such as 'title:'",
                )
            if key in result:
                raise DuplicateKey(
                    f"duplicate key '{key}'",
                    key_node.start_mark.line + 1,
                    f"'{key}' appears twice in the same block; merge them into one",
                )
            result[key] = _build(value_node, seen, depth + 1, escaped, unreadable)
        return result
    raise YamlError("unsupported YAML node", node.start_mark.line + 1)  # pragma: no cover


_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:float",
}


def _unsupported_tag(node: yaml.Node) -> YamlError:
    return YamlError(
        f"the YAML tag '{node.tag}' is not accepted",
        node.start_mark.line + 1,
        "remove the '!' tag and write a plain value",
    )
