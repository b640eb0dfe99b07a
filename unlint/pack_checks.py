"""What the rules compiled from packs (:mod:`unlint.packs`) do on a document.

The substitution, existence and consistency kinds find their forms with a :class:`Matcher`
on the document's words (``ctx.lines``), outside any known name written exactly. An entity rule
reports what the name analysis (``ctx.names``, :mod:`unlint.analysis.names`) found of its own
names: near misses, forms to avoid, names out of date on the document's date, and, when asked,
items of the header's sponsor list that are none of its names.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from unlint.analysis.names import Match, Name
from unlint.analysis.text import Zones, quoted_spans
from unlint.analysis.words import Line, norm, positions
from unlint.diagnostics import Applicability, Fix



class Template:
    """A message with named fields (``'{found}' is not a known name``) and nothing else: no
    format specification, conversion, attribute or index, so a pack's message can neither
    build a huge string nor show the inside of an object; ``{{`` and ``}}`` are braces. A
    field that is not one of ``fields`` is an error when the template is made (the pack is
    loaded), never when a finding is reported. Raises ValueError."""

    __slots__ = ("parts",)

    def __init__(self, text: str, fields: tuple[str, ...]):
        parts: list[tuple[str, str | None]] = []
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise ValueError(f"{exc} (write {{{{ and }}}} for braces)") from None
        for literal, field, spec, conversion in parsed:
            if field is not None:
                if spec or conversion or field not in fields:
                    shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                    raise ValueError(f"{shown} is not a field of this message; it can use "
                                     + ", ".join("{" + f + "}" for f in fields))
            parts.append((literal, field))
        self.parts = tuple(parts)

    def render(self, **values) -> str:
        return "".join(literal + (str(values[field]) if field is not None else "")
                       for literal, field in self.parts)


ENTITY_MESSAGES = {key: Template(text, ("found", "expected", "date", "changed", "period", "hint")) for key, text in {
    "avoid": "use the UN name '{expected}', not '{found}'",
    "form": "'{found}' is not written as the name is: '{expected}'",
    "former": "'{found}' is no longer the UN name on {date} (changed on {changed}): use '{expected}'",
    "early": "'{found}' is not yet the UN name on {date} (in use from {changed}): use '{expected}'",
    "absent": "'{found}' is not a UN name on {date} (in use {period})",
    "list": "'{found}' in the list of sponsors is not the UN short name of a Member State or "
            "observer State{hint}",
}.items()}


# ---- word and phrase matching (substitution, existence, consistency)

@dataclass(frozen=True)
class Form:
    """One form of a pack (``unlint.packs`` builds it from the pack's text)."""

    text: str  # as written in the pack, '*' included
    pattern: str  # of :attr:`regex`
    first: str  # the first word, for the index ("" for a wildcard first word)
    stem: str  # the wildcard stem of a one-word entry, else ""
    capital: bool = False  # its first letter may be a capital too

    @cached_property
    def regex(self) -> re.Pattern:
        """Compiled when first needed: a process compiles only the forms whose first word it
        meets (the packs have hundreds of forms, 12 ms of re.compile)."""
        return re.compile(self.pattern)


class Matcher:
    """Finds every form in a text, by first word (or stem), verified with the form's regex."""

    def __init__(self, forms: list[Form]):
        self.by_first: dict[str, list[Form]] = {}
        self.by_stem: dict[str, list[Form]] = {}
        for f in forms:
            if f.stem:
                self.by_stem.setdefault(norm(f.stem[:4]), []).append(f)
            else:
                self.by_first.setdefault(norm(f.first), []).append(f)
        for group in (*self.by_first.values(), *self.by_stem.values()):
            group.sort(key=lambda f: -len(f.text))
        self.firsts = frozenset(self.by_first)
        self.stems = frozenset(self.by_stem)

    def find(self, line: Line):
        """(start, end, form, ending) of each match in the line, leftmost-longest, not overlapping."""
        stemset = self.stems
        stemmed = bool(stemset) and not stemset.isdisjoint(line.prefixes)
        if not stemmed and self.firsts.isdisjoint(line.normset):
            return
        taken = 0
        text, starts, norms = line.text, line.starts, line.norms
        words = self.firsts & line.normset  # the words of the line that start a form
        if stemmed:
            words |= {n for n in line.normset if n[:4] in stemset}
        for i in positions(norms, words):
            word = norms[i]
            forms = self.by_first.get(word)
            stems = self.by_stem.get(word[:4])
            if starts[i] < taken:
                continue
            for f in (forms or []) + (stems or []):
                if f.stem and not text.startswith(f.stem, starts[i]) and not (
                        f.capital and text.startswith(f.stem[0].upper() + f.stem[1:], starts[i])):
                    continue
                hit = f.regex.match(text, starts[i])
                if hit:
                    taken = hit.end()
                    yield hit.start(), hit.end(), f, (hit.group(1) or "") if f.text.endswith("*") else ""
                    break


def _unless_spans(phrases: list[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for p in phrases:
        i = text.find(p)
        while i != -1:
            spans.append((i, i + len(p)))
            i = text.find(p, i + 1)
    return spans


def _masked(ctx, start: int, end: int) -> bool:
    """Inside an exactly written known name (names are authoritative)."""
    return any(s <= start and end <= e for s, e in ctx.names.exact_spans_near(start))


def phrase_hits(ctx, matcher: Matcher, unless: list[str]):
    """(start, end, form, ending) of each form in the text, outside the ``unless`` phrases and
    the known names written exactly; canonical offsets."""
    for line in ctx.lines:
        spans = quoted = None
        for s, e, form, ending in matcher.find(line):
            if unless and spans is None:
                spans = _unless_spans(unless, line.text)
            if spans and any(a <= s and e <= b for a, b in spans):
                continue
            if quoted is None:
                quoted = quoted_spans(line.text)
            if quoted and any(a <= s and e <= b for a, b in quoted):
                continue  # a quoted title keeps its own words ("... federal programs ...")
            if _masked(ctx, line.offset + s, line.offset + e):
                continue
            yield line.offset + s, line.offset + e, form, ending


# ---- entity findings

def entity_findings(doc, ctx, code: str, message: Template, check_lists: bool):
    """The findings of the entity rule ``code`` (its near-miss ``message``); with
    ``check_lists``, on the sponsor list too."""
    when = ctx.document_date
    sponsors = doc.header.sponsors
    in_list = (lambda m: sponsors.start <= m.start < sponsors.start + len(sponsors.text)) if sponsors else (lambda m: False)
    notes_start = min((n.label_start for n in doc.notes), default=len(doc.text))
    zones = None
    for m in ctx.names.matches:
        name = m.name
        if name.entity.owner != code:
            continue
        found = doc.text[m.start:m.end]
        if m.near:
            expected = name.text if name.role not in ("avoid", "former") else name.entity.name
            fix = _unsafe(doc.replace(m.start, m.end, expected, f"replace with '{expected}'"))
            text = (ENTITY_MESSAGES["form"] if m.what == "form" else message).render(found=found, expected=expected)
            yield doc.finding(m.start, m.end, text, fix)
            continue
        if name.role == "avoid":
            expected = (when and name.entity.name_at(when)) or name.entity.name
            yield doc.finding(m.start, m.end, ENTITY_MESSAGES["avoid"].render(found=found, expected=expected),
                              doc.replace(m.start, m.end, expected, f"replace with '{expected}'"))
            continue
        if when is None or name.role == "short":
            continue
        if name.in_use(when):
            continue
        if name.lists_only and not in_list(m):
            continue
        if m.start >= notes_start and _of_its_time(doc.text, m.end, name):
            continue
        zones = zones or Zones(doc)
        if _past_act(doc, m, zones):
            continue
        yield _out_of_date(doc, m, found, name, when)
    if check_lists and sponsors:
        yield from _sponsor_findings(doc, ctx, code, sponsors)


_YEAR_AFTER = re.compile(r"[^.;()]{0,40}?\b(1[89]\d\d|20\d\d)\b")


def _of_its_time(text: str, end: int, name: Name) -> bool:
    """A name followed by a year in which it was in use: a note citing a report by its title as
    published ("Report of the ... Conference ..., Istanbul, Turkey, 9–13 May 2011")."""
    m = _YEAR_AFTER.match(text, end)
    if not m:
        return False
    year = int(m.group(1))
    return name.in_use(date(year, 1, 1), date(year, 12, 31))


#: a former name as the subject of a past act ("the Department of Public Information prepared")
_PAST_AFTER = re.compile(
    r",?\s*(?:was|were|had|did|then|prepared|organi[sz]ed|launched|issued|held|published|produced"
    r"|conducted|established|undertook|made|took|carried out|submitted|presented|convened"
    r"|hosted|developed|initiated|adopted|provided)\b")
#: "the former Department of ...", "the then Department of ..."
_PAST_BEFORE = re.compile(r"\b(?:former|then|formerly|erstwhile)\s+(?:the\s+)?$", re.IGNORECASE)
#: a paragraph that recalls what was done ("Recalling the preparation by the Department ...")
_RECALLS = re.compile(r"\W*(?:\d+\.\s*)?\W*Recall(?:ing|s|ed)\b")


def _past_act(doc, m: Match, zones: Zones) -> bool:
    """A former name is right where the text speaks of a past act: the former name is the
    subject of a verb in the past, is called "former" or "then", or stands in a paragraph
    that recalls ("Recalling the preparation by the Department of Public Information of a
    leaflet")."""
    text = doc.text
    if _PAST_AFTER.match(text, m.end) or _PAST_BEFORE.search(text, max(0, m.start - 20), m.start):
        return True
    _, index = zones.at(m.start)
    return index is not None and bool(_RECALLS.match(doc.paragraphs[index].text))


def _unsafe(fix: Fix | None) -> Fix | None:
    """The fix, applied only when unsafe fixes are asked for: the text may mean another name."""
    return None if fix is None else Fix(fix.title, fix.edits, Applicability.UNSAFE)


def _out_of_date(doc, m: Match, found: str, name: Name, when: date):
    expected = name.entity.name_at(when)
    fix = doc.replace(m.start, m.end, expected, f"replace with '{expected}'") if expected else None
    if expected is None:
        period = (f"from {_human(name.start)}" if name.start else "") + (
            f" until {_human(name.end)}" if name.end else "")
        text = ENTITY_MESSAGES["absent"].render(found=found, date=_human(when), period=period.strip())
    elif name.end is not None and when >= name.end:
        text = ENTITY_MESSAGES["former"].render(found=found, date=_human(when), changed=_human(name.end),
                                                expected=expected)
    else:
        text = ENTITY_MESSAGES["early"].render(found=found, date=_human(when), changed=_human(name.start),
                                               expected=expected)
    return doc.finding(m.start, m.end, text, fix)


_ITEM = re.compile(r"[^,;*]+")


_SUBMITTED_BY = re.compile(r"(?:Revised d|D)raft (?:resolution|decision) submitted by ")


def _sponsor_findings(doc, ctx, code: str, sponsors):
    """Items of the sponsor list that are no known name: "Albania, Argentina ...: draft resolution"."""
    text = sponsors.text
    colon = text.rfind(":")
    if colon <= 0 or _SUBMITTED_BY.match(text):
        return  # "Draft resolution submitted by the Chair (the Rapporteur ...)": no list of States
    head = text[:colon]
    if head[:1].islower() or "on behalf of" in head:
        return
    start = sponsors.start
    chars = list(head)
    for m in ctx.names.matches:
        for k in range(max(m.start - start, 0), min(m.end - start, len(head))):
            chars[k] = " "
    chars = "".join(chars)
    ours = [n.text for n in ctx.run.names.names if n.entity.owner == code and n.role == "name"]
    for m in _ITEM.finditer(chars):
        item = re.sub(r"^\s*(?:and\s+)?|(?:\s+and)?\s*$", "", m.group())
        item = re.sub(r"\s+\d{1,2}$", "", item)  # a footnote number left by a text reader
        if len(item) < 3 or not item[:1].isupper():
            continue
        at = start + m.start() + m.group().find(item)
        close = difflib.get_close_matches(item, ours, n=1, cutoff=0.75)
        hint = f": did you mean '{close[0]}'?" if close else ""
        fix = _unsafe(doc.replace(at, at + len(item), close[0], f"replace with '{close[0]}'")) if close else None
        yield doc.finding(at, at + len(item), ENTITY_MESSAGES["list"].render(found=item, hint=hint), fix)


def _human(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"

