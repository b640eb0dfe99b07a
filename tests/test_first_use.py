"""Work deferred to a first use, or shortened for it, gives the answers of the full work."""

from __future__ import annotations

from unlint import words
from unlint.rules import extraction


def test_everyday_words_are_the_same_tested_on_the_table_or_as_a_set(monkeypatch):
    zipfs = words.frequencies()
    monkeypatch.setattr(extraction, "_EVERYDAY", [None, frozenset()])
    first = extraction._everyday(zipfs)  # the first document: a test on the table
    second = extraction._everyday(zipfs)  # from the second on: the set
    assert isinstance(first, extraction._Everyday) and isinstance(second, frozenset)
    expected = {w for w, z in zipfs.items() if z >= extraction.WORD and len(w) > 1}
    assert second == expected
    for word in [*zipfs, "", "a", "i", "ols", "dicate", "the", "ing", "Elimination"]:
        assert (word in first) == (word in expected), word


def test_another_table_gets_its_own_everyday_words(monkeypatch):
    monkeypatch.setattr(extraction, "_EVERYDAY", [None, frozenset()])
    table = {"tools": 4.0, "to": 7.0, "ols": 1.0, "x": 5.0}
    for _ in range(2):
        found = extraction._everyday(table)
        assert {w for w in table if w in found} == {"tools", "to"}


def test_last_word_read_from_the_end_is_the_regex_answer():
    import re

    from unlint.rules.footnotes import _last_word

    pattern = re.compile(r"\w+(?=\W*$)")
    for text in ["", " ", "...", "the Convention", "Convention;", "Treaty Series, vol. 2326)",
                 "snake_case ", "Côte d'Ivoire\u2019s", "2030 Agenda,\n", "١٢٣ «Paris»", "é"]:
        m = pattern.search(text)
        assert _last_word(text) == (m.group() if m else ""), text
