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
2. :func:`_read` turns those lines into the canonical text (see :mod:`unlint.readers`): one
   paragraph per line, tabs as spaces, references cut out as :class:`RawRef`, italic runs as
   :attr:`Reading.italics`, notes last as ``[^N]: text``.

The parts are found through the document's relationships (``word/_rels/document.xml.rels``),
as Word finds them; a Strict Open XML file is read as a transitional one. Running headers and
footers (``word/header*.xml``, ``word/footer*.xml``), comments, text boxes and drawings are not
read: they are not the resolution's text.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from unlint.readers import RawRef, Reading, merge_italics
from unlint.source import InputError, Source, Unit
from unlint.textmap import TextBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"  # Strict Open XML (ISO 29500)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted OOXML, or a .doc
_MAX_PART = 64 * 1024 * 1024  # bytes: a larger XML part is refused (a ZIP bomb, not a draft)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_OFF = ("0", "false", "off", "none")
# Elements whose children are read as if they stood in their place.
_CONTAINERS = {_W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                                "sdt", "sdtContent", "bdo", "dir")}
_DROPPED = {_W + t for t in ("del", "moveFrom")}


@dataclass(frozen=True, slots=True)
class Mark:
    """A footnote reference in :attr:`Source.text`: its span and the note's label."""

    start: int
    end: int
    label: str


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


@dataclass(frozen=True)
class Layout:
    """What :func:`_load` hands to :func:`_read` beside the Source."""

    lines: tuple[Line, ...]
    changes: dict = field(default_factory=dict)  # tracked changes: kind -> count


# ---------------------------------------------------------------------------------------------
# The parts


def _is_on(element) -> bool | None:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``): True, False, or None if absent."""
    if element is None:
        return None
    return element.get(_W + "val", "true").lower() not in _OFF


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Styles:
    """Italics, hidden text and list numbering that come from styles (``word/styles.xml``)."""

    def __init__(self, root):
        self.italic: dict[str, bool | None] = {}
        self.hidden: dict[str, bool | None] = {}
        self.based: dict[str, str] = {}
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for style in root.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            if not sid:
                continue
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default_paragraph = sid
            based = style.find(_W + "basedOn")
            if based is not None:
                self.based[sid] = based.get(_W + "val")
            rpr = style.find(_W + "rPr")
            if rpr is not None:
                self.italic[sid] = _is_on(rpr.find(_W + "i"))
                self.hidden[sid] = _is_on(rpr.find(_W + "vanish"))
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                num_id = num.find(_W + "numId")
                level = num.find(_W + "ilvl")
                self.numbering[sid] = (
                    num_id.get(_W + "val") if num_id is not None else None,
                    _int(level.get(_W + "val")) if level is not None else None,
                )

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based.get(sid)

    def _toggle(self, table: dict[str, bool | None], sid: str | None) -> bool | None:
        for s in self._chain(sid):
            value = table.get(s)
            if value is not None:
                return value
        return None

    def is_italic(self, sid: str | None) -> bool | None:
        return self._toggle(self.italic, sid)

    def is_hidden(self, sid: str | None) -> bool | None:
        return self._toggle(self.hidden, sid)

    def numbering_of(self, sid: str | None) -> tuple[str | None, int | None]:
        for s in self._chain(sid):
            if s in self.numbering:
                return self.numbering[s]
        return None, None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "\t"


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _format(n: int, fmt: str) -> str:
    """A list number as Word writes it in format ``fmt`` (w:numFmt)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Automatic paragraph numbers (``word/numbering.xml``), counted as Word counts them: per
    abstract list, a level's counter goes up by one, the deeper levels start again. A list that
    is a list style's (``w:numStyleLink``) is that style's list, counted with it; a
    ``w:lvlOverride`` restarts a level (``w:startOverride``) or redefines it (``w:lvl``)."""

    def __init__(self, root, styles: _Styles | None = None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstract list -> the list style it takes its levels from
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for abstract in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(_W + "lvl"):
                levels[_int(lvl.get(_W + "ilvl"))] = self._level(lvl)
            aid = abstract.get(_W + "abstractNumId")
            self.abstract[aid] = levels
            link = abstract.find(_W + "numStyleLink")
            if link is not None and link.get(_W + "val"):
                self.links[aid] = link.get(_W + "val")
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            starts, redefined = {}, {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"))
                start = override.find(_W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(_W + "val"), 1)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    redefined[ilvl] = self._level(lvl)
            self.nums[num.get(_W + "numId")] = (ref.get(_W + "val"), starts, redefined)

    @staticmethod
    def _level(lvl) -> _Level:
        level = _Level()
        start = lvl.find(_W + "start")
        if start is not None:
            level.start = _int(start.get(_W + "val"), 1)
        fmt = lvl.find(_W + "numFmt")
        if fmt is not None:
            level.fmt = fmt.get(_W + "val", "decimal")
        text = lvl.find(_W + "lvlText")
        if text is not None:
            level.text = text.get(_W + "val", "")
        suffix = lvl.find(_W + "suff")
        if suffix is not None:
            level.suffix = {"space": " ", "nothing": ""}.get(suffix.get(_W + "val"), "\t")
        return level

    def _list(self, abstract_id: str) -> str:
        """The abstract list whose levels and counters ``abstract_id`` uses (a list style's)."""
        seen = set()
        while abstract_id in self.links and abstract_id not in seen and self.styles is not None:
            seen.add(abstract_id)
            num_id, _ = self.styles.numbering_of(self.links[abstract_id])
            if num_id not in self.nums:
                break
            abstract_id = self.nums[num_id][0]
        return abstract_id

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, str]:
        """(number, what follows it) for the next paragraph of list ``num_id`` at ``ilvl``."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return "", ""
        abstract_id, starts, redefined = self.nums[num_id]
        abstract_id = self._list(abstract_id)
        levels = {**self.abstract.get(abstract_id, {}), **redefined}
        if ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return level.text, level.suffix

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            spec = levels.get(k, _Level())
            return _format(counters.get(k, spec.start), spec.fmt)

        return re.sub(r"%([1-9])", value, level.text), level.suffix


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

    def add(self, text: str, italic: bool = False) -> None:
        if text:
            if italic:
                self.italic.append((self.length, self.length + len(text)))
            self.parts.append(text)
            self.length += len(text)

    def superscript(self, digits: str) -> None:
        """A number typed in a superscript run: a repeated reference, if a note has its label."""
        if self.typed and self.typed[-1][1] == self.length:  # "1" "2" in two runs: one number
            self.typed[-1] = (self.typed[-1][0], self.length + len(digits))
        else:
            self.typed.append((self.length, self.length + len(digits)))
        self.add(digits.translate(_SUPERSCRIPT))

    def extend(self, other: _Para, space: bool = False) -> None:
        """Append another paragraph's text (joined paragraphs, the paragraphs of a note)."""
        if space and self.length:
            self.add(" ")
        offset = self.length
        self.parts.extend(other.parts)
        self.italic.extend((a + offset, b + offset) for a, b in other.italic)
        self.marks.extend((a + offset, b + offset, lab) for a, b, lab in other.marks)
        self.typed.extend((a + offset, b + offset) for a, b in other.typed)
        self.length += other.length

    def mark(self, text: str, label: str) -> None:
        self.marks.append((self.length, self.length + len(text), label))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class _Reader:
    """Walk the document's paragraphs and write Source.text."""

    def __init__(self, styles: _Styles, numbering: _Numbering, note_start: int):
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

    def _count(self, kind: str) -> None:
        self.changes[kind] = self.changes.get(kind, 0) + 1

    # -- runs -----------------------------------------------------------------------------------
    def content(self, element, para: _Para, pstyle: str | None, in_note: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                self._run(child, para, pstyle, in_note)
            elif tag in _DROPPED:
                self._count("deletions" if tag == _W + "del" else "moves")
            elif tag in _CONTAINERS:
                if tag == _W + "ins":
                    self._count("insertions")
                simple = tag == _W + "fldSimple"
                if simple:
                    self.simple.append(child.get(_W + "instr", ""))
                self.content(child, para, pstyle, in_note)
                if simple:
                    self.simple.pop()

    def _in_noteref(self, sup: bool) -> bool:
        """In the result of a cross-reference to a note that shows as a reference mark: formatted
        as one (``NOTEREF _Ref1 \\f``) or superscript; "see note 3" (no ``\\f``) is text."""
        codes = [code.split() for code in self.codes[-1:] + self.simple[-1:]]
        return any(code[:1] == ["NOTEREF"] and (sup or "\\f" in code) for code in codes)

    def _run(self, run, para: _Para, pstyle: str | None, in_note: bool) -> None:
        rpr = run.find(_W + "rPr")
        italic = None
        sup = False
        rstyle = None
        hidden = None
        if rpr is not None:
            italic = _is_on(rpr.find(_W + "i"))
            hidden = _is_on(rpr.find(_W + "vanish"))
            align = rpr.find(_W + "vertAlign")
            sup = align is not None and align.get(_W + "val") == "superscript"
            style = rpr.find(_W + "rStyle")
            rstyle = style.get(_W + "val") if style is not None else None
        if italic is None:
            italic = self.styles.is_italic(rstyle)
        if italic is None:
            italic = self.styles.is_italic(pstyle)
        italic = bool(italic)
        if hidden is None:
            hidden = self.styles.is_hidden(rstyle)
        if hidden is None:
            hidden = self.styles.is_hidden(pstyle)
        for child in run:
            tag = child.tag
            if tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
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
                if tag == _W + "instrText" and self.codes:
                    self.codes[-1] += child.text or ""
                continue
            if hidden:  # hidden text (w:vanish): Word does not show it
                continue
            if tag == _W + "t":
                text = child.text or ""
                if self._in_noteref(sup) and text.strip().isdigit():  # a cross-reference to a note
                    para.mark(text.strip().translate(_SUPERSCRIPT), text.strip())
                    continue
                if self._custom is not None:  # the custom mark of the note just referenced ("*")
                    note_id, self._custom = self._custom, None
                    self.note_labels[note_id] = text.strip() or text
                    para.mark(text, self.note_labels[note_id])
                    continue
                if sup and text.isdigit():
                    para.superscript(text)
                else:
                    para.add(text, italic)
            elif tag in (_W + "tab", _W + "ptab"):
                para.add("\t")
            elif tag in (_W + "br", _W + "cr"):
                para.add(" ")
            elif tag == _W + "noBreakHyphen":
                para.add("\u2011", italic)
            elif tag == _W + "sym":
                try:
                    para.add(chr(int(child.get(_W + "char", ""), 16)), italic)
                except ValueError:
                    pass
            elif tag == _W + "footnoteReference":
                note_id = child.get(_W + "id", "")
                if child.get(_W + "customMarkFollows") in ("1", "true", "on"):
                    self._custom = note_id  # its mark is the text that follows
                    continue
                label = self.note_labels.get(note_id)
                if label is None:
                    label = str(self.next_note)
                    self.next_note += 1
                    self.note_labels[note_id] = label
                para.mark(label.translate(_SUPERSCRIPT), label)
            elif tag == _W + "endnoteReference":
                self.endnotes += 1
            elif tag == _W + "footnoteRef" and in_note:
                para.add("\x00")  # the note's own number: replaced by its label later

    # -- paragraphs -----------------------------------------------------------------------------
    def paragraph(self, p, in_note: bool = False) -> tuple[_Para, tuple[str | None, int], bool]:
        """(text, its list and level (numId, ilvl), paragraph mark deleted?)."""
        ppr = p.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        pstyle = style.get(_W + "val") if style is not None else self.styles.default_paragraph
        num_id, level = self.styles.numbering_of(pstyle)  # numbering set by the style ...
        ilvl = level or 0
        mark_deleted = moved = False
        if ppr is not None:
            num = ppr.find(_W + "numPr")  # ... or on the paragraph itself
            if num is not None:
                nid = num.find(_W + "numId")
                lvl = num.find(_W + "ilvl")
                if nid is not None:
                    num_id = nid.get(_W + "val")
                if lvl is not None:
                    ilvl = _int(lvl.get(_W + "val"))
            mark_deleted = ppr.find(f"{_W}rPr/{_W}del") is not None
            moved = ppr.find(f"{_W}rPr/{_W}moveFrom") is not None  # the paragraph moved away
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

    def blocks(self, container):
        """Paragraph elements in reading order: body paragraphs, table cells, content controls."""
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                yield child
            elif tag == _W + "tr" and child.find(f"{_W}trPr/{_W}del") is not None:
                self._count("deleted table rows")  # a row deleted with changes tracked
            elif tag in (_W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent",
                         _W + "customXml"):
                yield from self.blocks(child)


# ---------------------------------------------------------------------------------------------
# Loading


def _part(archive: zipfile.ZipFile, name: str):
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise InputError(f"the .docx part {name} is too large ({info.file_size} bytes)")
    data = archive.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # never in a Word file; entities can explode
        raise InputError(f"the .docx part {name} declares a DTD, which a Word file never does")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"the .docx part {name} is not well-formed XML ({exc})") from None
    if root.tag.startswith(_STRICT_W):
        _transitional(root)
    return root


def _transitional(root) -> None:
    """Rename a Strict Open XML part's elements and attributes to the transitional namespace."""
    size = len(_STRICT_W)
    for element in root.iter():
        if element.tag.startswith(_STRICT_W):
            element.tag = _W + element.tag[size:]
        for key in [k for k in element.attrib if k.startswith(_STRICT_W)]:
            element.attrib[_W + key[size:]] = element.attrib.pop(key)


_MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
               "wordprocessingml.document.macroEnabled.main+xml")


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part's name: from [Content_Types].xml, else word/document.xml."""
    types = _part(archive, "[Content_Types].xml")
    if types is not None:
        for override in types:
            if override.get("ContentType", "").endswith(_MAIN_TYPES):
                return override.get("PartName", "/word/document.xml").lstrip("/")
    return "word/document.xml"


def _related(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """The parts that part ``name`` relates to, by relationship type ("footnotes", "styles")."""
    folder, _, base = name.rpartition("/")
    rels = _part(archive, posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, str] = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(target))
    return out


def _not_word(archive: zipfile.ZipFile) -> str:
    """What a ZIP archive without a Word document is, for the message."""
    names = set(archive.namelist())
    if "mimetype" in names and b"opendocument.text" in archive.read("mimetype")[:100]:
        return "an OpenDocument text (.odt), not a .docx: save it in Word format (.docx)"
    if "xl/workbook.xml" in names:
        return "an Excel workbook, not a Word document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation, not a Word document"
    return "not a Word document (the .docx has no word/document.xml)"


def _compound(data: bytes) -> str:
    """Why a compound (OLE) file named .docx cannot be read: its streams' names tell."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("the Word file is encrypted with a password: save a copy without the password, "
                "and lint that")
    if "WordDocument".encode("utf-16-le") in data:
        return "a Word 97-2003 document (.doc) named .docx: save it as .docx, then lint that"
    return "not a .docx file (an old Office file, or one encrypted with a password)"


def read_docx_bytes(path: str, data: bytes) -> tuple[Source, Reading]:
    """Read a .docx file: its :class:`Source` (kind "docx", one unit per paragraph or note: the
    text as Word shows it) and its :class:`Reading` (the canonical text the grammar parses)."""
    source, layout = _load(path, data)
    return source, _read(source, layout)


def _load(path: str, data: bytes) -> tuple[Source, Layout]:
    if data.startswith(_OLE):
        raise InputError(_compound(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - BadZipFile, and what a damaged directory raises
        what = "the ZIP archive is damaged or cut short" if data.startswith(b"PK") else (
            "it is not a ZIP archive")
        raise InputError(f"not a readable .docx file ({what})") from None
    with archive:
        try:
            name = _main_part(archive)
            document = _part(archive, name)
            if document is None:
                raise InputError(_not_word(archive))
            folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
            related = _related(archive, name)

            def part(kind: str):
                return _part(archive, related.get(kind, folder + kind + ".xml"))

            styles = _Styles(part("styles"))
            numbering = _Numbering(part("numbering"), styles)
            footnotes = part("footnotes")
            settings = part("settings")
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged archive (zlib.error, CRC, versions)
            detail = str(exc).strip()[:120] or type(exc).__name__
            raise InputError(
                f"not a readable .docx file (the ZIP archive is damaged: {detail})") from None
    start = 1
    if settings is not None:
        num_start = settings.find(f"{_W}footnotePr/{_W}numStart")
        if num_start is not None:
            start = _int(num_start.get(_W + "val"), 1)
    reader = _Reader(styles, numbering, start)
    body = document.find(_W + "body")
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
            label = (note.translate(_SUPERSCRIPT) if note.isdigit() else note) + " "
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
        note_label = (start, start + len(label) - 1) if kind == "footnote" else None
        parts.append(label + text)
        pos = line_end
        lines.append(Line(start, pos, kind, body_start, italic, marks, note, note_label, typed))

    for p in reader.blocks(body):
        para, numbering, joined = reader.paragraph(p)
        if pending is not None:
            # the joined paragraph keeps the first one's number, unless all its text went too
            first, first_numbering = pending
            if first.text().strip():
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
        by_id = {fn.get(_W + "id"): fn for fn in footnotes.iter(_W + "footnote")}
        for note_id, label in sorted(reader.note_labels.items(),
                                     key=lambda item: _note_order(item[1], reader.note_labels)):
            fn = by_id.get(note_id)
            if fn is None or fn.get(_W + "type") in ("separator", "continuationSeparator",
                                                     "continuationNotice"):
                continue
            merged = _Para()
            for p in fn.iter(_W + "p"):
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
    layout = Layout(tuple(lines), dict(reader.changes))
    return Source(path, "".join(parts), encoding="docx", kind="docx", units=tuple(units),
                  notices=tuple(notices)), layout


def _note_order(label: str, labels: dict[str, str]) -> tuple[int, str]:
    """Numbered notes in their order, custom marks after them."""
    return (int(label), "") if label.isdigit() else (10**9, label)


# ---------------------------------------------------------------------------------------------
# Reading


def _read(source: Source, layout: Layout) -> Reading:
    text = source.text
    builder = TextBuilder(text)
    refs: list[RawRef] = []
    italics: list[tuple[int, int]] = []
    problems: list[tuple[str, int, int]] = []
    notes = [line for line in layout.lines if line.kind == "footnote"]
    labels = {line.note for line in notes}
    last_end: int | None = None
    seen: set[str] = set()
    for line in layout.lines:
        if last_end is not None:
            builder.insert("\n", last_end)
        if line.kind == "footnote":
            s, e = line.note_label
            builder.insert("[^", s)
            builder.insert(line.note, s)
            builder.insert("]: ", e)
            if line.note in seen:
                problems.append((f"footnote {line.note} is defined twice", s, e))
            seen.add(line.note)
        elif line.label_end > line.start:  # "1.\t": the number, then one space
            label = text[line.start : line.label_end]
            body = label.rstrip("\t ")
            builder.copy(line.start, line.start + len(body))
            if len(body) < len(label):
                builder.insert(" ", line.start + len(body))
        pos = line.label_end
        marks = list(line.marks)
        if line.kind == "paragraph":
            for a, b in line.typed:
                label = text[a:b].translate(_FROM_SUPERSCRIPT)
                if label in labels:
                    marks.append(Mark(a, b, label))  # a repeated reference, typed
            marks.sort(key=lambda m: m.start)
        for mark in marks:
            cut_start, cut_end = mark.start, mark.end
            if mark.label not in labels:
                problems.append((f"footnote {mark.label} is referenced but its text is missing",
                                 mark.start, mark.end))
            _copy(builder, text, pos, cut_start, line.italic, italics)
            refs.append(RawRef(len(builder), mark.label, mark.start, mark.end))
            pos = cut_end
            if text[pos : pos + 1] == " " and (text[cut_start - 1 : cut_start] in (" ", "") ):
                pos += 1  # "word ¹ and": one space is left
        _copy(builder, text, pos, line.end, line.italic, italics)
        last_end = line.end
    mapped = builder.build()
    meta = {"paragraphs": sum(1 for x in layout.lines if x.kind == "paragraph"),
            "footnotes": len(notes)}
    if layout.changes:
        meta["tracked_changes"] = dict(layout.changes)
    return Reading("docx", mapped, refs=tuple(refs), italics=merge_italics(mapped.text, italics),
                   meta=meta, problems=tuple(problems))


def _copy(builder: TextBuilder, text: str, a: int, b: int, italic, out) -> None:
    """Copy text[a:b], tabs as spaces; record the italic ranges it carries."""
    if b <= a:
        return
    at = len(builder)
    pos = a
    while pos < b:
        tab = text.find("\t", pos, b)
        if tab == -1:
            builder.copy(pos, b)
            break
        builder.copy(pos, tab)
        builder.insert(" ", tab)
        pos = tab + 1
    for s, e in italic:
        s, e = max(s, a), min(e, b)
        if e > s:
            out.append((at + s - a, at + e - a))
