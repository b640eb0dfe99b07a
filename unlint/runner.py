"""The built-in implementation of the ``unlint_check`` hook: run each rule in isolation."""

from __future__ import annotations

import traceback

from unlint.diagnostics import Diagnostic, Severity
from unlint.hookspecs import hookimpl


@hookimpl
def unlint_check(document, context, rules):
    """Run each rule in isolation: a crashing rule becomes a UL002 diagnostic, not a crash."""
    out: list[Diagnostic] = []
    for rule in rules:
        try:
            for f in rule.check(document, context):
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
