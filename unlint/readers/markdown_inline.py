"""Inline Markdown: one canonical line with its markup removed, its italics and references kept.

``*italic*`` and ``**bold**`` (the ``*`` runs paired as CommonMark pairs them: an opener before
a non-blank, a closer after one), ``<sup>N</sup>`` and ``[^N]`` references (recorded, cut out
later by :class:`~unlint.readers.markdown_emit.Emitter`), backslash escapes, HTML entities and
the inline HTML tags a converter writes (dropped), and HTML comments inside the line (cut out
with one of the blanks around them).
"""

from __future__ import annotations

import re

from unlint.readers.markdown_emit import Line
from unlint.readers.markdown_scan import Comments

_INLINE = re.compile(
    r"(?=[<\[*\\&])"  # every form starts with one of these: the scan skips other text fast
    r"(?:(?P<sup><sup>[ \t]*(?P<suplabel>\d{1,4}|\*{1,3}|[†‡])[ \t]*</sup>)"
    r"|(?P<fn>\[\^(?P<fnlabel>[^\]\s]{1,12})\])"
    r"|(?P<stars>\*+)"
    r"|(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<tag></?(?:sup|sub|br|em|i|b|strong|u|span|small)\b[^<>\n]{0,80}>)"
    r"|(?P<ent>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);))"
)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


class _Comment:
    """A comment inside a line, as a token of :func:`markdown_inline` (like a regex match)."""

    lastgroup = "comment"
    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def markdown_inline(original: str, spans: list[tuple[int, int]], comments: Comments | None = None) -> Line:
    """Strip inline markup from one canonical line; record italics and references."""
    line = Line()
    tokens = []  # (span index, match)
    for i, (s, e) in enumerate(spans):
        inside = comments.within(s, e) if comments is not None and comments.spans else ()
        if not inside:
            tokens.extend((i, m) for m in _INLINE.finditer(original, s, e))
            continue
        cursor = s
        for a, b in inside:  # markup inside a comment is not markup
            tokens.extend((i, m) for m in _INLINE.finditer(original, cursor, a))
            tokens.append((i, _Comment(a, b)))
            cursor = b
        tokens.extend((i, m) for m in _INLINE.finditer(original, cursor, e))
    # pair the * runs: openers are followed by non-space, closers preceded by non-space
    last = len(spans) - 1
    used: dict[int, int] = {}  # token index -> delimiter characters consumed
    italic_pairs: list[tuple[int, int]] = []
    opens: set[int] = set()
    stack: list[list[int]] = []  # [token index, characters left]
    for t, (i, m) in enumerate(tokens):
        if m.lastgroup != "stars":
            continue
        s, e = spans[i]
        before = original[m.start() - 1] if m.start() > s else (" " if i else "")
        after = original[m.end()] if m.end() < e else (" " if i < last else "")
        count = m.end() - m.start()
        if before.strip():  # can close
            while count and stack:
                opener = stack[-1]
                n = 2 if count >= 2 and opener[1] >= 2 else 1
                if n == 1:
                    italic_pairs.append((opener[0], t))
                used[opener[0]] = used.get(opener[0], 0) + n
                used[t] = used.get(t, 0) + n
                opener[1] -= n
                count -= n
                if not opener[1]:
                    stack.pop()
        if count and after.strip():
            stack.append([t, count])
            opens.add(t)
    # emit
    pos = {}
    t = 0
    for i, (s, e) in enumerate(spans):
        if i:
            line.insert(" ", spans[i - 1][1])
        cursor = s
        while t < len(tokens) and tokens[t][0] == i:
            m = tokens[t][1]
            line.copy(original, cursor, m.start())
            kind = m.lastgroup
            if kind == "stars":
                literal = (m.end() - m.start()) - used.get(t, 0)
                if t in opens:
                    line.copy(original, m.start(), m.start() + literal)
                    pos[t] = line.length
                else:
                    pos[t] = line.length
                    line.copy(original, m.end() - literal, m.end())
            elif kind == "sup" or kind == "fn":
                label = m.group("suplabel") if kind == "sup" else m.group("fnlabel")
                line.mark(label, m.start(), m.end())
            elif kind == "esc":
                line.copy(original, m.start() + 1, m.end())
            elif kind == "ent":
                name = m.group()[1:-1]
                if name[0] != "#":
                    line.insert(_ENTITIES[name], m.start())
                else:
                    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
                    if code <= 0x10FFFF:
                        line.insert(chr(code), m.start())
                    else:
                        line.copy(original, m.start(), m.end())
            # "tag" and "comment": dropped
            cursor = m.end()
            if kind == "comment" and cursor < e and original[cursor] in " \t" and (
                line.length and line.parts[-1][1][-1] in " \t"
            ):
                cursor += 1  # "text <!-- x --> more": one blank stays
            t += 1
        line.copy(original, cursor, e)
    for a, b in italic_pairs:
        if pos[b] > pos[a]:
            line.italics.append((pos[a], pos[b]))
    line.italics.sort()
    return line
