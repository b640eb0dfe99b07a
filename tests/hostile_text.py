"""Adversarial text documents: runs of what the rules, readers and grammar look at.

Each generator takes a scale (1: about 1 MB, what the tests lint; larger for
``python scripts/fuzz.py --hostile``) and returns the file's suffix and bytes. A rule that
backtracks over a run of one character, or rescans the text for each finding, takes minutes or
hours on one of these; a linear one takes about a second per MB. ``RULES`` maps each rule code
to the generators made of its own material: a new rule must be added there
(tests/test_linear.py checks it).
"""

from __future__ import annotations

MB = 1_000_000
HEAD = "The General Assembly,\n\n"


def _repeat(unit: str, scale: int) -> str:
    return unit * max(1, scale * MB // len(unit.encode()))


def _slips(scale: int):
    """Distinct made-up words close to common ones ("goverment1"-like, without digits): each
    asks the spelling rule for suggestions once."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    size, i = 0, 0
    while size < scale * MB:
        word = "govrnment" + "".join(letters[(i // 26 ** k) % 26] for k in range(4))
        size += len(word) + 1
        i += 1
        yield word


def _body(run: str, suffix: str = ".md") -> tuple[str, bytes]:
    return suffix, (HEAD + "1. *Decides* " + run + ";\n").encode()


GENERATORS = {
    # one line, one character
    "spaces": lambda n: _body("a" + _repeat(" ", n) + "x"),
    "tabs": lambda n: _body("a" + _repeat("\t", n) + "x"),
    "no-spaces": lambda n: _body(_repeat("a", n)),
    "soft-hyphens": lambda n: _body(_repeat("ab\u00ad", n) + "ab"),
    "hyphens": lambda n: _body(_repeat("-", n)),
    "dots": lambda n: _body(_repeat(".", n)),
    "commas": lambda n: _body(_repeat(",", n)),
    "open-brackets": lambda n: _body(_repeat("([{", n)),
    "close-brackets": lambda n: _body(_repeat(")]}", n)),
    "quotes": lambda n: _body(_repeat("\"'\u201c\u2018", n)),
    "asterisks": lambda n: _body(_repeat("*", n)),
    "underscores": lambda n: _body(_repeat("_", n)),
    "digits": lambda n: _body(_repeat("1", n)),
    "superscripts": lambda n: _body(_repeat("\u00b9", n)),
    # one line, one token repeated
    "hyphen-gaps": lambda n: _body(_repeat("zero -tolerance wel l ", n)),
    "doubled-words": lambda n: _body(_repeat("word ", n)),
    "sup-references": lambda n: _body(_repeat("<sup>1</sup>", n)),
    "note-references": lambda n: _body(_repeat("text[^1] ", n)),
    "citations": lambda n: _body(_repeat("resolution 70/1 of 25 September 2014, ", n)),
    "symbols": lambda n: _body(_repeat("A/RES/70/1 S/2020/1 E/CN.7/2020/L.1 ", n)),
    "dates": lambda n: _body(_repeat("31 February 2015 and 1 January 2999 ", n)),
    "xrefs": lambda n: _body(_repeat("paragraphs 1 to 99 above and paragraph 12 below ", n)),
    "names": lambda n: _body(_repeat("United Office on Drugs and Crime United Nations ", n)),
    "capitals": lambda n: _body(_repeat("Xyzzy Plugh ", n)),
    "distinct-slips": lambda n: _body(" ".join(_slips(n))),
    "ordinals": lambda n: _body(_repeat("seventy-fourth session ", n)),
    # many lines
    "blank-lines": lambda n: _body(_repeat("\n", n) + "x"),
    "space-lines": lambda n: _body(_repeat("  \n", n) + "x"),
    "operative": lambda n: (".md", (HEAD + _repeat("1. *Decides* to act;\n\n", n)).encode()),
    "preambular": lambda n: (".md", (HEAD + _repeat("*Recalling* its resolution 70/1,\n\n", n)
                                     + "1. *Decides* to act.\n").encode()),
    "subparagraphs": lambda n: (".md", (HEAD + "1. *Decides*:\n\n" + _repeat("(a) to act;\n\n", n)).encode()),
    "note-definitions": lambda n: (".md", (HEAD + "1. *Decides* to act.[^1]\n\n"
                                           + _repeat("[^1]: See A/70/1.\n", n)).encode()),
    "headings": lambda n: (".md", (HEAD + _repeat("# Annex\n\n", n)).encode()),
    "header": lambda n: (".md", _repeat("A/RES/70/1\nDistr.: General\n", n).encode()),
    "brackets-per-line": lambda n: (".md", (HEAD + _repeat("1. *Decides* [to act;\n\n", n)).encode()),
    # the PDF-text reader: page furniture, footnote blocks, hyphenation at line ends
    "pdf-text-pages": lambda n: (".txt", (HEAD + _repeat("1. Decides to act;\n\f\n2/3 16-12345\n", n)).encode()),
    "pdf-text-notes": lambda n: (".txt", (HEAD + "1. Decides to act.1\n______________\n"
                                          + _repeat("1 See A/70/1.\n", n)).encode()),
    "pdf-text-hyphens": lambda n: (".txt", (HEAD + _repeat("1. Decides to inter-\nnational act;\n", n)).encode()),
    "pdf-text-one-line": lambda n: _body(_repeat("a ", n), ".txt"),
    "leftovers": lambda n: _body(_repeat("[to] TBC ... 80/XX paragraph 5 bis [", n)),
    "abbreviations": lambda n: _body(_repeat("the United Nations Development Programme (UNDP) UNDP's ", n)),
    "capital-runs": lambda n: _body(_repeat("United Nations Office ", n) + "(UNO)"),
    "number-words": lambda n: _body(_repeat("twenty-five (6) five per cent seventy ", n)),
    "ten-and-above": lambda n: _body(_repeat("of fifteen members twenty second ", n)),
    "states": lambda n: _body(_repeat("all states each state “other states ", n)),
    "hyphenated": lambda n: _body(_repeat("abc-def abcdef ", n) + "".join(f"w{i:x}a-bcd w{i:x}abcd " for i in range(n))),
}

# the generators made of each rule's own material (every rule meets all of them in the tests)
RULES = {
    "CI": ["citations", "symbols", "dates", "digits", "ordinals", "preambular"],
    "DT": ["dates", "citations", "digits", "ordinals", "header"],
    "EN": ["names", "capitals", "doubled-words", "hyphen-gaps"],
    "FN": ["sup-references", "note-references", "note-definitions", "superscripts", "pdf-text-notes", "digits"],
    "PU": ["spaces", "tabs", "dots", "commas", "open-brackets", "close-brackets", "quotes",
           "brackets-per-line", "doubled-words", "space-lines"],
    "ST": ["operative", "preambular", "subparagraphs", "headings", "header", "blank-lines", "asterisks",
           "underscores"],
    "TX": ["soft-hyphens", "hyphens", "hyphen-gaps", "no-spaces", "pdf-text-hyphens", "pdf-text-one-line"],
    "UL": ["asterisks", "note-definitions", "pdf-text-pages"],
    "XR": ["xrefs", "operative", "subparagraphs"],
    "SP": ["distinct-slips", "capitals", "no-spaces", "doubled-words", "hyphen-gaps", "names"],
    "DR": ["leftovers", "open-brackets", "close-brackets", "dots", "brackets-per-line", "names", "header",
           "operative", "preambular"],
    "CP": ["operative", "xrefs", "note-references"],  # silent without a base: see test_compare.py
    "CO": ["abbreviations", "capital-runs", "names", "capitals", "open-brackets", "number-words", "states", "hyphenated", "ten-and-above"],
}


# the scale the tests use, where 1 MB is not enough for a quadratic cost to show against the
# time-out (the name analysis took 17 s for 1 MB of name fragments before it was made linear)
SCALES = {"names": 3}


def generators_for(code: str) -> list[str]:
    """The generators of a rule code (its family's)."""
    return RULES.get(code[:2], [])
