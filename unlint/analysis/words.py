"""The words of the canonical text, cut once per document for every rule that reads words.

A word is a run of letters and digits, apostrophes inside it included: "Member States’ own
Secretary-General's" is "Member", "States", "own", "Secretary", "General's". Each word keeps
its offsets in its line and a normal form: lower case, with ’ written '.

:func:`tokenize` cuts every non-blank line of the canonical text once; rules read the result
as ``ctx.lines`` (:class:`unlint.context.Context`): the EN rules match names and phrases on the
words, TX001 counts the document's vocabulary from them (:attr:`Words.vocabulary`), PU003 looks
in them for a word written twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress
from operator import itemgetter

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word without its digits and apostrophes


def norm(word: str) -> str:
    """A word's normal form: lower case, with ’ written '."""
    return word.lower().replace("’", "'")


@dataclass(frozen=True, eq=False)
class Line:
    """One non-blank line of the canonical text, cut into words."""

    offset: int  # canonical offset of the line
    text: str
    norms: list  # each word, lowercase, with ' for ’
    starts: list
    ends: list
    normset: frozenset
    # each word lowered alone (the line has a letter whose lower case is longer, "İ"); else the
    # norms are cut from the lowered line
    by_word: bool = False

    @cached_property
    def raws(self) -> list:
        """Each word as written."""
        return list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))

    @cached_property
    def prefixes(self) -> frozenset:
        """The first four letters of each word."""
        return frozenset(map(_FOUR, self.normset))

    @cached_property
    def heads(self) -> str:
        """The first letter of each word (in lower case)."""
        return "".join(map(_HEAD_LETTER, self.norms))

    def raw(self, k: int) -> str:
        """Word k as written."""
        return self.text[self.starts[k]:self.ends[k]]


class Words:
    """The lines of a document, cut into words (iterable, as a sequence of :class:`Line`)."""

    def __init__(self, lines: tuple[Line, ...]):
        self.lines = lines

    def __iter__(self):
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, k):
        return self.lines[k]

    @cached_property
    def vocabulary(self) -> Counter:
        """How often each run of letters occurs in the text, in lower case: a word with an
        apostrophe or a digit counts as its runs of letters ("don't" as "don" and "t", "G77"
        as "g"), as ``LETTERS.findall(doc.text.lower())`` would count them."""
        counts: Counter = Counter()
        for line in self.lines:
            # a line whose words were lowered alone: lowered as a whole, as the text would be
            counts.update(LETTERS.findall(line.text.lower()) if line.by_word else line.norms)
        out: Counter = Counter()
        for word, n in counts.items():
            if word.isalpha():
                out[word] += n
            else:  # a digit, an apostrophe, or a numeric letter ("x²") in the word
                for part in LETTERS.findall(word):
                    out[part] += n
        return out


_FOUR = itemgetter(slice(None, 4))
_HEAD_LETTER = itemgetter(0)
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")  # separators and words, alternately
_WORD_SPLIT = re.compile(r"([^\W_]+)")  # the same in a text without apostrophes, faster


def tokenize(doc) -> Words:
    """The words of each non-blank line of the canonical text (rules read it as ``ctx.lines``)."""
    out, offset = [], 0
    for text in doc.text.split("\n"):
        if text.strip():
            low = text.lower().replace("’", "'")
            if len(low) == len(text):
                # [sep, word, sep, word, ..., sep]: the running lengths are the words' edges
                parts = (_TOKEN_SPLIT if "'" in low else _WORD_SPLIT).split(low)
                edges = list(accumulate(map(len, parts)))
                norms = parts[1::2]
                starts = edges[0:-1:2]
                ends = edges[1::2]
                by_word = False
            else:  # a character whose lower case is longer ("İ"): cut the text as written
                found = list(TOKEN.finditer(text))
                norms = [norm(m.group()) for m in found]
                starts = [m.start() for m in found]
                ends = [m.end() for m in found]
                by_word = True
            out.append(Line(offset, text, norms, starts, ends, frozenset(norms), by_word))
        offset += len(text) + 1
    return Words(tuple(out))


def positions(norms: list, keys: frozenset) -> list[int]:
    """The positions, in order, of the words of ``norms`` that are in ``keys``."""
    return list(compress(range(len(norms)), map(keys.__contains__, norms)))
