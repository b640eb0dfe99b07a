"""unlint.testing: a plugin author checks their rules with case files, as unlint does."""

from __future__ import annotations

import sys
import textwrap

import pytest

from unlint.testing import check_case, load_cases, rule_cases

PLUGIN = '''
import re

from unlint.diagnostics import Finding
from unlint.hookspecs import hookimpl
from unlint.registry import rule


@rule("HS901", "todo-marker", "warning")
def todo_marker(doc, ctx):
    """A "TODO" marker left in the text.

    **Why.** Tests. **Example.** TODO.
    """
    for m in re.finditer(r"TODO", doc.source.text):
        yield Finding(m.start(), m.end(), "TODO marker left in the text")


@hookimpl
def unlint_rules():
    return [todo_marker]
'''

CASES = """\
rule: HS901
cases:
  - name: a marker
    config: {plugins: [unlint_test_cases_plugin]}
    text: |
      The General Assembly,

      1. Decides TODO to act.
    expect:
      - {line: 3, column: {column}, message: "TODO marker"}
  - name: no marker
    config: {plugins: [unlint_test_cases_plugin]}
    text: |
      The General Assembly,

      1. Decides to act.
"""


@pytest.fixture
def cases(tmp_path, monkeypatch):
    (tmp_path / "unlint_test_cases_plugin.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("unlint_test_cases_plugin", None)


def write(folder, column: int):
    (folder / "HS901.yaml").write_text(CASES.replace("{column}", str(column)), encoding="utf-8")


def test_a_plugins_cases_pass_through_the_helper(cases):
    write(cases, 12)
    params = rule_cases(cases)
    assert [p.id for p in params] == ["HS901-a marker", "HS901-no marker"]
    for param in params:
        check_case(*param.values)


def test_a_wrong_expectation_fails_with_what_was_found(cases):
    write(cases, 13)
    case = load_cases(cases / "HS901.yaml")[0]
    with pytest.raises(AssertionError, match=r"expected findings at \[\(3, 13\)\], found \[\(3, 12, "):
        check_case(case)


def test_unknown_config_keys_are_refused(tmp_path):
    (tmp_path / "X.yaml").write_text("rule: ST001\ncases:\n  - name: x\n    config: {selct: [ST]}\n"
                                     "    text: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown config keys"):
        load_cases(tmp_path / "X.yaml")


def test_unknown_case_keys_are_refused(tmp_path):
    """A misspelt key ("fixd:") would otherwise leave a fix untested without a word."""
    (tmp_path / "X.yaml").write_text("rule: ST001\ncases:\n  - name: x\n    text: x\n    fixd: y\n",
                                     encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown keys \['fixd'\]"):
        load_cases(tmp_path / "X.yaml")


def test_the_unsafe_fix_is_checked_when_the_case_gives_it(tmp_path):
    text = ("      The General Assembly,\n\n      Recalling its resolution 74/54 of 19 December 2019,\n\n"
            "      1. Decides to remain seized of the matter.\n")
    case = ("rule: CI010\ncases:\n  - name: x\n    text: |\n" + text
            + "    expect:\n      - {line: 3, column: 26}\n    fixed-unsafe: |\n"
            + text.replace("19 December", "{day} December"))
    (tmp_path / "CI010.yaml").write_text(case.replace("{day}", "12"), encoding="utf-8")
    check_case(load_cases(tmp_path / "CI010.yaml")[0])
    (tmp_path / "CI010.yaml").write_text(case.replace("{day}", "13"), encoding="utf-8")
    with pytest.raises(AssertionError, match="the fixed text differs"):
        check_case(load_cases(tmp_path / "CI010.yaml")[0])
