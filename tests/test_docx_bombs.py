"""Crafted Word files (tests/hostile_docx.py) are refused with one line, or read within bounds.

Each is linted in a fresh process under a 2 GB address-space limit and a generous time-out:
before the limits of unlint/readers/docx_parts.py, a list starting at 10^15 took 55 s and
5.9 GB, a level text of 20,000 "%1" 3.8 GB, 60 MB of document.xml in 200 KB of archive 41 s
and 1.8 GB, nested tables or content controls ended in RecursionError, and 100,000 joined
paragraphs took 90 s. Before the depth limit of a part (docx_parts.MAX_DEPTH), a paragraph
inside 100,000 nested elements was read, and the Word output (--format docx) then stopped with
"internal error: XMLSyntaxError('Excessive depth in document: 256 ...')"; an encoding no parser
knows was reported as a damaged ZIP archive, a part the archive says is 4 GB long as "4,294,967,295
bytes or more", and a [Content_Types].xml naming a missing part as "no word/document.xml" when
the archive held one.

Entities are never expanded nor fetched: a DTD, in any part, is refused (test_reader_docx.py
has a billion laughs and an external entity in word/document.xml; here they are in other parts,
and a parameter entity), and an XInclude is an element like any other.
"""

from __future__ import annotations

import pytest

import hostile_run
from hostile_docx import GENERATORS
from unlint.readers.docx import read_docx_bytes
from unlint.source import InputError

REFUSED = {
    "huge-list-number": "a list is numbered up to 1,000,000,000,000,000, past the largest number Word gives",
    "huge-letter-number": "past the largest number Word gives a list item (32,767)",
    "long-level-text": "a list level's number text is 40,000 characters long (Word allows 255)",
    "expanding-document": "the .docx part word/document.xml is too large (its archive says 61,980,113 bytes, "
                          "decompressed",
    "many-paragraphs": "the .docx part word/document.xml is too large",
    "nested-tables": "the .docx part word/document.xml has elements nested more than 256 deep",
    "nested-content-controls": "the .docx part word/document.xml has elements nested more than 256 deep",
    "nested-insertions": "the .docx part word/document.xml has elements nested more than 256 deep",
    # malformed parts and archives
    "document-not-xml": "the .docx part word/document.xml is not well-formed XML (not well-formed (invalid token)",
    "encoding-declared-wrong": "the .docx part word/document.xml is not well-formed XML (not well-formed "
                               "(invalid token)",
    "utf16-declared": "the .docx part word/document.xml is not well-formed XML (encoding specified in XML "
                      "declaration is incorrect",
    "unknown-encoding": "the .docx part word/document.xml is not readable XML (unknown encoding: x-unlint-bogus)",
    "size-declared-small": "not a readable .docx file (the ZIP archive is damaged: Bad CRC-32 for file "
                           "'word/document.xml')",
    "size-declared-huge": "the .docx part word/document.xml is too large (its archive says 4,294,967,295 bytes",
    "nested-unknown-elements": "the .docx part word/document.xml has elements nested more than 256 deep",
    "nested-runs": "the .docx part word/document.xml has elements nested more than 256 deep",
    "deep-in-a-run": "the .docx part word/document.xml has elements nested more than 256 deep",
    # entities: never expanded nor fetched
    "laughs-in-styles": "the .docx part word/styles.xml declares a DTD, which a Word file never does",
    "external-parameter-entity": "the .docx part word/document.xml declares a DTD, which a Word file never does",
    "external-dtd-in-content-types": "the .docx part [Content_Types].xml declares a DTD, which a Word file never does",
}
READ = {"joined-paragraphs", "largest-readable",  # within the limits: read, in bounded time
        "latin1-declared", "main-part-missing", "relations-to-one-part", "many-entries", "xinclude"}
SLOW = {"joined-paragraphs", "largest-readable"}


def test_every_generator_has_an_expectation():
    assert set(GENERATORS) == set(REFUSED) | READ


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_word_bomb_is_refused_in_one_line(name, tmp_path):
    hostile_run.refused(tmp_path / f"{name}.docx", GENERATORS[name](1), REFUSED[name])


@pytest.mark.parametrize("name", sorted(SLOW))
@pytest.mark.slow
def test_a_large_word_file_within_the_limits_is_read(name, tmp_path):
    _read(tmp_path / f"{name}.docx", GENERATORS[name](1))


@pytest.mark.parametrize("name", sorted(READ - SLOW))
def test_a_malformed_word_file_within_the_limits_is_read(name, tmp_path):
    _read(tmp_path / f"{name}.docx", GENERATORS[name](1))


@pytest.mark.parametrize("name", ["xinclude", "laughs-in-styles", "external-parameter-entity",
                                  "external-dtd-in-content-types"])
def test_no_entity_or_inclusion_is_resolved(name):
    try:
        source, reading = read_docx_bytes(f"{name}.docx", GENERATORS[name](1))
    except InputError as exc:
        assert "declares a DTD" in str(exc)
        return
    assert source.text == "Decides to act;" and "root:" not in reading.text.text


def test_read_what_a_malformed_archive_holds():
    assert read_docx_bytes("x.docx", GENERATORS["main-part-missing"](1))[0].text == "Decides to act;"
    assert read_docx_bytes("x.docx", GENERATORS["latin1-declared"](1))[0].text == "DÃ©cide"  # as declared
    assert read_docx_bytes("x.docx", GENERATORS["many-entries"](1))[0].text == "Decides to act;"


def _read(path, data: bytes) -> None:
    """Lint the file: read (exit status 0 or 1), with nothing on standard error (a warning, or a
    traceback, which exits with status 1 too)."""
    err, code = hostile_run._linted(path, data)
    assert code in (0, 1) and not err, err
