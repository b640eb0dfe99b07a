"""SP: words that are not words ("Secretray-General", "Econmic", "goverment").

Which words are words is :mod:`unlint.spelling`'s answer. Beyond it, a word the document uses
three times or more is its own term or a name, and is left. An unknown word is reported only
with a suggestion: a common misspelling with the word it stands for, or a common word (Zipf 3.5;
4.0 for a capitalised word) one edit away (two for words of eight letters or more: a letter
added, dropped or changed, or two neighbouring letters swapped), found with rapidfuzz's
optimal-string-alignment distance among the common words of about the same length. A rare term
with no common neighbour is a term, not a slip.

SP002 looks at the words a dictionary accepts: one that UN resolutions hardly use, where a word
a slip away makes their usage (``rules/un-phrases.txt``), is a real-word slip ("six grate
violations").
"""

from __future__ import annotations

from functools import cache, lru_cache

from unlint import spelling, wordlist
from unlint.analysis.words import positions
from unlint.diagnostics import Applicability
from unlint.registry import rule
from unlint.rules.punctuation import edit

COMMON = 3.5  # Zipf of a word that may be suggested for a lowercase one
COMMON_LONG = 2.5  # ... one edit from one of eight letters or more (few neighbours)
LONG = 8
COMMON_CAPITAL = 4.0  # ... for a capitalised one (a name is more likely than a slip)
SAFE = 4.0  # Zipf of the only suggestion that makes the fix safe
OWN_TERM = 3  # uses in the document that make an unknown word the document's own
MIN_LENGTH = 4  # shorter words are too often abbreviations or fragments
MAX_UNKNOWN = 2000  # unknown words given suggestions per document: past that, not prose
_ADDRESS = "/.:@_\\"  # a word next to one of these is part of an address or a file name


@cache
def _by_length() -> dict[int, list[str]]:
    """The words that may be suggested, by length: common ones, and rarer long ones."""
    out: dict[int, list[str]] = {}
    misspelt = spelling.misspelling
    for w, z in wordlist.frequencies().items():
        n = len(w)
        if z >= COMMON or n >= LONG and z >= COMMON_LONG and misspelt(w) is None:
            out.setdefault(n, []).append(w)
    common = {w for words in out.values() for w in words}
    for w in wordlist.names()[0] - common:  # the words of UN names ("Belize", "Senegal")
        if len(w) >= MIN_LENGTH + 1 and w.isascii() and w.isalpha():
            out.setdefault(len(w), []).append(w)
    return out


@lru_cache(maxsize=8192)  # bounded: a language server meets new words for days
def suggestions(word: str) -> tuple[tuple[str, int, float], ...]:
    """What a lowercase unknown word may stand for: (word, edits, Zipf), the best first."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    zipfs = wordlist.frequencies()
    right = spelling.misspelling(word)
    if right is not None:
        return ((right, 1, zipfs.get(right, 0.0)),)
    most = 2 if len(word) >= LONG else 1
    found = []
    buckets = _by_length()
    for n in range(len(word) - most, len(word) + most + 1):
        for cand, dist, _ in process.extract(word, buckets.get(n, ()), scorer=OSA.distance,
                                             score_cutoff=most, limit=None):
            if dist == 1 or zipfs[cand] >= COMMON:  # two edits from a rarer word: a guess
                found.append((cand, int(dist), zipfs[cand]))
    found.sort(key=lambda c: (c[1], -c[2]))
    return tuple(found[:3])


def _case_like(model: str, word: str) -> str:
    return word[0].upper() + word[1:] if model[0].isupper() else word


class _Document:
    """What the document itself says about its words: how often each is used, and its words
    that are words, by length (the likeliest meaning of a slip is a word used nearby)."""

    def __init__(self, vocab):
        self.vocab = vocab
        self._by_length: dict[int, list[str]] | None = None
        self.unknown = 0

    def by_length(self) -> dict[int, list[str]]:
        if self._by_length is None:
            self._by_length = {}
            zipfs = wordlist.frequencies()
            for w in self.vocab:  # its words of the word list (a rare word is no likely meaning)
                if len(w) >= MIN_LENGTH and w in zipfs and w.isascii() and spelling.misspelling(w) is None:
                    self._by_length.setdefault(len(w), []).append(w)
        return self._by_length

    def near(self, word: str, most: int) -> list[tuple[str, int, float]]:
        """The document's words at most ``most`` edits from ``word``: (word, edits, Zipf)."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        zipfs, found = wordlist.frequencies(), []
        for n in range(len(word) - most, len(word) + most + 1):
            for cand, dist, _ in process.extract(word, self.by_length().get(n, ()), scorer=OSA.distance,
                                                 score_cutoff=most, limit=None):
                if cand != word:
                    found.append((cand, int(dist), zipfs.get(cand, 0.0)))
        return found

    def verdict(self, norm: str) -> tuple | None:
        """The suggestions for a lowercase word if it is misspelt, else None."""
        if self.vocab[norm] >= OWN_TERM or not norm.isascii():
            return None  # the document's own term or name, or a word of another language
        most = 2 if len(norm) >= LONG else 1
        known = spelling.known(norm)
        if known and not spelling.rare(norm):
            return None
        self.unknown += 1  # a rare or unknown word: a search among the words follows
        if self.unknown > MAX_UNKNOWN:
            return None
        if known:
            # a rare word ("woen") one slip from a common word the document uses ("women")
            near = [c for c in self.near(norm, 1)
                    if c[2] >= COMMON and self.vocab[c[0]] >= 2 and not _other_form(norm, c[0])]
            return tuple(sorted(near, key=lambda c: -c[2])[:3]) or None
        right = spelling.misspelling(norm)
        if right is not None and norm in wordlist.frequencies() and not self.vocab[right]:
            return None  # a misspelling frequent enough to be a word ("sued"): only if the
            # document uses the word it stands for
        found = {c[0]: c for c in suggestions(norm) if not _other_form(norm, c[0])}
        for c in self.near(norm, most):
            if not _other_form(norm, c[0]):
                found.setdefault(c[0], c)
        ranked = sorted(found.values(), key=lambda c: (c[1], not self.vocab[c[0]], -c[2]))
        return tuple(ranked[:3]) or None


FORMS = ("e", "s", "es", "d", "ed", "ing", "ion", "ions", "ly", "al", "er", "ers", "ment", "ments")


def _fits(stem: str, end: str) -> bool:
    """Whether ``end`` is an ending ``stem`` can take ("resource" + "d"; not "relat" + "d")."""
    if end == "d":
        return stem.endswith("e")
    if end == "s":
        return not stem.endswith("s")
    if end == "es":
        return stem.endswith(("s", "x", "z", "ch", "sh"))
    return len(stem) >= 4


def _other_form(word: str, other: str) -> bool:
    """Whether two words are one stem with two endings ("pandemics" and "pandemic",
    "remunerating" and "remuneration", "resourced" and "resources"): forms of one word, not a
    slip ("natioal" and "national", "relatd" and "related", "progres" and "progress" are not)."""
    for end in FORMS:
        if word.endswith(end):
            stem = word[: -len(end)]
            rest = other[len(stem):]
            if other.startswith(stem) and _fits(stem, end) and (rest == "" or rest in FORMS and _fits(stem, rest)):
                return True
    return False


def _foreign(line, k: int, flagged: dict) -> bool:
    """Whether the line around word k is in another language (a title quoted in Spanish): it
    has a word with an accent ("Velázquez", "demográfico") or another unknown word in lower
    case that is no slip of an English one ("avanzado")."""
    for j, other in enumerate(line.norms):
        if j == k or len(other) < MIN_LENGTH or not other.isalpha() or other in flagged:
            continue
        if not other.isascii() or (line.raw(j).islower() and not spelling.known(other)
                                   and spelling.misspelling(other) is None and not suggestions(other)):
            return True
    return False


def _split_part(text: str, s: int, e: int, vocab, pdf: bool) -> bool:
    """Whether the word at [s, e) is half of a word split by a space ("Era dicate") that
    TX001 reports (it reports the pair; a half it does not report is this rule's)."""
    from unlint.rules.extraction import split_verdict

    before = text[:s - 1].rsplit(" ", 1)[-1] if s > 1 and text[s - 1] == " " else ""
    after = text[e + 1:].split(" ", 1)[0] if e + 1 < len(text) and text[e] == " " else ""
    word = text[s:e]
    for a, b in ((before, word), (word, after)):
        if a.isalpha() and b.isalpha():
            why = split_verdict(a, b, vocab, wordlist.names)
            if why and (pdf or "not a word" in why or "not words" in why):
                return True
    return False


@rule("SP001", "misspelt-word", "warning")
def misspelt_word(doc, ctx):
    """A word that is not a word, with the word it was probably meant to be.

    **What it does.** Looks up every word of four letters or more (each part of a hyphenated
    word alone: "Sercetary-General") in an English dictionary of 290,000 words (wordfreq's, from
    Zipf 1.0: "deploring", "riverine" are words), the UN names and the UN terms of
    ``rules/un-words.yaml``, also with a prefix or an ending ("reoffending", "subregional"). A
    common misspelling ("goverment", "recieve") is reported with its word; another unknown word
    when a common word is one edit away (two for long words): "Secretray" -> "Secretary",
    "Econmic" -> "Economic". Words in capitals or mixed case (UNESCO, mHealth), parts of
    addresses, words the document uses three times or more, and capitalised words that are not
    one edit from a word of a UN name ("Barzil", "Sneegal": Member States, bodies, instruments)
    or from a very common word that the document uses elsewhere (names: "Boko", "Sarh") are
    left alone, and so is half of a word split by a space (TX001 reports it).

    **Why.** Typing slips survive many readings: the eye reads the word it expects. A
    resolution is the record of what Member States adopted; a slip in it is printed,
    translated and quoted for years.

    **Example.** ``*Requests* the Secretray-General to report on the goverment's plans;``

    **Use instead.** ``*Requests* the Secretary-General to report on the government's plans;``

    **Fix safety.** Safe when the word is in lower case and one common word is the only one
    one edit away; otherwise unsafe (the writer may have meant another word). Display-only
    where the text is not the file's own (PDF).

    **Adding words.** A word the rule does not know but is right: in the configuration,
    ``words: [Hunga, Tonga]`` or ``word-files: [words.txt]`` (one word per line, "#"
    comments), relative to the configuration file; in a rule pack, its ``words:`` list; in a
    Markdown document, ``<!-- unlint-words Hunga Tonga -->`` anywhere in it; or suppress the
    finding on its line (``<!-- unlint-disable-next-line SP001 -->``).
    """
    from unlint.rules.extraction import from_pdf

    vocab = ctx.lines.vocabulary
    pdf = from_pdf(doc)
    document = _Document(vocab)
    accepted = ctx.words
    flagged = {}
    for word in vocab:  # each distinct word judged once
        if len(word) >= MIN_LENGTH and word not in accepted:
            verdict = document.verdict(word)
            if verdict is not None:
                flagged[word] = verdict
    if not flagged:
        return
    keys = flagged.keys()
    for line in ctx.lines:
        if line.normset.isdisjoint(keys) and "'" not in line.text and "’" not in line.text:
            continue
        text = line.text
        for k, norm in enumerate(line.norms):
            word = norm.split("'", 1)[0]  # "goverment's": the word before the apostrophe
            verdict = flagged.get(word)
            if verdict is None:
                continue
            s = line.starts[k]
            e = s + len(word)
            raw = text[s:e]
            if not raw[1:].islower() or (s and text[s - 1] in _ADDRESS) or (e < len(text) and text[e] in _ADDRESS[1:]):
                continue  # an abbreviation, a name in mixed case, or part of an address
            if raw[0].isupper():  # a capitalised slip is likelier in a UN name ("Bazil")
                names = wordlist.names()[0]
                verdict = sorted(verdict, key=lambda c: (c[1], c[0] not in names))
            best, dist, zipf = verdict[0]
            if raw[0].isupper() and (dist > 1 or not (best in wordlist.names()[0] or (
                    zipf >= COMMON_CAPITAL and vocab[best]))):
                continue  # more likely a name than a slip, unless the word is used or a UN name's
            if _split_part(text, s, e, vocab, pdf) or _foreign(line, k, flagged):
                continue
            start = line.offset + s
            better = _case_like(raw, best)
            others = [f'"{_case_like(raw, c)}"' for c, d, _ in verdict[1:] if d == dist]
            safe = raw.islower() and dist == 1 and zipf >= SAFE and len(verdict) == 1
            message = f'"{raw}" is not a word; did you mean "{better}"?'
            if others:
                message += f" (or {', '.join(others)})"
            yield doc.finding(start, start + len(raw), message,
                              edit(doc, start, start + len(raw), better, f'replace with "{better}"',
                                   None if safe else Applicability.UNSAFE))


RARE_IN_UN = 2  # uses in UN resolutions at most, for a word to be suspected
FUNCTION = 5.8  # Zipf of the words that tell little about their neighbours ("the", "of", "to")


@rule("SP002", "real-word-slip", "warning")
def real_word_slip(doc, ctx):
    """A real word where UN usage has another one a slip away ("six grate violations").

    **What it does.** Looks at each word of four letters or more that the dictionary knows but
    UN resolutions hardly use (at most twice in the texts behind ``rules/un-phrases.txt``),
    in a pair of words neither of which is UN usage, with one space on each side. It is
    reported when a word one slip away (a letter added, dropped or changed, two letters
    swapped) is used by UN resolutions fifty times or more and makes UN usage with both the
    word before it and the word after it, one of them a content word ("its grate concern"),
    or a set phrase of ``rules/un-words.yaml`` with one of them ("six grate violations":
    "grave violations"). Forms and spellings of one word ("provide", "provided";
    "organisations") are not slips of each other.

    **Why.** A dictionary cannot see a slip that makes another word, and the eye reads the
    phrase it knows; the phrases of UN resolutions tell what was meant.

    **Example.** ``*Condemns* the six grate violations against children;``

    **Use instead.** ``*Condemns* the six grave violations against children;``

    **Fix safety.** Unsafe: the word may be meant. A word that is meant can be accepted as for
    SP001 (``words:`` in the configuration, ``<!-- unlint-words ... -->``).
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    zipfs, un = wordlist.frequencies(), spelling.usage()
    accepted = ctx.words
    suspects = frozenset(  # each distinct word of the document looked up once
        word for word in {w for line in ctx.lines for w in line.normset}
        if len(word) >= MIN_LENGTH and FUNCTION > zipfs.get(word, FUNCTION)
        and un.count(word) <= RARE_IN_UN and word not in accepted)
    for line in ctx.lines:
        if line.normset.isdisjoint(suspects):
            continue
        norms = line.norms
        for k in positions(norms, suspects):
            if k == 0 or k == len(norms) - 1:
                continue
            word = norms[k]
            starts, ends, text = line.starts, line.ends, line.text
            if text[ends[k - 1]:starts[k]] != " " or text[ends[k]:starts[k + 1]] != " ":
                continue  # a pair is two words with one space between them, as counted
            before, after = norms[k - 1], norms[k + 1]
            if un.pair(before, word) or un.pair(word, after):
                continue
            # the words a slip away that make UN usage with both words beside them, one of them
            # a content word, or a set phrase with one of them ("grave violations")
            if zipfs.get(before, 0.0) >= FUNCTION and zipfs.get(after, 0.0) >= FUNCTION:
                continue  # "the light of", "to have the": too many words fit
            near = [c for c, _, _ in process.extract(word, un.common, scorer=OSA.distance,
                                                     score_cutoff=1, limit=None)
                    if c != word and not _other_form(word, c) and not _other_form(c, word)
                    and not _variants(word, c)]
            meant = [c for c in near if un.pair(before, c) and un.pair(c, after)
                     or (before, c) in un.set_phrases or (c, after) in un.set_phrases]
            if not meant:
                continue
            best = max(meant, key=un.count)
            raw = line.raw(k)
            if not raw.islower():
                continue
            s = line.offset + line.starts[k]
            usage = " ".join(w for w in (before if un.pair(before, best) else "", best,
                                         after if un.pair(best, after) else "") if w)
            yield doc.finding(s, s + len(raw), f'"{raw}" looks like a slip for "{best}" '
                              f'("{usage}" is UN usage)',
                              edit(doc, s, s + len(raw), best, f'replace with "{best}"', Applicability.UNSAFE))


def _variants(a: str, b: str) -> bool:
    """Whether two words are spellings of one word ("emphasising", "emphasizing"): EN010's."""
    return a.replace("s", "z") == b.replace("s", "z")
