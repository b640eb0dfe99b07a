"""The instrument table (rules/instruments.yaml): United Nations instruments, their names and
how footnotes cite them.

:func:`load_instruments` reads it once per run (``RunContext.instruments``); the footnote
analysis (:mod:`unlint.analysis.footnotes`) asks it which instrument the text names just before
a footnote reference (:meth:`Instruments.name_ending`), and FN008 compares what that
instrument's citations and the note's have in common.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unlint.analysis.footnotes import cite, normalise
from unlint.knowledge import table

#: the name only completes a longer one: "Conference of the Parties to the X", "Optional Protocol
#: to the X", "Protocol ..., supplementing the X", "Further Implementation of X", "adopted under X",
#: "the midterm review of the implementation of the X"
_DEPENDENT = re.compile(
    r"(?:\b[A-Z][a-z][\w-]*\s+(?:of|to)|supplementing|amending|[Pp]rotocols?(?: [\w ]{0,30})?\)?,? to"
    r"|[Aa]dditional to|annexed to|(?:adopted|concluded|established|negotiated) under"
    r"|\b(?:review|follow-up) (?:of|to)(?: the)?(?: implementation of)?)\s+(?:the\s+)?$"
)


@dataclass(frozen=True)
class Instrument:
    """One entry of the table."""

    title: str
    label: str  # the short name when there is one, else the title
    keys: frozenset  # what its citations cite (:func:`unlint.analysis.footnotes.cite`)
    names: tuple  # every name, normalised and lower-case, without a leading "the"


@dataclass(frozen=True)
class Instruments:
    """The table: every instrument, and its names indexed by their last word."""

    instruments: tuple
    by_last_word: dict  # last word of a normalised name -> [(name, instrument)], longest first

    def name_ending(self, tail: str) -> tuple[str, Instrument] | None:
        """The longest known name that ``tail`` (normalised) ends with, as written there, and
        its instrument; None when there is none, or when it only completes a longer name
        ("Optional Protocol to the Convention against Torture")."""
        low = tail.lower()
        last = last_word(low)
        if not last:
            return None
        for name, inst in self.by_last_word.get(last, ()):
            if low.endswith(name) and (len(low) == len(name) or not low[-len(name) - 1].isalnum()):
                if _DEPENDENT.search(tail[: len(tail) - len(name)]):
                    return None
                return tail[len(tail) - len(name) :], inst
        return None


def load_instruments() -> Instruments:
    """The instrument table (``rules/instruments.yaml``); the run context keeps it."""
    instruments = []
    index: dict = {}
    for entry in table("instruments")["instruments"]:
        keys = set()
        for c in entry["cite"]:
            keys |= cite(c).keys
        short = entry.get("short") or []
        names = []
        for name in [entry["title"], *short, *(entry.get("aliases") or [])]:
            n = normalise(name).lower()
            names.append(n[4:] if n.startswith("the ") else n)
        inst = Instrument(entry["title"], short[0] if short else entry["title"],
                          frozenset(keys), tuple(names))
        instruments.append(inst)
        for n in names:
            index.setdefault(last_word(n), []).append((n, inst))
    for names in index.values():
        names.sort(key=lambda pair: -len(pair[0]))
    return Instruments(tuple(instruments), index)


def _is_word_char(c: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter, digit or number, or "_"."""
    return c.isalnum() or c == "_"


def last_word(text: str) -> str:
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
