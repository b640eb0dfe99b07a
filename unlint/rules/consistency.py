"""CO: consistency within a document, as an editor checks it by eye: abbreviations defined
once, before they are used, and used again; numbers in words and figures that agree; "State"
for a country; one form for a term written with a hyphen and closed up.

The abbreviation rules read ``ctx.abbreviations`` (:mod:`unlint.analysis.abbreviations`); the
number words are those of rules/sessions.yaml (:mod:`unlint.analysis.numerals`).
"""

from __future__ import annotations

import re
from functools import cache

from unlint.analysis.numerals import cardinal, cardinal_pattern
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


@cache
def _numbers() -> tuple[re.Pattern, re.Pattern]:
    """("five (6)", "five per cent"), built on first use from rules/sessions.yaml."""
    words = cardinal_pattern()
    return (re.compile(rf"\b({words})\s+\((\d{{1,3}})\)", re.IGNORECASE),
            re.compile(rf"\b({words})\s+per\s+cent\b", re.IGNORECASE))


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
    pair, _ = _numbers()
    for p in doc.paragraphs:
        for m in pair.finditer(p.text):
            value, figure = cardinal(m.group(1)), int(m.group(2))
            if value is not None and value != figure:
                yield doc.finding(p.start + m.start(), p.start + m.end(),
                                  f"'{m.group(0)}': the words say {value}, the figure {figure}")


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
    _, per_cent = _numbers()
    for p in doc.paragraphs:
        for m in per_cent.finditer(p.text):
            value = cardinal(m.group(1))
            if value is None:
                continue
            start, end = p.start + m.start(1), p.start + m.end(1)
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


_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{3,})-([a-z]{3,})(?![\w-])")
_CLOSED = re.compile(r"(?<![\w-])([a-z]{6,})(?![\w-])")


@rule("CO008", "term-variants", "warning")
def term_variants(doc, ctx):
    """One term written with a hyphen and closed up ("trans-shipment", "transshipment").

    **What it does.** Finds the words the text writes with a hyphen ("socio-economic") and
    also as one word ("socioeconomic"), in lower case, outside quotations and footnotes, and
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
    hyphenated: dict[str, list[int]] = {}
    for start, text in spans:
        for m in _HYPHENATED.finditer(text):
            hyphenated.setdefault(m.group(1) + m.group(2), []).append(start + m.start())
    if not hyphenated:
        return
    joined: dict[str, list[int]] = {}
    for start, text in spans:
        quoted = None
        for m in _CLOSED.finditer(text):  # each word looked up: no pattern grows with the text
            if m.group(1) not in hyphenated:
                continue
            if quoted is None:
                quoted = quoted_spans(text)
            if not any(a <= m.start() < b for a, b in quoted):
                joined.setdefault(m.group(1), []).append(start + m.start())
    for word, places in joined.items():
        hyphen = hyphenated[word]
        forms = {word: places, doc.text[hyphen[0]:hyphen[0] + len(word) + 1]: hyphen}
        (keep, kept), (other, minority) = sorted(
            forms.items(), key=lambda f: (-len(f[1]), f[1][0]))
        for at in minority:
            fix = doc.replace(at, at + len(other), keep, f"write '{keep}'")
            yield doc.finding(at, at + len(other), f"'{other}' here ({_times(len(minority))}), "
                              f"'{keep}' elsewhere ({_times(len(kept))}): write one form",
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
