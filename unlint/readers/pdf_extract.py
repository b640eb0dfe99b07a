"""The PDF reader's extraction backend: the characters and rules of each page.

It uses pdfminer.six through its public interface only: :class:`PDFDocument` and
:class:`PDFPage` to open the file and walk its pages, :class:`PDFPageInterpreter` with a
:class:`PDFPageAggregator` (``laparams=None``: no layout analysis, the reader does its own) to
turn each page into an ``LTPage``, whose ``LTChar`` objects give the text, font name, size and
box of every glyph, in the order they are drawn, and whose ``LTCurve`` objects (lines,
rectangles) give the horizontal rules. (pypdfium2 was measured too: its text page merges
consecutive spaces and drops text objects without width, so a typed double space would not show.)

Time and memory are bounded without signals, so on any thread (the language server lints off
the main thread): a :class:`Deadline` is checked before each page, while a page is drawn and
every :data:`CHECK_EVERY` characters (and by the later steps, page by page). Before pdfminer.six
reads a page, :mod:`unlint.readers.pdf_limits` refuses reference loops and streams that
decompress to too much, and a page's drawing instructions are measured, each form counted as
often as it is drawn, at most :data:`MAX_PAGE_CONTENT` bytes; while the page is drawn, the
guard of :mod:`unlint.readers.pdf_limits` counts the text shown, the forms drawn and their
nesting. Characters are capped per page and per document. Every failure is one
:class:`~unlint.source.InputError`.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass

from unlint.readers.pdf_limits import CHECK_EVERY, Guard, check_pages, check_references
from unlint.source import InputError

#: the clock of :class:`Deadline` (a module attribute, so that tests can replace it)
clock = time.monotonic
MAX_PAGE_CONTENT = 4_000_000  # bytes of drawing instructions on one page (about 6 s of work)
MAX_PAGE_CHARS = 100_000  # characters on one page (a UN page has fewer than 5,000)
MAX_CHARS = 2_000_000  # characters in one document

#: a character as extracted: (text, x0, x1, top, bottom, size, font name), in points from the
#: top left corner of the page
Char = tuple[str, float, float, float, float, float, str]


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    rules: tuple[tuple[float, float, float], ...]  # horizontal rules: (y, x0, x1)


class Deadline:
    """A time limit for reading one file, checked by the reader's own loops."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.start = clock()

    def check(self) -> None:
        if self.seconds > 0 and clock() - self.start > self.seconds:
            raise InputError(f"reading the PDF took more than {self.seconds:g} s: stopped")


def extract(data: bytes, deadline: Deadline) -> list[tuple[Page, list[Char]]]:
    """Each page of a PDF with its characters (upright ones with text and a size, in drawing
    order). Raises InputError."""
    try:
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise InputError(
            "reading PDF files needs pdfminer.six: pip install pdfminer.six"
        ) from None
    try:
        return list(_pages(data, deadline))
    except PDFPasswordIncorrect:
        raise InputError(
            "the PDF is encrypted with a password: save a copy without the password and lint that"
        ) from None
    except PDFEncryptionError as exc:
        raise InputError(f"the PDF is encrypted in a way that cannot be read ({exc})") from None
    except InputError:
        raise
    except RecursionError:
        raise InputError("not a readable PDF (its structure nests without end)") from None
    except Exception as exc:  # noqa: BLE001 - a corrupt file: one line, not a traceback
        detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        raise InputError(
            f"not a readable PDF ({type(exc).__name__}{': ' + detail if detail else ''})"
        ) from None


def _pages(data: bytes, deadline: Deadline):
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTFigure
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    check_references(data)
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    check_pages(document, deadline)
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, Guard(device, deadline))
    total = 0
    for number, pdf_page in enumerate(PDFPage.create_pages(document), 1):
        deadline.check()
        if _drawing_size(pdf_page) > MAX_PAGE_CONTENT:
            raise InputError(f"page {number} of the PDF has more than "
                             f"{MAX_PAGE_CONTENT / 1e6:g} MB of drawing instructions: not read")
        interpreter.process_page(pdf_page)
        layout = device.get_result()
        x_origin, _, x_end, y_top = layout.bbox
        chars: list[Char] = []
        rules: list[tuple[float, float, float]] = []
        seen = 0
        stack = [iter(layout)]
        while stack:
            for obj in stack[-1]:
                if isinstance(obj, LTChar):
                    seen += 1
                    if not seen % CHECK_EVERY:
                        deadline.check()
                    if obj.upright and obj.size > 0:
                        text = obj.get_text()
                        if text:
                            chars.append((text, obj.x0 - x_origin, obj.x1 - x_origin,
                                          y_top - obj.y1, y_top - obj.y0, obj.size, obj.fontname))
                elif isinstance(obj, LTFigure):
                    stack.append(iter(obj))
                    break
                elif isinstance(obj, LTCurve) and obj.height <= 2.5 and obj.width >= 30:
                    rules.append((y_top - obj.y1, obj.x0 - x_origin, obj.x1 - x_origin))
            else:
                stack.pop()
        if seen > MAX_PAGE_CHARS:
            raise InputError(f"page {number} of the PDF has more than {MAX_PAGE_CHARS:,} "
                             "characters: not read")
        total += seen
        if total > MAX_CHARS:
            raise InputError(f"the PDF has more than {MAX_CHARS:,} characters: not read")
        yield Page(number, x_end - x_origin, layout.height, tuple(sorted(rules))), chars


_DRAW_FORM = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do(?![^\s/\[\]()<>{}%])")


def _drawing_size(pdf_page) -> int:
    """The bytes of drawing instructions a page takes to interpret: its content streams, plus
    the content of each form (Form XObject) as many times as it is drawn, nested forms alike
    (an estimate: a form is found by the name before a ``Do``). What cannot be read here counts
    as nothing and is left to the interpreter, which reports or skips it."""
    from pdfminer.pdftypes import PDFStream, resolve1

    sizes: dict[int, tuple] = {}  # id of a form -> (the form, its size with its forms)

    def form_size(form, resources, depth: int) -> int:
        known = sizes.get(id(form))
        if known is None:
            sizes[id(form)] = (form, 0)  # while it is measured: a form drawing itself adds 0
            own = resolve1(form.get("Resources"))
            known = sizes[id(form)] = (form, size([form], own or resources, depth + 1))
        return known[1]

    def size(streams, resources, depth: int) -> int:
        total = 0
        for ref in streams:
            try:
                stream = resolve1(ref)
                if not isinstance(stream, PDFStream):
                    continue
                data = stream.get_data()
                total += len(data)
                if b"Do" not in data or depth > 16 or not isinstance(resources, dict):
                    continue
                xobjects = resolve1(resources.get("XObject"))
                if not isinstance(xobjects, dict):
                    continue
                for name, times in Counter(_DRAW_FORM.findall(data)).items():
                    form = resolve1(xobjects.get(name.decode("latin-1")))
                    if (isinstance(form, PDFStream)
                            and getattr(resolve1(form.get("Subtype")), "name", None) == "Form"):
                        total += times * form_size(form, resources, depth)
            except RecursionError:
                raise
            except Exception:  # noqa: BLE001, S112 - left to the interpreter
                continue
        return total

    try:
        return size(pdf_page.contents, pdf_page.resources, 0)
    except RecursionError:
        return 0
