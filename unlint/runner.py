"""The built-in implementation of the ``unlint_check`` hook: run each rule in isolation."""

from __future__ import annotations

import traceback

from unlint.diagnostics import Diagnostic, Severity
from unlint.hookspecs import hookimpl


MAX_FINDINGS = 1000  # of one rule in one file: past it, the rule stops and UL005 says so


@hookimpl
def unlint_check(document, context, rules):
    """Run each rule in isolation: a crashing rule becomes a UL002 diagnostic, not a crash; a
    rule stops after MAX_FINDINGS findings (UL005), so a hostile file cannot make a report of
    millions of lines."""
    out: list[Diagnostic] = []
    for rule in rules:
        try:
            for n, f in enumerate(rule.check(document, context)):
                if n == MAX_FINDINGS:
                    out.append(Diagnostic(
                        "UL005", "too-many-findings", Severity.INFO,
                        f"{rule.code} [{rule.name}] stopped after {MAX_FINDINGS:,} findings in this "
                        f"file: fix those and run unlint again", f.start, f.end))
                    break
                out.append(Diagnostic(rule.code, rule.name, rule.severity, f.message,
                                      f.start, f.end, f.fix))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(Diagnostic(
                "UL002", "internal-error", Severity.ERROR,
                f"rule {rule.code} [{rule.name}] failed: {exc!r} at "
                f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}; please report it",
                0, 0,
            ))
    return out
