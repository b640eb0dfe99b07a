"""XR: references to paragraphs and annexes of the present resolution.

"paragraph 5 above", "paragraphs 3 to 7 of the present resolution", "subparagraph (b) below",
"paragraph 2 (c) of the annex to the present resolution", "annex II to the present
resolution": the target must exist, and lie above or below as stated. References to other
documents ("paragraph 5 of resolution 70/1") are not checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from unlint.registry import rule

_ITEM = r"(?:\d{1,3}(?:\s*\([a-z]{1,5}\))*|\([a-z]{1,5}\))"
_REFERENCE = re.compile(
    rf"\b(?P<kw>[Ss]ub-?paragraphs?|[Pp]aragraphs?)\s+"
    rf"(?P<items>{_ITEM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+to\s+|\s*[–-]\s*){_ITEM})*)"
    r"\s+(?P<where>above|below|of (?:the present|this) (?:resolution|decision)"
    r"|of (?:the )?annex(?: (?P<annex>[IVX]+))? (?:to|of) (?:the present|this) resolution)\b"
)
_TOKEN = re.compile(
    r"(?P<n>\d{1,3})(?P<subs>(?:\s*\([a-z]{1,5}\))*)|\((?P<sub>[a-z]{1,5})\)|(?P<to>to|[–-])"
)
_ANNEX_REF = re.compile(
    r"\b(?:(?P<plural>annexes)\s+(?P<list>[IVX]+(?:(?:\s*,\s*|\s+and\s+)[IVX]+)*)|annex"
    r"(?:\s+(?P<one>[IVX]+))?|annexed)\s+(?:to|of)\s+(?:the present|this) resolution\b"
)
#: an annex heading line, or one a reader glued to the end of the line before it
_ANNEX_LINE = re.compile(r"(?m)^\**Annex(?:\s+([IVXL]+))?\b|\bAnnex(?:\s+([IVXL]+))?\**[ \t]*$")


class _Paragraphs:
    """The numbered paragraphs of a document, indexed once per check: a reference is checked in
    time that does not grow with the document (a long document has many references and many
    paragraphs: no scan per reference)."""

    def __init__(self, doc):
        self.doc = doc
        self.operative = list(doc.operative)
        self.annex_starts = sorted(a.start for a in doc.annexes)
        self.index = {id(p): i for i, p in enumerate(doc.paragraphs)}
        self.annex_operative: dict[int, list] = {}
        self.subs: dict[int, dict] = {}
        for p in doc.paragraphs:
            if p.part == "annex" and p.kind == "operative":
                self.annex_operative.setdefault(self.annex_of(p), []).append(p)
            elif p.kind == "sub":
                self.subs.setdefault(p.parent, {})[p.number] = p
        self._numbers: dict[int, tuple] = {}

    @cached_property
    def annexes(self) -> list[str]:
        return _annexes(self.doc)

    def annex_of(self, para) -> int:
        """Index of the annex that holds ``para`` (0 when the annexes are not told apart)."""
        starts = self.annex_starts
        return bisect_right(starts, para.start) - 1 if starts else 0

    def by_number(self, scope: list) -> tuple[dict, int]:
        """({number: [paragraphs]}, highest number) of a scope (one of the lists above)."""
        key = id(scope)
        if key not in self._numbers:
            table: dict[int, list] = {}
            for p in scope:
                table.setdefault(int(p.number), []).append(p)
            self._numbers[key] = (table, max(table))
        return self._numbers[key]

    def scope(self, para, where: str, annex: str | None):
        """The numbered paragraphs a reference can point to, and how to name them."""
        doc = self.doc
        if where.startswith(("above", "below")):
            if para.part == "body":
                return self.operative, "the present resolution"
            return self.annex_operative.get(self.annex_of(para), []), "the annex"
        if "annex" not in where:
            return self.operative, "the present resolution"
        names = self.annexes
        if annex is not None and annex not in names:
            return [], f"annex {annex}"
        if not doc.annexes:  # annexes only found by their heading lines: paragraphs unknown
            return [], "the annex"
        k = names.index(annex) if annex is not None else 0
        return self.annex_operative.get(k, []), f"annex {annex}" if annex else "the annex"


def _in_quotation(text: str, at: int) -> bool:
    """Inside “...”: quoted text (an amendment quoting a draft) is not this resolution."""
    return text.count("\u201c", 0, at) > text.count("\u201d", 0, at)


def _items(text: str):
    """(start, end, number or None, [subs]) for each item; ranges expanded ("3 to 7")."""
    out, pending_range = [], False
    for m in _TOKEN.finditer(text):
        if m.group("to"):
            pending_range = bool(out) and out[-1][2] is not None
            continue
        if m.group("n"):
            n = int(m.group("n"))
            subs = re.findall(r"\(([a-z]{1,5})\)", m.group("subs"))
            if pending_range and not out[-1][3] and not subs and out[-1][2] < n <= out[-1][2] + 50:
                out.extend((m.start(), m.end(), k, []) for k in range(out[-1][2] + 1, n + 1))
            else:
                out.append((m.start(), m.end(), n, subs))
        else:
            out.append((m.start(), m.end(), None, [m.group("sub")]))
        pending_range = False
    return out


def body_references(doc):
    """(paragraph index, canonical start, end, number) of each reference to an operative
    paragraph of the body ("paragraph 12 above", "paragraphs 3 to 5 of the present
    resolution"; a range gives each number, at the range's place): what CP001 follows from a
    base text to its draft."""
    for index, para in enumerate(doc.paragraphs):
        if "aragraph" not in para.text:
            continue
        for m in _REFERENCE.finditer(para.text):
            where = m.group("where")
            if _in_quotation(para.text, m.start()) or "annex" in where or (
                    where in ("above", "below") and para.part != "body"):
                continue
            base = para.start + m.start("items")
            for start, end, number, _ in _items(m.group("items")):
                if number is not None:
                    yield index, base + start, base + end, number


@rule("XR001", "paragraph-reference", "error")
def paragraph_reference(doc, ctx):
    """A reference to a paragraph of the present resolution points to one that exists, where stated.

    **What it does.** Reads "paragraph(s) N above/below", "paragraph N (b) of the present
    resolution", "subparagraph (b) above", "paragraph N of the annex to the present
    resolution"; each paragraph (and sub-paragraph) named must exist, and lie above or below
    the referring paragraph as stated, and a paragraph named alone must not be the referring
    paragraph itself. "Above"/"below" in an annex refer to the annex's own
    paragraphs; a paragraph "of the present resolution" that only the annex has is named as
    one of the annex. Quoted text (an amendment quoting a draft) is skipped.

    **Why.** Paragraphs are inserted, deleted and merged until the last day of negotiation;
    each change silently shifts every "paragraph 12 above" that follows.

    **Example.** ``16. Urges all States ... referred to in paragraph 17 above;``

    **Use instead.** ``... referred to in paragraph 15 above;``
    """
    paragraphs = None
    for index, para in enumerate(doc.paragraphs):
        if "aragraph" not in para.text:
            continue
        for m in _REFERENCE.finditer(para.text):
            if _in_quotation(para.text, m.start()):
                continue
            where = m.group("where")
            paragraphs = paragraphs or _Paragraphs(doc)
            scope, name = paragraphs.scope(para, where, m.group("annex"))
            if not scope:
                if name.startswith("annex "):
                    s = para.start + m.start("where")
                    yield doc.finding(s, para.start + m.end("where"), f"{name} does not exist "
                                      f"in the present resolution")
                continue
            base, reported = para.start + m.start("items"), set()
            items = _items(m.group("items"))
            for start, end, number, subs in items:
                problem = _check(paragraphs, index, para, scope, name, where, number, subs)
                if problem and problem.endswith(SELF) and len(items) > 1:
                    continue  # "paragraphs 1 to 10" in paragraph 5: a span that holds it
                if problem and start not in reported:  # a range reports its first gap only
                    reported.add(start)
                    yield doc.finding(base + start, base + end, problem)


def _check(paragraphs, index, para, scope, name, where, number, subs) -> str | None:
    if number is None:  # "subparagraph (b) above": a sibling, or a sub of this paragraph
        owner = para.parent if para.kind == "sub" else index
        if owner is None:
            return None
        target = paragraphs.subs.get(owner, {}).get(subs[0])
        if target is None:
            return f"subparagraph ({subs[0]}) does not exist here"
        return _direction(para, target, f"subparagraph ({subs[0]})", where)
    table, highest = paragraphs.by_number(scope)
    targets = table.get(number, [])
    if not targets:
        hint = ""
        if name == "the present resolution" and para.part == "body" and any(
                number in paragraphs.by_number(annex)[0] for annex in paragraphs.annex_operative.values()):
            hint = f"; the annex has one: \"paragraph {number} of the annex to the present resolution\"?"
        return (f"paragraph {number} {where}: {name} has no paragraph {number} "
                f"(its paragraphs run to {highest}){hint}")
    label = f"paragraph {number}"
    if subs:
        found = []
        for t in targets:
            sub = paragraphs.subs.get(paragraphs.index[id(t)], {}).get(subs[0])
            if sub is not None:
                found.append(sub)
        if not found:
            return f"paragraph {number} has no subparagraph ({subs[0]})"
        targets, label = found, f"paragraph {number} ({subs[0]})"
    problems = [_direction(para, t, label, where) for t in targets]
    return None if None in problems else problems[0]


SELF = " is this paragraph: a paragraph does not refer to itself"


def _direction(para, target, label: str, where: str) -> str | None:
    if target is para and where not in ("above", "below"):
        return label + SELF
    if where == "above" and target.start >= para.start:
        return f"{label} is {'this paragraph' if target is para else 'below'}, not above"
    if where == "below" and target.start <= para.start:
        return f"{label} is {'this paragraph' if target is para else 'above'}, not below"
    return None


def _annexes(doc) -> list[str]:
    """The annexes of the document: "" for an unnumbered one, else "I", "II" ..."""
    found = []
    for a in doc.annexes:
        m = _ANNEX_LINE.match(a.text)
        found.append((m.group(1) or "") if m else "")
    if not found:  # a reader that did not mark the annex: look for its heading line
        found = [m.group(1) or m.group(2) or "" for m in _ANNEX_LINE.finditer(doc.text)]
    return found


@rule("XR002", "annex-reference", "error")
def annex_reference(doc, ctx):
    """A reference to an annex of the present resolution points to one that exists.

    **Why.** "as set out in annex II to the present resolution" in a text with a single
    annex, or "the annex" after the annex was moved to another document, sends the reader
    nowhere; both happen when drafts are split or merged.

    **Example.** ``1. Adopts the programme of action contained in annex II to the present
    resolution;`` in a resolution with only "Annex I".

    **Use instead.** ``... contained in annex I to the present resolution;``
    """
    annexes = None
    for para in doc.paragraphs:
        if para.part != "body" or "annex" not in para.text:
            continue
        for m in _ANNEX_REF.finditer(para.text):
            if _in_quotation(para.text, m.start()):
                continue
            if annexes is None:
                annexes = _annexes(doc)
            wanted = re.findall(r"[IVX]+", m.group("list") or m.group("one") or "")
            start, end = para.start + m.start(), para.start + m.end()
            if not annexes:
                yield doc.finding(start, end, "the present resolution has no annex")
                continue
            for numeral in wanted:
                if numeral not in annexes and not (numeral == "I" and annexes == [""]):
                    have = ", ".join(a or "(unnumbered)" for a in annexes)
                    yield doc.finding(start, end, f"annex {numeral} does not exist: the annexes "
                                      f"of the present resolution are {have}")
