"""The parts of a .docx package: its XML parts read safely (defusedxml, size-capped, Strict
Open XML renamed to transitional), the relationships between them, and the styles and list
numbering the reader needs (:mod:`unlint.readers.docx`)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from unlint.source import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"  # Strict Open XML (ISO 29500)
# Limits: a Word file past them is refused with one line (a crafted file, not a draft). The
# largest UN documents (a 200-page report) have a document.xml of a few megabytes.
MAX_PART = 16_000_000  # bytes of one XML part, as decompressed (counted, not as the archive says)
MAX_PARTS = 32_000_000  # bytes of all the parts read, decompressed
MAX_NESTING = 100  # tables, content controls, tracked changes, hyperlinks ... inside each other
MAX_DEPTH = 256  # elements inside each other in one part, the root being 1 (the parser of
# python-docx, which the Word output opens the file with, reads no deeper)
MAX_LIST_NUMBER = 32_767  # the largest number Word gives a list item
MAX_LEVEL_TEXT = 255  # characters of a list level's number text ("%1.", "(%2)")
_OFF = ("0", "false", "off", "none")


# ---------------------------------------------------------------------------------------------
# The parts


def is_on(element) -> bool | None:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``): True, False, or None if absent."""
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in _OFF


def to_int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Styles:
    """Italics, hidden text and list numbering that come from styles (``word/styles.xml``)."""

    def __init__(self, root):
        self.italic: dict[str, bool | None] = {}
        self.hidden: dict[str, bool | None] = {}
        self.based: dict[str, str] = {}
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if not sid:
                continue
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = sid
            based = style.find(W + "basedOn")
            if based is not None:
                self.based[sid] = based.get(W + "val")
            rpr = style.find(W + "rPr")
            if rpr is not None:
                self.italic[sid] = is_on(rpr.find(W + "i"))
                self.hidden[sid] = is_on(rpr.find(W + "vanish"))
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = num.find(W + "numId")
                level = num.find(W + "ilvl")
                self.numbering[sid] = (
                    num_id.get(W + "val") if num_id is not None else None,
                    to_int(level.get(W + "val")) if level is not None else None,
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


def _list_number(n: int) -> int:
    if n > MAX_LIST_NUMBER:
        raise InputError(f"a list is numbered up to {n:,}, past the largest number Word gives a "
                         f"list item ({MAX_LIST_NUMBER:,}): not a Word document as Word writes it")
    return n


class Numbering:
    """Automatic paragraph numbers (``word/numbering.xml``), counted as Word counts them: per
    abstract list, a level's counter goes up by one, the deeper levels start again. A list that
    is a list style's (``w:numStyleLink``) is that style's list, counted with it; a
    ``w:lvlOverride`` restarts a level (``w:startOverride``) or redefines it (``w:lvl``)."""

    def __init__(self, root, styles: Styles | None = None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstract list -> the list style it takes its levels from
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                levels[to_int(lvl.get(W + "ilvl"))] = self._level(lvl)
            aid = abstract.get(W + "abstractNumId")
            self.abstract[aid] = levels
            link = abstract.find(W + "numStyleLink")
            if link is not None and link.get(W + "val"):
                self.links[aid] = link.get(W + "val")
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            starts, redefined = {}, {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = to_int(override.get(W + "ilvl"))
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = _list_number(to_int(start.get(W + "val"), 1))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    redefined[ilvl] = self._level(lvl)
            self.nums[num.get(W + "numId")] = (ref.get(W + "val"), starts, redefined)

    @staticmethod
    def _level(lvl) -> _Level:
        level = _Level()
        start = lvl.find(W + "start")
        if start is not None:
            level.start = _list_number(to_int(start.get(W + "val"), 1))
        fmt = lvl.find(W + "numFmt")
        if fmt is not None:
            level.fmt = fmt.get(W + "val", "decimal")
        text = lvl.find(W + "lvlText")
        if text is not None:
            level.text = text.get(W + "val", "")
            if len(level.text) > MAX_LEVEL_TEXT:
                raise InputError(f"a list level's number text is {len(level.text):,} characters long "
                                 f"(Word allows {MAX_LEVEL_TEXT}): not a Word document as Word writes it")
        suffix = lvl.find(W + "suff")
        if suffix is not None:
            level.suffix = {"space": " ", "nothing": ""}.get(suffix.get(W + "val"), "\t")
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
        counters[ilvl] = _list_number(counters.get(ilvl, level.start - 1) + 1)
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
# Loading


class Package:
    """The parts of a .docx archive, each read within MAX_PART and all within MAX_PARTS: the
    bytes are counted as they are decompressed, whatever sizes the archive declares."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.left = MAX_PARTS

    def names(self) -> set[str]:
        return set(self.archive.namelist())

    def has(self, name: str) -> bool:
        try:
            self.archive.getinfo(name)
        except KeyError:
            return False
        return True

    def data(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        cap = min(MAX_PART, self.left)
        if info.file_size > cap:  # what the archive says (it may lie: the bytes are counted too)
            raise InputError(_too_large(name, f"its archive says {info.file_size:,} bytes"))
        with self.archive.open(info) as f:
            data = f.read(cap + 1)
        if len(data) > cap:
            raise InputError(_too_large(name, f"{len(data):,} bytes or more"))
        self.left -= len(data)
        return data

    def part(self, name: str):
        """The parsed XML part ``name``, or None when the archive has none."""
        data = self.data(name)
        if data is None:
            return None
        try:  # a DTD never is in a Word file; its entities can explode (defusedxml refuses them)
            root = fromstring(data, forbid_dtd=True)
        except DefusedXmlException:
            raise InputError(f"the .docx part {name} declares a DTD, which a Word file never does") from None
        except ParseError as exc:
            raise InputError(f"the .docx part {name} is not well-formed XML ({exc})") from None
        except LookupError as exc:  # an encoding the parser does not know, declared in the part
            raise InputError(f"the .docx part {name} is not readable XML ({exc})") from None
        _check_depth(root, name)
        if root.tag.startswith(_STRICT_W):
            _transitional(root)
        return root


def _too_large(name: str, size: str) -> str:
    return (f"the .docx part {name} is too large ({size}, decompressed; unlint reads "
            f"parts up to {MAX_PART:,} bytes and {MAX_PARTS:,} in all)")


def _check_depth(root, name: str) -> None:
    """Refuse a part whose elements nest more than :data:`MAX_DEPTH` deep. The parser builds
    any depth without recursion, but what reads the tree after it may recurse (a copy, the
    writing of a part), and the Word output's parser stops at that depth with an error of its
    own; a Word file nests a few dozen deep. One pass, without recursion."""
    stack = [iter(root)]
    while stack:
        for child in stack[-1]:
            if len(child):
                if len(stack) + 2 > MAX_DEPTH:  # the depth of the child's children
                    raise InputError(f"the .docx part {name} has elements nested more than {MAX_DEPTH} "
                                     "deep: not a Word document as Word writes it")
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _transitional(root) -> None:
    """Rename a Strict Open XML part's elements and attributes to the transitional namespace."""
    size = len(_STRICT_W)
    for element in root.iter():
        if element.tag.startswith(_STRICT_W):
            element.tag = W + element.tag[size:]
        for key in [k for k in element.attrib if k.startswith(_STRICT_W)]:
            element.attrib[W + key[size:]] = element.attrib.pop(key)


_MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
               "wordprocessingml.document.macroEnabled.main+xml")


def main_part(package: Package) -> str:
    """The document part's name: from [Content_Types].xml, else word/document.xml."""
    types = package.part("[Content_Types].xml")
    if types is not None:
        for override in types:
            if override.get("ContentType", "").endswith(_MAIN_TYPES):
                name = override.get("PartName", "/word/document.xml").lstrip("/")
                if package.has(name):  # not a part the archive lacks: then the usual one
                    return name
    return "word/document.xml"


def relations(package: Package, name: str) -> dict[str, str]:
    """The parts that part ``name`` relates to, by relationship type ("footnotes", "styles")."""
    folder, _, base = name.rpartition("/")
    rels = package.part(posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, str] = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(target))
    return out


def not_word(package: Package) -> str:
    """What a ZIP archive without a Word document is, for the message."""
    names = package.names()
    if "mimetype" in names and b"opendocument.text" in (package.data("mimetype") or b"")[:100]:
        return "an OpenDocument text (.odt), not a .docx: save it in Word format (.docx)"
    if "xl/workbook.xml" in names:
        return "an Excel workbook, not a Word document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation, not a Word document"
    return "not a Word document (the .docx has no word/document.xml)"


def compound(data: bytes) -> str:
    """Why a compound (OLE) file named .docx cannot be read: its streams' names tell."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("the Word file is encrypted with a password: save a copy without the password, "
                "and lint that")
    if "WordDocument".encode("utf-16-le") in data:
        return "a Word 97-2003 document (.doc) named .docx: save it as .docx, then lint that"
    return "not a .docx file (an old Office file, or one encrypted with a password)"
