"""FN: footnotes — numbering, "Ibid.", re-used references and Official Records citations.

The rules read the document's footnotes through ``ctx.footnotes``
(:class:`unlint.analysis.footnotes.Footnotes`): their numbering, what each note cites, what the
text names just before each reference, and the Official Records supplements the notes cite; the
instrument table is the run's (``ctx.run.instruments``, :mod:`unlint.analysis.instruments`).
"""

from __future__ import annotations

import re

from unlint.analysis.footnotes import (
    Cited,
    Name,
    Numbering,
    Record,
    agree,
    normalise,
    numeric,
    opening_ibid,
)
from unlint.diagnostics import Applicability, Edit, Finding, Fix
from unlint.knowledge import table
from unlint.registry import rule

_NOTE_MENTION = re.compile(r"\b(?:foot)?notes? \d")

# ---------------------------------------------------------------------------------------------
# Numbering


def _mark_edit(doc, ref, label: str) -> Edit | None:
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
            edits.append(_mark_edit(doc, r, mapping[r.label]))
    for n in num.numeric_defs:
        if mapping[n.label] != n.label:
            edits.append(_label_edit(doc, n, mapping[n.label]))
    if not edits or None in edits:
        return None
    return Fix("renumber the footnotes 1, 2, 3 ...", tuple(sorted(edits, key=lambda e: e.start)))


def _ref_finding(doc, ref, message, fix=None) -> Finding:
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

    **Fix safety.** When the only fault is a gap (a note deleted with its reference), the fix
    renumbers every reference and definition after it; it is offered once, on the first gap,
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
            yield _ref_finding(doc, ref, f"first reference to note {n} where note {expected} is "
                               f"expected: notes run 1, 2, 3 ... in order of first reference", fix)
            expected = n + 1
        else:
            yield _ref_finding(doc, ref, f"first reference to note {n} comes after note "
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
        yield _ref_finding(doc, ref, f"reference to note {ref.label}, which is not defined{last}")


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


def _describe(note, limit: int = 60) -> str:
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
    where = f"continues note {note.label} (\"{_describe(note)}\")"
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



# ---------------------------------------------------------------------------------------------
# Re-used references and the instruments they follow


def _ts_text(keys) -> str:
    ts = sorted({(k[2], k[3]) for k in keys if k[0] == "ts"}, key=lambda p: (len(p[0]), p))
    vols = ", ".join(v for v, _ in ts)
    nos = sorted({n for _, n in ts if n})
    return f"Treaty Series vol. {vols}" + (f", No. {nos[0]}" if len(nos) == 1 else "")


@rule("FN008", "cited-instrument-mismatch", "error")
def cited_instrument_mismatch(doc, ctx):
    """A footnote reference after a named instrument points to a note citing another one.

    **What it does.** For each reference that follows the name of an instrument known to
    rules/instruments.yaml ("the Firearms Protocol<sup>22</sup>"), reads the note: if the note
    cites another known instrument, or another Treaty Series volume, the reference is wrong; a
    re-used note (its number cited before) that cites something else and does not name the
    instrument is wrong too ("the Paris Agreement,<sup>1</sup>" where note 1 is "A/80/331").
    An instrument named earlier in the clause the note ends (after the reference before it)
    may be the one the note cites. The message names both and proposes the note of the
    document that cites the instrument.

    **Why.** Re-using a footnote ("<sup>10</sup>" again for a convention cited earlier) is
    done by hand; after notes are renumbered or a wrong number is copied, the reference sends
    the reader to the wrong treaty.

    **Example.** ``the Protocol against the Illicit Manufacturing of and Trafficking in
    Firearms ... ;<sup>22</sup>`` where note 22 cites the Programme of Action on small arms
    (A/CONF.192/15) and note 23 the Firearms Protocol (vol. 2326).

    **Use instead.** ``...;<sup>23</sup>``

    **Fix safety.** Unsafe: the fix re-points a re-used reference to the note that cites the
    instrument, when exactly one note of the document does; it is offered for re-used
    references only (a first reference would break the numbering).
    """
    k = ctx.run.instruments
    cited = ctx.footnotes.cited
    named = ctx.footnotes.named
    first_index = {}
    for i, ref in enumerate(doc.refs):
        first_index.setdefault(ref.label, i)
    twice = ctx.footnotes.numbering.twice
    notes = {n.label: n for n in doc.notes}
    for i, ref in enumerate(doc.refs):
        name = named.get(i)
        c = cited.get(ref.label)
        if name is None or name.instrument is None or c is None or not c.keys:
            continue
        if ref.label in twice:
            continue  # which of the two notes is meant? FN004 reports the numbering
        inst = name.instrument
        if agree(inst.keys, c.keys):
            continue
        others = [o for o in k.instruments if o is not inst and agree(o.keys, c.keys)]
        previous = doc.refs[i - 1].pos if i and doc.refs[i - 1].paragraph == ref.paragraph else 0
        before = _window(doc, ref, since=previous)
        if any(n in before for o in others for n in o.names):
            continue  # the note's instrument is named earlier in the clause the note ends
        has_ts = any(key[0] == "ts" for key in inst.keys)
        reused = first_index[ref.label] != i
        if others:
            what = others[0].label
        elif has_ts and any(key[0] == "ts" for key in c.keys):
            what = _ts_text(c.keys)
        elif reused and ref.label in notes and not any(key[0] == "ts" for key in c.keys) and not any(
                n in normalise(notes[ref.label].text).lower() for n in inst.names):
            what = f"\"{_describe(notes[ref.label])}\""  # a re-used note for another source
        else:
            continue
        candidates = [lab for lab, cc in cited.items() if agree(inst.keys, cc.keys)]
        exact = [lab for lab in candidates
                 if all(agree(inst.keys, {key}) for key in cited[lab].keys if key[0] != "doc")]
        proposal = (exact or candidates or [None])[0]
        hint = (f"; note {proposal} cites it" if proposal else
                "; no note of this document cites it")
        fix = None
        if proposal and len(exact) == 1 and reused and first_index.get(proposal, i) < i:
            edit = _mark_edit(doc, ref, proposal)
            if edit:
                fix = Fix(f"refer to note {proposal}", (edit,), Applicability.UNSAFE)
        yield _ref_finding(doc, ref, f"reference {ref.label} follows the {inst.label}, but note "
                           f"{ref.label} cites {'the ' if others else ''}{what}{hint}", fix)


@rule("FN009", "reused-footnote-consistency", "warning")
def reused_footnote_consistency(doc, ctx):
    """A re-used footnote follows a name that differs from the one at its first reference.

    **What it does.** When a note is cited again later in the text (the same number), compares
    the titled name just before the later reference with the one before the first reference.
    Names agree when one contains the other, when either appears near the other reference or in
    the note, or when both name the same instrument. Covers documents on any subject; where
    both names are instruments known to rules/instruments.yaml, FN008 decides instead.

    **Why.** A re-used reference is copied by hand; after renumbering it easily points to a
    neighbouring note. The first use says what the note is about.

    **Example.** ``the Basic Principles on the Use of Force and Firearms by Law Enforcement
    Officials,<sup>18</sup>`` and later ``the Political Declaration on ...,<sup>18</sup>``.

    **Use instead.** The number of the note that cites the later name.
    """
    cited = ctx.footnotes.cited
    named = ctx.footnotes.named
    notes = {n.label: n for n in doc.notes}
    twice = ctx.footnotes.numbering.twice
    k = ctx.run.instruments
    first: dict = {}
    for i, ref in enumerate(doc.refs):
        if ref.label not in first:
            first[ref.label] = i
            continue
        later, earlier = named.get(i), named.get(first[ref.label])
        note, c = notes.get(ref.label), cited.get(ref.label)
        if later is None or earlier is None or note is None or ref.label in twice:
            continue
        if later.instrument is not None and c is not None and (
                any(key[0] == "ts" for key in c.keys)
                or any(agree(o.keys, c.keys) for o in k.instruments)):
            continue  # FN008's business
        f_ref = doc.refs[first[ref.label]]
        if _names_agree(doc, later, earlier, ref, f_ref, note):
            continue
        yield _ref_finding(doc, ref, f"note {ref.label} was first cited after \"{earlier.text}\" "
                           f"({doc.source.where(f_ref.span.start)}) but is cited here after "
                           f"\"{later.text}\": check the note number")


def _window(doc, ref, after: int = 0, since: int = 0) -> str:
    """The text before a reference (from ``since``, and ``after`` characters after it), within
    its paragraph, normalised and lower-case."""
    if ref.paragraph is None:
        return ""
    para = doc.paragraphs[ref.paragraph]
    start = max(para.body_start, ref.pos - 400, since)
    return normalise(doc.text[start : min(para.end, ref.pos + after)]).lower()


def _significant(name: str) -> set:
    return {w.lower() for w in re.findall(r"[\w'-]+", name) if w[0].isupper() and len(w) > 2}


def _names_agree(doc, a: Name, b: Name, ref_a, ref_b, note) -> bool:
    if a.instrument is not None and b.instrument is not None and (
            a.instrument is b.instrument or agree(a.instrument.keys, b.instrument.keys)):
        return True
    na, nb = normalise(a.text).lower(), normalise(b.text).lower()
    if na in nb or nb in na:
        return True
    if na in _window(doc, ref_b, after=0) or nb in _window(doc, ref_a, after=0):
        return True
    text = normalise(note.text).lower()
    if na in text:
        return True
    wa, wb = _significant(a.text), _significant(b.text)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


# ---------------------------------------------------------------------------------------------
# Official Records


def _expected_symbol(r: Record) -> str | None:
    """The symbol rules/instruments.yaml (``official_records``) gives the supplement, or None."""
    for form in table("instruments").get("official_records") or ():
        if form["body"] != r.body:
            continue
        digits = int(re.match(r"\d+", r.supplement).group())
        low, high = form.get("supplements", [1, 999])
        if not low <= digits <= high:
            return None
        if form["by"] == "year":
            if not r.when.isdigit():
                return None
            values = {"year": r.when}
        else:
            session = r.session
            if session is None or "pecial" in r.when:
                return None
            values = {"session": session}
        values.update(supplement=digits, supplement20=digits + 20)
        return form["symbol"].format(**values)
    return None


@rule("FN010", "official-records-symbol", "error")
def official_records_symbol(doc, ctx):
    """The same Official Records supplement carries the same, matching document symbol.

    **What it does.** Reads every "Official Records of the ..., YEAR or SESSION, Supplement
    No. N (SYMBOL)" in the notes ("Ibid., 2014, Supplement No. 7 (E/2014/27)" included) and
    checks the symbol against the supplement (General Assembly: A/<session>/<N>; Economic and
    Social Council: E/<year>/<N + 20>, see official_records in rules/instruments.yaml) and
    against every other citation of the same supplement in the document.

    **Why.** The symbol is typed by hand beside the supplement number; "Supplement No. 10
    (E/2017/10)" is the supplement number copied into the symbol, and the reader looking the
    report up finds another document.

    **Example.** Note 12: ``Official Records of the Economic and Social Council, 2017,
    Supplement No. 10 (E/2017/30)``; note 21: ``... 2017, Supplement No. 10 (E/2017/10)``.

    **Use instead.** ``... 2017, Supplement No. 10 (E/2017/30)`` in both.

    **Fix safety.** Safe when the expected symbol is also the one another note of the document
    gives for the same supplement; otherwise no fix. Display-only for PDF text.
    """
    records = ctx.footnotes.records
    symbols: dict = {}
    for r in records:
        symbols.setdefault((r.body, r.when, r.supplement), []).append(r)
    for r in records:
        same = symbols[(r.body, r.when, r.supplement)]
        expected = _expected_symbol(r)
        what = f"Official Records of the {r.body}, {r.when}, Supplement No. {r.supplement}"
        if expected is not None:
            if r.symbol.startswith(expected) and r.symbol[len(expected) : len(expected) + 1] in (
                    "", "/", " ", "("):
                continue
            witness = next((o for o in same if o.symbol == expected), None)
            fix = None
            if witness is not None:
                fix = doc.replace(r.start, r.end, expected, f"write {expected}")
            seen = f" (as in note {witness.note.label})" if witness else ""
            yield doc.finding(r.start, r.end, f"{what} is {expected}{seen}, not {r.symbol}", fix)
            continue
        first = same[0]
        if first.symbol != r.symbol:
            yield doc.finding(r.start, r.end, f"{what} is cited as {first.symbol} in note "
                              f"{first.note.label} but as {r.symbol} here")


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
