"""What the analyses share about the text itself: the line around an offset, the part of the
document an offset is in, the quoted spans of a text, and the phrases of a knowledge table as
one regular expression."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right


class LineBounds:
    """(start, end) of the line that holds an offset (the end before its newline). The line
    breaks are found once, so asking for each of the many matches on one long line costs a
    bisection, not a scan of the line."""

    def __init__(self, text: str):
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)]
        self.size = len(text)

    def __call__(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.breaks, pos)  # the first line break at or after pos
        start = self.breaks[i - 1] + 1 if i else 0
        return start, self.breaks[i] if i < len(self.breaks) else self.size


_NEWLINE = re.compile("\n")
LOOKBACK = 3000  # characters: how far back in its line a citation looks for the body it belongs to


def phrases(items, longest_first: bool = False) -> str:
    """The alternation of ``items`` as written, each word escaped, any spaces between words
    ("took place" matches "took  place"); the longest first if asked (a name that another
    name ends with, "Assembly" in "General Assembly", must not win)."""
    if longest_first:
        items = sorted(items, key=len, reverse=True)
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in items)


class Zones:
    """Which part of the document a canonical offset is in: header, body, annex, note, other."""

    def __init__(self, doc):
        marks = [(f.start, f.start + len(f.text), "header", None) for f in doc.header.lines]
        marks += [(p.start, p.end, p.part, i) for i, p in enumerate(doc.paragraphs)]
        marks += [(n.start, n.start + len(n.text), "note", None) for n in doc.notes]
        marks.sort(key=lambda m: m[0])
        self.marks = marks
        self.starts = [m[0] for m in marks]

    def at(self, pos: int) -> tuple[str, int | None]:
        """(zone, index of the paragraph or None) at ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos <= self.marks[i][1]:
            return self.marks[i][2], self.marks[i][3]
        return "other", None


_QUOTED = re.compile(r"“[^“”\n]{1,400}”|\"[^\"\n]{1,400}\"")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside quotation marks (a title or a quotation), each at most 400
    characters and on one line."""
    if "“" not in text and '"' not in text:
        return []
    return [m.span() for m in _QUOTED.finditer(text)]
