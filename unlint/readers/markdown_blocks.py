"""Blocks and canonical lines: the line assembly shared by the Markdown and plain-text readers.

A scanner (:mod:`unlint.readers.markdown_scan`, :func:`unlint.readers.plain.scan_plain`) cuts
the original into :class:`Block` items (headings, footnote definitions, text blocks made of
:class:`TextLine` spans); :func:`assemble` turns them into canonical lines (:class:`Unit`):
wrapped lines are joined, a paragraph that a page break (and its footnotes) interrupted is
joined to its continuation, running headers are dropped. The words that open a preambular
paragraph, the organs and the superscript digits come from rules/marks.yaml
(:mod:`unlint.readers.marks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from unlint.readers import marks

# ---------------------------------------------------------------------------------------------
# Shared line patterns (applied to a line's content: indentation and trailing blanks removed)

#: a numbered operative paragraph or a lettered sub-paragraph starts here ("(a)", and in drafts
#: "a." or "1)")
START_MARK = re.compile(r"\**(?:\d{1,3}\.|\([a-z]{1,6}\)|[a-z]\.|\d{1,2}\))\**[ \t\u00a0]")
CLOSING = re.compile(r"\d{1,3}(?:st|nd|rd|th) plenary meeting\b|Adopted by the Security Council")
ANNEX = re.compile(r"Annex(?: [IVXL]+)?\b")
#: "Annex 2025 Political Declaration ...": an annex heading merged with the annex title
ANNEX_MERGED = re.compile(r"(Annex(?: [IVXL]+)?)[ \t]+(?=[A-Z0-9“\"])")
#: a resolution number before its title: "80/4. ", "S-30/1. ", "Resolution 2768 (2025) "
TITLE_NUMBER = re.compile(
    r"(?:\d{1,4}/\d{1,4}(?: [A-Z])?|[A-Z]-\d{1,2}/\d{1,3})\.[ \t]+|Resolution \d{1,5} \(\d{4}\)[ \t]*"
)
_MARKUP = re.compile(r"(?=[<\[*#])(?:<sup>[^<>]{0,12}</sup>|\[\^[^\]\s]{1,12}\]|</?[a-z]+[^<>]*>|[*#]+)")
_SPACES = re.compile(r"\s+")
_LOWER_START = re.compile(r"[*_“\"‘'(]*[a-z]")


class Patterns(NamedTuple):
    """The line patterns built from rules/marks.yaml (see :func:`patterns`)."""

    #: the word that opens a preambular paragraph (capitalized, so not a wrapped line of a sentence)
    opener: re.Pattern
    #: the organ line: "The General Assembly,", "The Commission on Narcotic Drugs,"
    organ: re.Pattern
    #: what may trail a paragraph's final punctuation: references, emphasis marks, blanks.
    # Each piece of a trail can be read one way only (one blank or mark per repetition, a number
    # after punctuation or after punctuation and its space): nested "+" would make the regex try
    # 2**n ways to split n blanks before a letter, and hang on a line ending "*  *  *  ... x".
    trail: re.Pattern
    #: a header line ending with a word that leaves it unfinished ("... of the")
    wrap_end: re.Pattern


@cache
def patterns() -> Patterns:
    """The line patterns that hold knowledge, built on first use and cached: they depend on the
    shipped tables only, which do not change while the process runs."""
    return Patterns(
        opener=re.compile(r"\**" + marks.alternation("preambular_openers") + r"\b"),
        organ=re.compile(
            r"The (?:" + "|".join(re.escape(w) for w in marks.words("organs"))
            + r"|Commission on [A-Z][^,\n]*|Conference of the (?:States )?Parties[^,\n]*)[ \t]*,?[ \t]*$"
        ),
        trail=re.compile(
            r"(?:<sup>[^<>]{0,12}</sup>|\[\^[^\]\s]{1,12}\]|[\s*_\u00a0]|(?:(?<=[,;.:])|(?<=[,;.:][ \u00a0]))\d{1,3}"
            r"|" + marks.superscript_class() + r")+$"
        ),
        wrap_end=re.compile(r"\b" + marks.alternation("wrap_words") + "$"),
    )


def terminated(raw: str) -> bool:
    """True when a paragraph's raw text ends with , ; . or : (references and marks ignored)."""
    tail = raw[-80:]
    m = patterns().trail.search(tail)
    if m:
        tail = tail[: m.start()]
    return tail[-1:] in (",", ";", ".", ":")


def plain_text(raw: str) -> str:
    """Raw text without markup, whitespace collapsed: for comparisons only."""
    return _SPACES.sub(" ", _MARKUP.sub("", raw)).strip()


# ---------------------------------------------------------------------------------------------
# Blocks (the scanners' output) and canonical lines (the assembler's output)


@dataclass
class TextLine:
    """One line of a text block: the original span of its content."""

    start: int
    end: int
    hard_break: bool = False  # Markdown hard line break (two trailing spaces or a backslash)


@dataclass
class Block:
    kind: str  # "text", "heading", "def"
    lines: list[TextLine]
    label: tuple[int, int] | None = None  # "def": original span of the note number
    adjacent: bool = False  # "def": directly under the previous definition (no blank line)


@dataclass
class Unit:
    """A canonical line under construction: original spans joined by one space."""

    kind: str  # "text", "heading", "def"
    spans: list[tuple[int, int]]
    body: bool = False
    label: tuple[int, int] | None = None
    adjacent: bool = False
    no_join: bool = False  # a later block never continues this line
    role: str = ""  # "organ", "closing", "annex"

    def raw(self, original: str) -> str:
        return " ".join(original[s:e] for s, e in self.spans)


@dataclass
class Assembly:
    units: list[Unit] = field(default_factory=list)
    defs: list[Unit] = field(default_factory=list)
    problems: list[tuple[str, int, int]] = field(default_factory=list)


def assemble(
    original: str, blocks: list[Block], *, header_lines_apart: bool, join_unterminated: bool = True
) -> Assembly:
    """Turn blocks into canonical lines (see the module docstring). Linear in the blocks.

    ``header_lines_apart``: in the header (before the organ line), every line of a text block is
    its own canonical line unless it continues the previous one (plain text); otherwise the lines
    of a block are joined unless something starts a new line (Markdown).
    ``join_unterminated``: a block after an unterminated body paragraph continues it (a page
    break in converted Markdown); in typed text only a lowercase start continues a paragraph.
    """
    opener, organ, trail, wrap_end = patterns()
    out = Assembly()
    units = out.units
    in_body = False
    title_rest = ""
    prev: Unit | None = None  # the last body/header text line, for continuations

    def starts_new(raw_prev: str, raw: str) -> bool:
        """Inside a block: does this line start a new canonical line?"""
        if START_MARK.match(raw):
            return True
        if not in_body and header_lines_apart:
            if _LOWER_START.match(raw):
                return False
            return not wrap_end.search(raw_prev)
        if organ.match(raw.strip("*")) or CLOSING.match(raw):
            return True
        if terminated(raw_prev):
            if opener.match(raw):
                return True
            end = trail.sub("", raw_prev[-80:])[-1:]
            return end in (";", ".", ":") and raw.lstrip("*“\"")[:1].isupper()
        return False

    for block in blocks:
        if block.kind == "def":
            out.defs.append(
                Unit("def", [(ln.start, ln.end) for ln in block.lines], label=block.label,
                     adjacent=block.adjacent)
            )
            continue
        if block.kind == "heading":
            ln = block.lines[0]
            unit = Unit("heading", [(ln.start, ln.end)], body=in_body, no_join=True)
            if ANNEX.match(plain_text(original[ln.start : ln.end])):
                unit.role = "annex"
            units.append(unit)
            prev = unit
            continue
        # a text block: split it into lines
        pieces: list[list[TextLine]] = []
        for i, ln in enumerate(block.lines):
            if i and not block.lines[i - 1].hard_break:
                before = block.lines[i - 1]
                if not starts_new(original[before.start : before.end], original[ln.start : ln.end]):
                    pieces[-1].append(ln)
                    continue
            pieces.append([ln])
        for j, piece in enumerate(pieces):
            spans = [(ln.start, ln.end) for ln in piece]
            raw = " ".join(original[s:e] for s, e in spans)
            bare = raw.strip("*_ ")
            if in_body and len(pieces) == 1 and title_rest and not (prev and prev.role == "annex"):
                if plain_text(raw) == title_rest:
                    continue  # a running header (the short title at the top of a page)
            if j == 0 and prev is not None and not prev.no_join and not START_MARK.match(raw):
                cont = bool(_LOWER_START.match(raw))
                if not cont and join_unterminated and in_body and prev.kind == "text":
                    last_start, last_end = prev.spans[-1]
                    cont = not (
                        terminated(original[max(last_start, last_end - 80) : last_end])
                        or opener.match(raw)
                        or organ.match(bare)
                        or CLOSING.match(bare)
                        or ANNEX.match(bare)
                        or raw.startswith(("*", "<sup>", "["))
                    )
                if cont:
                    prev.spans.extend(spans)
                    continue
            unit = Unit("text", spans, body=in_body)
            if organ.match(bare):
                # the title is the line before the organ line
                for k in range(len(units) - 1, -1, -1):
                    title = plain_text(units[k].raw(original))
                    if title:
                        m = TITLE_NUMBER.match(title)
                        title_rest = title[m.end() :] if m else title
                        break
                in_body = True
                unit.no_join, unit.role = True, "organ"
            elif not in_body and (opener.match(raw) or (START_MARK.match(raw) and units)):
                in_body = unit.body = True
            elif in_body:
                if CLOSING.match(bare):
                    unit.no_join, unit.role = True, "closing"
                elif ANNEX.match(bare) and not terminated(raw):
                    m = ANNEX_MERGED.match(original, spans[0][0], spans[0][1])
                    unit.no_join, unit.role = True, "annex"
                    if m:  # "Annex Title of the annex": two lines
                        units.append(
                            Unit("text", [(m.start(1), m.end(1))], True, no_join=True, role="annex")
                        )
                        unit.spans[0] = (m.end(), spans[0][1])
                        unit.role = ""
            units.append(unit)
            prev = unit
    return out


# ---------------------------------------------------------------------------------------------
# Lines of the original


def iter_lines(text: str):
    """(start, end) of each line, without its line ending."""
    start = 0
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl == -1 else nl
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        yield start, stop
        if nl == -1:
            return
        start = nl + 1


def content_span(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Content bounds without indentation or trailing blanks, and how many spaces trailed."""
    s = start
    while s < end and text[s] in " \t\u00a0\ufeff":
        s += 1
    e = end
    while e > s and text[e - 1] in " \t\u00a0":
        e -= 1
    return s, e, end - e
