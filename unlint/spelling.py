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

from bisect import bisect_left
from functools import cache

from unlint import wordlist
from unlint.resources import data_dir

DICTIONARY = "dictionary-en.txt"
MISSPELLINGS = "misspellings-en.txt"
PHRASES = "un-phrases.txt"
PAIR = 5  # uses of two words in a row that make them UN usage (scripts/build_phrases.py)
COMMON = 50  # uses of a word that make it common in UN resolutions


class SortedLines:
    """A text of lines sorted by their key ("#" comments first), searched by bisection; a
    line's key is what comes before ``sep``."""

    def __init__(self, text: str, sep: str = " "):
        self.text = text
        self.sep = sep

    def find(self, key: str) -> str | None:
        """The line whose key is ``key``; None if there is none."""
        text, lo, hi = self.text, 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line = text[start:end]
            word = line.split(self.sep, 1)[0]
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


class Usage:
    """How UN resolutions use words (``rules/un-phrases.txt``, plus the set phrases of
    ``rules/un-words.yaml``): how often a word or two words in a row are used, looked up by
    bisection in the sorted lines ("key<TAB>count": a tab sorts before any character of a
    key), and the words used :data:`COMMON` times or more. Unlike the dictionary
    (:class:`SortedLines`, searched in its text: few look-ups, and splitting its 232,000 lines
    would cost 25 ms a process), the lines are split once: SP002 looks up thousands of words
    and pairs a document (11 ms against 20 ms on seed 004), and the file is small."""

    def __init__(self, text: str, phrases=()):
        _, _, rest = text.partition("\n@common ")
        common, _, entries = rest.partition("\n")
        self.common = tuple(common.split())
        self.lines = entries.split("\n")
        self.set_phrases = frozenset(tuple(p.lower().split()) for p in phrases if len(p.split()) == 2)

    def count(self, key: str) -> int:
        """Uses of a word, or of two words ("grave concern")."""
        prefix = key + "\t"
        i = bisect_left(self.lines, prefix)
        if i < len(self.lines) and self.lines[i].startswith(prefix):
            return int(self.lines[i][len(prefix):])
        return 0

    def pair(self, a: str, b: str) -> bool:
        """Whether "a b" is UN usage."""
        return (a, b) in self.set_phrases or self.count(f"{a} {b}") >= PAIR


@cache
def usage() -> Usage:
    with open(data_dir("rules") / PHRASES, encoding="utf-8") as f:
        text = f.read()
    return Usage(text, _un_phrases())


@cache
def _un_phrases() -> tuple[str, ...]:
    from unlint.knowledge import table

    return tuple(p for p in table("un-words").get("phrases") or () if isinstance(p, str))
