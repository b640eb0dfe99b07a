"""The bodies that issue resolutions and decisions: their names, how each numbers its texts, and
the organ a document symbol belongs to (rules/citation_bodies.yaml, rules/sessions.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from unlint.analysis.numerals import roman
from unlint.analysis.text import phrases
from unlint.knowledge import table

_SPACES = re.compile(r"\s+")
_ROMAN_OF = re.compile(r"\((?:E?S-)?([IVXL]+)\)")


@dataclass(frozen=True)
class Bodies:
    """rules/citation_bodies.yaml, read once, with the patterns built from it."""

    names: dict  # every name the text may use -> canonical body
    numbers: dict  # canonical body -> the number forms it uses (absent: any)
    contextual: tuple  # "Council": the last Council named
    body_words: frozenset
    organs: dict  # symbol prefix -> organ
    implied: dict  # number form -> the body it implies ("year": the Economic and Social Council)
    before: re.Pattern  # a body name ending the text before a citation
    owner: re.Pattern  # "the Commission, in its" (or "by the Commission ... of its") before a citation
    anywhere: re.Pattern  # a known body name with a numbering, anywhere
    trailing: re.Pattern  # connectors at the end of a name ("Commission on the")
    numbering: re.Pattern  # a body numbering by session (group "other"), or the Assembly
    adopting: re.Pattern  # "adopted by the Commission" after a number


@cache
def bodies() -> Bodies:
    """The table (a pure function of the shipped YAML, built once per process)."""
    data = table("citation_bodies")
    names, numbers = {}, {}
    for entry in data["bodies"]:
        for alias in entry["names"]:
            names[alias] = entry["name"]
        if "numbers" in entry:
            numbers[entry["name"]] = tuple(entry["numbers"])
    word = r"[A-Z][\w’'‑-]*"
    connector = rf"(?:{phrases(data['connectors'])})"
    head_name = rf"(?:{phrases(data['heads'])})(?:(?:\s+{connector})*\s+{word})*"
    alternatives = rf"{head_name}|{phrases(names, True)}|(?:{'|'.join(data['contextual'])})"
    numbered = [n for n in names if names[n] in numbers and names[n] == n]
    others = "|".join(phrases([name]) + (r"\s+[A-Z]" if name.split()[-1] in data["connectors"] else "")
                      for name in data["numbering_by_session"])
    # "Assembly" alone is the General Assembly, but not in "Environment Assembly"
    short = [n for n in names if names[n] == assembly() and " " not in n]
    not_after = "".join(rf"(?<!{re.escape(name[: -len(s)])})" for name in data["numbering_by_session"]
                        for s in short if name.endswith(" " + s))
    return Bodies(
        names, numbers, tuple(data["contextual"]), frozenset(data["body_words"]), data["symbol_organs"],
        data["implied_by_form"],
        re.compile(rf"(?<![\w’'‑-])(?P<name>{alternatives})\s+(?:(?:in|by)\s+)?\Z"),
        re.compile(rf"(?<![\w’'‑-])[Tt]he\s+(?P<name>{alternatives})\s*,?\s+"
                   rf"(?:(?:in|by|through|under|with|of)\s+)?its\s+\Z"),
        re.compile(rf"(?<![\w’'‑-])(?:{phrases(numbered, True)})(?![\w’'‑-])"),
        re.compile(rf"(?:\s+{connector})+$"),
        re.compile(rf"(?P<other>{others})|(?P<assembly>{not_after}\b(?:{phrases(short, True)})\b)"),
        re.compile(rf"\b(?:adopted\s+)?by\s+the\s+(?:{phrases(data['adopting_body_words'])})\b"),
    )


def assembly() -> str:
    """The General Assembly, as the body table names it: the organ of rules/sessions.yaml."""
    return table("sessions")["organ"]


def canonical_body(name: str) -> str:
    """The body's own name for a name the text uses ("Assembly" -> "General Assembly")."""
    name = _SPACES.sub(" ", name).strip()
    name = bodies().trailing.sub("", name)
    return bodies().names.get(name, name)


def fits(body: str | None, form: str, number: str) -> bool:
    """Whether ``body`` numbers its resolutions the way ``number`` is written."""
    forms = bodies().numbers.get(body)
    if body is None or forms is None:
        return True
    if form not in forms:
        return False
    first = table("sessions")["first_numbered_session"]
    if body == assembly() and form == "session":
        return int(number.split("/")[0]) >= first
    if body == assembly() and form == "old":
        session = old_session(number)
        return session is not None and session < first
    return True


def old_session(number: str) -> int | None:
    """The session in Roman numerals of "2200 A (XXI)" (21), or None."""
    m = _ROMAN_OF.search(number)
    return roman(m.group(1)) if m else None


def implied(form: str, number: str, organ: str | None) -> tuple[str | None, str]:
    """(body, via) when nothing names the body: from the form of the number ("number"), or
    the document's organ for a bare session number ("organ"), or (None, "")."""
    body = bodies().implied.get(form)
    if body is not None:
        return body, "number"
    first = table("sessions")["first_numbered_session"]
    if form == "old":
        session = old_session(number)
        if organ == assembly() and session is not None and session < first:
            return assembly(), "number"
        return None, ""
    if form == "session":
        # The Assembly numbers NN/x from its thirty-first session: a lower number is another
        # body's (a Conference of the Parties, a commission) even in an Assembly text.
        if organ == assembly() and int(number.split("/")[0]) < first:
            return None, ""
        return organ, "organ"
    return None, ""


def symbol_organs(symbol: str) -> list[str]:
    """The organs a document symbol belongs to, the most specific first ("A/HRC/55/L.1": the
    Human Rights Council, then the General Assembly)."""
    prefixes = bodies().organs
    return [prefixes[p] for p in sorted(prefixes, key=len, reverse=True) if symbol.startswith(p)]
