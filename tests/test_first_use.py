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
