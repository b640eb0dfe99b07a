"""The PDF reader's printed lines: characters grouped into the lines and pieces that show.

:func:`build_source` turns the characters of each page (:mod:`unlint.readers.pdf_extract`)
into the :class:`Source` (every printed line of every page, top to bottom, as it shows: pieces
of one line far apart separated by a tab, spaces as they show) and the :class:`Layout` the
reading needs: a :class:`Cell` for each piece, with its position, size, font and the spans of
its superscript and italic characters. A smaller character above the baseline is a
superscript, written ``¹`` in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from unlint.readers import marks
from unlint.readers.pdf_extract import Char, Deadline, Page
from unlint.source import InputError, Source, Unit

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_ITALIC_FONT = re.compile(r"italic|oblique|-it$|-boldit|,it", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_TAB_AFTER = re.compile(r"\(?(?:\d{1,3}|[a-z]{1,6}|[IVXLC]{1,6})[.)]|\d{1,3}/\d{1,3}\.")
_FURNITURE_TEXT = re.compile(r"(?:GE\.)?\d{2}-\d{5} ?(?:\(E\))?(?: \d{6})?.*")
_CELL_GAP = 30.0  # points: text this far apart on one line is two cells (masthead, footer)


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


@dataclass(frozen=True)
class Layout:
    """What :func:`build_source` hands to the reading beside the Source."""

    pages: tuple[Page, ...]
    cells: tuple[Cell, ...]


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
            parts.extend(_spaces(spaces, last, c, label, "".join(parts[-10:]), len(parts) <= 10))
            flags.extend([(False, False)] * (len(parts) - len(flags)))
            spaces = []
            label = False
        text = _LIGATURES.get(text, text)
        if sup:
            text = text.translate(marks.digit_superscripts())
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


def _spaces(spaces: list[tuple], last: tuple, nxt: tuple, label: bool, before: str,
            whole: bool) -> list[str]:
    """The spaces between two characters as they show on the page.

    A space glyph counts when the next glyph starts at least half its width after it (Word
    overprints a space it does not show: "non-␣governmental" prints as "non-governmental", a
    tab after a note's number prints as two overlapping spaces); a gap without a space glyph is
    one space; the spaces after a paragraph number or a note's number (a tab), and runs of three
    or more (spacing in footers), are one space; a real double space stays double. ``before``:
    the last ten characters of the cell before the spaces (``whole``: all of them)."""
    shown = [c for c, after in zip(spaces, spaces[1:] + [nxt])
             if after[1] >= c[1] + 0.5 * (c[2] - c[1])]
    if not shown:
        return [" "] if nxt[1] - last[2] > 0.15 * max(nxt[5], last[5]) else []
    chars = ["\u00a0" if c[0] == "\u00a0" else " " for c in shown]
    if (len(chars) == 1 or label or len(chars) >= 3 or (whole and _TAB_AFTER.fullmatch(before))
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


def build_source(path: str, raw_pages: list[tuple[Page, list[Char]]],
                 deadline: Deadline) -> tuple[Source, Layout]:
    """The Source of a PDF (kind "pdf", one unit per page) and its Layout, from the characters
    of its pages; raises InputError for a PDF without any text."""
    parts: list[str] = []
    pos = 0
    cells: list[Cell] = []
    pages: list[Page] = []
    units: list[Unit] = []
    empty: list[int] = []
    for page, chars in raw_pages:
        deadline.check()
        rows = _rows(chars)
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
