"""Reader for text extracted from a UN PDF (pdftotext, PyMuPDF raw text).

The reader turns the extracted lines into the canonical text (see :mod:`unlint.readers`): one
block per line, wrapped lines joined by one synthetic space, page furniture dropped, footnote
definitions moved after the body as ``[^N]: text`` and footnote references (bare numbers)
listed as :class:`~unlint.readers.RawRef` instead of being left in the text.

Two extraction styles are told apart by their blank lines:

* **double-spaced** (``pdftotext`` of the older official PDFs, seed 004): every text line is
  followed by an empty line, so blank lines say nothing. A paragraph starts on an indented
  line (" Reaffirming", " 5. Reaffirms"); continuation lines are not indented, except the first
  line of a page, which has one extra space (" work of the Office"). Furniture: running headers
  (the title, wrapped, with the symbol), "9/20 18-22282" page lines, undocs.org link lines.
  A footnote block follows a ``____`` line: " N text" lines, continued by unindented lines; it
  ends at an indented line that is not the next note, or at a running header.
* **flowed** (PyMuPDF raw text, the corpus): a line holding only spaces separates paragraphs,
  an empty line is a page break. Each later page opens with a header block (symbol, running
  title, job number "25-17953", page "2/3") that is dropped. After it, one blank line means the
  paragraph goes on; two mean a new one. A footnote block runs from a ``____`` line (or a
  "* On behalf of ..." sponsors note) to the page break; notes are separated by blank lines.
  Operative numbers may stand alone on their line ("1. " then "Decides ..."). The first page
  header (symbol, distribution, date, session, agenda item ...) gives one block per item.

In both styles a paragraph also starts at the next operative number ("13. We ...", even right
after a heading line), at a sub-paragraph "(b)" after a clause end, and after a line that
stands alone (a heading such as "Annex" or "II.", the "100th plenary meeting" line, its date).

A line that ends with a hyphen or dash glued to a word ("money-", "2015–") is joined to the next
without a space ("money-laundering", "2015–2030"): UN documents do not hyphenate words at line
ends, so such a hyphen belongs to the word. Every other join is one synthetic space.

References are found by :mod:`unlint.readers.barerefs`, paragraph by paragraph in document
order, with the labels the document's own notes define; they are cut out of the text
("thereto, 1 the" -> "thereto, the") and listed with the canonical offset just after the word
they follow and the original span of their digits. Notes are not scanned for references.

Everything in the canonical text is copied from the original except the joins between wrapped
lines, the line breaks between blocks (each is the original line break ending the block's last
line, copied, except after a "\r\n" line), and the "[^" / "]: " around note labels. So every
offset maps back to the original file.

The steps live in their own modules: :mod:`~unlint.readers.pdftext_furniture` (the lines, page
furniture, running headers), :mod:`~unlint.readers.pdftext_blocks` (body blocks and footnote
definitions) and :mod:`~unlint.readers.pdftext_emit` (joins, references, emission).
"""

from __future__ import annotations

from unlint.readers import Reading
from unlint.readers.pdftext_blocks import (
    FlowSegmenter,
    Segmenter,
    SpacedSegmenter,
    is_double_spaced,
)
from unlint.readers.pdftext_emit import Emitter
from unlint.readers.pdftext_furniture import Lines
from unlint.source import Source


def read_pdf_text(source: Source) -> Reading:
    """The reading of text extracted from a PDF (see the module docstring)."""
    lines = Lines(source.text)
    double = is_double_spaced(lines)
    seg: Segmenter = SpacedSegmenter(lines) if double else FlowSegmenter(lines)
    seg.run()
    labels = {source.text[n.label[0] : n.label[1]] for n in seg.notes}
    out = Emitter(source, labels, len(seg.notes))
    for spans in seg.blocks:
        out.block(spans)
    for note in seg.notes:
        out.note(note)
    return Reading(
        "pdf-text",
        out.builder.build(),
        refs=tuple(out.refs),
        meta={"extraction": "double-spaced" if double else "flowed"},
    )
