"""The document model: frozen dataclasses built by :mod:`unlint.parse` from the canonical text.

Text-bearing nodes keep ``start``, their offset in the canonical text (``doc.text``), so a rule
can search ``node.text`` and turn a match into original positions with
``doc.finding(node.start + m.start(), node.start + m.end(), message)``.
Spans (:class:`Span`) are offsets into the ORIGINAL file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from unlint.diagnostics import Edit, Finding, Fix
from unlint.source import Source
from unlint.textmap import MappedText


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Field:
    """A line of the header (symbol, date, session ...), the organ line or an annex heading."""

    text: str
    start: int


@dataclass(frozen=True)
class Header:
    symbol: Field | None = None
    distribution: Field | None = None
    date: Field | None = None
    session: Field | None = None
    committee: Field | None = None
    agenda: Field | None = None
    sponsors: Field | None = None
    title: Field | None = None
    number: str | None = None  # "73/186" from a numbered title
    lines: tuple[Field, ...] = ()  # every header line, in order


@dataclass(frozen=True, slots=True)
class Ref:
    """A footnote reference: ``pos`` is where it attaches in the canonical text."""

    label: str
    pos: int
    span: Span
    paragraph: int | None  # index into Document.paragraphs, None inside a note or header
    note: str | None  # label of the note it sits in, if any


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote definition."""

    label: str
    text: str
    start: int  # canonical offset of the note text
    label_start: int  # canonical offset of the label


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A preambular, operative or sub-paragraph (``kind``), in the body or an annex (``part``).

    ``text`` is the whole block including its number; ``body`` starts after the number.
    ``phrase`` is the canonical range of the opening phrase or verb when the source marks it
    (italics in Markdown), else None.
    """

    kind: str  # "preambular" | "operative" | "sub" | "heading" | "text" (unnumbered, after an operative)
    part: str  # "body" | "annex"
    text: str
    start: int
    number: str | None = None  # "12" for operative, "b" or "ii" for sub
    body_offset: int = 0  # offset in text where the body starts (after the number)
    parent: int | None = None  # index of the enclosing paragraph for sub-paragraphs
    phrase: tuple[int, int] | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    @property
    def body_start(self) -> int:
        return self.start + self.body_offset

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Document:
    source: Source
    format: str
    canonical: MappedText
    header: Header
    organ: Field | None
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    refs: tuple[Ref, ...]
    annexes: tuple[Field, ...] = ()
    italics: tuple[tuple[int, int], ...] = ()
    meta: dict | None = None
    problems: tuple[tuple[str, int, int], ...] = ()  # reader and parser problems, original offsets
    review: tuple[tuple[str, int, int], ...] = ()  # tracked changes, comments, highlights (.docx)

    @property
    def text(self) -> str:
        return self.canonical.text

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def preambular(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "preambular" and p.part == "body")

    @cached_property
    def operative(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "operative" and p.part == "body")

    def span(self, start: int, end: int) -> Span:
        """Original span of the canonical range [start, end)."""
        return Span(*self.canonical.span(start, end))

    def where(self, start: int) -> str:
        """Where a canonical offset is, in a message's words: "line 12", "page 3, line 12",
        "paragraph 4" (see :meth:`unlint.source.Source.where`)."""
        return self.source.where(self.canonical.span(start, start + 1)[0])

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
        """A finding at the canonical range [start, end)."""
        s, e = self.canonical.span(start, end)
        return Finding(s, e, message, fix)

    def replace(self, start: int, end: int, content: str, title: str) -> Fix | None:
        """A safe fix replacing the canonical range with ``content``, or None where the range
        is not an unbroken copy of the original (a line join, a converted character).

        Whether it can be applied at all is not decided here: the engine makes the fixes of a
        document whose text is not the file's own display-only (:func:`unlint.engine.lint_document`).
        """
        if not self.canonical.is_verbatim(start, end):
            return None
        s, e = self.canonical.span(start, end)
        return Fix(title, (Edit(s, e, content),))
