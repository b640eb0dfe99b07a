"""Readers turn an original file into the canonical text that the grammar parses.

The canonical text is the contract between the readers and the grammar (grammars/resolution.lark):

* one block per line, lines separated by ``\\n``: a header line, the title, the organ line
  ("The General Assembly,"), one paragraph (wrapped lines joined by one space), one
  sub-paragraph ("(a) ..."), an annex heading;
* markup, indentation, trailing spaces and page furniture removed; the text itself kept;
* footnote definitions come after the body, in their original order, one per line, written
  ``[^N]: text`` (the brackets, caret, colon and space are synthetic; ``N`` is copied from the
  original number so that it points at it);
* footnote references are not in the text: :attr:`Reading.refs` lists them, each attached at
  the canonical offset just after the word it follows;
* italic ranges (Markdown) are listed in :attr:`Reading.italics` as canonical ranges.

Every canonical character maps back to the original through :class:`~unlint.textmap.MappedText`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlint.source import InputError, Source, decode, sniff
from unlint.textmap import MappedText

FORMATS = ("markdown", "pdf-text", "text")
#: formats of files that are not text, told by their content (see :func:`read_bytes`); the
#: reader is then always that format's own, whatever input format is configured for text files
FILE_FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class RawRef:
    """A footnote reference as found by a reader."""

    pos: int  # canonical offset the reference attaches to (just after the preceding word)
    label: str  # "1", "12", "*"
    start: int  # original span of the reference mark
    end: int


@dataclass(frozen=True)
class Reading:
    format: str
    text: MappedText
    refs: tuple[RawRef, ...] = ()
    italics: tuple[tuple[int, int], ...] = ()
    meta: dict = field(default_factory=dict)  # e.g. YAML front matter of converted Markdown
    problems: tuple[tuple[str, int, int], ...] = ()  # (message, original start, end)
    review: tuple[tuple[str, int, int], ...] = ()  # what a .docx leaves for review: (what, start, end)


def merge_italics(text: str, ranges) -> tuple[tuple[int, int], ...]:
    """Italic ranges of a reading, those only spaces apart on one line joined ("Taking note")."""
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if out and not text[out[-1][1] : s].strip(" \u00a0"):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


_PDF_TEXT_HINTS = re.compile(
    # [^\S\n]*, not \s*: a line's leading blanks only (\s* ran on over blank lines, in square time)
    r"^[^\S\n]*_{5,}\s*$|^[^\S\n]*\d+/\d+\s+\d{2}-\d{5}|^[^\S\n]*\d{2}-\d{5}\s*(\(E\))?|undocs\.org/"
    r"|^[^\S\n]*\*\d{7}\*",
    re.M,
)
_MARKDOWN_HINTS = re.compile(r"^(#{1,6} |---\s*$)|<sup>|\[\^\w+\]|^\*[A-Z][^*\n]+\*", re.M)


def highest_note(labels, count: int) -> int:
    """The highest note number a reference may carry: the highest numeric label of the notes,
    or their ``count`` when two notes share a number (notes 1, 1: a reference "2" is still one,
    to a note that was renumbered; FN002 and FN004 report the numbering)."""
    return max([int(x) for x in labels if x.isdigit()] + [count])


def detect_format(path: str, text: str) -> str:
    """Pick a reader by extension, then by content."""
    lower = path.lower()
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:20000]
    if len(_MARKDOWN_HINTS.findall(head)) >= 2:
        return "markdown"
    if len(_PDF_TEXT_HINTS.findall(head)) >= 2:
        return "pdf-text"
    return "text"


def read_bytes(path: str, data: bytes, format: str | None = None) -> tuple[Source, Reading]:
    """Read a file of any supported kind in one step: its :class:`Source` (the text positions
    are reported in) and its :class:`Reading`. A PDF or a Word file (.docx) is recognised by
    its content and read by its own reader (``format`` applies to text files only); anything
    else is decoded as text (:func:`unlint.source.decode`). Raises InputError."""
    kind = sniff(path, data)
    if kind == "pdf":
        from unlint.readers.pdf import read_pdf_bytes

        return read_pdf_bytes(path, data)
    if kind == "docx":
        from unlint.readers.docx import read_docx_bytes

        return read_docx_bytes(path, data)
    if kind == "doc":
        raise InputError("a Word 97-2003 document (.doc): save it as .docx, then lint that")
    if kind == "not-docx":
        what = "RTF" if data.startswith(b"{\\rtf") else "HTML" if b"<html" in data[:1024].lower() else "text"
        raise InputError(f"not a .docx file (it is {what}): save it from Word as .docx, or rename it")
    source = decode(path, data)
    return source, read(source, format)


def read(source: Source, format: str | None = None) -> Reading:
    """The reading of a text source (Markdown, PDF text or typed text; by ``format``, else by
    :func:`detect_format`)."""
    if source.kind != "text":
        raise ValueError(f"a {source.kind} source is read from its bytes: use read_bytes()")
    fmt = format or detect_format(source.path, source.text)
    if fmt == "markdown":
        from unlint.readers.markdown import read_markdown

        return read_markdown(source)
    if fmt == "pdf-text":
        from unlint.readers.pdftext import read_pdf_text

        return read_pdf_text(source)
    from unlint.readers.plain import read_plain

    return read_plain(source)


def quiet_pdfminer() -> None:
    """pdfminer.six logs warnings about odd PDFs; the user gets unlint's one-line errors instead.
    The application configures logging (the command line, the server), never the reader."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
