"""CP: what the update of a base text broke in the draft made from it.

These rules run only when a base text is given (``--base FILE``, or ``unlint compare BASE
DRAFT``): they read the alignment of the draft with the base (``ctx.alignment``,
:mod:`unlint.compare`) and report a reference that still counts the base's paragraphs, a
footnote reference that now points to another note, a session or a coming year carried over
unchanged, and a draft that does not recall the resolution it updates.
"""

from __future__ import annotations

import re
from textwrap import shorten

from unlint.analysis.document import document_adopted, document_date, document_session, document_symbol
from unlint.analysis.numerals import ordinal, ordinal_word
from unlint.diagnostics import Applicability, Fix
from unlint.registry import rule
from unlint.rules.footnotes import ref_finding

_SESSION = re.compile(r"\b([a-z]+(?:[-‑][a-z]+)?) session\b")
_RESOLUTION = re.compile(r"^(\d{1,3})/(\d{1,3})\b")


def _kept(ctx):
    """The pairs whose block is in both texts: (pair, base paragraph, draft paragraph)."""
    base = ctx.run.base
    for pair in ctx.alignment or ():
        if pair.base is not None and pair.draft is not None and pair.draft.kind != "note":
            yield pair, base.paragraphs[pair.base.index], ctx.doc.paragraphs[pair.draft.index]


@rule("CP001", "stale-paragraph-reference", "error")
def stale_paragraph_reference(doc, ctx):
    """A reference that still counts the base text's paragraphs ("paragraph 12 above").

    **What it does.** With a base text, follows each reference to an operative paragraph
    ("paragraph 12 above", "paragraphs 3 to 5 of the present resolution") that the draft kept
    from the base (the same number at the same place of a paragraph the draft kept): the
    paragraph it pointed to in the base is found in the draft; if it now has another number,
    the reference is reported with that number (a safe fix when that paragraph is unchanged),
    and if the draft deleted it, that is said. A reference the draft changed or added is
    XR001's.

    **Why.** Inserting or deleting a paragraph renumbers every paragraph after it, and the
    references to them keep the old numbers: the text then points to the wrong paragraph.

    **Example.** The base's paragraph 12 is paragraph 13 of the draft, and the draft still
    says ``as referred to in paragraph 12 above``.

    **Use instead.** ``as referred to in paragraph 13 above``

    **Fix safety.** Safe when the paragraph pointed to is unchanged in the draft; unsafe when
    it changed or moved.
    """
    if not ctx.alignment:
        return
    from unlint.rules.xrefs import body_references

    base = ctx.run.base
    now: dict[str, tuple] = {}  # base operative number -> (pair, draft paragraph)
    gone: set[str] = set()
    for pair in ctx.alignment:
        if pair.base is None or pair.base.kind != "operative" or not pair.base.label.startswith("OP"):
            continue
        number = base.paragraphs[pair.base.index].number
        if pair.draft is None:
            gone.add(number)
        else:
            now[number] = (pair, doc.paragraphs[pair.draft.index])
    kept = {p.draft.index: p.base.index for p in ctx.alignment if p.base and p.draft and p.draft.kind != "note"}
    before: dict[int, list[int]] = {}  # base paragraph -> the numbers it refers to, in order
    for index, _, _, number in body_references(base):
        before.setdefault(index, []).append(number)
    after: dict[int, list[tuple[int, int, int]]] = {}
    for index, start, end, number in body_references(doc):
        after.setdefault(index, []).append((start, end, number))
    for index, refs in after.items():
        old = before.get(kept.get(index, -1), [])
        if len(old) != len(refs):
            continue  # references the draft wrote or rewrote: XR001's
        for (start, end, number), was in zip(refs, old):
            if number == was:  # kept as the base had it
                yield from _stale(doc, start, end, number, now, gone)


def _stale(doc, start: int, end: int, number: int, now: dict, gone: set):
    """The finding for a reference to base paragraph ``number`` kept in the draft, if stale."""
    if str(number) in gone:
        yield doc.finding(start, end, f"paragraph {number} of the base text is deleted in the draft")
        return
    target = now.get(str(number))
    if target is None or target[1].number == str(number) or target[1].part != "body":
        return
    pair, para = target
    fix = None
    if doc.text[start:end] == str(number):
        fix = doc.replace(start, end, para.number, f"write {para.number}")
        if fix is not None and pair.status != "same":
            fix = Fix(fix.title, fix.edits, Applicability.UNSAFE)
    yield doc.finding(start, end, f"paragraph {number} of the base text is paragraph "
                      f"{para.number} of the draft ({pair.status}): '{shorten(para.body, 60, placeholder=' …')}'", fix)


@rule("CP002", "carried-over-session", "warning")
def carried_over_session(doc, ctx):
    """A session named as in the base text, in a draft for a later session.

    **What it does.** With a base text of an earlier session of the General Assembly (from the
    symbols or the session lines), reports a session named in words ("at its seventy-fourth
    session") that a paragraph kept from the base names the same way, when that session was
    the base's own or a later one: it has most likely moved on by as many sessions as the
    draft, and the message says to which.

    **Why.** A technical update keeps last year's paragraphs; the session in a reporting
    request or an agenda item is the part that must change, and is the part most often left.

    **Example.** Base (seventy-third session): ``report to the General Assembly at its
    seventy-fourth session``; the draft for the seventy-fourth session keeps it.

    **Use instead.** ``... at its seventy-fifth session``
    """
    then, now = _moved_on(ctx, document_session)
    for new, m in _carried(ctx, _SESSION, then, now):
        number = ordinal(m.group(1))
        if number is None or number < then:
            continue
        at = new.start + m.start(1)
        moved = ordinal_word(number + now - then)
        yield doc.finding(at, new.start + m.end(), f"the base text, of the {ordinal_word(then)} "
                          f"session, names the {m.group(1)} session here too; this draft is of "
                          f"the {ordinal_word(now)}: the {moved} session?")


def _moved_on(ctx, measure) -> tuple[int | None, int | None]:
    """(the base's, the draft's) session or year, as ``measure`` reads it from a document."""
    if not ctx.alignment:
        return None, None
    return measure(ctx.run.base), measure(ctx.doc)


def _carried(ctx, pattern: re.Pattern, then: int | None, now: int | None):
    """(draft paragraph, match) for each match of ``pattern`` (its group 1) in a paragraph kept
    from the base that the base paragraph has too, when the draft is later than the base."""
    if then is None or now is None or now <= then:
        return
    for _, old, new in _kept(ctx):
        before = {m.group(1).lower() for m in pattern.finditer(old.text)}
        for m in pattern.finditer(new.text):
            if m.group(1).lower() in before:
                yield new, m


_YEAR_AHEAD = re.compile(r"\b(?:in|for|during|by|until|before) (?:the year )?((?:19|20)\d\d)\b")


def _year(doc) -> int | None:
    """The year of a document: its date, or the year its Assembly session opened."""
    when = document_date(doc)
    if when is not None:
        return when.year
    session = document_session(doc)
    return 1945 + session if session else None


@rule("CP005", "carried-over-year", "warning")
def carried_over_year(doc, ctx):
    """A year the base text looked ahead to, kept in a draft of that year or later.

    **What it does.** With a base text of an earlier year (its date, or its session), reports
    a year after "in", "for", "during", "by", "until" or "before" that a paragraph kept from the
    base names the same way, when that year was still to come for the base and has come for
    the draft ("in 2018" in a 2017 text, kept in a 2018 draft). A year still ahead of the draft
    (a conference fixed for 2020) is left alone.

    **Why.** "To convene in 2018" was the coming year for last year's text; kept as it was, the
    draft asks for something this year, or in the past.

    **Example.** Base (2017): ``to hold a meeting in 2018``; the 2018 draft keeps it.

    **Use instead.** ``to hold a meeting in 2019`` (or the year now meant)
    """
    then, now = _moved_on(ctx, _year)
    for new, m in _carried(ctx, _YEAR_AHEAD, then, now):
        year = int(m.group(1))
        if then < year <= now:
            at = new.start + m.start(1)
            yield doc.finding(at, at + 4, f"the base text, of {then}, looks ahead to {year} here too; "
                              f"this draft is of {now}: {year + now - then}?")


@rule("CP003", "base-not-recalled", "warning")
def base_not_recalled(doc, ctx):
    """A draft that does not recall the resolution it updates.

    **What it does.** With a base text that is an adopted General Assembly resolution
    ("73/186"), reports a draft whose text cites no resolution of that number.

    **Why.** A resolution that updates an earlier one recalls it in its preamble: the reader
    follows the item from year to year through those citations, and the Secretariat's
    reporting mandates are read from them.

    **Example.** A draft made from resolution 73/186 whose preamble recalls 72/196 and earlier
    ones, but not 73/186.

    **Use instead.** ``Recalling its resolution 73/186 of 17 December 2018, ...``
    """
    if not ctx.alignment:
        return
    base = ctx.run.base
    if not document_adopted(base):
        return
    symbol = (document_symbol(base) or "").removeprefix("A/RES/")  # "73/186." or A/RES/73/186
    m = _RESOLUTION.match(base.header.number or "") or _RESOLUTION.match(symbol)
    if m is None:
        return
    number = f"{m.group(1)}/{m.group(2)}"
    if any(c.number == number for c in ctx.citations) or not doc.paragraphs:
        return
    first = doc.preambular[0] if doc.preambular else doc.paragraphs[0]
    end = first.body_start + len(first.body.split(None, 1)[0]) if first.body.strip() else first.end
    yield doc.finding(first.body_start, end, f"the draft does not recall resolution {number}, "
                      f"the text it updates")


@rule("CP004", "stale-footnote-reference", "error")
def stale_footnote_reference(doc, ctx):
    """A footnote reference kept from the base text that now points to another note.

    **What it does.** With a base text, compares the footnote references of each paragraph the
    draft kept from the base: a reference that keeps the base's number while the note it
    pointed to has another number in the draft (the same text) is reported with the note's new
    number.

    **Why.** Notes are renumbered when a paragraph with a note is inserted above; a reference
    typed again, or copied with its old number, then cites the wrong instrument.

    **Example.** The base's note 5 cites the Paris Agreement and is note 6 of the draft; the
    draft's paragraph still carries reference ⁵.

    **Use instead.** Reference ⁶.
    """
    if not ctx.alignment:
        return
    base = ctx.run.base
    old_notes = {n.label: n.text for n in base.notes}
    new_notes = {n.label: n.text for n in doc.notes}
    label_of = {}
    for label, text in new_notes.items():
        label_of.setdefault(text, label)
    old_refs: dict[int, list] = {}
    for r in base.refs:
        if r.paragraph is not None:
            old_refs.setdefault(r.paragraph, []).append(r)
    new_refs: dict[int, list] = {}
    for r in doc.refs:
        if r.paragraph is not None:
            new_refs.setdefault(r.paragraph, []).append(r)
    for pair, _, _ in _kept(ctx):
        olds, news = old_refs.get(pair.base.index, []), new_refs.get(pair.draft.index, [])
        if len(olds) != len(news):
            continue
        for o, n in zip(olds, news):
            cited = old_notes.get(o.label)
            moved_to = label_of.get(cited)
            if (o.label != n.label or cited is None or moved_to is None or moved_to == n.label
                    or new_notes.get(n.label) == cited):
                continue  # a number changed by the drafter, or a note that did not move
            yield ref_finding(doc, n, f"reference {n.label} points to note {n.label}; in the base "
                              f"text it cited '{shorten(cited, 60, placeholder=' …')}', which is note {moved_to} of the draft")
