"""The report formats (text, json, sarif, github, html) and what they share: how a name or a
message from outside (a file name, a document's text) is made safe to show.

A file name on Linux is bytes; those that are not UTF-8 reach Python as lone surrogates, which
no report can carry, and any name may hold control characters (an escape sequence that would
drive the terminal, a line break that would split a report line). :func:`printable` writes
both as visible escapes for what people read (text, GitHub, HTML, the messages on standard
error); :func:`portable` only the bytes that are not UTF-8, for JSON and SARIF, which escape
control characters themselves.
"""

from __future__ import annotations

import unicodedata

_SHOWN_AS_IS = {"\t"}
_ESCAPED_CATEGORIES = {"Cc", "Cs", "Cf", "Zl", "Zp"}  # controls, lone surrogates, format (bidi), separators


def printable(text: str) -> str:
    """``text`` with control, format and separator characters, and file-name bytes that are not
    UTF-8, written as ``\\xNN`` / ``\\uNNNN`` escapes (tabs kept)."""
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c in _SHOWN_AS_IS or unicodedata.category(c) not in _ESCAPED_CATEGORIES:
            out.append(c)
        elif 0xDC80 <= ord(c) <= 0xDCFF:  # a byte that is not UTF-8, as Python keeps it
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(f"\\u{ord(c):04x}")
    return "".join(out)


def portable(path: str) -> str:
    """A file name with its bytes that are not UTF-8 written as ``\\xNN``: valid Unicode."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
