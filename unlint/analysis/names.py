"""Entity names: the index of every name a run knows, and the names written in a document.

An :class:`Entity` is one named thing (a body, a State, an instrument) with its canonical name
and its names over time; a :class:`Name` is one written form of it (the name, a short form, an
accepted variant, a form to avoid, a former name). The rule packs declare them
(:mod:`unlint.packs`); the run context gathers every name of every loaded pack into one
:class:`Index` (``ctx.run.names``), built once per configuration.

:func:`analyse` reads a document's words (:mod:`unlint.analysis.words`) and finds, line by
line, (1) every known name written exactly, longest first, and (2) near misses: phrases one
edit away from a known name (a dropped, added or wrong word, a swapped preposition, a typo,
a missing hyphen) that are not themselves a known name. Rules read the result as
``ctx.names``. A typo is an optimal-string-alignment distance of 1 (2 in a word of six
letters or more), computed by rapidfuzz and remembered per word of a name in the index.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from unlint.analysis.words import TOKEN, Line, norm, positions


@dataclass(eq=False)
class Entity:
    """One named thing: its canonical name, and its names over time."""

    name: str
    owner: str  # the code of the rule that knows it
    periods: list = field(default_factory=list)  # (name, from, until, lists_only), oldest first
    short: tuple[str, ...] = ()

    def name_at(self, when: date) -> str | None:
        for text, start, end, _ in self.periods:
            if (start is None or start <= when) and (end is None or when < end):
                return text
        return None


@dataclass(frozen=True, eq=False)
class Name:
    """One written form of an entity, as the index knows it."""

    text: str
    tokens: tuple[str, ...]
    caps: tuple[bool, ...]  # is each token a content word (capitalized or digits) in the form
    entity: Entity
    role: str  # "name" | "also" | "short" | "avoid" | "former"
    start: date | None = None
    end: date | None = None
    lists_only: bool = False

    def in_use(self, first: date, last: date | None = None) -> bool:
        """Whether the form was in use on ``first`` (or at some time from ``first`` to ``last``)."""
        return ((self.start is None or self.start <= (last or first))
                and (self.end is None or first < self.end))


def make_name(text: str, entity: Entity, role: str, start=None, end=None, lists_only=False) -> Name | None:
    """The written form ``text`` of ``entity`` (None when it has no word)."""
    toks = TOKEN.findall(text)
    if not toks:
        return None
    tokens = tuple(norm(t) for t in toks)
    caps = tuple(not t.islower() for t in toks)
    return Name(text, tokens, caps, entity, role, start, end, lists_only)


@dataclass(frozen=True)
class Match:
    """A known name written in the text (canonical range), or a near miss of one."""

    start: int
    end: int
    name: Name
    near: bool = False  # a near miss: one edit away from ``name``
    what: str = ""  # for a near miss: "typo", "word", "missing", "extra", "form"


class Index:
    """Every entity name of every loaded pack, indexed by first token and by rare tokens.

    One index serves a run context (``ctx.run.names``); it remembers, for each word of a
    name, the cost of each word of the text compared with it (:meth:`memo`), so that the
    documents of a run share the work. The memos hold at most ``MEMO_LIMIT`` entries."""

    def __init__(self, names: list[Name]):
        self.names = names
        self.by_first: dict[str, list[Name]] = {}
        self.known: set[tuple[str, ...]] = set()
        self.function_words: set[str] = set()
        self.costs: dict = {}  # (word, cap, last) -> memo of _slip for that word of a name
        self.cost_entries = 0  # in all the memos, which are emptied past MEMO_LIMIT
        count: dict[str, int] = {}
        for n in names:
            self.by_first.setdefault(n.tokens[0], []).append(n)
            self.known.add(n.tokens)
            for tok, cap in zip(n.tokens, n.caps):
                if cap:
                    count[tok] = count.get(tok, 0) + 1
                else:
                    self.function_words.add(tok)
        for group in self.by_first.values():
            group.sort(key=lambda n: -len(n.tokens))
        self.firsts = frozenset(self.by_first)
        # a near miss of a name (one edit) keeps at least one of its two rarest content words
        self.anchors: dict[str, list[tuple[Name, int]]] = {}
        for n in names:
            if len(n.tokens) < 2 or n.role in ("avoid", "former"):
                continue
            content = sorted((count[t], p) for p, (t, c) in enumerate(zip(n.tokens, n.caps)) if c)
            for _, p in content[:2]:
                self.anchors.setdefault(n.tokens[p], []).append((n, p))
        self.anchor_words = frozenset(self.anchors)
        # _exact: the names of two words or more by their first two words, then by length
        # (longest first) and words; the one-word names by their word. Each list of names
        # keeps the order of by_first.
        self.by_pair: dict[tuple[str, str], list[tuple[int, dict[tuple, list[Name]]]]] = {}
        self.singles: dict[str, list[Name]] = {}
        for group in self.by_first.values():
            for n in group:
                if len(n.tokens) > 1:
                    lengths = self.by_pair.setdefault(n.tokens[:2], [])
                    if not lengths or lengths[-1][0] != len(n.tokens):
                        lengths.append((len(n.tokens), {}))
                    lengths[-1][1].setdefault(n.tokens, []).append(n)
                else:
                    self.singles.setdefault(n.tokens[0], []).append(n)
        # _near: each posting with what its loop reads, and the memos of its first and last word
        self.postings: dict[str, list[tuple]] = {
            tok: [(n, p, len(n.tokens), n.tokens[0], n.caps[0], n.tokens[0][0],
                   n.tokens[-1], n.caps[-1], n.tokens[-1][0],
                   self.memo(n.tokens[0], n.caps[0], False), self.memo(n.tokens[-1], n.caps[-1], True))
                  for n, p in group]
            for tok, group in self.anchors.items()}
        self.inner_memos: dict[int, tuple] = {}  # id(name) -> the memos of its inner words

    def memo(self, want: str, cap: bool, last: bool) -> dict:
        """The memo of :func:`_slip` for one word of a name: each word as written -> its cost."""
        key = (want, cap, last)
        found = self.costs.get(key)
        if found is None:
            found = self.costs[key] = {}
        return found

    def inner(self, name: Name) -> tuple:
        found = self.inner_memos.get(id(name))
        if found is None:
            found = self.inner_memos[id(name)] = tuple(
                self.memo(w, c, False) for w, c in zip(name.tokens[1:-1], name.caps[1:-1]))
        return found


@dataclass
class Analysis:
    """The known names of a document and the near misses of them, in text order."""

    matches: list[Match]
    exact: list[tuple[int, int]]  # spans of names written exactly, sorted

    def exact_spans_near(self, pos: int):
        """The last spans of exact names that start at or before ``pos``."""
        i = bisect_right(self.exact, (pos, 10**12))
        return self.exact[max(0, i - 3):i]


def analyse(doc, lines, ix: Index) -> Analysis:
    """Known names and near misses in the document's lines (rules read it as ``ctx.names``)."""
    matches: list[Match] = []
    for line in lines:
        spans: list[tuple[int, int]] = []
        found = _exact(ix, line, spans)
        if not ix.anchor_words.isdisjoint(line.normset):
            found += _near(ix, line, spans)
        for m in found:
            matches.append(Match(line.offset + m.start, line.offset + m.end, m.name, m.near, m.what))
    matches.sort(key=lambda m: m.start)
    exact = sorted((m.start, m.end) for m in matches if not m.near)
    return Analysis(matches, exact)


def _extent(line: Line, name: Name, i: int, n: int) -> int:
    """End of a match of ``name`` at word i: its last word, plus a closing ')' of the name."""
    end = line.ends[i + n - 1]
    if name.text.endswith(")") and line.text[end:end + 1] == ")":
        end += 1
    return end


_QUIET = re.compile(r"[\s,“”\"'’‘]+")
_PLAIN_MARKS = str.maketrans({"\u2011": "-", "\u2010": "-", "’": "'"})


def _same_form(written: str, want: str) -> str:
    """"" when written as the name is (up to spaces, line breaks, commas, quotes and hyphen
    characters), "case" when one word alone differs in capitals, "form" for another hyphen.

    Capitals count only where one word alone differs ("United Nations Office on drugs and
    Crime"): UN texts write some names in lower case on purpose ("United Nations voluntary
    trust fund for victims of trafficking in persons").
    """
    if written == want or written.isupper():
        return ""
    a_words, b_words = TOKEN.findall(written), TOKEN.findall(want)
    a_seps, b_seps = TOKEN.split(written)[1:-1], TOKEN.split(want)[1:-1]
    norm = _PLAIN_MARKS
    if [_QUIET.sub("", x.translate(norm)) for x in a_seps] != [_QUIET.sub("", x.translate(norm)) for x in b_seps]:
        return "form"
    diffs = [i for i, (x, y) in enumerate(zip(a_words, b_words)) if x.translate(norm) != y.translate(norm)]
    return "case" if len(diffs) == 1 and diffs[0] > 0 else ""


def _exact(ix: Index, line: Line, spans) -> list[Match]:
    out = []
    if ix.firsts.isdisjoint(line.normset):
        return out
    norms, text = line.norms, line.text
    size = len(norms)
    by_pair, singles = ix.by_pair, ix.singles
    nxt = 0  # the first word after the last match
    for i in positions(norms, ix.firsts):
        if i < nxt:
            continue
        tok = norms[i]
        # the names written here, longest first: by their first two words, then of one word
        pair = by_pair.get((tok, norms[i + 1])) if i + 1 < size else None
        single = singles.get(tok)
        if pair is None and single is None:
            continue
        best = None
        for name in _written(pair, single, norms, i, size):
            n = len(name.tokens)
            if best and n < len(best[0].tokens):
                break
            start, end = line.starts[i], _extent(line, name, i, n)
            if name.text.isupper() and not text[start:end].isupper():
                continue  # an acronym is written in capitals: "who" is not WHO
            if _ADDRESS.search(text, start, end):
                continue  # part of an address or a file name
            issue = _same_form(text[start:end], name.text)
            if issue == "case" and (n < 3 or (i > 0 and line.raws[i - 1][:1].isupper())):
                issue = ""  # "Education 2030 agenda": another phrase, not a slip in the name
            if best is None or (best[3] and not issue):
                best = (name, start, end, issue)
            if not issue:
                break  # written as one of the forms of the name: look no further
        if best is None:
            continue
        name, start, end, issue = best
        out.append(Match(start, end, name, near=bool(issue), what="form" if issue else ""))
        spans.append((i, i + len(name.tokens)))
        nxt = i + len(name.tokens)
    return out


_ADDRESS = re.compile(r"[_/.@]")


def _written(pair, single, norms: list, i: int, size: int):
    """The names whose words are the text's words from i, longest first (by_first's order)."""
    if pair is not None:
        for n, table in pair:
            if i + n <= size:
                found = table.get(tuple(norms[i:i + n]))
                if found is not None:
                    yield from found
    if single is not None:
        yield from single


_SUFFIXES = frozenset(("s", "es", "'s", "s'"))
INF = 99
MEMO_LIMIT = 200_000


def _memo_cost(ix: Index, memo: dict, want: str, cap: bool, got: str, got_raw: str, last: bool) -> int:
    """:func:`_slip` through ``memo``, the memo of the name's word ``want`` (got != want)."""
    cost = memo.get(got_raw)
    if cost is None:
        if cap and got[0] != want[0]:
            return INF  # every slip of a content word keeps its first letter
        if ix.cost_entries > MEMO_LIMIT:
            for m in ix.costs.values():
                m.clear()
            ix.cost_entries = 0
        ix.cost_entries += 1
        cost = memo[got_raw] = _slip(ix, want, cap, got, got_raw, last)
    return cost


def _slip(ix: Index, want: str, cap: bool, got: str, got_raw: str, last: bool) -> int:
    if got.startswith(want) and got[len(want):] in _SUFFIXES:
        return 0  # a plural or a possessive: "the Security Council's"
    if last and want.startswith(got) and want[len(got):] in _SUFFIXES:
        return 0  # the last word in the singular: "Sustainable Development Goal 14"
    if len(got) == len(want) + 1 and got.startswith(want) and got_raw[-1].islower() and len(want) > 3:
        return 0  # a footnote letter stuck to the word by the extraction ("Questionsb")
    if not cap:
        return 1 if got in ix.function_words and got_raw.islower() else INF
    if got_raw[:1].isupper() and got[:1] == want[:1] and len(want) >= 4:
        from rapidfuzz.distance import OSA  # on the first typo to weigh: 8 ms to import

        limit = 2 if len(want) >= 6 else 1
        if OSA.distance(want, got, score_cutoff=limit) <= limit:  # limit + 1 when above
            return 1
    return INF


def _align(ix: Index, name: Name, line: Line, s: int, e: int, first: int, last: int) -> str:
    """The sort of the single edit ("word", "missing", "extra") that reads the text tokens
    [s, e) as ``name``, or "" when it takes no edit or more than one. ``first`` and ``last``
    are the costs of the first and last tokens (which must correspond), at most 1 together.

    The edit distance between the inner parts, with token costs, matters only when at most 1:
    with inner parts of one length, it is the sum of the costs word by word (an added word
    and a dropped one cost 2); one word longer or shorter, it is 1 when dropping or adding a
    single word leaves every other word at cost 0."""
    want, norms = name.tokens, line.norms
    budget = 1 - first - last
    inner_w = len(want) - 2
    inner_t = e - s - 2
    if inner_w == inner_t:
        if inner_w <= 0:
            return "word" if budget == 0 else ""
        memos, caps = ix.inner(name), name.caps
        total = 0
        for k in range(inner_w):
            got = norms[s + 1 + k]
            w = want[k + 1]
            if got != w:
                total += _memo_cost(ix, memos[k], w, caps[k + 1], got, line.raw(s + 1 + k), False)
                if total > budget:
                    return ""
        return "word" if total == budget else ""
    if budget != 1:
        return ""  # a word more or less costs 1 already
    # one word dropped from the name (inner_w == inner_t + 1) or added to it
    shorter = min(inner_w, inner_t)
    memos, caps = ix.inner(name), name.caps
    zero = lambda k, t: (norms[t] == want[k + 1]
                         or _memo_cost(ix, memos[k], want[k + 1], caps[k + 1], norms[t], line.raw(t), False) == 0)
    head = 0  # words matching from the start
    while head < shorter and zero(head, s + 1 + head):
        head += 1
    if head < shorter:
        tail = 0  # and from the end
        while head + tail < shorter and zero(inner_w - 1 - tail, e - 2 - tail):
            tail += 1
        if head + tail < shorter:
            return ""
    return "missing" if inner_w > inner_t else "extra"


def _near(ix: Index, line: Line, spans) -> list[Match]:
    """Phrases one edit away from a known name (and not themselves a known name)."""
    norms, text, starts, ends = line.norms, line.text, line.starts, line.ends
    heads = line.heads
    size = len(norms)
    owner = [-1] * size
    for k, (ts, te) in enumerate(spans):
        for j in range(ts, te):
            owner[j] = k
    tried: set = set()
    found: list[tuple[int, int, int, Name, str]] = []  # (s, e, -len, name, what)
    postings_of = ix.postings
    for i in positions(norms, ix.anchor_words):
        inside = spans[owner[i]][1] - spans[owner[i]][0] if owner[i] >= 0 else 0
        for name, p, n, first, cap0, first0, last, capl, last0, memo0, memol in postings_of[norms[i]]:
            if n + 1 < inside:
                continue  # a near miss contains any known name it touches: this one is too long
            anchor = i - p
            # a slip of a content word keeps its first letter: none of the three words can
            # start the name unless one starts with that letter
            if cap0 and first0 not in heads[max(anchor - 1, 0):anchor + 2]:
                continue
            for s in (anchor, anchor - 1, anchor + 1):
                if s < 0 or s >= size:
                    continue
                got = norms[s]
                if got == first:
                    c0 = 0
                elif cap0 and got[0] != first0:
                    continue
                else:
                    raw = text[starts[s]:ends[s]]
                    c0 = memo0.get(raw)
                    if c0 is None:
                        c0 = _memo_cost(ix, memo0, first, cap0, got, raw, False)
                    if c0 > 1:
                        continue
                if capl and last0 not in heads[s + n - 2:s + n + 1]:
                    continue
                for e in (s + n, s + n - 1, s + n + 1):
                    if e > size or e - s < 2:
                        continue
                    got = norms[e - 1]
                    if got == last:
                        cl = 0
                    elif capl and got[0] != last0:
                        continue
                    else:
                        raw = text[starts[e - 1]:ends[e - 1]]
                        cl = memol.get(raw)
                        if cl is None:
                            cl = _memo_cost(ix, memol, last, capl, got, raw, True)
                        if c0 + cl > 1:
                            continue
                    key = (name, s, e)
                    if key in tried:
                        continue
                    tried.add(key)
                    if not _clear(owner, spans, s, e) or tuple(norms[s:e]) in ix.known:
                        continue
                    what = _align(ix, name, line, s, e, c0, cl)
                    if what and _plausible(ix, name, what, line, line.raws, spans, s, e):
                        found.append((s, e, -n, name, what))
    out, taken = [], [False] * size
    for s, e, _, name, what in sorted(found, key=lambda f: (f[2], f[0])):
        if any(taken[s:e]):
            continue
        for k in range(s, e):
            taken[k] = True
        out.append(Match(line.starts[s], _extent(line, name, s, e - s), name, True, what))
    return out


def _clear(owner, spans, s: int, e: int) -> bool:
    """No known name written in the text crosses the window's edges or contains it."""
    for k in {owner[s], owner[e - 1]}:
        if k >= 0:
            ts, te = spans[k]
            if ts < s or te > e or (ts, te) == (s, e):
                return False
    return True


_NAME_SEPARATORS = set(" -\u2011()")


def _plausible(ix: Index, name: Name, what: str, line: Line, raws, spans, s: int, e: int) -> bool:
    """Quiet: a one-edit variant is a slip only where it cannot be some other phrase or name."""
    if (name.caps[0] and not raws[s][:1].isupper()) or (name.caps[-1] and not raws[e - 1][:1].isupper()):
        return False  # "United Nations conference", "global forums": ordinary words
    allowed = _NAME_SEPARATORS | set(re.sub(r"[^\W_]", "", name.text))
    between = re.sub(r"[^\W_]+(?:['’][^\W_]+)*", "", line.text[line.starts[s]:line.ends[e - 1]])
    if not set(between) <= allowed:
        return False  # "Secretariat, in the United Nations": punctuation the name has not
    k = bisect_left(spans, (s,))  # spans are sorted and apart: the first two from s are enough
    if k + 1 < len(spans) and spans[k + 1][1] <= e:
        return False  # two names joined by a word ("the Assembly to the Programme")
    after = raws[e] if e < len(raws) else ""
    after2 = raws[e + 1] if e + 1 < len(raws) else ""
    gap = line.text[line.ends[e - 1]:line.starts[e]] if e < len(raws) else ""
    runs_on = not any(c in gap for c in ",;:.()") and (
        after[:1].isupper() or (after.lower() in ix.function_words and after2[:1].isupper()))
    if what == "word":
        norms = line.norms
        diffs = [k for k in range(len(name.tokens)) if norms[s + k] != name.tokens[k]]
        typo = len(diffs) == 1 and name.caps[diffs[0]]
        return typo or not runs_on  # "... and the Protocol to Prevent": another title runs on
    # a dropped or added word: only with enough of the name left to be sure (a small word
    # dropped from a name of three capitalised words, "Economic Social Council"; a capitalised
    # word from a long one, "Association of Southeast Nations"; a word added to a long one)
    # or, in a name of three words or more, a capitalised word dropped from inside it ("World
    # Organization", "Human Council"), unless "the" comes before it ("President of the
    # Assembly", "the Council": the short forms UN texts use; but "the Nations" is none) or
    # leaving two words that UN texts write together ("International Commission")
    content = sum(1 for r in raws[s:e] if r[:1].isupper() or r[:1].isdigit())
    if any(r.isdigit() for r in raws[s:e]):
        return False
    if what == "missing":
        k = _dropped(name, line.norms, s, e)
        small = name.tokens[k] in ix.function_words
        if not small and after.lower() in _COMPLEMENT:
            return False  # "United Nations Conference on ...": the head of another name
        if not (content >= 3 if small else len(name.tokens) >= 4 and content >= 3):
            if not 0 < k < e - s:
                return False
            if line.norms[s + k - 1] == "the" and name.tokens[k] != "united":
                return False
            if e - s == 2 and _usual(line.norms[s], line.norms[s + 1]):
                return False  # "the International Commission": a short form, or another name
    elif len(name.tokens) < 4 or content < 4:
        return False
    before = raws[s - 1] if s > 0 else ""
    return not runs_on and not (before[:1].isupper() and s > 1)


_COMPLEMENT = frozenset(("on", "of", "for", "against"))  # words that go on with a name


def _dropped(name: Name, norms: list, s: int, e: int) -> int:
    """The place in ``name`` of the word that the text [s, e) lacks (the first that differs)."""
    for k, tok in enumerate(name.tokens):
        if s + k >= e or norms[s + k] != tok:
            return k
    return len(name.tokens) - 1


def _usual(a: str, b: str) -> bool:
    """Are the two words written together in UN texts (rules/un-phrases.txt)?"""
    from unlint.spelling import usage  # read on the first two-word remainder to weigh

    return usage().pair(a, b)
