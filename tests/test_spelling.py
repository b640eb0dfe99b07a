"""The spelling rule's dictionary (unlint/spelling.py) and its generated lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
