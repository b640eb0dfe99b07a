"""The spelling rule's dictionary: which words are words, and what a misspelt one stands for.

A lowercase word is a word when one of these has it:

* the frequency list of :mod:`unlint.wordlist` (Zipf 2.5 and up) or the rarer words of
  ``rules/dictionary-en.txt`` (down to Zipf 1.0; both from wordfreq, see
  ``scripts/build_dictionary.py``), unless ``rules/misspellings-en.txt`` names it as a common
  misspelling ("goverment", "recieve");
* the UN names (:func:`unlint.wordlist.names`) or ``rules/un-words.yaml`` (UN terms, Latin);
* a listed word with a prefix of ``rules/un-words.yaml`` ("subregional"), a UN term with one of
  its endings ("reoffending").

The dictionary is sorted, one word per line, and read whole (2 MB, about a millisecond); a
word is looked up by bisection in the text, so no list of 230,000 strings is built. The 9,000
misspellings are a dictionary. Nothing is read at import time.
"""

from __future__ import annotations

from functools import cache

from unlint import wordlist
from unlint.resources import data_dir

DICTIONARY = "dictionary-en.txt"
MISSPELLINGS = "misspellings-en.txt"


class SortedLines:
    """A text of sorted lines ("#" comments first), searched by bisection."""

    def __init__(self, text: str):
        self.text = text

    def find(self, key: str) -> str | None:
        """The line that is ``key`` or starts with ``key + " "``; None if there is none."""
        text, lo, hi = self.text, 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line = text[start:end]
            word = line.split(" ", 1)[0]
            if word == key:
                return line
            if word < key:
                lo = end + 1
            else:
                hi = start
        return None

    def __contains__(self, key: str) -> bool:
        return self.find(key) is not None


@cache
def _lines(name: str) -> SortedLines:
    with open(data_dir("rules") / name, encoding="utf-8") as f:
        return SortedLines(f.read())


def _endings(table) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{ending: stem ending or list of them} as (ending, stem endings), the longest first."""
    pairs = ((end, tuple(v) if isinstance(v, list) else (v,)) for end, v in (table or {}).items())
    return tuple(sorted(pairs, key=lambda item: -len(item[0])))


@cache
def _un_words() -> tuple:
    """(UN terms, prefixes, endings of UN terms, endings of any listed word)."""
    from unlint.knowledge import table  # ruamel.yaml only when a word is unknown

    data = table("un-words")
    return (frozenset(data.get("words") or ()), tuple(data.get("prefixes") or ()),
            _endings(data.get("endings")), _endings(data.get("any-word-endings")))


@cache
def _misspellings() -> dict[str, str]:
    with open(data_dir("rules") / MISSPELLINGS, encoding="utf-8") as f:
        return dict(line.split(" ", 1) for line in f.read().splitlines() if line and line[0] != "#")


def misspelling(word: str) -> str | None:
    """The word a common misspelling stands for ("goverment" -> "government"), else None."""
    return _misspellings().get(word)


def _listed(word: str) -> bool:
    return (word in wordlist.frequencies() or word in _lines(DICTIONARY)
            or word in _un_words()[0]) and misspelling(word) is None


def known(word: str) -> bool:
    """Whether a lowercase word is a word (module docstring)."""
    if word in wordlist.names()[0] or word in _un_words()[0]:
        return True
    if misspelling(word) is not None:
        return False
    if _listed(word) or _derived(word):
        return True
    return any(word.startswith(p) and len(word) - len(p) >= 3 and (_listed(word[len(p):]) or _derived(word[len(p):]))
               for p in _un_words()[1])


def rare(word: str) -> bool:
    """Whether a known word is known only from the rarest list (Zipf below 2.5)."""
    return not (word in wordlist.frequencies() or word in wordlist.names()[0] or word in _un_words()[0])


def _derived(word: str) -> bool:
    """A UN term with one of the endings ("reoffending" from "reoffend"), or a listed word
    with an ending of ``any-word-endings`` ("inequitably", "helpdesks"). The word lists hold
    most inflected forms of their own words already; any ending added to any word would make
    words of slips ("couraging": "courage" + "ing")."""
    terms, _, endings, any_word = _un_words()
    for table, listed in ((endings, terms.__contains__), (any_word, _listed)):
        for end, stems in table:
            if word.endswith(end) and len(word) - len(end) >= 3:
                base = word[: -len(end)]
                if any(listed(base + s) for s in stems):
                    return True
    return False
