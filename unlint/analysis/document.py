"""What a document says about itself: its symbol, the organ that speaks in it, its General
Assembly session, its own date, and whether it is an adopted text or a draft.

Read from the header the parser found (symbol, number, date and session lines, adoption line),
the organ line ("The General Assembly,") and the front matter; ``ctx.document_date`` is
:func:`document_date`.
"""

from __future__ import annotations

import re
from datetime import date as _date

from unlint.analysis.bodies import assembly, bodies, symbol_organs
from unlint.analysis.dates import written_day
from unlint.analysis.numerals import ordinal

_THE = re.compile(r"^The\s+")
_SYMBOL_SESSION = re.compile(r"^A/(?:(?:C\.\d|RES|ES-\d+|INF|BUR|HRC/RES)/)?(\d{2})/")
_ADOPTED_ON = re.compile(r"\b(?:adopted|Adopted)\b.*?\bon\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
_ORDINAL_WORD = re.compile(r"[a-z]+(?:[-‑ ][a-z]+)?")


def document_symbol(doc) -> str | None:
    """"A/RES/73/186" from the header's symbol line, or the front matter's ``symbol``."""
    if doc.header.symbol is not None:
        return doc.header.symbol.text.split()[0]
    meta = doc.meta or {}
    return str(meta["symbol"]) if meta.get("symbol") else None


def document_organ(doc) -> str | None:
    """The organ that speaks in the document: from "The General Assembly," or the symbol."""
    if doc.organ is not None:
        text = _THE.sub("", doc.organ.text).rstrip(", ").strip()
        return bodies().names.get(text, text)
    symbol = document_symbol(doc)
    organs = symbol_organs(symbol) if symbol else []
    return organs[0] if organs else None


def document_session(doc) -> int | None:
    """The General Assembly session of the document: from its number, symbol or session line."""
    if document_organ(doc) not in (None, assembly()):
        return None
    number = doc.header.number
    if number and "/" in number and not number[0].isalpha():
        return int(number.split("/")[0])
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
        day = written_day(text)
        if day is not None and day.as_date():
            return day.as_date()
    meta = (doc.meta or {}).get("date")
    if meta:
        try:
            return _date.fromisoformat(str(meta)[:10])
        except ValueError:
            return None
    return None
