"""The record of adoption dates: which date the texts give each General Assembly resolution.

``unlint learn FOLDER`` reads every text of a folder (any input form), takes the date each
text gives each Assembly resolution it cites ("resolution 69/196 of 18 December 2014"), and
writes one line per resolution: its number, the date most texts give it, how many texts give
that date and how many give another. ``rules/resolution-dates.tsv`` is this record made from
the shared corpus of edited resolutions; a configuration can name another (``record:``), made
from a user's own archive. CI010 reports a citation whose date the record contradicts.

A text counts once per resolution and date, however often it repeats the citation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
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
        for number, date in pairs:
            votes.setdefault(number, Counter())[date] += 1
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


@cache
def shipped() -> dict[str, Entry]:
    """The record made from the shared corpus (``rules/resolution-dates.tsv``)."""
    path = data_dir("rules") / RECORD
    return parse(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else {}


def read_record(path: str) -> dict[str, Entry]:
    """A user's record (``record:`` in the configuration); raises ValueError or OSError."""
    return parse(Path(path).read_text(encoding="utf-8"), path)
