"""Fixes: apply the edits, re-lint until stable, show a diff, write the file back safely.

* :func:`apply_fixes`: one pass; edits sorted, a fix that overlaps one already taken is
  skipped (the next pass sees its finding again); display-only fixes are never applied.
* :func:`fix_until_stable`: passes until no fix applies; reports when it does not converge
  (a cycle, or still fixing after ``MAX_PASSES``).
* :func:`unified_diff`: what a fix run would change, as ``git apply`` reads it.
* :func:`encode`: the fixed text in the file's own encoding, BOM and line endings, for
  :func:`unlint.safewrite.replace_file` to write.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass
from typing import Callable

from unlint.diagnostics import Diagnostic
from unlint.source import Source

MAX_PASSES = 10
_LONE_LF = re.compile(r"(?<!\r)\n")


def apply_fixes(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """Return (new text, number of fixes applied). Display-only fixes are never applied.

    A fix is all-or-nothing: it is skipped when any of its edits would touch text that an
    earlier fix edited, or insert at the very point where an earlier edit ended (two
    insertions at one place would be applied in an arbitrary order).
    """
    fixes = [d.fix for d in diagnostics if d.fix and d.fix.edits and d.fix.applicability.applies(unsafe)]
    fixes.sort(key=lambda f: min((e.start, e.end) for e in f.edits))
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    out, cursor, applied, last_empty = [], 0, 0, False
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue  # a fix whose own edits overlap is broken: never apply it
        first = edits[0]
        if first.start < cursor or (applied and first.start == cursor and (last_empty or first.start == first.end)):
            continue  # overlaps a fix already taken: the next pass will see it again
        for edit in edits:
            out.append(text[cursor : edit.start])
            out.append(_LONE_LF.sub("\r\n", edit.content) if crlf else edit.content)
            cursor = edit.end
        last_empty = edits[-1].start == edits[-1].end
        applied += 1
    out.append(text[cursor:])
    return "".join(out), applied


@dataclass
class FixResult:
    text: str  # the fixed text (the input when nothing applied)
    applied: int  # fixes applied over all passes
    diagnostics: list[Diagnostic]  # the findings that remain in ``text``
    converged: bool  # False: fixes kept coming after MAX_PASSES passes, or went round in a cycle
    passes: int = 0


def fix_until_stable(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False,
                     max_passes: int = MAX_PASSES, diagnostics: list[Diagnostic] | None = None) -> FixResult:
    """Lint, apply the fixes, lint again ... until no fix applies (at most ``max_passes``).

    ``diagnostics``: those of ``text`` when the caller has them already.
    """
    if diagnostics is None:
        diagnostics = lint(text)
    applied, seen = 0, {_digest(text)}
    for passes in range(max_passes):
        new, n = apply_fixes(text, diagnostics, unsafe)
        if n == 0 or new == text:
            return FixResult(text, applied, diagnostics, True, passes)
        applied += n
        text = new
        diagnostics = lint(text)
        if _digest(text) in seen:  # back to an earlier text: two fixes undo each other
            return FixResult(text, applied, diagnostics, False, passes + 1)
        seen.add(_digest(text))
    converged = apply_fixes(text, diagnostics, unsafe)[1] == 0
    return FixResult(text, applied, diagnostics, converged, max_passes)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff of one file (``--- a/path``, ``+++ b/path``), or '' when nothing changed."""
    if old == new:
        return ""
    name = path.replace(os.sep, "/").lstrip("/")
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """The lines of a file as git and patch count them: ended by "\n" alone (a form feed,
    U+2028, U+0085 or a lone "\r" is inside a line, not the end of one)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def encode(text: str, source: Source, original: bytes) -> bytes:
    """``text`` in the encoding the original file was read in, with its BOM if it had one."""
    if source.encoding == "utf-16":
        bom = original[:2]
        return bom + text.encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if source.has_bom else data


def writable(source: Source, original: bytes) -> bool:
    """True when the source's text is exactly what the file holds (encoded back, byte for byte).

    A document extracted from a PDF or a .docx is not: its fixes are shown, never written.
    """
    if getattr(source, "kind", "text") != "text":  # built by the PDF or Word reader
        return False
    try:
        return encode(source.text, source, original) == original
    except (UnicodeError, ValueError):
        return False
