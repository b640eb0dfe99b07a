"""Parse a reader's canonical text with the Lark grammar and build the :class:`Document`."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from unlint.knowledge import table
from unlint.model import Document, Field, Header, Note, Paragraph, Ref, Span
from unlint.readers import Reading
from unlint.resources import data_dir
from unlint.source import Source

_ROMAN = re.compile(r"^(i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xix|xx)$")
_NUMBER = re.compile(r"^(\d{1,3})\.(?:[ \t]+|$)")  # "$": "1." alone once rstripped
_SUB = re.compile(r"^(?:\(([a-z]{1,6})\)|([a-z])\.|(\d{1,2})\))(?:[ \t]+|$)")  # (a), a., 1)
_NOTE = re.compile(r"^\[\^([^\]\n]+)\]: ")
_TITLE_NUMBER = re.compile(r"^(\d{1,4}/\d{1,4}(?: [A-Z])?|[A-Z]-\d{1,2}/\d{1,3})\.[ \t]+")
_SECTION = re.compile(r"^([A-Z]|[IVXL]+)\.?$")  # "B." or "IV" heading a part
_HEADING_END = re.compile(r"[,;.:]\s*$")
_LETTERED = re.compile(r"[A-Z]\.\s")  # "B. Scale up climate action ...": a lettered part heading
_ERRORS = {
    "SUB": "this sub-paragraph does not follow a paragraph that introduces it",
    "NOTE": "a footnote definition in the middle of the text",
}


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The resolution parser, built once per process (and kept on disk by Lark's ``cache=True``
    between processes: 24 -> 2.5 ms)."""
    path = data_dir("grammars") / "resolution.lark"
    return Lark(
        path.read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        cache=True,
        maybe_placeholders=False,
    )


@lru_cache(maxsize=1)
def _organ_name() -> re.Pattern:
    """"The General Assembly," opening a decision's only paragraph: "The" and a body's name
    (rules/citation_bodies.yaml), built once."""
    names = [name for body in table("citation_bodies")["bodies"] for name in body["names"]]
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"The (?:{alternation})(?=[, ]),?")


def _opens_with_verb(text: str) -> bool:
    """An operative paragraph opens with a verb in the third person: "Decides", "Adopts"."""
    return text.split(" ", 1)[0].endswith("s")


def parse(source: Source, reading: Reading) -> Document:
    text = reading.text.text
    errors: list[tuple[str, int, int]] = []

    def on_error(exc: UnexpectedInput) -> bool:
        """Report a block that does not fit here, then keep it as plain text (never lose it)."""
        token = getattr(exc, "token", None)
        if not isinstance(token, Token) or token.type in ("_NL", "$END"):
            return True
        s, e = reading.text.span(token.start_pos, token.start_pos + len(token.rstrip()))
        errors.append((_ERRORS.get(token.type, f"{token.type.lower()} block out of place"), s, e))
        if "LINE" in exc.accepts:
            exc.interactive_parser.feed_token(Token.new_borrow_pos("LINE", str(token), token))
        return True

    try:
        tree = parser().parse(text + "\n", on_error=on_error)
    except UnexpectedInput as exc:  # the parser could not recover: lint what we have
        pos = getattr(exc, "pos_in_stream", None) or 0
        s, e = reading.text.span(pos, pos + 1)
        errors.append(("the document structure could not be parsed from here on", s, e))
        tree = Tree("start", [])
    return _Builder(source, reading, errors).build(tree)


class _Builder:
    def __init__(self, source: Source, reading: Reading, errors):
        self.source = source
        self.reading = reading
        self.errors = errors
        self.header: dict = {"lines": []}
        self.organ: Field | None = None
        self.paragraphs: list[Paragraph] = []
        self.notes: list[Note] = []
        self.annexes: list[Field] = []
        self._italic_starts = {s: (s, e) for s, e in reading.italics}

    def build(self, tree: Tree) -> Document:
        for node in tree.iter_subtrees_topdown():
            if node.data == "front":
                self._front(node)
            elif node.data == "organ_part":
                self._organ(node.children[0])
            elif node.data == "body":
                self._blocks(node, "body")
                self._unnumbered_operative()
            elif node.data == "annex":
                self.annexes.append(_field(node.children[0]))
                self._blocks(node, "annex")
            elif node.data == "notes":
                for token in node.children:
                    self._note(token)
        header = Header(**{k: v for k, v in self.header.items() if k != "lines"},
                        lines=tuple(self.header["lines"]))
        problems = tuple(self.reading.problems) + tuple(self.errors)
        return Document(
            source=self.source,
            format=self.reading.format,
            canonical=self.reading.text,
            header=header,
            organ=self.organ,
            paragraphs=tuple(self.paragraphs),
            notes=tuple(self.notes),
            refs=self._refs(),
            annexes=tuple(self.annexes),
            italics=tuple(self.reading.italics),
            meta=dict(self.reading.meta),
            problems=problems,
            review=self.reading.review,
        )

    def _front(self, node: Tree) -> None:
        """Header fields; the title is the numbered title ("73/186. ...") or the last plain line."""
        for child in node.children:
            token = child.children[0]
            field = _field(token)
            self.header["lines"].append(field)
            kind = child.data
            if kind == "numbered_title":
                m = _TITLE_NUMBER.match(field.text)
                if m:
                    self.header["number"] = m.group(1)
                    field = Field(field.text[m.end():], field.start + m.end())
                self.header["title"] = field
            elif kind == "line":
                if "number" not in self.header:
                    self.header["title"] = field
            else:
                self.header.setdefault(kind, field)

    def _organ(self, token: Token) -> None:
        """The organ line; for a decision ("The General Assembly, recalling ...") the rest of the
        line is its only paragraph."""
        field = _field(token)
        m = _organ_name().match(field.text)
        if token.type == "ORGAN_PARAGRAPH" and m:
            self.organ = Field(m.group(0), field.start)
            rest = len(m.group(0)) + len(field.text[m.end():]) - len(field.text[m.end():].lstrip())
            self.paragraphs.append(Paragraph("text", "body", field.text[rest:], field.start + rest))
        else:
            self.organ = field

    def _blocks(self, node: Tree, part: str) -> None:
        """Classify the blocks of the body or an annex into paragraphs.

        After the first operative paragraph, an unnumbered block is ``text`` (a sub-paragraph
        that lost its letter, a quotation), not a preambular paragraph. A block ending with
        ":" that adopts "the following" document, followed by an unpunctuated title, opens an
        embedded document: what follows is treated like an annex.
        """
        parent = None  # last preambular/operative paragraph index
        letter = None  # (index, label) of the last letter-level sub-paragraph
        # a decision ("The General Assembly, recalling ...") has no preamble: all is text
        operative = bool(self.paragraphs) and part == "body"
        if operative and self.paragraphs[-1].text.endswith(":"):
            parent = len(self.paragraphs) - 1  # "The Council decides:" introduces (a), (b) ...
        for child in node.children:
            if not isinstance(child, Tree):  # the annex heading token
                continue
            token = child.children[0]
            text = str(token).rstrip()
            start = token.start_pos
            kind = child.data
            index = len(self.paragraphs)
            if kind == "closing":
                continue
            if kind == "orphan_sub" and parent is None:
                self.errors.append((_ERRORS["SUB"], *self.reading.text.span(start, start + len(text))))
            if kind == "operative":
                m = _NUMBER.match(text)
                para = Paragraph("operative", part, text, start, m.group(1), m.end())
                parent, letter, operative = index, None, True
            elif kind in ("sub", "orphan_sub"):
                m = _SUB.match(text)
                label = m.group(1) or m.group(2) or m.group(3)
                is_roman = _ROMAN.match(label) and not (
                    letter and len(label) == len(letter[1]) == 1 and ord(label) == ord(letter[1]) + 1
                )
                owner = letter[0] if (is_roman and letter) else parent
                para = Paragraph("sub", part, text, start, label, m.end(), owner)
                if not (is_roman and letter):
                    letter = (index, label)
            elif _SECTION.match(text) or not _HEADING_END.search(text) and (
                len(text) < 120 or self._adopts_following() or self._after_heading()
                or _LETTERED.match(text)
            ):
                para = Paragraph("heading", part, text, start)
                parent, letter = index, None  # lettered lists restart under a heading
                if part == "body" and self._adopts_following():
                    part, operative = "annex", False  # the embedded document has its own preamble
            else:
                single = part == "body" and self._single_paragraph(text)
                para = Paragraph("text" if operative or single else "preambular", part, text, start)
                operative = operative or single
                if para.kind == "preambular" or text.endswith(":"):
                    parent, letter = index, None
            phrase = self._italic_starts.get(para.body_start)
            if phrase:
                para = _with_phrase(para, phrase)
            self.paragraphs.append(para)

    def _unnumbered_operative(self) -> None:
        """A Security Council resolution with one operative paragraph leaves it unnumbered: a
        last block "Decides that ... ." after the preamble is that paragraph, not preambular."""
        body = [i for i, p in enumerate(self.paragraphs) if p.part == "body"]
        if not body or any(self.paragraphs[i].kind == "operative" for i in body):
            return
        last = self.paragraphs[body[-1]]
        if last.kind == "preambular" and last.text.endswith(".") and _opens_with_verb(last.text):
            self.paragraphs[body[-1]] = replace(last, kind="text")

    def _single_paragraph(self, text: str) -> bool:
        """"The General Assembly" (no comma) then "Adopts ...": a one-paragraph resolution."""
        return (
            not self.paragraphs
            and self.organ is not None
            and not self.organ.text.endswith(",")
            and _opens_with_verb(text)
        )

    def _after_heading(self) -> bool:
        return bool(self.paragraphs) and self.paragraphs[-1].kind == "heading"

    def _adopts_following(self) -> bool:
        """True when the previous block introduces an embedded document ("Adopts the following ...:")."""
        if not self.paragraphs:
            return False
        previous = self.paragraphs[-1].text
        return previous.endswith(":") and "the following" in previous and previous[:1].isupper()

    def _note(self, token: Token) -> None:
        m = _NOTE.match(token)
        label = m.group(1)
        self.notes.append(Note(label, str(token)[m.end():].rstrip(), token.start_pos + m.end(),
                               token.start_pos + 2))

    def _refs(self) -> tuple[Ref, ...]:
        starts = [p.start for p in self.paragraphs]
        note_starts = [n.label_start for n in self.notes]
        refs = []
        for raw in sorted(self.reading.refs, key=lambda r: r.pos):
            paragraph = note = None
            if note_starts and raw.pos >= note_starts[0] - 2:
                note = self.notes[max(0, bisect_right(note_starts, raw.pos) - 1)].label
            elif starts:
                i = bisect_right(starts, raw.pos) - 1
                if i >= 0 and raw.pos <= self.paragraphs[i].end:
                    paragraph = i
            refs.append(Ref(raw.label, raw.pos, Span(raw.start, raw.end), paragraph, note))
        return tuple(refs)


def _field(token: Token) -> Field:
    return Field(str(token).rstrip(), token.start_pos)


def _with_phrase(para: Paragraph, phrase: tuple[int, int]) -> Paragraph:
    return replace(para, phrase=phrase)
