"""The PDF reader: lint a PDF directly, from the characters on its pages.

Two steps, each one pass:

1. :func:`_load` extracts the text with pdfminer.six (the engine pdfplumber is built on;
   used directly, it is about twice as fast and lighter to install). Every character comes with
   its font, size and position, so little is guessed: a smaller character above the baseline is
   a superscript (a footnote reference, written ``¹`` in the text), an italic font gives the
   italic ranges, the rows above the running-header rule and the footer rows (job number, page
   number, barcode) are furniture, the rows under the footnote rule are notes.
   :attr:`Source.text` holds every printed line of every page, top to bottom, as it shows:
   pieces of one line far apart (the masthead's "United Nations ... A/80/L.14") are separated
   by a tab; spaces are those that show (Word's overprinted spaces dropped, a typed double
   space kept, a tab or a run of three spaces one space). :attr:`Source.units` records where
   each page begins, so that a position reads "page 3, line 12" (:meth:`Source.locate`; the
   lines of a page are counted from its top, running header included).
2. :func:`_read` turns those lines into the canonical text (see :mod:`unlint.readers`): the
   furniture and the asterisk notes (sponsors, "reissued for technical reasons", with their
   ``*`` marks) and the dots of a tab leader (a table of contents) are dropped; lines are joined into paragraphs by their spacing, indentation and
   font, across pages too; superscript numbers that name a note become :class:`RawRef`
   references (a plain number ending a paragraph that can only be a note's reference too, and
   is reported); the notes of every page come after the body as ``[^N]: text``, a note that
   runs onto the next page joined to its start.

Errors are :class:`~unlint.source.InputError` (one line, never a traceback): pdfminer.six not
installed, an encrypted or corrupt file, a scan without a text layer, a file that takes longer
than :data:`TIMEOUT` seconds.
"""

from __future__ import annotations

import io
import logging
import re
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from unlint.readers import RawRef, Reading, merge_italics
from unlint.source import InputError, Source, Unit
from unlint.textmap import TextBuilder

TIMEOUT = 60.0  # seconds for one file: a PDF that takes longer is reported, not waited for

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_ITALIC_FONT = re.compile(r"italic|oblique|-it$|-boldit|,it", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_TAB_AFTER = re.compile(r"\(?(?:\d{1,3}|[a-z]{1,6}|[IVXLC]{1,6})[.)]|\d{1,3}/\d{1,3}\.")
_FURNITURE_TEXT = re.compile(r"(?:GE\.)?\d{2}-\d{5} ?(?:\(E\))?(?: \d{6})?.*")
_CELL_GAP = 30.0  # points: text this far apart on one line is two cells (masthead, footer)


# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(frozen=True, slots=True)
class Cell:
    """A piece of one printed line: its span in :attr:`Source.text` and its layout.

    Positions are in points from the top left corner of the page."""

    page: int  # 1-based
    row: int  # index of its printed line on the page (cells of one row stand side by side)
    start: int
    end: int
    x0: float  # left edge of the first character that is not a space
    x1: float
    top: float
    bottom: float
    size: float  # the font size of most of its characters
    bold: bool  # most characters are bold
    italic: tuple[tuple[int, int], ...]  # spans (in Source.text) of italic characters
    sup: tuple[tuple[int, int], ...]  # spans of superscript characters
    barcode: bool  # set in a barcode font


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    rules: tuple[tuple[float, float, float], ...]  # horizontal rules: (y, x0, x1)


@dataclass(frozen=True)
class Layout:
    """What :func:`_load` hands to :func:`_read` beside the Source."""

    pages: tuple[Page, ...]
    cells: tuple[Cell, ...]


class _Timeout(Exception):
    pass


@contextmanager
def _deadline(seconds: float):
    """Raise _Timeout in this thread after ``seconds`` (where signals allow it; elsewhere the
    page loop checks the clock between pages). pdfminer.six is pure Python, so it stops."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _quiet_pdfminer():
    """pdfminer.six logs warnings about odd files; the user gets our one-line errors instead."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pdf_bytes(path: str, data: bytes, timeout: float | None = None) -> tuple[Source, Reading]:
    """Read a PDF: its :class:`Source` (kind "pdf", one unit per page: the text a person sees)
    and its :class:`Reading` (the canonical text the grammar parses)."""
    source, layout = _load(path, data, timeout)
    return source, _read(source, layout)


def _load(path: str, data: bytes, timeout: float | None = None) -> tuple[Source, Layout]:
    """Extract the text of a PDF into a :class:`Source` and the layout :func:`_read` needs."""
    try:
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise InputError(
            "reading PDF files needs pdfminer.six: pip install 'unlint[pdf]'"
        ) from None
    limit = TIMEOUT if timeout is None else timeout
    started = time.monotonic()
    try:
        with _quiet_pdfminer(), _deadline(limit):
            raw_pages = list(_extract(data, started, limit))
    except _Timeout:
        raise InputError(f"reading the PDF took more than {limit:g} s: stopped") from None
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
    return _build_source(path, raw_pages)


def _extract(data: bytes, started: float, limit: float):
    """Yield (Page, rows) for each page; a row is a list of characters
    (text, x0, x1, top, bottom, size, fontname), left to right."""
    from pdfminer.layout import LTCurve, LTFigure
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = _device_class()(manager, laparams=None)
    interpreter = _interpreter_class()(manager, device)
    for number, pdf_page in enumerate(PDFPage.create_pages(document), 1):
        if limit > 0 and time.monotonic() - started > limit:
            raise _Timeout
        interpreter.process_page(pdf_page)
        layout = device.get_result()
        x_origin, _, x_end, y_top = layout.bbox
        chars = [(text, x0 - x_origin, x1 - x_origin, y_top - y1, y_top - y0, size, font)
                 for text, x0, x1, y0, y1, size, font in device.chars]
        rules: list[tuple[float, float, float]] = []
        stack = [iter(layout)]
        while stack:
            for obj in stack[-1]:
                if isinstance(obj, LTFigure):
                    stack.append(iter(obj))
                    break
                elif isinstance(obj, LTCurve) and obj.height <= 2.5 and obj.width >= 30:
                    rules.append((y_top - obj.y1, obj.x0 - x_origin, obj.x1 - x_origin))
            else:
                stack.pop()
        page = Page(number, x_end - x_origin, layout.height, tuple(sorted(rules)))
        yield page, _rows(chars)

# ---------------------------------------------------------------------------------------------
# A faster reading of the pages' drawing instructions
#
# pdfminer.six spends most of its time splitting content streams into tokens, one character
# state at a time. _content_objects does the same split with one regular expression and hands
# the interpreter the same objects in the same order (numbers, names, strings, arrays,
# dictionaries, operators); anything it does not expect (an inline image, an unbalanced array,
# a name or a string it would have to guess at) makes it give up on that stream, which is then
# read by pdfminer.six's own parser, so the result is never different.


class _Slow(Exception):
    """A content stream to leave to pdfminer.six's own parser."""


_TOKEN = re.compile(
    rb"[\s\x00]+"  # 1: nothing (whitespace)
    rb"|(%[^\r\n]*)"  # 1: a comment
    rb"|/([^#/%\[\]()<>{}\s]*)(?=[/%\[\]()<>{}\s]|$)"  # 2: a name without #
    rb"|([-+0-9][0-9]*)(\.[0-9]*)?"  # 3, 4: a number
    rb"|(\.[0-9]*)"  # 5: a number starting with "."
    rb"|([A-Za-z][^#/%\[\]()<>{}\s]*)"  # 6: an operator (or true, false)
    rb"|\(((?:[^()\\]|\\.)*)\)"  # 7: a string (without parentheses inside)
    rb"|(<<|>>|[\[\]{}])"  # 8: brackets
    rb"|<([0-9A-Fa-f\s]*)(?:>(?!>))?"  # 9: a hexadecimal string (">>" after it: see 8)
    rb"|(>)"  # 10: a lone ">" (pdfminer.six skips it)
    rb"|(.)",  # 11: anything else: an operator of one character (', ")
    re.S,
)
_SPACE = re.compile(rb"\s")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|\r\n|(.))", re.S)
_ESCAPED = {b"b": b"\b", b"t": b"\t", b"n": b"\n", b"f": b"\f", b"r": b"\r", b"(": b"(",
            b")": b")", b"\\": b"\\"}


def _unescape(m: re.Match) -> bytes:
    """One escape of a string: an octal code, a known escape; anything else (an escaped line
    end, an unknown escape) is dropped, as pdfminer.six does."""
    if m.group(1) is not None:
        code = int(m.group(1), 8)
        if code > 255:
            raise _Slow  # pdfminer.six refuses it
        return bytes((code,))
    return _ESCAPED.get(m.group(2), b"")


_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.S)


def _hex_string(digits: bytes) -> bytes:
    digits = _SPACE.sub(b"", digits)
    if len(digits) % 2 == 0:
        return bytes.fromhex(digits.decode("ascii"))
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(), 16),)), digits)


@lru_cache(maxsize=1)
def _pdfminer_symbols():
    from pdfminer.psparser import KWD, LIT, PSLiteral

    return KWD, LIT, PSLiteral


def _content_objects(data: bytes) -> list:
    """The objects of a content stream at its top level, in order, as pdfminer.six's
    PDFContentParser gives them; raises _Slow for what it leaves to that parser."""
    KWD, LIT, LIT_TYPE = _pdfminer_symbols()
    keywords: dict[bytes, object] = {}
    names: dict[bytes, object] = {}
    out: list = []
    stack: list[tuple[str, list]] = []  # open arrays ("a"), dictionaries ("d"), procedures ("p")
    current = out
    for m in _TOKEN.finditer(data):
        kind = m.lastindex
        if kind is None or kind == 1:
            continue
        if kind == 6:
            word = m.group(6)
            if word == b"true":
                obj = True
            elif word == b"false":
                obj = False
            else:
                obj = keywords.get(word)
                if obj is None:
                    if word in (b"BI", b"ID", b"EI"):
                        raise _Slow  # an inline image
                    obj = keywords[word] = KWD(word)
        elif kind == 3 or kind == 4:
            try:
                obj = int(m.group(3)) if m.group(4) is None else float(m.group())
            except ValueError:  # a lone "-" or "-.": pdfminer.six drops it
                continue
        elif kind == 2:
            raw = m.group(2)
            obj = names.get(raw)
            if obj is None:
                try:
                    name = str(raw, "utf-8")
                except UnicodeDecodeError:
                    name = raw
                obj = names[raw] = LIT(name)
        elif kind == 7:
            obj = m.group(7)
            if b"\\" in obj:
                obj = _ESCAPE.sub(_unescape, obj)
        elif kind == 9:
            obj = _hex_string(m.group(9))
        elif kind == 10:
            continue
        elif kind == 5:
            try:
                obj = float(m.group(5))
            except ValueError:  # a lone "."
                continue
        elif kind == 8:
            bracket = m.group(8)
            if bracket in (b"[", b"<<", b"{"):
                stack.append((bracket, current))
                current = []
                continue
            if not stack:
                raise _Slow
            opened, outer = stack.pop()
            if (opened, bracket) == (b"[", b"]") or (opened, bracket) == (b"{", b"}"):
                obj = current
            elif (opened, bracket) == (b"<<", b">>"):
                if len(current) % 2 or not all(
                    isinstance(k, LIT_TYPE) for k in current[::2]
                ):
                    raise _Slow
                obj = {}
                for k, v in zip(current[::2], current[1::2]):
                    name = k.name
                    if not isinstance(name, str):
                        raise _Slow
                    obj[name] = v
            else:
                raise _Slow
            current = outer
        else:  # 11: one character; a name with "#", a string with escapes: not here
            char = m.group(11)
            if char in b"/(<":
                raise _Slow
            obj = keywords.get(char)
            if obj is None:
                obj = keywords[char] = KWD(char)
        current.append(obj)
    if stack:
        raise _Slow
    return out


@lru_cache(maxsize=1)
def _interpreter_class():
    """pdfminer.six's page interpreter, reading content streams with :func:`_content_objects`."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfminer.psparser import keyword_name

    operators: dict = {}  # keyword -> (function, number of operands), or None: not an operator

    def operator(cls, keyword):
        name = keyword_name(keyword)
        attr = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
        func = getattr(cls, attr, None)
        found = None if func is None else (func, func.__code__.co_argcount - 1)
        operators[keyword] = found
        return found

    class Interpreter(PDFPageInterpreter):
        def execute(self, streams) -> None:
            datas = []
            for obj in streams:
                stream = stream_value(obj)
                if stream.objid is None or stream.objid in self.parent_stream_ids:
                    break  # left to pdfminer.six, which warns and skips it
                datas.append(stream)
            else:
                self.stream_ids.clear()
                self.stream_ids.update(s.objid for s in datas)
                try:
                    objects = _content_objects(b"\n".join(s.get_data() for s in datas))
                except _Slow:
                    pass
                else:
                    self._run(objects)
                    return
            super().execute(streams)

        def _run(self, objects: list) -> None:
            cls = type(self)
            kw_type = _pdfminer_keyword_type()
            for obj in objects:
                if type(obj) is kw_type:
                    try:
                        found = operators[obj]
                    except KeyError:
                        found = operator(cls, obj)
                    if found is None:
                        continue
                    func, n = found
                    if n:
                        stack = self.argstack
                        args = stack[-n:]
                        del stack[-n:]
                        if len(args) == n:
                            func(self, *args)
                    else:
                        func(self)
                else:
                    self.argstack.append(obj)

    return Interpreter


@lru_cache(maxsize=1)
def _pdfminer_keyword_type():
    from pdfminer.psparser import PSKeyword

    return PSKeyword


@lru_cache(maxsize=1)
def _device_class():
    """pdfminer.six's page aggregator, keeping the characters as plain tuples
    (text, x0, x1, y0, y1, size, fontname) in :attr:`chars`, in the order they are drawn,
    instead of building an LTChar object for each: the same positions, computed the same way
    (LTChar's box, then pdfminer.utils.apply_matrix_rect), for a fraction of the time. Only
    upright characters with text and a size are kept (the others are not read)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class Device(PDFPageAggregator):
        chars: list[tuple] = []

        def begin_page(self, page, ctm) -> None:
            super().begin_page(page, ctm)
            self.chars = []
            self._glyphs: dict[int, tuple[object, dict]] = {}

        def _glyph(self, font, cid: int) -> tuple[str, float]:
            """(text, width) of a character code, as PDFLayoutAnalyzer.render_char finds them."""
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            return text, font.char_width(cid)

        def _table(self, font) -> dict:
            found = self._glyphs.get(id(font))
            if found is None or found[0] is not font:
                found = self._glyphs[id(font)] = (font, {})
            return found[1]

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            # vertical writing (render_string_vertical): the LTChar itself, kept as a tuple
            text, width = self._glyph(font, cid)
            item = LTChar(matrix, font, fontsize, scaling, rise, text, width,
                          font.char_disp(cid), ncs, graphicstate)
            if text and item.upright and item.size > 0:
                self.chars.append((text, item.x0, item.x1, item.y0, item.y1, item.size,
                                   item.fontname))
            return item.adv

        def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace,
                                     wordspace, rise, dxscale, ncs, graphicstate):
            # PDFTextDevice.render_string_horizontal with LTChar's arithmetic written out
            x, y = pos
            a, b, c, d, e, f = matrix
            upright = a * d * scaling > 0 and b * c <= 0
            descent = font.get_descent() * fontsize
            low = descent + rise
            high = descent + rise + fontsize
            name = font.fontname
            table = self._table(font)
            chars = self.chars
            need_space = False
            for obj in seq:
                if isinstance(obj, (int, float)):
                    x -= obj * dxscale
                    need_space = True
                elif isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        if need_space:
                            x += charspace
                        glyph = table.get(cid)
                        if glyph is None:
                            glyph = table[cid] = self._glyph(font, cid)
                        text, width = glyph
                        adv = width * fontsize * scaling
                        if upright and text:
                            e1 = x * a + y * c + e
                            f1 = x * b + y * d + f
                            left1, bottom1 = a * 0 + c * low + e1, b * 0 + d * low + f1
                            right1, bottom2 = a * adv + c * low + e1, b * adv + d * low + f1
                            right2, top1 = a * adv + c * high + e1, b * adv + d * high + f1
                            left2, top2 = a * 0 + c * high + e1, b * 0 + d * high + f1
                            y0 = min(bottom1, bottom2, top1, top2)
                            y1 = max(bottom1, bottom2, top1, top2)
                            if y1 - y0 > 0:
                                chars.append((text, min(left1, left2, right1, right2),
                                              max(left1, left2, right1, right2), y0, y1,
                                              y1 - y0, name))
                        x += adv
                        if cid == 32 and wordspace:
                            x += wordspace
                        need_space = True
            return x, y

    return Device


def _rows(chars: list[tuple]) -> list[list[tuple]]:
    """Group characters into printed lines: a character belongs to the line whose vertical band
    holds its middle (so a raised superscript stays on its line); each line left to right."""
    chars.sort(key=lambda c: c[3] + c[4])
    rows: list[list[tuple]] = []
    top = bottom = 0.0
    for c in chars:
        middle = (c[3] + c[4]) / 2
        if rows and top <= middle <= bottom:
            rows[-1].append(c)
            top, bottom = min(top, c[3]), max(bottom, c[4])
        else:
            rows.append([c])
            top, bottom = c[3], c[4]
    for row in rows:
        row.sort(key=lambda c: c[1])
    return rows


def _is_space(text: str) -> bool:
    return text.isspace()


def _cells(row: list[tuple]) -> list[list[tuple]]:
    """Split a printed line where its text is far apart; drop duplicated (overprinted) glyphs."""
    cells: list[list[tuple]] = [[]]
    last = None  # the last character that is not a space
    previous = None
    for c in row:
        if previous is not None and c[0] == previous[0] and abs(c[1] - previous[1]) < 0.5 * max(
            0.5, previous[2] - previous[1]
        ):
            continue  # the same glyph printed twice
        previous = c
        if c[0].isspace() or c[5] < 2.5:  # a space, or a tiny spacing glyph
            if cells[-1]:
                cells[-1].append((" " if c[5] < 2.5 else c[0],) + c[1:])
            continue
        if last is not None and c[1] - last[2] > _CELL_GAP:
            cells.append([])
        cells[-1].append(c)
        last = c
    return [cell for cell in cells if any(not ch[0].isspace() for ch in cell)]


@lru_cache(maxsize=256)
def _font_kind(font: str) -> tuple[bool, bool, bool]:
    """(italic, bold, barcode) from a font's name ("BCDKEE+TimesNewRomanPS-ItalicMT")."""
    return (bool(_ITALIC_FONT.search(font)), bool(_BOLD_FONT.search(font)),
            "barcode" in font.lower())


def _cell_text(chars: list[tuple]):
    """(text, flags, size, bold, barcode, x0, x1, top, bottom) of one cell; flags per character
    of the text: (italic, superscript)."""
    solid = [c for c in chars if not c[0].isspace()]
    sizes = Counter(round(c[5] * 2) / 2 for c in solid)
    size = sizes.most_common(1)[0][0]
    main = [c[4] for c in solid if round(c[5] * 2) / 2 == size]
    base = sorted(main)[len(main) // 2]  # the bottom of the main characters
    parts: list[str] = []
    flags: list[tuple[bool, bool]] = []
    spaces: list[str] = []
    last = None
    bold = 0
    barcode = False
    label = False  # the cell opens with a superscript (a footnote's number)
    for c in chars:
        text, x0, x1, top, bottom, csize, font = c
        if text.isspace():
            if last is not None:
                spaces.append(c)
            continue
        sup = csize <= 0.8 * size and bottom < base - 0.15 * size
        if last is None:
            label = sup
        else:
            parts.extend(_spaces(spaces, last, c, label, "".join(parts)))
            flags.extend([(False, False)] * (len(parts) - len(flags)))
            spaces = []
            label = False
        text = _LIGATURES.get(text, text)
        if sup:
            text = text.translate(_SUPERSCRIPT)
        italic, is_bold, is_barcode = _font_kind(font)
        for ch in text:
            parts.append(ch)
            flags.append((italic, sup))
        bold += is_bold
        barcode = barcode or is_barcode
        last = c
    text = "".join(parts)
    if "  " in text and _FURNITURE_TEXT.fullmatch(text):  # "25-18767 (E)  261125": one space
        text = " ".join(text.split())
        flags = [(False, False)] * len(text)
    return (text, flags, size, bold * 2 > len(solid), barcode,
            solid[0][1], solid[-1][2], min(c[3] for c in solid), max(c[4] for c in solid))


def _spaces(spaces: list[tuple], last: tuple, nxt: tuple, label: bool, before: str) -> list[str]:
    """The spaces between two characters as they show on the page.

    A space glyph counts when the next glyph starts at least half its width after it (Word
    overprints a space it does not show: "non-␣governmental" prints as "non-governmental", a
    tab after a note's number prints as two overlapping spaces); a gap without a space glyph is
    one space; the spaces after a paragraph number or a note's number (a tab), and runs of three
    or more (spacing in footers), are one space; a real double space stays double."""
    shown = [c for c, after in zip(spaces, spaces[1:] + [nxt])
             if after[1] >= c[1] + 0.5 * (c[2] - c[1])]
    if not shown:
        return [" "] if nxt[1] - last[2] > 0.15 * max(nxt[5], last[5]) else []
    chars = ["\u00a0" if c[0] == "\u00a0" else " " for c in shown]
    if (len(chars) == 1 or label or len(chars) >= 3 or _TAB_AFTER.fullmatch(before)
            or before.endswith((". .", "..."))):  # after a number, or a leader's dots: a tab
        return chars[:1]
    width = max(0.1, shown[0][2] - shown[0][1])
    n = max(1, min(len(chars), int((nxt[1] - last[2]) / width + 0.25)))
    return chars[:n]


def _runs(flags: list[tuple[bool, bool]], which: int, offset: int) -> tuple[tuple[int, int], ...]:
    runs: list[tuple[int, int]] = []
    start = None
    for i, f in enumerate(flags):
        if f[which] and start is None:
            start = i
        elif not f[which] and start is not None:
            runs.append((offset + start, offset + i))
            start = None
    if start is not None:
        runs.append((offset + start, offset + len(flags)))
    return tuple(runs)


def _build_source(path: str, raw_pages) -> tuple[Source, Layout]:
    parts: list[str] = []
    pos = 0
    cells: list[Cell] = []
    pages: list[Page] = []
    units: list[Unit] = []
    empty: list[int] = []
    for page, rows in raw_pages:
        pages.append(page)
        if parts:
            parts.append("\n")
            pos += 1
        units.append(Unit(pos, "page", str(page.number)))
        first = True
        row_index = 0
        for row in rows:
            pieces = [_cell_text(cell) for cell in _cells(row)]
            if not pieces:
                continue
            if not first:
                parts.append("\n")
                pos += 1
            first = False
            for k, (text, flags, size, bold, barcode, x0, x1, top, bottom) in enumerate(pieces):
                if k:
                    parts.append("\t")
                    pos += 1
                cells.append(Cell(page.number, row_index, pos, pos + len(text), x0, x1, top,
                                  bottom, size, bold, _runs(flags, 0, pos), _runs(flags, 1, pos),
                                  barcode))
                parts.append(text)
                pos += len(text)
            row_index += 1
        if first:
            empty.append(page.number)
    text = "".join(parts)
    if not cells:
        n = len(pages)
        raise InputError(
            f"the PDF has no text layer ({n} page{'s' if n != 1 else ''} of images, a scan?): "
            "run OCR on it first (for example ocrmypdf), then lint the result"
        )
    notices = []
    if empty:
        listed = ", ".join(str(n) for n in empty)
        several = len(empty) > 1
        notices.append(f"page{'s' if several else ''} {listed} ha{'ve' if several else 's'} no text "
                       "(an image or a scan?): not linted")
    layout = Layout(tuple(pages), tuple(cells))
    return Source(path, text, encoding="pdf", kind="pdf", units=tuple(units),
                  notices=tuple(notices)), layout


# ---------------------------------------------------------------------------------------------
# Reading

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)")
_SYMBOL = r"(?:A|E|S|CTOC|CAC|DP|UNEP|TD|HRC|ICCD)(?:/[A-Za-z0-9.\-]+){1,6}(?: \(\d{4}\))?"
#: first-page header items: each stands alone, never joined to the line before or after
_HEADER_ITEM = re.compile(
    r"United Nations|UNITED NATIONS|" + _SYMBOL + r"|General Assembly|Security Council|"
    r"Economic and Social Council|Human Rights Council|Distr\.:?.*|Original: .*|ORIGINAL: .*|"
    r"[A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special| resumed)? session.*|"
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization) Committee|"
    r"Agenda items? .*|\d{1,2} " + _MONTH + r" \d{4}|"
    r"\d{1,2}(?:–| to )\d{1,2} " + _MONTH + r" \d{4}"
)
_SESSION = re.compile(r".+ session")
_DATE_RANGE = re.compile(
    r"\d{1,2}(?: " + _MONTH + r"(?: \d{4})?)?(?:–|-| to )\d{1,2} " + _MONTH + r" \d{4}"
)
_ORGAN = re.compile(
    r"The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Commission on |Conference of the )"
)
_CLOSING = re.compile(r"\d{1,3}(?:st|nd|rd|th) plenary meeting|\d{1,2} " + _MONTH + r" \d{4}$")
_MARKER = re.compile(r"(?:\d{1,3}\.|\([a-z]{1,6}\))\s")
_FOOTER = re.compile(
    r"(?:GE\.)?\d{2}-\d{5}\s*(?:\(E\))?(?:\s+\d{6})?(?:\s*\*\d+\*)?|\d{1,3}(?:/\d{1,3})?|"
    r"\*\d{7,}\*|Please recycle.*"
)
_RUNNING_HEAD = re.compile(_SYMBOL + r"|\d{1,3}(?:/\d{1,3})?")  # without a rule under it
_UNDERSCORES = re.compile(r"_{5,}")
_PLAIN_LABEL = re.compile(r"(\d{1,3}|\*{1,3})[ \t\u00a0]+(?=\S)")
_SUP_LABEL = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*+")
_GLUED_STAR = re.compile(r"(?<=\S)\*{1,3}(?=[\s,;:.]|$)")
_PLAIN_REF_AT_END = re.compile(r"[,;:.”’)](\d{1,3})$")
#: a tab's dot leader in a table of contents ("Introduction . . . . . 2"): layout, not text
_LEADER = re.compile(r" ?\.(?: ?\.){5,}(?= *\d{0,4}$)")
_UNIT_BEFORE = re.compile(r"(?:\b(?:k?m|cm|mm|ft|mi|sq)|°)$")
_ENDS_CLAUSE = re.compile(r"[,;:.][”’\"')\]]*$")
_JOIN_NO_SPACE = re.compile(r"[^\W\d_][-\u2010\u2011]$")  # "money-" + "laundering"


@dataclass
class _Note:
    label: str  # "1", "*"
    label_span: tuple[int, int]  # Source span of the label
    spans: list[tuple[Cell, int]]  # (cell, where its text starts)


class _Classifier:
    """Sort each page's cells into furniture, body and notes."""

    def __init__(self, source: Source, layout: Layout):
        self.text = source.text
        self.layout = layout
        by_page: dict[int, list[Cell]] = {}
        for cell in layout.cells:
            by_page.setdefault(cell.page, []).append(cell)
        self.by_page = by_page
        self.body: list[Cell] = []
        self.notes: list[Cell] = []

    def content(self, cell: Cell) -> str:
        return self.text[cell.start : cell.end]

    def run(self) -> None:
        for page in self.layout.pages:
            cells = self.by_page.get(page.number, [])
            keep = self._without_furniture(page, cells)
            sep = self._separator(page, keep)
            for cell in keep:
                if sep is not None and cell.top >= sep:
                    if not _UNDERSCORES.fullmatch(self.content(cell)):
                        self.notes.append(cell)
                else:
                    self.body.append(cell)

    def _rows(self, cells: list[Cell]) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for cell in cells:
            if rows and rows[-1][0].row == cell.row:
                rows[-1].append(cell)
            else:
                rows.append([cell])
        return rows

    def _without_furniture(self, page: Page, cells: list[Cell]) -> list[Cell]:
        """Drop the running header (above the page's top rule), the footer rows (job number, page
        number, barcode) and anything set in a barcode font."""
        rows = self._rows(cells)
        head_rule = self._head_rule(page)
        first = 0
        if page.number > 1:
            while first < len(rows):
                row = rows[first]
                if head_rule is not None:
                    if max(c.bottom for c in row) > head_rule + 2:
                        break
                elif not (row[0].bottom < 0.1 * page.height and all(
                    _RUNNING_HEAD.fullmatch(self.content(c)) or c.bold for c in row
                )):
                    break
                first += 1
        last = len(rows)
        while last > first:
            row = rows[last - 1]
            if row[0].top < 0.85 * page.height:
                break
            if not all(c.barcode or _FOOTER.fullmatch(self.content(c)) for c in row):
                break
            last -= 1
        return [c for row in rows[first:last] for c in row if not c.barcode]

    @staticmethod
    def _head_rule(page: Page) -> float | None:
        """The rule under the running header: near the top, across most of the page."""
        width = 0.0
        y = None
        for ry, x0, x1 in page.rules:
            if ry < 0.15 * page.height and (y is None or abs(ry - y) < 1.5):
                y = ry if y is None else y
                width += x1 - x0
        return y if y is not None and width > 0.5 * page.width else None

    def _separator(self, page: Page, cells: list[Cell]) -> float | None:
        """Where the notes begin: a line of underscores, or a short rule at the left margin."""
        for cell in cells:
            if _UNDERSCORES.fullmatch(self.content(cell)) and cell.top > 0.3 * page.height:
                return cell.top
        body = [c for c in cells if c.top > 0.15 * page.height]
        if not body:
            return None
        first_text = min(c.top for c in body)
        for ry, x0, x1 in page.rules:
            if (
                ry > max(first_text, 0.3 * page.height)
                and 30 <= x1 - x0 <= 0.5 * page.width
                and x0 < 0.3 * page.width
                and any(c.top > ry for c in cells)
            ):
                return ry
        return None


def _labels(run: str) -> list[tuple[str, int, int]]:
    """The labels in a superscript run ("¹⁰,¹¹" -> 10 and 11), with offsets in the run."""
    return [(m.group().translate(_FROM_SUPERSCRIPT), m.start(), m.end())
            for m in _SUP_LABEL.finditer(run)]


class _Notes:
    """Footnote definitions, from the note cells of every page in order."""

    def __init__(self, text: str, cells: list[Cell]):
        self.text = text
        self.notes: list[_Note] = []
        self.orphans: list[Cell] = []
        expected = 1
        for cell in cells:
            found = self._label(cell, expected)
            if found is not None:
                label, span, body_start = found
                self.notes.append(_Note(label, span, [(cell, body_start)]))
                if label.isdigit():
                    expected = int(label) + 1
            elif self.notes:
                self.notes[-1].spans.append((cell, cell.start))
            else:
                self.orphans.append(cell)

    def _label(self, cell: Cell, expected: int):
        text = self.text
        for a, b in cell.sup:
            if a != cell.start:
                break
            labels = _labels(text[a:b])
            if len(labels) == 1:
                label, s, e = labels[0]
                start = b
                while start < cell.end and text[start] in " \t\u00a0":
                    start += 1
                return label, (a + s, a + e), start
        m = _PLAIN_LABEL.match(text, cell.start, cell.end)
        if m and (m.group(1)[0] == "*" or int(m.group(1)) in (expected, expected + 1)):
            return m.group(1), m.span(1), m.end()
        return None


class _Blocks:
    """Join the body cells into blocks (canonical lines) by spacing, indentation and font.

    The measures come from the document itself: the left margin and the right edge of the text
    (the most common line starts and ends) and the line pitch (the most common distance from one
    line to the next): a paragraph starts where the distance is larger (Word's space before or
    after a paragraph), or, with even spacing (a typewritten page), where a line is indented
    after a short line that ends a clause. Across a page break, a paragraph goes on unless the
    new page starts with an indented line, a paragraph number after a finished clause, or
    anything but a lowercase word after a short finished line.
    """

    def __init__(self, text: str, cells: list[Cell]):
        self.text = text
        self.blocks: list[list[Cell]] = []
        self.right = 0.0
        body = [c for c in cells if c.size >= 8]
        organ = next((i for i, c in enumerate(body) if _ORGAN.match(text, c.start, c.end)), None)
        if organ is not None and len(body) - organ > 3:
            body = body[organ + 1 :]  # measure the resolution itself, not its first-page header
        xs = Counter(round(c.x0) for c in body)
        self.margin = min((x for x, n in xs.items() if n >= 2), default=0) if xs else 0
        ends = sorted(c.x1 for c in body)
        self.right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0  # full lines end here
        steps: Counter[int] = Counter()  # from one baseline to the next (superscripts aside)
        single: Counter[int] = Counter()  # ... where lines are single-spaced
        for a, b in zip(body, body[1:]):
            if a.page == b.page and b.row == a.row + 1 and abs(a.size - b.size) < 0.6:
                step = round(b.bottom - a.bottom)
                steps[step] += 1
                if step <= 1.5 * b.size:
                    single[step] += 1
        pitch = single or steps
        self.pitch = pitch.most_common(1)[0][0] if pitch else 0
        header = True
        prev: Cell | None = None
        for cell in cells:
            content = text[cell.start : cell.end]
            if prev is None or self._new(prev, cell, content, header):
                self.blocks.append([cell])
            else:
                self.blocks[-1].append(cell)
            if header and _ORGAN.match(content):
                header = False
            prev = cell

    def _new(self, prev: Cell, cell: Cell, content: str, header: bool) -> bool:
        text = self.text
        before = text[prev.start : prev.end]
        block = self.blocks[-1]
        block_start = text[block[0].start : block[0].end]
        same_row = prev.page == cell.page and prev.row == cell.row
        if _ORGAN.match(content) or _ORGAN.match(block_start) or _CLOSING.match(before):
            return True
        if header:
            if _SESSION.fullmatch(before) and _DATE_RANGE.fullmatch(content):
                return False  # "2025 session" "25 July 2024–30 July 2025": one line
            if same_row or _HEADER_ITEM.fullmatch(content) or _HEADER_ITEM.fullmatch(before):
                return True
            if prev.page != cell.page:
                return True
        elif same_row:
            return False
        if abs(cell.size - prev.size) > 0.6 or cell.bold != prev.bold:
            return True
        lower = content[:1].islower()
        finished = _ENDS_CLAUSE.search(before) is not None
        short = prev.x1 < self.right - 40
        if prev.page != cell.page:
            if lower and not _MARKER.match(content):
                return False
            inner = [c.x0 for c in block[1:]]
            left = min(inner) if inner else self.margin
            if cell.x0 > left + 8:
                return True
            if _MARKER.match(content) and finished:
                return True
            return short and finished
        step = cell.bottom - prev.bottom
        if self.pitch and step > 1.3 * self.pitch:
            return True
        if not self.pitch and cell.top - prev.bottom > 0.45 * max(cell.size, prev.size):
            return True
        inner = [c.x0 for c in block[1:]]
        left = min(inner) if inner else self.margin
        return cell.x0 > left + 8 and short and finished and not lower


class _Emitter:
    """Write blocks and notes into the canonical text, cutting references out."""

    def __init__(self, source: Source, labels: set[str], stars: bool):
        self.text = source.text
        self.builder = TextBuilder(source.text)
        self.labels = labels
        self.stars = stars  # star notes were dropped: cut the "*" marks
        self.refs: list[RawRef] = []
        self.italics: list[tuple[int, int]] = []
        self.problems: list[tuple[str, int, int]] = []
        self.end: int | None = None  # Source offset where the last line ended

    def _newline(self) -> None:
        if self.end is not None:
            self.builder.insert("\n", self.end)

    def _cuts(self, cell: Cell, start: int, last: bool):
        """(start, end, [(label, mark start, mark end)]) to cut out of the cell, in order."""
        text = self.text
        cuts = []
        for a, b in cell.sup:
            if b <= start:
                continue
            run = text[a:b]
            labels = _labels(run)
            digits = [x for x in labels if x[0][0] != "*"]
            if not labels or any(x[0] not in self.labels for x in digits):
                continue
            if run in ("²", "³") and _UNIT_BEFORE.search(text, max(cell.start, a - 3), a):
                continue  # km², m³
            if not digits and not self.stars:
                continue
            found = [(lab, a + s, a + e) for lab, s, e in digits]
            s, e = a, b
            if s - 1 >= cell.start and text[s - 1] == " " and (e == cell.end or text[e] == " "):
                s -= 1
            cuts.append((max(s, start), e, found))
        m = _LEADER.search(text, start, cell.end)
        if m:
            cuts.append((m.start(), m.end(), []))
        if self.stars:
            for m in _GLUED_STAR.finditer(text, start, cell.end):
                if not any(a <= m.start() < b for a, b in cell.sup):
                    cuts.append((m.start(), m.end(), []))
        if last:
            m = _PLAIN_REF_AT_END.search(text, max(start, cell.end - 6), cell.end)
            at = m.start(1) if m else 0
            if m and self._plain_ref(m.group(1)) and not any(a <= at < b for a, b in cell.sup):
                cuts.append((at, m.end(1), [(m.group(1), at, m.end(1))]))
                self.problems.append(
                    (f"footnote reference {m.group(1)} is not set as a superscript", at, m.end(1)))
        cuts.sort()
        return cuts

    def _plain_ref(self, label: str) -> bool:
        """A plain number ending a paragraph ("UNISPACE+50,1") that can only be a note's
        reference: a note with that label exists and it is referenced already or comes next."""
        if label not in self.labels:
            return False
        numbers = [int(r.label) for r in self.refs if r.label.isdigit()]
        return label in {r.label for r in self.refs} or int(label) == max(numbers, default=0) + 1

    def _copy(self, cell: Cell, a: int, b: int) -> None:
        if b <= a:
            return
        at = len(self.builder)
        self.builder.copy(a, b)
        for s, e in cell.italic:
            s, e = max(s, a), min(e, b)
            if e > s:
                self.italics.append((at + s - a, at + e - a))

    def line(self, pieces: list[tuple[Cell, int]], header: bool = False,
             label: tuple[str, tuple[int, int]] | None = None) -> None:
        """One canonical line from the cells (each from its start offset), joined by spaces."""
        self._newline()
        b = self.builder
        if label is not None:
            name, (s, e) = label
            b.insert("[^", s)
            b.insert(name, s)
            b.insert("]: ", e)
        text = self.text
        for k, (cell, start) in enumerate(pieces):
            cuts = self._cuts(cell, start, label is None and not header and k == len(pieces) - 1)
            pos = start
            if k:
                while cuts and cuts[0][0] <= pos:  # a reference opening the line attaches before
                    for name, s, e in cuts[0][2]:
                        self.refs.append(RawRef(len(b), name, s, e))
                    pos = max(pos, cuts.pop(0)[1])
                prev_cell = pieces[k - 1][0]
                if not _JOIN_NO_SPACE.search(text, max(prev_cell.start, prev_cell.end - 2),
                                             prev_cell.end):
                    b.insert(" ", prev_cell.end)
            for s, e, found in cuts:
                self._copy(cell, pos, s)
                for name, ms, me in found:
                    self.refs.append(RawRef(len(b), name, ms, me))
                pos = max(pos, e)
            self._copy(cell, pos, cell.end)
        self.end = pieces[-1][0].end


def _read(source: Source, layout: Layout) -> Reading:
    text = source.text
    sorter = _Classifier(source, layout)
    sorter.run()
    notes = _Notes(text, sorter.notes)
    kept = [n for n in notes.notes if n.label[0] != "*"]
    stars = len(kept) != len(notes.notes)
    labels = {n.label for n in kept}
    blocks = _Blocks(text, sorter.body)
    out = _Emitter(source, labels, stars)
    header = True
    for block in blocks.blocks:
        out.line([(c, c.start) for c in block], header)
        if header and _ORGAN.match(text[block[0].start : block[0].end]):
            header = False
    problems = list(out.problems)
    for cell in notes.orphans:
        problems.append(("text under the footnote rule that starts no footnote", cell.start,
                         cell.end))
    seen: set[str] = set()
    for note in kept:
        out.line(note.spans, label=(note.label, note.label_span))
        if note.label in seen:
            problems.append((f"footnote {note.label} is defined twice", *note.label_span))
        seen.add(note.label)
    meta = {
        "extraction": "pdfminer.six",
        "pages": len(layout.pages),
        "dropped_notes": [text[n.spans[0][1] : n.spans[0][0].end] for n in notes.notes
                          if n.label[0] == "*"],
    }
    mapped = out.builder.build()
    return Reading(
        "pdf",
        mapped,
        refs=tuple(out.refs),
        italics=merge_italics(mapped.text, out.italics),
        meta=meta,
        problems=tuple(problems),
    )
