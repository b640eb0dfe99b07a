"""Text output: ``path:line:col: CODE [name] message``, the source line, a caret line; a summary.

::

    draft.md:12:1: ST001 [operative-numbering] operative paragraph 4 skips the numbering: expected 3
      12 | 4. Decides to remain seized of the matter.
         | ^
"""

from __future__ import annotations

import unicodedata

from unlint.diagnostics import Diagnostic
from unlint.source import Source

_COLOURS = {"error": "1;31", "warning": "1;33", "info": "1;36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _width(char: str) -> int:
    """Terminal columns a character takes: 0 for combining marks, 2 for wide (CJK) ones."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _pad(prefix: str) -> str:
    """Blank space as wide as ``prefix`` on screen (tabs kept, so the caret lines up)."""
    return "".join("\t" if c == "\t" else " " * _width(c) for c in prefix)


def _visible(line: str) -> str:
    """The line with control characters (form feeds, escapes) shown as U+FFFD, one for one."""
    if line.isprintable():
        return line
    return "".join(c if c == "\t" or unicodedata.category(c) != "Cc" else "\ufffd" for c in line)


def render(source: Source, diagnostics: list[Diagnostic], colour: bool = False) -> str:
    """Every diagnostic of one file, each with its source line and carets; '' if none."""
    out = []
    for d in diagnostics:
        line, col = source.position(d.start)
        end_line, end_col = source.position(d.end)
        text = _visible(source.line_text(line))
        stop = end_col if end_line == line else len(text) + 1
        carets = max(1, sum(_width(c) for c in text[col - 1 : stop - 1]))
        level = d.severity.value
        where = _paint(f"{source.path}:{line}:{col}:", "1", colour)
        out.append(f"{where} {_paint(d.code, _COLOURS[level], colour)} [{d.rule}] {d.message}")
        gutter = " " * len(str(line))
        out.append(f"  {line} | {text}")
        out.append(f"  {gutter} | {_pad(text[: col - 1])}{_paint('^' * carets, _COLOURS[level], colour)}")
        if d.fix is not None:
            kind = "" if d.fix.applicability == "safe" else f" ({d.fix.applicability})"
            out.append(f"  {gutter} = fix{kind}: {d.fix.title}")
    return "\n".join(out) + "\n" if out else ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(counts: dict[str, int], files: int, failed: int = 0) -> str:
    """``Found N problems (E errors, W warnings, I infos) in F files`` or ``All checks passed``.

    ``counts`` maps a severity value to its number of diagnostics; ``files`` is the number of
    files with problems; ``failed`` the number of files that could not be linted.
    """
    total = sum(counts.values())
    if total:
        parts = ", ".join(_count(counts.get(k, 0), k) for k in ("error", "warning", "info"))
        line = f"Found {_count(total, 'problem')} ({parts}) in {_count(files, 'file')}"
    else:
        line = "All checks passed" if not failed else "No problems found"
    if failed:
        line += f"; {_count(failed, 'file')} could not be linted"
    return line + "\n"
