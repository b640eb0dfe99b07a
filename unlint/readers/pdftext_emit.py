"""PDF text, emission: blocks and footnote definitions into the mapped text, references cut out.

Each block's lines are joined by one synthetic space (none after a hyphen or dash glued to a
word: "money-" + "laundering"), its bare-number references are found by
:mod:`unlint.readers.barerefs` and cut out, and the line break ending its last line is copied
between blocks. Notes come last as ``[^N]: text`` (their label copied from the original).
"""

from __future__ import annotations

import re

from unlint.readers import RawRef
from unlint.readers.barerefs import BareRefScanner
from unlint.readers.pdftext_blocks import Note
from unlint.source import Source
from unlint.textmap import TextBuilder

_JOIN_NO_SPACE = re.compile(r"[^\W_][-\u2010\u2011\u2013]$")  # "money-" + "laundering"


class Emitter:
    """Write blocks and notes into a TextBuilder, cutting out the references."""

    def __init__(self, source: Source, labels: set[str], notes: int = 0):
        self.text = source.text
        self.builder = TextBuilder(source.text)
        self.scanner = BareRefScanner(labels, notes=notes)
        self.refs: list[RawRef] = []
        self.last_break: int | None = None  # where the last block's last line ended

    def _newline(self) -> None:
        """The line break between blocks: the one that ended the previous block's last line."""
        at = self.last_break
        if at is None:
            return
        if self.text[at : at + 1] == "\n":
            self.builder.copy(at, at + 1)
        else:  # "\r\n", or the end of the file
            self.builder.insert("\n", at)

    def _joined(self, spans: list[tuple[int, int, int]]):
        """The block as one string, and its pieces: (offset in string, original start, length);
        a synthetic join has original start -1 - break offset."""
        text = self.text
        parts: list[str] = []
        pieces: list[tuple[int, int, int]] = []
        length = 0
        for k, (a, b, brk) in enumerate(spans):
            if k:
                prev_a, prev_b, prev_brk = spans[k - 1]
                if not _JOIN_NO_SPACE.search(text, max(prev_a, prev_b - 2), prev_b):
                    parts.append(" ")
                    pieces.append((length, -1 - prev_brk, 1))
                    length += 1
            parts.append(text[a:b])
            pieces.append((length, a, b - a))
            length += b - a
        return "".join(parts), pieces

    def block(self, spans: list[tuple[int, int, int]], find_refs: bool = True) -> None:
        if not spans:
            return
        self._newline()
        self._write(spans, find_refs)

    def _write(self, spans: list[tuple[int, int, int]], find_refs: bool) -> None:
        joined, pieces = self._joined(spans)
        found = self.scanner.scan(joined) if find_refs else []
        pos = 0
        k = 0  # first piece that may still hold text at or after pos
        for ref in sorted(found, key=lambda r: r.cut_start):
            if ref.cut_start > pos:
                k = self._emit(pieces, k, pos, ref.cut_start)
            orig = self._original(pieces, ref.start)
            at = len(self.builder) - (ref.cut_start - ref.at)  # the kept text in between
            self.refs.append(RawRef(at, ref.label, orig, orig + ref.end - ref.start))
            pos = max(pos, ref.cut_end)
        self._emit(pieces, k, pos, len(joined))
        self.last_break = spans[-1][2]

    def _emit(self, pieces: list[tuple[int, int, int]], k: int, start: int, end: int) -> int:
        """Copy the joined range [start, end) piece by piece; returns the piece to resume at."""
        b = self.builder
        while k < len(pieces):
            s0, orig, length = pieces[k]
            s1 = s0 + length
            if s1 <= start:
                k += 1
                continue
            if s0 >= end:
                break
            x, y = max(s0, start), min(s1, end)
            if orig >= 0:
                b.copy(orig + x - s0, orig + y - s0)
            else:
                b.insert(" ", -1 - orig)
            if s1 > end:
                break
            k += 1
        return k

    @staticmethod
    def _original(pieces: list[tuple[int, int, int]], offset: int) -> int:
        for s0, orig, length in pieces:
            if orig >= 0 and s0 <= offset < s0 + length:
                return orig + offset - s0
        return 0

    def note(self, note: Note) -> None:
        a, b = note.label
        self._newline()
        self.builder.insert("[^", a)
        self.builder.copy(a, b)
        self.builder.insert("]: ", b)
        self._write(note.spans, find_refs=False)
