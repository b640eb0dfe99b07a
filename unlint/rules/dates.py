"""DT: dates ("18 December 1991", "from 6 to 10 November 2017", "9–20 July 2001").

The rules read the shared extraction of :mod:`unlint.analysis.dates` (``ctx.dates``); DT002 also
scans for day-word-year triples whose word is not a month (a misspelt one).
"""

from __future__ import annotations

import calendar
import re
from datetime import date as _date
from functools import cache

from unlint.analysis.dates import Day, month_name, month_number
from unlint.analysis.document import document_adopted, document_session
from unlint.analysis.text import phrases
from unlint.knowledge import table
from unlint.registry import rule

_DAY_WORD_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,12})\.?\s+((?:19|20)\d{2})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@cache
def _held() -> tuple[re.Pattern, re.Pattern]:
    """("held", "took place" ...; "to be", "will" ... just before it), from rules/verbs.yaml."""
    verbs = table("verbs")
    return (re.compile(rf"\b(?:{phrases(verbs['past_events'])})\b"),
            re.compile(rf"\b(?:{phrases(verbs['future_auxiliaries'])})\s+(?:be\s+)?\Z"))


@rule("DT001", "impossible-date", "error")
def impossible_date(doc, ctx):
    """A date that is not in the calendar ("31 September 2017", "29 February 2023", "32 May 2018").

    **Why.** An impossible date is a typing slip in the day or the month; the citation or the
    event it dates cannot be checked.

    **Example.** ``held in Vienna from 6 to 31 September 2017``

    **Use instead.** The real date (``from 6 to 10 November 2017``).
    """
    for d in ctx.dates:
        for day in (d.first, d.last):
            if day is None or day.valid or day.day is None or not 1 <= day.month <= 12:
                continue
            if day.day == 0:
                why = "there is no day 0"
            elif day.day > 31:
                why = f"no month has {day.day} days"
            else:
                why = f"{month_name(day.month)} {day.year or ''} has {_days_in(day)} days".replace("  ", " ")
            yield doc.finding(d.start, d.end, f"{day} is not a date: {why}")
            break


def _days_in(day: Day) -> int:
    return calendar.monthrange(day.year if day.year is not None else 2000, day.month)[1]


@cache
def _month_words() -> tuple[tuple[str, ...], frozenset[str]]:
    data = table("months")
    return tuple(data["months"]), frozenset(data.get("not_months", ()))


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment)."""
    from rapidfuzz.distance import OSA  # on the first misspelt month only: 8 ms to import

    return OSA.distance(a, b)


def _closest_month(word: str) -> str | None:
    """The one month within two edits of ``word`` (same first letter), or None."""
    months, _ = _month_words()
    scored = sorted((_distance(word.lower(), m.lower()), m) for m in months
                    if m[0] == word[0].upper())
    if not scored or scored[0][0] > 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


@rule("DT002", "month-spelling", "error")
def month_spelling(doc, ctx):
    """A misspelt or lower-case month name in a date ("18 Decmber 2014", "18 december 2014").

    **Why.** A misspelt month is missed by a spell checker that knows proper nouns, and by
    every search for the date.

    **Example.** ``resolution 70/1 of 25 Setpember 2015``

    **Use instead.** ``resolution 70/1 of 25 September 2015``

    **Fix safety.** Safe: the word is replaced by the only month within two letters of it.
    """
    months, not_months = _month_words()
    text = doc.text
    for m in _DAY_WORD_YEAR.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/.,"):
            continue
        word = m.group(2)
        if word in months or word in not_months or month_number(word) and word[0].isupper():
            continue
        if word.lower() in (x.lower() for x in months):
            right = word.capitalize()
        elif len(word) >= 4 and word[0].isupper():
            right = _closest_month(word)
        else:
            right = None
        if right is None:
            continue
        s, e = m.start(2), m.end(2)
        yield doc.finding(s, e, f"\"{word}\" is not a month: \"{right}\"",
                          doc.replace(s, e, right, f"write \"{right}\""))


def _un_form(d) -> str | None:
    """The mention in UN form ("18 December 2014"), or None when it cannot be sure."""
    if d.form == "numeric":
        a, b, _ = (int(x) for x in _NUMERIC.match(d.text).groups())
        if a <= 12 and b <= 12 and a != b:
            return None  # 05/06/2014: 5 June or May 6
    if not d.first.valid or (d.last is not None and not d.last.valid):
        return None
    if d.form in ("us", "ordinal", "numeric"):
        return str(d.first)
    out, pos = [], 0
    for s, e in d.month_words:  # "18 Dec. 2014", "9–20 Sept. 2001": the month words only
        word = d.text[s - d.start:e - d.start]
        out.append(d.text[pos:s - d.start])
        out.append(month_name(month_number(word)) if month_number(word) else word)
        pos = e - d.start
    out.append(d.text[pos:])
    return "".join(out)


def _is_un(d) -> bool:
    if d.form not in ("un", "range", "pair"):
        return False
    months, _ = _month_words()
    return all(d.text[s - d.start:e - d.start] in months or not d.text[s - d.start].isupper()
               for s, e in d.month_words)


@rule("DT003", "date-format", "warning")
def date_format(doc, ctx):
    """A date not in UN form ("December 18, 2014", "18th December", "18/12/2014", "18 Dec. 2014").

    **What it does.** UN style writes day, month in full, year: "18 December 2014". Dates in
    the United States order, with ordinal suffixes, in figures or with an abbreviated month
    are flagged with the UN form.

    **Why.** The editorial rules of the Organization fix one form, the one every translation
    and search expects; "05/06/2014" is 5 June in Geneva and May 6 in New York.

    **Example.** ``adopted on December 18, 2014``

    **Use instead.** ``adopted on 18 December 2014``

    **Fix safety.** Safe when the date is certain; "05/06/2014" (day and month both 12 or
    less) is flagged without a fix.
    """
    for d in ctx.dates:
        if _is_un(d):
            continue
        right = _un_form(d)
        if right == d.text:
            continue
        fix = doc.replace(d.start, d.end, right, f"write \"{right}\"") if right else None
        advice = f"\"{right}\"" if right else "day, month in full, year (is it day/month or month/day?)"
        yield doc.finding(d.start, d.end, f"\"{d.text}\" is not a UN date: write {advice}", fix)


@rule("DT004", "range-order", "error")
def range_order(doc, ctx):
    """A range of dates whose end comes before its start ("from 10 to 6 November 2017").

    **Why.** Days or months were swapped, or the first date lacks its own year ("from
    28 December to 3 January 2024" reads as one year running backwards).

    **Example.** ``held in Vienna from 10 to 6 November 2017``

    **Use instead.** ``held in Vienna from 6 to 10 November 2017``
    """
    for d in ctx.dates:
        if d.form != "range" or d.last is None:
            continue
        first, last = d.first.as_date(), d.last.as_date()
        if first and last and last < first:
            yield doc.finding(d.start, d.end, f"the range ends ({d.last}) before it starts "
                              f"({d.first})")


@rule("DT005", "held-after-document-date", "warning")
def held_after_document_date(doc, ctx):
    """An event the text says was held on a date after the document's own date.

    **What it does.** Compares dates introduced by "held", "took place" or "convened" (not "to
    be held", "will be held") with the adoption date of a resolution (from its header or front
    matter). A draft speaks as of its adoption, which may come weeks after its own date ("the
    Conference ..., held in Belem from 10 to 21 November 2025" in a draft of 15 October), so
    in a draft only a date after the end of its session (September of the next year) is
    flagged.

    **Why.** A past-tense "held" with a future date is either a wrong date or a text written
    before the event that was not updated.

    **Example.** ``held in Vienna from 6 to 10 November 2018`` in a text of 14 November 2017.

    **Use instead.** The right date, or ``to be held in Vienna from 6 to 10 November 2018``.
    """
    own = ctx.document_date
    session = document_session(doc)
    if not document_adopted(doc):
        own = _date(1946 + session, 9, 30) if session else None
    if own is None:
        return
    text = doc.text
    held_verb, not_yet = _held()
    for d in ctx.dates:
        day = d.first.as_date() if d.first.year is not None else None
        if day is None or day <= own or d.zone == "header":
            continue
        lo = max(text.rfind("\n", 0, d.start) + 1, text.rfind(";", 0, d.start) + 1, d.start - 120)
        held = None
        for held in held_verb.finditer(text, lo, d.start):
            pass
        if held is None or not_yet.search(text, lo, held.start()):
            continue
        what = "the document's own date" if document_adopted(doc) else "the end of the draft's session"
        yield doc.finding(d.start, d.end, f"the text says this was {held.group(0)} on {d.first}, "
                          f"after {what} ({own.day} {month_name(own.month)} {own.year})")
