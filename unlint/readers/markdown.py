"""The Markdown reader: Markdown drafts and PDF text reflowed into Markdown.

It turns the original into the canonical text described in :mod:`unlint.readers` in four steps,
each one pass over its input:

1. *scan* the lines into blocks: headings, page rules, footnote definitions (``<sup>N</sup>
   text`` or ``[^N]: text``, with their continuation lines) and text blocks (lines between blank
   lines); YAML front matter goes to :attr:`Reading.meta`;
2. *assemble* the blocks into canonical lines (:func:`assemble`, shared with the plain-text
   reader): wrapped lines are joined, a paragraph that a page break (and its footnotes)
   interrupted is joined to its continuation, running headers are dropped;
3. strip the inline markup of each line (``*italic*``, ``**bold**``, ``<sup>`` references,
   ``[^N]`` references, escapes, entities, HTML comments), recording italics and references;
4. *emit* the lines with :class:`~unlint.textmap.TextBuilder`: every character of the text is
   copied from the original, joins are one synthetic space at the original offset of the break,
   references are cut out cleanly ("thereto,<sup>1</sup> the" -> "thereto, the"), footnote
   definitions come last as ``[^N]: text``.

HTML comments (``<!-- ... -->``, on one line or several, such as the suppression comments of
:mod:`unlint.suppressions`) are dropped as a Markdown renderer hides them: a line that holds
only comments separates blocks as a blank line does, a comment at the start or end of a line is
outside the line's span, and one inside a line is cut out with one of the blanks around it. The
positions of everything else do not change. An unclosed ``<!--`` is kept as text.

Bare-number references ("Women,5 the") are found by :mod:`unlint.readers.barerefs` when it is
installed; :class:`BareRefs` is the only place that calls it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from unlint.readers import RawRef, Reading
from unlint.source import Source
from unlint.textmap import TextBuilder

# ---------------------------------------------------------------------------------------------
# Shared line patterns (applied to a line's content: indentation and trailing blanks removed)

#: a numbered operative paragraph or a lettered sub-paragraph starts here
START_MARK = re.compile(r"\**(?:\d{1,3}\.|\([a-z]{1,6}\))\**[ \t\u00a0]")
#: the word that opens a preambular paragraph (capitalized, so not a wrapped line of a sentence)
OPENER = re.compile(
    r"\**(?:Acknowledging|Acting|Affirming|Alarmed|Anxious|Appalled|Appreciating|Approving|"
    r"Aware|Bearing|Believing|Cognizant|Commending|Committed|Concerned|Condemning|Confident|"
    r"Conscious|Considering|Convinced|Declaring|Deeply|Deploring|Desiring|Desirous|Determined|"
    r"Disturbed|Emphasi[sz]ing|Encouraged|Encouraging|Endorsing|Expressing|Fully|Gravely|"
    r"Grateful|Guided|Having|Highlighting|Honouring|Inspired|Keeping|Looking|Mindful|Noting|"
    r"Observing|Paying|Pleased|Profoundly|Re-?emphasi[sz]ing|Reaffirming|Reali[sz]ing|Recalling|"
    r"Recogni[sz]ing|Referring|Regretting|Reiterating|Renewing|Reviewing|Satisfied|Seeking|"
    r"Seriously|Sharing|Stressing|Strongly|Taking|Underlining|Underscoring|Upholding|Urging|"
    r"Welcoming)\b"
)
ORGAN = re.compile(
    r"The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Commission on [A-Z][^,\n]*|Conference of the (?:States )?Parties[^,\n]*)[ \t]*,?[ \t]*$"
)
CLOSING = re.compile(r"\d{1,3}(?:st|nd|rd|th) plenary meeting\b|Adopted by the Security Council")
ANNEX = re.compile(r"Annex(?: [IVXL]+)?\b")
#: "Annex 2025 Political Declaration ...": an annex heading merged with the annex title
ANNEX_MERGED = re.compile(r"(Annex(?: [IVXL]+)?)[ \t]+(?=[A-Z0-9“\"])")
#: a resolution number before its title: "80/4. ", "S-30/1. ", "Resolution 2768 (2025) "
TITLE_NUMBER = re.compile(
    r"(?:\d{1,4}/\d{1,4}(?: [A-Z])?|[A-Z]-\d{1,2}/\d{1,3})\.[ \t]+|Resolution \d{1,5} \(\d{4}\)[ \t]*"
)
#: what may trail a paragraph's final punctuation: references, emphasis marks, blanks
# Each piece of a trail can be read one way only (one blank or mark per repetition, a number
# after punctuation or after punctuation and its space): nested "+" would make the regex try
# 2**n ways to split n blanks before a letter, and hang on a line ending "*  *  *  ... x".
_TRAIL = re.compile(
    r"(?:<sup>[^<>]{0,12}</sup>|\[\^[^\]\s]{1,12}\]|[\s*_\u00a0]|(?:(?<=[,;.:])|(?<=[,;.:][ \u00a0]))\d{1,3}"
    r"|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079])+$"
)
_FUNCTION_WORD_END = re.compile(r"\b(?:the|of|and|or|in|on|for|to|a|an|its|with|by|at|from)$")
_MARKUP = re.compile(r"(?=[<\[*#])(?:<sup>[^<>]{0,12}</sup>|\[\^[^\]\s]{1,12}\]|</?[a-z]+[^<>]*>|[*#]+)")
_SPACES = re.compile(r"\s+")
_LOWER_START = re.compile(r"[*_“\"‘'(]*[a-z]")


def terminated(raw: str) -> bool:
    """True when a paragraph's raw text ends with , ; . or : (references and marks ignored)."""
    tail = raw[-80:]
    m = _TRAIL.search(tail)
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
            return not _FUNCTION_WORD_END.search(raw_prev)
        if ORGAN.match(raw.strip("*")) or CLOSING.match(raw):
            return True
        if terminated(raw_prev):
            if OPENER.match(raw):
                return True
            end = _TRAIL.sub("", raw_prev[-80:])[-1:]
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
                        or OPENER.match(raw)
                        or ORGAN.match(bare)
                        or CLOSING.match(bare)
                        or ANNEX.match(bare)
                        or raw.startswith(("*", "<sup>", "["))
                    )
                if cont:
                    prev.spans.extend(spans)
                    continue
            unit = Unit("text", spans, body=in_body)
            if ORGAN.match(bare):
                # the title is the line before the organ line
                for k in range(len(units) - 1, -1, -1):
                    title = plain_text(units[k].raw(original))
                    if title:
                        m = TITLE_NUMBER.match(title)
                        title_rest = title[m.end() :] if m else title
                        break
                in_body = True
                unit.no_join, unit.role = True, "organ"
            elif not in_body and (OPENER.match(raw) or (START_MARK.match(raw) and units)):
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
# One canonical line with its markup removed, before references are cut out


class Line:
    """A canonical line being built: pieces of original text or synthetic text, local offsets."""

    __slots__ = ("parts", "length", "italics", "refs", "_starts")

    def __init__(self) -> None:
        self.parts: list[tuple[int, str, int, bool]] = []  # (local start, text, origin, copied)
        self.length = 0
        self.italics: list[tuple[int, int]] = []
        # (local start, local end, label, original start, original end, cut): the local range of
        # the mark (empty for markup, removed already); cut: (start, end, attach at) from the
        # bare-reference finder, or None: cut the mark and the blanks it would leave
        self.refs: list[tuple[int, int, str, int, int, tuple[int, int, int] | None]] = []
        self._starts: list[int] | None = None  # local starts of the parts, for origin()

    def copy(self, original: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append((self.length, original[start:end], start, True))
            self.length += end - start

    def insert(self, text: str, at: int) -> None:
        if text:
            self.parts.append((self.length, text, at, False))
            self.length += len(text)

    def text(self) -> str:
        return "".join(p[1] for p in self.parts)

    def mark(self, label: str, start: int, end: int) -> None:
        """A reference written with markup at original [start, end): attach it here."""
        self.refs.append((self.length, self.length, label, start, end, None))

    def origin(self, offset: int) -> int:
        """Original offset of local ``offset`` (call once the line is complete)."""
        if not self.parts:
            return 0
        if self._starts is None or len(self._starts) != len(self.parts):
            self._starts = [p[0] for p in self.parts]
        start, _, origin, copied = self.parts[max(0, bisect_right(self._starts, offset) - 1)]
        return origin + (offset - start if copied else 0)


class BareRefs:
    """Bare-number references ("Women,5 the"), paragraph by paragraph in document order.

    The one place that calls :mod:`unlint.readers.barerefs` (its scanner keeps the order of
    first references across paragraphs); without that module, none are found.
    """

    def __init__(self, labels: frozenset[str]) -> None:
        self._scanner = None
        if labels:
            try:
                from unlint.readers.barerefs import BareRefScanner
            except ImportError:
                return
            self._scanner = BareRefScanner(labels)

    def scan(self, text: str, marked: list[str]) -> list[tuple[int, int, str, int, int, int]]:
        """[(start, end, label, cut start, cut end, attach at)] in ``text``.

        ``marked``: the labels this paragraph references with markup ("[^12]"), counted in the
        order of first references as if the scanner had found them."""
        scanner = self._scanner
        if scanner is None:
            return []
        found = [
            (r.start, r.end, r.label, r.cut_start, r.cut_end, getattr(r, "at", r.cut_start))
            for r in scanner.scan(text)
        ]
        take = getattr(scanner, "take", None)  # a public hook, if the scanner offers one
        for label in marked:
            if take is not None:
                take(label)
            elif isinstance(getattr(scanner, "seen", None), set):
                scanner.seen.add(label)
                if label.isdigit() and int(label) >= scanner.expected:
                    scanner.expected = int(label) + 1
        return found


_WS = " \t\u00a0"
_AFTER_PUNCT = ",;.:)]”’"


def _cuts(text: str, refs) -> tuple[list[tuple[int, int]], list[int]]:
    """Where to cut each reference out of ``text`` and where it attaches (local offsets)."""
    cuts = []
    positions = []
    n = len(text)
    for a, b, _label, _start, _end, cut in refs:
        if cut is not None:  # the finder said what to cut and where the reference attaches
            if cut[1] > cut[0]:
                cuts.append(cut[:2])
            positions.append(cut[2])
            continue
        i = a
        while i > 0 and text[i - 1] in _WS:
            i -= 1
        j = b
        while j < n and text[j] in _WS:
            j += 1
        nxt = text[j : j + 1]
        if i < a and (not nxt or nxt in _AFTER_PUNCT):
            cuts.append((i, b))  # "Court 1," -> "Court,"; "session 6" at the end -> "session"
        elif i < a or not nxt or not i:
            cuts.append((a, j))  # "Rights, 1 the" -> "Rights, the"; nothing before: no blank
        elif b > a:
            cuts.append((a, b))
        positions.append(i)
    cuts.sort()
    merged: list[tuple[int, int]] = []
    for a, b in cuts:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    return merged, positions


class Emitter:
    """Writes canonical lines to a TextBuilder, cutting references out and moving offsets."""

    def __init__(self, original: str) -> None:
        self.builder = TextBuilder(original)
        self.refs: list[RawRef] = []
        self.italics: list[tuple[int, int]] = []

    def emit(self, line: Line, newline_at: int) -> bool:
        """Append ``line`` as a new canonical line (the newline at original ``newline_at``).

        When nothing is left of the line once its references are cut out, it adds no line: its
        references attach to the end of the text so far."""
        cuts, positions = _cuts(line.text(), line.refs) if line.refs else ([], [])
        if sum(b - a for a, b in cuts) >= line.length:
            end = len(self.builder)
            self.refs.extend(RawRef(end, ref[2], ref[3], ref[4]) for ref in line.refs)
            return False
        if len(self.builder):
            self.builder.insert("\n", newline_at)
        self._append(line, cuts, positions)
        return True

    def note(self, original: str, label: tuple[int, int], line: Line, newline_at: int) -> None:
        """``[^N]: text``, N copied from the original number."""
        builder = self.builder
        if len(builder):
            builder.insert("\n", newline_at)
        builder.insert("[^", label[0])
        builder.copy(label[0], label[1])
        builder.insert("]: ", label[1])
        cuts, positions = _cuts(line.text(), line.refs) if line.refs else ([], [])
        self._append(line, cuts, positions)

    def _append(self, line: Line, cuts: list[tuple[int, int]], positions: list[int]) -> None:
        """Copy the line's parts minus the cuts; move its references and italics."""
        builder = self.builder
        base = len(builder)
        k = 0
        for start, part, origin, copied in line.parts:
            end = start + len(part)
            pos = start
            while pos < end:
                while k < len(cuts) and cuts[k][1] <= pos:
                    k += 1
                if k < len(cuts) and cuts[k][0] <= pos:
                    pos = min(end, cuts[k][1])
                    continue
                stop = min(end, cuts[k][0]) if k < len(cuts) else end
                if copied:
                    builder.copy(origin + pos - start, origin + stop - start)
                else:
                    builder.insert(part[pos - start : stop - start], origin)
                pos = stop

        cut_starts = [a for a, _ in cuts]
        removed_before = [0]  # characters cut before cut i
        for a, b in cuts:
            removed_before.append(removed_before[-1] + b - a)

        def where(offset: int) -> int:
            i = bisect_right(cut_starts, offset - 1)  # cuts starting before offset
            if not i:
                return base + offset
            a, b = cuts[i - 1]
            return base + offset - removed_before[i - 1] - (min(b, offset) - a)

        for (_, _, label, ostart, oend, _), pos in zip(line.refs, positions):
            self.refs.append(RawRef(where(pos), label, ostart, oend))
        for a, b in line.italics:
            ga, gb = where(a), where(b)
            if gb > ga:
                self.italics.append((ga, gb))


def _repair_defs(original: str, defs: list[Unit], referenced: set[str], problems) -> list[Unit]:
    """Join a "definition" that is really a wrapped line of the previous note.

    A converter that saw "1994 (United Nations publication ...)" at the start of a line of note
    10 wrote ``[^1994]: (United Nations publication ...)``: a number out of sequence, directly
    under the previous definition (or a year), and never referenced, continues that note.
    """
    kept: list[Unit] = []
    for d in defs:
        label = original[d.label[0] : d.label[1]]
        if kept and label.isdigit() and label not in referenced:
            before = original[kept[-1].label[0] : kept[-1].label[1]]
            if before.isdigit() and int(label) != int(before) + 1 and (
                d.adjacent or int(label) >= 1000
            ):
                kept[-1].spans.append(d.label)
                kept[-1].spans.extend(d.spans)
                problems.append(
                    (
                        f"footnote definition {label!r} read as a wrapped line of note {before}",
                        d.label[0],
                        d.label[1],
                    )
                )
                continue
        kept.append(d)
    return kept


def build_reading(
    fmt: str,
    source: Source,
    assembly: Assembly,
    inline,
    meta: dict | None = None,
    problems: list | None = None,
) -> Reading:
    """Inline-process, find bare references, emit. ``inline(spans) -> Line``."""
    original = source.text
    problems = list(problems or []) + assembly.problems
    lines = [(unit, inline(unit.spans)) for unit in assembly.units if unit.spans]
    referenced = {ref[2] for _, line in lines for ref in line.refs}
    defs = _repair_defs(original, assembly.defs, referenced, problems)
    labels = frozenset(original[d.label[0] : d.label[1]] for d in defs)
    bare = BareRefs(labels)
    emitter = Emitter(original)
    previous_end = 0
    for unit, line in lines:
        if unit.body and unit.kind == "text":
            found = bare.scan(line.text(), [ref[2] for ref in line.refs])
            if found:
                line.refs.extend(
                    (a, b, label, line.origin(a), line.origin(b - 1) + 1, (cs, ce, at))
                    for a, b, label, cs, ce, at in found
                )
                line.refs.sort(key=lambda ref: ref[0])
        if emitter.emit(line, previous_end):
            previous_end = unit.spans[-1][1]
    for d in defs:
        emitter.note(original, d.label, inline(d.spans), previous_end)
        previous_end = d.spans[-1][1] if d.spans else d.label[1]
    return Reading(
        format=fmt,
        text=emitter.builder.build(),
        refs=tuple(emitter.refs),
        italics=tuple(emitter.italics),
        meta=meta or {},
        problems=tuple(problems),
    )


# ---------------------------------------------------------------------------------------------
# Markdown specifics: block scanning and inline markup

_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+$")
_RULE = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_DEF_SUP = re.compile(r"<sup>[ \t]*(\d{1,4}|\*{1,3}|[†‡])[ \t]*</sup>[ \t]*")
_DEF_FN = re.compile(r"\[\^([^\]\s]{1,12})\]:[ \t]*")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_INLINE = re.compile(
    r"(?=[<\[*\\&])"  # every form starts with one of these: the scan skips other text fast
    r"(?:(?P<sup><sup>[ \t]*(?P<suplabel>\d{1,4}|\*{1,3}|[†‡])[ \t]*</sup>)"
    r"|(?P<fn>\[\^(?P<fnlabel>[^\]\s]{1,12})\])"
    r"|(?P<stars>\*+)"
    r"|(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<tag></?(?:sup|sub|br|em|i|b|strong|u|span|small)\b[^<>\n]{0,80}>)"
    r"|(?P<ent>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);))"
)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


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


def front_matter(text: str) -> tuple[dict, int, bool]:
    """YAML front matter at the very top: (meta, offset after it, closed?)."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return {}, 0, True
    meta: dict[str, str] = {}
    last_key = None
    for start, end in iter_lines(text):
        if start == 0:
            continue
        line = text[start:end]
        if line.rstrip() in ("---", "..."):
            nl = text.find("\n", end)
            return meta, (len(text) if nl == -1 else nl + 1), True
        m = _FRONT_KEY.match(line)
        if m and not line[:1].isspace():
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            elif value in ("|", ">", "|-", ">-", "|+", ">+"):  # a block value follows
                value = ""
            meta[m.group(1)] = value
            last_key = m.group(1)
        elif last_key and line.strip():  # a folded or listed value: keep it as text
            meta[last_key] = (meta[last_key] + " " + line.strip()).strip()
    return {}, 0, False


class Comments:
    """The HTML comments of a text (``<!-- ... -->``; as in CommonMark, ``<!-->`` and ``<!--->``
    too), found in one pass: trimmed off the ends of a line's content, cut out inside it."""

    def __init__(self, text: str, start: int) -> None:
        spans = []
        find = text.find
        i = find("<!--", start)
        while i != -1:
            if text.startswith(">", i + 4) or text.startswith("->", i + 4):
                end = i + 5 if text[i + 4] == ">" else i + 6
            else:
                close = find("-->", i + 4)
                if close == -1:  # unclosed: text, and no later comment can close either
                    break
                end = close + 3
            spans.append((i, end))
            i = find("<!--", end)
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def within(self, s: int, e: int) -> list[tuple[int, int]]:
        """The comments inside ``[s, e)``."""
        k = bisect_right(self.starts, s - 1)
        out = []
        while k < len(self.spans) and self.spans[k][1] <= e:
            out.append(self.spans[k])
            k += 1
        return out

    def trim(self, text: str, s: int, e: int) -> tuple[int, int, bool]:
        """``[s, e)`` without the comments (and blanks) at its ends; True when the end was cut."""
        cut = False
        while s < e:
            i = bisect_right(self.starts, s) - 1
            if i < 0 or self.spans[i][1] <= s:
                break
            s = self.spans[i][1]
            while s < e and text[s] in " \t\u00a0":
                s += 1
        while s < e:
            i = bisect_right(self.starts, e - 1) - 1
            if i < 0 or self.spans[i][1] < e:
                break
            e, cut = max(s, self.spans[i][0]), True
            while e > s and text[e - 1] in " \t\u00a0":
                e -= 1
        return s, e, cut


def scan_markdown(text: str, start: int, comments: Comments | None = None) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None  # the open text or def block
    blank_before = True
    comments = comments or Comments(text, start)
    for ls, le in iter_lines(text):
        if ls < start:
            continue
        s, e, trailing = content_span(text, ls, le)
        if comments.spans and s < e:
            s, e, cut = comments.trim(text, s, e)
            trailing = 0 if cut else trailing
        if s >= e:  # blank, or only comments: a block ends here
            current = None
            blank_before = True
            continue
        was_blank, blank_before = blank_before, False
        if _RULE.match(text, s, e):
            current = None
            blank_before = True
            continue
        m = _HEADING.match(text, s, e)
        if m:
            c = _HEADING_CLOSE.search(text, m.end(), e)
            hs, he = m.end(), c.start() if c else e
            if comments.spans:
                hs, he, _ = comments.trim(text, hs, he)
            blocks.append(Block("heading", [TextLine(hs, max(hs, he))]))
            current = None
            continue
        m = _DEF_SUP.match(text, s, e) or _DEF_FN.match(text, s, e)
        if m:
            ds = comments.trim(text, m.end(), e)[0] if comments.spans else m.end()
            current = Block(
                "def", [TextLine(ds, e)], label=m.span(1),
                adjacent=not was_blank and bool(blocks) and blocks[-1].kind == "def",
            )
            blocks.append(current)
            continue
        hard = trailing >= 2
        if text[e - 1] == "\\" and (e - 1 == s or text[e - 2] != "\\") and e == le:
            hard, e = True, e - 1
        if current is None:
            current = Block("text", [])
            blocks.append(current)
        current.lines.append(TextLine(s, e, hard))
    return blocks


class _Comment:
    """A comment inside a line, as a token of :func:`markdown_inline` (like a regex match)."""

    lastgroup = "comment"
    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def markdown_inline(original: str, spans: list[tuple[int, int]], comments: Comments | None = None) -> Line:
    """Strip inline markup from one canonical line; record italics and references."""
    line = Line()
    tokens = []  # (span index, match)
    for i, (s, e) in enumerate(spans):
        inside = comments.within(s, e) if comments is not None and comments.spans else ()
        if not inside:
            tokens.extend((i, m) for m in _INLINE.finditer(original, s, e))
            continue
        cursor = s
        for a, b in inside:  # markup inside a comment is not markup
            tokens.extend((i, m) for m in _INLINE.finditer(original, cursor, a))
            tokens.append((i, _Comment(a, b)))
            cursor = b
        tokens.extend((i, m) for m in _INLINE.finditer(original, cursor, e))
    # pair the * runs: openers are followed by non-space, closers preceded by non-space
    last = len(spans) - 1
    used: dict[int, int] = {}  # token index -> delimiter characters consumed
    italic_pairs: list[tuple[int, int]] = []
    opens: set[int] = set()
    stack: list[list[int]] = []  # [token index, characters left]
    for t, (i, m) in enumerate(tokens):
        if m.lastgroup != "stars":
            continue
        s, e = spans[i]
        before = original[m.start() - 1] if m.start() > s else (" " if i else "")
        after = original[m.end()] if m.end() < e else (" " if i < last else "")
        count = m.end() - m.start()
        if before.strip():  # can close
            while count and stack:
                opener = stack[-1]
                n = 2 if count >= 2 and opener[1] >= 2 else 1
                if n == 1:
                    italic_pairs.append((opener[0], t))
                used[opener[0]] = used.get(opener[0], 0) + n
                used[t] = used.get(t, 0) + n
                opener[1] -= n
                count -= n
                if not opener[1]:
                    stack.pop()
        if count and after.strip():
            stack.append([t, count])
            opens.add(t)
    # emit
    pos = {}
    t = 0
    for i, (s, e) in enumerate(spans):
        if i:
            line.insert(" ", spans[i - 1][1])
        cursor = s
        while t < len(tokens) and tokens[t][0] == i:
            m = tokens[t][1]
            line.copy(original, cursor, m.start())
            kind = m.lastgroup
            if kind == "stars":
                literal = (m.end() - m.start()) - used.get(t, 0)
                if t in opens:
                    line.copy(original, m.start(), m.start() + literal)
                    pos[t] = line.length
                else:
                    pos[t] = line.length
                    line.copy(original, m.end() - literal, m.end())
            elif kind == "sup" or kind == "fn":
                label = m.group("suplabel") if kind == "sup" else m.group("fnlabel")
                line.mark(label, m.start(), m.end())
            elif kind == "esc":
                line.copy(original, m.start() + 1, m.end())
            elif kind == "ent":
                name = m.group()[1:-1]
                if name[0] != "#":
                    line.insert(_ENTITIES[name], m.start())
                else:
                    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
                    if code <= 0x10FFFF:
                        line.insert(chr(code), m.start())
                    else:
                        line.copy(original, m.start(), m.end())
            # "tag" and "comment": dropped
            cursor = m.end()
            if kind == "comment" and cursor < e and original[cursor] in " \t" and (
                line.length and line.parts[-1][1][-1] in " \t"
            ):
                cursor += 1  # "text <!-- x --> more": one blank stays
            t += 1
        line.copy(original, cursor, e)
    for a, b in italic_pairs:
        if pos[b] > pos[a]:
            line.italics.append((pos[a], pos[b]))
    line.italics.sort()
    return line


def read_markdown(source: Source) -> Reading:
    text = source.text
    meta, start, closed = front_matter(text)
    problems = []
    if not closed:
        problems.append(("front matter is not closed by a '---' line: read as text", 0, 3))
    comments = Comments(text, start)
    blocks = scan_markdown(text, start, comments)
    assembly = assemble(text, blocks, header_lines_apart=False)
    return build_reading(
        "markdown", source, assembly, lambda spans: markdown_inline(text, spans, comments), meta, problems
    )
