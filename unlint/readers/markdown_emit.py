"""Emission: canonical lines and footnote definitions into the mapped text, references cut out.

Shared by the Markdown and plain-text readers. An inline step (:mod:`unlint.readers.markdown_inline`,
:func:`unlint.readers.plain.plain_inline`) turns each canonical line into a :class:`Line`: the
pieces of original (or synthetic) text, its italics and the references written with markup.
:func:`build_reading` then finds the bare-number references ("Women,5 the") of the body
(:class:`BareRefs`, the one place that calls :mod:`unlint.readers.barerefs`), joins a footnote
"definition" that is really a wrapped line of the previous note, and writes everything with
:class:`Emitter`: references are cut out cleanly ("thereto,<sup>1</sup> the" -> "thereto, the"),
footnote definitions come last as ``[^N]: text``.
"""

from __future__ import annotations

from bisect import bisect_right

from unlint.readers import RawRef, Reading
from unlint.readers.markdown_blocks import Assembly, Unit
from unlint.source import Source
from unlint.textmap import TextBuilder

# ---------------------------------------------------------------------------------------------
# One canonical line with its markup removed, before references are cut out


class Line:
    """A canonical line being built: pieces of original text or synthetic text, local offsets."""

    __slots__ = ("parts", "length", "italics", "refs", "_starts")

    def __init__(self) -> None:
        self.parts: list[tuple[int, str, int, bool]] = []  # (local start, text, origin, copied)
        self.length = 0
        self.italics: list[tuple[int, int]] = []
        # (local start, local end, label, original start, original end, cut): the local range of
        # the mark (empty for markup, removed already); cut: (start, end, attach at) from the
        # bare-reference finder, or None: cut the mark and the blanks it would leave
        self.refs: list[tuple[int, int, str, int, int, tuple[int, int, int] | None]] = []
        self._starts: list[int] | None = None  # local starts of the parts, for origin()

    def copy(self, original: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append((self.length, original[start:end], start, True))
            self.length += end - start

    def insert(self, text: str, at: int) -> None:
        if text:
            self.parts.append((self.length, text, at, False))
            self.length += len(text)

    def text(self) -> str:
        return "".join(p[1] for p in self.parts)

    def mark(self, label: str, start: int, end: int) -> None:
        """A reference written with markup at original [start, end): attach it here."""
        self.refs.append((self.length, self.length, label, start, end, None))

    def origin(self, offset: int) -> int:
        """Original offset of local ``offset`` (call once the line is complete)."""
        if not self.parts:
            return 0
        if self._starts is None or len(self._starts) != len(self.parts):
            self._starts = [p[0] for p in self.parts]
        start, _, origin, copied = self.parts[max(0, bisect_right(self._starts, offset) - 1)]
        return origin + (offset - start if copied else 0)


class BareRefs:
    """Bare-number references ("Women,5 the"), paragraph by paragraph in document order.

    The one place that calls :mod:`unlint.readers.barerefs` (its scanner keeps the order of
    first references across paragraphs); without that module, none are found.
    """

    def __init__(self, labels: frozenset[str]) -> None:
        self._scanner = None
        if labels:
            try:
                from unlint.readers.barerefs import BareRefScanner
            except ImportError:
                return
            self._scanner = BareRefScanner(labels)

    def scan(self, text: str, marked: list[str]) -> list[tuple[int, int, str, int, int, int]]:
        """[(start, end, label, cut start, cut end, attach at)] in ``text``.

        ``marked``: the labels this paragraph references with markup ("[^12]"), counted in the
        order of first references as if the scanner had found them."""
        scanner = self._scanner
        if scanner is None:
            return []
        found = [
            (r.start, r.end, r.label, r.cut_start, r.cut_end, getattr(r, "at", r.cut_start))
            for r in scanner.scan(text)
        ]
        take = getattr(scanner, "take", None)  # a public hook, if the scanner offers one
        for label in marked:
            if take is not None:
                take(label)
            elif isinstance(getattr(scanner, "seen", None), set):
                scanner.seen.add(label)
                if label.isdigit() and int(label) >= scanner.expected:
                    scanner.expected = int(label) + 1
        return found


_WS = " \t\u00a0"
_AFTER_PUNCT = ",;.:)]”’"


def _cuts(text: str, refs) -> tuple[list[tuple[int, int]], list[int]]:
    """Where to cut each reference out of ``text`` and where it attaches (local offsets)."""
    cuts = []
    positions = []
    n = len(text)
    for a, b, _label, _start, _end, cut in refs:
        if cut is not None:  # the finder said what to cut and where the reference attaches
            if cut[1] > cut[0]:
                cuts.append(cut[:2])
            positions.append(cut[2])
            continue
        i = a
        while i > 0 and text[i - 1] in _WS:
            i -= 1
        j = b
        while j < n and text[j] in _WS:
            j += 1
        nxt = text[j : j + 1]
        if i < a and (not nxt or nxt in _AFTER_PUNCT):
            cuts.append((i, b))  # "Court 1," -> "Court,"; "session 6" at the end -> "session"
        elif i < a or not nxt or not i:
            cuts.append((a, j))  # "Rights, 1 the" -> "Rights, the"; nothing before: no blank
        elif b > a:
            cuts.append((a, b))
        positions.append(i)
    cuts.sort()
    merged: list[tuple[int, int]] = []
    for a, b in cuts:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    return merged, positions


class Emitter:
    """Writes canonical lines to a TextBuilder, cutting references out and moving offsets."""

    def __init__(self, original: str) -> None:
        self.builder = TextBuilder(original)
        self.refs: list[RawRef] = []
        self.italics: list[tuple[int, int]] = []

    def emit(self, line: Line, newline_at: int) -> bool:
        """Append ``line`` as a new canonical line (the newline at original ``newline_at``).

        When nothing is left of the line once its references are cut out, it adds no line: its
        references attach to the end of the text so far."""
        cuts, positions = _cuts(line.text(), line.refs) if line.refs else ([], [])
        if sum(b - a for a, b in cuts) >= line.length:
            end = len(self.builder)
            self.refs.extend(RawRef(end, ref[2], ref[3], ref[4]) for ref in line.refs)
            return False
        if len(self.builder):
            self.builder.insert("\n", newline_at)
        self._append(line, cuts, positions)
        return True

    def note(self, original: str, label: tuple[int, int], line: Line, newline_at: int) -> None:
        """``[^N]: text``, N copied from the original number."""
        builder = self.builder
        if len(builder):
            builder.insert("\n", newline_at)
        builder.insert("[^", label[0])
        builder.copy(label[0], label[1])
        builder.insert("]: ", label[1])
        cuts, positions = _cuts(line.text(), line.refs) if line.refs else ([], [])
        self._append(line, cuts, positions)

    def _append(self, line: Line, cuts: list[tuple[int, int]], positions: list[int]) -> None:
        """Copy the line's parts minus the cuts; move its references and italics."""
        builder = self.builder
        base = len(builder)
        k = 0
        for start, part, origin, copied in line.parts:
            end = start + len(part)
            pos = start
            while pos < end:
                while k < len(cuts) and cuts[k][1] <= pos:
                    k += 1
                if k < len(cuts) and cuts[k][0] <= pos:
                    pos = min(end, cuts[k][1])
                    continue
                stop = min(end, cuts[k][0]) if k < len(cuts) else end
                if copied:
                    builder.copy(origin + pos - start, origin + stop - start)
                else:
                    builder.insert(part[pos - start : stop - start], origin)
                pos = stop

        cut_starts = [a for a, _ in cuts]
        removed_before = [0]  # characters cut before cut i
        for a, b in cuts:
            removed_before.append(removed_before[-1] + b - a)

        def where(offset: int) -> int:
            i = bisect_right(cut_starts, offset - 1)  # cuts starting before offset
            if not i:
                return base + offset
            a, b = cuts[i - 1]
            return base + offset - removed_before[i - 1] - (min(b, offset) - a)

        for (_, _, label, ostart, oend, _), pos in zip(line.refs, positions):
            self.refs.append(RawRef(where(pos), label, ostart, oend))
        for a, b in line.italics:
            ga, gb = where(a), where(b)
            if gb > ga:
                self.italics.append((ga, gb))


def _repair_defs(original: str, defs: list[Unit], referenced: set[str], problems) -> list[Unit]:
    """Join a "definition" that is really a wrapped line of the previous note.

    A converter that saw "1994 (United Nations publication ...)" at the start of a line of note
    10 wrote ``[^1994]: (United Nations publication ...)``: a number out of sequence, directly
    under the previous definition (or a year), and never referenced, continues that note.
    """
    kept: list[Unit] = []
    for d in defs:
        label = original[d.label[0] : d.label[1]]
        if kept and label.isdigit() and label not in referenced:
            before = original[kept[-1].label[0] : kept[-1].label[1]]
            if before.isdigit() and int(label) != int(before) + 1 and (
                d.adjacent or int(label) >= 1000
            ):
                kept[-1].spans.append(d.label)
                kept[-1].spans.extend(d.spans)
                problems.append(
                    (
                        f"footnote definition {label!r} read as a wrapped line of note {before}",
                        d.label[0],
                        d.label[1],
                    )
                )
                continue
        kept.append(d)
    return kept


def build_reading(
    fmt: str,
    source: Source,
    assembly: Assembly,
    inline,
    meta: dict | None = None,
    problems: list | None = None,
) -> Reading:
    """Inline-process, find bare references, emit. ``inline(spans) -> Line``."""
    original = source.text
    problems = list(problems or []) + assembly.problems
    lines = [(unit, inline(unit.spans)) for unit in assembly.units if unit.spans]
    referenced = {ref[2] for _, line in lines for ref in line.refs}
    defs = _repair_defs(original, assembly.defs, referenced, problems)
    labels = frozenset(original[d.label[0] : d.label[1]] for d in defs)
    bare = BareRefs(labels)
    emitter = Emitter(original)
    previous_end = 0
    for unit, line in lines:
        if unit.body and unit.kind == "text":
            found = bare.scan(line.text(), [ref[2] for ref in line.refs])
            if found:
                line.refs.extend(
                    (a, b, label, line.origin(a), line.origin(b - 1) + 1, (cs, ce, at))
                    for a, b, label, cs, ce, at in found
                )
                line.refs.sort(key=lambda ref: ref[0])
        if emitter.emit(line, previous_end):
            previous_end = unit.spans[-1][1]
    for d in defs:
        emitter.note(original, d.label, inline(d.spans), previous_end)
        previous_end = d.spans[-1][1] if d.spans else d.label[1]
    return Reading(
        format=fmt,
        text=emitter.builder.build(),
        refs=tuple(emitter.refs),
        italics=tuple(emitter.italics),
        meta=meta or {},
        problems=tuple(problems),
    )
