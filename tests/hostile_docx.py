"""Crafted .docx files: small archives that would take unbounded time or memory to read.

Each generator takes a scale (1: what the tests read; larger for ``python scripts/fuzz.py
--hostile``) and returns the bytes of a .docx. The reader must refuse each with one line (or
read it within its limits), never hang, exhaust memory or raise RecursionError.
"""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
         '2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
         'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>')


def _docx(body: str, numbering: str | None = None, deflate: bool = True) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method, compresslevel=9 if deflate else None) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        if numbering is not None:
            z.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
    return out.getvalue()


def _listed(level: str, paragraphs: int = 3) -> bytes:
    numbering = (f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    para = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Decides</w:t></w:r></w:p>'
    return _docx(para * paragraphs, numbering)


def huge_list_number(scale: int) -> bytes:
    """A list level that starts at 10^15 (lowerRoman, lowerLetter): its numbers are endless."""
    level = ('<w:lvl w:ilvl="0"><w:start w:val="1000000000000000"/><w:numFmt w:val="lowerRoman"/>'
             '<w:lvlText w:val="%1."/></w:lvl>')
    return _listed(level, 3 * scale)


def huge_letter_number(scale: int) -> bytes:
    level = ('<w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="(%1)"/></w:lvl>')
    return _listed(level, 3 * scale)


def long_level_text(scale: int) -> bytes:
    """A level text of "%1" 20,000 times, for every paragraph of the list."""
    level = ('<w:lvl w:ilvl="0"><w:start w:val="30000"/><w:numFmt w:val="upperRoman"/>'
             f'<w:lvlText w:val="{"%1" * 20_000 * scale}"/></w:lvl>')
    return _listed(level, 200)


def expanding_document(scale: int) -> bytes:
    """60 MB of paragraphs compressed to a few hundred kilobytes."""
    para = "<w:p><w:r><w:t>" + "a" * 1000 + "</w:t></w:r></w:p>"
    return _docx(para * (60_000 * scale))


def nested_tables(scale: int) -> bytes:
    depth = 50_000 * scale
    return _docx("<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth)


def nested_content_controls(scale: int) -> bytes:
    depth = 200_000 * scale
    return _docx("<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth)


def nested_insertions(scale: int) -> bytes:
    """Runs inside 100,000 nested tracked insertions."""
    depth = 100_000 * scale
    return _docx("<w:p>" + "<w:ins>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:ins>" * depth + "</w:p>")


def many_paragraphs(scale: int) -> bytes:
    """A million empty list paragraphs (each numbered) in a small archive."""
    level = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    return _listed(level, 1_000_000 * scale)


def joined_paragraphs(scale: int) -> bytes:
    """100,000 paragraphs whose marks were deleted with changes tracked: one paragraph in the end."""
    para = '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr><w:r><w:t>a </w:t></w:r></w:p>'
    return _docx(para * (100_000 * scale))


def largest_readable(scale: int) -> bytes:
    """Just under the size limit of a part: real paragraphs, to be read within the time-out."""
    para = ("<w:p><w:r><w:t>Recalling its resolution 70/1 of 25 September 2015, and </w:t></w:r>"
            "<w:r><w:rPr><w:i/></w:rPr><w:t>stressing</w:t></w:r><w:r><w:t> the need to act,</w:t></w:r></w:p>")
    return _docx(para * (15_000_000 // len(para)))


# ---- malformed archives and parts


def _archive(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


BODY = "<w:p><w:r><w:t>Decides to act;</w:t></w:r></w:p>"


def _document(body: str = BODY, head: str = "") -> str:
    return f'{head}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def document_not_xml(scale: int) -> bytes:
    """A word/document.xml of binary bytes."""
    return _archive({"[Content_Types].xml": TYPES, "word/document.xml": bytes(range(256)) * (100 * scale)})


def encoding_declared_wrong(scale: int) -> bytes:
    """A word/document.xml declared UTF-8, written in Latin-1 ("Décide")."""
    xml = _document("<w:p><w:r><w:t>Décide</w:t></w:r></w:p>", '<?xml version="1.0" encoding="UTF-8"?>')
    return _archive({"[Content_Types].xml": TYPES, "word/document.xml": xml.encode("latin-1")})


def utf16_declared(scale: int) -> bytes:
    """A word/document.xml declared UTF-16, written in UTF-8 without a byte order mark."""
    return _archive({"[Content_Types].xml": TYPES,
                     "word/document.xml": _document(head='<?xml version="1.0" encoding="UTF-16"?>')})


def unknown_encoding(scale: int) -> bytes:
    """A word/document.xml in an encoding no parser knows."""
    return _archive({"[Content_Types].xml": TYPES,
                     "word/document.xml": _document(head='<?xml version="1.0" encoding="x-unlint-bogus"?>')})


def latin1_declared(scale: int) -> bytes:
    """A word/document.xml declared ISO-8859-1, written in UTF-8: read, as mojibake ("DÃ©cide")."""
    xml = _document("<w:p><w:r><w:t>Décide</w:t></w:r></w:p>", '<?xml version="1.0" encoding="ISO-8859-1"?>')
    return _archive({"[Content_Types].xml": TYPES, "word/document.xml": xml.encode("utf-8")})


def main_part_missing(scale: int) -> bytes:
    """[Content_Types].xml names /word/main.xml as the document, which the archive lacks; the
    archive holds word/document.xml, which is read instead."""
    return _archive({"[Content_Types].xml": TYPES.replace("/word/document.xml", "/word/main.xml"),
                     "word/document.xml": _document()})


def relations_to_one_part(scale: int) -> bytes:
    """The document's relationships name word/document.xml itself as its styles, numbering,
    footnotes, settings and comments."""
    kinds = ("styles", "numbering", "footnotes", "settings", "comments")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="r{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/{k}" Target="document.xml"/>' for i, k in enumerate(kinds))
            + "</Relationships>")
    return _archive({"[Content_Types].xml": TYPES, "word/document.xml": _document(BODY * 1000),
                     "word/_rels/document.xml.rels": rels})


def _lying(size: int, declared: int) -> bytes:
    """An archive whose word/document.xml (``size`` bytes of paragraphs, decompressed) is
    declared ``declared`` bytes long, in its local header and in the central directory."""
    import struct

    xml = _document(BODY * (size // len(BODY))).encode()
    data = bytearray(_archive({"[Content_Types].xml": TYPES, "word/document.xml": xml}))
    name = b"word/document.xml"
    for signature, header, field in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):  # local, central
        at = 0
        while (at := data.find(signature, at)) != -1:
            if data[at + header : at + header + len(name)] == name:
                struct.pack_into("<L", data, at + field, declared)  # its uncompressed size
            at += 4
    return bytes(data)


def size_declared_small(scale: int) -> bytes:
    """A word/document.xml of 20 MB, decompressed, that its archive says is 1,000 bytes."""
    return _lying(20_000_000 * scale, 1000)


def size_declared_huge(scale: int) -> bytes:
    """A word/document.xml of 1 KB that its archive says is 4,294,967,295 bytes."""
    return _lying(1000, 0xFFFFFFFF)


def many_entries(scale: int) -> bytes:
    """A .docx archive of 100,000 tiny entries besides its parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("word/document.xml", _document())
        for i in range(100_000 * scale):
            z.writestr(f"x/{i}", b"")
    return out.getvalue()


def nested_unknown_elements(scale: int) -> bytes:
    """A paragraph inside 100,000 nested elements of another namespace, in the body."""
    depth = 100_000 * scale
    return _docx('<x:a xmlns:x="urn:x">' + "<x:a>" * depth + BODY + "</x:a>" * depth + "</x:a>")


def nested_runs(scale: int) -> bytes:
    """A paragraph of 100,000 runs nested in each other, each with a piece of text."""
    depth = 100_000 * scale
    return _docx("<w:p>" + "<w:r><w:t>a </w:t>" * depth + "</w:r>" * depth + "</w:p>")


def deep_in_a_run(scale: int) -> bytes:
    """A run holding 100,000 nested unknown elements, then its text."""
    depth = 100_000 * scale
    return _docx("<w:p><w:r>" + "<w:x>" * depth + "</w:x>" * depth + "<w:t>Decides to act;</w:t></w:r></w:p>")


def _declaring(part: str, xml: str) -> bytes:
    """A .docx whose part ``part`` is ``xml`` (the document, styles or footnotes)."""
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>')
    parts = {"[Content_Types].xml": TYPES, "word/document.xml": _document(), "word/_rels/document.xml.rels": rels}
    parts[part] = xml
    return _archive(parts)


LAUGHS = "".join(f"<!ENTITY a{i} '{f'&a{i - 1};' * 10}'>" for i in range(1, 10))


def laughs_in_styles(scale: int) -> bytes:
    """An entity expansion ("billion laughs") in word/styles.xml, not in the document."""
    return _declaring("word/styles.xml", f"<!DOCTYPE w:styles [<!ENTITY a0 'ha'>{LAUGHS}]>"
                      f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="&a9;"/></w:styles>')


def external_parameter_entity(scale: int) -> bytes:
    """An external parameter entity (/etc/passwd), the kind read while the DTD is read."""
    return _declaring("word/document.xml", '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
                      + _document())


def external_dtd_in_content_types(scale: int) -> bytes:
    """[Content_Types].xml naming an external DTD on the network."""
    return _declaring("[Content_Types].xml", '<!DOCTYPE Types SYSTEM "http://127.0.0.1:9/types.dtd">' + TYPES)


def xinclude(scale: int) -> bytes:
    """An XInclude of /etc/passwd in the body: an element like another, never followed."""
    return _docx('<w:p><w:r><w:t>Decides to act;</w:t></w:r></w:p><xi:include xmlns:xi="http://www.w3.org/'
                 '2001/XInclude" href="file:///etc/passwd" parse="text"/>')

GENERATORS = {
    "joined-paragraphs": joined_paragraphs,
    "largest-readable": largest_readable,
    "huge-list-number": huge_list_number,
    "huge-letter-number": huge_letter_number,
    "long-level-text": long_level_text,
    "expanding-document": expanding_document,
    "nested-tables": nested_tables,
    "nested-content-controls": nested_content_controls,
    "nested-insertions": nested_insertions,
    "many-paragraphs": many_paragraphs,
    "document-not-xml": document_not_xml,
    "encoding-declared-wrong": encoding_declared_wrong,
    "utf16-declared": utf16_declared,
    "unknown-encoding": unknown_encoding,
    "latin1-declared": latin1_declared,
    "main-part-missing": main_part_missing,
    "relations-to-one-part": relations_to_one_part,
    "size-declared-small": size_declared_small,
    "size-declared-huge": size_declared_huge,
    "many-entries": many_entries,
    "nested-unknown-elements": nested_unknown_elements,
    "nested-runs": nested_runs,
    "deep-in-a-run": deep_in_a_run,
    "laughs-in-styles": laughs_in_styles,
    "external-parameter-entity": external_parameter_entity,
    "external-dtd-in-content-types": external_dtd_in_content_types,
    "xinclude": xinclude,
}
