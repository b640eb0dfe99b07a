"""Suppression comments in Markdown, applied by the engine after the rules have run.

::

    <!-- unlint-disable ST002,PU001 -->        off from here ...
    <!-- unlint-enable ST002 -->               ... to here (a bare unlint-enable ends every disable)
    <!-- unlint-disable-next-line EN001 -->    off on the next line only
    <!-- unlint-disable FN008 -- footnote 3 is cited in the annex -->   a reason after "--"
    <!-- unlint-words Hunga Tonga -->          words the spelling rule (SP001) accepts here

Codes are rule codes or prefixes (``PU``). A diagnostic is suppressed when it starts inside a
disabled region of a matching code. A suppression that names no rule (UL003) or that suppressed
nothing although its rules ran (UL004) is reported itself; neither can be suppressed by a comment.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from unlint.analysis.words import LETTERS
from unlint.diagnostics import Diagnostic, Edit, Fix
from unlint.registry import rule

KINDS = ("disable", "enable", "disable-next-line", "words")  # "words": read by SP001
_COMMENT = re.compile(r"<!--[ \t]*unlint(?P<kind>[-\w]*)(?P<rest>(?:(?!-->)[^\n])*)-->")
_CODE = re.compile(r"[^\s,]+")
_PREFIX = re.compile(r"^[A-Z]{1,4}\d{0,3}$")


@rule("UL003", "invalid-suppression", "warning")
def invalid_suppression(doc, ctx):
    """A suppression comment that unlint cannot apply: unknown directive or rule code.

    **What it does.** Reports an ``<!-- unlint-... -->`` comment whose directive is not
    ``unlint-disable``, ``unlint-enable`` or ``unlint-disable-next-line``, a code that names no
    rule, a disable without codes, or an enable with no disable to end.

    **Why.** A misspelt suppression silences nothing, and the finding it was meant for comes
    back; or it silences more than intended. Either way the comment misleads the next editor.

    **Example.** ``<!-- unlint-disable ST02 -->`` (no rule has the code ST02).

    **Use instead.** ``<!-- unlint-disable ST002 -->``; ``unlint rules`` lists the codes.
    """
    return ()  # reported by the engine (unlint.suppressions.apply)


@rule("UL004", "unused-suppression", "warning")
def unused_suppression(doc, ctx):
    """A suppression comment that suppressed nothing.

    **What it does.** Reports a code in an ``<!-- unlint-disable ... -->`` comment when that
    rule ran and found nothing to suppress in the comment's range. A rule that was not run
    (not selected) is not reported.

    **Why.** Once the text is corrected, the comment only hides the next real defect.

    **Example.** ``<!-- unlint-disable-next-line ST002 -->`` before a paragraph that ends
    correctly.

    **Use instead.** Remove the comment, or the code that is no longer needed.

    **Fix safety.** Safe: the comment (or the unused code in it) is removed.
    """
    return ()  # reported by the engine (unlint.suppressions.apply)


RULES = (invalid_suppression, unused_suppression)


@dataclass
class _Entry:
    """One code of one disable comment, and the original range [start, end) it covers."""

    comment: _Comment
    code: str
    code_start: int
    start: int
    end: int
    used: bool = False


@dataclass
class _Comment:
    kind: str
    start: int
    end: int
    line_end: int  # offset of the end of the comment's line (its "\n"), or len(text)
    codes: list[tuple[str, int, int]] = field(default_factory=list)  # (code, start, end)
    entries: list[_Entry] = field(default_factory=list)


def apply(text: str, diagnostics: list[Diagnostic], known: set[str], active: set[str],
          wanted: dict[str, object]) -> list[Diagnostic]:
    """The diagnostics that no comment suppresses, plus UL003/UL004 for the comments themselves.

    ``known``: every registered rule code; ``active``: the codes that ran; ``wanted``: the
    suppression rules (UL003, UL004) that are selected, by code, with their severity.
    """
    if "unlint" not in text:
        return diagnostics
    comments = [_parse(m, text) for m in _COMMENT.finditer(text)]
    if not comments:
        return diagnostics
    problems: list[tuple] = []  # (code, message, start, end, fix)
    entries = _regions(text, comments, known, problems)
    out = []
    for d in diagnostics:
        entry = next((e for e in entries if e.start <= d.start < e.end and d.code.startswith(e.code)), None)
        if entry is None:
            out.append(d)
        else:
            entry.used = True
    for c in comments:
        unused = [e for e in c.entries
                  if not e.used and any(code.startswith(e.code) for code in active)]
        if not unused:
            continue
        fix = _removal(text, c, unused)
        for e in unused:
            where = "on the next line" if c.kind == "disable-next-line" else "in its range"
            problems.append(("UL004", f"unused suppression: {e.code} found nothing to suppress {where}",
                             e.code_start, e.code_start + len(e.code), fix))
    for code, message, start, end, fix in problems:
        r = wanted.get(code)
        if r is not None:
            out.append(Diagnostic(r.code, r.name, r.severity, message, start, end, fix))
    return out


def _parse(m: re.Match, text: str) -> _Comment:
    line_end = text.find("\n", m.end())
    c = _Comment(m["kind"].removeprefix("-"), m.start(), m.end(), len(text) if line_end < 0 else line_end)
    rest, base = m["rest"], m.start("rest")
    reason = re.search(r"(?:^|\s)--(?:\s|$)", rest)
    if reason:
        rest = rest[: reason.start()]
    c.codes = [(x.group(), base + x.start(), base + x.end()) for x in _CODE.finditer(rest)]
    return c


def inline_words(text: str) -> frozenset[str]:
    """The words of a Markdown text's ``<!-- unlint-words ... -->`` comments, lowercase (the
    spelling rules accept them)."""
    if "unlint-words" not in text:
        return frozenset()
    return frozenset(w.lower() for m in _COMMENT.finditer(text) if m["kind"] == "-words"
                     for w in LETTERS.findall(m["rest"]))


def _regions(text: str, comments: list[_Comment], known: set[str], problems: list) -> list[_Entry]:
    """The disabled ranges, in order; problems with the comments are added to ``problems``."""
    entries: list[_Entry] = []
    open_: list[_Entry] = []  # disable entries not yet ended
    for c in comments:
        if c.kind not in KINDS:
            close = difflib.get_close_matches(c.kind, KINDS, n=1)
            hint = f" (did you mean 'unlint-{close[0]}'?)" if close else ""
            problems.append(("UL003", f"unknown suppression 'unlint{'-' if c.kind else ''}{c.kind}'{hint}; "
                             f"use unlint-disable, unlint-enable, unlint-disable-next-line or unlint-words",
                             c.start, c.end, None))
            continue
        if c.kind == "words":
            continue  # words the spelling rule accepts, not codes (unlint.rules.spelling)
        codes = []
        for code, start, end in c.codes:
            if not _PREFIX.match(code) or not any(k.startswith(code) for k in known):
                problems.append(("UL003", f"unknown rule code {code!r} in suppression; "
                                 "'unlint rules' lists the codes", start, end, None))
            else:
                codes.append((code, start))
        if c.kind == "enable":
            ended = [e for e in open_ if not c.codes or any(e.code == code for code, _ in codes)]
            for e in ended:
                e.end = c.start
                open_.remove(e)
            if not ended and (codes or not c.codes):
                problems.append(("UL003", "unlint-enable ends no unlint-disable", c.start, c.end, None))
            continue
        if not c.codes:
            problems.append(("UL003", f"unlint-{c.kind} needs the codes to disable, e.g. "
                             f"<!-- unlint-{c.kind} ST002 -->", c.start, c.end, None))
            continue
        if c.kind == "disable":
            start, end = c.end, len(text)
        else:  # the next line
            start = min(c.line_end + 1, len(text))
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        for code, code_start in codes:
            e = _Entry(c, code, code_start, start, end)
            c.entries.append(e)
            entries.append(e)
            if c.kind == "disable":
                open_.append(e)
    return entries


def _removal(text: str, c: _Comment, unused: list[_Entry]) -> Fix:
    """Remove the unused codes from the comment, or the whole comment when none is left."""
    kept = [code for code, _, _ in c.codes if code not in {e.code for e in unused}]
    if kept:
        first, last = c.codes[0][1], c.codes[-1][2]
        return Fix("Remove the unused code from the suppression",
                   (Edit(first, last, ",".join(kept)),))
    line_start = text.rfind("\n", 0, c.start) + 1
    if not text[line_start : c.start].strip() and not text[c.end : c.line_end].strip():
        return Fix("Remove the unused suppression", (Edit(line_start, min(c.line_end + 1, len(text)), ""),))
    return Fix("Remove the unused suppression", (Edit(c.start, c.end, ""),))
