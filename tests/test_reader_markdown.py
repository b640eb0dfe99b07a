"""The Markdown and plain-text readers: canonical text, mapping, references, italics, notes.

Inputs: the Markdown seed (shared/seeds/000_*.txt), the Markdown corpus files
(shared/corpus/*.md, skipped when missing) and examples/clean-resolution.txt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from corpus import corpus_file, corpus_files, needs_corpus

from unlint.readers import detect_format, read
from unlint.readers.markdown import read_markdown
from unlint.readers.plain import read_plain
from unlint.source import Source, decode

ROOT = Path(__file__).parents[1]
SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "000_bb6db600084c9eed.txt"  # the seeds, as shipped in examples/
CORPUS_MD = corpus_files("*.md")
EXAMPLE = ROOT / "examples" / "clean-resolution.txt"

try:
    import unlint.readers.barerefs  # noqa: F401

    HAVE_BAREREFS = True
except ImportError:
    HAVE_BAREREFS = False

needs_barerefs = pytest.mark.skipif(not HAVE_BAREREFS, reason="unlint.readers.barerefs missing")

NOTE_LINE = re.compile(r"^\[\^([^\]]+)\]: ", re.M)
SYNTHETIC = {" ", "\n", "[^", "]: "}


@lru_cache(maxsize=None)
def load(path: Path):
    source = decode(str(path), path.read_bytes())
    return source, read(source)


def md(text: str):
    source = Source("t.md", text)
    return source, read_markdown(source)


def plain(text: str):
    source = Source("t.txt", text)
    return source, read_plain(source)


def lines(reading) -> list[str]:
    return reading.text.text.split("\n")


def italic_texts(reading) -> list[str]:
    return [reading.text.text[a:b] for a, b in reading.italics]


def body_end(reading) -> int:
    m = NOTE_LINE.search(reading.text.text)
    return m.start() if m else len(reading.text.text)


def assert_maps_back(source: Source, reading) -> None:
    """Copied segments are the original's characters; the rest is a join, a newline or [^ ]: ."""
    mt = reading.text
    n = len(mt.seg_starts)
    for k in range(n):
        a = mt.seg_starts[k]
        b = mt.seg_starts[k + 1] if k + 1 < n else len(mt.text)
        piece = mt.text[a:b]
        if mt.seg_copied[k]:
            o = mt.seg_origins[k]
            assert source.text[o : o + len(piece)] == piece
        else:
            assert piece in SYNTHETIC or len(piece) == 1, repr(piece)


# ---------------------------------------------------------------------------------------------
# format detection


def test_detect_format_seed_is_markdown():
    assert detect_format(SEED.name, SEED.read_text(encoding="utf-8")) == "markdown"
    assert load(SEED)[1].format == "markdown"


@needs_corpus
def test_detect_format_corpus_md_is_markdown():
    for path in CORPUS_MD:
        assert detect_format(path.name, path.read_text(encoding="utf-8")) == "markdown"


def test_detect_format_plain_example_is_text():
    assert detect_format(EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8")) == "text"


# ---------------------------------------------------------------------------------------------
# the Markdown seed


def test_seed_operative_paragraphs():
    _, reading = load(SEED)
    numbers = re.findall(r"^(\d+)\. ", reading.text.text, re.M)
    assert len(numbers) == 57
    assert numbers == [str(i) for i in range(1, 58)]


def test_seed_header_and_title_lines():
    _, reading = load(SEED)
    got = lines(reading)
    assert got[:8] == [
        "General Assembly",
        "Distr.: Limited",  # a Markdown hard break ("Limited  ") ends the line
        "14 November 2017",
        "Original: English",
        "Seventy-second session",
        "Third Committee",
        "Agenda item 107",
        "Crime prevention and criminal justice",
    ]
    assert got[8].startswith("Albania, Argentina,") and got[8].endswith(": draft resolution")
    assert got[9].startswith("Strengthening the United Nations crime prevention")
    assert got[10] == "The General Assembly,"
    assert got[11].startswith("Reaffirming its resolutions 46/152")


def test_seed_notes_and_references():
    source, reading = load(SEED)
    text = reading.text.text
    labels = NOTE_LINE.findall(text)
    assert labels == [str(i) for i in range(1, 31)]
    assert {ref.label for ref in reading.refs} == set(labels)
    assert len(reading.refs) == 38  # every <sup>N</sup> in the body
    end = body_end(reading)
    for ref in reading.refs:
        assert source.text[ref.start : ref.end] == f"<sup>{ref.label}</sup>"
        assert 0 < ref.pos <= end
        assert text[ref.pos - 1] not in " \n"  # attached just after a word or punctuation


def test_seed_reference_positions():
    source, reading = load(SEED)
    text = reading.text.text
    first = reading.refs[0]
    assert first.label == "1"
    assert source.position(first.start) == (30, 292)
    assert source.text[first.start - 18 : first.start] == "Protocols thereto,"
    assert text[: first.pos].endswith("the Protocols thereto,")
    assert text[first.pos :].startswith(" the Single Convention")  # "thereto,<sup>1</sup> the"
    five = next(r for r in reading.refs if r.label == "5")
    assert text[five.pos - 10 : five.pos + 4] == "Corruption and"
    six = next(r for r in reading.refs if r.label == "6")
    assert source.position(six.start) == (48, 129)
    assert text[: six.pos].endswith("Crime Prevention and Criminal Justice,")
    assert text[six.pos] == "\n"  # at the end of its paragraph


def test_seed_page_break_paragraph_is_joined():
    source, reading = load(SEED)
    text = reading.text.text
    i = text.index("at the National and International Levels")
    line = text[text.rindex("\n", 0, i) + 1 : text.index("\n", i)]
    assert line.startswith("Recalling the importance of the Doha Declaration")
    assert line.endswith("Criminal Justice,")
    # the join is one synthetic space at the original break, after "National" on line 32
    space = i + len("at the National")
    assert text[space] == " "
    assert not reading.text.is_verbatim(space, space + 1)
    assert source.position(reading.text.to_original(space)) == (32, 230)  # end of line 32
    # the other continuations
    assert "the extension of the mandate of the standing open-ended" in text
    assert "in particular to countries of origin, in accordance" in text
    assert "through the Global Programme against Money-Laundering" in text
    assert "crime prevention should be considered an integral element" in text


def test_seed_italics():
    _, reading = load(SEED)
    texts = italic_texts(reading)
    assert "Reaffirming also" in texts
    assert "Takes note with appreciation" in texts
    assert "Treaty Series" in texts
    assert "The General Assembly," in texts
    text = reading.text.text
    a, b = reading.italics[texts.index("Reaffirming also")]
    assert text[a - 1] == "\n" and text[b] == " "


def test_seed_no_markup_left():
    source, reading = load(SEED)
    text = reading.text.text
    for mark in ("<sup>", "</sup>", "**", "*"):
        assert mark not in text
    for line in lines(reading):
        assert line and not line.startswith("#") and line != "---"
        assert line == line.strip()
    assert_maps_back(source, reading)


def test_seed_note_lines_copy_the_original_number():
    source, reading = load(SEED)
    text = reading.text.text
    i = text.index("[^1]: United Nations, Treaty Series, vols. 2225")
    assert source.position(reading.text.to_original(i + 2)) == (36, 6)  # "1" in <sup>1</sup>
    assert reading.text.is_verbatim(i + 2, i + 3)
    assert not reading.text.is_verbatim(i, i + 2)
    assert "Treaty Series" in italic_texts(reading)
    assert text.endswith("[^30]: United Nations, Treaty Series, vol. 2241, No. 39574.")


# ---------------------------------------------------------------------------------------------
# the Markdown corpus


corpus = corpus_file


@needs_corpus
def test_corpus_front_matter_is_meta():
    _, reading = load(corpus("A-RES-80-1.md"))
    assert reading.meta["symbol"] == "A/RES/80/1"
    assert reading.meta["date"] == "2025-09-19"
    assert reading.meta["title"].startswith("Participation by the State of Palestine")
    assert lines(reading)[0] == "United Nations"
    assert "symbol:" not in reading.text.text


@needs_corpus
def test_corpus_footnote_markup_and_merged_header_lines():
    source, reading = load(corpus("A-RES-80-1.md"))
    got = lines(reading)
    assert "General Assembly Distr.: General" in got  # merged by the converter: kept as is
    assert got[got.index("The General Assembly,") - 1].startswith("80/1. Participation")
    assert got[-1] == "[^1]: See resolution 169 (II)."
    (ref,) = reading.refs
    assert ref.label == "1"
    assert source.text[ref.start : ref.end] == "[^1]"
    assert source.position(ref.start)[0] == 26
    assert reading.text.text[: ref.pos].endswith("regarding the Headquarters of the United Nations")
    assert reading.text.text[ref.pos : ref.pos + 4] == " are"


@needs_corpus
def test_corpus_running_headers_are_dropped():
    _, reading = load(corpus("A-RES-80-1.md"))
    text = reading.text.text
    assert text.count("Participation by the State of Palestine during the eightieth session") == 1
    assert "during the general debate of the Assembly at its eightieth session after" in text
    _, reading = load(corpus("A-RES-80-4.md"))
    text = reading.text.text
    assert text.count("\nNecessity of ending the economic, commercial and financial") == 0
    assert "51/17 of 12 November 1996, 52/10 of 5 November 1997" in text


@needs_corpus
def test_corpus_wrapped_note_line_is_joined():
    _, reading = load(corpus("A-RES-80-10.md"))
    labels = NOTE_LINE.findall(reading.text.text)
    assert labels == [str(i) for i in range(1, 14)]
    assert "Cairo, 5–13 September 1994 (United Nations publication, Sales No. E.95.XIII.18)" in (
        reading.text.text
    )
    assert any("'1994'" in message for message, _, _ in reading.problems)


@needs_corpus
def test_corpus_annex_heading_is_split():
    _, reading = load(corpus("A-RES-80-9.md"))
    got = lines(reading)
    i = got.index("Annex")
    assert got[i + 1].startswith("2025 Political Declaration")
    assert got[i + 2].startswith("1. We, the States Members")


@needs_corpus
@needs_barerefs
def test_corpus_bare_references():
    source, reading = load(corpus("A-RES-80-10.md"))
    text = reading.text.text
    assert "Civil and Political Rights, the International Covenant on Economic" in text
    assert "against Women, the Beijing" not in text  # no reference invented there
    by_label = {}
    for ref in reading.refs:
        by_label.setdefault(ref.label, ref)
    one = by_label["1"]
    assert source.text[one.start : one.end] == "1"
    assert text[: one.pos].endswith("Civil and Political Rights,")
    five = by_label["5"]
    assert source.text[five.start - 6 : five.end] == "Women,5"
    assert text[: five.pos].endswith("Discrimination against Women,")
    twelve = by_label["12"]
    assert source.text[twelve.start : twelve.end] == "[^12]"
    assert sorted(by_label, key=int) == [str(i) for i in range(1, 14)]
    # a reference glued to a year: "Destruction of 19721 and"
    source, reading = load(corpus("A-RES-80-24.md"))
    text = reading.text.text
    assert "on Their Destruction of 1972 and the Convention" in text
    one = next(ref for ref in reading.refs if ref.label == "1")
    assert source.text[one.start - 4 : one.end + 4] == "19721 and"
    assert text[: one.pos].endswith("Destruction of 1972")


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_MD, ids=lambda p: p.name)
def test_corpus_reads(path):
    source, reading = load(path)
    assert reading.format == "markdown"
    assert reading.meta.get("symbol")
    text = reading.text.text
    assert "<sup>" not in text and "**" not in text
    assert not re.search(r"^#|\[\^[^\]\n]+\](?!: )", text, re.M)
    assert re.search(r"^\d+\. ", text, re.M)
    assert_maps_back(source, reading)
    labels = NOTE_LINE.findall(text)
    assert labels and len(labels) == len(set(labels))
    end = body_end(reading)
    for ref in reading.refs:
        assert ref.label in labels and 0 < ref.pos <= end
    if HAVE_BAREREFS:  # every note is referenced, most of them by a bare number
        assert set(labels) == {ref.label for ref in reading.refs}


# ---------------------------------------------------------------------------------------------
# the plain-text reader


def test_plain_example():
    source, reading = load(EXAMPLE)
    assert reading.format == "text"
    got = lines(reading)
    assert got[:8] == [
        "General Assembly",
        "Distr.: General",
        "4 November 2024",
        "Seventy-ninth session",
        "Agenda item 20",
        "Strengthening cooperation on sustainable water management",
        "The General Assembly,",
        "Reaffirming the 2030 Agenda for Sustainable Development, including Sustainable "
        "Development Goal 6 on ensuring the availability and sustainable management of water "
        "and sanitation for all,",
    ]
    preambular = got[7:11]
    assert [p.split()[0] for p in preambular] == ["Reaffirming", "Recalling", "Noting", "Deeply"]
    assert all(p.endswith(",") for p in preambular)
    operative = [line for line in got if re.match(r"\d+\. ", line)]
    assert [line.split(".")[0] for line in operative] == ["1", "2", "3", "4", "5"]
    assert [line[-1] for line in operative] == [";", ":", ";", ";", "."]
    assert got[got.index(operative[1]) + 1].startswith("(a) To strengthen cooperation")
    assert got[-2:] == [
        "[^1]: Resolution 70/1.",
        "[^2]: See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
    ]
    text = reading.text.text
    assert [ref.label for ref in reading.refs] == ["1", "2"]
    one, two = reading.refs
    assert source.text[one.start : one.end] == "¹"
    assert text[: one.pos].endswith("Agenda for Sustainable Development,")
    assert text[: two.pos].endswith("Noting the Paris Agreement")
    assert text[two.pos : two.pos + 4] == " and"
    assert source.position(two.start) == (20, 27)
    assert reading.italics == ()
    assert_maps_back(source, reading)


def test_plain_one_paragraph_per_line():
    text = (
        "General Assembly\nThe General Assembly,\nRecalling its resolution 70/1,\n"
        "1. Decides to remain seized of the matter.\n"
    )
    _, reading = plain(text)
    assert lines(reading) == [
        "General Assembly",
        "The General Assembly,",
        "Recalling its resolution 70/1,",
        "1. Decides to remain seized of the matter.",
    ]


def test_plain_wrapped_title_and_notes_with_continuation():
    text = (
        "General Assembly\n\nStrengthening the coordination of emergency humanitarian\n"
        "assistance of the United Nations\n\nThe General Assembly,\n\n"
        "Recalling its resolution 46/182,¹\n\n1. Decides to continue.\n\n"
        "-----\n1 Resolution 46/182, adopted\n  on 19 December 1991.\n"
    )
    source, reading = plain(text)
    assert lines(reading) == [
        "General Assembly",
        "Strengthening the coordination of emergency humanitarian assistance of the United Nations",
        "The General Assembly,",
        "Recalling its resolution 46/182,",
        "1. Decides to continue.",
        "[^1]: Resolution 46/182, adopted on 19 December 1991.",
    ]
    (ref,) = reading.refs
    assert source.text[ref.start : ref.end] == "¹"


# ---------------------------------------------------------------------------------------------
# Markdown details


def test_markdown_reference_cut_cleanly():
    source, reading = md(
        "The General Assembly,\n\n*Recalling* the Convention <sup>1</sup> and the Protocol,[^2]\n\n"
        "1. *Decides* to act.\n\n---\n\n<sup>1</sup> Ibid.\n\n[^2]: Ibid., vol. 2.\n"
    )
    assert lines(reading) == [
        "The General Assembly,",
        "Recalling the Convention and the Protocol,",
        "1. Decides to act.",
        "[^1]: Ibid.",
        "[^2]: Ibid., vol. 2.",
    ]
    one, two = reading.refs
    text = reading.text.text
    assert text[: one.pos].endswith("the Convention") and text[one.pos :].startswith(" and")
    assert source.text[one.start : one.end] == "<sup>1</sup>"
    assert text[: two.pos].endswith("the Protocol,") and text[two.pos] == "\n"
    assert source.text[two.start : two.end] == "[^2]"
    assert italic_texts(reading) == ["Recalling", "Decides"]


def test_markdown_literal_stars_escapes_entities():
    source, reading = md("The General Assembly,\n\nNoting A/80/L.1* and 5 \\* 3 &amp; *more,\n")
    assert lines(reading)[1] == "Noting A/80/L.1* and 5 * 3 & *more,"
    assert reading.italics == ()
    assert_maps_back(source, reading)


def test_markdown_unclosed_front_matter_and_crlf():
    source, reading = md(
        "---\r\ntitle: x\r\n\r\n# General Assembly\r\n\r\nThe General Assembly,\r\n"
    )
    assert reading.meta == {}
    assert reading.problems and "front matter" in reading.problems[0][0]
    assert lines(reading)[-2:] == ["General Assembly", "The General Assembly,"]
    assert_maps_back(source, reading)


def test_markdown_continuations():
    _, reading = md(
        "The General Assembly,\n\n*Recalling* its resolution on the\n\nGlobal Programme,\n\n"
        "*Noting* the work\n\n*Welcoming* the report,\n\n"
        "1. *Decides* that\n\nthe matter is closed.\n"
    )
    assert lines(reading) == [
        "The General Assembly,",
        "Recalling its resolution on the Global Programme,",
        "Noting the work",  # unterminated, but the next block opens a paragraph
        "Welcoming the report,",
        "1. Decides that the matter is closed.",
    ]


def test_empty_inputs():
    for reader in (md, plain):
        _, reading = reader("")
        assert reading.text.text == "" and reading.refs == ()
        _, reading = reader("\n\n  \n")
        assert reading.text.text == ""


# ---------------------------------------------------------------------------------------------
# HTML comments: dropped as a renderer hides them, positions of the rest unchanged


def test_comment_line_above_a_paragraph_is_not_joined_into_it():
    source, reading = md(
        "The General Assembly,\n\n"
        "<!-- unlint-disable-next-line ST003 -->\n"
        "*Recalling* its resolution 70/1 of 25 September 2015.\n\n"
        "1. *Decides* to remain seized of the matter.\n"
    )
    assert lines(reading) == [
        "The General Assembly,",
        "Recalling its resolution 70/1 of 25 September 2015.",
        "1. Decides to remain seized of the matter.",
    ]
    assert italic_texts(reading) == ["Recalling", "Decides"]
    start = reading.text.text.index("Recalling")
    assert source.position(reading.text.to_original(start)) == (4, 2)  # after the "*"
    assert_maps_back(source, reading)


def test_comment_at_the_end_of_a_paragraph_is_not_its_last_character():
    source, reading = md(
        "The General Assembly,\n\n*Recalling* its resolution 70/1,\n\n"
        "1. *Decides* to remain seized of the matter. <!-- agreed ad ref -->  \n"
        "<!-- a comment under the paragraph, in its block -->\n"
    )
    assert lines(reading)[-1] == "1. Decides to remain seized of the matter."
    end = len(reading.text.text)
    assert source.position(reading.text.to_original(end - 1)) == (5, 44)  # the "."
    assert_maps_back(source, reading)


def test_comments_inside_lines_and_over_several_lines():
    source, reading = md(
        "The General Assembly,\n\n"
        "*Recalling* its resolution 70/1, <!-- check the\ndate --> and\n"
        "<!--\na comment\nof several lines\n-->\n"
        "*Noting* the <!-- draft 2 --> report<!---->,\n\n"
        "1. *Decides*<!-- x --> to<!-->  remain seized of the matter.\n"
    )
    assert lines(reading) == [
        "The General Assembly,",
        "Recalling its resolution 70/1, and",  # the comment crossed a line break
        "Noting the report,",  # one blank stays where the comment was
        "1. Decides to  remain seized of the matter.",  # the writer's two blanks are kept
    ]
    assert "<!--" not in reading.text.text and "-->" not in reading.text.text
    assert italic_texts(reading) == ["Recalling", "Noting", "Decides"]
    report = reading.text.text.index("report")
    assert source.position(reading.text.to_original(report)) == (9, 31)
    assert_maps_back(source, reading)


def test_comments_in_headings_and_notes_and_an_unclosed_comment():
    source, reading = md(
        "## <!-- rev. 1 --> Draft resolution <!-- rev. 1 -->\n\n"
        "The General Assembly,\n\n"
        "1. *Decides* to remain seized of the matter.[^1]\n\n"
        "[^1]: <!-- source? --> Resolution 69/196, annex.\n\n"
        "Text after <!-- an unclosed comment\n"
    )
    assert lines(reading) == [
        "Draft resolution",
        "The General Assembly,",
        "1. Decides to remain seized of the matter.",
        "Text after <!-- an unclosed comment",  # not a comment: a renderer shows it too
        "[^1]: Resolution 69/196, annex.",
    ]
    assert [ref.label for ref in reading.refs] == ["1"]
    assert_maps_back(source, reading)


# ---------------------------------------------------------------------------------------------
# Knowledge as data: the readers' tables come from rules/marks.yaml and rules/months.yaml


def test_superscript_tables():
    from unlint.readers import marks

    assert "⁰¹²³⁴⁵⁶⁷⁸⁹".translate(marks.superscript_digits()) == "0123456789"
    assert "1045".translate(marks.digit_superscripts()) == "¹⁰⁴⁵"
    one = re.compile(marks.superscript_class())
    assert all(one.fullmatch(c) for c in "⁰¹²³⁴⁵⁶⁷⁸⁹") and not one.search("0123456789²"[:10])


def test_plain_text_superscript_references_and_a_date_under_the_rule():
    source, reading = plain(
        "The General Assembly,\n\nRecalling the 2030 Agenda,¹⁰ and\n\n"
        "1. Decides to remain seized of the matter.\n\n"
        "__________\n\n10 Resolution 70/1.\n\n4 November 2024\n"
    )
    assert [ref.label for ref in reading.refs] == ["10"]
    assert lines(reading)[1] == "Recalling the 2030 Agenda, and"
    assert lines(reading)[-2:] == ["4 November 2024", "[^10]: Resolution 70/1."]
    assert_maps_back(source, reading)


def test_organs_and_openers_come_from_the_table():
    from unlint.readers import marks

    assert "Human Rights Council" in marks.words("organs")
    assert {"Recalling", "Emphasizing", "Re-emphasising"} <= set(marks.words("preambular_openers"))
    _, reading = md("Draft\n\nThe Human Rights Council,\n\n*Re-emphasising* its work,\n"
                    "Emphasizing the role,\n\n1. *Decides* to act.\n")
    assert lines(reading) == ["Draft", "The Human Rights Council,", "Re-emphasising its work,",
                              "Emphasizing the role,", "1. Decides to act."]


def test_no_knowledge_literals_left_in_these_readers():
    """Superscript digits and month names are read from the tables, one copy each: no string in
    the code of these readers (docstrings aside) holds a superscript digit or a month name."""
    import ast

    folder = ROOT / "unlint" / "readers"
    mine = ["markdown*.py", "pdftext*.py", "plain.py", "barerefs.py", "marks.py"]
    months = ("January", "February", "March", "September", "November", "December")
    for path in sorted(p for pattern in mine for p in folder.glob(pattern)):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not re.search("[⁰¹²³⁴-⁹]", node.value), (path.name, node.value)
                assert not any(m in node.value for m in months), (path.name, node.value)


def test_a_single_spaced_text_file_joins_the_wrapped_lines_of_a_paragraph():
    """In a .txt without blank lines, "(ATMIS), underlining ..." and "Security (CAS) as the key
    ..." wrap the paragraph before them (it does not end with , ; . or :): before, each was a
    paragraph (or a heading) of its own."""
    from unlint.engine import load
    from unlint.source import Source

    text = ("The Security Council,\n"
            "Recalling its resolutions on the African Union Transition Mission in Somalia\n"
            "(ATMIS), underlining the importance of the mission, and welcoming the Committee on\n"
            "Administration and Security (CAS) as the key body,\n"
            "Welcoming the report,\n"
            "1. Decides to remain seized of the matter.\n")
    doc = load(Source("draft.txt", text), "text")
    assert [(p.kind, p.text[:20]) for p in doc.paragraphs] == [
        ("preambular", "Recalling its resolu"), ("preambular", "Welcoming the report"),
        ("operative", "1. Decides to remain")]
    assert doc.paragraphs[0].text.endswith("(CAS) as the key body,")
