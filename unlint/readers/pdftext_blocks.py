"""PDF text, block assembly: the lines cut into body blocks and footnote definitions.

A segmenter walks the lines once (:class:`FlowSegmenter` for flowed text, :class:`SpacedSegmenter`
for double-spaced text; see :mod:`unlint.readers.pdftext`), drops the page furniture
(:mod:`unlint.readers.pdftext_furniture`) and decides for each line whether it opens a new
paragraph, continues the current one, opens a footnote definition or continues one. A block is
a list of original line spans ``(start, end, line break)``; a :class:`Note` is a footnote
definition: the span of its label and its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlint.readers.pdftext_furniture import (
    JOB,
    PAGE_JOB,
    RULE,
    Lines,
    is_furniture,
    page_header_end,
    patterns,
    running_headers,
)

_CLOSING = re.compile(
    r"\d{1,3}(?:st|nd|rd|th) plenary meeting|Adopted by the Security Council at .*"
)
_OP_ALONE = re.compile(r"(\d{1,3})\.")
_OP_INLINE = re.compile(r"(\d{1,3})\.\s+\S")
_SUB = re.compile(r"\(([a-z]{1,6})\)(?:\s|$)")
_SUB_ALONE = re.compile(r"\([a-z]{1,6}\)")
_HEADING_ALONE = re.compile(
    r"[IVXL]{1,6}\.?|Annex(?: [IVXL]+)?|Appendix(?: [IVXL]+)?|Part [IVXL]+|Section \w+|"
    r"Article \d+|Chapter [IVXL\d]+|Item \d+\."  # "Item 5." of a programme of work
)
_NOTE_START = re.compile(r"(\d{1,3}|\*{1,3})[ \t\u00a0]+(?=\S)")
_STAR_NOTE = re.compile(r"\*{1,3}[ \t\u00a0]+[A-Z]")
_TRAILING_MARK = re.compile(r"(?:[ \t]?\d{1,3}|\*{1,3})$")


@dataclass
class Note:
    """A footnote definition: its label and its lines."""

    label: tuple[int, int]  # original span of the label
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, break)


def _ends_clause(c: str) -> bool:
    """True when a line ends a clause (after dropping a trailing footnote mark)."""
    c = _TRAILING_MARK.sub("", c).rstrip()
    return c[-1:] in (".", ";", ":", ",")


def _ends_sentence(c: str) -> bool:
    c = _TRAILING_MARK.sub("", c).rstrip()
    return c[-1:] in (".", ";", ":")


class Segmenter:
    """Split the lines into body blocks and footnote definitions."""

    def __init__(self, lines: Lines):
        self.L = lines
        self.blocks: list[list[tuple[int, int, int]]] = []
        self.notes: list[Note] = []
        self.cur: list[tuple[int, int, int]] | None = None
        self.cur_marker_only = False
        self.prev_body = ""  # content of the last body line
        self.last_op = 0
        self.next_note: int | None = None  # the numeric label the next note should carry
        self.note: Note | None = None
        self.header = True  # before the organ line
        self.prev_header_item = False
        self.p = patterns()

    # -- blocks ---------------------------------------------------------------------------------
    def _open(self, i: int) -> None:
        c = self.L.content(i)
        self.cur = [self.L.span(i)]
        self.blocks.append(self.cur)
        self.cur_marker_only = bool(_OP_ALONE.fullmatch(c) or _SUB_ALONE.fullmatch(c))
        m = _OP_INLINE.match(c) or _OP_ALONE.fullmatch(c)
        if m:
            self.last_op = int(m.group(1))
        if self.p.organ.match(c) or m:
            self.header = False

    def _extend(self, i: int) -> None:
        assert self.cur is not None
        self.cur.append(self.L.span(i))
        self.cur_marker_only = False

    def _body(self, i: int, new: bool) -> None:
        if new or self.cur is None:
            self._open(i)
        else:
            self._extend(i)
        c = self.L.content(i)
        self.prev_body = c
        self.prev_header_item = self.header and bool(
            self.p.header_item.fullmatch(c) or self.p.date.fullmatch(c)
        )

    def _marker_start(self, c: str) -> bool:
        """Does this line open a numbered paragraph, a sub-paragraph or a heading?"""
        prev = self.prev_body
        m = _OP_ALONE.fullmatch(c)
        if m:
            n = int(m.group(1))
            return n in (self.last_op + 1, 1) or _ends_clause(prev)
        m = _OP_INLINE.match(c)
        if m:
            n = int(m.group(1))
            if n == self.last_op + 1 and not self.p.takes_number_end.search(prev):
                return True  # the next paragraph number, even after a heading line
            return n == 1 and _ends_sentence(prev)
        if _SUB.match(c) or _SUB_ALONE.fullmatch(c):
            return _ends_sentence(prev)
        if _HEADING_ALONE.fullmatch(c):
            return _ends_sentence(prev) or not prev
        return False

    def _stands_alone(self, c: str) -> bool:
        """Lines never continued: the closing ("100th plenary meeting"), its date, headings."""
        return bool(
            _CLOSING.fullmatch(c)
            or _HEADING_ALONE.fullmatch(c)
            or (not self.header and self.p.date.fullmatch(c))
        )

    def _header_break(self, c: str) -> bool:
        """In the first-page header, items stand alone on their lines."""
        if not self.header:
            return False
        if self.prev_header_item:
            return True
        if self.p.header_item.fullmatch(c):
            # but a symbol may end a wrapped sponsors line ("amendment to draft resolution\nA/...")
            wrapped = self.prev_body.endswith(("resolution", "decision"))
            return not (wrapped and self.p.symbol.fullmatch(c))
        return False

    # -- notes ----------------------------------------------------------------------------------
    def _note_label(self, i: int, may_skip: bool) -> re.Match | None:
        """The note label opening line i, if it is the next note."""
        m = _NOTE_START.match(self.L.text, self.L.cs[i], self.L.ce[i])
        if not m:
            return None
        label = m.group(1)
        if label[0] == "*":
            return m
        n = int(label)
        if self.next_note is None:
            return m
        if n == self.next_note or (may_skip and self.next_note < n <= self.next_note + 2):
            return m
        if self._misnumbered(i, m, n):
            return m
        return None

    def _misnumbered(self, i: int, m: re.Match, n: int) -> bool:
        """A note whose number is not the next one (two notes "23", no "22"; "16" for "15")
        is still a note when its line reads like one: a number near the expected one, then a
        capital that does not begin a date ("15 June 2017" continues the note before). The FN
        rules report the numbering; the block is not lost to the body text."""
        assert self.next_note is not None
        if not self.next_note - 3 <= n <= self.next_note + 5 or n == 0:
            return False
        if self.p.date.match(self.L.text, m.start(1), self.L.ce[i]):
            return False
        return self.L.text[m.end() : m.end() + 1].isupper()

    def _start_note(self, i: int, m: re.Match) -> None:
        label = m.group(1)
        self.note = Note((m.start(1), m.end(1)), [self.L.span(i, m.end())])
        self.notes.append(self.note)
        if label.isdigit():  # a note numbered below the next one takes that one's place
            self.next_note = max(self.next_note or 0, int(label)) + 1

    def _continue_note(self, i: int) -> None:
        assert self.note is not None
        self.note.spans.append(self.L.span(i))


class FlowSegmenter(Segmenter):
    """PyMuPDF style: blank lines separate paragraphs, empty lines break pages."""

    def run(self) -> None:
        L = self.L
        i = 0
        in_notes = False
        note_blank = True  # a blank line (or the rule) came before the current notes line
        pending_close = False  # a blank line came since the last body line
        after_page = False
        page_blanks = 0
        while i < L.n:
            if L.empty[i] and i > 0:
                end = page_header_end(L, i)
                if end is not None:
                    i = end
                    in_notes = False
                    after_page = True
                    page_blanks = 0
                    continue
            c = L.content(i)
            if not c:
                if in_notes:
                    note_blank = True
                elif after_page:
                    page_blanks += 1
                else:
                    pending_close = True
                i += 1
                continue
            if is_furniture(c):
                i += 1
                continue
            if RULE.fullmatch(c):
                in_notes = True
                note_blank = True
                i += 1
                continue
            star = bool(_STAR_NOTE.match(c))
            if star and not in_notes:  # the sponsors note may come without a rule
                in_notes = True
            if in_notes:
                m = self._note_label(i, note_blank) if note_blank or star else None
                if m:
                    self._start_note(i, m)
                elif self.note is not None:
                    self._continue_note(i)
                else:  # text under the rule before any note: keep it as body
                    self._body(i, True)
                note_blank = False
                i += 1
                continue
            if self.cur is None:
                new = True
            elif self.cur_marker_only:
                new = False
            elif self._stands_alone(self.prev_body) or (
                _HEADING_ALONE.fullmatch(c) and (after_page or pending_close)
            ):
                new = True  # after "100th plenary meeting", "16 July 2024", "Annex"
            elif after_page:
                new = page_blanks >= 2 or self._marker_start(c)
            elif pending_close:
                new = True
            elif self._header_break(c):
                new = True
            else:
                new = self._marker_start(c)
            self._body(i, new)
            after_page = False
            pending_close = False
            i += 1


class SpacedSegmenter(Segmenter):
    """pdftotext of the older PDFs: double-spaced lines, indentation opens a paragraph."""

    def __init__(self, lines: Lines):
        super().__init__(lines)
        self.running = running_headers(lines)

    def run(self) -> None:
        L = self.L
        in_notes = False
        after_page = False
        for i in range(L.n):
            c = L.content(i)
            if not c:
                continue
            if i in self.running or PAGE_JOB.fullmatch(c) or JOB.fullmatch(c):
                in_notes = False
                after_page = True
                continue
            if is_furniture(c):
                continue
            if RULE.fullmatch(c):
                in_notes = True
                continue
            indent = L.indent(i)
            if in_notes:
                m = self._note_label(i, False) if indent <= 1 else None
                if m:
                    self._start_note(i, m)
                    continue
                if indent == 0 and self.note is not None:
                    self._continue_note(i)
                    continue
                in_notes = False
                after_page = True
            if self.cur is None:
                new = True
            elif self.cur_marker_only:
                new = False  # "1." alone takes the next line
            elif self._stands_alone(self.prev_body):
                new = True
            elif indent == 0 or c[0].islower():
                new = False  # a continuation line (or the first line of a page: " work of")
            elif self.p.organ.match(c) or indent >= 2 or self._marker_start(c):
                new = True
            else:  # one space: a new paragraph after the end of a clause
                new = _ends_clause(self.prev_body) or (self.header and not after_page)
            self._body(i, new)
            after_page = False


def is_double_spaced(lines: Lines) -> bool:
    """True when (almost) every text line is followed by an empty line."""
    text_lines = followed = 0
    for i in range(min(lines.n - 1, 400)):
        if lines.content(i):
            text_lines += 1
            if lines.empty[i + 1]:
                followed += 1
    return text_lines > 5 and followed >= 0.7 * text_lines
