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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from unlint.readers import RawRef, Reading
from unlint.readers.barerefs import BareRefScanner
from unlint.source import Source
from unlint.textmap import TextBuilder

_STRIP = " \t\r\f\v"

_SYMBOL_RE = r"(?:A|E|S|CTOC|CAC|DP|UNEP|TD|HRC|ICCD)(?:/[A-Za-z0-9.\-]+){1,6}"
_SYMBOL = re.compile(_SYMBOL_RE)
_RULE = re.compile(r"_{5,}")
_LINK = re.compile(r"https?://\S+|www\.\S+")
_JOB = re.compile(r"\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?")
_PAGE = re.compile(r"\d{1,3}/\d{1,3}")
_PAGE_JOB = re.compile(r"\d{1,3}/\d{1,3}\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d{1,3}/\d{1,3}")
_BARCODE = re.compile(r"\*\d{7,}\*")
_FURNITURE = re.compile(
    "|".join(x.pattern for x in (_LINK, _JOB, _BARCODE, _PAGE_JOB))
)
_FURNITURE_FIRST = frozenset("hw0123456789*")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = re.compile(r"\d{1,2} " + _MONTH + r" \d{4}")
# First-page header items that stand alone on their line (never joined to the next line).
_HEADER_ITEM = re.compile(
    r"United Nations|" + _SYMBOL_RE + r"|General Assembly|Security Council|"
    r"Economic and Social Council|Human Rights Council|Distr\.:?.*|Original: .*|"
    r"[A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special| resumed)? session|"
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization) Committee|"
    r"Agenda items? .*"
)
_CLOSING = re.compile(
    r"\d{1,3}(?:st|nd|rd|th) plenary meeting|Adopted by the Security Council at .*"
)
_ORGAN = re.compile(
    r"The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council"
    r"|Commission on |Conference of the )"
)
_NUMBERED_TITLE = re.compile(r"(?:\d{1,4}/\d{1,4}(?: [A-Z])?|[A-Z]-\d{1,2}/\d{1,3})\.\s+")

_OP_ALONE = re.compile(r"(\d{1,3})\.")
_OP_INLINE = re.compile(r"(\d{1,3})\.\s+\S")
_SUB = re.compile(r"\(([a-z]{1,6})\)(?:\s|$)")
_SUB_ALONE = re.compile(r"\([a-z]{1,6}\)")
_HEADING_ALONE = re.compile(
    r"[IVXL]{1,6}\.?|Annex(?: [IVXL]+)?|Appendix(?: [IVXL]+)?|Part [IVXL]+|Section \w+|"
    r"Article \d+|Chapter [IVXL\d]+|Item \d+\."  # "Item 5." of a programme of work
)
_TAKES_NUMBER_END = re.compile(
    r"\b(?:paragraphs?|paras?\.|resolutions?|decisions?|articles?|sections?|of|and|to|in|under)$"
)
_NOTE_START = re.compile(r"(\d{1,3}|\*{1,3})[ \t\u00a0]+(?=\S)")
_STAR_NOTE = re.compile(r"\*{1,3}[ \t\u00a0]+[A-Z]")
_TRAILING_MARK = re.compile(r"(?:[ \t]?\d{1,3}|\*{1,3})$")
_JOIN_NO_SPACE = re.compile(r"[^\W_][-\u2010\u2011\u2013]$")  # "money-" + "laundering"


@dataclass
class _Note:
    label: tuple[int, int]  # original span of the label
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, break)


class _Lines:
    """The original split into lines: content spans without indentation and trailing spaces."""

    def __init__(self, text: str):
        self.text = text
        starts: list[int] = []
        cs: list[int] = []
        ce: list[int] = []
        brk: list[int] = []
        empty: list[bool] = []
        contents: list[str] = []
        pos = 0
        for line in text.split("\n"):
            length = len(line)
            content = line.strip(_STRIP)
            a = pos + length - len(line.lstrip(_STRIP)) if content else pos
            starts.append(pos)
            cs.append(a)
            ce.append(a + len(content))
            brk.append(pos + length - 1 if line.endswith("\r") else pos + length)
            empty.append(not line.strip("\f\r"))
            contents.append(content)
            pos += length + 1
        self.starts, self.cs, self.ce, self.brk, self.empty = starts, cs, ce, brk, empty
        self.contents = contents
        self.n = len(starts)

    def content(self, i: int) -> str:
        return self.contents[i]

    def indent(self, i: int) -> int:
        return self.cs[i] - self.starts[i]

    def span(self, i: int, start: int | None = None) -> tuple[int, int, int]:
        return (self.cs[i] if start is None else start, self.ce[i], self.brk[i])


def _is_furniture(c: str) -> bool:
    """Links, job numbers, barcodes and "9/20 18-22282" page lines (anywhere in the file)."""
    return c[:1] in _FURNITURE_FIRST and _FURNITURE.fullmatch(c) is not None


def _ends_clause(c: str) -> bool:
    """True when a line ends a clause (after dropping a trailing footnote mark)."""
    c = _TRAILING_MARK.sub("", c).rstrip()
    return c[-1:] in (".", ";", ":", ",")


def _ends_sentence(c: str) -> bool:
    c = _TRAILING_MARK.sub("", c).rstrip()
    return c[-1:] in (".", ";", ":")


class _Segmenter:
    """Split the lines into body blocks and footnote definitions."""

    def __init__(self, lines: _Lines):
        self.L = lines
        self.blocks: list[list[tuple[int, int, int]]] = []
        self.notes: list[_Note] = []
        self.cur: list[tuple[int, int, int]] | None = None
        self.cur_marker_only = False
        self.prev_body = ""  # content of the last body line
        self.last_op = 0
        self.next_note: int | None = None  # the numeric label the next note should carry
        self.note: _Note | None = None
        self.header = True  # before the organ line
        self.prev_header_item = False

    # -- blocks ---------------------------------------------------------------------------------
    def _open(self, i: int) -> None:
        c = self.L.content(i)
        self.cur = [self.L.span(i)]
        self.blocks.append(self.cur)
        self.cur_marker_only = bool(_OP_ALONE.fullmatch(c) or _SUB_ALONE.fullmatch(c))
        m = _OP_INLINE.match(c) or _OP_ALONE.fullmatch(c)
        if m:
            self.last_op = int(m.group(1))
        if _ORGAN.match(c) or m:
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
            _HEADER_ITEM.fullmatch(c) or _DATE.fullmatch(c)
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
            if n == self.last_op + 1 and not _TAKES_NUMBER_END.search(prev):
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
            or (not self.header and _DATE.fullmatch(c))
        )

    def _header_break(self, c: str) -> bool:
        """In the first-page header, items stand alone on their lines."""
        if not self.header:
            return False
        if self.prev_header_item:
            return True
        if _HEADER_ITEM.fullmatch(c):
            # but a symbol may end a wrapped sponsors line ("amendment to draft resolution\nA/...")
            wrapped = self.prev_body.endswith(("resolution", "decision"))
            return not (wrapped and _SYMBOL.fullmatch(c))
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
        return None

    def _start_note(self, i: int, m: re.Match) -> None:
        label = m.group(1)
        self.note = _Note((m.start(1), m.end(1)), [self.L.span(i, m.end())])
        self.notes.append(self.note)
        if label.isdigit():
            self.next_note = int(label) + 1

    def _continue_note(self, i: int) -> None:
        assert self.note is not None
        self.note.spans.append(self.L.span(i))


class _FlowSegmenter(_Segmenter):
    """PyMuPDF style: blank lines separate paragraphs, empty lines break pages."""

    def _page_header_end(self, i: int) -> int | None:
        """After a page break at line i: the line after the page's header block."""
        L = self.L
        job = page = False
        for j in range(i + 1, min(L.n, i + 14)):
            c = L.content(j)
            if _JOB.fullmatch(c):
                job = True
            elif _PAGE.fullmatch(c):
                page = True
            elif _PAGE_JOB.fullmatch(c):
                job = page = True
            if job and page:
                return j + 1
        return None

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
                end = self._page_header_end(i)
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
            if _is_furniture(c):
                i += 1
                continue
            if _RULE.fullmatch(c):
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


class _SpacedSegmenter(_Segmenter):
    """pdftotext of the older PDFs: double-spaced lines, indentation opens a paragraph."""

    def __init__(self, lines: _Lines):
        super().__init__(lines)
        self.running = self._running_headers()

    def _title(self) -> tuple[str, str | None]:
        """The document title (as running headers repeat it) and its symbol."""
        L = self.L
        parts: list[str] = []
        symbols: Counter[str] = Counter()
        for c in L.contents:
            if "/" not in c:
                continue
            words = c.split()
            for symbol in {words[0], words[-1]}:  # "A/RES/73/186", "... capacity A/RES/73/186"
                if "/" in symbol[2:] and _SYMBOL.fullmatch(symbol):
                    symbols[symbol] += 1
        for c in L.contents:
            if not c:
                continue
            if _ORGAN.match(c):
                break
            if not _is_furniture(c) and not _HEADER_ITEM.fullmatch(c):
                parts.append(c)
        title = " ".join(" ".join(parts).split())
        title = _NUMBERED_TITLE.sub("", title, count=1)
        symbol = symbols.most_common(1)[0][0] if symbols else None
        return title, symbol

    def _running_headers(self) -> set[int]:
        """Lines of running headers: the title (wrapped as on the page) with the symbol."""
        L = self.L
        title, symbol = self._title()
        found: set[int] = set()
        if not symbol:
            return found
        nonblank = [i for i, c in enumerate(L.contents) if c]
        pos = {line: k for k, line in enumerate(nonblank)}
        for i in nonblank:
            c = L.content(i)
            if c == symbol:
                found.add(i)
                # symbol first, then the title lines
                acc = ""
                run: list[int] = []
                for j in nonblank[pos[i] + 1 : pos[i] + 6]:
                    acc = (acc + " " + L.content(j)).strip()
                    norm = " ".join(acc.split())
                    if not title.startswith(norm):
                        break
                    run.append(j)
                    if norm == title:
                        found.update(run)
                        break
            elif c.endswith(symbol) and title:
                rest = " ".join(c[: -len(symbol)].split())
                if not rest or not title.endswith(rest):
                    continue
                acc = rest
                run = [i]
                if acc == title:
                    found.update(run)
                    continue
                for j in reversed(nonblank[max(0, pos[i] - 5) : pos[i]]):
                    acc = " ".join((L.content(j) + " " + acc).split())
                    if not title.endswith(acc):
                        break
                    run.append(j)
                    if acc == title:
                        found.update(run)
                        break
        return found

    def run(self) -> None:
        L = self.L
        in_notes = False
        after_page = False
        for i in range(L.n):
            c = L.content(i)
            if not c:
                continue
            if i in self.running or _PAGE_JOB.fullmatch(c) or _JOB.fullmatch(c):
                in_notes = False
                after_page = True
                continue
            if _is_furniture(c):
                continue
            if _RULE.fullmatch(c):
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
            elif _ORGAN.match(c) or indent >= 2 or self._marker_start(c):
                new = True
            else:  # one space: a new paragraph after the end of a clause
                new = _ends_clause(self.prev_body) or (self.header and not after_page)
            self._body(i, new)
            after_page = False


def _is_double_spaced(lines: _Lines) -> bool:
    """True when (almost) every text line is followed by an empty line."""
    text_lines = followed = 0
    for i in range(min(lines.n - 1, 400)):
        if lines.content(i):
            text_lines += 1
            if lines.empty[i + 1]:
                followed += 1
    return text_lines > 5 and followed >= 0.7 * text_lines


class _Emitter:
    """Write blocks and notes into a TextBuilder, cutting out the references."""

    def __init__(self, source: Source, labels: set[str]):
        self.text = source.text
        self.builder = TextBuilder(source.text)
        self.scanner = BareRefScanner(labels)
        self.refs: list[RawRef] = []
        self.last_break: int | None = None  # where the last block's last line ended

    def _newline(self) -> None:
        """The line break between blocks: the one that ended the previous block's last line."""
        at = self.last_break
        if at is None:
            return
        if self.text[at : at + 1] == "\n":
            self.builder.copy(at, at + 1)
        else:  # "\r\n", or the end of the file
            self.builder.insert("\n", at)

    def _joined(self, spans: list[tuple[int, int, int]]):
        """The block as one string, and its pieces: (offset in string, original start, length);
        a synthetic join has original start -1 - break offset."""
        text = self.text
        parts: list[str] = []
        pieces: list[tuple[int, int, int]] = []
        length = 0
        for k, (a, b, brk) in enumerate(spans):
            if k:
                prev_a, prev_b, prev_brk = spans[k - 1]
                if not _JOIN_NO_SPACE.search(text, max(prev_a, prev_b - 2), prev_b):
                    parts.append(" ")
                    pieces.append((length, -1 - prev_brk, 1))
                    length += 1
            parts.append(text[a:b])
            pieces.append((length, a, b - a))
            length += b - a
        return "".join(parts), pieces

    def block(self, spans: list[tuple[int, int, int]], find_refs: bool = True) -> None:
        if not spans:
            return
        self._newline()
        self._write(spans, find_refs)

    def _write(self, spans: list[tuple[int, int, int]], find_refs: bool) -> None:
        joined, pieces = self._joined(spans)
        found = self.scanner.scan(joined) if find_refs else []
        pos = 0
        k = 0  # first piece that may still hold text at or after pos
        for ref in sorted(found, key=lambda r: r.cut_start):
            if ref.cut_start > pos:
                k = self._emit(pieces, k, pos, ref.cut_start)
            orig = self._original(pieces, ref.start)
            at = len(self.builder) - (ref.cut_start - ref.at)  # the kept text in between
            self.refs.append(RawRef(at, ref.label, orig, orig + ref.end - ref.start))
            pos = max(pos, ref.cut_end)
        self._emit(pieces, k, pos, len(joined))
        self.last_break = spans[-1][2]

    def _emit(self, pieces: list[tuple[int, int, int]], k: int, start: int, end: int) -> int:
        """Copy the joined range [start, end) piece by piece; returns the piece to resume at."""
        b = self.builder
        while k < len(pieces):
            s0, orig, length = pieces[k]
            s1 = s0 + length
            if s1 <= start:
                k += 1
                continue
            if s0 >= end:
                break
            x, y = max(s0, start), min(s1, end)
            if orig >= 0:
                b.copy(orig + x - s0, orig + y - s0)
            else:
                b.insert(" ", -1 - orig)
            if s1 > end:
                break
            k += 1
        return k

    @staticmethod
    def _original(pieces: list[tuple[int, int, int]], offset: int) -> int:
        for s0, orig, length in pieces:
            if orig >= 0 and s0 <= offset < s0 + length:
                return orig + offset - s0
        return 0

    def note(self, note: _Note) -> None:
        a, b = note.label
        self._newline()
        self.builder.insert("[^", a)
        self.builder.copy(a, b)
        self.builder.insert("]: ", b)
        self._write(note.spans, find_refs=False)


def read_pdf_text(source: Source) -> Reading:
    lines = _Lines(source.text)
    double = _is_double_spaced(lines)
    seg: _Segmenter = _SpacedSegmenter(lines) if double else _FlowSegmenter(lines)
    seg.run()
    labels = {source.text[n.label[0] : n.label[1]] for n in seg.notes}
    out = _Emitter(source, labels)
    for spans in seg.blocks:
        out.block(spans)
    for note in seg.notes:
        out.note(note)
    problems = []
    seen: set[str] = set()
    for note in seg.notes:
        label = source.text[note.label[0] : note.label[1]]
        if label in seen:
            problems.append((f"footnote {label} is defined twice", note.label[0], note.label[1]))
        seen.add(label)
    return Reading(
        "pdf-text",
        out.builder.build(),
        refs=tuple(out.refs),
        meta={"extraction": "double-spaced" if double else "flowed"},
        problems=tuple(problems),
    )
