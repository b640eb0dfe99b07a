"""Footnotes: the reading of a document's notes behind the FN rules (``ctx.footnotes``).

A footnote is a reference mark in the text (:class:`~unlint.model.Ref`, ``pos`` in the canonical
text, ``span`` the original mark) and a definition after the body (:class:`~unlint.model.Note`).
:class:`Footnotes` holds four readings of one document, each computed on first use:

* ``numbering``: numeric references and definitions, first uses, defined labels;
* ``cited``: what each note cites (Treaty Series volumes, resolutions, symbols, sales numbers),
  with "Ibid." resolved against the note before it (:func:`cite`);
* ``named``: the name the text gives just before each reference (an instrument of the run's
  instrument table, :mod:`unlint.analysis.instruments`, or a titled document found by its
  capitalised words, rules/titles.yaml);
* ``records``: the Official Records supplements cited ("Supplement No. 10 (E/2017/30)").

Resolution numbers in notes are read with the citation grammar (grammars/citations.lark, through
:func:`unlint.analysis.grammar.longest_parse`), session ordinals with
:func:`unlint.analysis.numerals.ordinal`, month names with :mod:`unlint.analysis.dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from unlint.analysis.dates import month_name, month_number
from unlint.analysis.grammar import longest_parse
from unlint.analysis.numerals import ordinal
from unlint.knowledge import table

_SEE = re.compile(r"(?:See(?:,? (?:also|for example|inter alia))?,? )?")
_IBID = re.compile(r"([Ii]bid)(\.?)(,?)(?![\w])")
_TS = re.compile(r"(United Nations|League of Nations),\s*Treaty Series")
_VOLS = re.compile(
    r"\bvols?\.\s*([\dIVXLCM]+(?:(?:,\s*|\s+and\s+)[\dIVXLCM]+)*)"
    r"(?:,?\s*Nos?\.\s*(\d+)(?:\s*[–-]\s*(\d+))?)?"
)
# the word "resolution(s)" before a number: where the citation grammar is asked for a list
_RESOLUTION = re.compile(r"\b[Rr]esolutions?\s+(?=\d|[A-Z]{1,2}-)")
# numbers of General Assembly form (by session or year, special and emergency sessions, old
# style with the session in Roman numerals): the numbers a note's resolution keys are made of
_GA_FORMS = frozenset(("slashed", "old_style"))
_ANNEX = re.compile(r",?\s*annex(?:es)?(?:\s+([IVX]+(?:(?:,\s*|\s+and\s+)[IVX]+)*)\b)?")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=\d|[A-Z]{1,2}-)")
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
_NUMERIC = re.compile(r"\d{1,3}$")
_SPACES = re.compile(r"\s+")
_HYPHEN_GAP = re.compile(r"(?<=\w)- (?=\w)")
TRAIL = " ,;:.\"'"  # what ends a name before a reference mark


class Footnotes:
    """The footnote readings of one document (see the module docstring), each computed on
    first use; ``instruments`` is the run's :class:`~unlint.analysis.instruments.Instruments`."""

    def __init__(self, doc, instruments):
        self.doc = doc
        self.instruments = instruments

    @cached_property
    def numbering(self) -> Numbering:
        return _numbering(self.doc)

    @cached_property
    def cited(self) -> dict[str, Cited]:
        """label -> what the note cites, in note order, "Ibid." resolved."""
        return _citations(self.doc)

    @cached_property
    def named(self) -> dict[int, Name | None]:
        """index of a reference in ``doc.refs`` -> what the text names just before it."""
        return _named(self.doc, self.instruments)

    @cached_property
    def records(self) -> tuple[Record, ...]:
        """Every "Official Records ..., Supplement No. N (SYMBOL)" cited, "Ibid." resolved."""
        return _records(self.doc)


def numeric(label: str) -> bool:
    """A footnote label that is a number (not the "*" sponsors note of a draft)."""
    return _NUMERIC.match(label) is not None


def opening_ibid(text: str) -> tuple[int, re.Match | None]:
    """Where a note's words start after "See", "See also" ..., and the "Ibid" opening them
    (groups: the word, its full stop, a comma), or None."""
    i = _SEE.match(text).end()
    return i, _IBID.match(text, i)


# ---------------------------------------------------------------------------------------------
# Numbering


@dataclass(frozen=True)
class Numbering:
    refs: tuple  # numeric references in document order
    first: dict  # label -> first reference
    defs: dict  # label -> first definition (numeric and other labels)
    numeric_defs: tuple  # numeric definitions in original order
    maybe_marked: frozenset  # defined labels that a bare-number reader may have missed
    twice: frozenset  # labels defined more than once (FN004): what they cite is ambiguous


def _numbering(doc) -> Numbering:
    refs = tuple(r for r in doc.refs if numeric(r.label))
    first: dict = {}
    for r in refs:
        first.setdefault(r.label, r)
    defs: dict = {}
    twice = set()
    for n in doc.notes:
        if n.label in defs:
            twice.add(n.label)
        defs.setdefault(n.label, n)
    numeric_defs = tuple(n for n in doc.notes if numeric(n.label))
    return Numbering(refs, first, defs, numeric_defs, _maybe_marked(doc, first, numeric_defs),
                     frozenset(twice))


def _is_bare(doc) -> bool:
    """References written as plain digits (PDF text, converted Markdown), not <sup>/[^N]."""
    if doc.format == "pdf-text":
        return True
    text = doc.source.text
    return any(text[r.span.start : r.span.end].isdigit() for r in doc.refs)


def _maybe_marked(doc, first, numeric_defs) -> frozenset:
    """Unreferenced labels whose digits sit in the body like a reference the reader missed.

    Only for bare-number documents: there a reference is plain digits ("Islamophobia17",
    "Holocaust, 18 as"; not after a word and a space: "paragraph 2" is text; glued to a
    number: "resolution 5/1411" for 5/14 and 11, "Agenda 216"), and a reader that misses one leaves them in the text. Reporting
    such a note as unreferenced would be reporting the reader, not the document. The digits
    must stand where that first reference belongs: after the first reference to the note
    before, and before the first reference to the note after.
    """
    missing = [n.label for n in numeric_defs if n.label not in first]
    if not missing or not _is_bare(doc):
        return frozenset()
    text = doc.text
    body_end = min((n.label_start for n in doc.notes), default=len(text))
    body_start = doc.paragraphs[0].start if doc.paragraphs else 0  # after the header
    placed = sorted((int(label), ref.pos) for label, ref in first.items())
    numbers = [n for n, _ in placed]
    found = set()
    for label in missing:
        k = bisect_left(numbers, int(label))
        lo = placed[k - 1][1] if k > 0 else body_start
        hi = placed[k][1] if k < len(placed) else body_end
        pattern = (rf"(?:[^\W\d_]|[,;:.)”’\"][ \u00a0]?|[./]\d+){label}(?![\d/])"
                   rf"|(?<![\w/.])(?!(?:19|20)\d\d\b)\d{{1,2}}{label}(?![\d/])")
        if lo < hi and re.compile(pattern).search(text, lo, min(hi, body_end)):
            found.add(label)
    return frozenset(found)


# ---------------------------------------------------------------------------------------------
# What each note cites, "Ibid." resolved


@dataclass(frozen=True)
class Cited:
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
    """("res", body, number) for each resolution cited: body "GA", or "other" when another body
    is named just before the word "resolution"; the number with its annex ("69/283 annex II")."""
    keys = set()
    for m in _RESOLUTION.finditer(text):
        # _OTHER_BODY ends within 60 characters of m.start(), its words are at most 22 long:
        # searching only that window keeps a long note linear (same answer as from 0)
        before = m.start()
        while before and text[before - 1].isspace():
            before -= 1
        body = "other" if _OTHER_BODY.search(text, max(0, m.start() - 90), m.start()) and not (
            text.endswith("General Assembly", 0, before)) else "GA"
        keys.update(("res", body, number) for number in _resolution_numbers(text[m.start() :]))
    return keys


@lru_cache(maxsize=4096)
def _resolution_numbers(text: str) -> tuple[str, ...]:
    """The General Assembly numbers of the list that ``text`` opens with the word "resolution(s)",
    as the citation grammar reads it ("resolutions 69/193 and 69/196 of 18 December 2014, and
    70/178"), each with the annexes named after it: the grammar ends at an annex, and the list
    may go on after it ("resolution 55/25, annex II, and 55/255").

    Kept for the last 4,096 texts (a pure function of ``text``): the same notes come back from
    document to document ("Resolution 70/1."), and the grammar takes ~30 us to read one.
    """
    out: list[str] = []
    prefix = _RESOLUTION.match(text).group()  # "resolutions ": opens the list again after an annex
    window, offset = text, 0  # the text parsed; window[i] is text[offset + i] after ``prefix``
    while True:
        tree = longest_parse("citation", window)
        if tree is None:
            break
        last = None  # (form, end in window) of the list's last number
        for numbers in tree.iter_subtrees_topdown():  # in text order
            if numbers.data != "numbers":
                continue
            for item in numbers.children:
                if not hasattr(item, "data"):
                    continue  # a separator
                tokens = list(item.scan_values(lambda v: True))
                start, end = tokens[0].start_pos, tokens[-1].end_pos
                if item.data in _GA_FORMS:
                    out.append(window[start:end])
                last = (item.data, end)
        if last is None or last[0] not in _GA_FORMS:
            break
        annex = _ANNEX.match(text, offset + last[1])
        if not annex:
            break
        number = out.pop()
        out += [f"{number} annex {r}" for r in re.findall(r"[IVX]+", annex.group(1) or "")] or [
            number]
        goes_on = _LIST_GOES_ON.match(text, annex.end())
        if not goes_on:
            break
        window = prefix + text[goes_on.end() :]
        offset = goes_on.end() - len(prefix)
    return tuple(out)


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


def cite(text: str, previous: Cited | None = None, start: int = 0) -> Cited:
    """What a note (or a citation string of rules/instruments.yaml) cites; an "Ibid." note
    continues ``previous``, and ``start`` is where the note's text starts in the canonical text."""
    i, m = opening_ibid(text)
    if not m:
        series, form = _series(text[i:])
        all_series = {f"ts:{t.group(1)}" for t in _TS.finditer(text)} or {series}
        keys = set()
        for s in all_series:
            keys |= _keys(text, s)
        return Cited(series, frozenset(keys), bool(re.search(r"\bvols?\.", text)), form)
    rest = text[m.end() :]
    kind = next((k for k, p in _IBID_KIND if p.match(rest)), "")
    at = (start + m.start(), start + m.end(1))
    if previous is None:
        return Cited("", frozenset(), False, "", at, kind)
    own = _keys(rest, previous.series)
    annex = _IBID_ANNEX.match(rest)
    if kind in ("year", "session", "supplement") or own - previous.keys:
        keys = own
    elif annex and any(key[0] == "res" for key in previous.keys):  # "Ibid., annex II."
        keys = {("res", key[1], f"{key[2].split(' annex ')[0]} annex {annex.group(1)}")
                for key in previous.keys if key[0] == "res"}
    else:
        keys = previous.keys | own
    return Cited(previous.series, frozenset(keys), previous.volumed, previous.form, at, kind)


def _citations(doc) -> dict:
    out: dict = {}
    previous = None
    for note in doc.notes:
        if not numeric(note.label) and previous is None:
            continue  # a "*" note before the numbered ones
        c = cite(note.text, previous, note.start)
        out.setdefault(note.label, c)
        previous = c
    return out


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


# ---------------------------------------------------------------------------------------------
# What the text names before each reference


@dataclass(frozen=True)
class Name:
    text: str  # the name as it stands in the text
    instrument: object | None  # the Instrument (unlint.analysis.instruments) it names, if known


@dataclass(frozen=True)
class _TitleWords:
    heads: frozenset
    connectors: frozenset
    inner: frozenset
    same: dict  # str.translate table: characters read as another


@cache
def _title_words() -> _TitleWords:
    """rules/titles.yaml, read once (a pure function of the shipped table)."""
    data = table("titles")
    return _TitleWords(frozenset(data["heads"]), frozenset(data["connectors"]),
                       frozenset(data["inner"]), str.maketrans(data["same_characters"]))


def normalise(text: str) -> str:
    """``text`` with hyphen, space and quote variants made plain, runs of spaces made one and
    a hyphen broken at a line end ("money- laundering") joined: how names are compared."""
    return _HYPHEN_GAP.sub("-", _SPACES.sub(" ", text.translate(_title_words().same))).strip()


def _is_month(word: str) -> bool:
    """A month's name as written in full ("December"; not "Dec" or "december")."""
    n = month_number(word)
    return n is not None and month_name(n) == word


def _title_before(tail: str, words: _TitleWords) -> str | None:
    """A titled document ending ``tail``: capitalised words and connectors, with a head noun."""
    if tail.endswith('"'):
        q = tail.rfind('"', 0, len(tail) - 1)
        if 0 <= q and len(tail) - q < 150:
            inner = tail[q + 1 : -1].strip(TRAIL)
            return inner if len(inner.split()) >= 2 else None
    run: list[str] = []  # words from right to left
    for word in reversed(tail.split(" ")[-60:]):
        core = word.strip("\"'()")
        if not core:
            break
        # a comma ends the title unless the title goes on: "Prevent, Combat", "Ammunition,
        # supplementing"
        if run and word[-1] in ",;:" and (word[-1] != "," or not (
                run[-1][0].isupper() or run[-1] in words.inner)):
            break
        if not (core[0].isupper() or core[0].isdigit() or core in words.connectors
                or core in words.inner):
            break
        run.append(core)
        if word.startswith(('"', "(")):
            break
    run.reverse()
    while run and (run[0] in words.connectors or run[0] in words.inner or run[0][0].isdigit()):
        run.pop(0)
    title = " ".join(run)
    if " and the " in title:  # "the Code of Conduct ... and the Basic Principles ..."
        last = title.rsplit(" and the ", 1)[1]
        if _is_title(last.split(" "), words.heads):
            return last
    return title if _is_title(run, words.heads) else None


def _is_title(words, heads) -> bool:
    capitals = [w for w in words if w[0].isupper() and not _is_month(w.rstrip(",")) and len(w) > 1]
    return len(capitals) >= 2 and any(w.rstrip(",") in heads for w in words)


def _named(doc, instruments) -> dict:
    out = {}
    words = _title_words()
    for i, ref in enumerate(doc.refs):
        if ref.paragraph is None:
            continue
        para = doc.paragraphs[ref.paragraph]
        raw = doc.text[max(para.body_start, ref.pos - 400) : ref.pos]
        tail = normalise(raw).rstrip(TRAIL)
        found = instruments.name_ending(tail)
        if found is None and tail.endswith(")"):
            found = instruments.name_ending(tail[:-1].rstrip(TRAIL))
        if found is not None:
            out[i] = Name(found[0], found[1])
            continue
        title = _title_before(normalise(raw).rstrip(" ,;:."), words)
        out[i] = Name(title, None) if title else None
    return out


# ---------------------------------------------------------------------------------------------
# Official Records


@dataclass(frozen=True)
class Record:
    note: object
    body: str  # "General Assembly"
    when: str  # "2017", "Seventy-eighth Session"
    supplement: str  # "10", "53A"
    symbol: str
    start: int  # canonical range of the symbol
    end: int

    @property
    def session(self) -> int | None:
        """78 for "Seventy-eighth Session" (or "... Special Session"), None for a year."""
        return ordinal(self.when.split()[0])


def _records(doc) -> tuple:
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
        _, ib = opening_ibid(text)
        if ib and last is not None and not _OR.search(text):
            pos = re.match(r"[.,\s]*", text[ib.end() :]).end() + ib.end()
            w = _WHEN.match(text, pos)
            when = w.group(1) if w else last[1]
            s = _SUPP.match(text, w.end() if w else pos)
            if s:
                out.append(_record(note, last[0], when, s, text))
                current = (last[0], when)
        last = current
    return tuple(r for r in out if r is not None)


def _record(note, body, when, s, text):
    m = _SYMBOL.match(text, s.end())
    if not m:
        return None
    symbol = m.group(1).rstrip(".")
    start = note.start + m.start(1)
    return Record(note, body, when, s.group(1) + s.group(2), symbol, start, start + len(symbol))
