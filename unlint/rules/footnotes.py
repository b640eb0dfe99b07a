"""FN: footnotes — their numbering, "Ibid." and how references are printed.

The rules read the document's footnotes through ``ctx.footnotes``
(:class:`unlint.analysis.footnotes.Footnotes`): their numbering and what each note cites. What
the notes cite against the text around their references is in
:mod:`unlint.rules.footnote_sources` (FN008-FN010).
"""

from __future__ import annotations

import re

from unlint.analysis.footnotes import Cited, Numbering, numeric, opening_ibid
from unlint.diagnostics import Edit, Finding, Fix
from unlint.registry import rule

_NOTE_MENTION = re.compile(r"\b(?:foot)?notes? \d")

# ---------------------------------------------------------------------------------------------
# Numbering


def mark_edit(doc, ref, label: str) -> Edit | None:
    """An edit replacing the digits of a reference mark ("<sup>22</sup>", "[^22]", "22")."""
    mark = doc.source.text[ref.span.start : ref.span.end]
    m = re.search(rf"(?<!\d){re.escape(ref.label)}(?!\d)", mark)
    if not m:
        return None
    return Edit(ref.span.start + m.start(), ref.span.start + m.end(), label)


def _label_edit(doc, note, label: str) -> Edit | None:
    """An edit replacing the number of a footnote definition."""
    start, end = note.label_start, note.label_start + len(note.label)
    if not doc.canonical.is_verbatim(start, end):
        return None
    span = doc.span(start, end)
    if doc.source.text[span.start : span.end] != note.label:
        return None
    return Edit(span.start, span.end, label)


def _renumbering(doc, num: Numbering) -> Fix | None:
    """Renumber every reference and definition 1, 2, 3 ... when only gaps are wrong.

    Certain only when the first references ascend, every referenced note is defined exactly
    once, the definitions ascend and match the references one for one, and no text mentions a
    note by number ("see note 5").
    """
    order = list(num.first)
    labels = [n.label for n in num.numeric_defs]
    if order != sorted(order, key=int) or labels != order or len(set(labels)) != len(labels):
        return None
    mapping = {old: str(i) for i, old in enumerate(order, 1)}
    if all(k == v for k, v in mapping.items()) or _NOTE_MENTION.search(doc.text):
        return None
    edits = []
    for r in num.refs:
        if mapping[r.label] != r.label:
            edits.append(mark_edit(doc, r, mapping[r.label]))
    for n in num.numeric_defs:
        if mapping[n.label] != n.label:
            edits.append(_label_edit(doc, n, mapping[n.label]))
    if not edits or None in edits:
        return None
    return Fix("renumber the footnotes 1, 2, 3 ...", tuple(sorted(edits, key=lambda e: e.start)))


def ref_finding(doc, ref, message, fix=None) -> Finding:
    """A finding on the original reference mark."""
    return Finding(ref.span.start, ref.span.end, message, fix)


def _label_range(note):
    return note.label_start, note.label_start + len(note.label)


@rule("FN001", "footnote-reference-order", "error")
def footnote_reference_order(doc, ctx):
    """First references to footnotes run 1, 2, 3 ... in the text, with no gap.

    **What it does.** Walks the footnote references in document order; each number used for
    the first time must be the next one. A later use of an earlier note (a re-used reference)
    is fine. Labels that are not numbers (the "*" sponsors note of a draft) are ignored.

    **Why.** When a paragraph with a footnote is deleted or moved, every note after it must be
    renumbered; a gap or an out-of-order first reference is the trace of such an edit.

    **Example.** ``... Corruption<sup>5</sup> ... Justice,<sup>7</sup>`` with no reference to
    note 6 in between.

    **Use instead.** Renumber: ``Justice,<sup>6</sup>`` and every note after it.

    **Fix safety.** Safe when the only fault is a gap (a note deleted with its reference): the
    fix renumbers every reference and definition after it; it is offered once, on the first gap,
    and only when references and definitions correspond one for one and no text mentions a
    note by its number. Display-only for PDF text.
    """
    num = ctx.footnotes.numbering
    expected, fix_done = 1, False
    for label, ref in num.first.items():
        n = int(label)
        if n == expected:
            expected += 1
            continue
        if n > expected:
            skipped = [str(k) for k in range(expected, n)]
            if all(s in num.maybe_marked for s in skipped):
                expected = n + 1
                continue
            fix = None if fix_done else _renumbering(doc, num)
            fix_done = fix_done or fix is not None
            yield ref_finding(doc, ref, f"first reference to note {n} where note {expected} is "
                               f"expected: notes run 1, 2, 3 ... in order of first reference", fix)
            expected = n + 1
        else:
            yield ref_finding(doc, ref, f"first reference to note {n} comes after note "
                               f"{expected - 1}: expected note {expected}")


@rule("FN002", "undefined-footnote", "error")
def undefined_footnote(doc, ctx):
    """A footnote reference whose note is not defined.

    **Why.** A note deleted while its reference stayed in the text leaves a number that points
    at nothing, or at the wrong note once the others are renumbered.

    **Example.** ``... Agenda,<sup>7</sup>`` with no note 7 after the text.

    **Use instead.** Restore the note, or delete the reference and renumber.
    """
    num = ctx.footnotes.numbering
    if not doc.notes and not any(numeric(r.label) for r in doc.refs):
        return
    defined = sorted((int(k) for k in num.defs if numeric(k)))
    for ref in doc.refs:
        if ref.label in num.defs:
            continue
        last = f" (notes run to {defined[-1]})" if defined else ""
        yield ref_finding(doc, ref, f"reference to note {ref.label}, which is not defined{last}")


@rule("FN003", "unreferenced-footnote", "error")
def unreferenced_footnote(doc, ctx):
    """A footnote that no reference in the text points to.

    **Why.** A reference deleted with its paragraph leaves the note orphaned, and the numbers
    of the notes after it no longer match their references.

    **Example.** Notes ``1`` to ``4`` defined, but the text's last reference is ``<sup>3</sup>``.

    **Use instead.** Delete the note and renumber, or restore the reference.

    In PDF text, references are bare digits; a note whose number still sits in the text like an
    unrecognised reference ("Islamophobia17") is not reported. A note numbered below a note
    that is referenced leaves a gap in the first references, which FN001 reports at the place
    (one defect, one finding); this rule reports the notes after the last referenced one.
    """
    num = ctx.footnotes.numbering
    referenced = {r.label for r in doc.refs}
    highest = max((int(label) for label in num.first), default=0)
    for note in doc.notes:
        if note.label in referenced or note.label in num.maybe_marked:
            continue
        if not numeric(note.label):
            continue
        if int(note.label) < highest:
            continue  # a gap in the first references: FN001 reports it where the reference was
        start, end = _label_range(note)
        yield doc.finding(start, end, f"note {note.label} is never referenced in the text")


@rule("FN004", "duplicate-footnote", "error")
def duplicate_footnote(doc, ctx):
    """A footnote number defined twice.

    **What it does.** Reports one of two notes with the same number: the one whose number is
    not that of its place (notes 14, 16, 16, 17: the first "16" is the slip, note 15
    renumbered) or does not fit between its neighbours, else the later one, and says which
    number it should carry.

    **Why.** Two notes with the same number make every reference to it ambiguous; it happens
    when notes are copied from another draft or renumbered by hand.

    **Example.** ``<sup>12</sup> Resolution 60/288.`` and later ``<sup>12</sup> A/72/125.``

    **Use instead.** Number the second note after the one before it and renumber the rest.
    """
    notes = doc.notes
    numbers = [int(n.label) if numeric(n.label) else None for n in notes]
    copies: dict = {}
    for i, note in enumerate(notes):
        copies.setdefault(note.label, []).append(i)
    for label, where in copies.items():
        if len(where) < 2:
            continue
        misfits = [i for i in where if not _in_place(numbers, i)]
        if len(misfits) != 1:
            misfits = [i for i in where if not _fits(numbers, i)]
        for i in (misfits if len(misfits) == 1 else where[1:]):
            other = where[0] if i != where[0] else where[1]
            start, end = _label_range(notes[i])
            before = [n for n in numbers[:i] if n is not None]
            expected = f": expected note {max(before) + 1}" if numbers[i] is not None and before else ""
            yield doc.finding(start, end, f"note {label} is defined twice (also on "
                              f"{doc.where(_label_range(notes[other])[0])}){expected}")


def _in_place(numbers: list, i: int) -> bool:
    """Is note ``i`` numbered by its place among the numbered notes (the first being 1)?"""
    place = sum(1 for n in numbers[:i] if n is not None) + 1
    return numbers[i] is None or numbers[i] == place


def _fits(numbers: list, i: int) -> bool:
    """Does the number of note ``i`` follow the note before it or precede the note after it?"""
    n = numbers[i]
    if n is None:
        return True
    before = numbers[i - 1] if i > 0 else 0
    after = numbers[i + 1] if i + 1 < len(numbers) else None
    return before == n - 1 or after == n + 1


@rule("FN005", "footnote-definition-order", "error")
def footnote_definition_order(doc, ctx):
    """Footnote definitions appear in numerical order.

    **Why.** Notes are printed in the order of their numbers; a note out of place is usually
    one that was moved with its paragraph but not renumbered.

    **Example.** Notes ``4``, ``6``, ``5`` in that order.

    **Use instead.** Put the definitions in order, renumbering the references if needed.
    """
    highest = 0
    seen = set()
    for note in doc.notes:
        if not numeric(note.label) or note.label in seen:
            seen.add(note.label)
            continue
        seen.add(note.label)
        n = int(note.label)
        if n < highest:
            start, end = _label_range(note)
            yield doc.finding(start, end, f"note {n} is defined after note {highest}: "
                              f"expected note {highest + 1} here")
        highest = max(highest, n)



# ---------------------------------------------------------------------------------------------
# "Ibid."


def describe(note, limit: int = 60) -> str:
    text = note.text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@rule("FN006", "ibid-continuity", "error")
def ibid_continuity(doc, ctx):
    """"Ibid." must continue the source of the note just before it.

    **What it does.** Checks that a note opening with "Ibid." follows a note it can continue:
    "Ibid., vol. 976" needs a Treaty Series (or other multi-volume) citation before it;
    "Ibid., 2014, Supplement No. 7" an Official Records citation by year (Economic and Social
    Council), "Ibid., Seventy-eighth Session, Supplement No. 42" one by session (General
    Assembly); any "Ibid." needs a note before it.

    **Why.** "Ibid." silently changes meaning when the note before it is deleted, moved or
    inserted: the Treaty Series volume that followed a Treaty Series note now follows a
    resolution, and the citation is wrong without any visible change.

    **Example.** ``<sup>7</sup> Resolution 70/1.`` then ``<sup>8</sup> Ibid., vol. 976, No. 14152.``

    **Use instead.** ``<sup>8</sup> United Nations, Treaty Series, vol. 976, No. 14152.``
    """
    cited = ctx.footnotes.cited
    twice = ctx.footnotes.numbering.twice
    previous = None
    for note in doc.notes:
        c = cited.get(note.label)
        if note.label in twice:  # a label defined twice is FN004's business, and an "Ibid."
            previous = "ambiguous"  # after it continues one of two notes: not checked
            continue
        if c is None:
            continue
        if c.ibid is not None and previous != "ambiguous":
            problem = _ibid_problem(c, previous)
            if problem:
                yield doc.finding(*c.ibid, f"\"Ibid.\" in note {note.label} {problem}")
        previous = (note, c)


def _ibid_problem(c: Cited, previous) -> str:
    if previous is None:
        return "has no note before it to refer to"
    note, p = previous
    where = f"continues note {note.label} (\"{describe(note)}\")"
    if c.ibid_kind == "volume" and not (p.series.startswith("ts:") or p.volumed):
        return f"gives a volume but {where}, which has no volumes"
    if c.ibid_kind in ("year", "session", "supplement"):
        if not p.series.startswith("or:"):
            return f"gives an Official Records supplement but {where}"
        if c.ibid_kind in ("year", "session") and p.form and p.form != c.ibid_kind:
            return (f"gives a {c.ibid_kind} but {where}, whose Official Records are cited by "
                    f"{p.form}")
    return ""


@rule("FN007", "ibid-typography", "error")
def ibid_typography(doc, ctx):
    """A note opening with "Ibid" is written "Ibid." (capital I, full stop), then "," if more.

    **Why.** "Ibid," "Ibid" and "ibid." at the start of a note are slips that survive
    proof-reading and are fixed by hand in every edition.

    **Example.** ``<sup>29</sup> Ibid, 2014, Supplement No. 8 (E/2014/28), chap. I, sect. C.``

    **Use instead.** ``<sup>29</sup> Ibid., 2014, Supplement No. 8 (E/2014/28), chap. I, sect. C.``

    **Fix safety.** Safe: the fix only rewrites the word "Ibid" and its full stop.
    Display-only for PDF text.
    """
    for note in doc.notes:
        i, m = opening_ibid(note.text)
        if not m:
            continue
        word, dot, comma = m.groups()
        rest = note.text[m.end() :].lstrip()
        needs_comma = not comma and bool(rest) and rest[0].isalnum()
        proper = "Ibid" if i == 0 else word  # after "See", "ibid." is also right
        if word == proper and dot and not needs_comma:
            continue
        start = note.start + m.start(1)
        end = start + len(word) + len(dot)
        shown = proper + "." + ("," if needs_comma else comma)
        found = note.text[m.start(1) : m.end()]
        parts = []
        if word != proper or not dot:
            parts.append(doc.replace(start, end, proper + ".", ""))
        if needs_comma:  # after the full stop, so outside *italics*
            parts.append(doc.replace(end, end, ",", ""))
        fix = None
        if None not in parts:
            fix = Fix(f"write {shown!r}", tuple(e for f in parts for e in f.edits),
                      parts[0].applicability)
        yield doc.finding(start, end, f"write \"{shown}\", not \"{found}\", at the start of note "
                          f"{note.label}", fix)



@rule("FN011", "reference-not-superscript", "error")
def reference_not_superscript(doc, ctx):
    """In a PDF, a footnote reference set full-size instead of as a superscript.

    **What it does.** In a PDF, where unlint reads each character's size and position, reports
    a reference that is printed in the line's own size ("... Outer Space,1" where the note's
    number should be raised and smaller): the reader takes it for the reference because the
    note with that number comes next.

    **Why.** A full-size number reads as part of the text ("UNISPACE+50,1") and readers of the
    printed document miss the note.

    **Example.** ``... the fiftieth anniversary of UNISPACE,1`` (A/RES/73/6, page 3)

    **Use instead.** ``... the fiftieth anniversary of UNISPACE,¹``
    """
    if doc.format != "pdf":
        return
    text = doc.source.text
    for ref in doc.refs:
        mark = text[ref.span.start:ref.span.end]
        if mark.isascii() and mark.isdigit():
            yield Finding(ref.span.start, ref.span.end,
                          f"footnote reference {ref.label} is set full-size, not as a superscript")
