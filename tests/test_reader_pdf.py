"""The PDF reader (unlint/readers/pdf*.py): extraction, furniture, paragraphs, notes, positions.

Three kinds of input:

* PDFs built here, byte by byte, with the standard Times fonts (tiny, exact: every position,
  superscript and page break is known), laid out like a UN document;
* a real UN PDF checked in as a fixture (tests/fixtures/pdf/A-80-L.14.pdf, General Assembly
  draft resolution A/80/L.14: three pages, a sponsors' note, a footnote, a paragraph that runs
  onto the next page), so that CI without ../shared still reads a real file;
* the 48 PDFs of the shared corpus (tests/corpus.py: where it is, and when it may be missing).

Needs pdfminer.six, a dependency of unlint.
"""

from __future__ import annotations

import ast
import json
import os
import threading
from pathlib import Path

import pytest

from corpus import CORPUS, corpus_files, needs_corpus

pytest.importorskip("pdfminer")

from unlint.cli import main  # noqa: E402
from unlint.engine import lint_document, load_bytes  # noqa: E402
from unlint.parse import parse  # noqa: E402
from unlint.readers import pdf as pdf_reader  # noqa: E402
from unlint.readers import pdf_extract, read_bytes  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import InputError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "A-80-L.14.pdf"
SCHEMA = json.loads((ROOT / "unlint" / "schema.json").read_text(encoding="utf-8"))
# A sample of the corpus by default (one of each layout: scanned with OCR, A4 Human Rights
# Council, Security Council, ECOSOC decision, a 2018 resolution whose note runs onto the next
# page, an amendment, a short draft); all 48 with UNLINT_FULL_CORPUS=1 (about 40 s).
SAMPLE = ("A-L.632", "A-HRC-RES-59-25", "S-RES-2768-2025", "E-2025-L.4", "A-RES-73-6",
          "A-80-L.20", "A-C.2-80-L.43", "A-RES-78-292")
CORPUS_PDFS = [p for p in corpus_files("*.pdf")
               if os.environ.get("UNLINT_FULL_CORPUS") or p.stem in SAMPLE]


# ---- a PDF writer for tests: standard fonts, text runs at given positions, rules

FONTS = {"R": "Times-Roman", "I": "Times-Italic", "B": "Times-Bold", "Z": "BCDEEE+Barcode3of9"}
H = 792.0


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list], encrypt: bool = False, form: bytes | None = None) -> bytes:
    """A PDF of ``pages``; each page is a list of items:

    * ``(x, baseline, [(font, size, text), ...])``: runs written one after another from x on the
      baseline (points from the top); a run ``(font, size, text, rise)`` is raised (superscript);
    * ``("rule", y, x0, x1)``: a horizontal line;
    * ``("draw", n)``: the form (a Form XObject whose drawing instructions are ``form``) drawn
      n times.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    fonts = {}
    for key, name in FONTS.items():
        extra = b""
        if key == "Z":  # not a standard font: give it widths
            extra = b" /FirstChar 32 /LastChar 126 /Widths [" + b" 600" * 95 + b"]"
        fonts[key] = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name.encode()
                         + b" /Encoding /WinAnsiEncoding" + extra + b" >>")
    font_resources = b"/Font << " + b" ".join(
        b"/F" + k.encode() + b" " + str(n).encode() + b" 0 R" for k, n in fonts.items()) + b" >>"
    resources = b"<< " + font_resources + b" >>"
    if form is not None:
        drawing = add(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 " + str(int(H)).encode()
                      + b"] /Resources << " + font_resources + b" >> /Length "
                      + str(len(form)).encode() + b" >>\nstream\n" + form + b"\nendstream")
        resources = (b"<< " + font_resources + b" /XObject << /Fm1 " + str(drawing).encode()
                     + b" 0 R >> >>")
    kids = []
    for items in pages:
        ops = []
        for item in items:
            if item[0] == "rule":
                _, y, x0, x1 = item
                ops.append(f"0.5 w {x0} {H - y} m {x1} {H - y} l S".encode())
                continue
            if item[0] == "draw":
                ops.extend([b"/Fm1 Do"] * item[1])
                continue
            x, base, runs = item
            ops.append(f"BT 1 0 0 1 {x} {H - base} Tm".encode())
            for run in runs:
                font, size, text = run[:3]
                rise = run[3] if len(run) > 3 else 0
                ops.append(f"/F{font} {size} Tf {rise} Ts ".encode() + _literal(text) + b" Tj")
            ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
                      + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent " + str(tree).encode() + b" 0 R /MediaBox [0 0 612 "
                        + str(int(H)).encode() + b"] /Resources " + resources + b" /Contents "
                        + str(content).encode() + b" 0 R >>"))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages " + str(tree).encode() + b" 0 R >>"
    objects[tree - 1] = (b"<< /Type /Pages /Count " + str(len(kids)).encode() + b" /Kids ["
                         + b" ".join(str(k).encode() + b" 0 R" for k in kids) + b"] >>")
    trailer = b"/Size " + str(len(objects) + 1).encode() + b" /Root " + str(catalog).encode() + b" 0 R"
    if encrypt:  # the standard handler with a user password: "" does not open it
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <"
                  + b"22" * 32 + b"> >>")
        trailer = (b"/Size " + str(len(objects) + 1).encode() + b" /Root " + str(catalog).encode()
                   + b" 0 R /Encrypt " + str(enc).encode() + b" 0 R /ID [<" + b"ab" * 16 + b"><"
                   + b"ab" * 16 + b">]")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += str(n).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def sup(text: str, size: float = 6.5, rise: float = 3.5):
    return ("R", size, text, rise)


def masthead(symbol: str, date: str) -> list:
    """The first-page masthead of a General Assembly document, laid out as the UN does."""
    return [
        (123.4, 58, [("R", 14, "United Nations")]),
        (500.5, 58, [("R", 10, symbol)]),
        ("rule", 65, 60, 552),
        (123.4, 88, [("B", 20, "General Assembly")]),
        (396.8, 86, [("R", 10, "Distr.: Limited")]),
        (396.8, 98, [("R", 10, date)]),
        (396.8, 122, [("R", 10, "Original: English")]),
    ]


# A two-page draft laid out as the UN lays out its documents (margins, sizes, spacing).
PAGE_1 = [
    *masthead("A/79/L.99", "1 December 2024"),
    (60, 222, [("B", 10, "Seventy-ninth session")]),
    (60, 234, [("R", 10, "Agenda item 12")]),
    (60, 252, [("B", 10, "Social development")]),
    (123.4, 282, [("B", 10, "Freedonia:* draft resolution")]),
    (123.4, 306, [("B", 12, "Social development and cooperation")]),
    (147.1, 330, [("I", 10, "The General Assembly"), ("R", 10, ",")]),
    (147.1, 348, [("I", 10, "Recalling"), ("R", 10, " its resolution 70/1 of 25 September 2015, entitled")]),
    (123.4, 360, [("R", 10, "\u201cTransforming our world\u201d,"), sup("1")]),
    (147.1, 378, [("I", 10, "Noting with appreciation"), ("R", 10, " the work of the Organization in the field of")]),
    (123.4, 390, [("R", 10, "social development, and the progress made in the implementation of the")]),
    (99.4, 700, [("R", 8, "__________________")]),
    (114.9, 712, [("R", 8.5, "* On behalf of the Group of Friends of Social Development.")]),
    (116.8, 722, [sup("1", 5.5, 3), ("R", 8.5, "  Resolution 70/1.")]),
    (116.8, 732, [sup("2", 5.5, 3), ("R", 8.5, "  Report of the World Summit for Social Development, Copenhagen,")]),
    (123.4, 742, [("R", 8.5, "6\u201312 March 1995")]),
    (65.2, 752, [("R", 10, "24-12345 (E)    011224")]),
    (65.2, 764, [("Z", 12, "*2412345*")]),
]
PAGE_2 = [
    (60, 60, [("B", 8.5, "A/79/L.99")]),
    ("rule", 65, 60, 552),
    (123.4, 84, [("R", 10, "Copenhagen Declaration,"), sup("2")]),
    (147.1, 102, [("R", 10, "1.")]),
    (170.9, 102, [("I", 10, "Decides"), ("R", 10, " to convene a high-level meeting on social development in")]),
    (123.4, 114, [("R", 10, "2026 on the non-governmental organizations;")]),
    (147.1, 132, [("R", 10, "3.")]),
    (170.9, 132, [("I", 10, "Requests"), ("R", 10, " the Secretary-General to submit a report.")]),
    (99.4, 700, [("R", 8, "__________________")]),
    (123.4, 712, [("R", 8.5, "(United Nations publication, Sales No. E.96.IV.8), chap. I, resolution 1, annex I.")]),
    (60, 760, [("B", 8.5, "2/2")]),
    (524.5, 760, [("R", 7, "24-12345")]),
]
EXPECTED = [
    "United Nations",
    "A/79/L.99",
    "General Assembly",
    "Distr.: Limited",
    "1 December 2024",
    "Original: English",
    "Seventy-ninth session",
    "Agenda item 12",
    "Social development",
    "Freedonia: draft resolution",
    "Social development and cooperation",
    "The General Assembly,",
    "Recalling its resolution 70/1 of 25 September 2015, entitled \u201cTransforming our world\u201d,",
    "Noting with appreciation the work of the Organization in the field of social development, "
    "and the progress made in the implementation of the Copenhagen Declaration,",
    "1. Decides to convene a high-level meeting on social development in 2026 on the "
    "non-governmental organizations;",
    "3. Requests the Secretary-General to submit a report.",
    "[^1]: Resolution 70/1.",
    "[^2]: Report of the World Summit for Social Development, Copenhagen, 6\u201312 March 1995 "
    "(United Nations publication, Sales No. E.96.IV.8), chap. I, resolution 1, annex I.",
]


@pytest.fixture(scope="module")
def draft():
    return read_bytes("draft.pdf", make_pdf([PAGE_1, PAGE_2]))


def test_the_source_holds_the_printed_lines_page_by_page(draft):
    source, _ = draft
    assert source.kind == "pdf" and [u.number for u in source.units] == ["1", "2"]
    lines = source.text.split("\n")
    assert lines[0] == "United Nations\tA/79/L.99"  # one printed line, two pieces far apart
    assert "\u201cTransforming our world\u201d,\u00b9" in lines  # a superscript shows as one
    assert "\u00b9  Resolution 70/1." not in lines and "\u00b9 Resolution 70/1." in lines
    page_2 = source.text[source.units[1].start :].split("\n")
    assert page_2[:2] == ["A/79/L.99", "Copenhagen Declaration,\u00b2"]


def test_canonical_text_furniture_dropped_paragraphs_joined_across_pages(draft):
    _, reading = draft
    assert reading.format == "pdf"
    assert reading.text.text.split("\n") == EXPECTED
    assert reading.meta["dropped_notes"] == ["On behalf of the Group of Friends of Social Development."]


def test_superscripts_are_the_references(draft):
    source, reading = draft
    text = reading.text.text
    found = [(r.label, text[max(0, r.pos - 12) : r.pos], source.text[r.start : r.end]) for r in reading.refs]
    assert found == [("1", " our world\u201d,", "\u00b9"), ("2", "Declaration,", "\u00b2")]
    assert source.locate(reading.refs[0].start).label() == "p1:12:26"
    assert source.locate(reading.refs[1].start).label() == "p2:2:24"


def test_italic_fonts_give_the_opening_phrases(draft):
    _, reading = draft
    text = reading.text.text
    assert [text[a:b] for a, b in reading.italics] == [
        "The General Assembly", "Recalling", "Noting with appreciation", "Decides", "Requests"]
    doc = parse(*draft)
    assert [doc.text[a:b] for a, b in (p.phrase for p in doc.paragraphs if p.phrase)] == [
        "Recalling", "Noting with appreciation", "Decides", "Requests"]


def test_every_canonical_character_maps_back_to_the_page_it_was_printed_on(draft):
    source, reading = draft
    mt = reading.text
    for k, origin in enumerate(mt.seg_origins):
        end = mt.seg_starts[k + 1] if k + 1 < len(mt.seg_starts) else len(mt.text)
        piece = mt.text[mt.seg_starts[k] : end]
        if mt.seg_copied[k]:
            assert source.text[origin : origin + len(piece)] == piece
        else:
            assert piece in (" ", "\n", "[^", "]: ", "1", "2")
    decides = mt.text.index("Decides")
    assert source.locate(mt.to_original(decides)).label() == "p2:3:4"


def test_findings_are_located_by_page_and_line(draft):
    source, _ = draft
    found = [(d.code, source.locate(d.start).label()) for d in lint_document(parse(*draft), Settings())]
    assert ("ST001", "p2:5:1") in found  # "3." after "1."
    assert not [f for f in found if f[0].startswith(("FN", "TX", "UL"))], found


def test_cli_text_and_json_show_the_page(tmp_path, capsys):
    path = tmp_path / "draft.pdf"
    path.write_bytes(make_pdf([PAGE_1, PAGE_2]))
    assert main(["--isolated", "--select", "ST001", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:p2:5:1: ST001 [" in out
    assert "  5 | 3. Requests the Secretary-General to submit a report." in out
    assert main(["--isolated", "--select", "ST001", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, SCHEMA)
    d = report["files"][0]["diagnostics"][0]
    assert (d["page"], d["line"], d["column"], d["end_page"], d["end_line"]) == (2, 5, 1, 2, 5)


def test_a_folder_walk_finds_pdf_files(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "draft.pdf").write_bytes(make_pdf([PAGE_1, PAGE_2]))
    assert main(["--isolated", "--select", "ST001", str(tmp_path)]) == 1
    assert "draft.pdf:p2:5:1: ST001" in capsys.readouterr().out


# ---- files that cannot be read: one clear line, never a traceback or a hang

def test_a_scan_without_text_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match="no text layer .*2 pages.*OCR"):
        read_bytes("scan.pdf", make_pdf([[("rule", 100, 60, 500)], []]))


def test_a_page_without_text_is_a_notice():
    source, _ = read_bytes("x.pdf", make_pdf([PAGE_1, [("rule", 100, 60, 500)]]))
    assert source.notices == ("page 2 has no text (an image or a scan?): not linted",)


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(InputError, match="encrypted with a password"):
        read_bytes("secret.pdf", make_pdf([PAGE_1], encrypt=True))


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n" + bytes(range(256)) * 20,
    make_pdf([PAGE_1, PAGE_2])[:700],
    b"%PDF-1.4\n%%EOF\n",
], ids=["garbage", "truncated", "empty"])
def test_a_corrupt_pdf_is_refused(data):
    with pytest.raises(InputError, match="not a readable PDF"):
        read_bytes("bad.pdf", data)




def test_without_pdfminer_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pdfminer.pdfdocument", None)
    with pytest.raises(InputError, match=r"pip install pdfminer\.six"):
        read_bytes("x.pdf", make_pdf([PAGE_1]))


def test_cli_reports_a_bad_pdf_on_one_line(tmp_path, capsys):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\nnot really")
    assert main(["--isolated", str(tmp_path / "bad.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.pdf: not a readable PDF" in err and "Traceback" not in err


# ---- a real UN document

@pytest.fixture(scope="module")
def l14():
    source, reading = read_bytes(str(FIXTURE), FIXTURE.read_bytes())
    return source, parse(source, reading)


def test_real_document_header_paragraphs_and_note(l14):
    source, doc = l14
    assert [f.text for f in doc.header.lines][:6] == [
        "United Nations", "A/80/L.14", "General Assembly", "Distr.: Limited", "18 November 2025",
        "Original: English"]
    assert doc.header.sponsors.text.endswith("Northern Ireland: draft resolution")
    assert [p.kind for p in doc.paragraphs] == ["preambular"] * 9 + ["operative"] * 5
    assert [n.label for n in doc.notes] == ["1"] and doc.notes[0].text == "Resolution 66/288."
    assert [(r.label, r.paragraph) for r in doc.refs] == [("1", 0)]
    assert source.locate(doc.refs[0].span.start).label() == "p1:25:31"
    last_preamble = doc.paragraphs[8].text  # runs from page 2 onto page 3
    assert "call for action\u201d, \u201cOur ocean" in last_preamble
    assert [doc.text[a:b] for a, b in (p.phrase for p in doc.paragraphs)][-5:] == [
        "Decides", "Also decides", "Welcomes", "Decides", "Expresses"]


def test_real_document_lints_clean(l14):
    _, doc = l14
    assert lint_document(doc, Settings()) == []


# ---- the corpus

@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=[p.name for p in CORPUS_PDFS])
def test_corpus_pdf_reads_within_bounds(path):
    """Every corpus PDF: read and linted, every note referenced, no extraction artefact."""
    doc = load_bytes(str(path), path.read_bytes())
    source = doc.source
    found = lint_document(doc, Settings())
    pages = len(source.units)
    assert source.locate(len(source.text)).number == str(pages)
    referenced = {r.label for r in doc.refs}
    assert all(n.label in referenced for n in doc.notes), path.name
    assert not [d for d in found if d.code.startswith("TX") or d.code in ("FN003", "FN002")]


# ---- a table of contents: the dots of a tab leader are layout, not text

CONTENTS = [
    *masthead("A/AC.109/2099/L.1", "1 March 2099"),
    (123.4, 222, [("B", 10, "Contents")]),
    (123.4, 246, [("R", 10, "I. Introduction . . . . . . . . . . . . . . . . . . . . . 2")]),
    (123.4, 264, [("R", 10, "A. General. . . . . . . . . . . . . . . . . . . . . . . . 14")]),
    (123.4, 282, [("R", 10, "B. Recent developments . . . . . . . . . . . . . . ")]),
    (480, 282, [("R", 10, "9")]),
    (123.4, 306, [("R", 10, "The paper ends at last....")]),
]


def test_table_of_contents_dot_leaders_are_dropped():
    source, reading = read_bytes("toc.pdf", make_pdf([CONTENTS]))
    lines = reading.text.text.split("\n")
    assert lines[lines.index("Contents") + 1 :] == [
        "I. Introduction 2", "A. General 14",
        "B. Recent developments", "9",  # (a header's cells far apart stand alone)
        "The paper ends at last....",  # dots as text: an ellipsis, a run too short
    ]
    mt = reading.text
    at = mt.text.index("General 14") + len("General ")
    origin = mt.to_original(at)  # the page number, in place
    assert source.text[origin : origin + 2] == "14" and source.locate(origin).label() == "p1:7:59"
    found = [d.code for d in lint_document(parse(source, reading), Settings())]
    assert "PU004" not in found, found


@needs_corpus
def test_corpus_table_of_contents_has_no_space_before_a_leader():
    path = CORPUS / "A-AC.109-2025-L.13.pdf"
    doc = load_bytes(str(path), path.read_bytes())
    assert [f.text for f in doc.header.lines if f.text.startswith(("I.", "A. G"))][:2] == [
        "I. Introduction 2", "A. General 2"]
    assert not [d for d in lint_document(doc, Settings()) if d.code == "PU004"]


# ---- what the corpus prints: findings that are the document's, not the reader's

@needs_corpus
@pytest.mark.parametrize("name, printed, where", [
    # the Security Council's symbol with its year is one header line (the grammar's SYMBOL
    # stops at the year: UL001 at 1:27 until it takes " (2025)")
    ("S-RES-2768-2025.pdf", "S/RES/2768 (2025)", "p1:1:16"),
    # a stray full stop after the letter: "(b)." is then no sub-paragraph (ST004 on "(c)")
    ("S-RES-2776-2025.pdf", "(b). Trinitrophenylmethylnitramine (tetryl);", "p14:9:1"),
    # operative paragraph 36 of 43 ends with a full stop (ST002); A/RES/80/124 has ";"
    ("A-C.2-80-L.8.pdf", "at all levels.\n37. Notes", "p9:11:49"),
    # a Rapporteur's draft that also says ": draft resolution", with a space before ")"
    ("A-C.2-80-L.43.pdf", "Javad Momeni (Islamic Republic of Iran ), on the basis", "p1:10:64"),
    ("A-C.2-80-L.43.pdf", "resolution A/C.2/80/L.2: draft resolution\nMultidimensional", "p1:12:1"),
    # "Also reiterates" with no "Reiterates" before it (ST005)
    ("A-C.2-80-L.43.pdf", "4. Also reiterates its request", "p1:30:1"),
])
def test_corpus_reading_keeps_what_is_printed(name, printed, where):
    path = CORPUS / name
    source, reading = read_bytes(str(path), path.read_bytes())
    mt = reading.text
    at = mt.text.index(printed)
    assert source.locate(mt.to_original(at)).label() == where


@needs_corpus
def test_corpus_note_reference_printed_full_size_is_reported():
    """A/RES/73/6 prints the second reference to note 1 ("UNISPACE+50,1") in the text's own
    size on the baseline: a reference, cut from the text, and reported where it is, as a defect
    of the document (FN011), not as a failure to read it (UL001)."""
    path = CORPUS / "A-RES-73-6.pdf"
    doc = load_bytes(str(path), path.read_bytes())
    source = doc.source
    assert [(r.label, source.locate(r.span.start).label()) for r in doc.refs][:6] == [
        ("1", "p1:20:85"), ("2", "p2:5:13"), ("3", "p2:5:76"), ("4", "p2:6:61"),
        ("5", "p3:4:47"), ("1", "p3:43:77")]
    assert doc.paragraphs[doc.refs[5].paragraph].text.endswith("priorities of UNISPACE+50,")
    found = [(d.code, source.locate(d.start).label(), d.message) for d in lint_document(doc, Settings())]
    assert found == [("FN011", "p3:43:77", "footnote reference 1 is set full-size, not as a superscript")]


# ---- time and size are bounded by the reader's own checks (no signal), on any thread; the
# clock is a fake one that moves a second each time it is read

@pytest.fixture
def fake_clock(monkeypatch):
    ticks = iter(range(10**6))
    monkeypatch.setattr(pdf_extract, "clock", lambda: float(next(ticks)))


@pytest.mark.parametrize("timeout, pages", [(1.5, 1), (2.5, 1), (4.5, 3)])
def test_reading_stops_when_the_time_is_up(fake_clock, timeout, pages):
    """The clock is read when reading starts, before each page, after each page's lines are
    built and before the canonical text: the limit stops it at the next look."""
    with pytest.raises(InputError) as raised:
        pdf_reader.read_pdf_bytes("slow.pdf", make_pdf([PAGE_1, PAGE_2] * pages), timeout=timeout)
    assert str(raised.value) == f"reading the PDF took more than {timeout:g} s: stopped"


def test_the_clock_is_read_within_a_page_too(fake_clock, monkeypatch):
    monkeypatch.setattr(pdf_extract, "CHECK_EVERY", 10)  # PAGE_1 has 653 characters
    with pytest.raises(InputError, match="took more than 20 s"):
        pdf_reader.read_pdf_bytes("slow.pdf", make_pdf([PAGE_1]), timeout=20)


def test_the_default_limit_is_timeout_and_zero_is_none(fake_clock, monkeypatch):
    monkeypatch.setattr(pdf_reader, "TIMEOUT", 0.5)
    with pytest.raises(InputError, match=r"took more than 0.5 s: stopped"):
        read_bytes("slow.pdf", make_pdf([PAGE_1]))
    source, _ = pdf_reader.read_pdf_bytes("x.pdf", make_pdf([PAGE_1, PAGE_2] * 3), timeout=0)
    assert len(source.units) == 6


def test_outside_the_main_thread_the_time_limit_holds(fake_clock):
    outcome = []

    def run():
        try:
            pdf_reader.read_pdf_bytes("slow.pdf", make_pdf([PAGE_1, PAGE_2] * 3), timeout=3.5)
        except InputError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert outcome == ["reading the PDF took more than 3.5 s: stopped"]


def test_characters_are_capped_per_page_and_per_document(monkeypatch):
    monkeypatch.setattr(pdf_extract, "MAX_PAGE_CHARS", 400)  # PAGE_2 has 305, PAGE_1 653
    with pytest.raises(InputError) as raised:
        read_bytes("big.pdf", make_pdf([PAGE_2, PAGE_1]))
    assert str(raised.value) == "page 2 of the PDF has more than 400 characters: not read"
    monkeypatch.setattr(pdf_extract, "MAX_PAGE_CHARS", 10**6)
    monkeypatch.setattr(pdf_extract, "MAX_CHARS", 1500)
    with pytest.raises(InputError) as raised:
        read_bytes("big.pdf", make_pdf([PAGE_1, PAGE_2] * 2))
    assert str(raised.value) == "the PDF has more than 1,500 characters: not read"


def test_a_page_is_measured_before_it_is_drawn(monkeypatch):
    """Each use of a form counts: 400 uses of a 1,000-byte form is 400,000 bytes on a page of
    a few hundred; the page is refused before pdfminer.six draws it."""
    form = b"q Q " * 240 + b"BT /FR 10 Tf 1 0 0 1 100 700 Tm (x) Tj ET"
    drawn = make_pdf([PAGE_1, [("draw", 400)]], form=form)
    monkeypatch.setattr(pdf_extract, "MAX_PAGE_CONTENT", 300_000)
    with pytest.raises(InputError) as raised:
        read_bytes("forms.pdf", drawn)
    assert str(raised.value) == (
        "page 2 of the PDF has more than 0.3 MB of drawing instructions: not read")
    monkeypatch.setattr(pdf_extract, "MAX_PAGE_CONTENT", 500_000)
    source, _ = read_bytes("forms.pdf", drawn)
    assert source.text.split("\n")[-1] == "x"  # printed 400 times over


def test_pdfminer_is_used_through_its_public_interface_only():
    """No private name of pdfminer.six (or of any other project) in the reader: no underscore
    name imported, no underscore attribute read but our own (self._x), no pdfminer class
    subclassed."""
    for path in sorted((ROOT / "unlint" / "readers").glob("pdf*.py")):
        if path.name.startswith("pdftext"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    ("pdfminer", "pypdfium2")):
                assert not [a.name for a in node.names if a.name.startswith("_")], path.name
                imported |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not (
                    node.attr.startswith("__") or isinstance(node.value, ast.Name)
                    and node.value.id == "self"):
                raise AssertionError(f"{path.name}:{node.lineno}: .{node.attr}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                assert not bases & imported, (path.name, node.name)


@pytest.mark.parametrize("pages, encrypt, message", [
    ([[("rule", 100, 60, 500)]], False, "the PDF has no text layer (1 page of images, a scan?)"),
    ([PAGE_1], True, "the PDF is encrypted with a password"),
    (None, False, "not a readable PDF"),
], ids=["scan", "encrypted", "corrupt"])
def test_cli_unreadable_pdf_is_one_line_and_exit_2(tmp_path, capsys, pages, encrypt, message):
    path = tmp_path / "doc.pdf"
    path.write_bytes(make_pdf(pages, encrypt=encrypt) if pages else make_pdf([PAGE_1])[:900])
    assert main(["--isolated", "--no-cache", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: {message}" in err, err


def test_a_reference_printed_full_size_is_fn011_not_a_reading_failure():
    """The draft with its second reference in the text's own size ("Declaration,2"): the
    reader still takes it for the reference to note 2, and FN011 reports it; the same draft
    with the reference raised has no FN011."""
    plain = [line if not (isinstance(line[2], list) and line[2][0][2] == "Copenhagen Declaration,")
             else (line[0], line[1], [("R", 10, "Copenhagen Declaration,2")]) for line in PAGE_2]
    assert plain != PAGE_2
    doc = load_bytes("draft.pdf", make_pdf([PAGE_1, plain]))
    found = [(d.code, doc.source.locate(d.start).label(), d.message)
             for d in lint_document(doc, Settings(select=("FN011", "UL001")))]
    assert found == [("FN011", "p2:2:24", "footnote reference 2 is set full-size, not as a superscript")]
    raised = load_bytes("draft.pdf", make_pdf([PAGE_1, PAGE_2]))
    assert lint_document(raised, Settings(select=("FN011", "UL001"))) == []


def test_a_library_stamp_above_the_masthead_is_not_text():
    """A/L.632 (1971), scanned: its OCR layer opens with the library's stamp ("UN UBRAR'(",
    "ocr i - 1.w ,i·/"), which is not the document's text and is not linted."""
    stamp = [(123.4, 30, [("R", 10, "UN UBRAR'(")]), (123.4, 42, [("R", 8, "ocr i - 1.w ,i\u00b7/")])]
    doc = load_bytes("scan.pdf", make_pdf([stamp + PAGE_1, PAGE_2]))
    assert doc.text.startswith("United Nations\n")
    found = [(d.code, doc.source.locate(d.start).label()) for d in lint_document(doc, Settings())]
    assert not [f for f in found if f[1].startswith(("p1:1:", "p1:2:"))]
    plain = load_bytes("draft.pdf", make_pdf([PAGE_1, PAGE_2]))
    assert doc.text == plain.text
