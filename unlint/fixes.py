"""Apply fixes to the original text: edits sorted, overlapping ones skipped."""

from __future__ import annotations

from unlint.diagnostics import Diagnostic


def apply_fixes(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """Return (new text, number of fixes applied). Display-only fixes are never applied."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    fixes = [d.fix for d in diagnostics if d.fix and d.fix.applicability in allowed]
    fixes.sort(key=lambda f: min(e.start for e in f.edits))
    out, cursor, applied = [], 0, 0
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if edits[0].start < cursor:
            continue  # overlaps a fix already taken: the next run will see it again
        for edit in edits:
            out.append(text[cursor : edit.start])
            out.append(edit.content)
            cursor = edit.end
        applied += 1
    out.append(text[cursor:])
    return "".join(out), applied
