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




# ---- bogus fonts: a font object a reader must not trust

TEXT = b"BT /F1 10 Tf 72 700 Td (Decides to act;) Tj ET"


def _with_font(font: bytes, more: dict[int, bytes] | None = None, content: bytes = TEXT) -> bytes:
    """One page drawing ``content`` with the font object 4 replaced by ``font``."""
    return _one_page(content, more={4: font, **(more or {})})


def _type0(descendant: bytes, more: dict[int, bytes] | None = None, to_unicode: bytes = b"") -> bytes:
    """A Type0 (composite) font, object 4, whose descendant font is object 6."""
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Bogus /Encoding /Identity-H"
            b" /DescendantFonts [6 0 R]" + to_unicode + b" >>")
    return _with_font(font, {6: descendant, **(more or {})},
                      b"BT /F1 10 Tf 72 700 Td <0041004200430044> Tj ET")


def _descendant(extra: bytes = b"") -> bytes:
    return (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Bogus /CIDSystemInfo << /Registry"
            b" (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R" + extra + b" >>")


DESCRIPTOR = b"<< /Type /FontDescriptor /FontName /Bogus /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0"


def font_not_a_dictionary(scale: int) -> bytes:
    """The font F1 is a string, F2 a number, F3 an array: none is a font dictionary."""
    return _one_page(b"BT /F1 10 Tf 72 700 Td (a) Tj /F2 10 Tf (b) Tj /F3 10 Tf (c) Tj ET",
                     b"<< /Font << /F1 4 0 R /F2 42 /F3 [1 2 3] >> >>", more={4: b"(not a font)"})


def font_resource_not_a_dictionary(scale: int) -> bytes:
    """The page's /Font resource is an array, its /Resources a number in a form."""
    return _one_page(TEXT + b" /X0 Do", b"<< /Font [4 0 R] /XObject << /X0 6 0 R >> >>",
                     more={6: _stream(TEXT, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                                      b" /Resources 17")})


def absurd_widths(scale: int) -> bytes:
    """A simple font whose /FirstChar and /LastChar are out of any range, whose widths include
    a 5,000-digit number (more than Python reads as an int), a negative one and 10^30, shown
    at sizes of 10^21, 0 and -10 and of a 5,000-digit number."""
    huge = b"9" * 5000
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /NotStandard /FirstChar -2147483648"
            b" /LastChar 4294967295 /Widths [" + huge + b" -1000000000000 1000000000000000000000000000000"
            + b" 500" * (256 * scale) + b"] /FontDescriptor 7 0 R >>")
    return _with_font(font, {7: DESCRIPTOR + b" /MissingWidth 1000000000000000000000000000000 >>"},
                      b"BT /F1 10 Tf 72 700 Td (Decides to act;) Tj /F1 1000000000000000000000 Tf (x) Tj"
                      b" /F1 0 Tf (y) Tj /F1 -10 Tf (z) Tj /F1 " + huge + b" Tf (w) Tj ET")


def huge_number_in_a_dictionary(scale: int) -> bytes:
    """A font descriptor holding a 5,000-digit number: a dictionary that cannot be read."""
    return _with_font(FONT.replace(b"Times-Roman", b"NotStandard")[:-2] + b"/FontDescriptor 7 0 R >>", {7: DESCRIPTOR + b" /MissingWidth " + b"9" * 5000 + b" >>"})


def cid_width_range(scale: int) -> bytes:
    """A CID font whose /W array gives one width to the codes 0 to 2,000,000,000 (a reader
    that makes a table of them fills the memory)."""
    return _type0(_descendant(b" /W [0 %d 500 0 [1 2 3]] /W2 [0 2000000000 1 2 3]" % (2_000_000_000 * scale)),
                  {7: DESCRIPTOR + b" >>"})


def type0_without_descendant(scale: int) -> bytes:
    """A Type0 font with no /DescendantFonts."""
    return _with_font(b"<< /Type /Font /Subtype /Type0 /BaseFont /Bogus /Encoding /Identity-H >>",
                      content=b"BT /F1 10 Tf 72 700 Td <00410042> Tj ET")


def type0_broken_descendants(scale: int) -> bytes:
    """Type0 fonts whose /DescendantFonts are empty, a number, a string, or a font that is
    not a dictionary."""
    fonts = {10: b"[]", 11: b"42", 12: b"(x)", 13: b"[14 0 R]"}
    more = {n: b"<< /Type /Font /Subtype /Type0 /BaseFont /Bogus /Encoding /Identity-H /DescendantFonts "
            + d + b" >>" for n, d in fonts.items()}
    more[14] = b"[1 2 3]"
    draw = b" ".join(b"/F%d 10 Tf <0041> Tj" % n for n in fonts)
    return _one_page(b"BT 72 700 Td " + draw + b" ET",
                     b"<< /Font << " + b" ".join(b"/F%d %d 0 R" % (n, n) for n in fonts) + b" >> >>", more=more)


def type0_descendant_cycle(scale: int) -> bytes:
    """A Type0 font whose descendant font is the Type0 font itself."""
    return _with_font(b"<< /Type /Font /Subtype /Type0 /BaseFont /Bogus /Encoding /Identity-H"
                      b" /DescendantFonts [4 0 R] >>", content=b"BT /F1 10 Tf 72 700 Td <00410042> Tj ET")


def garbage_font_files(scale: int) -> bytes:
    """Embedded font programs that are garbage: a Type1 FontFile (read for its encoding), a
    TrueType FontFile2 (read for its character map) and a FontFile3."""
    garbage = bytes(range(256)) * (64 * scale)
    type1 = (b"<< /Type /Font /Subtype /Type1 /BaseFont /NotStandard /FirstChar 32 /LastChar 126"
             b" /Widths [" + b" 500" * 95 + b"] /FontDescriptor 7 0 R >>")
    return _one_page(b"BT /F1 10 Tf 72 700 Td (Decides) Tj /F2 10 Tf <00410042> Tj /F3 10 Tf (to act) Tj ET",
                     b"<< /Font << /F1 4 0 R /F2 10 0 R /F3 12 0 R >> >>", more={
                         4: type1,
                         7: DESCRIPTOR + b" /FontFile 8 0 R >>",
                         8: _stream(garbage, b" /Length1 %d /Length2 0 /Length3 0" % len(garbage)),
                         10: b"<< /Type /Font /Subtype /Type0 /BaseFont /Bogus /Encoding /Identity-H"
                             b" /DescendantFonts [11 0 R] >>",
                         11: _descendant().replace(b"7 0 R", b"13 0 R"),
                         13: DESCRIPTOR + b" /FontFile2 14 0 R >>",
                         14: _stream(b"\x00\x01\x00\x00\x00\x05" + garbage),
                         12: type1.replace(b"7 0 R", b"15 0 R"),
                         15: DESCRIPTOR + b" /FontFile3 16 0 R >>",
                         16: _stream(garbage, b" /Subtype /Type1C"),
                     })


def _truetype(table: bytes) -> bytes:
    """One page in a Type0 font whose CID font embeds a TrueType program (object 8) of one
    table, a character map (``cmap``) of one Unicode subtable, ``table``: without a ToUnicode
    map, the text of the glyphs is read from it."""
    import struct

    cmap = struct.pack(">HHHHL", 0, 1, 3, 10, 12) + table
    font = struct.pack(">LHHHH", 0x00010000, 1, 16, 0, 0) + struct.pack(">4sLLL", b"cmap", 0, 28, len(cmap))
    return _type0(_descendant(), {7: DESCRIPTOR + b" /FontFile2 8 0 R >>", 8: _stream(font + cmap)})


def truetype_cmap_range(scale: int) -> bytes:
    """A TrueType character map (format 12) whose one group maps the codes 0 to 4,294,967,295."""
    import struct

    return _truetype(struct.pack(">HHLLLLLL", 12, 0, 28, 0, 1, 0, 0xFFFFFFFF, 0))


def truetype_cmap_segments(scale: int) -> bytes:
    """A TrueType character map (format 4) of 8,000 segments, each of the codes 0 to 65,535:
    500 million steps in 64 KB."""
    import struct

    segments = 8000 * scale
    table = struct.pack(">HHHHHHH", 4, 0, 0, segments * 2, 0, 0, 0)
    table += struct.pack(f">{segments}H", *[0xFFFF] * segments) + b"\0\0"
    return _truetype(table + struct.pack(f">{segments}H", *[0] * segments) * 3)  # starts, deltas, offsets


# ---- ToUnicode maps: the text of a font's glyphs, as a small program a reader runs


def _cmap(body: bytes) -> bytes:
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bogus def"
            b" 1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + body
            + b"\nendcmap CMapName currentdict /CMap defineresource pop end end")


def _to_unicode(cmap: bytes, compress: bool = True) -> bytes:
    """One page in a TrueType font (object 4) whose ToUnicode map (object 6) is ``cmap``."""
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /Bogus /FirstChar 32 /LastChar 126 /Widths ["
            + b" 500" * 95 + b"] /ToUnicode 6 0 R >>")
    return _with_font(font, {6: _stream(cmap, compress=compress)})


def garbage_to_unicode(scale: int) -> bytes:
    """A ToUnicode map of garbage bytes, half of them inside begincmap ... endcmap."""
    garbage = bytes(range(256)) * (256 * scale)
    return _to_unicode(garbage + _cmap(garbage.replace(b"endcmap", b"")))


def to_unicode_wide_range(scale: int) -> bytes:
    """A ToUnicode map whose bfrange maps 2^80 codes (10-byte codes, written as literal
    strings), then one that maps the codes 0 to 4,294,967,295, and a cidrange the same."""
    return _to_unicode(_cmap(b"1 beginbfrange (\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0) <FFFFFFFFFFFFFFFFFFFF> <0041> endbfrange\n"
                             b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
                             b"1 begincidrange <00000000> <FFFFFFFF> 0 endcidrange"))


def to_unicode_long_strings(scale: int) -> bytes:
    """A ToUnicode map whose bfrange maps all 65,536 two-byte codes to strings of 10,000
    characters each (655 million characters), used by four fonts, each of which reads it."""
    dest = b"<" + b"0041" * (10_000 * scale) + b">"
    fonts = {n: FONT[:-2] + b"/ToUnicode 6 0 R >>" for n in (4, 10, 11, 12)}
    return _one_page(b"BT /F1 10 Tf 72 700 Td (a) Tj /F2 10 Tf (b) Tj /F3 10 Tf (c) Tj /F4 10 Tf (d) Tj ET",
                     b"<< /Font << /F1 4 0 R /F2 10 0 R /F3 11 0 R /F4 12 0 R >> >>",
                     more={6: _stream(_cmap(b"1 beginbfrange <0000> <FFFF> " + dest + b" endbfrange")), **fonts})


def to_unicode_huge_array(scale: int) -> bytes:
    """A ToUnicode map whose one bfrange maps the codes 0000-FFFF to an array of 65,536
    strings (within the limits: a big font's map can be this long)."""
    dest = b"[" + b"<0041>" * 65_536 + b"]"
    return _to_unicode(_cmap(b"1 beginbfrange <0000> <FFFF> " + dest + b" endbfrange"))


def expanding_to_unicode(scale: int) -> bytes:
    """A ToUnicode map of 200 MB, compressed to about 200 KB."""
    return _to_unicode(_cmap(b"0 beginbfchar <0041> <0041> endbfchar" + b" " * (200_000_000 * scale)))


# ---- more reference loops


def resources_cycle(scale: int) -> bytes:
    """A /Resources dictionary that refers to itself, and a /Font dictionary in which a font
    is the /Font dictionary itself."""
    return _one_page(TEXT + b" BT /F2 10 Tf 72 600 Td (x) Tj ET", b"6 0 R",
                     more={6: b"<< /Font 7 0 R /Resources 6 0 R /XObject 6 0 R /ExtGState 6 0 R >>",
                           7: b"<< /F1 4 0 R /F2 7 0 R /Font 7 0 R >>"})


def parent_cycle(scale: int) -> bytes:
    """A page whose /Parent is the page itself, under a page tree whose /Parent is the page."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] /Parent 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
        3: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
        4: FONT,
        5: _stream(TEXT),
    }
    return _pdf(objects)


def length_cycle(scale: int) -> bytes:
    """A content stream whose /Length is the stream object itself, and one whose /Length is an
    object whose /Length is itself."""
    data = zlib.compress(TEXT, 9)
    more = {
        5: b"<< /Length 5 0 R /Filter /FlateDecode >>\nstream\n" + data + b"\nendstream",
        6: b"<< /Length 7 0 R /Filter /FlateDecode >>\nstream\n" + data + b"\nendstream",
        7: b"<< /Length 7 0 R >>",
    }
    out = _one_page(TEXT, more=more)
    return out.replace(b"/Contents 5 0 R", b"/Contents [5 0 R 6 0 R]")


def form_draws_itself(scale: int) -> bytes:
    """A form whose content draws the form itself."""
    form = _stream(b"/X0 Do " + TEXT, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources"
                   b" << /Font << /F1 4 0 R >> /XObject << /X0 6 0 R >> >>")
    return _one_page(b"/X0 Do", b"<< /Font << /F1 4 0 R >> /XObject << /X0 6 0 R >> >>", more={6: form})


GENERATORS = {
    "many-show-text": many_show_text,
    "many-glyphs-in-one-string": many_glyphs_in_one_string,
    "nested-forms": nested_forms,
    "media-box-cycle": media_box_cycle,
    "superscript-changes": superscript_changes,
    "page-tree-cycle": page_tree_cycle,
    "many-pages": many_pages,
    "expanding-stream": expanding_stream,
    "font-not-a-dictionary": font_not_a_dictionary,
    "font-resource-not-a-dictionary": font_resource_not_a_dictionary,
    "absurd-widths": absurd_widths,
    "huge-number-in-a-dictionary": huge_number_in_a_dictionary,
    "cid-width-range": cid_width_range,
    "type0-without-descendant": type0_without_descendant,
    "type0-broken-descendants": type0_broken_descendants,
    "type0-descendant-cycle": type0_descendant_cycle,
    "garbage-font-files": garbage_font_files,
    "truetype-cmap-range": truetype_cmap_range,
    "truetype-cmap-segments": truetype_cmap_segments,
    "garbage-to-unicode": garbage_to_unicode,
    "to-unicode-wide-range": to_unicode_wide_range,
    "to-unicode-long-strings": to_unicode_long_strings,
    "to-unicode-huge-array": to_unicode_huge_array,
    "expanding-to-unicode": expanding_to_unicode,
    "resources-cycle": resources_cycle,
    "parent-cycle": parent_cycle,
    "length-cycle": length_cycle,
    "form-draws-itself": form_draws_itself,
}
