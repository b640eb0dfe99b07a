"""The record of adoption dates: which date the texts give each General Assembly resolution.

``unlint learn FOLDER`` reads every text of a folder (any input form), takes the date each
text gives each Assembly resolution it cites ("resolution 69/196 of 18 December 2014"), and
writes one line per resolution: its number, the date most texts give it, how many texts give
that date and how many give another. ``rules/resolution-dates.tsv`` is this record made from
the shared corpus of edited resolutions; a configuration can name another (``record:``), made
from a user's own archive. CI010 reports a citation whose date the record contradicts.

A text counts once per resolution and date, however often it repeats the citation.

The Assembly numbers its resolutions in the order it adopts them, session by session, so the
record also bounds the date of a resolution it does not hold: 79/75 was adopted neither before
79/74 nor after 79/76 (:meth:`Record.neighbours`). Numbers with a part letter ("47/120 B": a
part adopted later) and entries outside their session's year are left out of that reading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path

from unlint.resources import data_dir

RECORD = "resolution-dates.tsv"
HEADER = ("# The adoption dates that texts give General Assembly resolutions, made by `unlint learn`:\n"
          "# number<TAB>date most texts give<TAB>texts that give it<TAB>texts that give another.\n")


@dataclass(frozen=True)
class Entry:
    number: str
    date: str  # as written: "18 December 2014"
    agree: int
    disagree: int


def assembly_dates(citations) -> set[tuple[str, str]]:
    """(number, date) of each dated General Assembly resolution a text cites (session numbers)."""
    return {(c.number, str(c.date)) for c in citations
            if c.kind == "resolution" and c.form == "session" and c.body == "General Assembly"
            and c.date is not None and c.date.day is not None and c.date.year is not None}


def learn(texts) -> list[Entry]:
    """The record from the (number, date) sets of several texts."""
    votes: dict[str, Counter] = {}
    for pairs in texts:
        for number, when in pairs:
            votes.setdefault(number, Counter())[when] += 1
    out = []
    for number, counter in votes.items():
        (date, agree), *_ = counter.most_common(1)
        out.append(Entry(number, date, agree, sum(counter.values()) - agree))
    return sorted(out, key=lambda e: _order(e.number))


def _order(number: str) -> tuple[int, str]:
    session, _, rest = number.partition("/")
    return (int(session) if session.isdigit() else 0, rest.zfill(8))


def render(entries: list[Entry], source: str) -> str:
    return HEADER + f"# Source: {source}\n" + "".join(
        f"{e.number}\t{e.date}\t{e.agree}\t{e.disagree}\n" for e in entries)


def parse(text: str, name: str) -> dict[str, Entry]:
    """A record's entries by number; raises ValueError naming the line of a malformed one."""
    out = {}
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
            raise ValueError(f"{name}:{i}: a record line is number<TAB>date<TAB>texts<TAB>texts")
        out[parts[0]] = Entry(parts[0], parts[1], int(parts[2]), int(parts[3]))
    return out


_PLAIN = re.compile(r"(\d{1,3})/(\d{1,4})")


class Record:
    """A record's entries by number (:meth:`get`), and the entries around a number of the same
    session (:meth:`neighbours`), found by bisection over each session's sorted numbers."""

    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries

    def __bool__(self) -> bool:
        return bool(self.entries)

    def get(self, number: str) -> Entry | None:
        return self.entries.get(number)

    @cached_property
    def _sessions(self) -> dict[int, tuple[list[int], list[tuple[date, Entry]]]]:
        from unlint.analysis.dates import written_day

        found: dict[int, list] = {}
        for number, entry in self.entries.items():
            m = _PLAIN.fullmatch(number)
            day = written_day(entry.date)
            when = day.as_date() if day is not None else None
            if m is None or when is None or not in_session(int(m.group(1)), when):
                continue
            found.setdefault(int(m.group(1)), []).append((int(m.group(2)), when, entry))
        out = {}
        for session, items in found.items():
            items.sort(key=lambda x: x[0])
            out[session] = ([n for n, _, _ in items], [(d, e) for _, d, e in items])
        return out

    def neighbours(self, number: str) -> tuple[tuple[date, Entry] | None, tuple[date, Entry] | None]:
        """The nearest lower and higher numbers of the session that the record dates
        (with their dates), or None."""
        m = _PLAIN.fullmatch(number)
        if m is None or int(m.group(1)) not in self._sessions:
            return None, None
        numbers, dated = self._sessions[int(m.group(1))]
        n = int(m.group(2))
        i = bisect_left(numbers, n)
        lower = dated[i - 1] if i > 0 else None
        j = i + 1 if i < len(numbers) and numbers[i] == n else i
        higher = dated[j] if j < len(numbers) else None
        return lower, higher


def in_session(session: int, when: date) -> bool:
    """Could the Assembly adopt a resolution of this session on this day? Sessions from the
    fortieth open in September of 1945 + session and end before the next one opens."""
    if session < 40:
        return True
    return date(1945 + session, 9, 1) <= when <= date(1946 + session, 9, 30)


@cache
def shipped() -> dict[str, Entry]:
    """The record made from the shared corpus (``rules/resolution-dates.tsv``)."""
    path = data_dir("rules") / RECORD
    return parse(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else {}


def read_record(path: str) -> dict[str, Entry]:
    """A user's record (``record:`` in the configuration); raises ValueError or OSError."""
    return parse(Path(path).read_text(encoding="utf-8"), path)
