"""Block-level Markdown: YAML front matter, HTML comments, and the lines cut into blocks.

:func:`front_matter` reads the YAML front matter at the top into :attr:`Reading.meta` (simple
``key: value`` lines; folded and listed values kept as text). :class:`Comments` finds the HTML
comments (``<!-- ... -->``) in one pass. :func:`scan_markdown` cuts the lines into blocks
(:class:`~unlint.readers.markdown_blocks.Block`): headings, footnote definitions
(``<sup>N</sup> text`` or ``[^N]: text``, with their continuation lines) and text blocks (lines
between blank lines, or lines holding only comments); page rules (``---``) separate blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from unlint.readers.markdown_blocks import Block, TextLine, content_span, iter_lines

_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+$")
_RULE = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_DEF_SUP = re.compile(r"<sup>[ \t]*(\d{1,4}|\*{1,3}|[†‡])[ \t]*</sup>[ \t]*")
_DEF_FN = re.compile(r"\[\^([^\]\s]{1,12})\]:[ \t]*")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def front_matter(text: str) -> tuple[dict, int, bool]:
    """YAML front matter at the very top: (meta, offset after it, closed?)."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return {}, 0, True
    meta: dict[str, str] = {}
    last_key = None
    for start, end in iter_lines(text):
        if start == 0:
            continue
        line = text[start:end]
        if line.rstrip() in ("---", "..."):
            nl = text.find("\n", end)
            return meta, (len(text) if nl == -1 else nl + 1), True
        m = _FRONT_KEY.match(line)
        if m and not line[:1].isspace():
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            elif value in ("|", ">", "|-", ">-", "|+", ">+"):  # a block value follows
                value = ""
            meta[m.group(1)] = value
            last_key = m.group(1)
        elif last_key and line.strip():  # a folded or listed value: keep it as text
            meta[last_key] = (meta[last_key] + " " + line.strip()).strip()
    return {}, 0, False


class Comments:
    """The HTML comments of a text (``<!-- ... -->``; as in CommonMark, ``<!-->`` and ``<!--->``
    too), found in one pass: trimmed off the ends of a line's content, cut out inside it."""

    def __init__(self, text: str, start: int) -> None:
        spans = []
        find = text.find
        i = find("<!--", start)
        while i != -1:
            if text.startswith(">", i + 4) or text.startswith("->", i + 4):
                end = i + 5 if text[i + 4] == ">" else i + 6
            else:
                close = find("-->", i + 4)
                if close == -1:  # unclosed: text, and no later comment can close either
                    break
                end = close + 3
            spans.append((i, end))
            i = find("<!--", end)
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def within(self, s: int, e: int) -> list[tuple[int, int]]:
        """The comments inside ``[s, e)``."""
        k = bisect_right(self.starts, s - 1)
        out = []
        while k < len(self.spans) and self.spans[k][1] <= e:
            out.append(self.spans[k])
            k += 1
        return out

    def trim(self, text: str, s: int, e: int) -> tuple[int, int, bool]:
        """``[s, e)`` without the comments (and blanks) at its ends; True when the end was cut."""
        cut = False
        while s < e:
            i = bisect_right(self.starts, s) - 1
            if i < 0 or self.spans[i][1] <= s:
                break
            s = self.spans[i][1]
            while s < e and text[s] in " \t\u00a0":
                s += 1
        while s < e:
            i = bisect_right(self.starts, e - 1) - 1
            if i < 0 or self.spans[i][1] < e:
                break
            e, cut = max(s, self.spans[i][0]), True
            while e > s and text[e - 1] in " \t\u00a0":
                e -= 1
        return s, e, cut


def scan_markdown(text: str, start: int, comments: Comments | None = None) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None  # the open text or def block
    blank_before = True
    comments = comments or Comments(text, start)
    for ls, le in iter_lines(text):
        if ls < start:
            continue
        s, e, trailing = content_span(text, ls, le)
        if comments.spans and s < e:
            s, e, cut = comments.trim(text, s, e)
            trailing = 0 if cut else trailing
        if s >= e:  # blank, or only comments: a block ends here
            current = None
            blank_before = True
            continue
        was_blank, blank_before = blank_before, False
        if _RULE.match(text, s, e):
            current = None
            blank_before = True
            continue
        m = _HEADING.match(text, s, e)
        if m:
            c = _HEADING_CLOSE.search(text, m.end(), e)
            hs, he = m.end(), c.start() if c else e
            if comments.spans:
                hs, he, _ = comments.trim(text, hs, he)
            blocks.append(Block("heading", [TextLine(hs, max(hs, he))]))
            current = None
            continue
        m = _DEF_SUP.match(text, s, e) or _DEF_FN.match(text, s, e)
        if m:
            ds = comments.trim(text, m.end(), e)[0] if comments.spans else m.end()
            current = Block(
                "def", [TextLine(ds, e)], label=m.span(1),
                adjacent=not was_blank and bool(blocks) and blocks[-1].kind == "def",
            )
            blocks.append(current)
            continue
        hard = trailing >= 2
        if text[e - 1] == "\\" and (e - 1 == s or text[e - 2] != "\\") and e == le:
            hard, e = True, e - 1
        if current is None:
            current = Block("text", [])
            blocks.append(current)
        current.lines.append(TextLine(s, e, hard))
    return blocks
