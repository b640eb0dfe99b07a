"""The PDF reader: lint a PDF directly, from the characters on its pages.

Three steps, each one pass, each in its own module:

1. :mod:`unlint.readers.pdf_extract` takes the characters and rules of each page from
   pdfminer.six (its public interface only). Every character comes with its font, size and
   position, so little is guessed: a smaller character above the baseline is a superscript (a
   footnote reference), an italic font gives the italic ranges, a horizontal rule tells where
   the running header ends and where the notes begin.
2. :mod:`unlint.readers.pdf_lines` groups them into printed lines: :attr:`Source.text` holds
   every printed line of every page, top to bottom, as it shows: pieces of one line far apart
   (the masthead's "United Nations ... A/80/L.14") are separated by a tab; spaces are those
   that show (Word's overprinted spaces dropped, a typed double space kept, a tab or a run of
   three spaces one space); a superscript is written ``¹``. :attr:`Source.units` records where
   each page begins, so that a position reads "page 3, line 12" (:meth:`Source.locate`; the
   lines of a page are counted from its top, running header included).
3. :mod:`unlint.readers.pdf_layout` tells furniture, body and notes apart and joins lines into
   paragraphs; :mod:`unlint.readers.pdf_emit` writes the canonical text (see
   :mod:`unlint.readers`): references cut out, notes after the body as ``[^N]: text``.

Errors are :class:`~unlint.source.InputError` (one line, never a traceback): pdfminer.six not
installed, an encrypted or corrupt file, a scan without a text layer, a file that takes longer
than :data:`TIMEOUT` seconds or holds more than the reader's limits
(:mod:`unlint.readers.pdf_extract`). The time limit is checked by the reader's own loops, so it
holds on any thread.
"""

from __future__ import annotations

from unlint.readers import Reading
from unlint.readers.pdf_emit import read_layout
from unlint.readers.pdf_extract import Deadline, extract
from unlint.readers.pdf_lines import build_source
from unlint.source import Source

TIMEOUT = 60.0  # seconds for one file: a PDF that takes longer is reported, not waited for


def read_pdf_bytes(path: str, data: bytes, timeout: float | None = None) -> tuple[Source, Reading]:
    """Read a PDF: its :class:`Source` (kind "pdf", one unit per page: the text a person sees)
    and its :class:`Reading` (the canonical text the grammar parses). ``timeout``: seconds,
    :data:`TIMEOUT` by default, 0 for no limit. Raises InputError."""
    deadline = Deadline(TIMEOUT if timeout is None else timeout)
    source, layout = build_source(path, extract(data, deadline), deadline)
    deadline.check()
    return source, read_layout(source, layout)
