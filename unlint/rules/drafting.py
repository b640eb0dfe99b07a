"""DR: drafting conventions of the UN Editorial Manual, beyond the structure rules.

DR001 finds what the negotiation leaves in a text meant for issue: square-bracketed text,
paragraphs numbered "5 bis", placeholders; DR002 keeps the sponsors in alphabetical order;
DR003 checks that each part opens its paragraphs with its own form ("Recalling" / "Recalls").
The words are in ``rules/drafting.yaml``, ``rules/verbs.yaml`` and ``rules/marks.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from unlint.analysis.document import document_organ
from unlint.analysis.text import phrases, quoted_spans
from unlint.diagnostics import Finding
from unlint.knowledge import table
from unlint.registry import rule

_ADVICE = {"square-bracketed text": "settle the wording and remove the brackets",
           "a paragraph number": "number the paragraphs in sequence",
           "a placeholder": "write the text it stands for"}


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, tuple[str, ...]]:
    """(brackets, "5 bis", placeholders, the strings without which no placeholder matches),
    built from rules/drafting.yaml on first use."""
    from unlint.readers import marks

    data = table("drafting")
    suffixes = phrases(data["paragraph_suffixes"])
    lines = phrases(data["bracket_lines"])
    brackets = re.compile(rf"\[(?!{lines})[^\[\]\n]{{1,300}}\](?!\()")
    numbered = re.compile(rf"^\d{{1,3}}\s*(?:{suffixes})\b|\bparagraphs? \d{{1,3}} (?:{suffixes})\b")
    placeholder = re.compile(
        rf"(?<![\w/.-])(?:{phrases(data['placeholders'])})(?![\w-])"
        rf"|(?<=/)X{{2,}}\b|\bX{{2,}}(?=/)|\bX{{2,}}(?= {marks.month_pattern()})"  # "80/XX", "XX May"
        r"|\.\.\.|…")
    return brackets, numbered, placeholder, (*data["placeholders"], "XX", "...", "…")


@cache
def _draft_marker() -> re.Pattern:
    """The words that mark a negotiation draft in its header (``negotiation_headers``)."""
    return re.compile(rf"\b(?:{phrases(table('drafting')['negotiation_headers'])})\b", re.I)


def _negotiation_draft(doc) -> bool:
    """Whether the text before "The General Assembly," (its header and title) says that it is
    a draft under negotiation ("Zero draft", "Draft for negotiation", "under silence")."""
    front = doc.text[: doc.organ.start] if doc.organ is not None else "\n".join(
        f.text for f in doc.header.lines)
    return _draft_marker().search(front) is not None


@rule("DR001", "negotiation-leftover", "error")
def negotiation_leftover(doc, ctx):
    """Text that the negotiation left behind: brackets, "bis" paragraphs, placeholders.

    **What it does.** In the paragraphs of the text (body and annexes), outside quotations,
    reports square-bracketed text ("[to]", "[and/or]", "[Secretariat]"), a paragraph numbered
    with a Latin ordinal ("5 bis.", "paragraph 7 ter"), and a placeholder ("TBC", "XX
    December", "80/XX", "..." or "…" outside a quotation; ``rules/drafting.yaml``). The
    adoption line of a Human Rights Council resolution ("[Adopted without a vote.]") and an
    ellipsis inside a quotation are part of the text. In a Word file it also reports each
    tracked change not yet accepted or rejected, each comment and each highlighted run, on the
    text they concern (the text is linted as if the changes were accepted).

    **Why.** Brackets mark wording not yet agreed and "bis" paragraphs are inserted during
    negotiation; either left in a text for issue means the agreed text was not carried over,
    and each reader must guess what was adopted. A draft still under negotiation has them by
    design: with ``negotiation-drafts: true`` in the configuration the rule is silent on a
    text whose header says it is one ("Zero draft", "Draft for negotiation", "under silence
    procedure": ``negotiation_headers`` in ``rules/drafting.yaml``); or ignore the rule for
    such files (``per-file-ignores``).

    **Example.** ``and calls on the transitional government [to] urgently renew`` (S/RES/2779
    (2025), paragraph 11)

    **Use instead.** ``and calls on the transitional government to urgently renew``
    """
    if ctx.settings.negotiation_drafts and _negotiation_draft(doc):
        return
    for what, start, end in doc.review:
        advice = ("accept or reject it" if what.startswith("a tracked") else "remove the "
                  "highlight once the text is agreed" if what.startswith("highlighted") else
                  "settle it and delete the comment")
        yield Finding(start, end, f"{what} left in the file: {advice}")
    brackets, numbered, placeholder, needs = _patterns()
    for p in doc.paragraphs:
        text = p.text
        quoted = None
        # each pattern only where it can match: trying them at every character cost 7 ms a document
        for pattern, what, can in ((brackets, "square-bracketed text", "[" in text),
                                   (numbered, "a paragraph number", text[:1].isdigit() or "paragraph" in text),
                                   (placeholder, "a placeholder", any(n in text for n in needs))):
            for m in pattern.finditer(text) if can else ():
                if quoted is None:
                    quoted = quoted_spans(text)
                if any(a <= m.start() < b for a, b in quoted):
                    continue  # a quotation keeps its own brackets and omissions
                yield doc.finding(p.start + m.start(), p.start + m.end(),
                                  f"'{m.group(0)}' is {what} left by the negotiation: {_ADVICE[what]}")


@cache
def _observers() -> frozenset[str]:
    """The non-member observer States: the entries of rules/member-states.yaml noted so."""
    entries = (e for pack in table("member-states")["rules"] for e in pack.get("names") or ())
    return frozenset(e["name"] for e in entries
                     if isinstance(e, dict) and "observer State" in str(e.get("note", "")))


def _sort_key(name: str) -> str:
    """The UN's alphabetical order of State names: letters without accents, case ignored."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


@rule("DR002", "sponsor-order", "warning")
def sponsor_order(doc, ctx):
    """The sponsors of a draft listed out of alphabetical order.

    **What it does.** Reads the Member States named in the list of sponsors ("Albania,
    Andorra, ...: draft resolution") with the names of the entity tables and reports the first
    one that comes before the name listed above it in alphabetical order (accents and case
    ignored: "Côte d'Ivoire" sorts as "Cote"); observer States (the entries noted so in
    ``rules/member-states.yaml``) come after all Member States. A name listed with "the" ("the
    former Yugoslav Republic of Macedonia") keeps the place the UN gave it.

    **Why.** Sponsor lists are kept in the UN's alphabetical order so that a delegation finds
    its name at once; a name added late at the end of the list, or out of place, is a slip.

    **Example.** ``Albania, Brazil, Bosnia and Herzegovina, Chile: draft resolution``

    **Use instead.** ``Albania, Bosnia and Herzegovina, Brazil, Chile: draft resolution``
    """
    sponsors = doc.header.sponsors
    if sponsors is None:
        return
    start, end = sponsors.start, sponsors.start + len(sponsors.text)
    observers = _observers()
    last = None  # (key, name) of the name that sorts last so far
    for m in ctx.names.matches:
        if not start <= m.start < end or m.near or m.name.entity.owner != "EN002":
            continue
        name = doc.text[m.start:m.end]
        if name.lower().startswith("the "):
            continue
        key = (m.name.entity.name in observers, _sort_key(name))
        if last is not None and key < last[0]:
            reason = ("observer States go after the Member States" if last[0][0] and not key[0]
                      else "the sponsors go in alphabetical order")
            yield doc.finding(m.start, m.end, f"'{name}' is listed after '{last[1]}': {reason}")
        else:
            last = (key, name)


_FIRST_WORDS = re.compile(r"[*_]*([A-Z][a-z’'-]+)(?:[*_\s]+([A-Za-z][a-z’'-]*))?")


@cache
def _openers() -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    """(operative verbs, preambular openers, any operative verb in lower case), from
    rules/verbs.yaml and rules/marks.yaml."""
    from unlint.readers import marks

    verbs = frozenset(table("verbs")["operative_verbs"])
    openers = frozenset(marks.words("preambular_openers"))
    lower = re.compile(r"\b(?:" + "|".join(sorted(v.lower() for v in verbs)) + r")\b")
    return verbs, openers, lower


def _participle(verb: str, openers: frozenset[str]) -> str | None:
    """"Recalling" for "Recalls", "Noting" for "Notes", if it opens preambular paragraphs."""
    for stem in (verb[:-1], verb[:-2], verb[:-3]):
        if stem + "ing" in openers:
            return stem + "ing"
    return None


def _finite(participle: str, verbs: frozenset[str]) -> str | None:
    """"Recalls" for "Recalling", if it opens operative paragraphs."""
    stem = participle[:-3] if participle.endswith("ing") else None
    for form in ((stem + "s", stem + "es", stem + "ies") if stem else ()):
        if form in verbs:
            return form
    return None


@rule("DR003", "opener-form", "warning")
def opener_form(doc, ctx):
    """A paragraph opening with the other part's form ("Recalls" in the preamble).

    **What it does.** A preambular paragraph opens with a participle or an adjective
    ("Recalling", "Deeply concerned"); reports one that opens with a verb of the operative
    part ("Recalls", ``operative_verbs`` of rules/verbs.yaml), and proposes the participle. An
    operative paragraph opens with a verb in the present ("Decides"); reports one that opens
    with a preambular form ("Looking forward to ...") when no operative verb follows in the
    paragraph ("Alarmed by ..., calls upon" is right), or with a slip of an operative verb
    ("Request", "Decided"), and proposes the verb.

    **Why.** The opening word says which part a paragraph belongs to: the preamble states
    reasons, the operative part acts. A paragraph moved between the two keeps its old form,
    and the resolution then acts in its preamble or states a reason as an action.

    **Example.** ``Recalls that the deployment of UNDOF is a step towards peace,`` among the
    preambular paragraphs (S/RES/2782 (2025))

    **Use instead.** ``Recalling that the deployment of UNDOF is a step towards peace,``
    """
    verbs, openers, lower = _openers()
    for p in doc.paragraphs:
        if p.part != "body" or p.kind not in ("preambular", "operative"):
            continue
        m = _FIRST_WORDS.match(p.body)
        if m is None:
            continue
        word = m.group(1)
        at = p.body_start + m.start(1)
        if p.kind == "preambular" and word in verbs:
            better = _participle(word, openers)
            hint = f": '{better}'?" if better else ""
            yield doc.finding(at, at + len(word), f"preambular paragraph opens with '{word}', a "
                              f"verb of the operative part{hint}")
        elif p.kind == "operative" and word in openers and word.endswith("ing") and not lower.search(p.body):
            better = _finite(word, verbs)
            hint = f": '{better}'?" if better else ""
            yield doc.finding(at, at + len(word), f"operative paragraph opens with '{word}', a "
                              f"preambular form, and has no operative verb{hint}")
        elif p.kind == "operative" and word not in verbs and word not in openers:
            near = _near_verb(word, verbs)
            if near is not None:
                yield doc.finding(at, at + len(word), f"operative paragraph opens with '{word}', "
                                  f"not a verb of the operative part: '{near}'?")


def _near_verb(word: str, verbs: frozenset[str]) -> str | None:
    """The operative verb ``word`` is a slip of ("Request", "Requested", "Decide"), if any: one
    edit away, or the same verb in another form."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    best = extractOne(word, verbs, scorer=Levenshtein.distance, score_cutoff=2)
    if best is None:
        return None
    verb, distance = best[0], best[1]
    same_stem = verb.rstrip("s").rstrip("e") == word.removesuffix("d").rstrip("e")
    return verb if distance <= 1 or same_stem else None


@rule("DR004", "organ-closing", "info", enabled=False)
def organ_closing(doc, ctx):
    """A Council resolution whose last paragraph is not the Council's closing one.

    **What it does.** Off by default (select ``DR004``): 2 of the 12 Security Council
    resolutions of the corpus end otherwise, so it is practice rather than rule. For an organ
    with a closing paragraph (``closings`` of ``rules/drafting.yaml``: the Security Council
    and the Human Rights Council, "Decides to remain seized of the matter."), reports a text
    of that organ whose last operative paragraph is not one of them.

    **Why.** The closing paragraph keeps the question on the Council's agenda; a draft built
    from a text of another organ, or cut short, loses it.

    **Example.** A Security Council resolution whose last paragraph is ``Requests the
    Secretary-General to report every 90 days.``

    **Use instead.** Add ``Decides to remain seized of the matter.`` as the last paragraph.
    """
    organ = document_organ(doc)
    closings = table("drafting")["closings"].get(organ) if doc.operative else None
    if not closings:
        return
    last = doc.operative[-1]
    body = " ".join(last.body.replace("*", "").replace("_", "").split()).rstrip(".;")
    if body not in closings:
        word = len(last.body.split(None, 1)[0]) if last.body.strip() else 1
        yield doc.finding(last.body_start, last.body_start + word, f"this is the last paragraph: "
                          f"{organ} texts close with '{closings[0]}.'")
