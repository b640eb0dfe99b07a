"""The original file: its text, and the mapping from offsets to 1-based line and column.

Every position unlint reports is an offset into :attr:`Source.text`, the file exactly as
decoded (line endings kept). Line and column are computed only when a diagnostic is shown.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property


class InputError(Exception):
    """A file that cannot be read as text: reported with exit code 2, never a traceback."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    has_bom: bool = False
    encoding: str = "utf-8"
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return tuple(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


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
        raise InputError("this is a PDF file: extract its text first (pdftotext), or lint the .txt")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not a text document")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"{line}:{col}: invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return Source(path, text, has_bom=bom, encoding="utf-8-sig" if bom else "utf-8")
