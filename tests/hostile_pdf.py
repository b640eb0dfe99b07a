"""Crafted PDF files: small files that would take unbounded time or memory to read.

Each generator takes a scale (1: what the tests read; larger for ``python scripts/fuzz.py
--hostile``) and returns the bytes of a .pdf. The reader must refuse each with one line (or
read it within its limits), never hang or exhaust memory.
"""

from __future__ import annotations

import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>"


def _pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of numbered objects (1: the catalog), with a cross-reference table."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
                    for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
              media_box: bytes = b"[0 0 612 792]", more: dict[int, bytes] | None = None,
              pages: bytes = b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>") -> bytes:
    """A PDF whose page tree (object 2: ``pages``) holds one page object (3) drawing ``content``."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: pages,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Resources " + resources
           + b" /Contents 5 0 R >>",
        4: FONT,
        5: _stream(content),
    }
    objects.update(more or {})
    return _pdf(objects)


def many_show_text(scale: int) -> bytes:
    """One page: 300,000 ``(x) Tj`` in a Flate stream of about 50 KB."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td " + b"(x) Tj " * (300_000 * scale) + b"ET")


def many_glyphs_in_one_string(scale: int) -> bytes:
    """One page: one string of 2,000,000 glyphs."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td (" + b"x" * (2_000_000 * scale) + b") Tj ET")


def nested_forms(scale: int) -> bytes:
    """12 nested forms, each drawing the next 10 times: 10^12 draws of the innermost."""
    depth = 12 * scale
    more = {}
    first = 10
    for i in range(depth):
        n = first + i
        inner = (b"/X%d Do " % (i + 1)) * 10 if i + 1 < depth else b"BT /F1 10 Tf 72 700 Td (x) Tj ET"
        xobjects = b"/XObject << /X%d %d 0 R >>" % (i + 1, n + 1) if i + 1 < depth else b""
        more[n] = _stream(inner, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << "
                          b"/Font << /F1 4 0 R >> " + xobjects + b" >>")
    resources = b"<< /Font << /F1 4 0 R >> /XObject << /X0 %d 0 R >> >>" % first
    return _one_page(b"/X0 Do", resources, more=more)


def media_box_cycle(scale: int) -> bytes:
    """A MediaBox that is a reference to a reference to itself."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td (x) Tj ET", media_box=b"6 0 R",
                     more={6: b"7 0 R", 7: b"6 0 R"})


def superscript_changes(scale: int) -> bytes:
    """One page: 20,000 changes between text and raised, smaller text ("word¹ word² ...")."""
    parts = [b"BT 72 700 Td"]
    for i in range(10_000 * scale):
        parts.append(b"/F1 10 Tf 0 Ts (w) Tj /F1 6 Tf 3 Ts (%d) Tj" % (i % 10))
        if i % 60 == 59:
            parts.append(b"0 -12 Td")
    parts.append(b"ET")
    return _one_page(b"\n".join(parts))


def page_tree_cycle(scale: int) -> bytes:
    """A page tree whose Kids point back at the tree."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td (x) Tj ET", pages=b"<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>")


def many_pages(scale: int) -> bytes:
    """100,000 pages, each the same small page object."""
    count = 100_000 * scale
    kids = b" ".join([b"3 0 R"] * count)
    return _one_page(b"BT /F1 10 Tf 72 700 Td (Decides to act;) Tj ET",
                     pages=b"<< /Type /Pages /Count %d /Kids [" % count + kids + b"] >>")


def expanding_stream(scale: int) -> bytes:
    """A content stream of 200 MB of spaces, compressed to about 200 KB."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td (x) Tj ET" + b" " * (200_000_000 * scale))


GENERATORS = {
    "many-show-text": many_show_text,
    "many-glyphs-in-one-string": many_glyphs_in_one_string,
    "nested-forms": nested_forms,
    "media-box-cycle": media_box_cycle,
    "superscript-changes": superscript_changes,
    "page-tree-cycle": page_tree_cycle,
    "many-pages": many_pages,
    "expanding-stream": expanding_stream,
}
