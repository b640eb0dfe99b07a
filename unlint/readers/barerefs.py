"""Find footnote references written as bare numbers ("thereto, 1 the", "Corruption5 and").

Text extracted from a PDF (and Markdown converted from it) keeps a footnote reference as the
plain digits of its label, glued to the word or punctuation it follows or set off by a space.
Most numbers in a resolution are text, not references ("resolution 70/1", "Group of 20",
"17 December 2018", "189 States", "vol. 2225"), so a number is taken only when

1. its label is one the document defines (a footnote definition ``N`` exists), or, in a strong
   form (below), the next expected label up to the highest defined one (a note renumbered by
   mistake leaves its reference undefined, and it must still be read as one);
2. its shape is that of a reference (the *form*):

   - ``glued-word``: glued to a word or a closing quote/bracket ("Corruption5 and",
     "Punishment1", "Agenda”9");
   - ``glued-punct``: glued to punctuation ("Agenda,31 and", "Crime;25", "2017,10",
     "resolution 5/14,118");
   - ``spaced-punct``: after punctuation and spaces ("thereto, 1 the", "Protocol, 2  the");
   - ``spaced-word`` (weak): after a word and a space ("Development 11  and", "(the Beijing
     Rules) 10 and", "August 1949 2 and", "resolutions 5/1 3 and");
   - ``glued-next`` (weak): after a space, glued to the next word by the extraction
     ("resolutions 3on the", "Paris Agreement 5and");
   - ``year-split``: glued to a year ("Decade 2014–20243 and" is 2014–2024 then 3), only for the
     next expected label;
   - ``star``: "*", "**" glued after a word or punctuation ("Plurinational State of):*");

3. its context is not that of a number in the text: not part of a symbol, a range, a decimal
   or a thousands group ("70/1", "2015-2030", "1.3", "1,000"), not after a word that takes a
   number ("paragraph 5", "resolution 2200", "Group of 20", "Goal 14", "No. 39"), not before a
   month, a unit or a capitalised word ("17 December", "189 States", "5 per cent"), not in a
   list ("paragraphs 1, 2 and 3", "on 7 and 8 July");
4. it fits the order of first references, which ascends through the document: a weak form is
   taken only for the next expected label (or the one after, when one reference could not be
   seen) or, after a word ("Declaration 1 and"), for a label already referenced; a strong form
   also for a label already referenced (a repeated reference) or one a little ahead.

What is not found (the text cannot tell): a reference glued to a number or a symbol
("resolution 55/197" for 55/19 + 7, "Agenda 216", "strategy 10.24 Furthermore").

API
---
``BareRefScanner(labels)`` keeps the order state across the paragraphs of one document: call
``scan(text)`` on each paragraph in document order. ``find_bare_refs(text, labels, expected)``
is the one-shot form for a single text. Both return :class:`BareRef` items, in text order:
``start``/``end`` span the digits (or stars); ``cut_start``/``cut_end`` span what to delete so
that the text reads cleanly ("thereto, 1 the" -> "thereto, the"; "Development 11  and" ->
"Development and"; "Corruption5 and" -> "Corruption and"); ``at`` is where the reference
attaches, just after the word or punctuation it follows (``at <= cut_start``; the text between
them, if any, is kept). :func:`remove_refs` applies the cuts to a string.

The scan is linear in the length of the text (it looks back at most ``_WINDOW`` characters);
the regular expressions are compiled once. The word lists (words that take a number, units,
abbreviations ...) are in rules/marks.yaml, under ``bare_references``; the months in
rules/months.yaml.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from unlint.readers import highest_note, marks

__all__ = ["BareRef", "BareRefScanner", "find_bare_refs", "remove_refs"]


@dataclass(frozen=True)
class BareRef:
    label: str  # "1", "12", "*"
    start: int  # span of the mark in the scanned text
    end: int
    cut_start: int  # span to delete
    cut_end: int
    at: int  # where the reference attaches (just after the preceding word)
    form: str  # see the module docstring


_MARK = re.compile(r"[0-9*]+")  # digits or stars (a single class: the fastest scan)
_SPACE = " \t\u00a0"
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")  # the letters ending just before a mark
_TOKEN_BEFORE = re.compile(r"(\S+)[ \t\u00a0]{1,3}$")  # the token before the spaces
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\S+)")
_NUMBER_WORD = re.compile(r"\d+(?:[.,]\d+)*[,;:.]?$")  # "3", "2,", "1.5" (not "35/34")
_SYMBOL_TOKEN = re.compile(r"\(?(?:[A-Z]+/)*\d+/\d+(?:/\w+)*")  # "5/1", "A/RES/70/1"
_ENDS_WITH_YEAR = re.compile(r"(?:^|\D)(?:19|20)\d\d$")
_GLUED_NEXT = re.compile(r"[a-z]{2,}\b")


class _Words(NamedTuple):
    """The word lists of rules/marks.yaml (``bare_references``, lowercase) and the months."""

    months: frozenset[str]  # "17 December": a date, not a reference
    takes_number: frozenset[str]  # "paragraph 5", "Group of 20", "Goal 14", "in 2017"
    name_ends: frozenset[str]  # "the Beijing Rules 10 and": may end a name when capitalized
    units: frozenset[str]  # "189 States", "30 years", "5 per cent": a quantity
    not_plurals: frozenset[str]  # "as", "this", "whereas": end in "s", not plurals
    list_words: frozenset[str]  # "paragraphs 1, 2 and 3": a list of numbers
    abbreviations: frozenset[str]  # "No.5", "Rev.1", "para.2": a number after the full stop
    number_suffixes: frozenset[str]  # "21st", "5km": glued to the number, not the next word


@cache
def _words() -> _Words:
    """The word lists, read once and cached: they depend on the shipped tables only (see
    :mod:`unlint.readers.marks`)."""
    lists = {key: frozenset(marks.words("bare_references", key)) for key in _Words._fields[1:]}
    return _Words(months=frozenset(m.lower() for m in marks.month_names()), **lists)


_COUNT_BEFORE = re.compile(r"(?:^|\s)\d[\d,.]*[ \t]+$")  # a number before the token
_THOUSANDS = re.compile(r",\d{3}(?!\d)")
_STRONG = frozenset(("glued-word", "glued-punct", "spaced-punct"))
_WINDOW = 48  # how far back the scan looks for the word before a mark
_AHEAD = 3  # how far a strong form may run ahead of the expected label


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete for the mark [start, end): it and the spaces that would be left over."""
    left = start
    while left > 0 and text[left - 1] in _SPACE:
        left -= 1
    right = end
    n = len(text)
    while right < n and text[right] in _SPACE:
        right += 1
    if right == n:  # at the end: drop the trailing spaces too
        return left, n
    if right > end:  # keep one space before the next word (the last one)
        return left, right - 1
    return left, end  # punctuation or a line break follows


def _next_word(text: str, end: int) -> str | None:
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else None


def _quantity_follows(word: str | None, text: str = "", end: int = 0) -> bool:
    """True when the word after a number shows the number is text (a date, a quantity).

    A number followed by a date ("Speech, 11 16 May as") is not: it is a reference."""
    if word is None:
        return False
    w = _words()
    bare = word.strip("”’),;:.").lower()
    if bare in w.months or bare in w.units or word[:1] in "%/":
        return True
    if _NUMBER_WORD.match(word):
        m = _NEXT_WORD.match(text, end) if text else None
        m = m and _NEXT_WORD.match(text, m.end())
        return not (m and m.group(1).lower() in w.months)
    return False


def _word_takes_ref(core: str, nxt: str | None, after: str) -> bool:
    """After ``core`` (the word before a spaced number), can the number be a reference?"""
    w = _words()
    lower = core.lower()
    if lower not in w.takes_number:
        return True
    if core[0].isupper() and lower in w.name_ends:
        return True  # "the Beijing Rules 10 and"
    plural = core[-1] == "s" and lower[:-1] in w.takes_number
    # "recommendations 57 emanating from" (but "paragraphs 5 and 6", "articles 3, 4")
    return plural and after not in ",;:." and bool(nxt) and nxt[:1].islower() and (
        nxt not in w.list_words
    )


class BareRefScanner:
    """Find bare references paragraph by paragraph, keeping the order of first references."""

    def __init__(self, labels: Iterable[str], expected: int | None = None, notes: int = 0):
        self.labels = frozenset(labels)
        numbers = sorted(int(x) for x in self.labels if x.isdigit())
        self.expected = expected if expected is not None else (numbers[0] if numbers else 1)
        self.highest = highest_note(self.labels, notes)
        self.seen: set[str] = set()

    # -- the forms ------------------------------------------------------------------------------
    def _classify(self, text: str, start: int, end: int) -> str | None:
        """The form of the number at [start, end), or None when it cannot be a reference."""
        if start == 0:
            return None
        before = text[start - 1]
        after = text[end] if end < len(text) else ""
        if after and after not in _SPACE and after not in ",;:.)”’\n":
            if before in _SPACE and after.islower():
                return self._glued_next(text, start, end)
            return None
        if after == "." and end + 1 < len(text) and text[end + 1].isdigit():
            return None  # "16.2"
        if after == "," and _THOUSANDS.match(text, end):
            return None  # "1,622" (but "conflict,10,11" holds two references)
        if before.isalpha() or before in "”’)]":
            return self._glued_word(text, start, before)
        if before in ",;:":
            return self._glued_punct(text, start, end, before)
        if before == ".":
            word = _LETTERS_BEFORE.search(text, max(0, start - _WINDOW), start - 1)
            w = word.group(0) if word else ""
            if len(w) < 4 or w.lower() in _words().abbreviations or w.isupper():
                return None  # "No.5", "Rev.1", "VIII.8"
            return "glued-punct" if after in ("", " ", "\n") else None
        if before in _SPACE and after != ".":  # "countries. 15. We": a paragraph number
            return self._spaced(text, start, end, after)
        return None

    @staticmethod
    def _glued_word(text: str, start: int, before: str) -> str | None:
        if before.isalpha():
            word = _LETTERS_BEFORE.search(text, max(0, start - _WINDOW), start)
            w = word.group(0) if word else ""
            wstart = start - len(w)
            if wstart > 0 and (text[wstart - 1].isdigit() or text[wstart - 1] in "/+"):
                return None  # "H5N1", "A/RES1"
            if w.isupper() and len(w) <= 6:
                return None  # "G20", "COP28", "SDG14"
        return "glued-word"

    @staticmethod
    def _glued_punct(text: str, start: int, end: int, before: str) -> str | None:
        # after a number: "1,000" is a number, "10:30" a time; "2017,10" (a year), "Agenda
        # 21,5", "article 1,2 the" and "72/196;30" (a symbol) are followed by a reference
        k = start - 2
        while k >= 0 and text[k].isdigit():
            k -= 1
        digits = start - 2 - k
        if digits:
            symbol = k >= 0 and text[k] == "/"
            thousands = before == "," and end - start == 3 and digits <= 3 and not symbol
            if before == ":" or thousands:
                return None
        return "glued-punct"

    @staticmethod
    def _spaced(text: str, start: int, end: int, after: str) -> str | None:
        m = _TOKEN_BEFORE.search(text, max(0, start - _WINDOW), start)
        if not m:
            return None
        token = m.group(1)
        last = token[-1]
        nxt = _next_word(text, end)
        if last in ",;:":
            if _quantity_follows(nxt, text, end):
                return None
            core = token[:-1]
            if core.isdigit() and len(core) != 4:
                # "paragraphs 1, 2 and 3" is a list; "Agenda 21, 6 the" a reference
                if (after and after in ",;") or nxt in _words().list_words:
                    return None
                return "spaced-word"
            bare = nxt.rstrip(",;:.)") if nxt else ""
            if bare[:1].isupper() or (bare[-1:] == "s" and bare not in _words().not_plurals):
                return "spaced-word"  # "(2 P-5, 7 P-4", "violence, 5 abductions": weak
            if _COUNT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                return "spaced-word"  # "5 abductions, 4 sexual assaults": a list of counts
            return "spaced-punct"
        if last == ".":  # "...the Rule of Law. 6" (at the end), "...of the Child. 12 We welcome"
            word = _LETTERS_BEFORE.search(token, 0, len(token) - 1)
            if not word or len(word.group(0)) < 3 or word.group(0).lower() in _words().abbreviations:
                return None
            if nxt is None:
                return "spaced-punct"
            return None if _quantity_follows(nxt, text, end) else "spaced-word"
        if _SYMBOL_TOKEN.fullmatch(token):  # "resolutions 5/1 3 and 5/64"
            if nxt is None or (nxt[:1].islower() and nxt not in ("to", "nor")):
                return "spaced-word"
            return None
        if _ENDS_WITH_YEAR.search(token):  # "the Geneva Conventions of 12 August 1949 2  and"
            if nxt is None or nxt[:1].islower() or after in ",;:.":
                return "spaced-word"
            return None
        if last.isalpha() or last in "”’)":
            core = token.strip("“”‘’()[]")
            if not core or not _word_takes_ref(core, nxt, after):
                return None
            if core[-1:].isdigit() and last != ")":  # but "(No. 29) 47 are" is a reference
                return None
            if _quantity_follows(nxt, text, end):
                return None
            if after in ",;:.)" or nxt is None:
                return "spaced-word"
            if nxt[:1].isupper() or nxt[:1] in "“‘":
                return None  # "189 States", "Agenda 21 Local"
            return "spaced-word"
        return None

    @staticmethod
    def _glued_next(text: str, start: int, end: int) -> str | None:
        """"resolutions 3on the": the extraction glued the mark to the next word."""
        m = _GLUED_NEXT.match(text, end)
        if not m or m.group(0) in _words().number_suffixes:
            return None
        t = _TOKEN_BEFORE.search(text, max(0, start - _WINDOW), start)
        if not t:
            return None
        core = t.group(1).strip("“”‘’()[],;:")
        if not core or not core[-1].isalpha() or not _word_takes_ref(core, m.group(0), " "):
            return None
        return "glued-next"

    def _year_split(self, text: str, start: int, end: int) -> BareRef | None:
        """A reference glued to a year: "2014–20243 and" is 2014–2024 then reference 3."""
        run = text[start:end]
        label = str(self.expected)
        if len(run) != 4 + len(label) or not run.endswith(label) or run[:2] not in ("19", "20"):
            return None
        after = text[end] if end < len(text) else ""
        if after and after not in _SPACE and after not in ",;:.\n":
            return None
        if start and text[start - 1] not in _SPACE + "–-":
            return None
        if label not in self.labels:
            return None
        mark = end - len(label)
        return BareRef(label, mark, end, mark, end, mark, "year-split")

    # -- order ----------------------------------------------------------------------------------
    def _accept(self, label: str, form: str) -> bool:
        if label not in self.labels:
            # the next label in a strong form, within the notes' numbers, whose own note was
            # renumbered ("Justice13" when the notes go 12, 12, 14): FN002 reports it
            return (form in _STRONG and label.isdigit() and int(label) == self.expected
                    and self.expected <= self.highest)
        if not label.isdigit():
            return True
        value = int(label)
        if value == self.expected:
            return True
        if form not in _STRONG:  # one reference the scan could not see, or a repeated one
            return value == self.expected + 1 or (form == "spaced-word" and label in self.seen)
        if label in self.seen or value < self.expected:
            return True  # a repeated reference (or one first met out of order)
        return value <= self.expected + _AHEAD

    def _take(self, ref: BareRef) -> None:
        self.seen.add(ref.label)
        if ref.label.isdigit() and int(ref.label) >= self.expected:
            self.expected = int(ref.label) + 1

    def scan(self, text: str) -> list[BareRef]:
        """The references in one paragraph, in text order; updates the order state."""
        found: list[BareRef] = []
        n = len(text)
        for m in _MARK.finditer(text):
            start, end = m.span()
            mark = m.group(0)
            ref: BareRef | None = None
            if (start and text[start - 1] == "/") or text[end : end + 1] == "/":
                continue  # part of a symbol: "70/1", "2018/16"
            if "*" in mark:
                if mark.strip("*") or len(mark) > 3:
                    continue  # "*2517953*"
                if start == 0 or text[start - 1] in _SPACE + "*\n" or mark not in self.labels:
                    continue
                if end < n and text[end] not in _SPACE + ",;:.\n":
                    continue
                cut = _cut(text, start, end)
                ref = BareRef(mark, start, end, cut[0], cut[1], cut[0], "star")
            elif len(mark) > 3 or mark[0] == "0":
                if len(mark) > 4:
                    ref = self._year_split(text, start, end)
            else:
                form = self._classify(text, start, end)
                if form is not None and self._accept(mark, form):
                    if form == "glued-next":  # keep the space before the next word
                        at = start
                        while at > 0 and text[at - 1] in _SPACE:
                            at -= 1
                        ref = BareRef(mark, start, end, start, end, at, form)
                    else:
                        cut = _cut(text, start, end)
                        ref = BareRef(mark, start, end, cut[0], cut[1], cut[0], form)
            if ref is not None:
                prev = found[-1] if found else None
                if prev and text[prev.end : ref.start].strip() == ",":
                    # "conflict,10,11", "Iraq:*,**": the comma between two references goes
                    found[-1] = dataclasses.replace(prev, cut_end=max(prev.cut_end, ref.cut_start))
                found.append(ref)
                self._take(ref)
        return found


def find_bare_refs(
    text: str, labels: Collection[str], expected: int | None = None
) -> list[BareRef]:
    """The bare references in ``text`` (one paragraph, or a whole document in order).

    ``labels`` are the note labels the document defines; ``expected`` is the label the next
    first reference should carry (default: the smallest numeric label).
    """
    return BareRefScanner(labels, expected).scan(text)


def remove_refs(text: str, refs: Iterable[BareRef]) -> str:
    """``text`` with the references cut out."""
    out: list[str] = []
    pos = 0
    for ref in sorted(refs, key=lambda r: r.cut_start):
        out.append(text[pos : ref.cut_start])
        pos = max(pos, ref.cut_end)
    out.append(text[pos:])
    return "".join(out)
