"""EN rules on whole documents: the seeds' real defects at their original line:column, and the
corpus, where every finding was read and judged real (the list below), and nothing else appears.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus

from unlint.engine import lint_document, load
from unlint.fixes import apply_fixes
from unlint.analysis.document import document_date
from unlint.settings import Settings
from unlint.source import Source, decode


# (file, line, column, code) of every EN finding over the seeds and the corpus, each read and
# judged a real defect (see the notes in the report); any other finding fails the test.
REAL = {
    ("000_bb6db600084c9eed.txt", 48, 68, "EN004"),  # Thirteenth Congress on Crime Prevention ...
    ("000_bb6db600084c9eed.txt", 254, 531, "EN006"),  # Conference of the Parties to the Convention (UNCAC)
    ("000_bb6db600084c9eed.txt", 288, 215, "EN001"),  # United Nations Trust Fund on Contemporary Forms of Slavery
    ("000_bb6db600084c9eed.txt", 316, 880, "EN001"),  # United Office on Drugs and Crime
    ("004_52c8993fd1604150.txt", 1600, 43, "EN001"),  # United Office on Drugs and Crime
    ("A-80-L.17.txt", 273, 17, "EN001"),  # International Tribunal on the Law of the Sea
    ("A-80-L.17.txt", 301, 69, "EN011"),  # percent
    ("A-80-L.23.txt", 1235, 69, "EN002"),  # Istanbul, Turkey (2025)
    ("A-C.1-80-L.41.txt", 94, 29, "EN011"),  # Secretary General
    ("A-RES-78-253.txt", 1499, 26, "EN010"),  # organisational
    ("A-RES-78-301.txt", 82, 14, "EN011"),  # Secretary General
    ("A-RES-79-133.txt", 99, 1, "EN001"),  # Transnational organized Crime
    ("A-RES-79-133.txt", 228, 1, "EN005"),  # Organized Crime Convention before its title
    ("A-RES-79-144.txt", 2883, 33, "EN011"),  # toward
    ("A-RES-79-287.txt", 431, 27, "EN011"),  # nongovernmental
    ("A-RES-79-287.txt", 445, 1, "EN011"),  # nongovernmental
    ("A-RES-80-109.txt", 284, 17, "EN001"),  # International Tribunal on the Law of the Sea
    ("A-RES-80-109.txt", 312, 69, "EN011"),  # percent
    ("A-RES-80-113.txt", 1256, 69, "EN002"),  # Istanbul, Turkey (2025)
    ("A-RES-80-242.txt", 80, 20, "EN001"),  # Chief Executive Board (Executives)
    ("A-RES-80-242.txt", 100, 8, "EN001"),  # Advisory Committee of Administrative ...
    ("A-RES-80-242.txt", 737, 1, "EN011"),  # Secretary General
}
# clean files read in full, with names of all kinds (sponsor lists, bodies, instruments)
CLEAN = ("A-80-L.18.txt", "A-C.1-80-L.9.txt", "A-C.3-80-L.28.txt", "A-C.3-80-L.49.txt",
         "A-C.4-80-L.14.txt", "A-RES-80-9.md", "A-RES-80-1.md", "A-RES-79-18.txt", "A-RES-80-47.txt",
         "A-RES-80-141.txt", "A-RES-80-226.txt", "A-C.3-80-L.8.txt", "A-RES-78-40.txt")


def _findings(path: Path):
    source = decode(str(path), path.read_bytes())
    doc = load(source)
    return doc, [(path.name, *source.position(d.start), d.code, d)
                 for d in lint_document(doc, Settings(select=("EN",)))]


def _path(name: str) -> Path:
    if name[0].isdigit():  # a seed, as shipped in examples/
        return Path(__file__).resolve().parent / "fixtures" / "seeds" / name
    return CORPUS / name


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=() if name[0].isdigit() else needs_corpus)
    for name in sorted({r[0] for r in REAL} | set(CLEAN))])
def test_findings_are_the_real_defects(name):
    _, found = _findings(_path(name))
    assert {f[:4] for f in found} == {r for r in REAL if r[0] == name}, [(f[:4], f[4].message) for f in found]


def test_the_seed_draft_messages_name_the_right_name():
    _, found = _findings(_path("000_bb6db600084c9eed.txt"))
    messages = {f[1]: f[4].message for f in found}
    assert "did you mean 'United Nations Office on Drugs and Crime'?" in messages[316]
    assert "write 'Conference of the States Parties'" in messages[254]


def test_the_2017_sponsor_list_is_right_in_2017_and_wrong_in_2020():
    path = _path("000_bb6db600084c9eed.txt")
    doc, found = _findings(path)
    assert document_date(doc).isoformat() == "2017-11-14"
    assert not [f for f in found if f[3] == "EN002"]
    text = path.read_text(encoding="utf-8").replace("14 November 2017", "14 November 2020", 1)
    source = Source(str(path), text)
    later = lint_document(load(source), Settings(select=("EN002",)))
    assert [(source.position(d.start), d.message) for d in later] == [(
        (22, 284), "'the former Yugoslav Republic of Macedonia' is no longer the UN name on "
        "14 November 2020 (changed on 14 February 2019): use 'North Macedonia'")]


def test_near_miss_fixes_apply_only_when_unsafe_fixes_are_asked_for():
    text = ("The General Assembly,\n\nRecalling the United Nations Convention against Corruption, and the "
            "Conference of the Parties to the Convention,\n\n1. Calls upon the United Office on Drugs and "
            "Crime to continue.\n")
    source = Source("case.txt", text)
    found = lint_document(load(source, "text"), Settings(select=("EN",)))
    assert sorted(d.code for d in found) == ["EN001", "EN006"]
    assert apply_fixes(text, found) == (text, 0)
    fixed, count = apply_fixes(text, found, unsafe=True)
    assert count == 2
    assert "Conference of the States Parties to the Convention" in fixed
    assert "United Nations Office on Drugs and Crime to continue" in fixed


def test_dates_from_front_matter_and_from_the_adoption_line():
    md = "---\ndate: '2025-11-26'\n---\n\n# General Assembly\n\n*The General Assembly,*\n\n1. Decides.\n"
    assert document_date(load(Source("a.md", md), "markdown")).isoformat() == "2025-11-26"
    text = ("General Assembly\nResolution adopted by the General Assembly on 19 September 2025\n\n"
            "The General Assembly,\n\n1. Decides.\n")
    assert document_date(load(Source("a.txt", text), "text")).isoformat() == "2025-09-19"


@pytest.mark.parametrize("written, near", [
    ("United Nations Office on Drugs and Crime", False),
    ("Untied Nations Office on Drugs and Crime", True),  # two letters swapped: one edit
    ("United Nations Ofifce on Drugs and Crime", True),
    ("United Nations Office on Drgs and Crime", True),  # a letter dropped
    ("United Nations Office on Dgurs and Crime", False),  # two edits in a word of five letters
    ("United Nations Office on Drugs and Crimes", False),  # a plural
])
def test_a_typo_in_a_name_is_one_edit_of_a_word(written, near):
    """A word of a name mistyped by one edit (optimal string alignment: a swap of two letters
    counts one), or two in a word of six letters or more, first letter kept, is a near miss."""
    text = f"The General Assembly,\n\n1. Requests the {written} to report;\n"
    found = lint_document(load(Source("case.txt", text), "text"), Settings(select=("EN001",)))
    assert [d.message.split("'")[1] for d in found] == ([written] if near else [])
