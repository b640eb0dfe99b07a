"""The spelling rule's dictionary (unlint/spelling.py) and its generated lists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus
from unlint import spelling

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("word, is_word", [
    ("government", True), ("deploring", True), ("riverine", True),  # common and rare words
    ("reoffending", True), ("subregional", True), ("eightieth", True),  # affixes, ordinals
    ("boko", True), ("preambular", True),  # rules/un-words.yaml
    ("goverment", False), ("recieved", False), ("couraging", False), ("secretray", False),
])
def test_known(word, is_word):
    assert spelling.known(word) is is_word


def test_misspellings_name_their_word():
    assert spelling.misspelling("goverment") == "government"
    assert spelling.misspelling("government") is None


def test_sorted_lines_are_searched_by_bisection():
    lines = spelling.SortedLines("# comment\napple\nbanana fruit\ncherry\n")
    assert "apple" in lines and "cherry" in lines and "# comment" not in lines
    assert lines.find("banana") == "banana fruit"
    assert "aardvark" not in lines and "banan" not in lines and "zebra" not in lines


def test_the_dictionary_is_read_only_when_a_word_is_unknown():
    probe = ("import unlint.rules.spelling, unlint.spelling as s; from unlint.rules import spelling as r;"
             "print(s._lines.cache_info().currsize + s._misspellings.cache_info().currsize,"
             " r._by_length.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split()
    assert out == ["0", "0"]


@pytest.mark.slow
def test_dictionary_files_match_their_generator():
    import importlib.util

    pytest.importorskip("wordfreq")
    spec = importlib.util.spec_from_file_location("build_dictionary", ROOT / "scripts" / "build_dictionary.py")
    build_dictionary = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_dictionary)
    dictionary, misspellings = build_dictionary.render(*build_dictionary.build())
    assert (ROOT / "rules" / spelling.DICTIONARY).read_text(encoding="utf-8") == dictionary
    assert (ROOT / "rules" / spelling.MISSPELLINGS).read_text(encoding="utf-8") == misspellings


# ---- words a user accepts: configuration, word files, rule packs, the document

DRAFT = """The General Assembly,

1. *Welcomes* the Hunga Tonga report and the goverment of Tonga and the Government;

2. *Notes* the Secretray-General and the Government.
"""


def spelling_findings(folder: Path, text: str = DRAFT, isolated: bool = False) -> list[str]:
    from unlint.config import Resolver
    from unlint.context import Runs
    from unlint.engine import lint_document, load
    from unlint.source import Source

    path = folder / "draft.md"
    path.write_text(text, encoding="utf-8")
    settings = Resolver({"select": ("SP",)}).settings_for_file(path)
    doc = load(Source(str(path), text), None)
    return [text[d.start:d.end] for d in lint_document(doc, Runs().get(settings))]


def test_the_draft_has_two_slips(tmp_path):
    assert spelling_findings(tmp_path) == ["goverment", "Secretray"]


def test_words_and_word_files_of_the_configuration_are_accepted(tmp_path):
    (tmp_path / "team.txt").write_text("# our words\nSecretray  # a name here\n\n", encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text("words: [Goverment]\nword-files: [team.txt]\n", encoding="utf-8")
    assert spelling_findings(tmp_path) == []


@pytest.mark.parametrize("config, problem", [
    ("words: goverment\n", ".unlint.yaml:1: words must be a list, got the string"),
    ("words: ['']\n", ".unlint.yaml:1: words entries must be non-empty strings"),
    ("word-files: [none.txt]\n", ".unlint.yaml:1: word-files: 'none.txt': cannot read it"),
])
def test_bad_word_settings_are_config_errors(tmp_path, config, problem):
    from unlint.config import ConfigError

    (tmp_path / ".unlint.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(problem)):
        spelling_findings(tmp_path)


def test_a_rule_pack_accepts_its_words(tmp_path):
    (tmp_path / "house.yaml").write_text(
        "words: [goverment, Secretray]\nrules:\n  - code: HS001\n    name: hs-word\n    kind: existence\n"
        "    severity: warning\n    summary: A word.\n    why: Because.\n    example: e\n    tokens: [zzz]\n",
        encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text("packs: [house.yaml]\n", encoding="utf-8")
    assert spelling_findings(tmp_path) == []


def test_a_comment_in_the_document_accepts_words_and_is_no_bad_suppression(tmp_path):
    text = "<!-- unlint-words Secretray -->\n\n" + DRAFT
    assert spelling_findings(tmp_path, text) == ["goverment"]
    (tmp_path / ".unlint.yaml").write_text("select: [SP, UL]\n", encoding="utf-8")
    from unlint.config import Resolver
    from unlint.context import Runs
    from unlint.engine import lint_document, load
    from unlint.source import Source

    path = tmp_path / "draft.md"
    settings = Resolver({}).settings_for_file(path)
    codes = [d.code for d in lint_document(load(Source(str(path), text), None), Runs().get(settings))]
    assert codes == ["SP001"]


# ---- UN usage (rules/un-phrases.txt), for SP002

def test_usage_knows_pairs_and_counts():
    usage = spelling.Usage("# comment\n@common grave\ngrave\t63\ngrave concern\t39\ngraver\t4\n"
                           "rare pair\t2\n", ["grave violations"])
    assert usage.common == ("grave",)
    assert usage.count("grave") == 63 and usage.count("graver") == 4 and usage.count("grav") == 0
    assert usage.pair("grave", "concern") and usage.pair("grave", "violations")
    assert not usage.pair("rare", "pair")  # used fewer than PAIR times


@needs_corpus
def test_phrases_file_matches_its_generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_phrases", ROOT / "scripts" / "build_phrases.py")
    build_phrases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_phrases)
    files = build_phrases.corpus_files(CORPUS.parent)
    expected = build_phrases.render(*build_phrases.count(files), len(files))
    assert (ROOT / "rules" / spelling.PHRASES).read_text(encoding="utf-8") == expected


def test_a_slip_in_a_word_file_is_found_at_its_paragraph_and_character(tmp_path):
    docx = pytest.importorskip("docx")
    from unlint.engine import lint_document, load_bytes
    from unlint.settings import Settings

    document = docx.Document()
    for text in ("The General Assembly,", "1. Requests the Secretray-General to report."):
        document.add_paragraph(text)
    path = tmp_path / "draft.docx"
    document.save(path)
    doc = load_bytes(str(path), path.read_bytes())
    found = lint_document(doc, Settings(select=("SP",)))
    assert [(doc.source.locate(d.start).label(), d.message) for d in found] == [
        ("¶2:17", '"Secretray" is not a word; did you mean "Secretary"?')]
