"""PDF text, page by page: the lines of the original, and the page furniture to drop.

Furniture is what the page adds around the text: undocs.org links, job numbers ("18-22282"),
barcodes ("*1822282*"), page lines ("9/20 18-22282"), anywhere in the file
(:func:`is_furniture`); the header block that opens each later page of flowed text
(:func:`page_header_end`); the running headers of double-spaced text, the title wrapped as on
the page with the document symbol (:func:`running_headers`). :func:`patterns` holds what the
first-page header is made of (organs, Main Committees, symbol series from rules/marks.yaml,
dates with the months of rules/months.yaml), which ends at the organ line.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from unlint.readers import marks

_STRIP = " \t\r\f\v"

RULE = re.compile(r"_{5,}")  # the rule above a page's footnotes
JOB = re.compile(r"\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?")
PAGE_JOB = re.compile(r"\d{1,3}/\d{1,3}\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d{1,3}/\d{1,3}")
_LINK = re.compile(r"https?://\S+|www\.\S+")
_PAGE = re.compile(r"\d{1,3}/\d{1,3}")
_BARCODE = re.compile(r"\*\d{7,}\*")
_FURNITURE = re.compile(
    "|".join(x.pattern for x in (_LINK, JOB, _BARCODE, PAGE_JOB))
)
_FURNITURE_FIRST = frozenset("hw0123456789*")
_NUMBERED_TITLE = re.compile(r"(?:\d{1,4}/\d{1,4}(?: [A-Z])?|[A-Z]-\d{1,2}/\d{1,3})\.\s+")


class Patterns(NamedTuple):
    """The patterns built from rules/marks.yaml and rules/months.yaml (see :func:`patterns`)."""

    symbol: re.Pattern  # a document symbol: "A/RES/73/186"
    date: re.Pattern  # "16 July 2024"
    #: first-page header items that stand alone on their line (never joined to the next line)
    header_item: re.Pattern
    organ: re.Pattern  # the organ line, which ends the header: "The General Assembly,"
    #: a line ending with a word after which a number is text ("paragraph", "resolution")
    takes_number_end: re.Pattern


@cache
def patterns() -> Patterns:
    """The line patterns that hold knowledge, built on first use and cached: they depend on the
    shipped tables only, which do not change while the process runs."""
    symbol = marks.symbol_pattern()
    organs = "|".join(re.escape(w) for w in marks.words("organs"))
    return Patterns(
        symbol=re.compile(symbol),
        date=re.compile(r"\d{1,2} " + marks.month_pattern() + r" \d{4}"),
        header_item=re.compile(
            r"United Nations|" + symbol + "|" + organs + "|"
            r"Distr\.:?.*|Original: .*|"
            r"[A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special| resumed)? session|"
            + marks.alternation("main_committees") + r" Committee|"
            r"Agenda items? .*"
        ),
        organ=re.compile(r"The (?:" + organs + r"|Commission on |Conference of the )"),
        takes_number_end=re.compile(r"\b" + marks.alternation("number_takers_at_line_end") + "$"),
    )


class Lines:
    """The original split into lines: content spans without indentation and trailing spaces."""

    def __init__(self, text: str):
        self.text = text
        starts: list[int] = []
        cs: list[int] = []
        ce: list[int] = []
        brk: list[int] = []
        empty: list[bool] = []
        contents: list[str] = []
        pos = 0
        for line in text.split("\n"):
            length = len(line)
            content = line.strip(_STRIP)
            a = pos + length - len(line.lstrip(_STRIP)) if content else pos
            starts.append(pos)
            cs.append(a)
            ce.append(a + len(content))
            brk.append(pos + length - 1 if line.endswith("\r") else pos + length)
            empty.append(not line.strip("\f\r"))
            contents.append(content)
            pos += length + 1
        self.starts, self.cs, self.ce, self.brk, self.empty = starts, cs, ce, brk, empty
        self.contents = contents
        self.n = len(starts)

    def content(self, i: int) -> str:
        return self.contents[i]

    def indent(self, i: int) -> int:
        return self.cs[i] - self.starts[i]

    def span(self, i: int, start: int | None = None) -> tuple[int, int, int]:
        return (self.cs[i] if start is None else start, self.ce[i], self.brk[i])


def is_furniture(c: str) -> bool:
    """Links, job numbers, barcodes and "9/20 18-22282" page lines (anywhere in the file)."""
    return c[:1] in _FURNITURE_FIRST and _FURNITURE.fullmatch(c) is not None


def page_header_end(L: Lines, i: int) -> int | None:
    """Flowed text, after a page break at line i: the line after the page's header block
    (symbol, running title, job number "25-17953", page "2/3"), or None when none follows."""
    job = page = False
    for j in range(i + 1, min(L.n, i + 14)):
        c = L.content(j)
        if JOB.fullmatch(c):
            job = True
        elif _PAGE.fullmatch(c):
            page = True
        elif PAGE_JOB.fullmatch(c):
            job = page = True
        if job and page:
            return j + 1
    return None


def _title(L: Lines) -> tuple[str, str | None]:
    """The document title (as running headers repeat it) and its symbol."""
    p = patterns()
    parts: list[str] = []
    symbols: Counter[str] = Counter()
    for c in L.contents:
        if "/" not in c:
            continue
        words = c.split()
        for symbol in {words[0], words[-1]}:  # "A/RES/73/186", "... capacity A/RES/73/186"
            if "/" in symbol[2:] and p.symbol.fullmatch(symbol):
                symbols[symbol] += 1
    for c in L.contents:
        if not c:
            continue
        if p.organ.match(c):
            break
        if not is_furniture(c) and not p.header_item.fullmatch(c):
            parts.append(c)
    title = " ".join(" ".join(parts).split())
    title = _NUMBERED_TITLE.sub("", title, count=1)
    symbol = symbols.most_common(1)[0][0] if symbols else None
    return title, symbol


def running_headers(L: Lines) -> set[int]:
    """Double-spaced text: the lines of running headers, the title (wrapped as on the page)
    with the symbol."""
    title, symbol = _title(L)
    found: set[int] = set()
    if not symbol:
        return found
    nonblank = [i for i, c in enumerate(L.contents) if c]
    pos = {line: k for k, line in enumerate(nonblank)}
    for i in nonblank:
        c = L.content(i)
        if c == symbol:
            found.add(i)
            # symbol first, then the title lines
            acc = ""
            run: list[int] = []
            for j in nonblank[pos[i] + 1 : pos[i] + 6]:
                acc = (acc + " " + L.content(j)).strip()
                norm = " ".join(acc.split())
                if not title.startswith(norm):
                    break
                run.append(j)
                if norm == title:
                    found.update(run)
                    break
        elif c.endswith(symbol) and title:
            rest = " ".join(c[: -len(symbol)].split())
            if not rest or not title.endswith(rest):
                continue
            acc = rest
            run = [i]
            if acc == title:
                found.update(run)
                continue
            for j in reversed(nonblank[max(0, pos[i] - 5) : pos[i]]):
                acc = " ".join((L.content(j) + " " + acc).split())
                if not title.endswith(acc):
                    break
                run.append(j)
                if acc == title:
                    found.update(run)
                    break
    return found
