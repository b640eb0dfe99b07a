"""CO: consistency within a document, as an editor checks it by eye: abbreviations defined
once, before they are used, and used again; numbers in words and figures that agree and follow
the Editorial Manual; "State" for a country; one form for a term written with a hyphen and
closed up; a defined name always with its capitals; the items of a list punctuated alike.

The abbreviation rules read ``ctx.abbreviations`` (:mod:`unlint.analysis.abbreviations`); the
number words are those of rules/sessions.yaml (:mod:`unlint.analysis.numerals`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from unlint.analysis.numerals import cardinal, cardinal_pattern, cardinal_word
from unlint.analysis.text import phrases, quoted_spans
from unlint.diagnostics import Applicability, Fix
from unlint.knowledge import table
from unlint.registry import rule


@rule("CO001", "abbreviation-before-definition", "warning")
def abbreviation_before_definition(doc, ctx):
    """An abbreviation used before the text defines it.

    **What it does.** For each abbreviation the text defines ("United Nations Peacekeeping Force
    in Cyprus (UNFICYP)"), reports its first use when it comes before that definition.

    **Why.** A reader meets the abbreviation before learning what it stands for; it happens
    when paragraphs are moved or a paragraph with the abbreviation is inserted above the one
    that defines it.

    **Example.** ``Calls upon the parties to respect UNFICYP's mandate`` in paragraph 2, and
    ``the United Nations Peacekeeping Force in Cyprus (UNFICYP)`` in paragraph 5.

    **Use instead.** Define the abbreviation at its first use, and use it alone after.
    """
    abbreviations = ctx.abbreviations
    defined = abbreviations.first_definitions()
    reported = set()
    for use in abbreviations.uses:
        d = defined.get(use.abbreviation)
        if d is None or use.start > d.start or use.abbreviation in reported:
            continue
        reported.add(use.abbreviation)
        yield doc.finding(use.start, use.end, f"'{use.abbreviation}' is used before it is defined "
                          f"({doc.where(d.name_start)}: '{d.name} ({d.abbreviation})')")


@rule("CO002", "abbreviation-defined-twice", "warning")
def abbreviation_defined_twice(doc, ctx):
    """An abbreviation defined twice, or for two names.

    **What it does.** Reports a definition ("International Criminal Police Organization
    (INTERPOL)") of an abbreviation the text has defined before, and says whether the two
    names differ.

    **Why.** Once defined, an abbreviation is used alone; a second definition is a trace of
    paragraphs merged from two drafts, and two different names for one abbreviation leave
    the reader unsure which is meant.

    **Example.** ``the International Criminal Police Organization (INTERPOL)`` in paragraph 3
    and again in paragraph 12.

    **Use instead.** ``INTERPOL`` in paragraph 12.
    """
    first = {}
    for d in ctx.abbreviations.definitions:
        earlier = first.setdefault(d.abbreviation, d)
        if earlier is d:
            continue
        where = doc.where(earlier.name_start)
        if _same(earlier.name, d.name):
            message = f"'{d.abbreviation}' is defined again (first on {where}): use it alone here"
        else:
            message = (f"'{d.abbreviation}' stands for '{d.name}' here but for '{earlier.name}' "
                       f"on {where}")
        yield doc.finding(d.name_start, d.end + 1, message)


def _same(a: str, b: str) -> bool:
    """The same name, up to a leading "the" and its first words ("of the International ...")."""
    a, b = (re.sub(r"^(?:the\s+)", "", x.lower()) for x in (a, b))
    return a.endswith(b) or b.endswith(a)


@rule("CO003", "abbreviation-possessive", "info", enabled=False)
def abbreviation_possessive(doc, ctx):
    """The possessive of an abbreviation ("UNMISS's mandate").

    **What it does.** Off by default (select ``CO003``): the Editorial Manual writes "the
    mandate of UNMISS", but Security Council resolutions use it as a rule (seven of the
    twelve in the corpus, 40 times). Reports an abbreviation followed by "'s".

    **Why.** The possessive of an abbreviation reads as informal and is awkward to translate.

    **Example.** ``UNMISS's mandate``

    **Use instead.** ``the mandate of UNMISS``
    """
    for use in ctx.abbreviations.uses:
        if doc.text[use.end : use.end + 2] in ("'s", "’s"):
            yield doc.finding(use.start, use.end + 2, f"'{use.abbreviation}'s': write \"the ... of "
                              f"{use.abbreviation}\"")


@rule("CO004", "abbreviation-unused", "info", enabled=False)
def abbreviation_unused(doc, ctx):
    """An abbreviation defined and never used again.

    **What it does.** Off by default (select ``CO004``): in the corpus of adopted resolutions
    55 of the 98 abbreviations defined are not used again, so it is house practice. Reports
    a definition whose abbreviation the text does not use after it.

    **Why.** An abbreviation is defined to be used; defined once and never again, it only
    lengthens the sentence.

    **Example.** ``the United Nations Development Programme (UNDP)`` and no "UNDP" after it.

    **Use instead.** ``the United Nations Development Programme``
    """
    abbreviations = ctx.abbreviations
    used_after: dict[str, int] = {}
    for use in abbreviations.uses:
        used_after[use.abbreviation] = max(used_after.get(use.abbreviation, -1), use.start)
    for abbreviation, d in abbreviations.first_definitions().items():
        if used_after.get(abbreviation, -1) < d.end:
            yield doc.finding(d.start - 1, d.end + 1, f"'{abbreviation}' is defined but not used again")


_ACRONYM = re.compile(r"[A-Z]{2,}(?:-[A-Z0-9]+)*")  # "UNMISS", "COVID-19", "UN-SWAP"; not "UN80"
_ROMAN = re.compile(r"[IVXLCDM]+")
_IN_NAME = re.compile(r" [A-Z][a-z]")
_NAME_BEFORE = re.compile(r"[a-z,;] [A-Z][a-z]+ $")


@rule("CO010", "abbreviation-undefined", "info", enabled=False)
def abbreviation_undefined(doc, ctx):
    """An abbreviation that the text uses and never defines.

    **What it does.** Off by default (select ``CO010``): how many abbreviations a resolution
    may use bare is house practice. Reports the first use of an abbreviation in capitals
    ("UNMISS", "SIDS", "IDPs") that the text never defines ("... (UNMISS)"), unless UN texts
    use it without its full name (``known_abbreviations`` of ``rules/drafting.yaml``: "HIV",
    "COVID-19", "UNICEF"). For a UN body the entity tables know, it gives the full name.
    Roman numerals and quotations are left alone.

    **Why.** A reader outside the negotiation meets an abbreviation the text never explains;
    the UN Editorial Manual asks for the full name at first mention, with the abbreviation
    in brackets after it.

    **Example.** ``Requests UNMISS to continue`` with no "(UNMISS)" in the text.

    **Use instead.** ``Requests the United Nations Mission in South Sudan (UNMISS) to continue``
    """
    abbreviations = ctx.abbreviations
    defined = {d.abbreviation for d in abbreviations.definitions}
    known = frozenset(table("drafting")["known_abbreviations"])
    full = ctx.run.short_forms
    seen: set[str] = set()
    for use in abbreviations.uses:
        word = use.abbreviation
        base = word[:-1] if word.endswith("s") else word  # "IDPs" for "IDP"
        if (word in seen or not _ACRONYM.fullmatch(base) or _ROMAN.fullmatch(base)
                or base in defined or word in defined or base in known
                or use.start and doc.text[use.start - 1] in "-\u2011/"
                or doc.text[use.end : use.end + 1] in ("-", "\u2011", "(", "/")
                or doc.text[use.end : use.end + 2] == " ("
                or doc.text[max(0, use.start - 3) : use.start] == "as "):
            continue  # part of a compound or a symbol ("UN-SPIDER", "GC(68)"), named after
            # ("LAWs (light anti-tank weapon)") or before ("known as CS")
        if _IN_NAME.match(doc.text, use.end) or _NAME_BEFORE.search(doc.text[max(0, use.start - 30) : use.start]):
            continue  # part of a proper name ("the SIDS Accelerated Modalities", "End TB Strategy")
        seen.add(word)
        name = full.get(base)
        hint = (f"write '{name} ({base})' at its first use" if name else
                "give its full name at its first use, with the abbreviation in brackets")
        yield doc.finding(use.start, use.end, f"'{word}' is not defined in the text: {hint}")


_LAST_WORDS = re.compile(r"\b([^\W\d_]+)(?:[\s‑–-]([^\W\d_]+))?\Z")  # where the search ends
_FIGURE = re.compile(r"\s+\((\d{1,3})\)")  # "five (6)": the figure after the words
_PER_CENT = re.compile(r"\s+per\s+cent\b", re.IGNORECASE)


def _after_number_word(text: str, anchor: re.Pattern):
    """(start, end, value, anchor match) for each ``anchor`` right after a number in words
    ("twenty-one", "five"). The rare anchor is found first and the one or two words just
    before it are looked up: trying the 99 number words at every word of a paragraph cost
    20 ms a document, and their pattern 7 ms to build."""
    for a in anchor.finditer(text):
        w = _LAST_WORDS.search(text, max(0, a.start() - 24), a.start())
        if w is None:
            continue
        value = cardinal(w.group(0)) if w.group(2) is not None else None
        if value is not None:  # two words that make one number: "twenty-one", "twenty one"
            yield w.start(), w.end(), value, a
        elif (value := cardinal(w.group(2) or w.group(1))) is not None:
            start = w.start(2) if w.group(2) is not None else w.start(1)
            yield start, w.end(), value, a


@rule("CO005", "number-words-and-figures", "error")
def number_words_and_figures(doc, ctx):
    """A number in words and in figures that disagree ("five (6) members").

    **What it does.** Reads a number written in words and repeated in figures in brackets
    ("twelve (12)"), as texts on memberships and terms of office write them, and reports the
    pair when the two differ.

    **Why.** One of the two was changed in negotiation and the other was not: the text then
    says two things, and the figure is the one readers and translators copy.

    **Example.** ``composed of five (6) members``

    **Use instead.** ``composed of six (6) members`` or ``five (5)``: check which was agreed.
    """
    for p in doc.paragraphs:
        for start, _, value, a in _after_number_word(p.text, _FIGURE):
            figure = int(a.group(1))
            if value != figure:
                yield doc.finding(p.start + start, p.start + a.end(),
                                  f"'{p.text[start:a.end()]}': the words say {value}, the figure {figure}")


@rule("CO006", "per-cent-figure", "warning")
def per_cent_figure(doc, ctx):
    """A percentage in words ("five per cent"): the Editorial Manual writes figures.

    **What it does.** Reports a number in words before "per cent" and proposes the figure.

    **Why.** UN texts give every percentage in figures ("5 per cent"), so that figures can
    be compared at a glance and are translated without error.

    **Example.** ``at least five per cent of the budget``

    **Use instead.** ``at least 5 per cent of the budget``

    **Fix safety.** Safe: only the number changes. Display-only for PDF text.
    """
    for p in doc.paragraphs:
        for start, end, value, _ in _after_number_word(p.text, _PER_CENT):
            start, end = p.start + start, p.start + end
            yield doc.finding(start, end, f"write the percentage in figures: '{value} per cent'",
                              doc.replace(start, end, str(value), f"write {value}"))


@cache
def _state() -> re.Pattern:
    modifiers = phrases(table("drafting")["state_modifiers"])
    return re.compile(rf"\b(?:{modifiers})\s+(states?)\b(?!-)", re.IGNORECASE)


@rule("CO007", "state-for-country", "warning")
def state_for_country(doc, ctx):
    """"state" meaning a country, written in lower case ("all states", "coastal states").

    **What it does.** Reports "state" or "states" in lower case after a word that makes it a
    country (``state_modifiers`` of rules/drafting.yaml: "all", "coastal", "each", "small island
    developing" ...). Quotations keep their own spelling.

    **Why.** UN texts write State with a capital when it means a country, and state in lower
    case otherwise ("the state of the environment"); "coastal states" reads as a condition,
    and the corpus of adopted resolutions writes "States" in all 738 such places.

    **Example.** ``Calls upon all states and small island developing states to ...``

    **Use instead.** ``Calls upon all States and small island developing States to ...``

    **Fix safety.** Safe: only the capital changes. Display-only for PDF text.
    """
    pattern = _state()
    for p in doc.paragraphs:
        if "state" not in p.text:
            continue
        quoted = None
        for m in pattern.finditer(p.text):
            word = m.group(1)
            if not word.islower():
                continue
            if quoted is None:
                quoted = quoted_spans(p.text)
            if any(a <= m.start(1) < b for a, b in quoted):
                continue
            start = p.start + m.start(1)
            right = "S" + word[1:]
            yield doc.finding(start, start + len(word), f"'{word}' meaning a country is written '{right}'",
                              doc.replace(start, start + 1, "S", f"write '{right}'"))


_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{2,})-([a-z]{3,})(?![\w-])")
_CLOSED = re.compile(r"(?<![\w-])([a-z]{6,})(?![\w-])")


@rule("CO008", "term-variants", "warning")
def term_variants(doc, ctx):
    """One term written with a hyphen and closed up ("trans-shipment", "transshipment").

    **What it does.** Finds the words the text writes with a hyphen ("socio-economic") and
    also as one word ("socioeconomic"; an adverb counts with its adjective: "bi-annually" and
    "biannual"), in lower case, outside quotations and footnotes, and
    reports each use of the form written less often (on a tie, the later form), with the count
    of each.

    **Why.** A term written two ways reads as two terms, and tells the reader that paragraphs
    were drafted apart; editors make one form prevail. A hyphen that marks a compound before a
    noun ("long-term goals", "in the long term") is grammar, not a variant, and is not looked
    at: only the closed-up form is.

    **Example.** ``trans-shipment at sea`` (six times) and ``transshipment`` (once) in A/80/L.17.

    **Use instead.** One form throughout: ``trans-shipment``.

    **Fix safety.** Unsafe: the form to keep is the editor's choice (UNTERM gives it).
    """
    end = min((n.label_start for n in doc.notes), default=len(doc.text))
    spans = [(p.start, p.text) for p in doc.paragraphs if p.start < end]
    hyphenated: dict[str, list[tuple[int, str]]] = {}  # stem -> (offset, word) of each hyphenated use
    cut: dict[str, int] = {}  # stem -> where its hyphen is
    for start, text in spans:
        for m in _HYPHENATED.finditer(text):
            stem = (m.group(1) + m.group(2)).removesuffix("ly")
            hyphenated.setdefault(stem, []).append((start + m.start(), m.group(0)))
            cut[stem] = len(m.group(1))
    if not hyphenated:
        return
    joined: dict[str, list[tuple[int, str]]] = {}
    for start, text in spans:
        quoted = None
        for m in _CLOSED.finditer(text):  # each word looked up: no pattern grows with the text
            stem = m.group(1).removesuffix("ly")
            if stem not in hyphenated:
                continue
            if quoted is None:
                quoted = quoted_spans(text)
            if not any(a <= m.start() < b for a, b in quoted):
                joined.setdefault(stem, []).append((start + m.start(), m.group(1)))
    for stem, places in joined.items():
        (kept, closed), (minority, _) = sorted(((places, True), (hyphenated[stem], False)),
                                               key=lambda f: (-len(f[0]), f[0][0][0]))
        keep = kept[0][1]
        for at, other in minority:
            toggled = other.replace("-", "", 1) if closed else other[: cut[stem]] + "-" + other[cut[stem]:]
            fix = doc.replace(at, at + len(other), toggled, f"write '{toggled}'")
            yield doc.finding(at, at + len(other), f"'{other}' here ({_times(len(minority))}), "
                              f"'{keep}' elsewhere ({_times(len(kept))}): write one form",
                              None if fix is None else Fix(fix.title, fix.edits, Applicability.UNSAFE))


@cache
def _under_ten() -> re.Pattern:
    """A figure from 1 to 9 before a lower-case plural word, not before a unit (``figure_words``
    of rules/drafting.yaml); the words before it are CO013's to check."""
    after = phrases(table("drafting")["figure_words"]["after"])
    return re.compile(rf"(?<![\w./,:–-])([1-9]) (?!(?:{after})\b)([a-z]+s)\b(?![-–])")


@rule("CO013", "number-under-ten", "info", enabled=False)
def number_under_ten(doc, ctx):
    """A number from one to nine written as a figure in running text ("within 6 months").

    **What it does.** Off by default (select ``CO013``): house practice varies. Reports a
    figure from 1 to 9 before a plural word ("3 members"), except after a word that makes it a
    reference or an age ("paragraph 4", "Goal 4", "children under 5 years") or before a unit
    ("2 degrees": ``figure_words`` of rules/drafting.yaml), and proposes the word.

    **Why.** The Editorial Manual writes numbers from one to nine in words in running text,
    and figures from 10.

    **Example.** ``within 6 months of the adoption of the present resolution``

    **Use instead.** ``within six months of the adoption of the present resolution``

    **Fix safety.** Safe: the figure becomes the word. Display-only for PDF text.
    """
    pattern = _under_ten()
    before = tuple(f" {w}" for w in table("drafting")["figure_words"]["before"])
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            if (" " + p.text[max(0, m.start() - 40) : m.start()].rstrip()).endswith(before):
                continue
            word = cardinal_word(int(m.group(1)))
            start = p.start + m.start(1)
            yield doc.finding(start, start + 1, f"write the number in words: '{word}'",
                              doc.replace(start, start + 1, word, f"write {word}"))


_SENTENCE_FIGURE = re.compile(r"(?:(?<=[a-z]{3}[.] )|(?<=\d{4}[.] ))(\d{1,3}) (?=[A-Za-z])")
_ABBREVIATED = ("vol. ", "para. ", "paras. ", "chap. ", "sect. ", "art. ", "arts. ", "approx. ")


@rule("CO014", "sentence-start-figure", "warning")
def sentence_start_figure(doc, ctx):
    """A sentence that starts with a figure ("... in 2015. 15 States have ratified it").

    **What it does.** In the paragraphs, reports a number written in figures at the start of a
    sentence (after a full stop that ends a word, not an abbreviation such as "No."), and for
    one to ninety-nine proposes the words ("Fifteen").

    **Why.** The Editorial Manual spells out a number that begins a sentence: a figure there
    reads as a paragraph number or a footnote left in the text.

    **Example.** ``... adopted in 2015. 15 States have since ratified it.``

    **Use instead.** ``... adopted in 2015. Fifteen States have since ratified it.``

    **Fix safety.** Safe for one to ninety-nine. Display-only for PDF text.
    """
    for p in doc.paragraphs:
        if ". " not in p.body:
            continue
        for m in _SENTENCE_FIGURE.finditer(p.text, p.body_offset):
            if p.text[max(0, m.start() - 8) : m.start()].endswith(_ABBREVIATED):
                continue  # "vol. 2", "para. 3"
            start, end = p.start + m.start(1), p.start + m.end(1)
            word = cardinal_word(int(m.group(1)))
            if word.isdigit():
                yield doc.finding(start, end, "a sentence starts with a figure: write the number in "
                                  "words, or recast the sentence")
                continue
            word = word[0].upper() + word[1:]
            yield doc.finding(start, end, f"a sentence starts with a figure: write '{word}'",
                              doc.replace(start, end, word, f"write '{word}'"))


@rule("CO011", "list-punctuation", "warning")
def list_punctuation(doc, ctx):
    """A sub-paragraph ending with "." or "," in a list whose other items end with ";".

    **What it does.** In a list of three sub-paragraphs or more ((a), (b), (c) ... under one
    paragraph, or (i), (ii) ... under one item) whose items but the last end with ";" (or
    "; and"), reports one of them that ends with "." or "," instead, and proposes ";" (an
    unsafe fix: the item may have been meant to end the paragraph). An item ending with ":"
    opens a list of its own; "; and," is ST009's.

    **Why.** The items of a list are parts of one sentence: each ends with a semicolon and
    the last with the paragraph's own ending. A full stop inside the list ends the sentence
    early; a comma is a preambular ending carried into an operative list.

    **Example.** ``(a) To report annually;`` ``(b) To consult Member States.`` ``(c) To ...``

    **Use instead.** ``(b) To consult Member States;``

    **Fix safety.** Unsafe: the item may have been meant to end the paragraph.
    """
    lists: dict[int, list] = {}
    for p in doc.paragraphs:
        if p.kind == "sub" and p.parent is not None:
            lists.setdefault(p.parent, []).append(p)
    for items in lists.values():
        if len(items) < 3:
            continue
        ends = [p.text.rstrip() for p in items[:-1]]
        semicolons = sum(1 for t in ends if t.endswith(";") or t.endswith(("; and", "; or")))
        if semicolons < 2:
            continue
        for p, t in zip(items[:-1], ends):
            if t[-1:] not in (".", ",") or t.endswith((";,", "; and,", "; or,", "...", "etc.")):
                continue
            at = p.start + len(t) - 1
            fix = doc.replace(at, at + 1, ";", "end the item with ';'")
            yield doc.finding(at, at + 1, f"item ({p.number}) ends with '{t[-1]}': the other items "
                              f"of its list end with ';' ({semicolons} of {len(ends)})",
                              None if fix is None else Fix(fix.title, fix.edits, Applicability.UNSAFE))


@rule("CO012", "name-capitalization", "warning")
def name_capitalization(doc, ctx):
    """A name the text defines, written elsewhere with other capitals.

    **What it does.** For each name of three words or more that a paragraph of the text (not a
    heading) defines with an abbreviation ("the Informal Working Group on Documentation
    (IWG)"), reports the same
    words written with other capitals elsewhere in the paragraphs ("the informal working group
    on documentation"), outside quotations, and proposes the defined form (an unsafe fix).

    **Why.** The capitals say that a name is a name; a body written once with capitals and
    once without reads as two bodies, or as a generic one.

    **Example.** ``the Informal Working Group on Documentation (IWG)`` in paragraph 2 and
    ``the informal working group on documentation`` in paragraph 7.

    **Use instead.** ``the Informal Working Group on Documentation`` (or ``IWG``).

    **Fix safety.** Unsafe: the lower-case words may speak of a body in general.
    """
    starts = [p.start for p in doc.paragraphs]

    def in_prose(at: int) -> bool:  # in a paragraph, not a heading in Title Case
        i = bisect_right(starts, at) - 1
        return i >= 0 and at < doc.paragraphs[i].end and doc.paragraphs[i].kind in (
            "preambular", "operative", "sub")

    names = {d.name: d for d in ctx.abbreviations.definitions
             if len(d.name.split()) >= 3 and in_prose(d.name_start)}
    if not names:
        return
    pattern = re.compile(rf"\b(?:{phrases(sorted(names, key=len, reverse=True))})\b", re.IGNORECASE)
    by_folded = {" ".join(n.lower().split()): d for n, d in names.items()}
    for p in doc.paragraphs:
        quoted = None
        for m in pattern.finditer(p.text):
            found = m.group(0)
            d = by_folded.get(" ".join(found.lower().split()))
            if d is None or found == d.name or " ".join(found.split()) == d.name:
                continue
            quoted = quoted_spans(p.text) if quoted is None else quoted
            if any(a <= m.start() < b for a, b in quoted):
                continue
            at = p.start + m.start()
            fix = doc.replace(at, at + len(found), d.name, f"write '{d.name}'")
            yield doc.finding(at, at + len(found), f"'{found}' is defined as '{d.name}' "
                              f"({doc.where(d.name_start)}): write it with the same capitals",
                              None if fix is None else Fix(fix.title, fix.edits, Applicability.UNSAFE))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


@cache
def _ten_and_above() -> re.Pattern:
    ordinals = "|".join(table("sessions")["ordinal_units"])
    return re.compile(rf"(?<![\w-])({cardinal_pattern(10)})(?= (?!per cent|(?:{ordinals})\b)[a-z])")


@rule("CO009", "number-ten-and-above", "info", enabled=False)
def number_ten_and_above(doc, ctx):
    """A number of 10 or more written in words in running text ("fifteen members").

    **What it does.** Off by default (select ``CO009``): Security Council resolutions write
    periods in words ("a period of twelve months", "over the past ten years"), and the
    Assembly's texts in the corpus have no such number at all. Reports a number from ten to
    ninety-nine written in lower-case words before a word ("twelve experts"), except at the
    start of a sentence and before an ordinal ("twenty second session" is a missing hyphen),
    and proposes the figure. Numbers from one to nine stay in words.

    **Why.** The Editorial Manual writes numbers from 10 in figures in running text: they are
    read and compared at a glance, and translated without error.

    **Example.** ``composed of fifteen members``

    **Use instead.** ``composed of 15 members``

    **Fix safety.** Safe: the words become the figure. Display-only for PDF text.
    """
    pattern = _ten_and_above()
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            before = p.text[:m.start()].rstrip()
            if m.start() <= p.body_offset or before.endswith((".", ":", "(")):
                continue  # a sentence (or a figure in brackets) starts here
            value = cardinal(m.group(1))
            start, end = p.start + m.start(), p.start + m.end()
            yield doc.finding(start, end, f"write the number in figures: '{value}'",
                              doc.replace(start, end, str(value), f"write {value}"))
