"""The PDF reader's canonical text: blocks and notes written out, references cut.

:func:`read_layout` turns the printed lines of a PDF (:mod:`unlint.readers.pdf_lines`) into
the canonical text (see :mod:`unlint.readers`): the furniture and the asterisk notes (sponsors,
"reissued for technical reasons", with their ``*`` marks) and the dots of a tab leader (a table
of contents) are dropped; lines are joined into paragraphs (:mod:`unlint.readers.pdf_layout`),
across pages too; superscript numbers that name a note become :class:`RawRef` references (a
plain number ending a paragraph that can only be a note's reference too, and is reported); the
notes of every page come after the body as ``[^N]: text``, a note that runs onto the next page
joined to its start.
"""

from __future__ import annotations

import re

from unlint.readers import RawRef, Reading, highest_note, marks, merge_italics
from unlint.readers.pdf_layout import Blocks, Classifier, Notes, patterns, sup_labels
from unlint.readers.pdf_lines import Cell, Layout
from unlint.source import Source
from unlint.textmap import TextBuilder

_GLUED_STAR = re.compile(r"(?<=\S)\*{1,3}(?=[\s,;:.]|$)")
_PLAIN_REF_AT_END = re.compile(r"[,;:.”’)](\d{1,3})$")
#: a tab's dot leader in a table of contents ("Introduction . . . . . 2"): layout, not text
_LEADER = re.compile(r" ?\.(?: ?\.){5,}(?= *\d{0,4}$)")
_JOIN_NO_SPACE = re.compile(r"[^\W\d_][-\u2010\u2011]$")  # "money-" + "laundering"


class _Emitter:
    """Write blocks and notes into the canonical text, cutting references out."""

    def __init__(self, source: Source, labels: set[str], stars: bool, highest: int):
        self.text = source.text
        self.builder = TextBuilder(source.text)
        self.labels = labels
        self.highest = highest  # readers.highest_note
        self.stars = stars  # star notes were dropped: cut the "*" marks
        self.refs: list[RawRef] = []
        self.italics: list[tuple[int, int]] = []
        self.problems: list[tuple[str, int, int]] = []
        self.end: int | None = None  # Source offset where the last line ended

    def _newline(self) -> None:
        if self.end is not None:
            self.builder.insert("\n", self.end)

    def _cuts(self, cell: Cell, start: int, last: bool):
        """(start, end, [(label, mark start, mark end)]) to cut out of the cell, in order."""
        text = self.text
        cuts = []
        for a, b in cell.sup:
            if b <= start:
                continue
            run = text[a:b]
            labels = sup_labels(run)
            digits = [x for x in labels if x[0][0] != "*"]
            if not labels or any(not self._raised_ref(x[0]) for x in digits):
                continue
            if run in ("²", "³") and marks.UNIT_BEFORE.search(text, max(cell.start, a - 3), a):
                continue  # km², m³
            if not digits and not self.stars:
                continue
            found = [(lab, a + s, a + e) for lab, s, e in digits]
            s, e = a, b
            if s - 1 >= cell.start and text[s - 1] == " " and (e == cell.end or text[e] == " "):
                s -= 1
            cuts.append((max(s, start), e, found))
        m = _LEADER.search(text, start, cell.end)
        if m:
            cuts.append((m.start(), m.end(), []))
        if self.stars:
            for m in _GLUED_STAR.finditer(text, start, cell.end):
                if not any(a <= m.start() < b for a, b in cell.sup):
                    cuts.append((m.start(), m.end(), []))
        if last:
            m = _PLAIN_REF_AT_END.search(text, max(start, cell.end - 6), cell.end)
            at = m.start(1) if m else 0
            if m and self._plain_ref(m.group(1)) and not any(a <= at < b for a, b in cell.sup):
                cuts.append((at, m.end(1), [(m.group(1), at, m.end(1))]))  # FN011 reports it
        cuts.sort()
        return cuts

    def _raised_ref(self, label: str) -> bool:
        """A raised number is a reference when a note carries it, or when it lies within the
        notes' numbers (its own note was renumbered by mistake: FN002 reports it)."""
        return label in self.labels or (label.isdigit() and 0 < int(label) <= self.highest)

    def _plain_ref(self, label: str) -> bool:
        """A plain number ending a paragraph ("UNISPACE+50,1") that can only be a note's
        reference: a note with that label exists and it is referenced already or comes next."""
        if label not in self.labels:
            return False
        numbers = [int(r.label) for r in self.refs if r.label.isdigit()]
        return label in {r.label for r in self.refs} or int(label) == max(numbers, default=0) + 1

    def _copy(self, cell: Cell, a: int, b: int) -> None:
        if b <= a:
            return
        at = len(self.builder)
        self.builder.copy(a, b)
        for s, e in cell.italic:
            s, e = max(s, a), min(e, b)
            if e > s:
                self.italics.append((at + s - a, at + e - a))

    def line(self, pieces: list[tuple[Cell, int]], header: bool = False,
             label: tuple[str, tuple[int, int]] | None = None) -> None:
        """One canonical line from the cells (each from its start offset), joined by spaces."""
        self._newline()
        b = self.builder
        if label is not None:
            name, (s, e) = label
            b.insert("[^", s)
            b.insert(name, s)
            b.insert("]: ", e)
        text = self.text
        for k, (cell, start) in enumerate(pieces):
            cuts = self._cuts(cell, start, label is None and not header and k == len(pieces) - 1)
            pos = start
            if k:
                while cuts and cuts[0][0] <= pos:  # a reference opening the line attaches before
                    for name, s, e in cuts[0][2]:
                        self.refs.append(RawRef(len(b), name, s, e))
                    pos = max(pos, cuts.pop(0)[1])
                prev_cell = pieces[k - 1][0]
                if not _JOIN_NO_SPACE.search(text, max(prev_cell.start, prev_cell.end - 2),
                                             prev_cell.end):
                    b.insert(" ", prev_cell.end)
            for s, e, found in cuts:
                self._copy(cell, pos, s)
                for name, ms, me in found:
                    self.refs.append(RawRef(len(b), name, ms, me))
                pos = max(pos, e)
            self._copy(cell, pos, cell.end)
        self.end = pieces[-1][0].end


def read_layout(source: Source, layout: Layout) -> Reading:
    """The Reading of a PDF from its Source and Layout (see
    :func:`~unlint.readers.pdf_lines.build_source`)."""
    text = source.text
    sorter = Classifier(source, layout)
    sorter.run()
    notes = Notes(text, sorter.notes)
    kept = [n for n in notes.notes if n.label[0] != "*"]
    stars = len(kept) != len(notes.notes)
    labels = {n.label for n in kept}
    blocks = Blocks(text, sorter.body)
    out = _Emitter(source, labels, stars, highest_note(labels, sum(n.label.isdigit() for n in kept)))
    header = True
    for block in blocks.blocks:
        out.line([(c, c.start) for c in block], header)
        if header and patterns().organ.match(text[block[0].start : block[0].end]):
            header = False
    problems = list(out.problems)
    for cell in notes.orphans:
        problems.append(("text under the footnote rule that starts no footnote", cell.start,
                         cell.end))
    for note in kept:  # a label defined twice is FN004's to report
        out.line(note.spans, label=(note.label, note.label_span))
    meta = {
        "extraction": "pdfminer.six",
        "pages": len(layout.pages),
        "dropped_notes": [text[n.spans[0][1] : n.spans[0][0].end] for n in notes.notes
                          if n.label[0] == "*"],
    }
    mapped = out.builder.build()
    return Reading(
        "pdf",
        mapped,
        refs=tuple(out.refs),
        italics=merge_italics(mapped.text, out.italics),
        meta=meta,
        problems=tuple(problems),
    )
