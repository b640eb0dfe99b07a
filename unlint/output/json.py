"""JSON output: one object, described by ``unlint/schema.json``.

Lines and columns are 1-based positions in the original file; ``end_column`` is exclusive.
"""

from __future__ import annotations

import json

from unlint.diagnostics import Diagnostic
from unlint.source import Source

VERSION = 1


def _position(source: Source, offset: int) -> dict:
    line, column = source.position(offset)
    return {"line": line, "column": column}


def _fix(source: Source, fix) -> dict | None:
    if fix is None:
        return None
    return {
        "title": fix.title,
        "applicability": fix.applicability,
        "edits": [
            {"start": _position(source, e.start), "end": _position(source, e.end), "content": e.content}
            for e in fix.edits
        ],
    }


def diagnostic(source: Source, d: Diagnostic) -> dict:
    line, column = source.position(d.start)
    end_line, end_column = source.position(d.end)
    return {
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "fix": _fix(source, d.fix),
    }


def render(results: list[tuple[Source, list[Diagnostic]]]) -> str:
    """The whole report for every linted file, as one JSON document (with a final newline)."""
    files = [
        {"path": source.path, "diagnostics": [diagnostic(source, d) for d in diagnostics]}
        for source, diagnostics in results
    ]
    return json.dumps({"version": VERSION, "files": files}, indent=2, ensure_ascii=False) + "\n"
