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
}
