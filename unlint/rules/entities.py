"""EN: names of UN bodies, States and instruments, and UN spelling and usage.

Most EN rules are declarative: the packs ``rules/entities.yaml`` (EN001), ``member-states.yaml``
(EN002), ``spelling.yaml`` (EN010) and ``terminology.yaml`` (EN011-EN013), compiled by
:mod:`unlint.packs` when the rules are asked for (:func:`rules`). The rules below read the same
names within one document: a name written in full and elsewhere with words missing, a short
form used before the full name, and the conference of the parties named for the wrong
instrument.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from unlint.analysis.words import TOKEN, norm
from unlint.diagnostics import Applicability, Fix
from unlint.packs import load_packs
from unlint.registry import rule
from unlint.resources import data_dir

BUILTIN_PACKS = ("entities", "member-states", "spelling", "terminology")


def rules():
    """The rules of the built-in packs, compiled on first call (not at import)."""
    return load_packs([data_dir("rules") / f"{name}.yaml" for name in BUILTIN_PACKS])


def _body_end(doc) -> int:
    """Canonical offset where the footnote definitions start (the end of the body)."""
    return min((n.label_start for n in doc.notes), default=len(doc.text))


_SEP = r"[\s\-,()]+"  # and the non-breaking hyphen "‑": see _dropping


@cache
def _words(name: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(name))


def _finditer(pattern: re.Pattern, first: str, text: str, found_at: dict):
    """``pattern.finditer(text)`` for a pattern that starts with the literal word ``first``:
    tried only where the word is (found with str.find, and kept in ``found_at`` for the
    other names that start with it), and, like finditer, after the end of the last match."""
    places = found_at.get(first)
    if places is None:
        places = found_at[first] = []
        i = text.find(first)
        while i != -1:
            places.append(i)
            i = text.find(first, i + 1)
    end = 0
    for i in places:
        if i >= end:
            m = pattern.match(text, i)
            if m is not None:
                end = m.end()
                yield m


@cache
def _dropping(name: str) -> re.Pattern:
    r"""The name with every inner word optional: first and last word kept. It is searched in
    the text with "‑" (U+2011) written "-" (:func:`_hyphens_plain`), where it matches as
    ``[\s\-‑,()]+`` between words and ``(?![\w\-‑])`` at the end would in the text itself.
    re.compile turns a class with a character above U+00FF and more than two runs of
    characters ("()", ",-", "‑") into a 64K-entry map each time the class occurs: 0.7 ms per
    name instead of 0.2, in every process."""
    words = _words(name)
    inner = "".join(f"(?:{_SEP}({re.escape(w)}))?" for w in words[1:-1])
    return re.compile(rf"{re.escape(words[0])}{inner}{_SEP}{re.escape(words[-1])}(?![\w\-])")


def _hyphens_plain(doc) -> str:
    """The canonical text with each non-breaking hyphen written "-" (same offsets)."""
    return doc.text.replace("\u2011", "-")


def _continues(text: str, end: int) -> bool:
    """The phrase runs on into more capitalized words: part of some longer name."""
    return re.match(r"[\s\-‑]+(?:(?:of|on|for|and|in|to|the|against)\s+)*[A-Z]", text[end:end + 40]) is not None


@rule("EN004", "incomplete-name", "warning")
def incomplete_name(doc, ctx):
    """A name written with words missing, where the same document writes it in full.

    **What it does.** For every known name written in full in the document, looks for the same
    name with two or more inner words missing (first and last words kept). One missing word
    is a near miss, reported by EN001.

    **Why.** A name shortened by accident ("Thirteenth Congress on Crime Prevention") reads
    as a different body; the full name elsewhere in the same text shows which was meant.

    **Example.** ``adopted by the Thirteenth Congress on Crime Prevention and Criminal Justice``
    beside ``the Thirteenth United Nations Congress on Crime Prevention and Criminal Justice``.

    **Use instead.** ``the Thirteenth United Nations Congress on Crime Prevention and Criminal
    Justice``

    **Fix safety.** Safe: the full name is the one the document itself uses.
    """
    analysis = ctx.names
    full: dict[str, int] = {}
    for m in analysis.matches:
        if not m.near and m.name.role in ("name", "also") and len(m.name.tokens) >= 4:
            full.setdefault(m.name.text, m.start)
    exact = sorted((m.start, m.end) for m in analysis.matches)
    ends = [e for _, e in exact]
    known = ctx.run.names.known
    plain = _hyphens_plain(doc) if full else doc.text
    found_at: dict[str, list[int]] = {}  # each first word -> where it is in the text
    for name, first in full.items():
        inner = _words(name)[1:-1]
        for m in _finditer(_dropping(name), _words(name)[0], plain, found_at):
            if m.start() and (doc.text[m.start() - 1].isalnum() or doc.text[m.start() - 1] in "-‑_"):
                continue
            dropped = [w for k, w in enumerate(inner) if m.group(k + 1) is None]
            phrase = doc.text[m.start():m.end()]  # as written
            words = TOKEN.findall(phrase)
            if len(dropped) < 2 or len(words) < 3 or "\n" in phrase:
                continue
            if not all(w[:1].isupper() for w in dropped) or _continues(doc.text, m.end()):
                continue  # "Review Conference of the Treaty": another wording, not a slip
            k = bisect_right(ends, m.start())  # the first name ending after the phrase starts
            if k < len(exact) and exact[k][0] < m.end():
                continue  # overlaps a name written in full
            if tuple(map(norm, words)) in known:
                continue
            fix = doc.replace(m.start(), m.end(), name, f"replace with '{name}'")
            yield doc.finding(m.start(), m.end(), f"'{phrase}' drops words of '{name}', "
                              f"written in full on {doc.where(first)}", fix)


@rule("EN005", "short-form-first", "warning")
def short_form_first(doc, ctx):
    """A short form or acronym used before the full name is given.

    **What it does.** For names with known short forms (UNODC, UN-Women, the Nelson Mandela
    Rules ...), reports a short form in the body that comes before the first full name.

    **Why.** A reader meets the short form first and cannot tell what it stands for; in
    negotiation, the paragraph that introduced the full name was often moved or deleted.

    **Example.** ``3. Requests UNODC to ...`` and later ``the United Nations Office on Drugs
    and Crime (UNODC)``.

    **Use instead.** Give the full name at the first mention, the short form after it.
    """
    end = _body_end(doc)
    first_full: dict[int, int] = {}
    shorts = []
    for m in ctx.names.matches:
        if m.near or m.start >= end:
            continue
        key = id(m.name.entity)
        if m.name.role in ("name", "also"):
            first_full.setdefault(key, m.start)
        elif m.name.role == "short" and doc.text[m.start:m.end] == m.name.text:
            if m.name.text.lower() not in m.name.entity.name.lower():
                shorts.append(m)  # "the 2030 Agenda" is part of its title: a name in itself
    reported = set()
    for m in shorts:
        key = id(m.name.entity)
        if key in first_full and m.start < first_full[key] and key not in reported:
            reported.add(key)
            full = m.name.entity.name
            yield doc.finding(m.start, m.end, f"'{m.name.text}' is used before the full name "
                              f"'{full}' is given ({doc.where(first_full[key])})")


# _COP and _HEAD start at a word boundary (\b), which _at_word_starts checks: a pattern that
# starts with \b is tried at every character of the text, five times slower
_COP = re.compile(r"(Conference|Meeting) of (?:the )?(?:States )?Parties to the (Convention|Protocol)"
                  r"\b(?!\s+(?:on|against|for|to|of|relating|[A-Z]))")
_COP_NAME = re.compile(r"^((?:Conference|Meeting) of (?:the )?(?:States )?Parties) to (?:the )?(.+)$")
_HEAD = re.compile(r"(Convention|Protocol)s?\b")


def _at_word_starts(pattern: re.Pattern, text: str):
    """The matches of ``\b`` + ``pattern`` (which starts with a letter) in ``text``, as
    finditer would give them: the matches not preceded by a word character."""
    pos = 0
    search = pattern.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1  # no word boundary: \b + pattern fails here, try the next place
            continue
        yield m
        pos = m.end()


def _conferences(index) -> dict[str, tuple[str, str]]:
    """Instrument title -> (form of its conference, e.g. "Conference of the States Parties", name)."""
    out = {}
    for n in index.names:
        m = _COP_NAME.match(n.text)
        if m and n.role == "name":
            out.setdefault(m.group(2), (m.group(1), n.text))
    return out


@rule("EN006", "conference-of-parties", "error")
def conference_of_parties(doc, ctx):
    """The conference of the parties named for the wrong instrument ("States Parties").

    **What it does.** Resolves "the Conference of the (States) Parties to the Convention" to
    the convention named last before it, and checks the form that instrument uses.

    **Why.** The name depends on the instrument: the Conference of the States Parties to the
    United Nations Convention against Corruption, but the Conference of the Parties to the
    United Nations Convention against Transnational Organized Crime. A paragraph copied from
    one context to the other keeps the wrong form.

    **Example.** ``... the United Nations Convention against Transnational Organized Crime,
    ... the Conference of the States Parties to the Convention``

    **Use instead.** ``the Conference of the Parties to the Convention``

    **Fix safety.** Unsafe: "the Convention" is read as the convention named last, which a
    reordered paragraph can change.
    """
    conferences = _conferences(ctx.run.names)
    if not conferences:
        return
    text = doc.text
    named = []  # (start, end, title or None) of every mention of a convention or protocol
    for title in conferences:
        i = text.find(title)
        while i != -1:
            named.append((i, i + len(title), title))
            i = text.find(title, i + 1)
    named.sort()
    title_starts, title_ends = [n[0] for n in named], [n[1] for n in named]
    for m in _at_word_starts(_HEAD, text):
        k = bisect_right(title_starts, m.start()) - 1
        if k >= 0 and m.start() < title_ends[k]:
            continue  # part of a title found above
        anaphor = text[max(0, m.start() - 4):m.start()] == "the " and m.group() in ("Convention", "Protocol")
        rest = text[m.end():m.end() + 12]
        if anaphor and not re.match(r"\s+(?:on|against|for|to|of|relating|[A-Z])", rest):
            continue  # "the Convention" points back, it names nothing new
        named.append((m.start(), m.end(), None))
    named.sort()
    starts = [n[0] for n in named]
    for m in _at_word_starts(_COP, text):
        context = text.rfind("\n", 0, max(0, text.rfind("\n", 0, m.start())))  # this line and the one before
        window = named[bisect_left(starts, context + 1):bisect_left(starts, m.start())]
        before = [n for n in window if n[1] <= m.start() and m.group(2) in text[n[0]:n[1]]]
        if not before or before[-1][2] is None:
            continue
        title = before[-1][2]
        form, full = conferences[title]
        written = m.group()[: m.group().rindex(" to the ")]
        if written == form or written.replace("States ", "") != form.replace("States ", ""):
            continue  # the same form, or another body ("Meeting of States Parties")
        start = m.start()
        fix = doc.replace(start, start + len(written), form, f"replace with '{form}'")
        if fix is not None:
            fix = Fix(fix.title, fix.edits, Applicability.UNSAFE)
        yield doc.finding(start, start + len(written), f"'the {m.group(2)}' here is the {title} "
                          f"(named on {doc.where(before[-1][0])}), whose conference is the "
                          f"'{full}': write '{form}'", fix)
