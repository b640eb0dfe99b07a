"""FN: what footnotes cite — re-used references and the instruments they follow, Official
Records citations.

The rules read ``ctx.footnotes`` (:class:`unlint.analysis.footnotes.Footnotes`): what each note
cites, what the text names just before each reference, and the Official Records supplements the
notes cite; the instrument table is the run's (``ctx.run.instruments``,
:mod:`unlint.analysis.instruments`). The numbering rules are in :mod:`unlint.rules.footnotes`.
"""

from __future__ import annotations

import re

from unlint.analysis.footnotes import Name, Record, agree, normalise
from unlint.diagnostics import Applicability, Fix
from unlint.knowledge import table
from unlint.registry import rule
from unlint.rules.footnotes import describe, mark_edit, ref_finding




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
            what = f"\"{describe(notes[ref.label])}\""  # a re-used note for another source
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
            edit = mark_edit(doc, ref, proposal)
            if edit:
                fix = Fix(f"refer to note {proposal}", (edit,), Applicability.UNSAFE)
        yield ref_finding(doc, ref, f"reference {ref.label} follows the {inst.label}, but note "
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
        yield ref_finding(doc, ref, f"note {ref.label} was first cited after \"{earlier.text}\" "
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
