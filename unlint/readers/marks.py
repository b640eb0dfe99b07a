"""What the readers recognise in a text, read from rules/marks.yaml (months from rules/months.yaml).

Superscript digits (footnote references typed "¹⁰"), the organs, Main Committees and symbol
series of a first-page header, the words that open a preambular paragraph, the words around a
bare number that show it is text. The readers build their regular expressions from these, on
first use (nothing is read when a reader is imported).

Every function here is cached (functools.cache): each is a pure function of its arguments and
of the shipped tables, which do not change while the process runs.
"""

from __future__ import annotations

import re
from functools import cache

from unlint.knowledge import table

#: a unit before a raised "²" or "³" (km², m³): a power, not a footnote reference
UNIT_BEFORE = re.compile(r"(?:\b(?:k?m|cm|mm|ft|mi|sq)|°)$")


@cache
def _superscripts() -> dict[str, str]:
    """Digit -> its superscript, checked: all ten digits, one character each."""
    found = table("marks")["superscript_digits"]
    pairs = {str(k): v for k, v in found.items()}
    if sorted(pairs) != list("0123456789") or any(len(v) != 1 for v in pairs.values()):
        raise ValueError("rules/marks.yaml: superscript_digits must map each digit 0-9 to one character")
    return dict(sorted(pairs.items()))


@cache
def superscript_digits() -> dict[int, int]:
    """A :meth:`str.translate` table from superscript digits to ASCII ("¹⁰" -> "10")."""
    sup = _superscripts()
    return str.maketrans("".join(sup.values()), "".join(sup))


@cache
def digit_superscripts() -> dict[int, int]:
    """A :meth:`str.translate` table from ASCII digits to superscripts ("10" -> "¹⁰")."""
    sup = _superscripts()
    return str.maketrans("".join(sup), "".join(sup.values()))


@cache
def superscript_class() -> str:
    """A regular-expression character class matching one superscript digit: ``[⁰¹²...]``."""
    return "[" + "".join(re.escape(c) for c in _superscripts().values()) + "]"


@cache
def words(*path: str) -> tuple[str, ...]:
    """The word list at ``path`` in rules/marks.yaml: ``words("organs")``,
    ``words("bare_references", "units")``."""
    node = table("marks")
    for key in path:
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(w, str) and w for w in node):
        raise ValueError(f"rules/marks.yaml: {'.'.join(path)} must be a list of words")
    return tuple(node)


@cache
def alternation(*path: str) -> str:
    """The words at ``path`` (see :func:`words`) as a regular-expression group ``(?:w1|w2|...)``,
    each matched literally."""
    return _group(words(*path))


@cache
def month_names() -> tuple[str, ...]:
    """January ... December (rules/months.yaml)."""
    return tuple(table("months")["months"])


@cache
def month_pattern() -> str:
    """The month names as a regular-expression group ``(?:January|...|December)``."""
    return _group(month_names())


@cache
def symbol_pattern() -> str:
    """A document symbol ("A/RES/73/186", "E/CN.15/2019/L.3") as a regular expression: a series
    of rules/marks.yaml, then one to six parts after slashes."""
    return alternation("symbol_series") + r"(?:/[A-Za-z0-9.\-]+){1,6}"


def _group(items) -> str:
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"
