"""What the analyses share about the text itself: the line around an offset, the part of the
document an offset is in, and the phrases of a knowledge table as one regular expression."""

from __future__ import annotations

import re
from bisect import bisect_right


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line that holds ``pos`` (the end before its newline)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


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
