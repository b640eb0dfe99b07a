"""TX: artefacts of text extracted from a PDF (split words, broken compounds, odd characters).

The split-word rule weighs three kinds of evidence: English word frequencies
(:mod:`unlint.wordlist`, British and American spellings alike), the document's own vocabulary
(the joined word used elsewhere in it) and the UN names tables. Its fixes, like every fix on
PDF text, are display-only: the PDF is the source, not the extracted text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from unlint import wordlist as words
from unlint.analysis.words import LETTERS as _LETTERS
from unlint.diagnostics import Applicability
from unlint.registry import rule
from unlint.rules.punctuation import edit

_PAIR = re.compile(r"(?<![\w'\u2019/.@])([^\W\d_]+) (?=([^\W\d_]+))")
# Runs of words joined by single spaces whose first word _PAIR may start at: every two words
# next to each other in a run are one pair of _PAIR (the letter class first, then the look
# behind it, lets the engine skip non-letters quickly).
_RUN = re.compile(r"[^\W\d_](?<![\w'\u2019/.@].)[^\W\d_]*(?: [^\W\d_]+)+")
_HYPHEN_GAP = re.compile(r"(?:(?<! ) +- *|- +)(?=[^\W\d_])")  # (?<! ): once per run of spaces
_COMPOUND_START = re.compile(r"(?:[^\W\d_]+[-\u2011])*[^\W\d_]+$")
_COMPOUND_END = re.compile(r"[^\W\d_]+(?:[-\u2011][^\W\d_]+)*")
_SUSPENDED = {"and", "or", "nor", "to"}  # "child- and youth-related", "and -driven"
_LIGATURES = re.compile("[\u00ad\ufb00-\ufb06\ufffd]")
_SPACES = re.compile("(  +)|([\u00a0\u2007\u2009\u200a\u202f\u200b\u2060\ufeff]+)")
_ZERO_WIDTH = "\u200b\u2060\ufeff"
_LABEL = re.compile(r"\d{1,4}(?:/\d{1,4})?\.|\([a-z]{1,6}\)|[IVXL]{1,6}\.")

# Zipf thresholds (see unlint.wordlist): a part below WORD is a fragment ("ols", "tion", "dicate");
# from COMMON up it is an everyday word ("as", "well", "bout"); a joined form not used in the
# document must reach KNOWN (LETTER_KNOWN when a part is a single letter), or be a UN name
# ("Mandela", 3.4) of at least NAMED, which keeps the names tables unread for most documents.
WORD, COMMON, KNOWN, LETTER_KNOWN, NAMED = 3.0, 4.0, 3.5, 4.5, 2.5
# a word list counts "I've" written without its apostrophe as the word "ive" (Zipf 4.0); alone
# after a word it is the ending of "effective", "collective"
_CONTRACTED = frozenset({"ive"})


def from_pdf(doc) -> bool:
    """PDF text, or Markdown whose front matter says it was converted from a PDF."""
    if doc.format == "pdf-text":
        return True
    meta = doc.meta or {}
    return doc.format == "markdown" and any("pdf" in f"{k} {v}".lower() for k, v in meta.items())


def _pairs(low: str) -> set[tuple[str, str]]:
    """The distinct pairs of ``_PAIR.findall(low)``, read from runs of words.

    Pairs depend on the spacing between words, which the shared words (``ctx.lines``) leave
    out: one regular expression over the text finds them faster than a walk over the words
    (1.1 ms against 1.7 ms per corpus document, the words already cut)."""
    out: set[tuple[str, str]] = set()
    for run in _RUN.findall(low):
        parts = run.split(" ")
        out.update(zip(parts, parts[1:]))
    return out


def _kind(part: str, vocab: Counter, second: bool = False) -> str:
    """'fragment', 'word' or 'common' (see the thresholds above); a second part that is a
    suffix ("combat ing") is a fragment."""
    low = part.lower()
    if len(part) == 1:
        return "common" if low in ("a", "i") else "fragment"
    if second and (low in words.suffixes() or low in _CONTRACTED):
        return "fragment"
    z = words.zipf(low)
    if z >= COMMON:
        return "common"
    if z >= WORD or vocab[low] > 1:  # > 1: used elsewhere than here
        return "word"
    return "fragment"


def _no_names():
    return frozenset(), frozenset()


def split_verdict(a: str, b: str, vocab: Counter, names=_no_names) -> str | None:
    """Why "a b" is one word split in two ("to ols"), or None when it is two words ("as well").

    ``names()`` gives the words and pairs of UN names (:func:`unlint.wordlist.names`); it is
    called only when the answer depends on it.
    """
    joined = (a + b).lower()
    z = words.zipf(joined)

    def in_doc() -> bool:  # the joined word is used in the document, or is a UN name
        return vocab[joined] > 0 or NAMED <= z < KNOWN and joined in names()[0]

    if a[0].isupper() and not in_doc():
        return None  # a name ("Dar es Salaam"): only the document or the names can join it
    kinds = _kind(a, vocab), _kind(b, vocab, second=True)
    why = None
    if "fragment" in kinds:
        if len(a) == 1 or len(b) == 1:
            needed = LETTER_KNOWN
        elif not words.zipf(a) and not words.zipf(b):
            needed = WORD  # two non-words make one word ("undert akes"): strong evidence
        else:
            needed = KNOWN
        if z >= needed or in_doc():
            parts = [f"\"{p}\"" for p, k in zip((a, b), kinds) if k == "fragment"]
            why = " and ".join(parts) + (" is not a word" if len(parts) == 1 else " are not words")
    elif kinds != ("common", "common"):
        why = "the joined word is used elsewhere in the document" if in_doc() else None
    else:
        rare = min((a, b), key=words.zipf)
        if vocab[joined] and vocab[rare.lower()] <= 1 and z - words.zipf(rare) >= 1.5:
            why = f"\"{rare}\" is used nowhere else and the joined word is"
    if why and (a.lower(), b.lower()) in names()[1]:
        return None  # two words of a UN name ("Viet Nam")
    return why


@rule("TX001", "split-word", "warning")
def split_word(doc, ctx):
    """A word split in two by a space ("to ols", "elimina tion", "disabil ities").

    **What it does.** Looks at each pair of words separated by one space whose joined form is
    a known word: in the word list, in the document itself or in the UN names. It reports the
    pair when one part is not a word ("combat ing", "Era dicate", "effect ive"; two parts that
    are no words at all, "undert akes", need only a fairly common joined word). In PDF text (and
    Markdown converted from a PDF) it also reports two words that are not everyday ones when
    the joined word is used elsewhere in the document, and two everyday words ("as well", "may
    be", "a way") when the rarer one is used nowhere else and the joined word is far more
    frequent ("a bout" where the text says "about"); in typed text (Markdown, plain text, Word)
    only a part that is no word is evidence enough. Names never split ("Viet Nam") are kept.

    **Why.** Extraction breaks words at kerning gaps. A spell checker then flags one half and
    proposes a wrong word ("elimina" -> "alumina", "dicate" -> "dictate"); the right fix is the
    joined word.

    **Example.** ``the most important to ols of the international community``

    **Use instead.** ``the most important tools of the international community``

    **Fix safety.** Display-only on PDF text; elsewhere safe when one part is not a word,
    unsafe when both are.
    """
    strong_only = not from_pdf(doc)  # typed text: only a part that is no word is evidence
    vocab = ctx.lines.vocabulary  # runs of letters, lowercase, as _LETTERS finds them
    zipfs, endings, flagged = words.frequencies(), words.suffixes(), []
    low = doc.text.lower()
    if len(low) != len(doc.text):  # a letter whose lowercase is longer ("İ"): keep offsets
        low = "".join(c if len(c.lower()) > 1 else c.lower() for c in doc.text)
    for a, b in _pairs(low):  # each distinct pair judged once
        if (len(a) > 1 and len(b) > 1 and zipfs.get(a, 0.0) >= WORD and zipfs.get(b, 0.0) >= WORD
                and b not in endings and b not in _CONTRACTED and a + b not in vocab):
            continue  # two words whose join the document never uses: the common case
        if split_verdict(a, b, vocab, words.names):
            flagged.extend(_occurrences(low, f"{a} {b}"))
    end = -1
    for start, stop in sorted(flagged):
        first, second = doc.text[start:stop].split(" ")
        if start < end or second[0].isupper():
            continue  # overlaps the last one ("wel l as"), or two capitalized words
        why = split_verdict(first, second, vocab, words.names)  # in its case: "Dar es" is a name
        if not why or strong_only and "not a word" not in why and "not words" not in why:
            continue
        end, joined, gap = stop, first + second, start + len(first)
        fix = edit(doc, gap, gap + 1, "", f"join into \"{joined}\"",
                   None if "not a word" in why or "not words" in why else Applicability.UNSAFE)
        yield doc.finding(start, stop, f"\"{first} {second}\" looks like \"{joined}\" split "
                          f"in two ({why})", fix)


def _occurrences(text: str, phrase: str):
    """(start, end) of ``phrase`` in ``text`` as whole words, as _PAIR finds them."""
    i = text.find(phrase)
    while i >= 0:
        j = i + len(phrase)
        if not (i and (text[i - 1].isalnum() or text[i - 1] in "_'\u2019/.@")) and \
                not (j < len(text) and text[j].isalpha()):
            yield i, j
        i = text.find(phrase, i + 1)


@rule("TX002", "spaced-hyphen", "warning")
def spaced_hyphen(doc, ctx):
    """A hyphenated compound with a space before or after the hyphen ("zero -tolerance").

    **What it does.** Reports "word -word" and "word- word", and "word - word" where one of
    the spaces is a line break of the original. A suspended hyphen is correct and left alone:
    "child- and youth-related", "short-, medium- and long-term", "country-owned and -driven".

    **Why.** Extraction and reflowing turn a hyphen at a line end, or a non-breaking hyphen,
    into a hyphen with a space; the compound then reads as two words and is not found by a
    search.

    **Example.** ``a zero -tolerance approach to corruption``; ``high- level conference``

    **Use instead.** ``a zero-tolerance approach to corruption``; ``high-level conference``

    **Fix safety.** Deleting the spaces is safe (display-only on PDF text).
    """
    text = doc.text
    for m in _HYPHEN_GAP.finditer(text):
        s, e = m.span()
        if not text[s - 1 : s].isalpha():
            continue
        before = _COMPOUND_START.search(text, max(0, s - 80), s).group()
        after = _COMPOUND_END.match(text, e).group()
        if {_LETTERS.findall(before)[-1].lower(), _LETTERS.match(after).group().lower()} & _SUSPENDED:
            continue
        if m.group()[0] == m.group()[-1] == " " and doc.canonical.is_verbatim(s, e):
            continue  # "word - word": a dash written as a hyphen, not a compound
        compound = f"{before}-{after}"
        yield doc.finding(s - len(before), e + len(after),
                          f"space in the hyphenated compound \"{compound}\"",
                          edit(doc, s, e, "-", f"write \"{compound}\""))


@rule("TX003", "extraction-character", "warning")
def extraction_character(doc, ctx):
    """A soft hyphen, a ligature character ("ﬁ") or a replacement character ("�") in the text.

    **Why.** These are remnants of typesetting or of a failed decoding: a soft hyphen or a
    ligature hides the word from search ("eﬀorts" does not match "efforts") and a replacement
    character marks a letter lost in extraction.

    **Example.** ``the eﬀorts of Member States``; ``elimi\\u00adnation``

    **Use instead.** ``the efforts of Member States``; ``elimination``

    **Fix safety.** Safe: a ligature becomes its letters, a soft hyphen is deleted (with the
    line join after it, display-only on PDF text). A replacement character has no fix.
    """
    text = doc.text
    for m in _LIGATURES.finditer(text):
        at, char = m.start(), m.group()
        if char == "\ufffd":
            yield doc.finding(at, at + 1, "replacement character: a character was lost in extraction")
        elif char == "\u00ad":
            fix = None
            if text[at + 1 : at + 2] == " " and not doc.canonical.is_verbatim(at + 1, at + 2):
                fix = edit(doc, at, at + 2, "", "delete the soft hyphen")  # with the line join after it
            if fix is None or doc.format != "pdf-text" and any(
                    doc.source.text.count("\n", e.start, e.end) > 1 for e in fix.edits):
                # in a file that is edited, a blank line stays (PDF text spaces its lines so)
                fix = edit(doc, at, at + 1, "", "delete the soft hyphen")
            yield doc.finding(at, at + 1, "soft hyphen left in the text", fix)
        else:
            letters = unicodedata.normalize("NFKC", char)
            yield doc.finding(at, at + 1, f"ligature {char!r}: write \"{letters}\"",
                              doc.replace(at, at + 1, letters, f"replace with \"{letters}\""))


@rule("TX004", "irregular-space", "warning")
def irregular_space(doc, ctx):
    """Doubled spaces, and non-breaking or zero-width spaces, inside a line of PDF text.

    **What it does.** In PDF text, reports two or more spaces between words, and special
    spaces (no-break, narrow, thin, zero-width ...) where typesetting puts none. A no-break
    space next to a number ("22 December", "No. 10", "1 000") is where the original had one,
    and is left alone. Markdown and typed text are checked by PU009.

    **Why.** Extraction renders a no-break space as two spaces, or keeps it: the phrase is then
    no longer found by a search for "political will in support".

    **Example.** ``strong political will  in support of``

    **Use instead.** ``strong political will in support of``

    **Fix safety.** Replacing by one space (or deleting a zero-width one) is display-only on
    PDF text.
    """
    if doc.format != "pdf-text":
        return
    text = doc.text
    for m in _SPACES.finditer(text):
        s, e = m.span()
        if not (s and e < len(text) and text[s - 1] not in " \n" and text[e] not in " \n"):
            continue  # not between two characters of a line
        if m.group(1):
            if not _LABEL.fullmatch(text, text.rfind("\n", 0, s) + 1, s):  # "44.  Encourages"
                yield doc.finding(s, e, "doubled space", edit(doc, s, e, " ", "replace with one space"))
            continue
        char = m.group(2)[0]
        if char in "\u00a0\u2007\u202f" and (text[s - 1].isdigit() or text[e].isdigit()):
            continue  # "22 December", "No. 10", "1 000": where typesetting puts one
        want = "" if char in _ZERO_WIDTH else " "
        yield doc.finding(s, e, f"{unicodedata.name(char).lower()} (U+{ord(char):04X}) inside a line",
                          edit(doc, s, e, want, "replace with a plain space" if want else "delete it"))
