"""Abbreviations: where a document defines each one ("United Nations Development Programme
(UNDP)") and where it uses it, read once per document for the CO rules (``ctx.abbreviations``).

A definition is a name of capitalised words (with the small words of names between them)
followed by the abbreviation in brackets: two capitals or more ("UNDP", "UN-Women",
"INTERPOL", "MONUSCO"), whose first letter starts a word of the name. "Assistant GS (OL)" in a
staffing table is no definition: no word of the name starts with O. Only the text before the
footnotes is read; quotations are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from unlint.analysis.text import quoted_spans

_SMALL = r"(?:of|and|the|for|on|in|to|against|de|du|des|la|le|el|y)"
_WORD = r"[A-Z][\w’'-]*"
_DEFINITION = re.compile(
    rf"((?:{_WORD}|{_SMALL})(?:[ \t]+(?:{_WORD}|{_SMALL})){{0,14}})[ \t]+\(([A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*)\)"
)
_BRACKETED = re.compile(r"\([A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*\)")  # "(UNDP)": where a definition ends
_TOKEN = re.compile(r"(?<![\w(/-])[A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*(?![\w/-])")


@dataclass(frozen=True)
class Definition:
    abbreviation: str
    name: str  # the name it stands for, as written
    start: int  # canonical range of the abbreviation (inside the brackets)
    end: int
    name_start: int


@dataclass(frozen=True)
class Use:
    abbreviation: str
    start: int
    end: int


class Abbreviations:
    """The definitions (in text order) and the uses of every abbreviation of a document."""

    def __init__(self, doc):
        text = doc.text
        start = doc.paragraphs[0].start if doc.paragraphs else 0
        end = min((n.label_start for n in doc.notes), default=len(text))
        quoted = []
        for p in doc.paragraphs:
            quoted.extend((p.start + a, p.start + b) for a, b in quoted_spans(p.text))
        quoted.sort()
        self.definitions: list[Definition] = []
        defined_at: set[int] = set()
        for m in _definitions(text, start, end):
            name = _name(m.group(1), m.group(2))
            if name is None or _inside(quoted, m.start(2)):
                continue
            self.definitions.append(Definition(m.group(2), name, m.start(2), m.end(2),
                                               m.end(1) - len(name)))
            defined_at.add(m.start(2))
        self.uses: list[Use] = [Use(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)
                                if m.start() not in defined_at and not _inside(quoted, m.start())]

    def first_definitions(self) -> dict[str, Definition]:
        out: dict[str, Definition] = {}
        for d in self.definitions:
            out.setdefault(d.abbreviation, d)
        return out


def _definitions(text: str, start: int, end: int):
    """The matches of ``_DEFINITION`` in ``text[start:end]``, as ``finditer`` gives them, found
    from their rare ending "(UNDP)": the name before it is looked for on its line only (a name
    has no line break, nor brackets), after the previous ending. Trying the name at every
    capitalised word of the text cost 10 ms a document."""
    after = start  # where the next definition may start
    for bracket in _BRACKETED.finditer(text, start, end):
        lo = max(after, text.rfind("\n", 0, bracket.start()) + 1)
        m = _DEFINITION.search(text, lo, bracket.end())
        after = bracket.end()
        if m is not None:
            yield m


def _name(words: str, abbreviation: str) -> str | None:
    """The name an abbreviation stands for: the words from the last capitalised word that
    starts with the abbreviation's first letter, if the name has two capitalised words."""
    parts = words.split()
    first = abbreviation[0]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i][0] == first and parts[i][0].isupper():
            name = parts[i:]
            if sum(1 for w in name if w[0].isupper()) >= 2:
                return " ".join(name)
            return None
    return None


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]
