"""Every rule's specification: tests/cases/<CODE>.yaml, run by this one parametrized test.

A case file::

    rule: ST001
    cases:
      - name: a gap in the numbering
        format: markdown          # optional: markdown | pdf-text | text (default text)
        text: |
          ...
        expect:                   # every finding of this rule: line, column, message part
          - {line: 5, column: 1, message: "expected 2"}
        fixed: |                  # optional: the text after applying this rule's safe fixes
          ...
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from unlint.engine import load, lint_document
from unlint.fixes import apply_fixes
from unlint.plugins import all_rules, plugin_manager
from unlint.settings import Settings
from unlint.source import Source

CASES = Path(__file__).parent / "cases"
SUFFIX = {"markdown": "case.md", "pdf-text": "case.txt", "text": "case.txt"}


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _all_cases():
    for path in sorted(CASES.glob("*.yaml")):
        spec = _load(path)
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def _lint(code: str, case: dict):
    fmt = case.get("format", "text")
    source = Source(SUFFIX[fmt], case["text"])
    doc = load(source, fmt)
    return source, lint_document(doc, Settings(select=(code,)))


@pytest.mark.parametrize("code, case", list(_all_cases()))
def test_rule_case(code, case):
    source, diagnostics = _lint(code, case)
    found = [(*source.position(d.start), d.message) for d in diagnostics if d.code == code]
    expected = case.get("expect") or []
    assert [(line, col) for line, col, _ in found] == [(e["line"], e["column"]) for e in expected], found
    for (_, _, message), e in zip(found, expected):
        assert e.get("message", "") in message
    if "fixed" in case:
        fixed, count = apply_fixes(source.text, [d for d in diagnostics if d.code == code])
        assert count > 0
        assert fixed == case["fixed"]
        _, again = _lint(code, {**case, "text": fixed})
        assert [d for d in again if d.code == code and d.fix] == [], "fix is not idempotent"


def test_every_rule_has_a_failing_and_a_passing_case():
    specs = {}
    for path in CASES.glob("*.yaml"):
        spec = _load(path)
        assert path.stem == spec["rule"], f"{path.name} holds cases for {spec['rule']}"
        specs[spec["rule"]] = spec["cases"]
    missing = []
    for rule in all_rules(plugin_manager()):
        if rule.code in ("UL002",):  # reported by the engine, tested in test_plugins
            continue
        cases = specs.get(rule.code, [])
        if not any(c.get("expect") for c in cases) or not any(not c.get("expect") for c in cases):
            missing.append(rule.code)
    assert not missing, f"rules without both a failing and a passing case: {missing}"


def test_rule_docs_are_complete():
    for rule in all_rules(plugin_manager()):
        assert rule.summary and len(rule.summary) < 100, rule.code
        assert "**Why" in rule.doc and "**Example" in rule.doc, f"{rule.code} doc lacks Why/Example"
