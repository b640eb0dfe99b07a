"""The second step of the Word reader: the canonical text of a .docx file.

:func:`canonical` turns the lines that :mod:`unlint.readers.docx` wrote in :attr:`Source.text`
(the document as Word shows it) into the canonical text the grammar parses: one paragraph per
line, tabs as spaces, footnote references cut out as :class:`RawRef`, italic runs as
:attr:`Reading.italics`, notes last as ``[^N]: text``, and what the file leaves for review
(tracked changes, comments, highlights) as :attr:`Reading.review`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unlint.readers import RawRef, Reading, highest_note, merge_italics
from unlint.readers import marks as tables
from unlint.source import Source
from unlint.textmap import TextBuilder

if TYPE_CHECKING:
    from unlint.readers.docx import Layout


@dataclass(frozen=True, slots=True)
class Mark:
    """A footnote reference in :attr:`Source.text`: its span and the note's label."""

    start: int
    end: int
    label: str

def canonical(source: Source, layout: Layout) -> Reading:
    text = source.text
    builder = TextBuilder(text)
    refs: list[RawRef] = []
    italics: list[tuple[int, int]] = []
    problems: list[tuple[str, int, int]] = []
    review: list[tuple[str, int, int]] = []
    notes = [line for line in layout.lines if line.kind == "footnote"]
    labels = {line.note for line in notes}
    highest = highest_note(labels, len(notes))
    last_end: int | None = None
    for line in layout.lines:
        if last_end is not None:
            builder.insert("\n", last_end)
        if line.kind == "footnote":
            s, e = line.note_label
            builder.insert("[^", s)
            builder.insert(line.note, s)
            builder.insert("]: ", e)  # a label defined twice is FN004's to report
        elif line.label_end > line.start:  # "1.\t": the number, then one space
            label = text[line.start : line.label_end]
            body = label.rstrip("\t ")
            builder.copy(line.start, line.start + len(body))
            if len(body) < len(label):
                builder.insert(" ", line.start + len(body))
        pos = line.label_end
        marks = list(line.marks)
        if line.kind == "paragraph":
            for a, b in line.typed:
                label = text[a:b].translate(tables.superscript_digits())
                if label in labels or _typed_ref(text, a, label, highest):
                    marks.append(Mark(a, b, label))  # a repeated reference, typed
            marks.sort(key=lambda m: m.start)
        for mark in marks:
            cut_start, cut_end = mark.start, mark.end
            if mark.label not in labels and mark in line.marks:  # (a typed one: FN002)
                problems.append((f"footnote {mark.label} is referenced but its text is missing",
                                 mark.start, mark.end))
            _copy(builder, text, pos, cut_start, line.italic, italics)
            refs.append(RawRef(len(builder), mark.label, mark.start, mark.end))
            pos = cut_end
            if text[pos : pos + 1] == " " and (text[cut_start - 1 : cut_start] in (" ", "") ):
                pos += 1  # "word ¹ and": one space is left
        _copy(builder, text, pos, line.end, line.italic, italics)
        review.extend((what, a, b) for a, b, what in line.review)
        last_end = line.end
    mapped = builder.build()
    meta = {"paragraphs": sum(1 for x in layout.lines if x.kind == "paragraph"),
            "footnotes": len(notes)}
    if layout.changes:
        meta["tracked_changes"] = dict(layout.changes)
    return Reading("docx", mapped, refs=tuple(refs), italics=merge_italics(mapped.text, italics),
                   meta=meta, problems=tuple(problems), review=tuple(review))


def _copy(builder: TextBuilder, text: str, a: int, b: int, italic, out) -> None:
    """Copy text[a:b], tabs as spaces; record the italic ranges it carries."""
    if b <= a:
        return
    at = len(builder)
    pos = a
    while pos < b:
        tab = text.find("\t", pos, b)
        if tab == -1:
            builder.copy(pos, b)
            break
        builder.copy(pos, tab)
        builder.insert(" ", tab)
        pos = tab + 1
    for s, e in italic:
        s, e = max(s, a), min(e, b)
        if e > s:
            out.append((at + s - a, at + e - a))


def _typed_ref(text: str, at: int, label: str, highest: int) -> bool:
    """A raised number that no note carries is still a reference up to one past the notes
    (``highest``: the last note number or the count of notes) when a word or punctuation comes
    before it, not a number or a unit ("km²"): its own note was renumbered, or it was typed
    wrong, and FN002 reports it."""
    if not label.isdigit() or not 0 < int(label) <= highest + 1 or at == 0:
        return False
    if text[at - 1].isdigit() or tables.UNIT_BEFORE.search(text, max(0, at - 3), at):
        return False
    return True
