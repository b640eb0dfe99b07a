"""PU (punctuation and typography) over whole documents: the seeds' slips at their exact
line:column, and the corpus of adopted texts, where every finding was read and is pinned."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus

from unlint.engine import lint_document, load
from unlint.fixes import apply_fixes
from unlint.settings import Settings
from unlint.source import Source, decode

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"  # the seeds, as shipped in examples/

SEED_FINDINGS = {
    "000_bb6db600084c9eed.txt": [  # Markdown draft of 2017
        (254, 478, "PU006", "straight quote \"'\""),  # "a President's summary"
        (266, 545, "PU001", "'(' is not closed"),  # "mutual legal assistance (requests, in order"
    ],
    "004_52c8993fd1604150.txt": [  # PDF text of resolution 73/186
        (1127, 71, "PU004", "space before ','"),  # "including , inter alia,"
        (1325, 80, "PU004", "space before ';'"),  # "comparative advantage ;"
    ],
}
# The one slip in the adopted texts of the corpus: "on 22-23 September 2024".
CORPUS_FINDINGS = {"A-RES-79-221.txt": {"PU007": 1}}


def _lint(path: Path):
    source = decode(str(path), path.read_bytes())
    return source, lint_document(load(source), Settings(select=("PU",)))


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings(name):
    source, diagnostics = _lint(SEEDS / name)
    found = [(*source.position(d.start), d.code, d.message) for d in diagnostics]
    assert [f[:3] for f in found] == [f[:3] for f in SEED_FINDINGS[name]]
    for (*_, message), (*_, part) in zip(found, SEED_FINDINGS[name]):
        assert part in message


def test_seed_fixes():
    source, diagnostics = _lint(SEEDS / "000_bb6db600084c9eed.txt")
    fixed, count = apply_fixes(source.text, diagnostics)
    assert count == 1 and "a President’s summary" in fixed
    source, diagnostics = _lint(SEEDS / "004_52c8993fd1604150.txt")
    assert all(d.fix.applicability == "display" for d in diagnostics)  # PDF text: shown only
    edit = diagnostics[0].fix.edits[0]
    assert source.text[edit.start : edit.end] == " " and edit.content == ""


@needs_corpus
def test_corpus_findings_are_the_verified_ones():
    found = {}
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        source, diagnostics = _lint(path)
        if diagnostics:
            found[path.name] = dict(Counter(d.code for d in diagnostics))
    assert found == CORPUS_FINDINGS


def test_clean_example_is_clean():
    _, diagnostics = _lint(ROOT / "examples" / "clean-resolution.txt")
    assert diagnostics == []


@pytest.mark.parametrize("line, doubled", [
    ("to prevent and combat the the illicit trafficking", ["the"]),
    ("The the report shall be issued", ["the"]),
    ("noting that that Agreement, the measures had had an effect", []),  # grammatical
    ("the US us", ["us"]),  # a capital first, as "The the"
    ("the us US", []),  # a capital second: two words
    ("at five o’clock clock time", ["clock"]),  # the end of a word with an apostrophe
    ("the Member States’ States", []),  # not one space between the words
    ("see file a_the the", []),  # "a_the" is one word to the pattern
    ("in 2 2 cases", []),  # numbers are not words
    ("ΝΟΜΟΣ ΝΟΜΟΣ.Α", ["ΝΟΜΟΣ"]),  # a capital sigma: lowered by context
])
def test_doubled_word_reads_the_lines_that_may_repeat(line, doubled):
    """PU003 reads only the lines whose words (ctx.lines) may repeat, and finds there what its
    pattern finds on the whole line."""
    text = f"The General Assembly,\n\n1. Decides {line};\n"
    source = Source("case.txt", text)
    found = lint_document(load(source, "text"), Settings(select=("PU003",)))
    assert [d.message for d in found] == [f"doubled word \"{w}\"" for w in doubled]
