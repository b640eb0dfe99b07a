"""SARIF 2.1.0 output (``--format sarif``): for GitHub code scanning and other SARIF viewers.

One run: the tool driver lists every rule (code, name, summary, documentation, default level),
each result has its rule, level, message, location (1-based lines and columns counted in
Unicode code points, ``columnKind: unicodeCodePoints``), a fingerprint that survives edits
elsewhere in the file (the baseline's), and the fixes that may be applied (safe and unsafe).
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from unlint import __version__, ruledocs
from unlint.baseline import fingerprint
from unlint.diagnostics import Applicability, Diagnostic
from unlint.registry import FAMILIES
from unlint.source import Source

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _artifact(path: str) -> dict:
    """The file as a URI: its bytes percent-encoded, so a name that is not UTF-8 is exact too."""
    if os.path.isabs(path):
        return {"uri": _file_uri(path)}
    return {"uri": quote(os.fsencode(path.replace(os.sep, "/"))), "uriBaseId": SRCROOT}


def _file_uri(path: str) -> str:
    if os.name != "posix":
        from pathlib import Path

        return Path(path).as_uri()
    return "file://" + quote(os.fsencode(path))


def _region(source: Source, start: int, end: int) -> dict:
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _rule(r) -> dict:
    family = FAMILIES.get(r.code[:2])
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc or r.summary},
        "help": {"text": r.doc or r.summary, "markdown": r.doc or r.summary},
        **({"helpUri": page} if (page := ruledocs.uri(r.code)) else {}),
        "defaultConfiguration": {"level": LEVELS[r.severity.value], "enabled": r.enabled},
        "properties": {"tags": [family] if family else []},
    }


def _result(source: Source, d: Diagnostic, index: dict[str, int]) -> dict:
    location = {"physicalLocation": {"artifactLocation": _artifact(source.path),
                                     "region": _region(source, d.start, d.end)}}
    out = {"ruleId": d.code}
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    out.update({
        "level": LEVELS[d.severity.value],
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {"unlintFingerprint/v1": fingerprint(source, d)},
    })
    if d.fix is not None and d.fix.applicability is not Applicability.DISPLAY:
        out["fixes"] = [{
            "description": {"text": d.fix.title},
            "artifactChanges": [{
                "artifactLocation": _artifact(source.path),
                "replacements": [{"deletedRegion": _region(source, e.start, e.end),
                                  "insertedContent": {"text": e.content}} for e in d.fix.edits],
            }],
            "properties": {"applicability": d.fix.applicability.value},
        }]
    elif d.fix is not None:  # display-only (the text is not the file's own): shown, not a proposed edit
        out["properties"] = {"fix": {"title": d.fix.title, "applicability": d.fix.applicability.value}}
    return out


def render(results: list[tuple[Source, list[Diagnostic]]], rules: list) -> str:
    """The SARIF log of one run over every linted file; ``rules`` are all the known rules."""
    rules = sorted({r.code: r for r in rules}.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "unlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(r) for r in rules],
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": _file_uri(os.getcwd()).rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(source, d, index) for source, diagnostics in results for d in diagnostics],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
