"""The PDF-text reader (unlint.readers.pdftext) and the bare-reference finder (barerefs).

Inputs: seed 004 (shared/seeds/004_*.txt, double-spaced pdftotext style) and the PyMuPDF
corpus (shared/corpus/*.txt, flowed style); the tests skip when those folders are missing.
Positions are checked in the ORIGINAL file (1-based line and column).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from corpus import CORPUS, corpus_files, needs_corpus

from unlint.engine import lint_document
from unlint.engine import load as load_document
from unlint.readers import Reading, detect_format
from unlint.readers.barerefs import BareRefScanner, find_bare_refs, remove_refs
from unlint.readers.pdftext import read_pdf_text
from unlint.settings import Settings
from unlint.source import Source, decode

SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "004_52c8993fd1604150.txt"  # the seeds, as shipped in examples/
CORPUS_TXT = corpus_files("*.txt")


NOTE_LINE = re.compile(r"^\[\^([^\]]+)\]: ", re.M)
OPERATIVE = re.compile(r"^\d+\. ", re.M)
# a canonical line that is nothing but page furniture
FURNITURE_LINE = re.compile(
    r"\s*(?:https?://\S+|\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?|\*\d{7}\*|\d{1,3}/\d{1,3}"
    r"|\d{1,3}/\d{1,3}\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d{1,3}/\d{1,3}|_{5,})\s*"
)

# Notes that no bare reference in the body points to. Each is a real defect of the extracted
# text, not of the reader: the reference is glued to a document symbol, a decimal or another
# number, so the digits cannot be told from the text.
UNREFERENCED = {
    "A-80-L.17.txt": {"11", "15"},  # "resolution 5/1411", "decision VII/1115"
    "A-RES-80-109.txt": {"11", "15"},  # the same text as A/80/L.17
    "A-C.3-80-L.8.txt": {"24"},  # "model strategy 10.24 Furthermore"
    "A-RES-80-226.txt": {"24"},  # the same text as A/C.3/80/L.8
    "A-RES-78-136.txt": {"6"},  # "Implementation of Agenda 216"
    "A-RES-78-253.txt": {"39", "40"},  # "54/2639 and 54/3340"
    "A-RES-79-116.txt": {"9"},  # "resolution 59/3009"
    "A-RES-79-313.txt": {"4"},  # "resolutions 5/1 3 and 5/64" (5/6 + 4)
    "A-RES-80-222.txt": {"7"},  # "resolution 55/197"
    "A-RES-80-242.txt": {"41", "42"},  # "paragraphs VIII.7441 and VIII.9642"
}


@lru_cache(maxsize=None)
def load(path: Path) -> tuple[Source, Reading]:
    source = decode(str(path), path.read_bytes())
    return source, read_pdf_text(source)


def lines(reading: Reading) -> list[str]:
    return reading.text.text.split("\n")


def body(reading: Reading) -> list[str]:
    return [line for line in lines(reading) if not line.startswith("[^")]


def labels(reading: Reading) -> list[str]:
    return NOTE_LINE.findall(reading.text.text)


def ref_at(source: Source, reading: Reading, label: str, line: int) -> tuple[int, int, str]:
    """The reference with this label on this original line: (line, column, text before it)."""
    for ref in reading.refs:
        if ref.label == label and source.position(ref.start)[0] == line:
            before = reading.text.text[max(0, ref.pos - 40) : ref.pos]
            return (*source.position(ref.start), before)
    raise AssertionError(f"no reference {label} on line {line}")


# ---- barerefs ----------------------------------------------------------------------------------

LABELS = {str(n) for n in range(1, 40)} | {"*"}


@pytest.mark.parametrize(
    ("text", "expected", "clean", "found"),
    [
        (
            "the Protocols thereto, 1 the Single Convention",
            1,
            "the Protocols thereto, the Single Convention",
            ["1"],
        ),
        (
            "Convention against Corruption5 and all",
            5,
            "Convention against Corruption and all",
            ["5"],
        ),
        (
            "Sustainable Development 11  and that the",
            11,
            "Sustainable Development and that the",
            ["11"],
        ),
        ("the 2030 Agenda,31 and the", 31, "the 2030 Agenda, and the", ["31"]),
        ("Organized Crime;25", 25, "Organized Crime;", ["25"]),
        (
            "held in Vienna from 6 to 10 November 2017,10",
            10,
            "held in Vienna from 6 to 10 November 2017,",
            ["10"],
        ),
        (
            "Political Rights, 1 the International Covenant",
            1,
            "Political Rights, the International Covenant",
            ["1"],
        ),
        (
            "for the Decade 2014–20243 and provides",
            3,
            "for the Decade 2014–2024 and provides",
            ["3"],
        ),
        ("in a single conflict,10,11 and", 10, "in a single conflict, and", ["10", "11"]),
        (
            "Bolivia (Plurinational State of):* draft resolution",
            1,
            "Bolivia (Plurinational State of): draft resolution",
            ["*"],
        ),
        ("Hate Speech, 11 16 May as the", 11, "Hate Speech, 16 May as the", ["11"]),
        (
            "all previous resolutions 3on the follow-up",
            3,
            "all previous resolutions on the follow-up",
            ["3"],
        ),
        # numbers that are text
        ("its resolution 70/1 of 25 September 2015", 1, None, []),
        ("urging the Group of 20 to continue", 20, None, []),
        ("in accordance with paragraph 5 of", 5, None, []),
        ("has reached 189 States parties", 18, None, []),
        ("after the Convention 30 years ago", 30, None, []),
        ("a rise in the Programme 5 per cent", 5, None, []),
        ("Treaty Series, vol. 22, No. 39574.", 22, None, []),
        ("the 2030 Agenda for Sustainable Development", 1, None, []),
        ("adopted on 17 December 2018 by", 17, None, []),
        ("see A/72/125, annex", 12, None, []),
        ("as set out in chapter 3 of the", 3, None, []),
        ("Sustainable Development Goal 14 to conserve", 14, None, []),
        ("5. Reaffirms that the Convention", 5, None, []),
        ("paragraphs 1, 2 and 3 of the annex", 2, None, []),
        ("on 7 and 8 July 2017", 7, None, []),
        ("an amount of 1,622 dollars", 1, None, []),
        ("under target 16.2 of the", 16, None, []),
        ("the COVID-19 pandemic", 19, None, []),
        ("at the COP28 conference", 28, None, []),
    ],
)
def test_find_bare_refs(text, expected, clean, found):
    refs = find_bare_refs(text, LABELS, expected)
    assert [r.label for r in refs] == found
    assert remove_refs(text, refs) == (text if clean is None else clean)
    for r in refs:
        assert text[r.start : r.end] == r.label
        assert r.at <= r.cut_start <= r.start < r.end <= r.cut_end or r.form == "year-split"


def test_bare_refs_need_a_defined_label_and_the_order():
    assert find_bare_refs("the Protocols thereto, 1 the", {"2"}) == []
    scanner = BareRefScanner({"1", "2", "3"})
    # the weak form (after a word and a space) is taken only for the next expected label
    assert scanner.scan("the Geneva Conventions 3 and") == []
    assert [r.label for r in scanner.scan("the Charter, 1 the Covenant 2 and")] == ["1", "2"]
    assert scanner.expected == 3
    # a repeated reference is taken in a strong form, and in the weak form after a word (a
    # re-used note typed with the wrong number must still be read: FN008 checks it), but not
    # after a word that takes a number
    assert [r.label for r in scanner.scan("the Charter,1 and the Covenant 2 and")] == ["1", "2"]
    assert [r.label for r in scanner.scan("as set out in paragraph 2 and annex 1 and")] == []


# ---- seed 004: double-spaced pdftotext --------------------------------------------------------


def test_seed_is_pdf_text():
    source, reading = load(SEED)
    assert detect_format(str(SEED), source.text) == "pdf-text"
    assert reading.format == "pdf-text"
    assert reading.meta["extraction"] == "double-spaced"
    assert reading.problems == ()


def test_seed_structure():
    _, reading = load(SEED)
    text = body(reading)
    assert text[0] == (
        "73/186. Strengthening the United Nations crime prevention and criminal justice "
        "programme, in particular its technical cooperation capacity"
    )
    assert text[1] == "The General Assembly,"
    ops = OPERATIVE.findall("\n".join(text))
    assert len(ops) == 63
    assert [int(o[:-2]) for o in ops] == list(range(1, 64))
    assert labels(reading) == [str(n) for n in range(1, 36)]
    assert len(reading.refs) == 45
    assert {r.label for r in reading.refs} == set(labels(reading))


def test_seed_reference_positions():
    source, reading = load(SEED)
    line, col, before = ref_at(source, reading, "1", 24)
    assert (line, col) == (24, 58) and before.endswith("Crime and the Protocols thereto,")
    line, col, before = ref_at(source, reading, "5", 32)
    assert (line, col) == (32, 30) and before.endswith("Nations Convention against Corruption")
    assert ref_at(source, reading, "25", 1050)[:2] == (1050, 58)
    assert ref_at(source, reading, "30", 943)[2].endswith("of 19 December 2016, 72/1 and 72/196;")
    assert source.line_text(24)[57] == "1"
    assert source.line_text(32)[29] == "5"
    for ref in reading.refs:  # every reference spans its digits in the original
        assert source.text[ref.start : ref.end] == ref.label


def test_seed_references_removed_cleanly():
    _, reading = load(SEED)
    text = reading.text.text
    assert "the Protocols thereto, the Single Convention on Narcotic Drugs" in text
    assert "the United Nations Convention against Corruption and all the international" in text
    assert "Psychotropic Substances of 1971, the United Nations Convention" in text
    assert "Criminal Justice,\n" in text  # "Criminal Justice, 6" at the end of a paragraph


def test_seed_no_furniture():
    _, reading = load(SEED)
    text = "\n".join(body(reading))
    assert "18-22282" not in text
    assert "undocs.org" not in text
    assert "A/RES/73/186" not in text
    assert "justice programme, in particular its technical cooperation capacity A/RES" not in text
    assert "____" not in reading.text.text


def test_seed_paragraph_across_page_and_footnotes():
    """The paragraph runs on after its page's footnote block (notes 11, 12) and a link line."""
    _, reading = load(SEED)
    para = next(line for line in body(reading) if line.startswith("Reaffirming the commitments"))
    assert (
        "adopted on 8 September 2006, and its successive biennial reviews" in para
    )  # "2006, 12  and" lost its reference
    assert "highlighting in this respect the work of the Office of Counter-Terrorism, " in para
    assert para.endswith("the United Nations Global Counter-Terrorism Strategy,")
    # and one that runs on after a running header ("with Respect to ... Offences 21")
    assert any(
        "Criminal Justice Responses with Respect to Trafficking in Cultural Property and "
        "Other Related Offences through the Commission" in line
        for line in body(reading)
    )


def test_seed_notes_and_mapping():
    source, reading = load(SEED)
    notes = [line for line in lines(reading) if line.startswith("[^")]
    assert notes[7] == (
        "[^8]: See Official Records of the Economic and Social Council, 2016, Supplement No.  10 "
        "(E/2016/30), chap. I, sect. D."
    )
    # the label is copied from the original; "[^" and "]: " are synthetic
    text = reading.text.text
    k = text.index("[^19]: ")
    assert source.text[reading.text.to_original(k + 2) :].startswith("19 See Eighth")
    assert not reading.text.is_verbatim(k, k + 2)
    # a joined line: the synthetic space maps to the original line break
    j = text.index("criminal justice programme, in particular")
    space = j + len("criminal")
    assert source.position(reading.text.to_original(space)) == (1, 74)  # the "\n" of line 1
    assert source.text[reading.text.to_original(space)] == "\n"
    assert not reading.text.is_verbatim(space, space + 1)


def test_seed_hyphen_at_line_end_is_joined_without_space():
    _, reading = load(SEED)
    # line 467 ends "money-", line 469 starts "laundering, economic"
    assert "committed at sea, illicit financial flows, money-laundering, economic and" in (
        reading.text.text
    )
    assert "money- laundering" not in reading.text.text


# ---- the corpus: flowed PyMuPDF text ----------------------------------------------------------


@needs_corpus
def test_draft_with_operative_numbers_alone_and_sponsors_note():
    source, reading = load(CORPUS / "A-80-L.11.txt")
    assert reading.meta["extraction"] == "flowed"
    assert body(reading)[:13] == [
        "United Nations",
        "A/80/L.11",
        "General Assembly",
        "Distr.: Limited",
        "6 November 2025",
        "Original: English",
        "Eightieth session",
        "Agenda item 13",
        "Integrated and coordinated implementation of and follow-up to the outcomes of the "
        "major United Nations conferences and summits in the economic, social and related fields",
        "Bolivia (Plurinational State of): draft resolution",
        "International Day of the World’s Indigenous Women and Girls",
        "The General Assembly,",
        "Reaffirming the purposes and principles of the Charter of the United Nations,",
    ]
    assert OPERATIVE.findall(reading.text.text) == ["1. ", "2. ", "3. "]
    assert (
        "\n1. Decides to proclaim 5 September of each year as the International Day of the "
        "World’s Indigenous Women and Girls;\n" in reading.text.text
    )
    assert labels(reading) == ["*"] + [str(n) for n in range(1, 14)]
    assert ref_at(source, reading, "*", 24)[:2] == (24, 34)
    assert ref_at(source, reading, "11", 48)[:2] == (48, 57)
    assert "Reaffirming the 2030 Agenda for Sustainable Development and that the" in (
        reading.text.text
    )
    assert "[^*]: Any changes to the list of sponsors will be reflected in the official record" in (
        reading.text.text
    )
    # a note wrapped over two lines is one line
    assert (
        "[^8]: Report of the Fourth World Conference on Women, Beijing, 4–15 September 1995 "
        "(United Nations publication, Sales No. E.96.IV.13), chap. I, resolution 1, annexes I "
        "and II.\n" in reading.text.text
    )
    # the page header of page 2 ("A/80/L.11", "25-17953", "2/3") is gone, the paragraph goes on
    assert body(reading).count("A/80/L.11") == 1
    assert "2/3" not in reading.text.text and "25-17953" not in reading.text.text


@needs_corpus
def test_resolution_header_and_closing():
    _, reading = load(CORPUS / "A-RES-78-104.txt")
    text = body(reading)
    assert text[7:11] == [
        "Report of the United Nations Commission on International Trade Law on the work of its "
        "fifty-sixth session",
        "Resolution adopted by the General Assembly on 7 December 2023",
        "[on the report of the Sixth Committee (A/78/433, para. 13)]",
        "78/104. Model Provisions on Mediation for International Investment Disputes and "
        "Guidelines on Mediation for International Investment Disputes of the United Nations "
        "Commission on International Trade Law",
    ]
    assert text[-2:] == ["45th plenary meeting", "7 December 2023"]
    # "Noting that the preparation ... Mediation for International" + page 2 header + the rest
    assert any(
        line.startswith("Noting that the preparation of the Model Provisions")
        and "for International Investment Disputes of the United Nations Commission on "
        "International Trade Law benefited from consultations" in line
        for line in text
    )


@needs_corpus
def test_two_star_notes_and_annex():
    _, reading = load(CORPUS / "A-80-L.23.txt")
    assert "Iraq: draft resolution" in body(reading)
    assert labels(reading)[:2] == ["*", "**"]
    _, reading = load(CORPUS / "A-RES-80-3.txt")
    text = body(reading)
    i = text.index("Annex")
    assert text[i - 2 : i + 3] == [
        "18th plenary meeting",
        "14 October 2025",
        "Annex",
        "Awaza Political Declaration",
        text[i + 2],
    ]
    assert text[i + 2].startswith("1. We, the Heads of State and Government")
    assert any(line.startswith("13. We") for line in text)  # after a heading line
    assert any(line.startswith("14. We reaffirm our commitment") for line in text)


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_TXT, ids=lambda p: p.name)
def test_corpus_file(path: Path):
    source, reading = load(path)
    assert detect_format(str(path), source.text) == "pdf-text"
    defined = labels(reading)
    referenced = {r.label for r in reading.refs}
    assert referenced <= set(defined)
    assert set(defined) - referenced == UNREFERENCED.get(path.name, set())
    canonical = lines(reading)
    assert not [line for line in canonical if FURNITURE_LINE.fullmatch(line)]
    assert not [line for line in canonical if not line.strip()]  # no empty blocks
    for ref in reading.refs:
        assert source.text[ref.start : ref.end] == ref.label


@needs_corpus
def test_corpus_loses_no_text():
    """Every original character is copied once, or is furniture, a reference or a space.

    Furniture lines: rules, job numbers, barcodes, links, page numbers, and the page header
    block (symbol, running title, job number, page) that follows each page break (an empty
    line)."""
    for path in CORPUS_TXT:
        source, reading = load(path)
        text, mapped = source.text, reading.text
        covered = bytearray(len(text))
        bounds = list(mapped.seg_starts[1:]) + [len(mapped.text)]
        for start, origin, copied, end in zip(
            mapped.seg_starts, mapped.seg_origins, mapped.seg_copied, bounds
        ):
            if copied:
                assert not any(covered[origin : origin + end - start]), path.name
                covered[origin : origin + end - start] = b"\x01" * (end - start)
        for ref in reading.refs:
            covered[ref.start : ref.end] = b"\x01" * (ref.end - ref.start)
        pos = 0
        last_break = -100
        for number, line in enumerate(text.split("\n")):
            if line == "":
                last_break = number
            lost = [
                k for k in range(pos, pos + len(line)) if not covered[k] and not text[k].isspace()
            ]
            if lost and number - last_break > 9 and not FURNITURE_LINE.fullmatch(line):
                assert "".join(text[k] for k in lost) == ",", (path.name, number + 1, line)
            pos += len(line) + 1


def test_small_inputs():
    for text in ("", "\n\n", "Hello", "a\fb\n\f\nc"):
        reading = read_pdf_text(Source("x.txt", text))
        assert reading.refs == ()
    reading = read_pdf_text(
        Source("x.txt", " The General Assembly,\r\n\r\n Recalling its resolution 70/1,\r\n")
    )
    assert reading.text.text == "The General Assembly,\nRecalling its resolution 70/1,"


def test_programme_of_work_items_stand_alone():
    """A/C.3/80/L.60: "Item 2." on its own line starts a block, so the item's title is not
    joined to the sub-paragraph before it and the (a), (b) of the next item restart."""
    text = ("The General Assembly approves the draft programme of work.\n"
            "Item 1. \nSocial development: \n(a) \nImplementation of the outcome; \n(b) \n"
            "Literacy for life. \nItem 2. \nCrime prevention and criminal justice. \n"
            "Item 3. \nAdvancement of women: \n(a) \nPromotion of the rights of women. \n")
    source = Source("x.txt", text)
    reading = read_pdf_text(source)
    assert lines(reading)[4:7] == ["(b) Literacy for life.", "Item 2.", "Crime prevention and criminal justice."]
    assert lint_document(load_document(source, "pdf-text"), Settings(select=("ST", "UL"))) == []


def test_first_page_header_and_number_words_from_the_tables():
    """Header items (symbol series, organs, Main Committees, dates: rules/marks.yaml and
    rules/months.yaml) stand alone; a number after "paragraph" at a line end is text."""
    text = ("United Nations\nA/C.3/80/L.60\nGeneral Assembly\nDistr.: Limited\n4 November 2025\n"
            "Original: English\nEightieth session\nThird Committee\nAgenda item 25\n"
            "Social development\n \nThe General Assembly,\n \n"
            "Recalling its resolution 70/1 of 25 September 2015,1\n \n"
            "1. Decides to remain seized of the matter in accordance with paragraph\n"
            "5. of its resolution 70/1.\n \n__________\n1 See resolution 70/1.\n")
    source = Source("x.txt", text)
    reading = read_pdf_text(source)
    assert lines(reading) == text.split("\n")[:10] + [
        "The General Assembly,",
        "Recalling its resolution 70/1 of 25 September 2015,",
        "1. Decides to remain seized of the matter in accordance with paragraph 5. of its resolution 70/1.",
        "[^1]: See resolution 70/1.",
    ]
    assert [(ref.label, text[ref.start : ref.end]) for ref in reading.refs] == [("1", "1")]


def test_bare_reference_words_from_the_table():
    from unlint.readers import marks

    assert {"paragraph", "resolution", "of"} <= set(marks.words("bare_references", "takes_number"))
    assert "states" in marks.words("bare_references", "units")
    # "paragraph 5" and "5 States" are text; "Agenda, 5 the" a reference
    assert find_bare_refs("see paragraph 5 and", {"5"}) == []
    assert find_bare_refs("Assembly, 5 States agreed", {"5"}) == []
    assert [r.label for r in find_bare_refs("the Agenda, 5 the", {"5"})] == ["5"]
