"""Every rule's specification: tests/cases/<CODE>.yaml, checked by unlint.testing (the format of
a case file is in that module's docstring; plugins use the same helper)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unlint.plugins import all_rules, plugin_manager
from unlint.testing import check_case, load_cases, rule_cases

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", rule_cases(CASES))
def test_rule_case(case):
    check_case(case)


def test_every_rule_has_a_failing_and_a_passing_case():
    specs = {}
    for path in CASES.glob("*.yaml"):
        cases = load_cases(path)
        assert {c.rule for c in cases} == {path.stem}, f"{path.name} holds cases for another rule"
        specs[path.stem] = cases
    missing = []
    for rule in all_rules(plugin_manager()):
        if rule.code in ("UL002", "UL005"):  # reported by the engine: test_plugins, test_robustness
            continue
        if rule.code == "FN011":  # PDF files only: its finding is tests/test_reader_pdf.py's
            if not specs.get(rule.code):
                missing.append(rule.code)
            continue
        cases = specs.get(rule.code, [])
        if not any(c.expect for c in cases) or not any(not c.expect for c in cases):
            missing.append(rule.code)
    assert not missing, f"rules without both a failing and a passing case: {missing}"


def test_rule_docs_are_complete():
    for rule in all_rules(plugin_manager()):
        assert rule.summary and len(rule.summary) < 100, rule.code
        assert "**Why" in rule.doc and "**Example" in rule.doc, f"{rule.code} doc lacks Why/Example"


def test_the_fix_column_of_unlint_rules_agrees_with_the_cases():
    """`unlint rules` reads each rule's fix from its documentation (**Fix safety.**): a rule
    whose cases apply a safe (or unsafe) fix must say so there, and a rule that says nothing
    must have no fixed case."""
    fixed: dict[str, set] = {}
    for path in CASES.glob("*.yaml"):
        for c in load_cases(path):
            if c.fixed is not None:
                fixed.setdefault(c.rule, set()).add("safe")
            if c.fixed_unsafe is not None:
                fixed.setdefault(c.rule, set()).add("unsafe")
    wrong = []
    for rule in all_rules(plugin_manager()):
        kinds = set(rule.fix.split("/")) if rule.fix else set()
        if "safe" in fixed.get(rule.code, ()) and "safe" not in kinds or (
                fixed.get(rule.code) and not kinds):
            wrong.append((rule.code, rule.fix, sorted(fixed[rule.code])))
    assert not wrong, f"rules whose **Fix safety.** section disagrees with their fixed cases: {wrong}"


def test_the_rule_pages_are_current():
    """docs/rules/CODE.md is what `unlint rule CODE` prints: regenerate it with
    `python -m unlint.ruledocs` when a rule's documentation changes."""
    from unlint.ruledocs import folder, page

    rules = {r.code: r for r in all_rules(plugin_manager())}
    pages = {p.stem: p.read_text(encoding="utf-8") for p in folder().glob("*.md")}
    assert set(pages) == set(rules), "run python -m unlint.ruledocs"
    stale = [code for code, r in rules.items() if pages[code] != page(r)]
    assert not stale, f"stale pages (run python -m unlint.ruledocs): {stale}"
