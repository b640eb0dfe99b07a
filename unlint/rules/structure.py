"""ST: the structure of a resolution (organ line, preamble, numbered operative paragraphs)."""

from __future__ import annotations

import re
from functools import cache
from string import ascii_lowercase

from unlint.analysis.bodies import symbol_organs
from unlint.analysis.numerals import roman_numeral
from unlint.analysis.text import phrases
from unlint.knowledge import table
from unlint.registry import rule

_LAST_CHAR = re.compile(r"([^\s\"'”’»)\]])[\s\"'”’»)\]]*$")
_WORD = re.compile(r"[a-z]+")
_BARE_NUMBER = re.compile(r"(\d{1,3})[ \t]+[*_]*[A-Z]")  # "3 Decides": a number without its "."
_INLINE_LABEL = re.compile(r"\(([a-z]{1,2})\)\s")
# sub-paragraph labels: (a) ... (z), (aa) ... (zz); under a lettered one (i) ... (xx)
_LETTERS = tuple(ascii_lowercase) + tuple(c * 2 for c in ascii_lowercase)
_NUMBERS = tuple(str(n) for n in range(1, 100))  # "1) ... 2) ...": a draft's numbered list


@cache
def _romans() -> tuple[str, ...]:
    return tuple(roman_numeral(n).lower() for n in range(1, 21))


@cache
def _adverbs() -> tuple[re.Pattern, re.Pattern]:
    """"Also requests" (operative) and "Recalling also" (preambular): the adverbs of
    rules/verbs.yaml that continue an earlier paragraph's verb (built once)."""
    words = table("verbs")["continuing_adverbs"]
    return (re.compile(rf"^(?:({phrases(w.capitalize() for w in words)})\s+)?(\w+)"),
            re.compile(rf"^(\w+)\s+({phrases(words)})\b"))


def _last(doc, para):
    """(canonical offset, char) of the paragraph's final punctuation, quotes and brackets skipped."""
    m = _LAST_CHAR.search(para.text)
    return (para.start + m.start(1), m.group(1)) if m else (para.end, "")


def _units(doc):
    """Operative paragraphs of the body, each with the last block of its unit (itself or its last sub)."""
    units = []
    for p in doc.paragraphs:
        if p.part != "body" or p.kind == "heading":
            continue
        if p.kind == "operative":
            units.append([p, p])
        elif p.kind == "sub" and units and units[-1][1] is not None:
            units[-1][1] = p
        elif p.kind == "text" and units:
            units[-1][1] = None  # a table or quotation follows: its end is not checked
    return units


@rule("ST001", "operative-numbering", "error")
def operative_numbering(doc, ctx):
    """Operative paragraphs are numbered 1, 2, 3 ... with no gap and no repeat.

    **Why.** A paragraph inserted, deleted or moved during negotiation leaves the numbering
    broken, and every "paragraph 12 above" in the text then points at the wrong paragraph.

    **Example.** ``4. Urges ...`` followed by ``6. Reaffirms ...``.

    Numbering may restart at 1 after a heading or a preamble of its own (resolutions in
    parts I, II ... or A, B ...). One number mistyped between two that follow on ("4", "6",
    "6") is reported once, on that number, with the fix.

    **Use instead.** ``5. Reaffirms ...`` and renumber the paragraphs that follow.

    **Fix safety.** Safe for a number mistyped between two that follow on; none otherwise.
    Display-only for PDF text.
    """
    expected, previous = 1, None
    body = [p for p in doc.paragraphs if p.part == "body" and p.kind != "sub"]
    for k, p in enumerate(body):
        if p.kind != "operative":
            previous = p
            continue
        number = int(p.number)
        after = body[k + 1] if k + 1 < len(body) else None
        if number == 1 and previous is not None and previous.kind != "operative":
            expected = 1  # a new part (a heading or a preamble of its own) restarts at 1
        before = previous
        bare = _BARE_NUMBER.match(before.text) if before is not None and before.kind == "text" else None
        previous = p
        if bare and int(bare.group(1)) == expected and number == expected + 1:
            # "3 Decides ..." before "4.": the real slip is the number without its full stop
            end = before.start + len(bare.group(1))
            yield doc.finding(before.start, end, f"operative paragraph {expected} has no full stop "
                              f"after its number, so it is not read as paragraph {expected}",
                              doc.replace(end, end, ".", "add the full stop"))
        elif number != expected and expected > 1 and after is not None and (
                after.kind == "operative" and int(after.number) == expected + 1):
            # one number mistyped between two that follow on: report it once, not its
            # neighbour as a repeat or a gap
            yield doc.finding(p.start, p.start + len(p.number),
                              f"operative paragraph {number} is numbered out of sequence: between "
                              f"{expected - 1} and {expected + 1}, expected {expected}",
                              doc.replace(p.start, p.start + len(p.number), str(expected),
                                          f"number it {expected}"))
            number = expected
        elif number != expected:
            problem = "repeats" if number < expected else "skips"
            yield doc.finding(p.start, p.start + len(p.number),
                              f"operative paragraph {number} {problem} the numbering: expected {expected}")
        expected = number + 1


@rule("ST002", "operative-ending", "error")
def operative_ending(doc, ctx):
    """Operative paragraphs end with ";", the last one with ".".

    **Why.** The operative part is one sentence: each paragraph is a clause closed by a
    semicolon and the resolution ends with its only full stop. A stray full stop in the
    middle, or a semicolon at the end, is a slip that survives many readings.

    **Example.** ``3. Calls upon all Member States ... Doha Declaration.`` (not the last).

    **Use instead.** ``... Doha Declaration;``

    **Fix safety.** Replacing a wrong final mark is safe; sub-paragraph blocks are checked on
    their last sub-paragraph, and a paragraph that introduces sub-paragraphs may end with ":".
    """
    units = _units(doc)
    for i, (para, last) in enumerate(units):
        final = i == len(units) - 1
        if last is None:
            continue
        want = "." if final else ";"
        if last is not para:
            at, char = _last(doc, para)
            if char not in ":;,":
                yield doc.finding(at, at + 1, f"operative paragraph {para.number} introduces "
                                  f"sub-paragraphs: end it with \":\" (found {char!r})")
        at, char = _last(doc, last)
        if char == want or (not final and char == "," and last is not para):
            continue
        fix = doc.replace(at, at + 1, want, f"end with {want!r}") if char in ",.;:" else None
        where = "the last operative paragraph" if final else f"operative paragraph {para.number}"
        yield doc.finding(at, at + 1, f"{where} should end with {want!r}, {_found(char)}", fix)


def _found(char):
    """How a message names a paragraph's last character: a mark, or none at all."""
    return f"not {char!r}" if not char.isalnum() else "but it has no closing punctuation"


@rule("ST003", "preambular-ending", "error")
def preambular_ending(doc, ctx):
    """Preambular paragraphs end with ",".

    **Why.** The preamble is one long clause that runs into the first operative verb; a
    preambular paragraph closed by ";" or "." breaks the sentence.

    **Example.** ``Recalling its resolution 70/1;``

    **Use instead.** ``Recalling its resolution 70/1,``

    **Fix safety.** Replacing a wrong final mark by "," is safe.
    """
    for p in doc.preambular:
        at, char = _last(doc, p)
        if char == ",":
            continue
        fix = doc.replace(at, at + 1, ",", "end with ','") if char in ".;:" else None
        yield doc.finding(at, at + 1, f"preambular paragraph should end with ',', {_found(char)}", fix)


@rule("ST004", "subparagraph-sequence", "error")
def subparagraph_sequence(doc, ctx):
    """Sub-paragraphs run (a), (b), (c) ... and (i), (ii), (iii) ... under each paragraph.

    **Why.** A lettered list edited in negotiation easily ends up with a repeated or missing
    letter, which breaks references such as "paragraph 5 (c)".

    **Example.** ``(a) ...`` ``(b) ...`` ``(d) ...``

    **Use instead.** ``(a) ...`` ``(b) ...`` ``(c) ...``

    **Fix safety.** Safe for a label written "(b)." or in another style ("b)"): it becomes
    "(b)"; a letter out of sequence gets no fix.

    A first-level list may be numbered (i), (ii), (iii) too, as Security Council texts often
    are: a list that starts with (i) is read as Roman numerals. A label written "(b).", or in
    another style ("b)", "(B)"), is reported where it is, not as a gap at the next item, and
    one label mistyped between two
    that follow on ("(b)", "(d)", "(d)") once, not again at the next item.
    """
    counters: dict[int | None, int] = {}
    series_of: dict[int | None, tuple[str, ...]] = {}
    last: dict = {}  # the last sub-paragraph of each list
    following: dict[int, str] = {}  # index of a sub-paragraph -> the number of the next one
    seen_after: dict = {}
    for j in range(len(doc.paragraphs) - 1, -1, -1):
        q = doc.paragraphs[j]
        if q.kind == "sub":
            if q.parent in seen_after:
                following[j] = seen_after[q.parent]
            seen_after[q.parent] = q.number
    for index, p in enumerate(doc.paragraphs):
        if p.kind != "sub":
            continue
        key = p.parent  # the list it belongs to: its owner's index
        owner = doc.paragraphs[key] if key is not None else None
        if owner is not None and owner.kind == "sub" and series_of.get(owner.parent) is _romans():
            key, owner = owner.parent, doc.paragraphs[owner.parent]  # "(ii)" after "(i)" of a Roman list
        series = series_of.get(key)
        if series is None:
            roman = owner is not None and owner.kind == "sub" or p.number == "i"
            series = series_of[key] = (_NUMBERS if p.number.isdigit() else _romans() if roman else _LETTERS)
        if key not in counters and owner is not None:  # "(a) ...; (b) ..." inline in the owner
            inline = _INLINE_LABEL.findall(owner.body)
            counters[key] = len(inline) if inline == list(series[: len(inline)]) else 0
        i = counters.get(key, 0)
        expected = series[i] if i < len(series) else None
        glued = None
        if p.number != expected and expected is not None and key in last:
            glued = _glued(doc, last[key], expected)
        if glued:  # "(b)." or "b)" inside the item before: the label the reader could not see
            yield glued
        elif p.number != expected:
            written = p.text[:p.body_offset].strip()  # "(d)", or in a draft "d." or "4)"
            want = written.replace(p.number, str(expected), 1) if expected else "(?)"
            if i and i + 1 < len(series) and following.get(index) == series[i + 1]:
                # one label mistyped between two that follow on: reported once, and the
                # sequence goes on from the right one
                around = [written.replace(p.number, series[k], 1) for k in (i - 1, i + 1)]
                yield doc.finding(p.start, p.start + len(written),
                                  f"sub-paragraph {written} is out of sequence: between "
                                  f"{around[0]} and {around[1]}, expected {want}")
                counters[key] = i + 1
                last[key] = p
                continue
            yield doc.finding(p.start, p.start + len(written),
                              f"sub-paragraph {written} is out of sequence: expected {want}")
        counters[key] = series.index(p.number) + 1 if p.number in series else i + 1
        last[key] = p
    for key, p in last.items():  # the last item of each list: "(c) ...; and (D) ..."
        series, i = series_of[key], counters[key]
        glued = (_glued(doc, p, series[i], dotted=False) if i < len(series) and not series[i].isdigit()
                 else None)  # "(b)." here may end a reference ("see paragraph 2 (b).")
        if glued:
            yield glued


def _glued(doc, item, label: str, dotted: bool = True):
    """The finding for sub-paragraph ``label`` written inside ``item`` so that the reader did
    not see it: "(b)." (if ``dotted``) or, after "; ", ": " or "and ", "b)" or "(B)"; or None."""
    other = rf"(?:(?<=; )|(?<=: )|(?<=and ))(?:{label}\)|\({label.upper()}\))(?=\s)"
    glued = re.search(rf"(?<!\S)\({label}\)[.:](?=\s)|{other}" if dotted else other, item.text)
    if glued is None:
        return None
    at = item.start + glued.start()
    return doc.finding(at, at + len(glued.group()), f"sub-paragraph ({label}) is written "
                       f"'{glued.group()}', so it is not read as a sub-paragraph",
                       doc.replace(at, at + len(glued.group()), f"({label})", f"write '({label})'"))


def _verb(para):
    """(adverb, head word) of an opening: "Also requests" -> ("Also", "requests");
    "Recalling also" -> ("also", "recalling"); "Encourages further efforts" -> (None, "encourages")."""
    operative_adverb, preambular_adverb = _adverbs()
    if para.kind == "preambular":
        m = preambular_adverb.match(para.body)
        if m:
            return m.group(2), m.group(1).lower()
    m = operative_adverb.match(para.body)
    if not m:
        return None, ""
    return (m.group(1) if para.kind == "operative" else None), m.group(2).lower()


@rule("ST005", "also-without-base", "warning")
def also_without_base(doc, ctx):
    """"Also X" or "X further" with no earlier paragraph opening with plain "X".

    **Why.** "Also requests" continues an earlier "Requests"; when that paragraph is deleted
    or moved below, the "also" is left pointing at nothing. The verb used inside an earlier
    paragraph ("... and requests ...") counts as its base, in either form ("Recalls" for
    "Recalling also": the wrong form is DR003's).

    **Example.** ``3. Also requests the Secretary-General ...`` with no earlier ``Requests``.

    **Use instead.** ``3. Requests the Secretary-General ...``
    """
    for group in (doc.preambular, doc.operative):
        seen: set[str] = set()  # every word of earlier paragraphs: "... and encourages ..." counts
        for p in group:
            adverb, verb = _verb(p)
            if adverb and not _seen_stem(_stem(verb), seen):
                words = p.body.split(None, 2)[:2]
                yield doc.finding(p.body_start, p.body_start + len(" ".join(words)),
                                  f"\"{' '.join(words)}\" has no earlier paragraph opening with "
                                  f"\"{verb.capitalize()}\"")
            seen.update(_WORD.findall(p.body.lower()))


def _seen_stem(stem: str, seen: set[str]) -> bool:
    """Whether a word of ``seen`` has the stem ``stem`` (the words are stemmed only when a
    paragraph asks, not all of them)."""
    return any(w in seen and _stem(w) == stem for w in (stem, stem + "ing", stem + "es", stem + "s"))


def _stem(word: str) -> str:
    """The verb without its ending: "recalling", "recalls" -> "recall"; "notes", "noting" ->
    "not" (a base in the other form of the verb still counts: that slip is DR003's)."""
    for ending in ("ing", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


@rule("ST006", "organ-line", "error")
def organ_line(doc, ctx):
    """The preamble opens with the organ's name, as "The General Assembly,".

    **Why.** The organ line is the grammatical subject of every paragraph that follows; a
    missing line, a missing comma or the wrong organ for the document symbol (an A/ symbol
    with "The Security Council,") are real slips in drafts built from older texts. The organ
    of a symbol is in rules/citation_bodies.yaml (``symbol_organs``); a subsidiary body's
    document (A/HRC/..., E/CN.15/...) may also speak as its parent organ, whose drafts it
    carries, and a Main Committee's (A/C.3/...) as the General Assembly.

    **Example.** ``The General Assembly`` (no comma) before ``Recalling ...``.

    **Use instead.** ``The General Assembly,``

    **Fix safety.** Safe: a missing comma is added; nothing else is rewritten.
    """
    if doc.organ is None:
        first = next((p for p in doc.paragraphs if p.part == "body"), None)
        if first is not None:
            yield doc.finding(first.start, first.start + 1, "the preamble does not open with "
                              "the organ's name (\"The General Assembly,\")")
        return
    organ = doc.organ
    first = next((p for p in doc.paragraphs if p.part == "body"), None)
    # with no preamble the organ takes no comma: "The General Assembly" then "Adopts ..." or "1. ..."
    preamble = first is not None and first.kind == "preambular"
    if not organ.text.endswith(",") and preamble:
        end = organ.start + len(organ.text)
        yield doc.finding(end - 1, end, "the organ line should end with ','",
                          doc.replace(end, end, ",", "add ','"))
    symbol = doc.header.symbol.text if doc.header.symbol else ""
    # A/HRC/...: the Human Rights Council, or the General Assembly for a draft it recommends;
    # a committee's (A/C.3/...) holds the Assembly's drafts
    organs = symbol_organs(symbol)
    if organs and not any(name in organ.text for name in organs) and "/C." not in symbol:
        yield doc.finding(organ.start, organ.start + len(organ.text.rstrip(", ")),
                          f"document {symbol} is of the {organs[0]}, but the preamble opens with "
                          f"\"{organ.text.rstrip(', ')}\"")


@rule("ST007", "repeated-verb", "info", enabled=False)
def repeated_verb(doc, ctx):
    """Two consecutive operative paragraphs open with the same verb and the second has no "Also".

    **What it does.** Off by default (select ``ST007``): in the corpus of adopted resolutions the
    second of two consecutive paragraphs with the same verb carries "Also" or "Further" 461
    times and does not 361 times, so this is house style to choose, not an error.

    **Why.** Many editors prefer "Urges ..." followed by "Also urges ..." to show the second
    paragraph continues the first.

    **Example.** ``5. Urges States parties ...`` then ``6. Urges Member States ...``

    **Use instead.** ``6. Also urges Member States ...``
    """
    previous = None
    for p in doc.operative:
        adverb, verb = _verb(p)
        if verb and verb == previous and not adverb:
            word = p.body.split(None, 1)[0]
            yield doc.finding(p.body_start, p.body_start + len(word),
                              f"\"{word}\" repeats the verb of the paragraph before: \"Also {verb}\"?")
        previous = verb


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                          "those", "such", "any", "no", "our", "further", "more", "greater"})
_MODIFIER_ENDINGS = ("'s", "’s", "s'", "s’", "ed", "ing")
#: the one asked is a name ("the Secretary-General"), a plural ("all parties") or one of these
_AGENTS = frozenset({"community", "system", "sector", "society", "secretariat", "family"})


@cache
def _missing_to() -> re.Pattern:
    """An asking verb (opening the paragraph, or after "and" or a comma: "..., and requests"), up to eight
    words of the one asked (no "to", no verb of the list, no punctuation), perhaps an adverb
    ("fully") and a bare verb of rules/verbs.yaml (built once)."""
    verbs = table("verbs")
    asking = phrases(v.capitalize() for v in verbs["asking_verbs"])
    also = phrases(w.capitalize() for w in verbs["continuing_adverbs"])
    bare = phrases(verbs["bare_verbs"])
    lower_asking = phrases(verbs["asking_verbs"])
    lower_also = phrases(verbs["continuing_adverbs"])
    return re.compile(
        rf"(?:^[*_]*(?:(?:{also})\s+(?:{lower_asking})|{asking})[*_]*"
        rf"|(?:\band|,)\s+(?:in\s+th(?:is|at)\s+regard\s+)?(?:(?:{lower_also}|strongly)\s+)?"
        rf"(?:{lower_asking}))\s+"
        rf"(?P<who>(?:(?!to\b|that\b|(?:{bare})\b)[A-Za-z][\w‑’'-]*\s+){{1,8}}?)"
        rf"(?:(?:[a-z]+ly|further)\s+)?(?P<verb>{bare})\b(?![‑’'-])")


@rule("ST008", "missing-to", "error")
def missing_to(doc, ctx):
    """An operative verb that asks someone to act, without "to" before the act.

    **What it does.** In an operative paragraph, after a verb that asks ("Requests",
    "Invites", "Urges", "Calls upon", "Also encourages" opening the paragraph, or "..., and
    requests", ", urges", "and in this regard urges" inside it; ``asking_verbs`` of
    ``rules/verbs.yaml``), reports a verb of ``bare_verbs`` written right after the one asked
    (a phrase of up to eight words without "to" that ends with a name, a plural or a word such
    as "community"; perhaps an adverb: "fully implement") with no "to" before it.

    **Why.** "Requests the Secretary-General prepare a report" is a slip of editing (a "to" lost
    when the paragraph was rewritten); the request reads as broken in every language version.

    **Example.** ``3. *Requests* the Secretary-General prepare a report``

    **Use instead.** ``3. *Requests* the Secretary-General to prepare a report``

    **Fix safety.** Safe: "to " is inserted before the verb (or its adverb).
    """
    pattern = _missing_to()
    for p in doc.operative:
        for m in pattern.finditer(p.body):
            last = m.group("who").split()[-1]
            if last.lower() in _DETERMINERS or last.lower().endswith(_MODIFIER_ENDINGS):
                continue  # "the Secretary-General's report", "the continued support": a noun
            if not (last[0].isupper() or last.endswith("s") or last in _AGENTS):
                continue  # "encourages international support", "urges full respect": a noun
            at = p.body_start + m.end("who")
            verb = p.body[m.end("who") : m.end("verb")]
            yield doc.finding(at, at + len(verb), f'"to" is missing before "{verb}" ("{m.group("who").strip()} to {verb}")',
                              doc.replace(at, at, "to ", f'insert "to" before "{verb}"'))


_SLIP_ENDING = re.compile(r"(?:;\s*(?:and|or)\s*,|;\s*,|,\s*;)\s*$")
_AND_ENDING = re.compile(r";\s*(?:and|or)\s*$")


@rule("ST009", "list-item-ending", "error")
def list_item_ending(doc, ctx):
    """A sub-paragraph that ends with "; and," (or ";," or ",;"): two endings at once.

    **What it does.** Looks at the end of each sub-paragraph ("(a) ...", and in drafts "a. ..."
    or "1) ..."): an item of a list ends with ";" or "; and" (the one before the last), the
    last with "." or as the sentence goes on. A comma after "; and", or a semicolon beside a
    comma, is a slip of editing.

    **Why.** The ending tells where the list goes on; two endings at once leave the reader
    unsure whether the item or the list ends. A text that ends three items or more with "; and,",
    more than with "; and", keeps that as its style and is not reported.

    **Example.** ``(b) to make recommendations; and,``

    **Use instead.** ``(b) to make recommendations; and``

    **Fix safety.** Safe: the stray comma is removed.
    """
    subs = [(p, _SLIP_ENDING.search(p.text)) for p in doc.paragraphs if p.kind == "sub"]
    slips = [(p, m) for p, m in subs if m is not None]
    plain = sum(1 for p, m in subs if m is None and _AND_ENDING.search(p.text))
    if len(slips) >= 3 and len(slips) > plain:
        return  # "; and," as a rule (S/RES/2776 (2025): ten times, "; and" three): the text's style
    for p, m in slips:
        s = p.start + m.start()
        found = p.text[m.start():m.end()].rstrip()
        fixed = re.sub(r"\s*,\s*$", "", found) if found.endswith(",") else found.replace(",", "")
        yield doc.finding(s, s + len(found), f"the item ends with '{found}': write '{fixed}'",
                          doc.replace(s, s + len(found), fixed, f"write '{fixed}'"))
