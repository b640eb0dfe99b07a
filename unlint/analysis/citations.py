"""Citations of resolutions, decisions and documents, and dates: the analysis behind CI and DT.

:func:`find_citations` and :func:`find_dates` return frozen records with canonical offsets;
rules read them once per document as ``ctx.citations`` and ``ctx.dates``
(:class:`unlint.context.Context`). Extraction runs in two steps:

1. a quick regular expression finds the candidates: the word "resolution" or "decision" before
   a number, a month name near a day number, a dd/mm/yyyy date;
2. the LALR grammar ``grammars/citations.lark`` parses a window of text from each candidate and
   keeps the longest prefix that is a complete citation list (or date).

The body that issued a citation is read from the words before it ("Economic and Social Council
resolution"), after it ("resolution 8/2 of the Conference of the Parties"), from "its" (the
document's own organ, or the body just named: "the Commission, in its resolution 25/2"), or
from the form of the number when nothing names it ("2017/15" is the Council's, "1373 (2001)"
the Security Council's, "70/1" the organ's own). The knowledge (bodies, months, sessions) is
in rules/citation_bodies.yaml, rules/months.yaml and rules/sessions.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date as _date
from functools import lru_cache

from unlint.knowledge import table

# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day as written; ``day`` or ``year`` may be missing, the day may not exist."""

    day: int | None
    month: int
    year: int | None

    @property
    def valid(self) -> bool:
        import calendar

        if self.day is None:
            return 1 <= self.month <= 12
        year = self.year if self.year is not None else 2000  # a leap year: 29 February is fine
        return 1 <= self.month <= 12 and 1 <= self.day <= calendar.monthrange(year, self.month)[1]

    def as_date(self) -> _date | None:
        if self.day is None or self.year is None or not self.valid:
            return None
        return _date(self.year, self.month, self.day)

    def __str__(self) -> str:
        parts = [str(self.day)] if self.day is not None else []
        parts.append(month_name(self.month))
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or a range of dates in the canonical text.

    ``form``: "un" (18 December 2014, or 5 September without a year), "range" (from 6 to 10
    November 2017, 9–20 July 2001, 27 August–7 September 1990), "pair" (16 and 17 December
    2025; ``first`` and ``last`` are the two days), or a non-UN form: "us"
    (December 18, 2014), "ordinal" (18th December 2014), "numeric" (18/12/2014).
    ``month_words`` are the canonical ranges of the month words as written ("Dec.").
    """

    start: int
    end: int
    text: str
    form: str
    first: Day
    last: Day | None
    month_words: tuple[tuple[int, int], ...]
    zone: str
    paragraph: int | None

    @property
    def day(self) -> Day:
        """The single day, or the range's last day."""
        return self.last or self.first


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
        if m:
            return int(m.group(1))
        m = _ROMAN_OF.search(self.number)
        return roman(m.group(1)) if m else None

    @property
    def key(self) -> tuple[str, str | None, str]:
        """What identifies the cited text: kind, body and number (parts kept: 67/234 B)."""
        return self.kind, self.body, self.number


_SESSION_OF = re.compile(r"(?:E?S-)?(\d{1,4})/")
_SPECIAL_OF = re.compile(r"^(E)?S-(\d{1,2})/|\((E)?S-([IVXL]+)\)")
_ROMAN_OF = re.compile(r"\((?:E?S-)?([IVXL]+)\)")

# ---------------------------------------------------------------- candidates

# The candidate patterns open with a character class and look behind it ("[Rr](?<![\w-].)"
# is "(?<![\w-])[Rr]"): the regular expression engine then skips the positions that cannot
# start a match instead of trying the assertion at every character, three times faster.
_TRIGGER = re.compile(
    r"(?:[Rr](?<![\w-].)esolutions?|[Dd](?<![\w-].)ecisions?)\s+"
    r"(?=\d|E?S-\d|[A-Z]{1,5}\.\d|WHA\d|GC\(|[IVXL]+/\d)"
)
_MONTHISH = re.compile(  # a word that opens with a month's first three letters, or dd/mm/yyyy
    r"(?:[JjFfMmAaSsOoNnDd](?<!\w.)(?:(?<=[Jj])(?:an|u[nl])|(?<=[Ff])eb|(?<=[Mm])a[ry]|"
    r"(?<=[Aa])(?:pr|ug)|(?<=[Ss])ep|(?<=[Oo])ct|(?<=[Nn])ov|(?<=[Dd])ec)"
    r"[a-z]{0,6}\.?(?!\w)|\d(?<![\w/]\d)\d?/\d{1,2}/(?:19|20)\d{2}(?![\d/]))"
)
_DAY_BEFORE = re.compile(
    r"(?<![\d/.,\w])(?:from\s+)?\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*(?:[-–—‑]|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?(?:\s+of)?\s+\Z"
)
_ONE_DAY_BEFORE = re.compile(r"(?<![\d/.,\w])\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+\Z")
_DAY_AFTER = re.compile(r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b")
_SYMBOL = re.compile(
    r"[A-Z](?<![\w/.‑-].)[A-Z0-9.‑-]{0,11}(?:/[A-Za-z0-9.()‑-]*[A-Za-z0-9)])+"
)
_GRADE = re.compile(r"[A-Z]-\d/")
_INSIDE_DOCUMENT = re.compile(r"Official Records|Supplement No\.|[Dd]ocument\s|Treaty Series|chap\.|[A-Z]{1,6}/[\w.]+/")
_NUMBERING_BODY = re.compile(
    r"(?P<other>Commission\s+(?:on|for)\s+[A-Z]|Conference\s+of\s+the\s+(?:States\s+)?Parties|"
    r"Human\s+Rights\s+Council|Environment\s+Assembly|Health\s+Assembly|Governing\s+Council)"
    r"|(?P<assembly>(?<!Environment )(?<!Health )\bAssembly\b)"
)
_BY_OTHER = re.compile(r"\b(?:adopted\s+)?by\s+the\s+(?:Commission|Conference|Council|Meeting|Committee)\b")
_DATE_PARTS = re.compile(r"(\d{1,2})\s+(\w+)\s+(\d{4})")
_SPACES = re.compile(r"\s+")
_ORDINAL_WORD = re.compile(r"[a-z]+(?:[-‑ ][a-z]+)?")
_WINDOW = 1500  # a citation list is rarely longer than a few hundred characters


@lru_cache(maxsize=2)
def parser(start: str):
    """The LALR parser for ``start`` ("citation" or "date"), built once, cached on disk by Lark."""
    from lark import Lark

    from unlint.resources import data_dir

    text = (data_dir("grammars") / "citations.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", lexer="basic", start=start, cache=True)


def longest_parse(start: str, text: str):
    """The parse tree of the longest prefix of ``text`` that is a complete ``start``, or None.

    The same answer as feeding Lark's interactive parser token by token and parsing the
    prefix again (:func:`_longest_parse_lark`), in one pass: the tokens come from Lark's own
    lexer expression, the prefix is found by walking the LALR table (states only), and the
    tree is built by Lark's parser state from the prefix lexed again up to its end.
    """
    fast = _fast_parser(start)
    if fast is None:
        return _longest_parse_lark(start, text)
    return fast.longest(text)


class _FastParser:
    """Lark's basic lexer and LALR table for one start symbol, driven without per-token objects."""

    def __init__(self, lark, start: str):
        from lark import Token
        from lark.parsers.lalr_analysis import Shift
        from lark.parsers.lalr_parser_state import ParseConf

        frontend = lark.parser
        lexer = frontend.lexer
        (self.match,) = (m.match for m in lexer.scanner._mres)  # one expression, in Lark's order
        self.ignore = lexer.ignore_types
        inner = frontend.parser.parser
        self.conf = ParseConf(inner.parse_table, inner.callbacks, start)
        self.start_state = self.conf.start_state
        # state -> terminal -> next state (shift) or (size, rule name) (reduce)
        self.table = {
            state: {name: (arg if action is Shift else (len(arg.expansion), arg.origin.name))
                    for name, (action, arg) in row.items()}
            for state, row in self.conf.states.items()
        }
        self.Token = Token

    def _step(self, stack: list, kind: str) -> bool:
        """Feed one terminal to the state stack (reductions, then the shift); False if refused."""
        table = self.table
        while True:
            action = table[stack[-1]].get(kind)
            if action is None:
                return False
            if action.__class__ is int:
                stack.append(action)
                return True
            size, name = action
            if size:
                del stack[-size:]
            stack.append(table[stack[-1]][name])

    def _tokens(self, text: str, endpos: int):
        """(type, start, end) of each token of ``text[:endpos]``; the last item is None when
        the lexer stopped at a character no terminal matches."""
        match, ignore, pos = self.match, self.ignore, 0
        while pos < endpos:
            m = match(text, pos, endpos)
            if m is None:
                yield None
                return
            end = m.end()
            kind = m.lastgroup
            if kind not in ignore:
                yield kind, pos, end
            pos = end

    def longest(self, text: str):
        table = self.table
        stack = [self.start_state]
        end = None
        for token in self._tokens(text, len(text)):
            if token is None or not self._step(stack, token[0]):
                break
            if "$END" in table[stack[-1]]:
                end = token[2]
        if end is None:
            return None
        return self.tree(text, end)

    def tree(self, text: str, end: int):
        """The tree of ``text[:end]`` as Lark's parser builds it, or None when it is not one."""
        from lark.exceptions import LarkError
        from lark.parsers.lalr_parser_state import ParserState

        Token = self.Token
        state = ParserState(self.conf, None)
        last = None
        try:
            for token in self._tokens(text, end):
                if token is None:
                    return None
                kind, s, e = token
                last = Token(kind, text[s:e], s, None, None, None, None, e)
                state.feed_token(last)
            return state.feed_token(Token.new_borrow_pos("$END", "", last), True)
        except LarkError:
            return None


@lru_cache(maxsize=2)
def _fast_parser(start: str) -> _FastParser | None:
    p = parser(start)
    try:
        lexer = p.parser.lexer
        if len(lexer.scanner._mres) != 1 or lexer.callback or p.options.postlex is not None:
            return None
        return _FastParser(p, start)
    except (AttributeError, TypeError, ValueError):  # another Lark version: the plain way
        return None


def _longest_parse_lark(start: str, text: str):
    """:func:`longest_parse` through Lark's interactive parser (the reference behaviour)."""
    from lark.exceptions import LarkError, UnexpectedCharacters

    p = parser(start)
    interactive = p.parse_interactive(text)
    end = None
    previous = 0
    try:
        for token in interactive.iter_parse():  # a token is fed when the next one is asked for
            if previous and "$END" in interactive.choices():
                end = previous
            previous = token.end_pos
        if "$END" in interactive.choices():
            end = previous
    except UnexpectedCharacters:  # the lexer stopped: every token before it was fed
        if previous and "$END" in interactive.choices():
            end = previous
    except LarkError:  # the parser refused the last token: the state before it was checked
        pass
    if end is None:
        return None
    try:
        return p.parse(text[:end])
    except LarkError:
        return None


# ---------------------------------------------------------------- knowledge


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Month word (lower case, no full stop) to month number: names and abbreviations."""
    data = table("months")
    out = {name.lower(): i for i, name in enumerate(data["months"], 1)}
    for short, name in data["abbreviations"].items():
        out[short.lower()] = out[name.lower()]
    return out


def month_name(month: int) -> str:
    names = table("months")["months"]
    return names[month - 1] if 1 <= month <= 12 else f"month {month}"


def month_number(word: str) -> int | None:
    return _months().get(word.rstrip(".").lower())


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, int]:
    data = table("sessions")
    units = data["ordinal_units"]
    out = dict(units)
    out.update(data["ordinal_teens"])
    out.update(data["ordinal_tens"])
    for tens_word, tens in data["cardinal_tens"].items():
        for unit_word, unit in units.items():
            out[f"{tens_word}-{unit_word}"] = tens + unit
    return out


def ordinal(word: str) -> int | None:
    """73 for "seventy-third" (any hyphen), None for a word that is not an ordinal."""
    return _ordinals().get(re.sub(r"[\s‑–-]+", "-", word.strip().lower()))


def ordinal_word(number: int) -> str:
    for word, value in _ordinals().items():
        if value == number:
            return word
    return str(number)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(text: str) -> int | None:
    total = 0
    values = [_ROMAN_VALUES.get(c) for c in text]
    if not values or None in values:
        return None
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


@dataclass(frozen=True)
class _BodyTable:
    names: dict  # every name the text may use -> canonical body
    numbers: dict  # canonical body -> the number forms it uses (absent: any)
    contextual: tuple  # "Council": the last Council named
    body_words: frozenset
    organs: dict  # symbol prefix -> organ
    before: re.Pattern  # a body name ending the text before a citation
    owner: re.Pattern  # "the Commission, in its" (or "by the Commission ... of its") before a citation
    anywhere: re.Pattern  # a known body name with a numbering, anywhere


@lru_cache(maxsize=1)
def _bodies() -> _BodyTable:
    data = table("citation_bodies")
    names, numbers = {}, {}
    for entry in data["bodies"]:
        for alias in entry["names"]:
            names[alias] = entry["name"]
        if "numbers" in entry:
            numbers[entry["name"]] = tuple(entry["numbers"])
    word = r"[A-Z][\w’'‑-]*"
    connector = r"(?:of|the|on|and|for|to|against|in)"
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in data["heads"])
    head_name = rf"(?:{heads})(?:(?:\s+{connector})*\s+{word})*"

    def alternation(items):
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(items, key=len, reverse=True))

    alternatives = rf"{head_name}|{alternation(names)}|(?:{'|'.join(data['contextual'])})"
    numbered = [n for n in names if names[n] in numbers and names[n] == n]
    return _BodyTable(
        names, numbers, tuple(data["contextual"]), frozenset(data["body_words"]), data["symbol_organs"],
        re.compile(rf"(?<![\w’'‑-])(?P<name>{alternatives})\s+(?:(?:in|by)\s+)?\Z"),
        re.compile(rf"(?<![\w’'‑-])[Tt]he\s+(?P<name>{alternatives})\s*,?\s+"
                         rf"(?:(?:in|by|through|under|with|of)\s+)?its\s+\Z"),
        re.compile(rf"(?<![\w’'‑-])(?:{alternation(numbered)})(?![\w’'‑-])"),
    )


def _canonical_body(name: str) -> str:
    name = _SPACES.sub(" ", name).strip()
    name = re.sub(r"(?:\s+(?:of|the|on|and|for|to|against|in))+$", "", name)
    return _bodies().names.get(name, name)


def fits(body: str | None, form: str, number: str) -> bool:
    """Whether ``body`` numbers its resolutions the way ``number`` is written."""
    forms = _bodies().numbers.get(body)
    if body is None or forms is None:
        return True
    if form not in forms:
        return False
    if body == "General Assembly" and form == "session":
        return int(number.split("/")[0]) >= table("sessions")["first_numbered_session"]
    if body == "General Assembly" and form == "old":
        session = roman(_ROMAN_OF.search(number).group(1)) if _ROMAN_OF.search(number) else None
        return session is not None and session <= table("sessions")["first_numbered_session"] - 1
    return True


def document_organ(doc) -> str | None:
    """The organ that speaks in the document: from "The General Assembly," or the symbol."""
    names, prefixes = _bodies().names, _bodies().organs
    if doc.organ is not None:
        text = re.sub(r"^The\s+", "", doc.organ.text).rstrip(", ").strip()
        return names.get(text, text)
    symbol = document_symbol(doc)
    if symbol:
        for prefix in sorted(prefixes, key=len, reverse=True):
            if symbol.startswith(prefix):
                return prefixes[prefix]
    return None


def document_symbol(doc) -> str | None:
    if doc.header.symbol is not None:
        return doc.header.symbol.text.split()[0]
    meta = doc.meta or {}
    return str(meta["symbol"]) if meta.get("symbol") else None


_SYMBOL_SESSION = re.compile(r"^A/(?:(?:C\.\d|RES|ES-\d+|INF|BUR|HRC/RES)/)?(\d{2})/")
_ADOPTED_ON = re.compile(r"\b(?:adopted|Adopted)\b.*?\bon\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")


def document_session(doc) -> int | None:
    """The General Assembly session of the document: from its number, symbol or session line."""
    organ = document_organ(doc)
    if organ not in (None, "General Assembly"):
        return None
    if doc.header.number and "/" in doc.header.number and not doc.header.number[0].isalpha():
        return int(doc.header.number.split("/")[0])
    symbol = document_symbol(doc)
    m = _SYMBOL_SESSION.match(symbol or "")
    if m and not symbol.startswith("A/HRC/"):
        return int(m.group(1))
    if doc.header.session is not None:
        m = _ORDINAL_WORD.match(doc.header.session.text.lower())
        return ordinal(m.group(0)) if m else None
    return None


def document_adopted(doc) -> bool:
    """Whether the document is an adopted text (a numbered resolution), not a draft."""
    symbol = document_symbol(doc) or ""
    return bool(doc.header.number or "/RES/" in symbol
                or any(_ADOPTED_ON.search(line.text) for line in doc.header.lines))


def document_date(doc) -> _date | None:
    """The document's own date: the header date line, the adoption line, or the front matter."""
    candidates = []
    if doc.header.date is not None:
        candidates.append(doc.header.date.text)
    for line in doc.header.lines:
        m = _ADOPTED_ON.search(line.text)
        if m:
            candidates.append(m.group(1))
    for text in candidates:
        m = _DATE_PARTS.search(text)
        if m and month_number(m.group(2)):
            day = Day(int(m.group(1)), month_number(m.group(2)), int(m.group(3))).as_date()
            if day:
                return day
    meta = (doc.meta or {}).get("date")
    if meta:
        try:
            return _date.fromisoformat(str(meta)[:10])
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- zones


class _Zones:
    """Which part of the document a canonical offset is in: header, body, annex, note, other."""

    def __init__(self, doc):
        marks = [(f.start, f.start + len(f.text), "header", None) for f in doc.header.lines]
        marks += [(p.start, p.end, p.part, i) for i, p in enumerate(doc.paragraphs)]
        marks += [(n.start, n.start + len(n.text), "note", None) for n in doc.notes]
        marks.sort(key=lambda m: m[0])
        self.marks = marks
        self.starts = [m[0] for m in marks]

    def at(self, pos: int) -> tuple[str, int | None]:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos <= self.marks[i][1]:
            return self.marks[i][2], self.marks[i][3]
        return "other", None


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


# ---------------------------------------------------------------- dates


def find_dates(doc) -> tuple[DateMention, ...]:
    """Every date written in the text, in text order (rules read it as ``ctx.dates``)."""
    text = doc.text
    zones = _Zones(doc)
    out: list[DateMention] = []
    done = 0
    month_token = _month_token()
    for m in _MONTHISH.finditer(text):
        if m.start() < done:
            continue
        if month_token is not None and not m.group(0)[0].isdigit() and not month_token(text, m.start()):
            continue  # "decides", "market": no date can be read from a word that is no month
        line_start, line_end = _line(text, m.start())
        starts = [m.start()]
        if not m.group(0)[0].isdigit():
            lo = max(line_start, m.start() - 40)
            before = _DAY_BEFORE.search(text, lo, m.start())
            if before:  # "from 6 to 10 November": try the range, then "10 November" alone
                one = _ONE_DAY_BEFORE.search(text, lo, m.start())
                starts = [before.start()] + ([one.start()] if one and one.start() != before.start() else [])
            elif not (m.group(0)[0].isupper() and _DAY_AFTER.match(text, m.end())):
                continue
        for start in starts:
            tree = longest_parse("date", text[start:min(line_end, m.end() + 40)])
            if tree is not None:
                break
        else:
            continue
        mention = _date_mention(tree, text, start, zones)
        if mention is not None:
            out.append(mention)
            done = mention.end
    return tuple(out)


@lru_cache(maxsize=1)
def _month_token():
    """The grammar's MONTH terminal, anchored (``match``), or None when the lexer is not the
    plain one: a date read from a word starts or continues with that word as a MONTH token
    (only NUMERIC is tried before MONTH, and it cannot match at a letter)."""
    fast = _fast_parser("date")
    if fast is None:
        return None
    return re.compile(parser("date").get_terminal("MONTH").pattern.to_regexp()).match


def _date_mention(tree, text: str, offset: int, zones: _Zones) -> DateMention | None:
    tokens = list(tree.scan_values(lambda v: True))
    days = [t for t in tokens if t.type in ("DAY", "ORDINAL")]
    months = [t for t in tokens if t.type == "MONTH"]
    years = [t for t in tokens if t.type == "YEAR"]
    form = tree.data
    if form == "numeric":  # day/month/year, unless the month place holds a day (12/18/2014)
        a, b, y = (int(x) for x in str(tokens[0]).split("/"))
        first, last = (Day(b, a, y) if b > 12 >= a else Day(a, b, y)), None
    else:
        month_values = [month_number(str(t)) for t in months]
        if None in month_values:
            return None
        day_values = [int(re.match(r"\d+", str(t)).group(0)) for t in days]
        year_values = [int(str(t)) for t in years]
        if form.startswith("range") or form == "pair":
            first_month = month_values[0]
            last_month = month_values[-1]
            first_year = year_values[0]
            last_year = year_values[-1]
            first = Day(day_values[0], first_month, first_year)
            last = Day(day_values[1], last_month, last_year)
            form = "pair" if form == "pair" else "range"
        else:
            first, last = Day(day_values[0], month_values[0], year_values[0] if year_values else None), None
            if form == "single":
                form = "un"
    start = offset + tokens[0].start_pos
    end = offset + tokens[-1].end_pos
    zone, paragraph = zones.at(start)
    return DateMention(
        start, end, text[start:end], form, first, last,
        tuple((offset + t.start_pos, offset + t.end_pos) for t in months), zone, paragraph,
    )


# ---------------------------------------------------------------- citations


def find_citations(doc) -> tuple[Citation, ...]:
    """Every resolution, decision and document symbol cited, in text order (rules read it as
    ``ctx.citations``)."""
    text = doc.text
    zones = _Zones(doc)
    organ = document_organ(doc)
    out: list[Citation] = []
    spans: list[tuple[int, int]] = []
    last_named: dict[str, str] = {}  # "Council" -> the last body named with that word
    done = 0
    for group, m in enumerate(_TRIGGER.finditer(text)):
        if m.start() < done:
            continue
        line_start, line_end = _line(text, m.start())
        window_end = min(line_end, m.start() + _WINDOW)
        tree = longest_parse("citation", text[m.start():window_end])
        if tree is None:
            continue
        found = _read_citation(tree, doc, m.start(), line_start, zones, organ, last_named, group)
        for c in found:
            if c.via in ("named", "after") and c.body:
                for word in _bodies().contextual:
                    if word in c.body.split():
                        last_named[word] = c.body
        out.extend(found)
        if found:
            done = max(c.date_end or c.end for c in found)
            spans.append((m.start(), done))
    out.extend(_symbols(doc, zones, spans, len(out)))
    out.sort(key=lambda c: c.start)
    return tuple(out)


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
            m = _DATE_PARTS.match(str(token))
            day = Day(int(m.group(1)), month_number(m.group(2)), int(m.group(3)))
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
                if form == "foreign" and name in ("Assembly", *_bodies().contextual):
                    body = None  # "International Maritime Organization, Assembly resolution A.982(24)"
            elif via == "its" and name:  # "the Council, in its resolution": the Council named
                body, how = (_resolve(name, last_named, organ)
                             or _named_earlier(text, line_start, offset, form, number)
                             or _canonical_body(name)), "its"
            elif via == "its":
                body, how = organ, "its"
                if not fits(body, form, number):  # "the Security Council Committee established
                    body = _named_earlier(text, line_start, offset, form, number)  # pursuant to its"
            else:
                body, how = _implied(form, number, organ)
            zone, paragraph = zones.at(start)
            if how == "organ" and zone == "note" and _INSIDE_DOCUMENT.search(text, line_start, offset):
                body, how = None, ""  # "E/2024/24, chap. I, decision 55/115": in that document
            out.append(Citation(kind, number, form, body, how, start, end, day, date_start, date_end,
                                day is not None and len(items) > 1, group, zone, paragraph))
    bare = [c for c in out if c.via == "organ"]
    if bare and bare[0].body == "General Assembly" and _other_body_near(text, line_start, bare[0].start, bare[-1].end):
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
    if c.body != "General Assembly" or c.form not in ("session", "special", "emergency", "old"):
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
    for last in _NUMBERING_BODY.finditer(text, line_start, start):
        pass
    if last is not None and last.group("other"):
        return True
    clause_end = text.find(";", end, end + 300)
    return bool(_BY_OTHER.search(text, end, clause_end if clause_end != -1 else end + 300))


def _post_body(post: str) -> str | None:
    """The body in "of the Conference of the Parties ...", or None when the name is not a body."""
    name = _canonical_body(re.sub(r"^of\s+the\s+", "", post))
    if name in _bodies().names.values() or _bodies().body_words & set(name.split()):
        return name
    return None


def _named_earlier(text, line_start, pos, form, number) -> str | None:
    """The last body named before ``pos`` in the block whose numbering fits the number."""
    found = None
    for m in _bodies().anywhere.finditer(text, line_start, pos):
        body = _canonical_body(m.group(0))
        if fits(body, form, number) and _bodies().numbers.get(body):
            found = body
    return found


def _normal_number(raw: str) -> str:
    raw = _SPACES.sub(" ", raw).strip()
    raw = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", raw))
    return raw.replace("‑", "-").replace("–", "-")


def _form(kind: str, number: str) -> str:
    if kind == "slashed":
        if number.startswith("ES-"):
            return "emergency"
        if number.startswith("S-"):
            return "special"
        return "year" if re.match(r"(?:19|20)\d\d/", number) else "session"
    return {"old_style": "old", "council": "council", "plain": "plain", "foreign": "foreign"}[kind]


def _body_before(text, line_start, pos) -> tuple[str | None, str]:
    """(name, via) from the words before a citation list: ("Economic and Social Council",
    "named"), ("Commission", "its") for "the Commission, in its", (None, "its"), (None, "")."""
    table_ = _bodies()
    lo = max(line_start, pos - 200)
    if re.search(r"(?<![\w-])its\s+\Z", text[lo:pos]):
        owner = table_.owner.search(text, lo, pos)
        return (owner.group("name") if owner else None), "its"
    m = table_.before.search(text, lo, pos)
    if m:
        return m.group("name"), "named"
    return None, ""


def _resolve(name: str, last_named, organ) -> str | None:
    name = _canonical_body(name)
    if name in _bodies().contextual:  # "the Council": the last Council named, or the organ
        if name in last_named:
            return last_named[name]
        if organ and name in organ.split():
            return organ
        return None
    return name


def _implied(form: str, number: str, organ: str | None) -> tuple[str | None, str]:
    if form == "year":
        return "Economic and Social Council", "number"
    if form == "council":
        return "Security Council", "number"
    if form in ("special", "emergency"):
        return "General Assembly", "number"
    if form == "old":
        session = roman(_ROMAN_OF.search(number).group(1)) if _ROMAN_OF.search(number) else None
        if organ == "General Assembly" and session is not None and session <= 30:
            return "General Assembly", "number"
        return None, ""
    if form == "session":
        # The Assembly numbers NN/x from its thirty-first session: a lower number is another
        # body's (a Conference of the Parties, a commission) even in an Assembly text.
        session = int(number.split("/")[0])
        if organ == "General Assembly" and session < table("sessions")["first_numbered_session"]:
            return None, ""
        return organ, "organ"
    return None, ""


def _symbols(doc, zones: _Zones, spans, group: int) -> list[Citation]:
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
