"""The documentation page of each rule, ``docs/rules/CODE.md``: what ``unlint rule CODE`` prints,
what the language server links to, generated from the rules themselves.

    python -m unlint.ruledocs      # write docs/rules/ again (a test checks that it is current)
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


def page(rule) -> str:
    """The page of one rule: its code and name, its default severity and fix, its documentation."""
    opt_in = f", opt-in: enable with --select {rule.code}" if not rule.enabled else ""
    fix = f", fix: {rule.fix}" if rule.fix else ""
    return f"# {rule.code} [{rule.name}]\n\nDefault severity: {rule.severity.value}{fix}{opt_in}.\n\n{rule.doc.strip()}\n"


def folder() -> Path:
    """Where the pages are: docs/rules in a checkout, unlint/ruledocs when installed."""
    from unlint.resources import data_dir

    return data_dir("docs/rules")


@cache  # a stat per code, not per finding: the pages ship with unlint
def uri(code: str) -> str | None:
    """The URI of a rule's page (shipped with unlint), for the links of the language server,
    SARIF (``helpUri``) and the HTML report; None for a rule without one (a plugin's)."""
    path = folder() / f"{code}.md"
    return path.as_uri() if path.is_file() else None


def write_all(target: Path) -> list[str]:
    """Write the page of every built-in rule into ``target``, remove the pages of rules that
    are gone; the names written."""
    from unlint.plugins import all_rules, plugin_manager

    target.mkdir(parents=True, exist_ok=True)
    rules = [r for r in all_rules(plugin_manager()) if not r.code.startswith("XX")]
    names = []
    for r in rules:
        (target / f"{r.code}.md").write_text(page(r), encoding="utf-8")
        names.append(f"{r.code}.md")
    for old in target.glob("*.md"):
        if old.name not in names:
            old.unlink()
    return names


if __name__ == "__main__":
    written = write_all(Path(__file__).resolve().parent.parent / "docs" / "rules")
    print(f"wrote {len(written)} pages", file=sys.stderr)
