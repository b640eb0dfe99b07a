"""JSON output: one object, described by ``unlint/schema.json``.

Lines and columns are 1-based positions in the original file; ``end_column`` is exclusive.
A PDF's positions also give the ``page``, and then ``line`` is the line on that page; a Word
file's give the ``paragraph`` (or, in a footnote, the ``footnote``'s number), and ``column`` is
the character in it. A file's ``notices`` say how it was read (tracked changes accepted ...).
"""

from __future__ import annotations

import json

from unlint.diagnostics import Diagnostic
from unlint.output import portable
from unlint.source import Source

VERSION = 1


def _position(source: Source, offset: int, prefix: str = "") -> dict:
    """``line``/``column`` of an offset, with ``page``, ``paragraph`` or ``footnote`` where the
    file has them (keys prefixed, e.g. ``end_line``)."""
    location = source.locate(offset)
    line = location.unit_line if location.kind == "page" else location.line
    out = {f"{prefix}line": line, f"{prefix}column": location.column}
    if location.kind == "footnote":
        out[f"{prefix}footnote"] = location.number
    elif location.kind is not None:
        out[f"{prefix}{location.kind}"] = int(location.number)
    return out


def _fix(source: Source, fix) -> dict | None:
    if fix is None:
        return None
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [
            {"start": _position(source, e.start), "end": _position(source, e.end), "content": e.content}
            for e in fix.edits
        ],
    }


def diagnostic(source: Source, d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        **_position(source, d.start),
        **_position(source, d.end, "end_"),
        "fix": _fix(source, d.fix),
    }


def _file(source: Source, diagnostics: list[Diagnostic]) -> dict:
    out = {"path": portable(source.path), "diagnostics": [diagnostic(source, d) for d in diagnostics]}
    if source.notices:
        out["notices"] = list(source.notices)
    return out


def render(results: list[tuple[Source, list[Diagnostic]]]) -> str:
    """The whole report for every linted file, as one JSON document (with a final newline)."""
    files = [_file(source, diagnostics) for source, diagnostics in results]
    return json.dumps({"version": VERSION, "files": files}, indent=2, ensure_ascii=False) + "\n"
