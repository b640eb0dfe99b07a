"""The Word reader (unlint/readers/docx.py): paragraphs, list numbering, italics, footnotes,
tracked changes, positions.

The .docx files are built here with python-docx from the seed drafts in examples/ (read with
unlint's own readers: their paragraphs, italic phrases, references and notes), with Word list
numbering for the operative paragraphs and a real footnotes part, and then linted: the findings
must be those of the seed, by the same rules at the same places. Two files made elsewhere are
checked in (tests/fixtures/docx/README.md): libreoffice.docx, written by LibreOffice 7.4 from
parts of the 2017 draft, read here without LibreOffice; and password.docx, encrypted with a
password. Where LibreOffice is installed (``soffice``), a test also converts a built file, and
``python tests/test_reader_docx.py --regenerate`` writes libreoffice.docx again.

Needs python-docx to build the files (``pip install 'unlint[test]'``); reading needs nothing.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

docx = pytest.importorskip("docx")

from docx.opc.constants import CONTENT_TYPE as CT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from unlint.cli import main  # noqa: E402
from unlint import readers  # noqa: E402
from unlint.engine import lint_document  # noqa: E402
from unlint.parse import parse  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import InputError  # noqa: E402

_READINGS: dict = {}  # id(source) -> (source, its reading), for the helpers below


def open_source(path: str, data: bytes):
    """The Source of a file read by unlint (a .docx or text); its reading kept for read()."""
    source, reading = readers.read_bytes(path, data)
    _READINGS[id(source)] = (source, reading)
    return source


def read(source):
    """The reading of a Source from open_source (or of a text source)."""
    kept = _READINGS.get(id(source))
    return kept[1] if kept is not None and kept[0] is source else readers.read(source)

ROOT = Path(__file__).resolve().parent.parent
SEED_MD = ROOT / "examples" / "draft-crime-prevention-2017.md"
SEED_PDF_TEXT = ROOT / "examples" / "resolution-73-186-pdf-extract.txt"
LIBREOFFICE_FIXTURE = Path(__file__).parent / "fixtures" / "docx" / "libreoffice.docx"
PASSWORD_FIXTURE = Path(__file__).parent / "fixtures" / "docx" / "password.docx"
SCHEMA = json.loads((ROOT / "unlint" / "schema.json").read_text(encoding="utf-8"))
W = nsdecls("w")

# ---- building .docx files

LIST = (
    f'<w:abstractNum {W} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
    "</w:abstractNum>"
)


def _add_list(document) -> None:
    numbering = document.part.numbering_part.element
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(parse_xml(LIST))
    else:
        numbering.append(parse_xml(LIST))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _add_footnotes(document, notes: list[tuple[int, list[tuple[str, bool]]]],
                   name: str = "/word/footnotes.xml") -> None:
    """A real footnotes part: (id, [(text, italic), ...]) for each note."""
    xml = [f"<w:footnotes {W}>",
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           "</w:r></w:p></w:footnote>"]
    for note_id, runs in notes:
        body = "".join(
            f'<w:r>{"<w:rPr><w:i/></w:rPr>" if italic else ""}<w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
            for t, italic in runs
        )
        xml.append(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
                   f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{body}'
                   "</w:p></w:footnote>")
    xml.append("</w:footnotes>")
    part = Part(PackURI(name), CT.WML_FOOTNOTES, "".join(xml).encode("utf-8"),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _sup_run(paragraph, inner: str) -> None:
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:rPr {W}><w:vertAlign w:val="superscript"/></w:rPr>'))
    run._r.append(parse_xml(inner))


def docx_from(doc, numbered: bool = True) -> bytes:
    """A .docx holding a document read by unlint: its lines as paragraphs (operative paragraphs and
    sub-paragraphs as Word list items when ``numbered``), italic phrases as italic runs, each
    first reference as a real footnote reference (a repeated one as a typed superscript number,
    as drafters do) and the notes in a footnotes part."""
    document = docx.Document()
    _add_list(document)
    text = doc.text
    body_end = min((n.label_start - 2 for n in doc.notes), default=len(text))
    ids = {}
    for note in doc.notes:
        ids.setdefault(note.label, len(ids) + 1)
    refs = sorted(doc.refs, key=lambda r: r.pos)
    italics = doc.italics
    referenced = set()
    pos = 0
    for line in text[:body_end].rstrip("\n").split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        paragraph = document.add_paragraph()
        skip, level = 0, None
        operative = re.match(r"(\d{1,3})\. ", line)
        sub = re.match(r"\(([a-z]{1,6})\) ", line)
        if numbered and operative:
            level, skip = 0, operative.end()
        elif numbered and sub:
            roman = re.fullmatch(r"(?:ii|iii|iv|v|vi|vii|viii|ix|x)", sub.group(1))
            level, skip = (2 if roman else 1), sub.end()
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        here = [r for r in refs if start + skip <= r.pos <= end]
        cuts = {start + skip, end} | {r.pos for r in here}
        cuts |= {min(end, max(start + skip, x)) for a, b in italics for x in (a, b)}
        cuts = sorted(cuts)
        for a, b in zip(cuts, cuts[1:]):
            if b > a:
                run = paragraph.add_run(text[a:b])
                run.italic = any(x <= a and b <= y for x, y in italics) or None
            for r in here:
                if r.pos == b and r.label in ids:
                    if r.label in referenced:
                        _sup_run(paragraph, f"<w:t {W}>{r.label}</w:t>")
                    else:
                        referenced.add(r.label)
                        _sup_run(paragraph, f'<w:footnoteReference {W} w:id="{ids[r.label]}"/>')
    notes = []
    seen = set()
    for note in doc.notes:
        if note.label in seen:
            continue
        seen.add(note.label)
        a, b = note.start, note.start + len(note.text)
        cuts = sorted({a, b} | {min(b, max(a, x)) for s, e in italics for x in (s, e)})
        runs = [(text[s:e], any(x <= s and e <= y for x, y in italics)) for s, e in zip(cuts, cuts[1:]) if e > s]
        notes.append((ids[note.label], runs))
    _add_footnotes(document, notes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_PLACE = re.compile(r"(?:(?<=at )|(?<=on )|(?<=\())(?:line \d+|paragraph \d+|footnote \w+)")


def summary(doc, found) -> dict:
    return {
        "paragraphs": [(p.kind, p.number, " ".join(p.text.split())) for p in doc.paragraphs],
        "notes": [(n.label, n.text) for n in doc.notes],
        "refs": [(r.label, r.paragraph, r.note) for r in doc.refs],
        "phrases": [doc.text[a:b] for a, b in (p.phrase for p in doc.paragraphs if p.phrase)],
        # messages that name another place ("at line 28", "at paragraph 12"): not compared
        "findings": sorted((d.code, _PLACE.sub("PLACE", d.message)) for d in found),
    }


def places(doc, found) -> list[tuple]:
    """Where each finding is, told the same way whatever the file's format: the rule, the block
    (paragraph index, note label or "header"), the text it points at, words only; a finding on
    a footnote reference: the reference's label and block instead."""
    canonical = {}
    for c in range(len(doc.text)):
        canonical.setdefault(doc.canonical.to_original(c), c)
    refs = {r.span.start: r for r in doc.refs}
    out = []
    for d in found:
        if d.start in refs:
            r = refs[d.start]
            out.append((d.code, "reference", r.label, r.paragraph, r.note))
            continue
        start, last = canonical.get(d.start), canonical.get(d.end - 1)
        assert start is not None and last is not None, d
        block = next((i for i, p in enumerate(doc.paragraphs) if p.start <= start < p.end), None)
        if block is None:
            block = next((n.label for n in doc.notes
                          if n.label_start <= start <= n.start + len(n.text)), "header")
        out.append((d.code, block, re.sub(r"\s+", " ", doc.text[start : last + 1])))
    return sorted(out, key=str)


def lint(source):
    doc = parse(source, read(source))
    return doc, lint_document(doc, Settings())


@pytest.fixture(scope="module")
def seed():
    source = open_source(str(SEED_MD), SEED_MD.read_bytes())
    return lint(source)


@pytest.fixture(scope="module")
def seed_docx(seed):
    data = docx_from(seed[0])
    return data, open_source("draft.docx", data)


# ---- the seed as a Word file

def test_seed_as_word_file_reads_as_the_seed(seed, seed_docx):
    _, source = seed_docx
    doc, found = lint(source)
    assert doc.format == "docx"
    assert summary(doc, found) == summary(*seed)
    assert places(doc, found) == places(*seed)  # the same rules at the same places
    assert len(doc.paragraphs) == 119 and len(doc.notes) == 30 and len(doc.refs) == 38
    assert len(found) == 11  # the seed's own defects: a Word file hides none of them


def test_list_numbers_are_written_as_word_shows_them(seed_docx):
    _, source = seed_docx
    lines = source.text.split("\n")
    numbered = [line.split("\t")[0] for line in lines if "\t" in line[:8]]
    operative = [n for n in numbered if n[0].isdigit()]
    assert operative == [f"{n}." for n in range(1, 58)]  # Word's list numbers, in order
    assert not any(re.match(r"(\d+\.|\([a-z]+\)) ", line) for line in lines)  # none typed


def test_typed_numbers_read_the_same(seed):
    doc, found = lint(open_source("typed.docx", docx_from(seed[0], numbered=False)))
    assert summary(doc, found) == summary(*seed)


def test_positions_are_paragraph_and_character(seed_docx):
    _, source = seed_docx
    doc, found = lint(source)
    where = {(d.code, source.locate(d.start).label()) for d in found}
    # CI002 at "69/196" in the 63rd paragraph (a preambular one: no number before it)
    assert ("CI002", "¶63:615") in where
    line = source.line_text(63)
    assert line[614:620] == "69/196"
    # FN010 in the text of footnote 21
    assert any(code == "FN010" and label.startswith("fn21:") for code, label in where)
    first_operative = next(p for p in doc.paragraphs if p.kind == "operative")
    location = source.locate(doc.span(first_operative.start, first_operative.start + 1).start)
    assert (location.kind, location.column) == ("paragraph", 1)
    assert source.line_text(location.line).startswith("1.\t")


def test_pdf_text_seed_as_word_file():
    """The 2018 resolution (text extracted from its PDF) as a Word file: the same paragraphs,
    notes and references; the same findings at the same places but for the extraction artefacts
    (hyphens split at a line end, TX002, are PDF text only; of the words split by the
    extraction, TX001, typed text keeps those with a part that is no word), whose doubled
    spaces are typed text in a Word file: PU009 where the text had TX004."""
    seed = lint(open_source(str(SEED_PDF_TEXT), SEED_PDF_TEXT.read_bytes()))
    source = open_source("res.docx", docx_from(seed[0]))
    doc, found = lint(source)
    expected, got = summary(*seed), summary(doc, found)
    for key in ("paragraphs", "notes", "refs", "phrases"):
        assert got[key] == expected[key], key
    numbers = [line.split("\t")[0] for line in source.text.split("\n") if "\t" in line[:5]]
    assert numbers == [f"{n}." for n in range(1, 64)]

    text = seed[0].source.text
    def typed_too(d) -> bool:  # a split word with a part that is no word: TX001 in typed text
        return "not a word" in d.message or "not words" in d.message

    artefacts = [d for d in seed[1] if d.code == "TX001" and not typed_too(d)
                 or (d.code == "TX002" and "\n" in text[d.start : d.end])]  # "zero -⏎tolerance"
    assert len(artefacts) == 4
    assert len([d for d in seed[1] if d.code == "TX001" and typed_too(d)]) == 19
    kept = [d for d in seed[1] if d not in artefacts]
    expected_places = [("PU009", *p[1:]) if p[0] == "TX004" else p for p in places(seed[0], kept)]
    assert places(doc, found) == sorted(expected_places, key=str)
    assert [p[0] for p in expected_places].count("PU009") == 9


# ---- Word features built by hand

def _document(body_xml: str, notes: list | None = None, styles_xml: str = "",
              numbering_xml: str = "", notes_part: str = "/word/footnotes.xml") -> bytes:
    """A .docx whose body is ``body_xml`` (paragraph XML), with the test list and footnotes."""
    document = docx.Document()
    _add_list(document)
    body = document.element.body
    for p in parse_xml(f"<w:body {W}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, p)  # before sectPr
    if styles_xml:
        for style in parse_xml(f"<w:styles {W}>{styles_xml}</w:styles>"):
            document.part.styles.element.append(style)
    if numbering_xml:
        numbering = document.part.numbering_part.element
        items = list(parse_xml(f"<w:numbering {W}>{numbering_xml}</w:numbering>"))
        for item in items:  # the abstract lists before the lists, as the schema orders them
            if item.tag == qn("w:abstractNum"):
                numbering.find(qn("w:num")).addprevious(item)
            else:
                numbering.append(item)
    _add_footnotes(document, notes or [], notes_part)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def _r(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


NUM0 = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'
NUM1 = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'
CHANGE = 'w:id="{}" w:author="Editor" w:date="2025-01-01T00:00:00Z"'


def test_tracked_changes_are_read_as_accepted_and_said(tmp_path, capsys):
    body = (
        _p(_r("The General Assembly,"))
        + _p(_r("Recalling", "<w:i/>") + _r(" its resolution ")
             + f"<w:del {CHANGE.format(1)}><w:r><w:delText>69/1</w:delText></w:r></w:del>"
             + f"<w:ins {CHANGE.format(2)}>{_r('70/1')}</w:ins>" + _r(","))
        + _p(_r("Decides", "<w:i/>") + _r(" to act"),  # its paragraph mark is deleted: joined
             NUM0 + f"<w:rPr><w:del {CHANGE.format(3)}/></w:rPr>")
        + _p(_r(" without delay;"))
        + _p(_r("Requests", "<w:i/>") + _r(" a report."), NUM0)
    )
    data = _document(body)
    source = open_source("changes.docx", data)
    assert source.text.split("\n") == [
        "The General Assembly,",
        "Recalling its resolution 70/1,",
        "1.\tDecides to act without delay;",
        "2.\tRequests a report.",
    ]
    assert source.notices == ("tracked changes (1 insertion, 1 deletion, 1 deleted paragraph "
                              "mark): linted as if all were accepted",)
    reading = read(source)
    assert reading.text.text.split("\n")[2] == "1. Decides to act without delay;"
    assert reading.meta["tracked_changes"]["insertions"] == 1
    path = tmp_path / "changes.docx"
    path.write_bytes(data)
    main(["--isolated", str(path)])
    assert f"{path}: note: tracked changes (" in capsys.readouterr().out
    main(["--isolated", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["notices"] == list(source.notices)


def _reviewed_draft(header: str = "") -> bytes:
    """A draft with a tracked replacement, a comment made in Word and a highlighted run."""
    body = (
        (_p(_r(header)) if header else "")
        + _p(_r("The General Assembly,"))
        + _p(_r("Recalling", "<w:i/>") + _r(" its resolution ")
             + f"<w:del {CHANGE.format(1)}><w:r><w:delText>69/1</w:delText></w:r></w:del>"
             + f"<w:ins {CHANGE.format(2)}>{_r('70/1')}</w:ins>" + _r(","))
        + _p(_r("Decides", "<w:i/>") + _r(" to act ") + _r("without delay") + _r(";"), NUM0)
        + _p(_r("Requests", "<w:i/>") + _r(" a report ")
             + _r("by June", '<w:highlight w:val="yellow"/>') + _r("."), NUM0)
    )
    document = docx.Document(io.BytesIO(_document(body)))
    runs = document.paragraphs[-2].runs
    document.add_comment(runs[2], text="Too strong for some delegations", author="Chair")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_revisions_comments_and_highlights_are_negotiation_leftovers(tmp_path):
    data = _reviewed_draft()
    source = open_source("reviewed.docx", data)
    doc, found = lint(source)
    left = [(source.position(d.start), source.text[d.start:d.end], d.message)
            for d in found if d.code == "DR001"]
    assert left == [
        ((2, 26), "7", "a tracked deletion ('69/1') left in the file: accept or reject it"),
        ((2, 26), "70/1", "a tracked insertion ('70/1') left in the file: accept or reject it"),
        ((3, 19), "without delay", "a comment (Chair: Too strong for some delegations) left in "
                                   "the file: settle it and delete the comment"),
        ((4, 22), "by June", "highlighted text left in the file: remove the highlight once the "
                             "text is agreed"),
    ]
    # with `negotiation-drafts: true`, a draft that says so in its header is left alone ...
    path = tmp_path / "zero.docx"
    path.write_bytes(_reviewed_draft("Zero draft (as of 3 March)"))
    (tmp_path / ".unlint.yaml").write_text("negotiation-drafts: true\nselect: [DR001]\n")
    assert main([str(path)]) == 0
    # ... and a text for issue is not
    path.write_bytes(data)
    assert main([str(path)]) == 1


def test_sub_paragraph_numbers_restart_and_styles_number_paragraphs():
    style = (f'<w:style {W} w:type="paragraph" w:styleId="OpPara"><w:name w:val="Op Para"/>'
             '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>')
    body = (
        _p(_r("Decides:"), '<w:pStyle w:val="OpPara"/>')
        + _p(_r("first;"), NUM1) + _p(_r("second;"), NUM1)
        + _p(_r("Requests:"), '<w:pStyle w:val="OpPara"/>')
        + _p(_r("again;"), NUM1)
        + _p("")  # an empty paragraph: not counted
        + _p(_r("Welcomes the report."), NUM0)
    )
    source = open_source("numbers.docx", _document(body, styles_xml=style))
    assert source.text.split("\n") == [
        "1.\tDecides:", "(a)\tfirst;", "(b)\tsecond;", "2.\tRequests:", "(a)\tagain;",
        "3.\tWelcomes the report.",
    ]
    assert [u.number for u in source.units] == ["1", "2", "3", "4", "5", "6"]


def test_footnotes_custom_marks_cross_references_and_italics():
    body = _p(
        _r("Noting", "<w:i/>") + _r(" the Paris Agreement,")
        + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        + _r(" the ") + _r("Treaty Series", "<w:i/>") + _r(" and the Protocol")
        + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
          '<w:footnoteReference w:customMarkFollows="1" w:id="2"/></w:r>'
        + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>*</w:t></w:r>'
        + _r(", recalling the Agreement")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> NOTEREF _Ref1 \\f \\h </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
          '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _r(",")
    )
    notes = [(1, [("See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.", False)]),
             (2, [("Not yet in force.", False)])]
    source = open_source("notes.docx", _document(body, notes))
    assert source.text.split("\n") == [
        "Noting the Paris Agreement,\u00b9 the Treaty Series and the Protocol*, recalling the Agreement\u00b9,",
        "\u00b9 See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        "* Not yet in force.",
    ]
    reading = read(source)
    assert reading.text.text.split("\n") == [
        "Noting the Paris Agreement, the Treaty Series and the Protocol, recalling the Agreement,",
        "[^1]: See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        "[^*]: Not yet in force.",
    ]
    assert [r.label for r in reading.refs] == ["1", "*", "1"]
    text = reading.text.text
    assert [text[a:b] for a, b in reading.italics] == ["Noting", "Treaty Series"]
    assert [(u.kind, u.number) for u in source.units] == [
        ("paragraph", "1"), ("footnote", "1"), ("footnote", "*")]
    assert source.locate(source.text.index("See FCCC")).label() == "fn1:3"


def test_deleted_paragraphs_and_rows_go_and_the_next_keeps_its_number():
    """A paragraph deleted whole (its text and its mark) goes: the next paragraph keeps its own
    number, not the deleted one's; a table row deleted goes; a moved paragraph is read where it
    went; each kind is counted in the notice."""
    deleted = f"<w:del {CHANGE.format(5)}><w:r><w:delText>Decides:</w:delText></w:r></w:del>"
    row = "<w:tr>{}<w:tc><w:p>" + _r("{}") + "</w:p></w:tc></w:tr>"
    body = (
        _p(_r("Welcomes the report;"), NUM0)
        + _p(deleted, NUM0 + f"<w:rPr><w:del {CHANGE.format(6)}/></w:rPr>")
        + _p(_r("first;"), NUM1)
        + _p(f"<w:moveFrom {CHANGE.format(7)}>{_r('Moved away.')}</w:moveFrom>",
             NUM0 + f"<w:rPr><w:moveFrom {CHANGE.format(10)}/></w:rPr>")
        + _p(f"<w:moveTo {CHANGE.format(8)}>{_r('Requests a report.')}</w:moveTo>", NUM0)
        + "<w:tbl>" + row.format("", "Kept row")
        + row.format(f"<w:trPr><w:del {CHANGE.format(9)}/></w:trPr>", "Deleted row") + "</w:tbl>"
    )
    source = open_source("deleted.docx", _document(body))
    assert source.text.split("\n") == [
        "1.\tWelcomes the report;", "(a)\tfirst;", "2.\tRequests a report.", "Kept row"]
    assert source.notices == ("tracked changes (1 deletion, 1 move, 1 deleted paragraph mark, "
                              "1 deleted table row): linted as if all were accepted",)


def test_empty_list_items_hidden_text_list_styles_and_restarts():
    """Word draws a number on an empty list item, so the next item's number shows the gap; hidden
    text is not read; a list that links to a list style (w:numStyleLink) counts with it; a
    w:startOverride restarts a list."""
    numbering = (
        f'<w:abstractNum {W} w:abstractNumId="91"><w:styleLink w:val="OpList"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
        f'<w:abstractNum {W} w:abstractNumId="92"><w:numStyleLink w:val="OpList"/></w:abstractNum>'
        f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
        f'<w:num {W} w:numId="92"><w:abstractNumId w:val="92"/></w:num>'
        f'<w:num {W} w:numId="93"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    styles = (f'<w:style {W} w:type="numbering" w:styleId="OpList"><w:name w:val="Op List"/>'
              '<w:pPr><w:numPr><w:numId w:val="91"/></w:numPr></w:pPr></w:style>'
              f'<w:style {W} w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
              '<w:rPr><w:vanish/></w:rPr></w:style>')
    body = (
        _p(_r("Decides;"), NUM0)
        + _p("", NUM0)  # an empty list item: "2." shows in Word
        + _p(_r("Requests") + _r(" [hidden]", "<w:vanish/>") + _r(" a report;")
             + _r(" [styled hidden]", '<w:rStyle w:val="Secret"/>'), NUM0)
        + _p(_r("Part one"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>')
        + _p(_r("Part two"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="92"/></w:numPr>')
        + _p(_r("Again;"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="93"/></w:numPr>')
    )
    source = open_source("lists.docx", _document(body, styles_xml=styles, numbering_xml=numbering))
    assert source.text.split("\n") == [
        "1.\tDecides;", "3.\tRequests a report;", "I. Part one", "II. Part two", "1.\tAgain;"]
    assert [u.number for u in source.units] == ["1", "2", "3", "4", "5"]


def test_note_numbers_in_text_and_typed_superscripts_are_not_references():
    """A cross-reference to a note shown as plain text ("see note 1": NOTEREF without \f) is
    text; a superscript figure typed as a character ("km²") is text, even where note 2 exists;
    a number in a superscript run that is a note's label is a repeated reference."""
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    sup = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{}</w:t></w:r>'
    body = _p(
        _r("Noting the Agreement,") + ref.format(1) + _r(" the Protocol") + ref.format(2)
        + _r(" (see note ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> NOTEREF _Ref1 \\h </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _r(") over 5 km\u00b2 and the Protocol") + sup.format("2") + _r(" again,")
        + _r(" 10") + sup.format("6") + _r(" times,")
    )
    notes = [(1, [("First note.", False)]), (2, [("Second note.", False)])]
    reading = read(open_source("refs.docx", _document(body, notes)))
    assert reading.text.text.split("\n")[0] == (
        "Noting the Agreement, the Protocol (see note 1) over 5 km\u00b2 and the Protocol again,"
        " 10\u2076 times,")
    assert [r.label for r in reading.refs] == ["1", "2", "2"]


def test_parts_found_through_relationships_and_strict_open_xml():
    """The footnotes part is found by the document's relationships, whatever its name; a file
    saved as Strict Open XML (another namespace) reads as a transitional one."""
    body = _p(_r("Noting", "<w:i/>") + _r(" the Agreement,")
              + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>', NUM0)
    data = _document(body, [(1, [("A note.", False)])], notes_part="/word/notes7.xml")
    expected = ["1.\tNoting the Agreement,\u00b9", "\u00b9 A note."]
    assert open_source("rels.docx", data).text.split("\n") == expected
    strict = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(strict, "w") as out:
        for info in z.infolist():
            content = z.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                content = content.replace(
                    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            out.writestr(info, content)
    source = open_source("strict.docx", strict.getvalue())
    assert source.text.split("\n") == expected
    assert [read(source).text.text[a:b] for a, b in read(source).italics] == ["Noting"]


def test_cli_json_gives_the_paragraph(tmp_path, capsys, seed):
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_from(seed[0]))
    assert main(["--isolated", "--select", "CI001", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, SCHEMA)
    d = report["files"][0]["diagnostics"][0]
    assert (d["paragraph"], d["line"], d["column"], d["end_paragraph"]) == (63, 63, 615, 63)
    assert main(["--isolated", "--select", "CI001", str(tmp_path)]) == 1  # found by the walk
    assert "draft.docx:¶63:615: CI001 [" in capsys.readouterr().out


# ---- files that cannot be read

def _built(seed) -> bytes:
    return docx_from(seed[0])


def _damaged(data: bytes) -> bytes:
    """The file with the compressed bytes of word/document.xml overwritten: a CRC or zlib error."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    return data[:start] + b"\x00\xff" * 200 + data[start + 400 :]


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buffer.getvalue()


BROKEN = {
    # not a ZIP at all: told by unlint.source before the Word reader, in its own words
    "binary": (lambda seed: bytes(range(256)) * 20, ""),
    "truncated": (lambda seed: _built(seed)[:5000], "(the ZIP archive is damaged or cut short)"),
    "damaged": (lambda seed: _damaged(_built(seed)), "(the ZIP archive is damaged: "),
    "password": (lambda seed: PASSWORD_FIXTURE.read_bytes(), "the Word file is encrypted with a password"),
    "doc-renamed": (lambda seed: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
                    + "WordDocument".encode("utf-16-le") + b"\x00" * 400,
                    "a Word 97-2003 document (.doc) named .docx"),
    "odt-renamed": (lambda seed: _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                                       "content.xml": "<office:document-content/>"}),
                    "an OpenDocument text (.odt), not a .docx"),
    "xlsx-renamed": (lambda seed: _zip({"xl/workbook.xml": "<workbook/>"}),
                     "an Excel workbook, not a Word document"),
    "other-zip": (lambda seed: _zip({"word/other.xml": "<x/>"}), "no word/document.xml"),
    "bad-xml": (lambda seed: _zip({"word/document.xml": "<w:document><w:body>"}),
                "the .docx part word/document.xml is not well-formed XML"),
    "dtd": (lambda seed: _zip({"word/document.xml": '<!DOCTYPE d [<!ENTITY a "aa">]><d>&a;</d>'}),
            "declares a DTD"),
    "billion-laughs": (lambda seed: _zip({"word/document.xml": "<!DOCTYPE d [<!ENTITY a0 'ha'>" + "".join(
        f"<!ENTITY a{i} '{('&a%d;' % (i - 1)) * 10}'>" for i in range(1, 10)) + "]><d>&a9;</d>"}),
        "declares a DTD"),
    "external-entity": (lambda seed: _zip({"word/document.xml": '<!DOCTYPE d [<!ENTITY x SYSTEM '
                                           '"file:///etc/passwd">]><d>&x;</d>'}), "declares a DTD"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_unreadable_word_files_get_one_line_and_exit_2(case, seed, tmp_path, capsys):
    make, message = BROKEN[case]
    data = make(seed)
    with pytest.raises(InputError, match=re.escape(message) if message else None):
        open_source("bad.docx", data)
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    (tmp_path / "good.md").write_text("The General Assembly,\n\n1. *Decides* to act.\n", encoding="utf-8")
    assert main(["--isolated", str(path), str(tmp_path / "good.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"unlint: error: {path}: ") and message in err


@pytest.mark.parametrize("data, what", [
    (b"{\\rtf1\\ansi The General Assembly,\\par}", "RTF"),
    (b"<html><body>The General Assembly,</body></html>", "HTML"),
    (b"The General Assembly,\n", "text"),
])
def test_a_file_named_docx_that_is_not_one_is_refused(data, what):
    with pytest.raises(InputError, match=rf"not a \.docx file \(it is {what}\)"):
        open_source("draft.docx", data)


def test_an_old_doc_file_is_refused():
    with pytest.raises(InputError, match=r"save it as \.docx"):
        open_source("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


# ---- made by a word processor

def _first_words(doc, place: tuple) -> tuple:
    """A place with its paragraph told by the paragraph's first words, not by its index."""
    code, block, *rest = place
    if isinstance(block, int):
        block = " ".join(doc.paragraphs[block].body.split()[:4])
    return (code, block, *rest)


def test_a_libreoffice_file_reads_with_its_numbers_and_notes(seed):
    """The checked-in file written by LibreOffice (its own list, numId 7, footnotes from id 2,
    "Footnote Anchor" styles), read without LibreOffice: Word's numbers, notes, italics, the
    positions, and the seed's findings in the paragraphs it took from the seed."""
    with zipfile.ZipFile(LIBREOFFICE_FIXTURE) as z:
        assert b"<Application>LibreOffice/" in z.read("docProps/app.xml")  # not rebuilt by hand
    source = open_source(str(LIBREOFFICE_FIXTURE), LIBREOFFICE_FIXTURE.read_bytes())
    lines = source.text.split("\n")
    assert [line.split("\t")[0] for line in lines if "\t" in line] == ["1.", "2.", "3.", "(a)", "(b)", "4."]
    assert lines[0] == "General Assembly" and lines[-3:] == [
        "\u00b9 United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.",
        "\u00b2 Ibid., vol. 976, No. 14152.",
        "\u00b3 Resolution 70/174, annex.",
    ]
    assert [(u.kind, u.number) for u in source.units][-4:] == [
        ("paragraph", "12"), ("footnote", "1"), ("footnote", "2"), ("footnote", "3")]
    doc, found = lint(source)
    assert [p.kind for p in doc.paragraphs] == ["preambular"] * 4 + ["operative"] * 3 + ["sub"] * 2 + [
        "operative"]
    assert [p.number for p in doc.paragraphs if p.kind != "preambular"] == ["1", "2", "3", "a", "b", "4"]
    assert [n.label for n in doc.notes] == ["1", "2", "3"]
    assert [(r.label, r.paragraph) for r in doc.refs] == [("1", 1), ("2", 1), ("3", 2), ("2", 8)]
    assert [doc.text[a:b] for a, b in doc.italics] == [
        "The General Assembly,", "Reaffirming", "Reaffirming also", "Recalling", "Recognizing",
        "Takes note with appreciation", "Reaffirms", "Calls upon", "Requests", "Treaty Series", "Ibid."]
    assert [source.locate(d.start).label() for d in found] == ["\u00b63:84", "\u00b66:286"]
    assert source.line_text(6)[285:291] == "69/196"
    got = [_first_words(doc, p) for p in places(doc, found)]
    assert got == [("CI002", "Recognizing the indispensable role", "69/196"),  # CI001 superseded
                   ("CI010", "Reaffirming its resolutions 46/152", "67/1")]  # 19 September 2012: the record says 24
    assert set(got) <= {_first_words(seed[0], p) for p in places(*seed)}  # as in the seed
    rebuilt = lint(open_source("rebuilt.docx", docx_from(doc)))  # the first step of regenerating
    assert summary(*rebuilt) == summary(doc, found)


def _libreoffice(data: bytes, folder: Path) -> bytes:
    """``data`` opened and saved again as .docx by LibreOffice (``soffice``)."""
    (folder / "in").mkdir(parents=True, exist_ok=True)
    (folder / "in" / "draft.docx").write_bytes(data)
    done = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"),
         str(folder / "in" / "draft.docx")],
        capture_output=True, timeout=180,
    )
    converted = folder / "out" / "draft.docx"
    assert converted.is_file(), done.stderr.decode(errors="replace")
    return converted.read_bytes()


def regenerate_fixture() -> bytes:
    """libreoffice.docx written again: the checked-in file's text, italics and notes as a
    python-docx file (Word lists, footnotes part), then saved by LibreOffice."""
    import tempfile

    fixture, _ = lint(open_source(str(LIBREOFFICE_FIXTURE), LIBREOFFICE_FIXTURE.read_bytes()))
    with tempfile.TemporaryDirectory() as folder:
        return _libreoffice(docx_from(fixture), Path(folder))


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")


@needs_soffice
def test_a_file_saved_again_by_libreoffice_reads_the_same(tmp_path, seed, seed_docx):
    data, _ = seed_docx
    converted = _libreoffice(data, tmp_path)
    assert converted != data
    doc, found = lint(open_source("converted.docx", converted))
    assert summary(doc, found) == summary(*seed)
    assert places(doc, found) == places(*seed)


@needs_soffice
def test_the_libreoffice_fixture_can_be_made_again():
    fixture = lint(open_source(str(LIBREOFFICE_FIXTURE), LIBREOFFICE_FIXTURE.read_bytes()))
    again = lint(open_source("again.docx", regenerate_fixture()))
    assert summary(*again) == summary(*fixture)


if __name__ == "__main__":  # python tests/test_reader_docx.py --regenerate (needs soffice)
    import sys

    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python tests/test_reader_docx.py --regenerate")
    LIBREOFFICE_FIXTURE.write_bytes(regenerate_fixture())
    print(f"wrote {LIBREOFFICE_FIXTURE}")
