"""PU: punctuation and typography (brackets, quotes, doubled words, spacing, dashes, "No.").

Rules read the canonical text one block (a canonical line: a paragraph, a footnote, a header
line) at a time; :func:`blocks` skips the synthetic ``[^N]: `` before a footnote. PU003 reads
only the lines whose words (``ctx.lines``, shared with the EN and TX rules) may repeat.
:func:`edit` builds a fix for a canonical range even across a synthetic line join.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import eq

from unlint.diagnostics import Applicability, Edit, Finding, Fix
from unlint.registry import rule

_LINE = re.compile(r"[^\n]+")
_NOTE_PREFIX = re.compile(r"\[\^[^\]\n]{1,12}\]: ")
_BRACKETS = re.compile(r"[()\[\]]")
# a list marker in running text: "1)", "b)", "iv)" after a space, a colon or the start, before a space
_LIST_MARKER = re.compile(r"(?:^|(?<=[\s:;]))(?:\d{1,3}|[a-z]{1,2}|[ivxl]{1,5})\)\Z")
_PAIRS = {")": "(", "]": "["}
_QUOTES = re.compile(r"[\"\u201c\u201d\u2018\u2019]")
_DOUBLED = re.compile(r"\b([^\W\d_]+) (\1)\b", re.I)
_DOUBLE_OK = {"that", "had", "is"}  # "noting that that Agreement ...": grammatical
# Patterns open with their mark, not a lookbehind, so that the scan is fast; the character
# before the match is checked in the rule.
# after a word or a closing mark; (?<! ): tried once per run of spaces, not at each space of it
_SPACE_BEFORE = re.compile(r"(?<! ) +(?:[,;]|\.(?![.\d]))")
_NO_SPACE_AFTER = re.compile(r"[,;](?=[A-Za-z][^\W\d_]|[A-Z]|[“(])|\.(?=[A-Z][a-z])")
_NOTE_MARK = re.compile(r"[a-z](?![^\W\d_])")
_URLISH = re.compile(r"\S*(?:/|@|www|http)\S*$")
_RANGE = re.compile(r"(\d{1,4})-(\d{1,4})(?![\w/\-\u2013\u2011])")  # not after [\w/.-–‑]
_NUMBER_ABBR = (  # (wrong form before a number, text required before it, its correction)
    (re.compile(r"[Nn][\u00b0\u00ba]|Nr\.?(?= ?\d)|no\.(?= ?\d)|No(?= \d)"), "", lambda f: "No."),
    (re.compile(r"Vols?\.(?= ?\d)"), ", ", str.lower),  # "Ibid., Vol. 976"
    (re.compile(r"vols?(?= \d)"), "", lambda f: f + "."),
    (re.compile(r"(?:No|Nos|vols?)\.(?=\d)"), "", lambda f: f + " "),
)
_DOUBLE_SPACE = re.compile(r"  +")
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:.*\n)*?---[ \t]*(?:\r?\n|$)")
_NOTE_LABEL = re.compile(r"\s*(?:\d{1,3}|\*{1,3}|<sup>\w+</sup>)$")


def blocks(doc):
    """(text, canonical start) of each canonical line, the note prefix ``[^N]: `` skipped."""
    for m in _LINE.finditer(doc.text):
        text, start = m.group(), m.start()
        prefix = _NOTE_PREFIX.match(text)
        if prefix:
            text, start = text[prefix.end() :], start + prefix.end()
        yield text, start


def edit(doc, start: int, end: int, content: str, title: str,
         applicability: Applicability | None = None):
    """A fix replacing canonical [start, end) with ``content``, or None when it is not certain;
    safe, or ``applicability`` when given (the engine makes it display-only where the text is
    not the file's own).

    Where the range holds a synthetic line join, the edit covers the original between the
    characters around it, provided that original differs from the range only in whitespace.
    """
    fix = doc.replace(start, end, content, title)
    if fix is None and 0 < start and end < len(doc.text):
        cm = doc.canonical
        if cm.is_verbatim(start - 1, start) and cm.is_verbatim(end, end + 1):
            s, e = cm.to_original(start - 1) + 1, cm.to_original(end)
            original = doc.source.text[s:e]
            if len(original) < 80 and original.split() == doc.text[start:end].split():
                fix = Fix(title, (Edit(s, e, content),))
    if fix is not None and applicability is not None:
        fix = Fix(fix.title, fix.edits, applicability)
    return fix


@rule("PU001", "unbalanced-brackets", "error")
def unbalanced_brackets(doc, ctx):
    """A parenthesis or square bracket that is not closed, or closes nothing, in its paragraph.

    **What it does.** Pairs "(" with ")" and "[" with "]" inside each paragraph and footnote,
    nesting understood. A parenthesis opened in one paragraph and closed in a later one is
    reported at both ends: a paragraph is a unit of the resolution and must balance.

    **Why.** A closing parenthesis lost in editing changes how a sentence reads ("(the Bangkok
    Rules, and in this regard ...") and is easy to miss in a long paragraph.

    **Example.** ``Recalling its resolution 65/229 (the Bangkok Rules, and ...``

    **Use instead.** ``Recalling its resolution 65/229 (the Bangkok Rules), and ...``

    A list marker in running text ("shall: 1) review ...; 2) report") closes nothing and is
    not reported.
    """
    for text, start in blocks(doc):
        stack: list[tuple[str, int]] = []
        for m in _BRACKETS.finditer(text):
            char, at = m.group(), start + m.start()
            if char in "([":
                stack.append((char, at))
            elif stack and stack[-1][0] == _PAIRS[char]:
                stack.pop()
            elif stack:
                opener, where = stack.pop()
                yield doc.finding(at, at + 1, f"'{char}' closes the '{opener}' opened at column "
                                  f"{doc.source.position(doc.span(where, where + 1).start)[1]}")
            elif not (char == ")" and _LIST_MARKER.search(text, max(0, m.start() - 6), m.end())):
                yield doc.finding(at, at + 1, f"'{char}' closes nothing in this paragraph")
        for char, at in stack:
            yield doc.finding(at, at + 1, f"'{char}' is not closed in this paragraph")


@rule("PU002", "unbalanced-quotes", "error")
def unbalanced_quotes(doc, ctx):
    """A quotation mark that is not closed, or closes nothing, in its paragraph.

    **What it does.** Pairs “ with ” (and ‘ with a later ’) inside each paragraph and
    footnote, and counts straight double quotes, which must come in pairs. A quotation that
    runs over several paragraphs (an amendment quoting new text) opens each paragraph and
    closes only the last: such opening marks are accepted when a later paragraph closes.

    **Why.** A title quoted without its closing mark runs into the rest of the paragraph, and a
    reader cannot tell where the quoted title ends.

    **Example.** ``entitled “Intensification of efforts to eliminate all forms of violence,``

    **Use instead.** ``entitled “Intensification of efforts to eliminate all forms of violence”,``
    """
    carried: list[int] = []  # curly openings still open at the end of earlier paragraphs
    for text, start in blocks(doc):
        stack: list[tuple[str, int]] = []
        straight: list[int] = []
        for m in _QUOTES.finditer(text):
            char, at = m.group(), start + m.start()
            if char == "\u201c" and carried and not text[: m.start()].strip():
                continue  # a quoted paragraph opens again the quotation carried from the last
            if char == '"':
                straight.append(at)
            elif char in "\u201c\u2018":
                stack.append((char, at))
            elif char == "\u201d":
                while stack and stack[-1][0] == "\u2018":
                    yield doc.finding(stack[-1][1], stack[-1][1] + 1, "'‘' is not closed before '”'")
                    stack.pop()
                if stack:
                    stack.pop()
                elif carried:
                    carried.clear()  # closes a quotation that spans paragraphs
                else:
                    yield doc.finding(at, at + 1, "'”' closes nothing in this paragraph")
            elif stack and stack[-1][0] == "\u2018":
                stack.pop()  # a closing single quote; any other ’ is an apostrophe
        if len(straight) % 2:
            yield doc.finding(straight[-1], straight[-1] + 1,
                              "odd number of straight quotation marks in this paragraph")
        singles = [at for char, at in stack if char == "\u2018"]
        for at in singles:
            yield doc.finding(at, at + 1, "'‘' is not closed in this paragraph")
        carried.extend(at for char, at in stack if char == "\u201c")
    for at in carried:
        yield doc.finding(at, at + 1, "'“' is not closed")


@rule("PU003", "doubled-word", "warning")
def doubled_word(doc, ctx):
    """The same word twice in a row ("the the").

    **Why.** A doubled word is the commonest slip of editing (a word added where it already
    was, or left behind when a line was rewritten) and a spell checker does not see it.

    **Example.** ``to prevent and combat the the illicit trafficking``

    **Use instead.** ``to prevent and combat the illicit trafficking``. "that that" ("noting
    that that Agreement establishes ...") and "had had" are grammatical and not reported. A
    word that ends one line and starts the next is doubled too (PDF text keeps the printed
    lines).

    **Fix safety.** Deleting the second word is safe.
    """
    yield from _doubled_across_lines(doc, ctx)
    for line in ctx.lines:
        if not _may_double(line):
            continue
        text, start = line.text, line.offset
        prefix = _NOTE_PREFIX.match(text)
        if prefix:
            text, start = text[prefix.end() :], start + prefix.end()
        for m in _DOUBLED.finditer(text):
            first, second = m.group(1), m.group(2)
            if first.lower() in _DOUBLE_OK or not (first == second or second == first.lower()):
                continue  # "The the" is doubled; "the The" is not
            s = start + m.start(2) - 1
            yield doc.finding(start + m.start(), start + m.end(), f"doubled word \"{m.group(2)}\"",
                              edit(doc, s, start + m.end(), "", f"delete the second \"{m.group(2)}\""))


def _doubled_across_lines(doc, ctx):
    """A word that ends a line and starts the next one ("combat the" / "the illicit")."""
    before = None
    for line in ctx.lines:
        if before is not None and line.offset == before.offset + len(before.text) + 1 \
                and before.norms and line.norms:
            first, second = before.raw(len(before.norms) - 1), line.raw(0)
            if (first.lower() not in _DOUBLE_OK and (first == second or second == first.lower())
                    and not before.text[before.ends[-1]:].strip() and not line.text[:line.starts[0]].strip()
                    and first.isalpha()):
                s, e = before.offset + before.starts[-1], line.offset + line.ends[0]
                yield doc.finding(s, e, f"doubled word \"{second}\" (at a line break)",
                                  edit(doc, before.offset + before.ends[-1], e, "",
                                       f"delete the second \"{second}\""))
        before = line


def _may_double(line) -> bool:
    """Whether a line of ``ctx.lines`` may hold a doubled word: the end of one word (after its
    last apostrophe) is, in lower case, the start of the next (up to its first). A line with a
    capital sigma is always read: its lower case depends on the letters around it."""
    norms = line.norms
    if "\u03a3" in line.text:
        return True
    if "'" in line.text or "\u2019" in line.text:
        return any(map(eq, map(_last_part, norms), map(_first_part, islice(norms, 1, None))))
    return any(map(eq, norms, islice(norms, 1, None)))


def _last_part(word: str) -> str:
    return word[word.rfind("'") + 1 :]


def _first_part(word: str) -> str:
    i = word.find("'")
    return word if i < 0 else word[:i]


@rule("PU004", "space-before-punctuation", "warning")
def space_before_punctuation(doc, ctx):
    """A space before a comma, semicolon or full stop.

    **Why.** "including , inter alia," is a slip left by a deletion; the mark belongs to the
    word before it.

    **Example.** ``their unique and comparative advantage ;``

    **Use instead.** ``their unique and comparative advantage;``

    **Fix safety.** Deleting the space is safe.
    """
    for text, start in blocks(doc):
        for m in _SPACE_BEFORE.finditer(text):
            before = text[m.start() - 1 : m.start()]
            if not (before.isalnum() or before in ")]\u201d\u2019"):
                continue
            s, e, mark = start + m.start(), start + m.end() - 1, m.group()[-1]
            yield doc.finding(s, e + 1, f"space before '{mark}'",
                              edit(doc, s, e, "", f"delete the space before '{mark}'"))


@rule("PU005", "missing-space-after-punctuation", "warning")
def missing_space_after_punctuation(doc, ctx):
    """No space after a comma, semicolon or full stop that ends a word ("crime,and").

    **What it does.** Looks for a comma or semicolon glued to the next word, and a full stop
    between a lowercase word and a capitalized one. Numbers (1,000; 2.5), document symbols
    (E/CN.7/2012/L.2), web addresses and single-letter note marks ("sentences;a") are left alone.

    **Why.** A lost space makes two words one for search and for screen readers.

    **Example.** ``prevention,criminal justice``

    **Use instead.** ``prevention, criminal justice``

    **Fix safety.** Inserting a space is safe.
    """
    for text, start in blocks(doc):
        for m in _NO_SPACE_AFTER.finditer(text):
            i, mark = m.start(), m.group()
            before = text[max(0, i - 2) : i] if mark == "." else text[i - 1 : i]
            if not (before.isalpha() and before.islower() and len(before) == 2 if mark == "."
                    else before.islower() or before in (")", "]", "\u201d")):
                continue  # "a.b" needs a word before the full stop, ",x" a letter or a bracket
            word_end = text.find(" ", i)
            if _URLISH.match(text[text.rfind(" ", 0, i) + 1 : word_end if word_end >= 0 else None]):
                continue
            if _NOTE_MARK.match(text, i + 1):
                continue  # a letter note mark: "sentences;a in addition"
            at = start + i
            yield doc.finding(at, at + 1, f"no space after '{mark}'",
                              doc.replace(at + 1, at + 1, " ", f"add a space after '{mark}'"))


def _quote_style(doc):
    count = doc.text.count
    curly = count("\u201c") + count("\u201d") + count("\u2018") + count("\u2019")
    straight = count('"') + count("'")
    return "curly" if curly >= straight else "straight"


def _curl(text: str, i: int) -> str:
    before = text[i - 1] if i else " "
    opening = before.isspace() or before in "([{\u2014\u2013-/"
    if text[i] == '"':
        return "\u201c" if opening else "\u201d"
    return "\u2018" if opening else "\u2019"


@rule("PU006", "quote-style", "warning")
def quote_style(doc, ctx):
    """A straight quote or apostrophe in a document that uses curly ones (or the reverse).

    **What it does.** Counts quotation marks and apostrophes over the whole document; the
    style used most is the document's style, and every mark of the other style is reported.

    **Why.** Mixed quotes show text pasted from another source; UN documents use curly
    quotation marks and apostrophes (“ ” ‘ ’) throughout.

    **Example.** ``the "Nelson Mandela Rules", and Member States’ efforts``

    **Use instead.** ``the “Nelson Mandela Rules”, and Member States’ efforts``

    **Fix safety.** Safe: an opening mark follows a space or an opening bracket, a closing
    mark or apostrophe follows a letter or punctuation.
    """
    style = _quote_style(doc)
    wrong = re.compile(r"[\"']" if style == "curly" else "[\u201c\u201d\u2018\u2019]")
    for m in wrong.finditer(doc.text):
        at, char = m.start(), m.group()
        want = _curl(doc.text, at) if style == "curly" else ('"' if char in "\u201c\u201d" else "'")
        yield doc.finding(at, at + 1, f"{'straight' if style == 'curly' else 'curly'} quote "
                          f"{char!r} in a document that uses {style} quotes: use {want!r}",
                          doc.replace(at, at + 1, want, f"replace with {want!r}"))


@rule("PU007", "range-dash", "warning")
def range_dash(doc, ctx):
    """A hyphen between two numbers of a range ("9-20 July 2001"): use an en dash.

    **Why.** The UN editorial style writes ranges of days, years and pages with an en dash
    ("9–20 July 2001", "2018–2020", "paras. 5–7"); the hyphen joins words, not numbers.

    **Example.** ``the Summit of the Future on 22-23 September 2024``

    **Use instead.** ``the Summit of the Future on 22–23 September 2024``

    **Fix safety.** Safe: only two numbers of one to four digits, the first smaller than the
    second (or a year followed by two digits, "2018-20"), outside symbols and codes.
    """
    for text, start in blocks(doc):
        for m in _RANGE.finditer(text):
            a, b = m.group(1), m.group(2)
            before = text[m.start() - 1 : m.start()]
            if before.isalnum() or before and before in "_/.-\u2013\u2011":
                continue  # part of a number, symbol or code
            if not (int(a) < int(b) or (len(a) == 4 and len(b) == 2)):
                continue
            at = start + m.start() + len(a)
            yield doc.finding(at, at + 1, f"use an en dash in the range \"{a}\u2013{b}\"",
                              doc.replace(at, at + 1, "\u2013", "replace '-' with '\u2013'"))


@rule("PU008", "number-abbreviation", "warning")
def number_abbreviation(doc, ctx):
    """"No." and "vol." before a number, written as in UN references.

    **What it does.** Reports "no." or "No" (no full stop), "N°", "Nº" and "Nr." before a
    number (use "No."); "Vol." after a comma and "vol" without a full stop (use "vol."); and
    "No.14152" or "vol.976" without a space.

    **Why.** Treaty Series references and supplements are cited in one fixed form ("United
    Nations, Treaty Series, vol. 2225, No. 39574"); variants are copied from other styles.

    **Example.** ``Ibid., Vol. 976, no 14152.``

    **Use instead.** ``Ibid., vol. 976, No. 14152.``

    **Fix safety.** Safe: the abbreviation is replaced in place.
    """
    for text, start in blocks(doc):
        for pattern, after, correct in _NUMBER_ABBR:
            for m in pattern.finditer(text):
                i = m.start()
                if i and text[i - 1].isalnum() or not text.startswith(after, i - len(after)):
                    continue
                s, e, found = start + m.start(), start + m.end(), m.group()
                good = correct(found)
                message = (f"add a space after \"{found}\"" if good.endswith(" ")
                           else f"write \"{good}\" (found \"{found}\")")
                yield doc.finding(s, e, message, doc.replace(s, e, good, message))


def _source_lines(doc):
    """(start, end) of each original line outside YAML front matter, tables and code."""
    text, fence = doc.source.text, False
    front = _FRONT_MATTER.match(text) if doc.format == "markdown" else None
    pos = front.end() if front else 0
    for line in text[pos:].split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if doc.format == "markdown" and stripped.startswith("```"):
            fence = not fence
        elif not (fence or stripped.startswith("|") or line.startswith("    ")):
            yield start, start + len(line.rstrip())


@rule("PU009", "doubled-space", "warning")
def doubled_space(doc, ctx):
    """Two or more spaces between words in a Markdown or typed-text source line.

    **What it does.** Reads the original lines (not the canonical text); leading indentation,
    trailing spaces, YAML front matter, tables, code and the spaces around a footnote mark
    or after a footnote number are left alone. PDF text is checked by TX004.

    **Why.** A doubled space is invisible on screen but survives into the published text and
    breaks searches for the phrase.

    **Example.** ``strong political will  in support of``

    **Use instead.** ``strong political will in support of``

    **Fix safety.** Replacing the spaces by one is safe.
    """
    if doc.format == "pdf-text":
        return
    text = doc.source.text
    marks = {r.span.start for r in doc.refs} | {r.span.end for r in doc.refs}
    for s, e in _source_lines(doc):
        for m in _DOUBLE_SPACE.finditer(text, s, e):
            if m.start() == s or m.end() == e:
                continue  # indentation or trailing spaces
            if m.start() in marks or m.end() in marks or _NOTE_LABEL.match(text, s, m.start()):
                continue
            fix = Fix("replace with one space", (Edit(m.start(), m.end(), " "),))
            yield Finding(m.start(), m.end(), "doubled space", fix)
