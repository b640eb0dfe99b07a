"""Dates written in the text: the analysis behind the DT rules (``ctx.dates``).

:func:`find_dates` runs in two steps: a quick regular expression finds the candidates (a word
that opens like a month name near a day number, a dd/mm/yyyy date), then the ``date`` start of
grammars/citations.lark parses a window from each (:mod:`unlint.analysis.grammar`). Month names
and abbreviations are in rules/months.yaml.
"""

from __future__ import annotations

import calendar
import heapq
import re
from dataclasses import dataclass
from datetime import date as _date
from functools import cache

from unlint.analysis.grammar import longest_parse, terminal
from unlint.analysis.text import LineBounds, Zones
from unlint.knowledge import table


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day as written; ``day`` or ``year`` may be missing, the day may not exist."""

    day: int | None
    month: int
    year: int | None

    @property
    def valid(self) -> bool:
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


# ---------------------------------------------------------------- months


@cache
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


_DATE_PARTS = re.compile(r"(\d{1,2})\s+(\w+)\s+(\d{4})")


def written_day(text: str) -> Day | None:
    """The day of the first "18 December 2014" in ``text``, if its word is a month."""
    m = _DATE_PARTS.search(text)
    if m and month_number(m.group(2)):
        return Day(int(m.group(1)), month_number(m.group(2)), int(m.group(3)))
    return None


# ---------------------------------------------------------------- candidates


@cache
def _month_openings() -> re.Pattern:
    """A word that opens with a month's first three letters (built once from rules/months.yaml).

    The pattern opens with a character class and looks behind it ("[Dd](?<!\\w.)" is
    "(?<!\\w)[Dd]"): the regular expression engine then skips the positions that cannot start
    a match instead of trying the assertion at every character, three times faster.
    """
    names = table("months")["months"]
    openings: dict[str, list[str]] = {}  # initial -> the next two letters of its months
    for word in [*names, *table("months")["abbreviations"]]:
        rest = openings.setdefault(word[0].upper(), [])
        if word[1:3] not in rest:
            rest.append(word[1:3])
    initials = "".join(c + c.lower() for c in openings)
    branches = "|".join(f"(?<=[{c}{c.lower()}])(?:{'|'.join(rest)})" for c, rest in openings.items())
    longest = max(len(name) for name in names) - 3
    return re.compile(rf"[{initials}](?<!\w.)(?:{branches})[a-z]{{0,{longest}}}\.?(?!\w)")


# dd/mm/yyyy, found from its slashes (a scan for a character as rare as "/" is 50 times faster
# than one that tries every digit), then its day: one or two digits after no word or slash
_SLASHES = re.compile(r"/\d{1,2}/(?:19|20)\d{2}(?![\d/])")
_SLASHED_DAY = re.compile(r"(?<![\w/])\d\d?\Z")


def _candidates(text: str):
    """(start, end) of each word that opens like a month and each dd/mm/yyyy, in text order."""
    months = ((m.start(), m.end()) for m in _month_openings().finditer(text))
    numeric = ((day.start(), m.end()) for m in _SLASHES.finditer(text)
               for day in [_SLASHED_DAY.search(text, max(0, m.start() - 2), m.start())] if day)
    return heapq.merge(months, numeric)


_DAY_BEFORE = re.compile(
    r"(?<![\d/.,\w])(?:from\s+)?\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*(?:[-–—‑]|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?(?:\s+of)?\s+\Z"
)
_ONE_DAY_BEFORE = re.compile(r"(?<![\d/.,\w])\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+\Z")
_DAY_AFTER = re.compile(r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b")
_DIGITS = re.compile(r"\d+")


# ---------------------------------------------------------------- dates


def find_dates(doc) -> tuple[DateMention, ...]:
    """Every date written in the text, in text order (rules read it as ``ctx.dates``)."""
    text = doc.text
    zones = Zones(doc)
    out: list[DateMention] = []
    done = 0
    # a date read from a word starts or continues with that word as the grammar's MONTH token
    # (at a letter no terminal of higher priority can match)
    month_token = terminal("date", "MONTH")
    line_bounds = LineBounds(text)
    for found, found_end in _candidates(text):
        if found < done:
            continue
        numeric = text[found].isdigit()
        if not numeric and not month_token(text, found):
            continue  # "decides", "market": no date can be read from a word that is no month
        line_start, line_end = line_bounds(found)
        starts = [found]
        if not numeric:
            lo = max(line_start, found - 40)
            before = _DAY_BEFORE.search(text, lo, found)
            if before:  # "from 6 to 10 November": try the range, then "10 November" alone
                one = _ONE_DAY_BEFORE.search(text, lo, found)
                starts = [before.start()] + ([one.start()] if one and one.start() != before.start() else [])
            elif not (text[found].isupper() and _DAY_AFTER.match(text, found_end)):
                continue
        for start in starts:
            tree = longest_parse("date", text[start:min(line_end, found_end + 40)])
            if tree is not None:
                break
        else:
            continue
        mention = _date_mention(tree, text, start, zones)
        if mention is not None:
            out.append(mention)
            done = mention.end
    return tuple(out)


def _date_mention(tree, text: str, offset: int, zones: Zones) -> DateMention | None:
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
        day_values = [int(_DIGITS.match(str(t)).group(0)) for t in days]
        year_values = [int(str(t)) for t in years]
        if form.startswith("range") or form == "pair":
            first = Day(day_values[0], month_values[0], year_values[0])
            last = Day(day_values[1], month_values[-1], year_values[-1])
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
