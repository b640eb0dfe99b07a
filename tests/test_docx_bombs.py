"""Crafted Word files (tests/hostile_docx.py) are refused with one line, or read within bounds.

Each is linted in a fresh process under a 2 GB address-space limit and a generous time-out:
before the limits of unlint/readers/docx_parts.py, a list starting at 10^15 took 55 s and
5.9 GB, a level text of 20,000 "%1" 3.8 GB, 60 MB of document.xml in 200 KB of archive 41 s
and 1.8 GB, nested tables or content controls ended in RecursionError, and 100,000 joined
paragraphs took 90 s.
"""

from __future__ import annotations

import pytest

import hostile_run
from hostile_docx import GENERATORS

REFUSED = {
    "huge-list-number": "a list is numbered up to 1,000,000,000,000,000, past the largest number Word gives",
    "huge-letter-number": "past the largest number Word gives a list item (32,767)",
    "long-level-text": "a list level's number text is 40,000 characters long (Word allows 255)",
    "expanding-document": "the .docx part word/document.xml is too large (61,980,113 bytes or more, decompressed",
    "many-paragraphs": "the .docx part word/document.xml is too large",
    "nested-tables": "nested more than 100 deep",
    "nested-content-controls": "nested more than 100 deep",
    "nested-insertions": "nested more than 100 deep",
}
READ = {"joined-paragraphs", "largest-readable"}  # within the limits: read, in bounded time


def test_every_generator_has_an_expectation():
    assert set(GENERATORS) == set(REFUSED) | READ


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_word_bomb_is_refused_in_one_line(name, tmp_path):
    hostile_run.refused(tmp_path / f"{name}.docx", GENERATORS[name](1), REFUSED[name])


@pytest.mark.parametrize("name", sorted(READ))
@pytest.mark.slow
def test_a_large_word_file_within_the_limits_is_read(name, tmp_path):
    hostile_run.read(tmp_path / f"{name}.docx", GENERATORS[name](1))
