"""The plain-text reader: a resolution typed in a .txt file, without PDF furniture or Markdown.

Blocks are separated by blank lines and the wrapped lines of a block are joined; in a file
without any blank line, a line after the organ line wraps the paragraph before it unless that
one ends with , ; . or : or the line opens a paragraph (a number, a label, an opening phrase),
so that "(ATMIS), underlining ..." or "Security (CAS) as the key ..." is not a paragraph of its
own. In the header (before "The General Assembly,") every
line is its own canonical line, unless it visibly continues the previous one (a lowercase start,
or a previous line ending with "of", "the", "and" ...).

Footnotes: after a line of underscores or dashes, lines starting with a number and a space
("1 Resolution 70/1.") are definitions; the lines under one continue it; after a blank line, a
line that does not start with a number is body text again. References are superscript digits
("Development,¹") or bare numbers ("Development,1", found through
:class:`~unlint.readers.markdown_emit.BareRefs`).

The line assembly (:mod:`unlint.readers.markdown_blocks`), reference cutting and emission
(:mod:`unlint.readers.markdown_emit`) are shared with the Markdown reader. The superscript
digits and the month names come from rules/marks.yaml and rules/months.yaml
(:mod:`unlint.readers.marks`).
"""

from __future__ import annotations

import re
from functools import cache

from unlint.readers import Reading, marks
from unlint.readers.markdown_blocks import (
    ANNEX,
    CLOSING,
    START_MARK,
    Block,
    TextLine,
    assemble,
    content_span,
    iter_lines,
    patterns,
    terminated,
)
from unlint.readers.markdown_emit import Line, build_reading
from unlint.source import Source

_SEPARATOR = re.compile(r"(?:_{3,}|-{3,})$")
_DEF = re.compile(r"(\d{1,3}|\*{1,3})[ \t\u00a0]+(?=\S)")


@cache
def _superscripts() -> re.Pattern:
    """A run of superscript digits (rules/marks.yaml; cached, as the table is fixed)."""
    return re.compile(marks.superscript_class() + "+")


@cache
def _date() -> re.Pattern:
    """A date ("4 November 2024"): under a line of dashes, it is not note 4 (cached, as the
    month names of rules/months.yaml are fixed)."""
    return re.compile(r"\d{1,2} " + marks.month_pattern() + r" \d{4}\s*$")


def scan_plain(text: str) -> list[Block]:
    lines = [content_span(text, s, e)[:2] for s, e in iter_lines(text)]
    filled = [i for i, (s, e) in enumerate(lines) if e > s]
    one_per_line = bool(filled) and all(
        lines[i][1] > lines[i][0] for i in range(filled[0], filled[-1] + 1)
    )
    blocks: list[Block] = []
    current: Block | None = None
    opener, organ, _, _ = patterns()
    in_body = False  # after the organ line: a single-spaced paragraph may wrap
    notes = False  # after a separator line
    blank_before = True
    date = _date()
    for s, e in lines:
        if s >= e:
            current = None
            blank_before = True
            continue
        was_blank, blank_before = blank_before, False
        if _SEPARATOR.match(text, s, e):
            notes = True
            current = None
            continue
        if notes:
            m = _DEF.match(text, s, e)
            if m and not date.match(text, s, e):
                current = Block(
                    "def", [TextLine(m.end(), e)], label=m.span(1),
                    adjacent=not was_blank and bool(blocks) and blocks[-1].kind == "def",
                )
                blocks.append(current)
                continue
            if current is not None and current.kind == "def" and not was_blank:
                current.lines.append(TextLine(s, e))
                continue
            notes = False  # body text again
        raw = text[s:e]
        if organ.match(raw.strip("*")):
            in_body = True
        elif one_per_line and in_body and current is not None and current.kind == "text" \
                and not _continues_not(text, current.lines[-1], raw, opener):
            current.lines.append(TextLine(s, e))  # a wrapped line of a single-spaced paragraph
            continue
        if current is None or current.kind != "text" or one_per_line:
            current = Block("text", [])
            blocks.append(current)
        current.lines.append(TextLine(s, e))
    return blocks


def _continues_not(text: str, last: TextLine, raw: str, opener) -> bool:
    """Whether a line of a file without blank lines starts a new paragraph rather than wrapping
    the last one: the last line ends with , ; . or : (references aside), or the line opens a
    paragraph (a number, a label, an opening phrase), a closing or an annex."""
    bare = raw.strip("*_ ")
    return (terminated(text[max(last.start, last.end - 80):last.end]) or bool(START_MARK.match(raw))
            or bool(opener.match(raw)) or bool(CLOSING.match(bare)) or bool(ANNEX.match(bare)))


def plain_inline(original: str, spans: list[tuple[int, int]], labels: frozenset[str]) -> Line:
    """Copy the text; superscript numbers that name a defined note are references."""
    line = Line()
    superscripts, to_digits = _superscripts(), marks.superscript_digits()
    for i, (s, e) in enumerate(spans):
        if i:
            line.insert(" ", spans[i - 1][1])
        cursor = s
        for m in superscripts.finditer(original, s, e):
            label = m.group().translate(to_digits)
            if label not in labels:
                continue
            line.copy(original, cursor, m.start())
            line.mark(label, m.start(), m.end())
            cursor = m.end()
        line.copy(original, cursor, e)
    return line


def read_plain(source: Source) -> Reading:
    text = source.text
    blocks = scan_plain(text)
    labels = frozenset(text[b.label[0] : b.label[1]] for b in blocks if b.kind == "def")
    assembly = assemble(text, blocks, header_lines_apart=True, join_unterminated=False)
    return build_reading("text", source, assembly, lambda spans: plain_inline(text, spans, labels))
