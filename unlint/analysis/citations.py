"""Citations of resolutions, decisions and documents: the analysis behind the CI rules.

:func:`find_citations` returns frozen records with canonical offsets; rules read them once per
document as ``ctx.citations`` (:class:`unlint.context.Context`). Extraction runs in two steps:

1. a quick regular expression finds the candidates: the word "resolution" or "decision" before
   a number;
2. the ``citation`` start of grammars/citations.lark parses a window of text from each
   candidate and keeps the longest prefix that is a complete citation list
   (:mod:`unlint.analysis.grammar`).

The body that issued a citation is read from the words before it ("Economic and Social Council
resolution"), after it ("resolution 8/2 of the Conference of the Parties"), from "its" (the
document's own organ, or the body just named: "the Commission, in its resolution 25/2"), or
from the form of the number when nothing names it ("2017/15" is the Council's, "1373 (2001)"
the Security Council's, "70/1" the organ's own): :mod:`unlint.analysis.bodies`. Dates are
:mod:`unlint.analysis.dates`; the document's own organ and session :mod:`unlint.analysis.document`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date as _date

from unlint.analysis.bodies import (
    assembly,
    bodies,
    canonical_body,
    fits,
    implied,
    old_session,
)
from unlint.analysis.dates import Day, written_day
from unlint.analysis.document import document_organ
from unlint.analysis.grammar import longest_parse
from unlint.analysis.numerals import roman
from unlint.analysis.text import LOOKBACK, LineBounds, Zones
from unlint.knowledge import table


@dataclass(frozen=True, slots=True)
class Citation:
    """A resolution, decision or document cited in the text.

    ``form`` is the shape of the number: "session" (70/1), "year" (2017/15), "special"
    (S-30/1), "emergency" (ES-10/19), "old" (2200 A (XXI)), "council" (1373 (2001)), "plain"
    (2334), "foreign" (1/CP.21, WHA77.2) or "symbol" (a document symbol, kind "document").
    ``body`` is the issuing body, or None when nothing tells; ``via`` says how it is known:
    "named" (before the number), "after" ("of the Conference of the Parties"), "its",
    "number" (from the form of the number) or "organ" (a bare number: the document's organ).
    ``date`` is the date the text gives it, ``shared`` when a group of numbers shares it
    ("69/193 and 69/196 of 18 December 2014"). Citations of one list share ``group``.
    """

    kind: str
    number: str
    form: str
    body: str | None
    via: str
    start: int
    end: int
    date: Day | None
    date_start: int | None
    date_end: int | None
    shared: bool
    group: int
    zone: str
    paragraph: int | None

    @property
    def session(self) -> int | None:
        """The session in the number: 70 for 70/1, 30 for S-30/1, 21 for 2200 A (XXI)."""
        if self.form not in ("session", "special", "emergency", "old"):
            return None
        m = _SESSION_OF.match(self.number)
        return int(m.group(1)) if m else old_session(self.number)

    @property
    def key(self) -> tuple[str, str | None, str]:
        """What identifies the cited text: kind, body and number (parts kept: 67/234 B)."""
        return self.kind, self.body, self.number


_SESSION_OF = re.compile(r"(?:E?S-)?(\d{1,4})/")
_SPECIAL_OF = re.compile(r"^(E)?S-(\d{1,2})/|\((E)?S-([IVXL]+)\)")

# A citation's trigger: the word "resolution" or "decision" before a number. Found from the
# word after its first letter (a scan for a plain string is 20 times faster than one that
# tries every "r" and "d"), then matched from that letter.
_KIND_WORD = re.compile(r"esolution|ecision")
_TRIGGER = re.compile(
    r"(?:[Rr](?<![\w-].)esolutions?|[Dd](?<![\w-].)ecisions?)\s+"
    r"(?=\d|E?S-\d|[A-Z]{1,5}\.\d|WHA\d|GC\(|[IVXL]+/\d)"
)
_SYMBOL = re.compile(
    r"[A-Z](?<![\w/.‑-].)[A-Z0-9.‑-]{0,11}(?:/[A-Za-z0-9.()‑-]*[A-Za-z0-9)])+"
)
_GRADE = re.compile(r"[A-Z]-\d/")
_INSIDE_DOCUMENT = re.compile(r"Official Records|Supplement No\.|[Dd]ocument\s|Treaty Series|chap\.|[A-Z]{1,6}/[\w.]+/")
_ITS = re.compile(r"(?<![\w-])its\s+\Z")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d/")
_SPACES = re.compile(r"\s+")
_SPACE_AFTER_BRACKET = re.compile(r"\(\s+")
_SPACE_BEFORE_BRACKET = re.compile(r"\s+\)")
_OF_THE = re.compile(r"^of\s+the\s+")
_WINDOW = 1500  # a citation list is rarely longer than a few hundred characters


# ---------------------------------------------------------------- citations


def find_citations(doc) -> tuple[Citation, ...]:
    """Every resolution, decision and document symbol cited, in text order (rules read it as
    ``ctx.citations``)."""
    text = doc.text
    zones = Zones(doc)
    organ = document_organ(doc)
    out: list[Citation] = []
    spans: list[tuple[int, int]] = []
    last_named: dict[str, str] = {}  # "Council" -> the last body named with that word
    done = 0
    line_bounds = LineBounds(text)
    for group, m in enumerate(_triggers(text)):
        if m.start() < done:
            continue
        line_start, line_end = line_bounds(m.start())
        window_end = min(line_end, m.start() + _WINDOW)
        tree = longest_parse("citation", text[m.start():window_end])
        if tree is None:
            continue
        found = _read_citation(tree, doc, m.start(), line_start, zones, organ, last_named, group)
        for c in found:
            if c.via in ("named", "after") and c.body:
                for word in bodies().contextual:
                    if word in c.body.split():
                        last_named[word] = c.body
        out.extend(found)
        if found:
            done = max(c.date_end or c.end for c in found)
            spans.append((m.start(), done))
    out.extend(_symbols(doc, zones, spans, len(out)))
    out.sort(key=lambda c: c.start)
    return tuple(out)


def _triggers(text: str):
    """Each match of the trigger, in text order."""
    for word in _KIND_WORD.finditer(text):
        m = _TRIGGER.match(text, word.start() - 1) if word.start() else None
        if m is not None:
            yield m


def _read_citation(tree, doc, offset, line_start, zones, organ, last_named, group) -> list[Citation]:
    text = doc.text
    kind = "decision" if str(tree.children[0]).lower().startswith("decision") else "resolution"
    name, via = _body_before(text, line_start, offset)
    out: list[Citation] = []
    for node in tree.iter_subtrees_topdown():
        if node.data not in ("open_group", "closed_group"):
            continue
        parts = {getattr(c, "data", None): c for c in node.children}
        day = date_start = date_end = None
        if "when" in parts:
            token = parts["when"].children[-1]
            day = written_day(str(token))  # the DATE token: "18 December 2014"
            date_start, date_end = offset + token.start_pos, offset + token.end_pos
        post = _post_body(str(parts["post_body"].children[0])) if "post_body" in parts else None
        items = [c for c in parts["numbers"].children if hasattr(c, "data")]
        for item in items:
            tokens = list(item.scan_values(lambda v: True))
            start = offset + tokens[0].start_pos
            end = offset + tokens[-1].end_pos
            number = _normal_number(text[start:end])
            form = _form(item.data, number)
            if post is not None:
                body, how = _resolve(post, last_named, organ), "after"
            elif via == "named":
                body, how = _resolve(name, last_named, organ), "named"
                if form == "foreign" and len(name.split()) == 1:  # "Assembly", "Council": whose?
                    body = None  # "International Maritime Organization, Assembly resolution A.982(24)"
            elif via == "its" and name:  # "the Council, in its resolution": the Council named
                body, how = (_resolve(name, last_named, organ)
                             or _named_earlier(text, line_start, offset, form, number)
                             or canonical_body(name)), "its"
            elif via == "its":
                body, how = organ, "its"
                if not fits(body, form, number):  # "the Security Council Committee established
                    body = _named_earlier(text, line_start, offset, form, number)  # pursuant to its"
            else:
                body, how = implied(form, number, organ)
            zone, paragraph = zones.at(start)
            if how == "organ" and zone == "note" and _INSIDE_DOCUMENT.search(text, max(line_start, offset - LOOKBACK), offset):
                body, how = None, ""  # "E/2024/24, chap. I, decision 55/115": in that document
            out.append(Citation(kind, number, form, body, how, start, end, day, date_start, date_end,
                                day is not None and len(items) > 1, group, zone, paragraph))
    bare = [c for c in out if c.via == "organ"]
    if bare and bare[0].body == assembly() and _other_body_near(text, line_start, bare[0].start, bare[-1].end):
        # "the Commission on Crime Prevention ..., welcoming resolution 31/1 of 20 May 2022": a
        # bare list near another body's name is the Assembly's only if a date in it fits
        if not any(c.date and c.date.as_date() and _within(c.date.as_date(), session_period(c))
                   for c in bare if not c.shared):
            out = [replace(c, body=None, via="") if c.via == "organ" else c for c in out]
    return out


def session_period(c: Citation) -> tuple[_date, _date] | None:
    """When the General Assembly session in an Assembly resolution's number sat (first day of
    its first year, last day of its last year: lenient at the edges), or None when unknown.

    Regular session NN (from 70/1): September 1945+NN to September 1946+NN; "2200 A (XXI)":
    the session in Roman numerals, the whole year 1945+NN to September of the next; special
    and emergency special sessions (S-30/1, ES-10/19, 3201 (S-VI)): from rules/sessions.yaml.
    """
    if c.body != assembly() or c.form not in ("session", "special", "emergency", "old"):
        return None
    sessions = table("sessions")
    m = _SPECIAL_OF.search(c.number)
    if m:
        years = sessions["emergency_special_sessions" if m.group(1) or m.group(3) else "special_sessions"]
        number = int(m.group(2)) if m.group(2) else roman(m.group(4))
        first, last = years.get(number) or (None, None)
        if first is None:
            return None
        return _date(first, 1, 1), _date(last, 12, 31) if last else _date.max
    session = c.session
    if session is None:
        return None
    if c.form == "session":
        if session < sessions["first_numbered_session"]:
            return None
        return _date(1945 + session, 9, 1), _date(1946 + session, 9, 30)
    return _date(1945 + session, 1, 1), _date(1946 + session, 9, 30)


def _within(day: _date, period) -> bool:
    return period is None or period[0] <= day <= period[1]


def _other_body_near(text, line_start, start, end) -> bool:
    """Whether a bare "resolution 31/1" is more likely another body's than the organ's: the
    block last named a body that numbers by session ("the Commission on Crime Prevention and
    Criminal Justice ..., welcoming resolution 31/1"), or names it just after ("..., by the
    Commission at its thirty-first session")."""
    last = None
    for last in bodies().numbering.finditer(text, max(line_start, start - LOOKBACK), start):
        pass
    if last is not None and last.group("other"):
        return True
    clause_end = text.find(";", end, end + 300)
    return bool(bodies().adopting.search(text, end, clause_end if clause_end != -1 else end + 300))


def _post_body(post: str) -> str | None:
    """The body in "of the Conference of the Parties ...", or None when the name is not a body."""
    name = canonical_body(_OF_THE.sub("", post))
    if name in bodies().names.values() or bodies().body_words & set(name.split()):
        return name
    return None


def _named_earlier(text, line_start, pos, form, number) -> str | None:
    """The last body named before ``pos`` in the block whose numbering fits the number."""
    found = None
    for m in bodies().anywhere.finditer(text, max(line_start, pos - LOOKBACK), pos):
        body = canonical_body(m.group(0))
        if fits(body, form, number) and bodies().numbers.get(body):
            found = body
    return found


def _normal_number(raw: str) -> str:
    raw = _SPACES.sub(" ", raw).strip()
    raw = _SPACE_AFTER_BRACKET.sub("(", _SPACE_BEFORE_BRACKET.sub(")", raw))
    return raw.replace("‑", "-").replace("–", "-")


def _form(kind: str, number: str) -> str:
    if kind == "slashed":
        if number.startswith("ES-"):
            return "emergency"
        if number.startswith("S-"):
            return "special"
        return "year" if _YEAR_NUMBER.match(number) else "session"
    return {"old_style": "old", "council": "council", "plain": "plain", "foreign": "foreign"}[kind]


def _body_before(text, line_start, pos) -> tuple[str | None, str]:
    """(name, via) from the words before a citation list: ("Economic and Social Council",
    "named"), ("Commission", "its") for "the Commission, in its", (None, "its"), (None, "")."""
    table_ = bodies()
    lo = max(line_start, pos - 200)
    if _ITS.search(text[lo:pos]):
        owner = table_.owner.search(text, lo, pos)
        return (owner.group("name") if owner else None), "its"
    m = table_.before.search(text, lo, pos)
    if m:
        return m.group("name"), "named"
    return None, ""


def _resolve(name: str, last_named, organ) -> str | None:
    name = canonical_body(name)
    if name in bodies().contextual:  # "the Council": the last Council named, or the organ
        if name in last_named:
            return last_named[name]
        if organ and name in organ.split():
            return organ
        return None
    return name


def _symbols(doc, zones: Zones, spans, group: int) -> list[Citation]:
    """Document symbols: A/72/125, E/CN.15/2015/16, A/CONF.192/15, CTOC/COP/2018/13."""
    out = []
    text = doc.text
    starts = [s for s, _ in spans]
    for m in _SYMBOL.finditer(text):
        symbol = m.group(0)
        if not any(c.isdigit() for c in symbol) or _GRADE.match(symbol):
            continue  # "P-2/1" in a staffing table is two grades
        while symbol.endswith((".", ")")) and not (symbol.endswith(")") and symbol.count("(") >= symbol.count(")")):
            symbol = symbol[:-1]
        start, end = m.start(), m.start() + len(symbol)
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < spans[i][1]:
            continue  # the number of a citation ("resolution ES-10/19")
        zone, paragraph = zones.at(start)
        out.append(Citation("document", symbol, "symbol", None, "", start, end, None, None, None,
                            False, group, zone, paragraph))
        group += 1
    return out


# ---------------------------------------------------------------- the listing


def format_citations(doc) -> str:
    """One line per citation: where (``line:col``, ``p3:12:5`` in a PDF ...), body, kind,
    number, date (for ``unlint citations``)."""
    lines = []
    for c in find_citations(doc):
        s, _ = doc.canonical.span(c.start, c.end)
        where = doc.source.locate(s).label()
        body = c.body or "-"
        if c.via and c.via != "named":
            body += f" ({c.via})"
        date = str(c.date) if c.date else "-"
        if c.shared:
            date += " (shared)"
        zone = "" if c.zone in ("body", "annex") else f"  [{c.zone}]"
        lines.append(f"{doc.path}:{where}: {body} | {c.kind} | {c.number} | {date}{zone}")
    return "\n".join(lines) + ("\n" if lines else "")
