"""The PDF reader's guards: what a crafted PDF could make pdfminer.six do without end.

pdfminer.six follows an indirect reference as long as it leads to another one, decompresses a
stream whole, interprets a page to its end and makes an object of every glyph it draws. A small
file can thus loop forever (a reference that leads back to itself), fill the memory (a stream
of 4 KB that decompresses to gigabytes, a page that shows millions of glyphs, forms that draw
forms that draw forms) or run for hours. Three guards stop that, each with one
:class:`~unlint.source.InputError`, and each through pdfminer.six's public interface only:

* :func:`check_references`, on the bytes of the file before pdfminer.six opens it: an object
  that is only a reference to another one, in a loop of them, is refused.
* :func:`check_pages`, once the file is open, before any page is drawn: walks the page tree
  and everything its pages use (resources, fonts, forms, content), following each reference at
  most :data:`MAX_REF_CHAIN` times in a row, counting the pages (at most :data:`MAX_PAGES`)
  and measuring each content, form and font stream as it decompresses, in pieces, before
  pdfminer.six decompresses it whole (at most :data:`MAX_STREAM` bytes). Flate is measured
  (all that PDF writers use for text); a stream with another filter is left to pdfminer.six,
  and its drawing instructions still count against the page's limit once decoded.
* :class:`Guard` stands between the interpreter and the device that collects a page's
  objects: each string shown, form or image drawn and path painted passes through it, so it
  counts the bytes of text a page shows (:data:`MAX_PAGE_TEXT`: a glyph takes at least one),
  the figures it draws (:data:`MAX_PAGE_FIGURES`, nested ones included) and how deep forms nest
  (:data:`MAX_FORM_DEPTH`), and looks at the clock while a page is drawn.

Objects kept in a compressed object stream are decompressed by pdfminer.six when the file is
opened, before these guards can measure them.
"""

from __future__ import annotations

import re
import zlib

from unlint.source import InputError

MAX_PAGES = 3_000  # pages in one document (a long UN report has a few hundred)
MAX_REF_CHAIN = 32  # indirect references followed in a row to reach one object
MAX_STREAM = 16_000_000  # bytes a content, form or font stream may decompress to
MAX_PAGE_TEXT = 200_000  # bytes of text shown on one page (a glyph takes one or two)
MAX_PAGE_FIGURES = 10_000  # forms and images drawn on one page, each time it is drawn
MAX_FORM_DEPTH = 10  # forms drawn inside forms (Word and Acrobat nest two or three)
CHECK_EVERY = 1024  # objects walked, or strings and paths drawn, between two looks at the clock
_PIECE = 1 << 16  # bytes decompressed at a time while a stream is measured

#: an object that is nothing but a reference to another: "6 0 obj 7 0 R endobj"
_BARE_REFERENCE = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj\s*(\d{1,10})\s+\d{1,5}\s+R\s*endobj")
#: streams pdfminer.six decompresses while it reads a page: content, forms, fonts, CMaps
_DECODED_KEYS = frozenset({"Contents", "ToUnicode", "FontFile", "FontFile2", "FontFile3",
                           "Encoding"})
#: what the page tree points at but pdfminer.six does not read to draw a page
_NOT_READ = frozenset({"Parent", "Annots", "B", "Thumb", "Metadata", "PieceInfo", "AA",
                       "StructTreeRoot", "Outlines", "Names", "Dests", "AcroForm"})


def check_references(data: bytes) -> None:
    """Refuse a file in which objects that are only references lead back to each other (for
    pdfminer.six, a stream's length or a page's size that is such a loop never ends)."""
    if b"R" not in data:
        return
    target: dict[int, int] = {}
    for m in _BARE_REFERENCE.finditer(data):
        target[int(m.group(1))] = int(m.group(2))
    done: set[int] = set()
    for start in target:
        path: list[int] = []
        seen: set[int] = set()
        n = start
        while n in target and n not in done:
            if n in seen:
                raise InputError(f"the PDF's object {n} refers to itself through other "
                                 "objects without end: not read")
            seen.add(n)
            path.append(n)
            n = target[n]
        done.update(path)


def check_pages(document, deadline) -> int:
    """Walk the page tree of an open PDFDocument and what its pages use, before pdfminer.six
    reads it; returns the number of pages. Raises InputError at a limit (module docstring);
    what cannot be read is left to pdfminer.six, which reports or skips it."""
    from pdfminer.psparser import LIT
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    page_type, form_type = LIT("Page"), LIT("Form")
    catalog = document.catalog
    stack = [(key, catalog[key]) for key in ("PageLabels", "Pages") if key in catalog]
    visited: set[int] = set()
    pages = walked = 0
    while stack:
        key, value = stack.pop()
        walked += 1
        if not walked % CHECK_EVERY:
            deadline.check()
        chain: list[int] = []
        while isinstance(value, PDFObjRef) and value.objid not in visited:
            if value.objid in chain or len(chain) >= MAX_REF_CHAIN:
                raise InputError(f"the PDF's object {chain[0]} is a reference to a reference ... "
                                 f"more than {MAX_REF_CHAIN} times or without end: not read")
            chain.append(value.objid)
            try:
                value = value.resolve()
            except Exception:  # noqa: BLE001 - left to pdfminer.six
                value = None
        visited.update(chain)
        if isinstance(value, PDFObjRef):
            continue  # walked already
        if isinstance(value, PDFStream):
            if key in _DECODED_KEYS or value.get("Subtype") is form_type:
                try:
                    size = decoded_size(value, MAX_STREAM)
                except Exception:  # noqa: BLE001 - left to pdfminer.six
                    size = None
                if size is not None and size > MAX_STREAM:
                    raise InputError(f"a stream of the PDF (its {key}) decompresses to more "
                                     f"than {MAX_STREAM / 1e6:g} MB: not read")
            value = value.attrs
        if isinstance(value, dict):
            if value.get("Type") is page_type:
                pages += 1
                if pages > MAX_PAGES:
                    raise InputError(f"the PDF has more than {MAX_PAGES:,} pages: not read")
            stack.extend((k, v) for k, v in value.items() if k not in _NOT_READ)
        elif isinstance(value, list):
            stack.extend((key, v) for v in value)
    return pages


def decoded_size(stream, limit: int) -> int | None:
    """The bytes a stream decompresses to, counted piece by piece up to a little over
    ``limit`` (nothing kept); None when a filter is not Flate (left to pdfminer.six)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    raw = stream.get_rawdata()
    if raw is None:  # decoded already
        return len(stream.get_data())
    filters = stream.get_filters()
    if not filters:
        return len(raw)
    if any(f not in LITERALS_FLATE_DECODE for f, _ in filters):
        return None
    if stream.decipher:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    pieces = iter([raw])
    for _ in filters:
        pieces = _inflate(pieces)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            break
    return total


def _inflate(pieces):
    """Decompress Flate data piece by piece; stops at the end of the data or at an error (as
    pdfminer.six keeps what decompresses before an error)."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        while piece and not inflater.eof:
            try:
                out = inflater.decompress(piece, _PIECE)
            except zlib.error:
                return
            piece = inflater.unconsumed_tail
            yield out
        if inflater.eof:
            return


class Guard:
    """The device a page is drawn on, standing in front of the one that collects its objects:
    counts what the page draws and stops at the limits (module docstring). Everything else
    goes to the device behind it."""

    def __init__(self, device, deadline):
        self.device = device
        self.deadline = deadline
        self.page = 0
        self.text = self.figures = self.depth = self.calls = 0

    def __getattr__(self, name):
        return getattr(self.device, name)

    def begin_page(self, page, ctm) -> None:
        self.page += 1
        self.text = self.figures = self.depth = 0
        self.device.begin_page(page, ctm)

    def begin_figure(self, name, bbox, matrix) -> None:
        self.figures += 1
        self.depth += 1
        if self.figures > MAX_PAGE_FIGURES:
            raise InputError(f"page {self.page} of the PDF draws more than {MAX_PAGE_FIGURES:,} "
                             "forms and images: not read")
        if self.depth > MAX_FORM_DEPTH:
            raise InputError(f"page {self.page} of the PDF nests forms more than "
                             f"{MAX_FORM_DEPTH} deep: not read")
        self.tick()
        self.device.begin_figure(name, bbox, matrix)

    def end_figure(self, name) -> None:
        self.depth -= 1
        self.device.end_figure(name)

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        self.text += sum(len(s) for s in seq if isinstance(s, bytes))
        if self.text > MAX_PAGE_TEXT:
            raise InputError(f"page {self.page} of the PDF shows more than {MAX_PAGE_TEXT:,} "
                             "bytes of text: not read")
        self.tick()
        self.device.render_string(textstate, seq, ncs, graphicstate)

    def paint_path(self, graphicstate, stroke, fill, evenodd, path) -> None:
        self.tick()
        self.device.paint_path(graphicstate, stroke, fill, evenodd, path)

    def tick(self) -> None:
        self.calls += 1
        if not self.calls % CHECK_EVERY:
            self.deadline.check()
