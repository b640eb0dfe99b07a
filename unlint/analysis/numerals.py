"""Numbers written in words and in Roman numerals, as UN texts number their sessions.

"seventy-third session" is session 73, "2200 A (XXI)" a resolution of the twenty-first,
"seventy-three" is 73. The words and the numerals' values are in rules/sessions.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from unlint.knowledge import table

_HYPHENS = re.compile(r"[\s‑–-]+")


@cache
def _words(kind: str) -> dict[str, int]:
    """Every ``kind`` ("ordinal" or "cardinal") word from 1 to 99 to its number: the units,
    teens and tens of rules/sessions.yaml, and each ten joined to a unit ("seventy-third",
    "seventy-three"). A pure function of the table, read once."""
    data = table("sessions")
    units = data[f"{kind}_units"]
    out = dict(units)
    out.update(data[f"{kind}_teens"])
    out.update(data[f"{kind}_tens"])
    for tens_word, tens in data["cardinal_tens"].items():
        for unit_word, unit in units.items():
            out[f"{tens_word}-{unit_word}"] = tens + unit
    return out


def ordinal(word: str) -> int | None:
    """73 for "seventy-third" (any hyphen), None for a word that is not an ordinal."""
    return _words("ordinal").get(_HYPHENS.sub("-", word.strip().lower()))


def cardinal(word: str) -> int | None:
    """73 for "seventy-three" (any hyphen), None for a word that is not a number."""
    return _words("cardinal").get(_HYPHENS.sub("-", word.strip().lower()))


def cardinal_pattern(at_least: int = 1) -> str:
    """A regular expression for a number in words from ``at_least`` to ninety-nine, longest
    first."""
    words = sorted((w for w, n in _words("cardinal").items() if n >= at_least), key=len, reverse=True)
    return "|".join(w.replace("-", r"[\s‑–-]") for w in words)


def cardinal_word(number: int) -> str:
    """"five" for 5; the figures when there is no word for the number."""
    for word, value in _words("cardinal").items():
        if value == number:
            return word
    return str(number)


def ordinal_word(number: int) -> str:
    """"seventy-third" for 73; the figures when there is no word for the number."""
    for word, value in _words("ordinal").items():
        if value == number:
            return word
    return str(number)


def roman(text: str) -> int | None:
    """21 for "XXI" (upper case); None when ``text`` is not written in Roman numerals."""
    numerals = table("sessions")["roman_numerals"]
    values = [numerals.get(c) for c in text]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def roman_numeral(number: int) -> str:
    """"XXI" for 21: the largest numerals first, a power of ten before the numeral five or ten
    times its value for 4 and 9 of each order (IV, IX, XL, XC)."""
    numerals = table("sessions")["roman_numerals"]
    forms = list(numerals.items())
    forms += [(small + large, value - ten) for small, ten in numerals.items()
              for large, value in numerals.items() if str(ten).rstrip("0") == "1" and value in (5 * ten, 10 * ten)]
    out = []
    for letters, value in sorted(forms, key=lambda form: -form[1]):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
