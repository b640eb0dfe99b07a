"""The original file: its text, and the mapping from offsets to 1-based line and column.

Every position unlint reports is an offset into :attr:`Source.text`, the file exactly as
decoded (line endings kept). Line and column are computed only when a diagnostic is shown.

A PDF or a Word file is not text: its reader (:mod:`unlint.readers.pdf`,
:mod:`unlint.readers.docx`, reached through :func:`unlint.readers.read_bytes`) builds
:attr:`Source.text` from it, one line per line of a page (PDF) or per paragraph (Word), and records where each page or
paragraph begins (:attr:`Source.units`) so that a position can also be told the way a person
finds it in the file: page 3, line 12; paragraph 12, character 5 (:meth:`Source.locate`).
"""

from __future__ import annotations

import os
import stat
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple


class InputError(Exception):
    """A file that cannot be read as text: reported with exit code 2, never a traceback."""


class Unit(NamedTuple):
    """Where a page (PDF), a paragraph or a footnote (Word) begins in :attr:`Source.text`."""

    start: int
    kind: str  # "page" | "paragraph" | "footnote"
    number: str  # "3"; a footnote's label


class Location(NamedTuple):
    """A position as a person finds it: see :meth:`Source.locate`."""

    line: int  # 1-based line of Source.text
    column: int  # 1-based, in code points
    kind: str | None = None  # the unit: "page" | "paragraph" | "footnote" | None (a text file)
    number: str | None = None  # the unit's number (page 3, paragraph 12, footnote "2")
    unit_line: int = 0  # 1-based line within the unit (the line on the page)

    def label(self) -> str:
        """``12:5`` (text), ``p3:12:5`` (page 3, line 12), ``¶12:5`` (paragraph 12),
        ``fn2:5`` (Word footnote 2), each ending with the column."""
        if self.kind == "page":
            return f"p{self.number}:{self.unit_line}:{self.column}"
        if self.kind == "paragraph":
            return f"¶{self.number}:{self.column}"
        if self.kind == "footnote":
            return f"fn{self.number}:{self.column}"
        return f"{self.line}:{self.column}"

    def words(self) -> str:
        """``line 12``, ``page 3, line 12``, ``paragraph 12``, ``footnote 2``: for messages."""
        if self.kind == "page":
            return f"page {self.number}, line {self.unit_line}"
        if self.kind is not None:
            return f"{self.kind} {self.number}"
        return f"line {self.line}"


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    has_bom: bool = False
    encoding: str = "utf-8"
    kind: str = "text"  # "text"; "pdf" or "docx": text built by that format's reader
    units: tuple[Unit, ...] = ()  # pages or paragraphs, in text order (empty for a text file)
    notices: tuple[str, ...] = ()  # how the file was read, for the user ("tracked changes ...")

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return tuple(starts)

    @cached_property
    def _unit_starts(self) -> tuple[int, ...]:
        return tuple(u.start for u in self.units)

    @property
    def editable(self) -> bool:
        """True when edits to :attr:`text` are edits to the file (not a PDF or Word file)."""
        return self.kind == "text"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def locate(self, offset: int) -> Location:
        """The position of an offset with its page (line on the page), paragraph or footnote."""
        line, column = self.position(offset)
        if not self.units:
            return Location(line, column)
        i = bisect_right(self._unit_starts, max(0, min(offset, len(self.text)))) - 1
        if i < 0:
            return Location(line, column)
        unit = self.units[i]
        first_line = self.position(unit.start)[0]
        return Location(line, column, unit.kind, unit.number, line - first_line + 1)

    def where(self, offset: int) -> str:
        """Where an offset is, in words, for messages: "line 12", "page 3, line 12" ..."""
        return self.locate(offset).words()

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def sniff(path: str, data: bytes) -> str:
    """"pdf", "docx", "doc" (the old binary Word format), "not-docx" (a file named .docx that is
    not one) or "text", from the first bytes."""
    head = data[:1024]
    if head.lstrip(b"\t\n\r ").startswith(b"%PDF-") or (
        path.lower().endswith(".pdf") and b"%PDF-" in head
    ):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        lower = path.lower()
        if lower.endswith((".docx", ".docm", ".dotx")) or b"word/" in data[:4096]:
            return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE file: old Word, or encrypted
        lower = path.lower()
        if lower.endswith((".docx", ".docm", ".dotx")):
            return "docx"  # a password-protected .docx is an OLE file: its reader says so
        if lower.endswith((".doc", ".dot")):
            return "doc"
    if path.lower().endswith((".docx", ".docm", ".dotx")):
        return "not-docx"  # text, RTF or HTML saved under a Word name
    return "text"


def decode(path: str, data: bytes) -> Source:
    """Decode bytes as UTF-8 (or UTF-16/UTF-8 with a BOM); raise InputError with a location."""
    if not data.strip():
        return Source(path, data.decode("utf-8", errors="replace").lstrip("\ufeff"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Source(path, data.decode("utf-16"), has_bom=True, encoding="utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from None
    if data.startswith(b"%PDF"):
        raise InputError("this is a PDF file, not text: read it with unlint.readers.read_bytes() (as unlint does)")
    if b"\x00" in data[:8192]:
        head = data[:8192]
        if len(head) >= 4 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3):
            raise InputError("looks like UTF-16 without a byte-order mark: save the file as UTF-8")
        raise InputError("binary file (contains NUL bytes), not a text document")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        # columns count characters, as everywhere else: decode the line up to the bad byte
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise InputError(
            f"{line}:{col}: invalid UTF-8 (byte 0x{body[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return Source(path, text, has_bom=bom, encoding="utf-8-sig" if bom else "utf-8")


#: A resolution is well under 1 MB; past this a file is not one (and would exhaust memory).
MAX_FILE_BYTES = 64_000_000


def read_file(path: str) -> bytes:
    """The bytes of a file to lint (or of a config file, a rule pack). Only a regular file is
    read: a named pipe or a device ("/dev/zero") would block or never end. Raises InputError,
    or OSError (missing, no access).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block here
    with open(fd, "rb", closefd=True) as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{_what(st.st_mode)}, not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(f"file too large ({st.st_size / 1e6:.0f} MB; unlint reads files "
                             f"up to {MAX_FILE_BYTES // 1_000_000} MB)")
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        raise InputError(f"file too large (unlint reads files up to {MAX_FILE_BYTES // 1_000_000} MB)")
    return data


def _what(mode: int) -> str:
    """What a file that is not a regular file is, for messages: "a named pipe", "a device" ..."""
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "a special file"
