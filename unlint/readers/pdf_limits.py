"""The PDF reader's guards: what a crafted PDF could make pdfminer.six do without end.

pdfminer.six follows an indirect reference as long as it leads to another one, decompresses a
stream whole, interprets a page to its end and makes an object of every glyph it draws. A small
file can thus loop forever (a reference that leads back to itself), fill the memory (a stream
of 4 KB that decompresses to gigabytes, a page that shows millions of glyphs, forms that draw
forms that draw forms, a font that maps billions of codes) or run for hours. Four guards stop that, each with one
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
* :class:`FontBudget`, called by :func:`check_pages` on every font the walk meets: a font's
  widths (``/W`` of a CID font names a range of codes in three numbers), its ToUnicode map
  (a ``bfrange`` names up to 2^32 codes, or more, each mapped to a string that may be long)
  and the character map of an embedded TrueType program (a format 4 or 12 table names
  ranges too) take pdfminer.six one step, and a table entry, for each code: a font of a few
  hundred bytes held 4 billion of them. The codes and characters all the fonts of a document
  map are counted before pdfminer.six makes them (at most :data:`MAX_FONT_CODES`, a ToUnicode
  map being read with pdfminer.six's own parser into a map that only counts), and a
  ToUnicode map may decompress to at most :data:`MAX_CMAP` bytes. A Type0 font without a
  descendant font, on which pdfminer.six stops with a bare AssertionError, is refused in
  words.
* :class:`Guard` stands between the interpreter and the device that collects a page's
  objects: each string shown, form or image drawn and path painted passes through it, so it
  counts the bytes of text a page shows (:data:`MAX_PAGE_TEXT`: a glyph takes at least one),
  the figures it draws (:data:`MAX_PAGE_FIGURES`, nested ones included) and how deep forms nest
  (:data:`MAX_FORM_DEPTH`), and looks at the clock while a page is drawn.

Objects kept in a compressed object stream are decompressed by pdfminer.six when the file is
opened, before these guards can measure them.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

from unlint.source import InputError

MAX_PAGES = 3_000  # pages in one document (a long UN report has a few hundred)
MAX_REF_CHAIN = 32  # indirect references followed in a row to reach one object
MAX_STREAM = 16_000_000  # bytes a content, form or font stream may decompress to
MAX_PAGE_TEXT = 200_000  # bytes of text shown on one page (a glyph takes one or two)
MAX_PAGE_FIGURES = 10_000  # forms and images drawn on one page, each time it is drawn
MAX_FORM_DEPTH = 10  # forms drawn inside forms (Word and Acrobat nest two or three)
MAX_CMAP = 2_000_000  # bytes a ToUnicode map may decompress to (a whole CJK font's takes 500 KB)
MAX_FONT_CODES = 4_000_000  # character codes (and characters) the fonts of one document map
CHECK_EVERY = 1024  # objects walked, or strings and paths drawn, between two looks at the clock
_PIECE = 1 << 16  # bytes decompressed at a time while a stream is measured

#: an object that is nothing but a reference to another: "6 0 obj 7 0 R endobj"
_BARE_REFERENCE = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj\s*(\d{1,10})\s+\d{1,5}\s+R\s*endobj")
#: streams pdfminer.six decompresses while it reads a page: content, forms, fonts, CMaps
_DECODED_KEYS = frozenset({"Contents", "ToUnicode", "FontFile", "FontFile2", "FontFile3",
                           "Encoding"})
#: the fonts pdfminer.six makes, by /Subtype (a font without /Type /Font is made all the same)
_FONT_SUBTYPES = frozenset({"Type0", "Type1", "MMType1", "TrueType", "Type3", "CIDFontType0",
                            "CIDFontType2"})
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

    page_type, form_type, font_type = LIT("Page"), LIT("Form"), LIT("Font")
    fonts = FontBudget(deadline)
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
        stream = isinstance(value, PDFStream)
        if stream:
            if key in _DECODED_KEYS or value.get("Subtype") is form_type:
                check_size(value, key)
            value = value.attrs
        if isinstance(value, dict):
            if not stream and key != "DescendantFonts" and (  # a descendant: with its Type0 font
                    _resolve(value.get("Type")) is font_type
                    or getattr(_resolve(value.get("Subtype")), "name", None) in _FONT_SUBTYPES):
                fonts.add(value)
            if value.get("Type") is page_type:
                pages += 1
                if pages > MAX_PAGES:
                    raise InputError(f"the PDF has more than {MAX_PAGES:,} pages: not read")
            stack.extend((k, v) for k, v in value.items() if k not in _NOT_READ)
        elif isinstance(value, list):
            stack.extend((key, v) for v in value)
    return pages


def _resolve(value):
    """What an indirect reference leads to, following at most :data:`MAX_REF_CHAIN` of them in
    a row (None past them, or when it cannot be read: the walk of :func:`check_pages` refuses
    such a chain, and pdfminer.six's own resolving would follow a loop of them forever)."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(MAX_REF_CHAIN + 1):
        if not isinstance(value, PDFObjRef):
            return value
        try:
            value = value.resolve()
        except Exception:  # noqa: BLE001 - left to pdfminer.six
            return None
    return None


def check_size(stream, key: str) -> None:
    """Refuse a stream that decompresses to more than its limit: :data:`MAX_CMAP` for a
    ToUnicode map, :data:`MAX_STREAM` for the others."""
    limit = MAX_CMAP if key == "ToUnicode" else MAX_STREAM
    try:
        size = decoded_size(stream, limit)
    except Exception:  # noqa: BLE001 - left to pdfminer.six
        size = None
    if size is not None and size > limit:
        raise too_large(key, limit)


def too_large(key: str, limit: int) -> InputError:
    return InputError(f"a stream of the PDF (its {key}) decompresses to more than {limit / 1e6:g} MB: not read")


class FontBudget:
    """The character codes the fonts of one document map, counted font by font as
    :func:`check_pages` meets them, before pdfminer.six makes a table entry for each (module
    docstring). A font is counted each time pdfminer.six makes it: once for each font object
    (it keeps those), the descendant of a Type0 font with each Type0 font."""

    def __init__(self, deadline):
        self.deadline = deadline
        self.used = 0
        self.known: dict[int, tuple] = {}  # id of a ToUnicode or font program -> (it, its codes)

    def add(self, font: dict) -> None:
        from pdfminer.pdftypes import PDFStream

        subtype = getattr(_resolve(font.get("Subtype")), "name", None)
        spec = font
        if subtype == "Type0":
            # pdfminer.six asserts that the list is not empty (a bare AssertionError)
            descendants = _resolve(font.get("DescendantFonts"))
            if not isinstance(descendants, list) or not descendants:
                raise InputError("a Type0 font of the PDF has no descendant font (its "
                                 "/DescendantFonts is missing, empty or not a list): not read")
            spec = _resolve(descendants[0])
            if not isinstance(spec, dict):
                return  # made as a default font by pdfminer.six
            spec = {**spec, **{k: font[k] for k in ("ToUnicode", "Encoding") if k in font}}
            subtype = getattr(_resolve(spec.get("Subtype")), "name", None)
        for key in ("Widths", "W", "W2"):
            widths = _resolve(spec.get(key))
            if isinstance(widths, list):
                self.spend(len(widths) if key == "Widths" else
                           width_codes(widths, 3 if key == "W" else 5), "in the widths of a font")
        encoding = _resolve(spec.get("Encoding"))
        if isinstance(encoding, dict) and isinstance(_resolve(encoding.get("Differences")), list):
            self.spend(len(_resolve(encoding.get("Differences"))), "in the encoding of a font")
        to_unicode = _resolve(spec.get("ToUnicode"))
        if isinstance(to_unicode, PDFStream):
            self.spend(self._measured(to_unicode, self._to_unicode_codes), "in a ToUnicode map")
        elif subtype in ("CIDFontType0", "CIDFontType2") and "ToUnicode" not in spec:
            descriptor = _resolve(spec.get("FontDescriptor"))
            program = _resolve(descriptor.get("FontFile2")) if isinstance(descriptor, dict) else None
            if isinstance(program, PDFStream):  # its character map is read for the text
                self.spend(self._measured(program, self._truetype_codes),
                           "in the character map of a TrueType font")

    def spend(self, codes: int, where: str) -> None:
        self.used += codes
        if self.used > MAX_FONT_CODES:
            self.refuse(where)

    def refuse(self, where: str):
        raise InputError(f"the fonts of the PDF map more than {MAX_FONT_CODES:,} character "
                         f"codes ({where}): not read")

    def _measured(self, stream, count) -> int:
        known = self.known.get(id(stream))
        if known is None:
            known = self.known[id(stream)] = (stream, count(stream))
        return known[1]

    def _to_unicode_codes(self, stream) -> int:
        """The codes a ToUnicode map maps, a mapped character counting as a code too, and four
        bytes of its text as one (pdfminer.six reads the map again for each font)."""
        from pdfminer.cmapdb import CMapParser

        check_size(stream, "ToUnicode")
        try:
            data = stream.get_data()
        except Exception:  # noqa: BLE001 - left to pdfminer.six
            return 0
        if len(data) > MAX_CMAP:  # a filter decoded_size does not measure
            raise too_large("ToUnicode", MAX_CMAP)
        read = len(data) // 4
        counter = _CountingMap(MAX_FONT_CODES - self.used - read, self)
        try:
            CMapParser(counter, io.BytesIO(data)).run()
        except InputError:
            raise
        except Exception:  # noqa: BLE001, S110 - pdfminer.six stops where its parser stops
            pass
        return read + counter.codes

    def _truetype_codes(self, stream) -> int:
        try:
            data = stream.get_data()
        except Exception:  # noqa: BLE001 - left to pdfminer.six
            return 0
        return truetype_codes(data, MAX_FONT_CODES - self.used + 1)


class _CountingMap:
    """A ToUnicode map for pdfminer.six's CMap parser that counts the codes it is given, and
    the characters they map to, instead of keeping them; refuses the file past ``left``."""

    def __init__(self, left: int, budget: FontBudget):
        self.left = left
        self.budget = budget
        self.codes = self.calls = 0

    def add_cid2unichr(self, cid, code) -> None:
        self.codes += max(1, len(code) // 2) if isinstance(code, bytes) else 1
        self.calls += 1
        if self.codes > self.left:
            self.budget.refuse("in a ToUnicode map")
        if not self.calls % CHECK_EVERY:
            self.budget.deadline.check()

    def add_code2cid(self, code, cid) -> None:
        self.add_cid2unichr(cid, None)

    def set_attr(self, key, value) -> None:
        pass

    def use_cmap(self, cmap) -> None:
        pass


def width_codes(widths: list, group: int) -> int:
    """The codes a CID font's /W (``group`` 3) or /W2 (5) array gives a width, as pdfminer.six
    steps through them: ``c [w1 w2 ...]`` names one code per width, ``c1 c2 w`` (``c1 c2 w vx
    vy``) every code from c1 to c2."""
    codes = 0
    numbers: list = []
    for item in widths:
        item = _resolve(item)
        if isinstance(item, list):
            codes += len(item) // (1 if group == 3 else 3) if numbers else 0
            numbers = []
        elif isinstance(item, (int, float)):
            numbers.append(item)
            if len(numbers) == group:
                first, last = numbers[0], numbers[1]
                if isinstance(first, int) and isinstance(last, int):
                    codes += max(0, last - first + 1)
                numbers = []
    return codes


def truetype_codes(data: bytes, limit: int) -> int:
    """The codes pdfminer.six steps through to read the character map (``cmap`` table) of a
    TrueType font program, counted from the table's headers up to a little over ``limit``: a
    format 2, 4 or 12 table names ranges of codes, a few bytes for billions of them."""
    total = 0
    try:
        (count,) = struct.unpack_from(">H", data, 4)
        tables = {}
        for i in range(count):
            tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
            tables[tag] = offset
        if b"cmap" not in tables:
            return 0
        base = tables[b"cmap"]
        (subtables,) = struct.unpack_from(">H", data, base + 2)
        for i in range(subtables):
            platform, encoding, offset = struct.unpack_from(">HHL", data, base + 4 + 8 * i)
            if not (platform == 0 or (platform == 3 and encoding in (1, 10))):
                continue  # pdfminer.six reads Unicode tables only
            at = base + offset
            (kind,) = struct.unpack_from(">H", data, at)
            if kind == 0:
                total += 256
            elif kind == 2:  # 256 keys, then up to 8,192 sub-headers of up to 65,535 codes
                keys = struct.unpack_from(">256H", data, at + 6)
                for h in range(max(keys) // 8 + 1):
                    total += struct.unpack_from(">H", data, at + 520 + 8 * h)[0]
            elif kind == 4:  # segments: end codes, a pad, start codes
                segments = struct.unpack_from(">H", data, at + 6)[0] // 2
                ends = struct.unpack_from(f">{segments}H", data, at + 14)
                starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
                total += sum(max(0, e - s + 1) for s, e in zip(starts, ends))
            elif kind == 6:
                total += struct.unpack_from(">H", data, at + 8)[0]
            elif kind == 10:
                total += min(struct.unpack_from(">L", data, at + 16)[0], len(data))
            elif kind == 12:  # groups of (first code, last code, first glyph)
                (groups,) = struct.unpack_from(">L", data, at + 12)
                for g in range(groups):
                    first, last, _ = struct.unpack_from(">LLL", data, at + 16 + 12 * g)
                    total += max(0, last - first + 1)
                    if total > limit:
                        break
            if total > limit:
                break
    except struct.error:  # the table ends: pdfminer.six stops there too
        pass
    return total


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
        # the clock at every form: pdfminer.six makes again the fonts a form's resources hold
        # directly, not by reference, each time the form is drawn
        self.deadline.check()
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
