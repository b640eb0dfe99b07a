"""Normalised text that remembers where every character came from.

A reader turns the original file into a *canonical* text (one block per line, furniture
removed, wrapped lines joined) with :class:`TextBuilder`. The result, :class:`MappedText`,
maps any canonical offset back to an offset in the original file, so diagnostics always point
at the original, whatever the normalisation did.

The map is a sorted list of segments. A segment is either copied from the original (offsets
move together) or synthetic (inserted text, every character mapped to one original offset).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    seg_starts: tuple[int, ...]  # canonical start of each segment
    seg_origins: tuple[int, ...]  # original offset of each segment's first character
    seg_copied: tuple[bool, ...]  # True: copied from the original; False: synthetic

    def _segment(self, offset: int) -> int:
        return max(0, bisect_right(self.seg_starts, offset) - 1)

    def to_original(self, offset: int) -> int:
        """Original offset of the canonical character at ``offset``."""
        if not self.seg_starts:
            return 0
        i = self._segment(offset)
        if self.seg_copied[i]:
            return self.seg_origins[i] + offset - self.seg_starts[i]
        return self.seg_origins[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the canonical range [start, end)."""
        first = self.to_original(start)
        if end <= start:
            return first, first
        last = self.to_original(end - 1) + 1
        return first, max(first, last)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when [start, end) is one unbroken copy of the original (safe to edit)."""
        if end <= start:
            return True
        i = self._segment(start)
        if not self.seg_copied[i]:
            return False
        seg_end = self.seg_starts[i + 1] if i + 1 < len(self.seg_starts) else len(self.text)
        return end <= seg_end


class TextBuilder:
    """Build a :class:`MappedText` by copying slices of the original and inserting text."""

    def __init__(self, original: str):
        self.original = original
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._copied: list[bool] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, start: int, end: int) -> None:
        """Append original[start:end]."""
        if end <= start:
            return
        if (
            self._copied
            and self._copied[-1]
            and self._origins[-1] + (self._length - self._starts[-1]) == start
        ):
            self._parts.append(self.original[start:end])  # extends the current segment
        else:
            self._add(self.original[start:end], start, True)
            return
        self._length += end - start

    def insert(self, text: str, at: int) -> None:
        """Append synthetic ``text``, reported at original offset ``at``."""
        if text:
            self._add(text, at, False)

    def _add(self, text: str, origin: int, copied: bool) -> None:
        self._parts.append(text)
        self._starts.append(self._length)
        self._origins.append(origin)
        self._copied.append(copied)
        self._length += len(text)

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def build(self) -> MappedText:
        return MappedText(
            "".join(self._parts), tuple(self._starts), tuple(self._origins), tuple(self._copied)
        )
