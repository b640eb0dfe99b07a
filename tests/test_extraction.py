"""TX (PDF-extraction artefacts) over whole documents, the word list and the split-word verdict.

The seed 004 (PDF text of A/RES/73/186) holds every TX slip found at its exact line:column;
the corpus findings were each read and are pinned, so a new finding on a file fails the test.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus

from unlint import wordlist as words
from unlint.engine import lint_document, load
from unlint.rules.extraction import split_verdict
from unlint.settings import Settings
from unlint.source import Source, decode

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "004_52c8993fd1604150.txt"  # the seeds, as shipped in examples/

# Seed 004: (line, column, words as printed) of every word split by the extraction.
SPLIT_WORDS = [
    (99, 73, "wel l"), (543, 54, "enforceme nt"), (634, 75, "Mande la"), (725, 69, "elimina tion"),
    (814, 80, "ach ieving"), (901, 77, "a s"), (909, 72, "Era dicate"), (1016, 72, "to ols"),
    (1022, 70, "combat ing"), (1103, 76, "an d"), (1173, 76, "viol ence"), (1193, 69, "asse ts"),
    (1264, 68, "effo rts"), (1329, 66, "loca l"), (1451, 75, "ju stice"), (1457, 83, "an d"),
    (1641, 64, "initi atives"), (1802, 62, "manufac turing"), (1808, 72, "i mproved"),
]
SPACED_HYPHENS = [  # (line, column, compound)
    (220, 76, "zero-tolerance"), (294, 70, "anti-corruption"), (846, 78, "capacity-building"),
    (1238, 73, "match-fixing"), (1272, 71, "information-sharing"), (1495, 80, "child-sensitive"),
    (1822, 60, "record-keeping"),
]
DOUBLED_SPACES = [(48, 71), (174, 54), (250, 81), (391, 65), (471, 72), (561, 82), (668, 71),
                  (884, 82), (1355, 70)]

# Corpus findings, each read: spaced hyphens of the PyMuPDF text ("neo- Nazism") and of the
# Markdown reflowed from it ("high- level"), a doubled space and a narrow no-break space.
CORPUS_FINDINGS = {
    "A-C.1-80-L.26.txt": {"TX002": 1}, "A-RES-78-190.txt": {"TX002": 4},
    "A-RES-78-234.txt": {"TX002": 1}, "A-RES-78-253.txt": {"TX002": 1},
    "A-RES-80-24.md": {"TX002": 6}, "A-RES-80-34.md": {"TX002": 2},
    "A-RES-80-39.md": {"TX002": 7}, "A-RES-80-44.md": {"TX002": 5},
    "A-RES-80-48.md": {"TX002": 6}, "A-RES-80-53.md": {"TX002": 1},
    "A-RES-80-6.md": {"TX002": 1}, "A-RES-80-9.md": {"TX002": 3},
    "A-RES-78-218.txt": {"TX004": 1}, "A-RES-80-141.txt": {"TX004": 1},
}


def _lint(path: Path, select=("TX",)):
    source = decode(str(path), path.read_bytes())
    return source, lint_document(load(source), Settings(select=select))


@lru_cache(maxsize=1)
def _seed():
    return _lint(SEED)


def _at(source, diagnostics, code):
    return [(*source.position(d.start), d) for d in diagnostics if d.code == code]


def _apply(text: str, fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def test_seed_split_words_found_exactly():
    source, diagnostics = _seed()
    found = [(line, col, source.text[d.start : d.end]) for line, col, d in _at(source, diagnostics, "TX001")]
    assert found == SPLIT_WORDS


def test_seed_split_word_fixes_join_the_word():
    source, diagnostics = _seed()
    for _, _, d in _at(source, diagnostics, "TX001"):
        assert d.fix is not None and d.fix.applicability == "display"
        joined = source.text[d.start : d.end].replace(" ", "")
        fixed = _apply(source.text, d.fix)
        assert fixed[d.start : d.start + len(joined)] == joined
        assert len(fixed) == len(source.text) - 1


def test_seed_spaced_hyphens_and_their_fixes():
    source, diagnostics = _seed()
    hits = _at(source, diagnostics, "TX002")
    assert [(line, col) for line, col, _ in hits] == [(line, col) for line, col, _ in SPACED_HYPHENS]
    for (_, _, d), (_, _, compound) in zip(hits, SPACED_HYPHENS):
        assert compound in d.message
        # "zero -" at a line end and "tolerance" on the next line become "zero-tolerance"
        assert _apply(source.text, d.fix)[d.start :].startswith(compound)


def test_seed_doubled_spaces():
    source, diagnostics = _seed()
    hits = _at(source, diagnostics, "TX004")
    assert [(line, col) for line, col, _ in hits] == DOUBLED_SPACES
    d = hits[1][2]
    assert "political will in support" in _apply(source.text, d.fix)


def test_soft_hyphen_at_a_line_end_joins_the_word():
    text = (" The General Assembly,\n\n Recalling its resolutions on the prevention and elimi\u00ad\n\n"
            "nation of violence against women and girls and on the measures taken by\n\n"
            "States and by the United Nations system to support their efforts in this\n\n"
            "regard, and the reports of the Secretary-General on the matter,\n\n"
            " Noting with appreciation the work of the Commission on the Status of Women,\n\n")
    source = Source("case.txt", text)
    diagnostics = lint_document(load(source, "pdf-text"), Settings(select=("TX003",)))
    assert [source.position(d.start) for d in diagnostics] == [(3, 55)]
    fix = diagnostics[0].fix
    assert fix.applicability == "display" and "elimination of violence" in _apply(text, fix)


@needs_corpus
def test_corpus_findings_are_the_verified_ones():
    found: dict[str, Counter] = {}
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        _, diagnostics = _lint(path)
        counts = Counter(d.code for d in diagnostics)
        if counts:
            found[path.name] = dict(counts)
    assert found == CORPUS_FINDINGS


@pytest.mark.parametrize("a, b, vocabulary, split", [
    ("to", "ols", "the tools", True),           # "ols" is not a word
    ("combat", "ing", "combating crime", True),  # a suffix alone after a word
    ("Era", "dicate", "eradicate", True),
    ("elimina", "tion", "", True),                # both fragments, a frequent join
    ("wel", "l", "as well as", True),
    ("a", "bout", "about", True),                 # judged: "bout" used nowhere else
    ("as", "well", "as well", False),             # "as well" never
    ("a", "bout", "a bout of", False),            # "about" is not used in the document
    ("per", "cent", "percent", False),
    ("inter", "alia", "", False),
    ("may", "be", "maybe", False),
    ("as", "set", "asset", False),
    ("for", "bids", "", False),
    ("Dar", "es", "", False),                     # a name: "Dar es Salaam"
    ("a", "way", "away", False),
])
def test_split_verdict(a, b, vocabulary, split):
    vocab = Counter(vocabulary.lower().split() + [a.lower(), b.lower()])
    assert bool(split_verdict(a, b, vocab)) is split


def test_un_names_keep_two_word_names():
    vocab = Counter(["viet", "nam", "vietnam"])
    if ("viet", "nam") in words.names()[1]:
        assert split_verdict("viet", "nam", vocab, words.names) is None


def test_word_list_has_british_and_american_spellings():
    for word in ("offences", "labour", "fulfilment", "organization", "programme", "organisation",
                 "criminalize", "favour", "judgement", "elimination", "mandela"):
        assert words.zipf(word) > 2.5, word
    assert words.zipf("ols") == 0 and words.zipf("dicate") == 0
    assert {"ing", "tion"} <= words.suffixes() and "well" not in words.suffixes()


def test_word_list_is_generated_and_loaded_lazily():
    data = (ROOT / "rules" / words.WORDLIST).read_text(encoding="utf-8")
    assert "Generated by scripts/build_wordlist.py from wordfreq" in data.splitlines()[1]
    probe = ("import sys; import unlint.rules.extraction, unlint.rules.punctuation, unlint.wordlist as w;"
             "print(w._load.cache_info().currsize, 'ruamel' in ' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split()
    assert out == ["0", "False"], "importing the TX rules must read no data"


def test_word_list_matches_its_generator():
    pytest.importorskip("wordfreq")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_wordlist
    finally:
        sys.path.pop(0)
    version, bands = build_wordlist.build(2.5)
    expected = build_wordlist.render(version, bands, 2.5)
    assert (ROOT / "rules" / words.WORDLIST).read_text(encoding="utf-8") == expected


def test_vocabulary_is_the_runs_of_letters_of_the_text():
    """TX001's vocabulary, read from the shared words (ctx.lines), counts what a regular
    expression of letters finds in the lowercased text: a word with an apostrophe or a digit
    counts as its runs of letters, and a line with a letter whose lower case is longer ("İ")
    is lowered as a whole."""
    import re

    from unlint.analysis.words import tokenize

    text = ("The Secretary-General's report on G77 and China, x² and ½, don’t stop;\n\n"
            "İstanbul, Türkiye, 2–5 May: the the ΟΔΟΣ.Α\n")
    doc = load(Source("case.txt", text), "text")
    expected = Counter(re.findall(r"[^\W\d_]+", doc.text.lower()))
    assert tokenize(doc).vocabulary == expected
    assert expected["s"] == 1 and expected["don"] == 1 and expected["g"] == 1
