"""The PDF reader's page layout: what each printed line of a page is.

:class:`Classifier` sorts the cells of each page (:mod:`unlint.readers.pdf_lines`) into page
furniture (the running header above the rule at the top of the page, the footer rows: job
number, page number, barcode; on a scanned first page, the OCR of a library stamp above the
masthead), body and notes (the rows under the footnote rule or a line of
underscores). :class:`Notes` finds the footnote definitions among the note cells (a label, a
superscript or a plain number, opens one; a note that runs onto the next page goes on).
:class:`Blocks` joins the body cells into paragraphs by their spacing, indentation and font.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from unlint.readers import marks
from unlint.readers.pdf_extract import Page
from unlint.readers.pdf_lines import Cell, Layout
from unlint.source import Source

class _Patterns:
    """The patterns of a page's header, built on first use from rules/marks.yaml and
    rules/months.yaml (:mod:`unlint.readers.marks`)."""

    def __init__(self):
        month = marks.month_pattern()
        symbol = marks.symbol_pattern() + r"(?: \(\d{4}\))?"
        organs = marks.alternation("organs")
        #: first-page header items: each stands alone, never joined to the line before or after
        self.header_item = re.compile(
            r"United Nations|UNITED NATIONS|" + symbol + "|" + organs + r"|Distr\.:?.*|"
            r"Original: .*|ORIGINAL: .*|"
            r"[A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special| resumed)? session.*|"
            + marks.alternation("main_committees") + r" Committee|"
            r"Agenda items? .*|\d{1,2} " + month + r" \d{4}|"
            r"\d{1,2}(?:–| to )\d{1,2} " + month + r" \d{4}"
        )
        self.date_range = re.compile(
            r"\d{1,2}(?: " + month + r"(?: \d{4})?)?(?:–|-| to )\d{1,2} " + month + r" \d{4}"
        )
        self.organ = re.compile(r"The (?:" + organs + r"|Commission on |Conference of the )")
        self.closing = re.compile(r"\d{1,3}(?:st|nd|rd|th) plenary meeting|\d{1,2} " + month + r" \d{4}$")
        self.running_head = re.compile(symbol + r"|\d{1,3}(?:/\d{1,3})?")  # without a rule under it
        self.sup_label = re.compile(marks.superscript_class() + r"+|\*+")


@cache
def patterns() -> _Patterns:
    """The header patterns (cached: a pure function of the shipped tables)."""
    return _Patterns()


_SESSION = re.compile(r".+ session")
_MARKER = re.compile(r"(?:\d{1,3}\.|\([a-z]{1,6}\))\s")
_FOOTER = re.compile(
    r"(?:GE\.)?\d{2}-\d{5}\s*(?:\(E\))?(?:\s+\d{6})?(?:\s*\*\d+\*)?|\d{1,3}(?:/\d{1,3})?|"
    r"\*\d{7,}\*|Please recycle.*"
)
_UNDERSCORES = re.compile(r"_{5,}")
_PLAIN_LABEL = re.compile(r"(\d{1,3}|\*{1,3})[ \t\u00a0]+(?=\S)")
_ENDS_CLAUSE = re.compile(r"[,;:.][”’\"')\]]*$")


@dataclass
class Note:
    label: str  # "1", "*"
    label_span: tuple[int, int]  # Source span of the label
    spans: list[tuple[Cell, int]]  # (cell, where its text starts)


#: characters of OCR noise that the text of a resolution never holds
_STAMP_CHARACTER = re.compile(r"[·~|¦«»©®¬]")


class Classifier:
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
                    patterns().running_head.fullmatch(self.content(c)) or c.bold for c in row
                )):
                    break
                first += 1
        if page.number == 1:  # a library or OCR stamp above the masthead of a scanned page
            while first < len(rows) and rows[first][0].top < 0.2 * page.height and self._stamp(rows[first]):
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

    def _stamp(self, row: list[Cell]) -> bool:
        """A row that is no text: not a header item, and holding a character no text of a
        resolution has ("·", "~") or words of three letters or more that are mostly no words
        ("UN UBRAR'(", the OCR of a library stamp)."""
        from unlint import spelling

        content = " ".join(self.content(c) for c in row).strip()
        if not content or patterns().header_item.search(content):
            return False
        if _STAMP_CHARACTER.search(content):
            return True
        runs = re.findall(r"[^\W\d_]{3,}", content)
        return bool(runs) and sum(spelling.known(r.lower()) for r in runs) * 2 < len(runs)

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


def sup_labels(run: str) -> list[tuple[str, int, int]]:
    """The labels in a superscript run ("¹⁰,¹¹" -> 10 and 11), with offsets in the run."""
    return [(m.group().translate(marks.superscript_digits()), m.start(), m.end())
            for m in patterns().sup_label.finditer(run)]


class Notes:
    """Footnote definitions, from the note cells of every page in order."""

    def __init__(self, text: str, cells: list[Cell]):
        self.text = text
        self.notes: list[Note] = []
        self.orphans: list[Cell] = []
        expected = 1
        for cell in cells:
            found = self._label(cell, expected)
            if found is not None:
                label, span, body_start = found
                self.notes.append(Note(label, span, [(cell, body_start)]))
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
            labels = sup_labels(text[a:b])
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


class Blocks:
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
        organ = next((i for i, c in enumerate(body) if patterns().organ.match(text, c.start, c.end)), None)
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
            if header and patterns().organ.match(content):
                header = False
            prev = cell

    def _new(self, prev: Cell, cell: Cell, content: str, header: bool) -> bool:
        text = self.text
        before = text[prev.start : prev.end]
        block = self.blocks[-1]
        block_start = text[block[0].start : block[0].end]
        same_row = prev.page == cell.page and prev.row == cell.row
        if patterns().organ.match(content) or patterns().organ.match(block_start) or patterns().closing.match(before):
            return True
        if header:
            if _SESSION.fullmatch(before) and patterns().date_range.fullmatch(content):
                return False  # "2025 session" "25 July 2024–30 July 2025": one line
            if same_row or patterns().header_item.fullmatch(content) or patterns().header_item.fullmatch(before):
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

