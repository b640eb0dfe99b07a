"""The grammar and the document model: header fields, organ line, paragraph kinds, notes."""

from pathlib import Path

import pytest

from unlint.engine import load
from unlint.source import Source, decode

EXAMPLES = Path(__file__).parents[1] / "examples"


def _doc(name):
    path = EXAMPLES / name
    source = decode(str(path), path.read_bytes())
    return source, load(source)


def _text(field):
    return field.text if field else None


def test_markdown_draft_header_and_structure():
    source, doc = _doc("draft-crime-prevention-2017.md")
    h = doc.header
    assert (_text(h.date), _text(h.session), _text(h.committee), _text(h.agenda)) == (
        "14 November 2017", "Seventy-second session", "Third Committee", "Agenda item 107")
    assert _text(h.sponsors).startswith("Albania, Argentina") and _text(h.sponsors).endswith("draft resolution")
    assert _text(h.title).startswith("Strengthening the United Nations crime prevention")
    assert doc.organ.text == "The General Assembly,"
    assert [p.number for p in doc.operative] == [str(n) for n in range(1, 58)]
    assert len(doc.preambular) == 62
    assert [n.label for n in doc.notes] == [str(n) for n in range(1, 31)]
    # the organ line is at its original place: line 26, after the markup "*"
    assert source.position(doc.span(doc.organ.start, doc.organ.start + 3).start) == (26, 2)


def test_pdf_text_resolution_structure():
    source, doc = _doc("resolution-73-186-pdf-extract.txt")
    assert doc.format == "pdf-text"
    assert doc.header.number == "73/186"
    assert [p.number for p in doc.operative] == [str(n) for n in range(1, 64)]
    assert [n.label for n in doc.notes] == [str(n) for n in range(1, 36)]
    first = doc.operative[0]
    assert source.position(doc.span(first.start, first.start + 1).start) == (
        source.text[: source.text.index(" 1. Takes note")].count("\n") + 1, 2)


def test_clean_typed_example():
    _, doc = _doc("clean-resolution.txt")
    assert doc.format == "text" and doc.organ.text == "The General Assembly,"
    assert doc.problems == ()


def _parse(text):
    return load(Source("case.txt", text), "text")


def test_decision_is_one_paragraph_after_the_organ():
    doc = _parse("A/C.1/80/L.39\n\nThe General Assembly, recalling its resolution 78/28, decides to "
                 "include the item in the provisional agenda of its eighty-first session.\n")
    assert doc.organ.text == "The General Assembly,"
    assert [(p.kind, p.text[:9]) for p in doc.paragraphs] == [("text", "recalling")]


def test_single_paragraph_resolution_and_embedded_document():
    doc = _parse("The General Assembly\n\nAdopts the following outcome document:\n\n"
                 "Outcome document of the high-level meeting\n\n"
                 "We, the Ministers, assembled in New York,\n\n1. We reaffirm our commitment.\n")
    kinds = [(p.kind, p.part) for p in doc.paragraphs]
    assert kinds == [("text", "body"), ("heading", "body"), ("preambular", "annex"),
                     ("operative", "annex")]
    assert doc.operative == ()


def test_subparagraphs_nest_letters_and_roman_numerals():
    doc = _parse("The General Assembly,\n\n1. Decides:\n\n(a) To act;\n\n(i) First;\n\n(ii) Second;\n\n"
                 "(h) Eighth;\n\n(i) Ninth.\n")
    subs = [(p.number, doc.paragraphs[p.parent].number) for p in doc.paragraphs if p.kind == "sub"]
    assert subs == [("a", "1"), ("i", "a"), ("ii", "a"), ("h", "1"), ("i", "1")]


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "[^1]: a note alone\n", "(a) x\n" * 3])
def test_odd_inputs_parse(text):
    doc = _parse(text)
    assert isinstance(doc.paragraphs, tuple)


def test_closing_line_and_its_date_end_the_body():
    doc = _parse("The General Assembly,\n\n1. Decides to act.\n\n52nd plenary meeting\n1 December 2025\n")
    assert [p.kind for p in doc.paragraphs] == ["operative"]
