"""Text output: ``path:line:col: CODE [*] [name] message`` (``[*]``: ``--fix`` fixes it), the
source line, a caret line and the fix; a summary.

::

    draft.md:12:1: ST001 [operative-numbering] operative paragraph 4 skips the numbering: expected 3
      12 | 4. Decides to remain seized of the matter.
         | ^

A PDF is located by page, line on the page and column (``res.pdf:p3:12:5:``), a Word file by
paragraph and character (``draft.docx:¶12:5:``, a footnote ``draft.docx:fn2:5:``); the line
shown is the line of the page or the paragraph as unlint read it. What the reader has to say
about the file comes first, as ``path: note: ...`` (tracked changes read as accepted, pages
without text).
"""

from __future__ import annotations

import re

import unicodedata

from unlint.diagnostics import Applicability, Diagnostic
from unlint.output import printable
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


_LONG = 200  # characters: a longer line (a Word paragraph, a joined PDF line) is shown in part
_AROUND = 70


def _excerpt(text: str, col: int, stop: int) -> tuple[str, int, int]:
    """A long line cut to the part around the span, with "…" where it was cut; the columns
    moved to match."""
    if len(text) <= _LONG:
        return text, col, stop
    start = max(0, col - 1 - _AROUND)
    end = min(len(text), max(stop - 1, col) + _AROUND)
    head = "…" if start else ""
    tail = "…" if end < len(text) else ""
    shift = start - len(head)
    return head + text[start:end] + tail, col - shift, min(stop - shift, end - shift + 1)


def _gutter(location) -> str:
    """The line's number beside the source line: its line (on the page), ¶N, fnN."""
    if location.kind == "paragraph":
        return f"¶{location.number}"
    if location.kind == "footnote":
        return f"fn{location.number}"
    return str(location.unit_line if location.kind == "page" else location.line)


def render(source: Source, diagnostics: list[Diagnostic], colour: bool = False) -> str:
    """The reader's notes, then every diagnostic of one file, each with its source line and
    carets; '' if there is nothing to say."""
    path = printable(source.path)
    out = [f"{_paint(path + ':', '1', colour)} note: {printable(notice)}" for notice in source.notices]
    shown: dict[int, str] = {}  # line -> its text: many findings on one long line read it once
    for d in diagnostics:
        location = source.locate(d.start)
        line, col = location.line, location.column
        end_line, end_col = source.position(d.end)
        text = shown.get(line)
        if text is None:
            text = shown[line] = _visible(source.line_text(line))
        stop = end_col if end_line == line else len(text) + 1
        text, col, stop = _excerpt(text, col, stop)
        carets = max(1, sum(_width(c) for c in text[col - 1 : stop - 1]))
        level = d.severity.value
        where = _paint(f"{path}:{location.label()}:", "1", colour)
        out.append(f"{where} {_paint(d.code, _COLOURS[level], colour)}{_mark(d)} [{d.rule}] {printable(d.message)}")
        number = _gutter(location)
        gutter = " " * len(number)
        out.append(f"  {number} | {text}")
        out.append(f"  {gutter} | {_pad(text[: col - 1])}{_paint('^' * carets, _COLOURS[level], colour)}")
        if d.fix is not None:
            kind = "" if d.fix.applicability is Applicability.SAFE else f" ({d.fix.applicability.value})"
            out.append(f"  {gutter} = fix{kind}: {printable(d.fix.title)}")
    return "\n".join(out) + "\n" if out else ""


def _mark(d: Diagnostic) -> str:
    """`` [*]`` after the code of a finding that ``--fix`` fixes."""
    return " [*]" if d.fix is not None and d.fix.applicability is Applicability.SAFE else ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(counts: dict[str, int], files: int, failed: int = 0, missing: int = 0,
            checked: int | None = None) -> str:
    """``Found N problems (E errors, W warnings, I infos) in F of C files`` or ``All checks
    passed (C files)``.

    ``counts`` maps a severity value to its number of diagnostics; ``files`` is the number of
    files with problems, ``checked`` of files linted; ``failed`` the number of files that could
    not be linted; ``missing`` the number of paths named that do not exist.
    """
    total = sum(counts.values())
    if total:
        parts = ", ".join(_count(counts.get(k, 0), k) for k in ("error", "warning", "info"))
        of = _count(files, "file") if checked in (None, files) else f"{files} of {_count(checked, 'file')}"
        line = f"Found {_count(total, 'problem')} ({parts}) in {of}"
    else:
        line = "All checks passed" if not (failed or missing) else "No problems found"
        if checked is not None and not (failed or missing):
            line += f" ({_count(checked, 'file')})"
    if failed:
        line += f"; {_count(failed, 'file')} could not be linted"
    if missing:
        line += f"; {_count(missing, 'path')} not found"
    return line + "\n"


def concise(source: Source, diagnostics: list[Diagnostic], colour: bool = False) -> str:
    """``--format concise``: one line per finding, ``path:line:col: CODE [*] message`` (``[*]``:
    a fix ``--fix`` applies)."""
    path = printable(source.path)
    out = []
    for d in diagnostics:
        where = _paint(f"{path}:{source.locate(d.start).label()}:", "1", colour)
        out.append(f"{where} {_paint(d.code, _COLOURS[d.severity.value], colour)}{_mark(d)} {printable(d.message)}")
    return "\n".join(out) + "\n" if out else ""


def statistics(rows: dict[str, list]) -> str:
    """``--statistics``: per rule, most found first: count, code, name, and how many are fixable."""
    lines = [f"{n:>6}  {code}  [{name}]" + (f"  {fixable} fixable" if fixable else "")
             for code, (name, n, fixable) in sorted(rows.items(), key=lambda r: (-r[1][1], r[0]))]
    return "\n".join(lines) + "\n" if lines else ""


def rule_table(rules) -> str:
    """``unlint rules``: a heading, then one line per rule: code, name, severity, the kind of
    fix it has (:attr:`Rule.fix`) and summary."""
    width = max((len(r.name) for r in rules), default=0)
    lines = [f"{'code':<5}  {'name':<{width}}  {'level':<7}  {'fix':<11}  summary"]
    for r in rules:
        mark = "(opt-in) " if not r.enabled else ""
        lines.append(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.fix or '-':<11}  {mark}{r.summary}")
    if any(not r.enabled for r in rules):
        lines.append("\nOpt-in rules run only when selected, e.g. --select CODE.")
    return "\n".join(lines) + "\n"


def for_terminal(doc: str, colour: bool) -> str:
    """A rule's documentation for a terminal: ``**Why.**`` in bold (or plain), ````code```` plain."""
    doc = re.sub(r"``(.+?)``", r"\1", doc, flags=re.S)
    return re.sub(r"\*\*(.+?)\*\*", "\x1b[1m\\1\x1b[0m" if colour else r"\1", doc)
