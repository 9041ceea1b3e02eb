import datetime as dt

import pytest

from portfolio.yamlsafe import YamlError, parse_yaml


def test_plain_values_and_dates():
    doc = parse_yaml("a: 1\nb: true\nc: 2026-03-04\nd: text\ne: null\n")
    assert doc.value == {"a": 1, "b": True, "c": dt.date(2026, 3, 4), "d": "text", "e": None}


@pytest.mark.parametrize("text", ["1.10", "1.1", "no", "yes", "off", "on", "1e3"])
def test_ambiguous_yaml_11_scalars_stay_strings(text):
    assert parse_yaml(f"ref: {text}\n").value == {"ref": text}


def test_line_of_nested_field():
    doc = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n")
    assert doc.line_of(("a", "b", 1, "y")) == 4
    assert doc.line_of(("a", "missing")) == 2


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    with pytest.raises(YamlError) as caught:
        parse_yaml("\n".join(lines))
    assert "alias" in caught.value.message
    assert caught.value.line == 1


def test_duplicate_key_names_the_key_and_line():
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: a\ncriteria: [X/1.1]\ncriteria: [X/1.2]\n")
    assert caught.value.line == 3
    assert "criteria" in caught.value.message


@pytest.mark.parametrize("text", ["!!python/object/apply:os.system ['true']\n", "a: !custom x\n"])
def test_tags_are_refused(text):
    with pytest.raises(YamlError) as caught:
        parse_yaml(text)
    assert "tag" in caught.value.message


def test_merge_keys_are_refused():
    with pytest.raises(YamlError):
        parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n")


def test_syntax_error_has_a_line():
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.line is not None
    assert "syntax" in caught.value.message


def test_deep_nesting_is_refused():
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: " + "[" * 200 + "]" * 200)
    assert "nesting" in caught.value.message


def test_two_documents_are_refused():
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: 1\n---\nb: 2\n")
    assert "more than one" in caught.value.message


def test_nesting_deep_enough_to_overflow_the_parser_is_refused_not_fatal():
    import subprocess
    import sys

    # Run in a child: before the fix, the C parser's recursion killed the process outright.
    code = (
        "from portfolio.yamlsafe import parse_yaml, YamlError\n"
        "for text in ['x: ' + '[' * 50000 + ']' * 50000, '- ' * 50000 + 'x', 'a:\\n' + '  ' * 30000 + '[1]\\n']:\n"
        "    try:\n"
        "        parse_yaml(text)\n"
        "        print('parsed')\n"
        "    except YamlError as exc:\n"
        "        print(exc.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[:2] == ["nesting deeper than 40 levels"] * 2, out.stdout
