"""The Word reader: lint a .docx draft directly, with its numbering, italics and footnotes.

A .docx file is a ZIP archive of XML parts; this reader reads them with the standard library
(``zipfile``, ``xml.etree``), so it needs no extra package. Two steps:

1. :func:`_load` builds :attr:`Source.text`, the document as Word shows it: one line per
   paragraph that has text (in the body, then in tables), each with its automatic number as
   Word draws it ("1.", "(a)", from ``word/numbering.xml``: list numbering, not only typed
   numbers) and a tab after it; footnote references as superscript numbers ("¹", or the custom
   mark); then one line per footnote (``word/footnotes.xml``), its number first. Tracked
   changes are read as if accepted: insertions and moves kept, deletions and moved-away text
   dropped, a deleted paragraph mark joins two paragraphs, a deleted table row goes;
   :attr:`Source.notices` says so. Hidden text (``w:vanish``) is not read: Word does not show it.
   :attr:`Source.units` records each paragraph and footnote, so that a position reads
   "paragraph 12, character 5" (:meth:`Source.locate`). Empty paragraphs are not counted (an
   empty list item still takes its number, as in Word, where the number shows).
2. :func:`unlint.readers.docx_text.canonical` turns those lines into the canonical text (see
   :mod:`unlint.readers`).

The parts are found through the document's relationships (``word/_rels/document.xml.rels``),
as Word finds them; a Strict Open XML file is read as a transitional one. Running headers and
footers (``word/header*.xml``, ``word/footer*.xml``), comments, text boxes and drawings are not
read: they are not the resolution's text. What the file leaves for review (tracked changes,
comments, highlighted text) is recorded on the paragraph it concerns (:attr:`Line.review`),
for DR001.
"""

from __future__ import annotations

import io
import zipfile
from textwrap import shorten
from dataclasses import dataclass, field

from unlint.readers import Reading
from unlint.readers import marks as tables
from unlint.readers.docx_parts import (
    MAX_NESTING,
    Numbering,
    Package,
    Styles,
    W,
    compound,
    is_on,
    main_part,
    not_word,
    relations,
    to_int,
)
from unlint.readers.docx_text import Mark, canonical
from unlint.source import InputError, Source, Unit

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted OOXML, or a .doc
# Elements whose children are read as if they stood in their place.
_CONTAINERS = {W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                                "sdt", "sdtContent", "bdo", "dir")}
_DROPPED = {W + t for t in ("del", "moveFrom")}


@dataclass(frozen=True)
class Line:
    """One line of :attr:`Source.text`: a paragraph or a footnote."""

    start: int
    end: int
    kind: str  # "paragraph" | "footnote"
    label_end: int  # end of the automatic number and the tab after it (== start if none)
    italic: tuple[tuple[int, int], ...] = ()
    marks: tuple[Mark, ...] = ()
    note: str | None = None  # a footnote's label
    note_label: tuple[int, int] | None = None  # span of a footnote's number
    typed: tuple[tuple[int, int], ...] = ()  # numbers typed in superscript (repeated references)
    review: tuple[tuple[int, int, str], ...] = ()  # tracked changes, comments, highlights
    origins: tuple[tuple[int, int, object, int], ...] = ()  # Source.text [start, end) from an
    # element (a w:t, or the w:r of a footnote reference) from its character ``offset``


@dataclass(frozen=True)
class Layout:
    """What :func:`_load` hands to :func:`unlint.readers.docx_text.canonical` beside the Source."""

    lines: tuple[Line, ...]
    changes: dict = field(default_factory=dict)  # tracked changes: kind -> count
    body: object = None  # the w:body element read
    footnotes: object = None  # the root of word/footnotes.xml, if any


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a piece of :attr:`Source.text` comes from: the ``ordinal``-th ``w:t`` (kind "t")
    or ``w:r`` (kind "r": a footnote reference) of the body of ``word/document.xml`` (part
    "document") or of ``word/footnotes.xml`` (part "footnotes"), in document order, from its
    character ``offset``."""

    start: int
    end: int
    kind: str
    ordinal: int
    offset: int
    part: str = "document"


def origins(path: str, data: bytes) -> tuple[Source, tuple[Origin, ...]]:
    """The Source of a .docx file and the origin of each piece of its text (paragraphs and
    footnotes), in order: what the Word output (:mod:`unlint.output.word`) anchors comments and
    changes on."""
    source, layout = _load(path, data)
    where: dict[int, tuple[str, int]] = {}
    for part, root in (("document", layout.body), ("footnotes", layout.footnotes)):
        if root is not None:
            where.update({id(e): (part, i) for i, e in enumerate(root.iter(W + "t"))})
    where.update({id(e): ("document", i) for i, e in enumerate(layout.body.iter(W + "r"))})
    return source, tuple(
        Origin(a, b, "t" if element.tag == W + "t" else "r", where[id(element)][1], offset,
               where[id(element)][0])
        for line in layout.lines for a, b, element, offset in line.origins if id(element) in where)


# ---------------------------------------------------------------------------------------------
# Paragraph text


@dataclass
class _Para:
    """A paragraph being written: text pieces with their italics and footnote marks."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    italic: list[tuple[int, int]] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # local spans
    typed: list[tuple[int, int]] = field(default_factory=list)  # superscript numbers typed
    review: list[tuple[int, int, str]] = field(default_factory=list)  # revisions, comments, highlights
    origins: list[tuple[int, int, object]] = field(default_factory=list)  # (start, end, w:t or w:r)
    visible: bool = False  # any text but white space (asked of a paragraph joined again and again)

    def add(self, text: str, italic: bool = False) -> None:
        if text:
            if italic:
                self.italic.append((self.length, self.length + len(text)))
            self.parts.append(text)
            self.length += len(text)
            self.visible = self.visible or bool(text.strip())

    def superscript(self, digits: str) -> None:
        """A number typed in a superscript run: a repeated reference, if a note has its label."""
        if self.typed and self.typed[-1][1] == self.length:  # "1" "2" in two runs: one number
            self.typed[-1] = (self.typed[-1][0], self.length + len(digits))
        else:
            self.typed.append((self.length, self.length + len(digits)))
        self.add(digits.translate(tables.digit_superscripts()))

    def extend(self, other: _Para, space: bool = False) -> None:
        """Append another paragraph's text (joined paragraphs, the paragraphs of a note)."""
        if space and self.length:
            self.add(" ")
        offset = self.length
        self.parts.extend(other.parts)
        self.italic.extend((a + offset, b + offset) for a, b in other.italic)
        self.marks.extend((a + offset, b + offset, lab) for a, b, lab in other.marks)
        self.typed.extend((a + offset, b + offset) for a, b in other.typed)
        self.review.extend((a + offset, b + offset, what) for a, b, what in other.review)
        self.origins.extend((a + offset, b + offset, e) for a, b, e in other.origins)
        self.length += other.length
        self.visible = self.visible or other.visible

    def flag(self, start: int, what: str) -> None:
        """Mark the text from ``start`` to here as left for review: a tracked change, a
        comment or a highlight (the same kind just before it is extended)."""
        last = self.review[-1] if self.review else None
        if last is not None and last[2] == what and last[1] == start and what == "highlighted text":
            self.review[-1] = (last[0], self.length, what)
        else:
            self.review.append((start, self.length, what))

    def mark(self, text: str, label: str) -> None:
        self.marks.append((self.length, self.length + len(text), label))
        self.parts.append(text)
        self.length += len(text)
        self.visible = self.visible or bool(text.strip())

    def text(self) -> str:
        return "".join(self.parts)


class _Reader:
    """Walk the document's paragraphs and write Source.text."""

    def __init__(self, styles: Styles, numbering: Numbering, note_start: int, comments: dict[str, str]):
        self.styles = styles
        self.numbering = numbering
        self.next_note = note_start
        self.note_labels: dict[str, str] = {}  # footnote id -> label, in order of reference
        self.changes: dict[str, int] = {}
        self.fields: list[str] = []  # complex fields: "code" until separate, then "result"
        self.codes: list[str] = []  # the field codes of the open fields ("NOTEREF _Ref1 \\f")
        self.simple: list[str] = []  # the codes of the open simple fields (w:fldSimple)
        self.endnotes = 0
        self._custom: str | None = None  # the footnote whose custom mark comes next
        self.comments = comments  # comment id -> "author: text"
        self.open_comments: dict[str, tuple[_Para, int]] = {}  # id -> where its range starts
        self.flagged: set[str] = set()  # comments already flagged

    def _count(self, kind: str) -> None:
        self.changes[kind] = self.changes.get(kind, 0) + 1

    # -- runs -----------------------------------------------------------------------------------
    def content(self, element, para: _Para, pstyle: str | None, in_note: bool, depth: int = 0) -> None:
        if depth > MAX_NESTING:
            raise _too_deep()
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, para, pstyle, in_note)
            elif tag in _DROPPED:
                self._count("deletions" if tag == W + "del" else "moves")
                gone = "".join(t.text or "" for t in child.iter() if t.tag in (W + "delText", W + "t"))
                para.flag(para.length, f"a tracked deletion ('{shorten(gone, 40, placeholder=' …')}')" if tag == W + "del"
                          else f"a tracked move ('{shorten(gone, 40, placeholder=' …')}' moved away)")
            elif tag in _CONTAINERS:
                start, first = para.length, len(para.parts)
                if tag == W + "ins":
                    self._count("insertions")
                simple = tag == W + "fldSimple"
                if simple:
                    self.simple.append(child.get(W + "instr", ""))
                self.content(child, para, pstyle, in_note, depth + 1)
                if simple:
                    self.simple.pop()
                if tag in (W + "ins", W + "moveTo") and para.length > start:
                    added = shorten("".join(para.parts[first:]), 40, placeholder=" …")
                    para.flag(start, f"a tracked insertion ('{added}')" if tag == W + "ins"
                              else f"a tracked move ('{added}' moved here)")
            elif tag == W + "commentRangeStart":
                self.open_comments[child.get(W + "id", "")] = (para, para.length)
            elif tag == W + "commentRangeEnd":
                self._comment(child.get(W + "id", ""), para)

    def _in_noteref(self, sup: bool) -> bool:
        """In the result of a cross-reference to a note that shows as a reference mark: formatted
        as one (``NOTEREF _Ref1 \\f``) or superscript; "see note 3" (no ``\\f``) is text."""
        codes = [code.split() for code in self.codes[-1:] + self.simple[-1:]]
        return any(code[:1] == ["NOTEREF"] and (sup or "\\f" in code) for code in codes)

    def _run(self, run, para: _Para, pstyle: str | None, in_note: bool) -> None:
        rpr = run.find(W + "rPr")
        italic = None
        sup = False
        rstyle = None
        hidden = None
        if rpr is not None:
            italic = is_on(rpr.find(W + "i"))
            hidden = is_on(rpr.find(W + "vanish"))
            align = rpr.find(W + "vertAlign")
            sup = align is not None and align.get(W + "val") == "superscript"
            style = rpr.find(W + "rStyle")
            rstyle = style.get(W + "val") if style is not None else None
        if italic is None:
            italic = self.styles.is_italic(rstyle)
        if italic is None:
            italic = self.styles.is_italic(pstyle)
        italic = bool(italic)
        if hidden is None:
            hidden = self.styles.is_hidden(rstyle)
        if hidden is None:
            hidden = self.styles.is_hidden(pstyle)
        start = para.length
        self._run_content(run, para, italic, sup, hidden, in_note)
        if rpr is not None and para.length > start and not hidden:
            mark = rpr.find(W + "highlight")
            if mark is not None and mark.get(W + "val", "none") != "none":
                para.flag(start, "highlighted text")

    def _comment(self, comment_id: str, para: _Para) -> None:
        """A comment's range ends (or its reference stands) here: flag it once, on the text it
        covers in this paragraph."""
        if comment_id in self.flagged:
            return
        self.flagged.add(comment_id)
        opened = self.open_comments.pop(comment_id, None)
        start = opened[1] if opened is not None and opened[0] is para else 0
        para.flag(start, f"a comment ({self.comments.get(comment_id, 'no text')})")

    def _run_content(self, run, para: _Para, italic: bool, sup: bool, hidden: bool, in_note: bool) -> None:
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append("code")
                    self.codes.append("")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                    self.codes.pop()
                continue
            if "code" in self.fields:
                if tag == W + "instrText" and self.codes:
                    self.codes[-1] += child.text or ""
                continue
            if hidden:  # hidden text (w:vanish): Word does not show it
                continue
            if tag == W + "t":
                text = child.text or ""
                if self._in_noteref(sup) and text.strip().isdigit():  # a cross-reference to a note
                    para.mark(text.strip().translate(tables.digit_superscripts()), text.strip())
                    continue
                if self._custom is not None:  # the custom mark of the note just referenced ("*")
                    note_id, self._custom = self._custom, None
                    self.note_labels[note_id] = text.strip() or text
                    para.mark(text, self.note_labels[note_id])
                    continue
                start = para.length
                if sup and text.isdigit():
                    para.superscript(text)
                else:
                    para.add(text, italic)
                para.origins.append((start, para.length, child))
            elif tag in (W + "tab", W + "ptab"):
                para.add("\t")
            elif tag in (W + "br", W + "cr"):
                para.add(" ")
            elif tag == W + "noBreakHyphen":
                para.add("\u2011", italic)
            elif tag == W + "sym":
                try:
                    para.add(chr(int(child.get(W + "char", ""), 16)), italic)
                except ValueError:
                    pass
            elif tag == W + "footnoteReference":
                note_id = child.get(W + "id", "")
                if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                    self._custom = note_id  # its mark is the text that follows
                    continue
                label = self.note_labels.get(note_id)
                if label is None:
                    label = str(self.next_note)
                    self.next_note += 1
                    self.note_labels[note_id] = label
                start = para.length
                para.mark(label.translate(tables.digit_superscripts()), label)
                para.origins.append((start, para.length, run))
            elif tag == W + "commentReference":
                self._comment(child.get(W + "id", ""), para)
            elif tag == W + "endnoteReference":
                self.endnotes += 1
            elif tag == W + "footnoteRef" and in_note:
                para.add("\x00")  # the note's own number: replaced by its label later

    # -- paragraphs -----------------------------------------------------------------------------
    def paragraph(self, p, in_note: bool = False) -> tuple[_Para, tuple[str | None, int], bool]:
        """(text, its list and level (numId, ilvl), paragraph mark deleted?)."""
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        pstyle = style.get(W + "val") if style is not None else self.styles.default_paragraph
        num_id, level = self.styles.numbering_of(pstyle)  # numbering set by the style ...
        ilvl = level or 0
        mark_deleted = moved = False
        if ppr is not None:
            num = ppr.find(W + "numPr")  # ... or on the paragraph itself
            if num is not None:
                nid = num.find(W + "numId")
                lvl = num.find(W + "ilvl")
                if nid is not None:
                    num_id = nid.get(W + "val")
                if lvl is not None:
                    ilvl = to_int(lvl.get(W + "val"))
            mark_deleted = ppr.find(f"{W}rPr/{W}del") is not None
            moved = ppr.find(f"{W}rPr/{W}moveFrom") is not None  # the paragraph moved away
        para = _Para()
        self.fields, self.codes, self.simple = [], [], []
        self.content(p, para, pstyle, in_note)
        if mark_deleted:
            self._count("deleted paragraph marks")
        return para, (num_id, ilvl), mark_deleted or moved

    def label(self, numbering: tuple[str | None, int]) -> str:
        """The paragraph's automatic number with what follows it ("1.\\t"), counted."""
        number, suffix = self.numbering.label(*numbering)
        return number + suffix if number else ""

    def blocks(self, container, depth: int = 0):
        """Paragraph elements in reading order: body paragraphs, table cells, content controls."""
        if depth > MAX_NESTING:
            raise _too_deep()
        for child in container:
            tag = child.tag
            if tag == W + "p":
                yield child
            elif tag == W + "tr" and child.find(f"{W}trPr/{W}del") is not None:
                self._count("deleted table rows")  # a row deleted with changes tracked
            elif tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent",
                         W + "customXml"):
                yield from self.blocks(child, depth + 1)


def _too_deep() -> InputError:
    return InputError(f"tables, content controls or tracked changes are nested more than {MAX_NESTING} "
                      f"deep: not a Word document as Word writes it")


def read_docx_bytes(path: str, data: bytes) -> tuple[Source, Reading]:
    """Read a .docx file: its :class:`Source` (kind "docx", one unit per paragraph or note: the
    text as Word shows it) and its :class:`Reading` (the canonical text the grammar parses)."""
    source, layout = _load(path, data)
    return source, canonical(source, layout)


def _load(path: str, data: bytes) -> tuple[Source, Layout]:
    if data.startswith(_OLE):
        raise InputError(compound(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - BadZipFile, and what a damaged directory raises
        what = "the ZIP archive is damaged or cut short" if data.startswith(b"PK") else (
            "it is not a ZIP archive")
        raise InputError(f"not a readable .docx file ({what})") from None
    with archive:
        package = Package(archive)
        try:
            name = main_part(package)
            document = package.part(name)
            if document is None:
                raise InputError(not_word(package))
            folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
            related = relations(package, name)

            def part(kind: str):
                return package.part(related.get(kind, folder + kind + ".xml"))

            styles = Styles(part("styles"))
            numbering = Numbering(part("numbering"), styles)
            footnotes = part("footnotes")
            settings = part("settings")
            comments = _comments(part("comments"))
        except (InputError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged archive (zlib.error, CRC, versions)
            detail = str(exc).strip()[:120] or type(exc).__name__
            raise InputError(
                f"not a readable .docx file (the ZIP archive is damaged: {detail})") from None
    start = 1
    if settings is not None:
        num_start = settings.find(f"{W}footnotePr/{W}numStart")
        if num_start is not None:
            start = to_int(num_start.get(W + "val"), 1)
    reader = _Reader(styles, numbering, start, comments)
    body = document.find(W + "body")
    if body is None:
        raise InputError("not a Word document (word/document.xml has no body)")
    return _build(path, reader, body, footnotes)


def _build(path: str, reader: _Reader, body, footnotes) -> tuple[Source, Layout]:
    parts: list[str] = []
    pos = 0
    lines: list[Line] = []
    units: list[Unit] = []
    number = 0
    pending: tuple[_Para, tuple] | None = None  # a paragraph whose mark was deleted, its list

    def write(para: _Para, label: str, kind: str, unit: str, note: str | None = None) -> None:
        nonlocal pos
        raw = para.text()
        skip = 0
        if kind == "footnote":  # drop the note's own number mark: the label is written instead
            own = raw.find("\x00")
            skip = own + 1 if own != -1 else 0
            label = (note.translate(tables.digit_superscripts()) if note.isdigit() else note) + " "
        while skip < len(raw) and raw[skip] in " \t\u00a0":
            skip += 1
        text = raw[skip:].rstrip().replace("\x00", " ")
        if parts:
            parts.append("\n")
            pos += 1
        start = pos
        units.append(Unit(start, kind, unit))
        body_start = start + len(label)
        line_end = body_start + len(text)
        shift = body_start - skip
        italic = tuple(
            (max(body_start, a + shift), min(line_end, b + shift))
            for a, b in para.italic
            if min(line_end, b + shift) > max(body_start, a + shift)
        )
        marks = tuple(
            Mark(a + shift, b + shift, lab) for a, b, lab in para.marks
            if body_start <= a + shift < line_end
        )
        typed = tuple(
            (a + shift, b + shift) for a, b in para.typed if body_start <= a + shift < line_end
        )
        review = tuple(_anchor(a + shift, b + shift, body_start, line_end) + (what,)
                       for a, b, what in para.review)
        origins = tuple((max(a + shift, body_start), min(b + shift, line_end), e,
                         max(0, body_start - a - shift))
                        for a, b, e in para.origins if min(b + shift, line_end) > max(a + shift, body_start))
        note_label = (start, start + len(label) - 1) if kind == "footnote" else None
        parts.append(label + text)
        pos = line_end
        lines.append(Line(start, pos, kind, body_start, italic, marks, note, note_label, typed, review,
                          origins))

    for p in reader.blocks(body):
        para, numbering, joined = reader.paragraph(p)
        if pending is not None:
            # the joined paragraph keeps the first one's number, unless all its text went too
            first, first_numbering = pending
            if first.visible:
                numbering = first_numbering
            first.extend(para)
            para = first
            pending = None
        if joined:
            pending = (para, numbering)
            continue
        label = reader.label(numbering)  # an empty list item takes its number too, as in Word
        if not para.text().strip():
            continue
        number += 1
        write(para, label, "paragraph", str(number))
    if pending is not None and pending[0].text().strip():
        number += 1
        write(pending[0], reader.label(pending[1]), "paragraph", str(number))

    if footnotes is not None and reader.note_labels:
        by_id = {fn.get(W + "id"): fn for fn in footnotes.iter(W + "footnote")}
        for note_id, label in sorted(reader.note_labels.items(),
                                     key=lambda item: _note_order(item[1], reader.note_labels)):
            fn = by_id.get(note_id)
            if fn is None or fn.get(W + "type") in ("separator", "continuationSeparator",
                                                     "continuationNotice"):
                continue
            merged = _Para()
            for p in fn.iter(W + "p"):
                para, _, _ = reader.paragraph(p, in_note=True)
                merged.extend(para, space=True)
            write(merged, "", "footnote", label, note=label)

    notices = []
    if reader.changes:
        counts = ", ".join(
            f"{reader.changes[kind]} {kind if reader.changes[kind] > 1 else kind[:-1]}"
            for kind in ("insertions", "deletions", "moves", "deleted paragraph marks",
                         "deleted table rows")
            if reader.changes.get(kind)
        )
        notices.append(f"tracked changes ({counts}): linted as if all were accepted")
    if reader.endnotes:
        notices.append(f"{reader.endnotes} endnote reference(s): endnotes are not read")
    layout = Layout(tuple(lines), dict(reader.changes), body, footnotes)
    return Source(path, "".join(parts), encoding="docx", kind="docx", units=tuple(units),
                  notices=tuple(notices)), layout


def _anchor(a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """The span [a, b) kept within a line's text [start, end), one character at least (a
    deletion or a comment on no text is shown on the character after it, or before it)."""
    a, b = min(max(a, start), end), min(max(b, start), end)
    if b > a or end == start:
        return a, b
    return (a, a + 1) if a < end else (a - 1, a)


def _comments(part) -> dict[str, str]:
    """The comments of ``word/comments.xml``: id -> "author: text" (clipped)."""
    if part is None:
        return {}
    out = {}
    for c in part.iter(W + "comment"):
        text = "".join(t.text or "" for t in c.iter(W + "t"))
        author = c.get(W + "author", "")
        out[c.get(W + "id", "")] = shorten(f"{author}: {text}" if author else text, 60, placeholder=" …")
    return out


def _note_order(label: str, labels: dict[str, str]) -> tuple[int, str]:
    """Numbered notes in their order, custom marks after them."""
    return (int(label), "") if label.isdigit() else (10**9, label)
