"""Where findings are not reported, in any input form (a PDF, a Word file and PDF text cannot
hold a suppression comment): the phrases of ``ignore-text``, and the places that
``per-file-ignores`` names, ``CODE@PLACE``, where a rule's findings are skipped.

A place is one of, each alone or as a range ``FIRST-LAST``:

- ``12``, ``12-40``: lines of the file (as the text output shows them for a text file);
- ``p3``, ``p3-p5``: pages of a PDF;
- ``¶12`` (or ``para12``): paragraphs of a Word file, as the text output shows them;
- ``PP2``, ``OP3``, ``OP3-OP5``: preambular and operative paragraphs of the body by number,
  with their sub-paragraphs;
- ``fn2``: the text of footnote 2.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from unlint.model import Diagnostic, Document

_PLACE = re.compile(r"(?P<unit>p|¶|para|PP|OP|fn|)(?P<first>\d+)(?:-(?P=unit)?(?P<last>\d+))?\Z")
_UNIT_NAMES = {"": "line", "p": "page", "¶": "paragraph", "para": "paragraph", "PP": "preambular",
               "OP": "operative", "fn": "footnote"}


class Place(NamedTuple):
    unit: str  # "line" | "page" | "paragraph" (a Word file's) | "preambular" | "operative" | "footnote"
    first: int
    last: int


def parse(text: str) -> Place | None:
    """The :class:`Place` that ``text`` names ("OP3-OP5", "p2", "12-40"), or None."""
    match = _PLACE.match(text.strip())
    if match is None:
        return None
    first = int(match["first"])
    last = int(match["last"]) if match["last"] else first
    if not 1 <= first <= last:
        return None
    return Place(_UNIT_NAMES[match["unit"]], first, last)


def spans(doc: Document, place: Place) -> list[tuple[int, int]]:
    """The spans of the file's text (original offsets) that ``place`` covers in ``doc``."""
    source = doc.source
    if place.unit == "line":
        starts = source.line_starts
        if place.first > len(starts):
            return []
        end = starts[place.last] if place.last < len(starts) else len(source.text)
        return [(starts[place.first - 1], end)]
    if place.unit in ("page", "paragraph"):
        units = [(u.start, i) for i, u in enumerate(source.units)
                 if u.kind == place.unit and u.number.isdigit() and place.first <= int(u.number) <= place.last]
        return [(start, source.units[i + 1].start if i + 1 < len(source.units) else len(source.text))
                for start, i in units]
    if place.unit == "footnote":
        return [doc.canonical.span(n.start, n.start + len(n.text)) for n in doc.notes
                if n.label.isdigit() and place.first <= int(n.label) <= place.last]
    numbered = doc.preambular if place.unit == "preambular" else doc.operative
    chosen = set()
    for position, p in enumerate(numbered, 1):  # preambular paragraphs are counted, not numbered
        number = int(p.number) if place.unit == "operative" and p.number and p.number.isdigit() else position
        if place.first <= number <= place.last:
            chosen.add(p.start)
    out, top = [], None
    for p in doc.paragraphs:  # a chosen paragraph with its sub-paragraphs
        if p.kind in ("preambular", "operative"):
            top = p.start if p.part == "body" else None
        if top in chosen:
            out.append(doc.canonical.span(p.start, p.end))
    return out


def outside(doc: Document, diagnostics: list[Diagnostic], ranges: tuple[tuple[str, str], ...]) -> list[Diagnostic]:
    """The diagnostics that do not start in a place that ``ranges`` (pairs of code prefix and
    place) skip for their code (``""`` is every code)."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for prefix, text in ranges:
        place = parse(text)
        if place is not None:
            covered.setdefault(prefix, []).extend(spans(doc, place))
    reaches = [(prefix, Reach(found)) for prefix, found in covered.items()]
    return [d for d in diagnostics
            if not any(d.code.startswith(prefix) and reach.past(d.start) > d.start for prefix, reach in reaches)]


def outside_phrases(diagnostics: list[Diagnostic], text: str, phrases: tuple[str, ...]) -> list[Diagnostic]:
    """The diagnostics not inside an occurrence of one of ``phrases`` in the file's text, spaces
    and line breaks aside (a PDF's line may break inside the phrase; ``ignore-text``: a
    suppression for PDF, Word and PDF text, where no comment can be written)."""
    pattern = re.compile("|".join(r"\s*".join(map(re.escape, "".join(p.split()))) for p in phrases))
    reach = Reach([m.span() for m in pattern.finditer(text) if m.end() > m.start()])
    return [d for d in diagnostics if reach.past(d.start) < max(d.end, d.start + 1)]


class Reach:
    """Spans of a text, asked how far they reach from an offset."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.ends = list(accumulate((end for _, end in spans), max))  # the furthest end so far

    def past(self, offset: int) -> int:
        """The furthest end of the spans that start at or before ``offset`` (-1: none)."""
        i = bisect_right(self.starts, offset) - 1
        return self.ends[i] if i >= 0 else -1
