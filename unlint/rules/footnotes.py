"""FN: footnotes — numbering, "Ibid.", re-used references and Official Records citations.

A footnote is a reference mark in the text (:class:`~unlint.model.Ref`, ``pos`` in the canonical
text, ``span`` the original mark) and a definition after the body (:class:`~unlint.model.Note`).
The rules share three analyses, each computed once per document (:class:`Footnotes`, which
rules reach as ``ctx.footnotes``):

* ``_numbering``: numeric references and definitions, first uses, defined labels;
* ``_citations``: what each note cites (Treaty Series volumes, resolutions, symbols, sales
  numbers), with "Ibid." resolved against the note before it;
* ``_named``: the name the text gives just before each reference (an instrument of
  rules/instruments.yaml, or a titled document found by its capitalised words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from unlint.diagnostics import Edit, Finding, Fix
from unlint.knowledge import table
from unlint.registry import rule

# ---------------------------------------------------------------------------------------------
# Patterns (compiled once, at import; compiling is cheap)

_SEE = re.compile(r"(?:See(?:,? (?:also|for example|inter alia))?,? )?")
_IBID = re.compile(r"([Ii]bid)(\.?)(,?)(?![\w])")
_TS = re.compile(r"(United Nations|League of Nations),\s*Treaty Series")
_VOLS = re.compile(
    r"\bvols?\.\s*([\dIVXLCM]+(?:(?:,\s*|\s+and\s+)[\dIVXLCM]+)*)"
    r"(?:,?\s*Nos?\.\s*(\d+)(?:\s*[–-]\s*(\d+))?)?"
)
_RES_WORD = re.compile(r"\b[Rr]esolutions?\s+")
_RES_NUM = re.compile(
    r"\d{1,4}/\d{1,4}(?:\s[A-Z](?![\w/]))?|[A-Z]{1,2}-\d{1,2}/\d{1,3}(?:\s[A-Z](?![\w/]))?"
    r"|\d{1,4}\s(?:[A-Z]\s)?\([IVXL]+\)"
)
_RES_ANNEX = re.compile(r",?\s*annex(?:es)?(?:\s+([IVX]+(?:(?:,\s*|\s+and\s+)[IVX]+)*)\b)?")
_RES_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=\d|[A-Z]{1,2}-)")
_OTHER_BODY = re.compile(
    r"(?:Council|Commission|Conference|Environment Assembly|Health Assembly|Board|Committee"
    r"|Meeting of the Parties|Organization|Union)[^.;]{0,60}$"
)
_SYMBOL = re.compile(r"(?<![\w/.\-])([A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+)")
_SALES = re.compile(r"Sales No\.\s*([A-Z]\.\d{2}\.[IVXL]+(?:\.[A-Z])?\.\d+)")
_OR = re.compile(r"Official Records of the ([A-Z][^,]*?),\s*")
_WHEN = re.compile(
    r"(\d{4}|[A-Z][a-z]+(?:-[a-z]+)? (?:[Ss]pecial |[Ee]mergency [Ss]pecial )?[Ss]ession"
    r"|[A-Z][a-z]+(?:-[a-z]+)? Year),\s*"
)
_SUPP = re.compile(r"Supplement No\.\s*(\d+)([A-Z]?)\s*\(")
_IBID_KIND = (
    ("volume", re.compile(r"[.,\s]*vols?\.")),
    ("year", re.compile(r"[.,\s]*\d{4},\s*Supplement")),
    ("session", re.compile(r"[.,\s]*[A-Z][a-z]+(?:-[a-z]+)? (?:[Ss]pecial )?[Ss]ession,\s*Suppl")),
    ("supplement", re.compile(r"[.,\s]*Supplement No")),
)
_IBID_ANNEX = re.compile(r"[.,\s]*annex(?:es)?\s+([IVX]+)\b")
_NOTE_MENTION = re.compile(r"\b(?:foot)?notes? \d")
_NUMERIC = re.compile(r"\d{1,3}$")
#: session ordinals, "Seventy-eighth" = seventy + eighth
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TENTHS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()

class Footnotes:
    """The footnote analyses of one document, each computed on first use."""

    def __init__(self, doc, instruments):
        self.doc = doc
        self.instruments = instruments

    @cached_property
    def numbering(self) -> "_Numbering":
        return _numbering(self.doc)

    @cached_property
    def cited(self) -> dict:
        return _citations(self.doc)

    @cached_property
    def named(self) -> dict:
        return _named(self.doc, self.instruments)


# ---------------------------------------------------------------------------------------------
# Numbering


@dataclass(frozen=True)
class _Numbering:
    refs: tuple  # numeric references in document order
    first: dict  # label -> first reference
    defs: dict  # label -> first definition (numeric and other labels)
    numeric_defs: tuple  # numeric definitions in original order
    maybe_marked: frozenset  # defined labels that a bare-number reader may have missed


def _numbering(doc) -> _Numbering:
    refs = tuple(r for r in doc.refs if _NUMERIC.match(r.label))
    first: dict = {}
    for r in refs:
        first.setdefault(r.label, r)
    defs: dict = {}
    for n in doc.notes:
        defs.setdefault(n.label, n)
    numeric_defs = tuple(n for n in doc.notes if _NUMERIC.match(n.label))
    return _Numbering(refs, first, defs, numeric_defs, _maybe_marked(doc, first, numeric_defs))


def _is_bare(doc) -> bool:
    """References written as plain digits (PDF text, converted Markdown), not <sup>/[^N]."""
    if doc.format == "pdf-text":
        return True
    text = doc.source.text
    return any(text[r.span.start : r.span.end].isdigit() for r in doc.refs)


def _maybe_marked(doc, first, numeric_defs) -> frozenset:
    """Unreferenced labels whose digits sit in the body like a reference the reader missed.

    Only for bare-number documents: there a reference is plain digits ("Islamophobia17",
    "Holocaust, 18 as"), and a reader that misses one leaves them in the text. Reporting such a
    note as unreferenced would be reporting the reader, not the document.
    """
    missing = [n.label for n in numeric_defs if n.label not in first]
    if not missing or not _is_bare(doc):
        return frozenset()
    body = "\n".join(p.text for p in doc.paragraphs)
    found = set()
    for label in missing:
        pattern = rf"(?:[^\W\d_]|[,;:.)”’\"])[ \u00a0]?{label}(?![\d/])|[./]\d+{label}(?![\d/])"
        if re.search(pattern, body):
            found.add(label)
    return frozenset(found)


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


def _applicability(doc) -> str:
    return "display" if doc.format == "pdf-text" else "safe"


def _renumbering(doc, num: _Numbering) -> Fix | None:
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
    return Fix("renumber the footnotes 1, 2, 3 ...", tuple(sorted(edits, key=lambda e: e.start)),
               _applicability(doc))


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
    if not doc.notes and not any(_NUMERIC.match(r.label) for r in doc.refs):
        return
    defined = sorted((int(k) for k in num.defs if _NUMERIC.match(k)))
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

    **Example.** Note ``3`` defined, but the text goes from ``<sup>2</sup>`` to ``<sup>4</sup>``.

    **Use instead.** Delete the note and renumber, or restore the reference.

    In PDF text, references are bare digits; a note whose number still sits in the text like an
    unrecognised reference ("Islamophobia17") is not reported.
    """
    num = ctx.footnotes.numbering
    referenced = {r.label for r in doc.refs}
    for note in doc.notes:
        if note.label in referenced or note.label in num.maybe_marked:
            continue
        if not _NUMERIC.match(note.label):
            continue
        start, end = _label_range(note)
        yield doc.finding(start, end, f"note {note.label} is never referenced in the text")


@rule("FN004", "duplicate-footnote", "error")
def duplicate_footnote(doc, ctx):
    """A footnote number defined twice.

    **Why.** Two notes with the same number make every reference to it ambiguous; it happens
    when notes are copied from another draft or renumbered by hand.

    **Example.** ``<sup>12</sup> Resolution 60/288.`` and later ``<sup>12</sup> A/72/125.``

    **Use instead.** Number the second note after the one before it and renumber the rest.
    """
    seen: dict = {}
    previous = 0
    for note in doc.notes:
        if note.label in seen:
            start, end = _label_range(note)
            expected = f": expected note {previous + 1}" if _NUMERIC.match(note.label) else ""
            first = doc.where(_label_range(seen[note.label])[0])
            yield doc.finding(start, end, f"note {note.label} is defined twice (first on {first})"
                              f"{expected}")
        seen.setdefault(note.label, note)
        if _NUMERIC.match(note.label):
            previous = max(previous, int(note.label))


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
        if not _NUMERIC.match(note.label) or note.label in seen:
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
# Citations held by each note, "Ibid." resolved


@dataclass(frozen=True)
class _Cited:
    series: str  # "ts:United Nations", "or:General Assembly", "res", "doc", "pub", "other"
    keys: frozenset  # ("ts", series, vol, no|None) ("res", body, number) ("doc", s) ("sales", s)
    volumed: bool = False  # the source has volumes ("vol." / "vols.")
    form: str = ""  # Official Records: "year" (ECOSOC) or "session" (General Assembly)
    ibid: tuple | None = None  # canonical range of "Ibid" when the note opens with it
    ibid_kind: str = ""  # what the Ibid. adds: "volume", "year", "session", "supplement", ""


def _ts_keys(text: str, series: str) -> set:
    keys = set()
    for m in _VOLS.finditer(text):
        vols = re.split(r"\s*,\s*|\s+and\s+", m.group(1))
        if m.group(2):
            lo = int(m.group(2))
            hi = int(m.group(3)) if m.group(3) and 0 <= int(m.group(3)) - lo < 10 else lo
            numbers = [str(k) for k in range(lo, hi + 1)]
        else:
            numbers = [None]
        keys.update(("ts", series, v, no) for v in vols for no in numbers)
    return keys


def _res_keys(text: str) -> set:
    keys = set()
    for m in _RES_WORD.finditer(text):
        # _OTHER_BODY ends within 60 characters of m.start(), its words are at most 22 long:
        # searching only that window keeps a long note linear (same answer as from 0)
        before = m.start()
        while before and text[before - 1].isspace():
            before -= 1
        body = "other" if _OTHER_BODY.search(text, max(0, m.start() - 90), m.start()) and not (
            text.endswith("General Assembly", 0, before)) else "GA"
        pos = m.end()
        while True:
            n = _RES_NUM.match(text, pos)
            if not n:
                break
            number, pos = n.group(), n.end()
            a = _RES_ANNEX.match(text, pos)
            annexes = [""]
            if a:
                pos = a.end()
                annexes = [f" annex {r}" for r in re.findall(r"[IVX]+", a.group(1) or "")] or [""]
            keys.update(("res", body, number + annex) for annex in annexes)
            s = _RES_SEP.match(text, pos)
            if not s:
                break
            pos = s.end()
    return keys


def _keys(text: str, series: str) -> set:
    """Every citation key in a piece of note text."""
    keys = _res_keys(text)
    if series.startswith("ts:"):
        keys |= _ts_keys(text, series)
    keys.update(("doc", m.group(1).rstrip(".")) for m in _SYMBOL.finditer(text))
    keys.update(("sales", m.group(1)) for m in _SALES.finditer(text))
    return keys


def _series(text: str) -> tuple[str, str]:
    """(series, form) of a citation from its first words."""
    m = _TS.match(text)
    if m:
        return f"ts:{m.group(1)}", ""
    m = _OR.match(text)
    if m:
        w = _WHEN.match(text, m.end())
        form = "" if not w else ("year" if w.group(1)[0].isdigit() or w.group(1).endswith("Year")
                                 else "session")
        return f"or:{m.group(1)}", form
    if re.match(r"(?:General Assembly )?[Rr]esolutions?\b", text):
        return "res", ""
    if _SYMBOL.match(text):
        return "doc", ""
    if "Sales No." in text or text.startswith("Report of"):
        return "pub", ""
    return "other", ""


def cite(text: str, previous: _Cited | None = None, start: int = 0) -> _Cited:
    """What a note (or a citation string of rules/instruments.yaml) cites."""
    i = _SEE.match(text).end()
    m = _IBID.match(text, i)
    if not m:
        series, form = _series(text[i:])
        all_series = {f"ts:{t.group(1)}" for t in _TS.finditer(text)} or {series}
        keys = set()
        for s in all_series:
            keys |= _keys(text, s)
        return _Cited(series, frozenset(keys), bool(re.search(r"\bvols?\.", text)), form)
    rest = text[m.end() :]
    kind = next((k for k, p in _IBID_KIND if p.match(rest)), "")
    at = (start + m.start(), start + m.end(1))
    if previous is None:
        return _Cited("", frozenset(), False, "", at, kind)
    own = _keys(rest, previous.series)
    annex = _IBID_ANNEX.match(rest)
    if kind in ("year", "session", "supplement") or own - previous.keys:
        keys = own
    elif annex and any(key[0] == "res" for key in previous.keys):  # "Ibid., annex II."
        keys = {("res", key[1], f"{key[2].split(' annex ')[0]} annex {annex.group(1)}")
                for key in previous.keys if key[0] == "res"}
    else:
        keys = previous.keys | own
    return _Cited(previous.series, frozenset(keys), previous.volumed, previous.form, at, kind)


def _citations(doc) -> dict:
    """label -> _Cited for every note, in order, "Ibid." resolved against the note before."""
    out: dict = {}
    previous = None
    for note in doc.notes:
        if not _NUMERIC.match(note.label) and previous is None:
            continue  # a "*" note before the numbered ones
        c = cite(note.text, previous, note.start)
        out.setdefault(note.label, c)
        previous = c
    return out


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
    previous = None
    seen = set()
    for note in doc.notes:
        c = cited.get(note.label)
        if c is None or note.label in seen:  # a duplicate label is FN004's business
            continue
        seen.add(note.label)
        if c.ibid is not None:
            problem = _ibid_problem(c, previous)
            if problem:
                yield doc.finding(*c.ibid, f"\"Ibid.\" in note {note.label} {problem}")
        previous = (note, c)


def _ibid_problem(c: _Cited, previous) -> str:
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
        i = _SEE.match(note.text).end()
        m = _IBID.match(note.text, i)
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
# What the text names before each reference


@dataclass(frozen=True)
class _Instrument:
    title: str
    label: str  # the short name when there is one, else the title
    keys: frozenset
    names: tuple  # every name, normalised and lower-case


@dataclass(frozen=True)
class _Knowledge:
    instruments: tuple
    by_last_word: dict  # last word of a normalised name -> [(name, instrument)], longest first
    heads: frozenset


_TRANSLATE = str.maketrans({"\u2011": "-", "\u2010": "-", "\u2013": "-", "\u2014": "-",
                            "\u00a0": " ", "\u202f": " ", "\u201c": '"', "\u201d": '"',
                            "\u2019": "'", "\u2018": "'"})
_SPACES = re.compile(r"\s+")
_HYPHEN_GAP = re.compile(r"(?<=\w)- (?=\w)")


def _is_word_char(c: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter, digit or number, or "_"."""
    return c.isalnum() or c == "_"


def _last_word(text: str) -> str:
    """The last run of word characters of ``text`` ("" if none): what ``\\w+(?=\\W*$)`` finds,
    read from the end of the text instead of scanning all of it (a regex search costs
    ~50 us on the 400 characters before each footnote reference)."""
    end = len(text)
    while end and not _is_word_char(text[end - 1]):
        end -= 1
    start = end
    while start and _is_word_char(text[start - 1]):
        start -= 1
    return text[start:end]


#: the name only completes a longer one: "Conference of the Parties to the X", "Optional Protocol
#: to the X", "Protocol ..., supplementing the X", "Further Implementation of X", "adopted under X",
#: "the midterm review of the implementation of the X"
_DEPENDENT = re.compile(
    r"(?:\b[A-Z][a-z][\w-]*\s+(?:of|to)|supplementing|amending|[Pp]rotocols?(?: [\w ]{0,30})?\)?,? to"
    r"|[Aa]dditional to|annexed to|(?:adopted|concluded|established|negotiated) under"
    r"|\b(?:review|follow-up) (?:of|to)(?: the)?(?: implementation of)?)\s+(?:the\s+)?$"
)
_TRAIL = " ,;:.\"'"
_CONNECT = frozenset("of and the on in for to against with by at its all a an into between "
                     "towards de des du la le et y".split())
#: lower-case words inside titles: "..., supplementing the ...", "Convention relating to ..."
_INNER = frozenset("supplementing relating concerning relative including especially".split())
_MONTHS = frozenset("January February March April May June July August September October "
                    "November December".split())


def _norm(text: str) -> str:
    return _HYPHEN_GAP.sub("-", _SPACES.sub(" ", text.translate(_TRANSLATE))).strip()


def load_instruments() -> _Knowledge:
    """The instrument table (``rules/instruments.yaml``); the run context keeps it."""
    data = table("instruments")
    instruments = []
    index: dict = {}
    for entry in data["instruments"]:
        keys = set()
        for c in entry["cite"]:
            keys |= cite(c).keys
        short = entry.get("short") or []
        names = []
        for name in [entry["title"], *short, *(entry.get("aliases") or [])]:
            n = _norm(name).lower()
            names.append(n[4:] if n.startswith("the ") else n)
        inst = _Instrument(entry["title"], short[0] if short else entry["title"],
                           frozenset(keys), tuple(names))
        instruments.append(inst)
        for n in names:
            index.setdefault(_last_word(n), []).append((n, inst))
    for names in index.values():
        names.sort(key=lambda pair: -len(pair[0]))
    return _Knowledge(tuple(instruments), index, frozenset(data.get("title_heads") or ()))


def _res_agree(a, b) -> bool:
    if a[1] != b[1]:
        return False
    return a[2] == b[2] or a[2].split(" annex ")[0] == b[2] or b[2].split(" annex ")[0] == a[2]


def agree(keys_a, keys_b) -> bool:
    """Do two sets of citation keys share a source?"""
    for a in keys_a:
        for b in keys_b:
            if a[0] != b[0]:
                continue
            if a[0] == "ts":
                if a[1:3] == b[1:3] and (a[3] == b[3] or a[3] is None or b[3] is None):
                    return True
            elif a[0] == "res":
                if _res_agree(a, b):
                    return True
            elif a == b:
                return True
    return False


@dataclass(frozen=True)
class _Name:
    text: str  # the name as it stands in the text
    instrument: _Instrument | None


def _match_instrument(tail: str, k: _Knowledge):
    """The longest known name that ``tail`` (normalised) ends with, unless it is dependent."""
    low = tail.lower()
    last = _last_word(low)
    if not last:
        return None
    for name, inst in k.by_last_word.get(last, ()):
        if low.endswith(name) and (len(low) == len(name) or not low[-len(name) - 1].isalnum()):
            if _DEPENDENT.search(tail[: len(tail) - len(name)]):
                return None
            return tail[len(tail) - len(name) :], inst
    return None


def _title_before(tail: str, heads) -> str | None:
    """A titled document ending ``tail``: capitalised words and connectors, with a head noun."""
    if tail.endswith('"'):
        q = tail.rfind('"', 0, len(tail) - 1)
        if 0 <= q and len(tail) - q < 150:
            inner = tail[q + 1 : -1].strip(_TRAIL)
            return inner if len(inner.split()) >= 2 else None
    run: list[str] = []  # words from right to left
    for word in reversed(tail.split(" ")[-60:]):
        core = word.strip("\"'()")
        if not core:
            break
        # a comma ends the title unless the title goes on: "Prevent, Combat", "Ammunition,
        # supplementing"
        if run and word[-1] in ",;:" and (word[-1] != "," or not (
                run[-1][0].isupper() or run[-1] in _INNER)):
            break
        if not (core[0].isupper() or core[0].isdigit() or core in _CONNECT or core in _INNER):
            break
        run.append(core)
        if word.startswith(('"', "(")):
            break
    run.reverse()
    while run and (run[0] in _CONNECT or run[0] in _INNER or run[0][0].isdigit()):
        run.pop(0)
    title = " ".join(run)
    if " and the " in title:  # "the Code of Conduct ... and the Basic Principles ..."
        last = title.rsplit(" and the ", 1)[1]
        if _is_title(last.split(" "), heads):
            return last
    return title if _is_title(run, heads) else None


def _is_title(words, heads) -> bool:
    capitals = [w for w in words if w[0].isupper() and w.rstrip(",") not in _MONTHS and len(w) > 1]
    return len(capitals) >= 2 and any(w.rstrip(",") in heads for w in words)


def _named(doc, k: _Knowledge) -> dict:
    """ref index -> _Name (or None): what the text names just before each reference."""
    out = {}
    for i, ref in enumerate(doc.refs):
        if ref.paragraph is None:
            continue
        para = doc.paragraphs[ref.paragraph]
        raw = doc.text[max(para.body_start, ref.pos - 400) : ref.pos]
        tail = _norm(raw).rstrip(_TRAIL)
        found = _match_instrument(tail, k)
        if found is None and tail.endswith(")"):
            found = _match_instrument(tail[:-1].rstrip(_TRAIL), k)
        if found is not None:
            out[i] = _Name(found[0], found[1])
            continue
        title = _title_before(_norm(raw).rstrip(" ,;:."), k.heads)
        out[i] = _Name(title, None) if title else None
    return out


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
    cites another known instrument, or another Treaty Series volume, the reference is wrong. The
    message names both and proposes the note of the document that cites the instrument.

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
    for i, ref in enumerate(doc.refs):
        name = named.get(i)
        c = cited.get(ref.label)
        if name is None or name.instrument is None or c is None or not c.keys:
            continue
        inst = name.instrument
        if agree(inst.keys, c.keys):
            continue
        others = [o for o in k.instruments if o is not inst and agree(o.keys, c.keys)]
        before = _window(doc, ref)
        if any(n in before for o in others for n in o.names):
            continue  # the note's instrument is named earlier in the clause the note ends
        has_ts = any(key[0] == "ts" for key in inst.keys)
        if others:
            what = others[0].label
        elif has_ts and any(key[0] == "ts" for key in c.keys):
            what = _ts_text(c.keys)
        else:
            continue
        candidates = [lab for lab, cc in cited.items() if agree(inst.keys, cc.keys)]
        exact = [lab for lab in candidates
                 if all(agree(inst.keys, {key}) for key in cited[lab].keys if key[0] != "doc")]
        proposal = (exact or candidates or [None])[0]
        hint = (f"; note {proposal} cites it" if proposal else
                "; no note of this document cites it")
        fix = None
        reused = first_index[ref.label] != i
        if proposal and len(exact) == 1 and reused and first_index.get(proposal, i) < i:
            edit = _mark_edit(doc, ref, proposal)
            if edit:
                fix = Fix(f"refer to note {proposal}", (edit,),
                          "display" if doc.format == "pdf-text" else "unsafe")
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
    k = ctx.run.instruments
    first: dict = {}
    for i, ref in enumerate(doc.refs):
        if ref.label not in first:
            first[ref.label] = i
            continue
        later, earlier = named.get(i), named.get(first[ref.label])
        note, c = notes.get(ref.label), cited.get(ref.label)
        if later is None or earlier is None or note is None:
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


def _window(doc, ref, after: int = 0) -> str:
    """The text before a reference (and ``after`` characters after it), within its paragraph,
    normalised and lower-case."""
    if ref.paragraph is None:
        return ""
    para = doc.paragraphs[ref.paragraph]
    return _norm(doc.text[max(para.body_start, ref.pos - 400) : min(para.end, ref.pos + after)]
                 ).lower()


def _significant(name: str) -> set:
    return {w.lower() for w in re.findall(r"[\w'-]+", name) if w[0].isupper() and len(w) > 2}


def _names_agree(doc, a: _Name, b: _Name, ref_a, ref_b, note) -> bool:
    if a.instrument is not None and b.instrument is not None and (
            a.instrument is b.instrument or agree(a.instrument.keys, b.instrument.keys)):
        return True
    na, nb = _norm(a.text).lower(), _norm(b.text).lower()
    if na in nb or nb in na:
        return True
    if na in _window(doc, ref_b, after=0) or nb in _window(doc, ref_a, after=0):
        return True
    text = _norm(note.text).lower()
    if na in text:
        return True
    wa, wb = _significant(a.text), _significant(b.text)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


# ---------------------------------------------------------------------------------------------
# Official Records


def _ordinal(words: str) -> int | None:
    """ "Seventy-eighth" -> 78, "Tenth" -> 10; None for anything else."""
    *tens, last = words.lower().split("-")
    if len(tens) > 1 or (tens and tens[0] not in _TENS):
        return None
    base = 20 + 10 * _TENS.index(tens[0]) if tens else 0
    if last in _ORDINALS and (not tens or _ORDINALS.index(last) < 9):
        return base + _ORDINALS.index(last) + 1
    if last in _TENTHS and not tens:
        return 20 + 10 * _TENTHS.index(last)
    return None


@dataclass(frozen=True)
class _Record:
    note: object
    body: str
    when: str
    supplement: str  # "10", "53A"
    symbol: str
    start: int  # canonical range of the symbol
    end: int


def _records(doc) -> list:
    """Every "Official Records ..., Supplement No. N (SYMBOL)" citation, "Ibid." resolved."""
    out = []
    last = None  # (body, when) of the previous note's last Official Records citation
    for note in doc.notes:
        text, current = note.text, None
        for m in _OR.finditer(text):
            w = _WHEN.match(text, m.end())
            s = _SUPP.match(text, w.end()) if w else None
            if w:
                current = (m.group(1), w.group(1))
            if s:
                out.append(_record(note, m.group(1), w.group(1), s, text))
        i = _SEE.match(text).end()
        ib = _IBID.match(text, i)
        if ib and last is not None and not _OR.search(text):
            pos = re.match(r"[.,\s]*", text[ib.end() :]).end() + ib.end()
            w = _WHEN.match(text, pos)
            when = w.group(1) if w else last[1]
            s = _SUPP.match(text, w.end() if w else pos)
            if s:
                out.append(_record(note, last[0], when, s, text))
                current = (last[0], when)
        last = current
    return [r for r in out if r is not None]


def _record(note, body, when, s, text):
    m = _SYMBOL.match(text, s.end())
    if not m:
        return None
    symbol = m.group(1).rstrip(".")
    start = note.start + m.start(1)
    return _Record(note, body, when, s.group(1) + s.group(2), symbol, start, start + len(symbol))


def _expected_symbol(r: _Record) -> str | None:
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
            session = _ordinal(r.when.split()[0])
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
    records = _records(doc)
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
