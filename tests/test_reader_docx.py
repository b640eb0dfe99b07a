"""The Word reader (unlint/readers/docx.py): paragraphs, list numbering, italics, footnotes,
tracked changes, positions.

The .docx files are built here with python-docx from the seed drafts in examples/ (read with
unlint's own readers: their paragraphs, italic phrases, references and notes), with Word list
numbering for the operative paragraphs and a real footnotes part, and then linted: the findings
must be those of the seed. One file made by a word processor is checked in
(tests/fixtures/docx/libreoffice.docx, written by LibreOffice 7.4 from the first part of the
2017 draft); where LibreOffice is installed (``soffice``), a test also converts a built file.

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
from unlint.engine import lint_document, load  # noqa: E402
from unlint.readers import read  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import InputError, open_source  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_MD = ROOT / "examples" / "draft-crime-prevention-2017.md"
SEED_PDF_TEXT = ROOT / "examples" / "resolution-73-186-pdf-extract.txt"
LIBREOFFICE_FIXTURE = Path(__file__).parent / "fixtures" / "docx" / "libreoffice.docx"
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


def _add_footnotes(document, notes: list[tuple[int, list[tuple[str, bool]]]]) -> None:
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
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, "".join(xml).encode("utf-8"),
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


def summary(doc, found) -> dict:
    return {
        "paragraphs": [(p.kind, p.number, " ".join(p.text.split())) for p in doc.paragraphs],
        "notes": [(n.label, n.text) for n in doc.notes],
        "refs": [(r.label, r.paragraph, r.note) for r in doc.refs],
        "phrases": [doc.text[a:b] for a, b in (p.phrase for p in doc.paragraphs if p.phrase)],
        # messages that name another place say "line N" of the file as read: not compared
        "findings": sorted((d.code, re.sub(r"line \d+", "line N", d.message)) for d in found),
    }


def lint(source):
    doc = load(source)
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
    assert len(doc.paragraphs) == 119 and len(doc.notes) == 30 and len(doc.refs) == 38


def test_list_numbers_are_written_as_word_shows_them(seed_docx):
    _, source = seed_docx
    lines = source.text.split("\n")
    numbered = [line.split("\t")[0] for line in lines if "\t" in line[:6]]
    assert numbered == [f"{n}." for n in range(1, 58)]  # Word's list numbers, in order


def test_typed_numbers_read_the_same(seed):
    doc, found = lint(open_source("typed.docx", docx_from(seed[0], numbered=False)))
    assert summary(doc, found) == summary(*seed)


def test_positions_are_paragraph_and_character(seed_docx):
    _, source = seed_docx
    doc, found = lint(source)
    where = {(d.code, source.locate(d.start).label()) for d in found}
    # CI001 at "69/196" in the 63rd paragraph (a preambular one: no number before it)
    assert ("CI001", "¶63:615") in where
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
    notes and references; the same findings but for the extraction artefacts (TX rules judge
    PDF text only), whose doubled spaces are typed text in a Word file (PU009)."""
    seed = lint(open_source(str(SEED_PDF_TEXT), SEED_PDF_TEXT.read_bytes()))
    doc, found = lint(open_source("res.docx", docx_from(seed[0])))
    expected, got = summary(*seed), summary(doc, found)
    for key in ("paragraphs", "notes", "refs", "phrases"):
        assert got[key] == expected[key], key

    def others(findings):
        return [f for f in findings if not f[0].startswith("TX") and f[0] != "PU009"]

    assert others(got["findings"]) == others(expected["findings"])
    doubled = [f for f in expected["findings"] if f[0] == "TX004"]
    assert len([f for f in got["findings"] if f[0] == "PU009"]) == len(doubled) > 0


# ---- Word features built by hand

def _document(body_xml: str, notes: list | None = None, styles_xml: str = "") -> bytes:
    """A .docx whose body is ``body_xml`` (paragraph XML), with the test list and footnotes."""
    document = docx.Document()
    _add_list(document)
    body = document.element.body
    for p in parse_xml(f"<w:body {W}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, p)  # before sectPr
    if styles_xml:
        document.part.styles.element.append(parse_xml(styles_xml))
    _add_footnotes(document, notes or [])
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

@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04" + b"\x00" * 40, "not a readable .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "encrypted with a password"),
], ids=["broken-zip", "encrypted"])
def test_unreadable_word_files_are_refused(data, message):
    with pytest.raises(InputError, match=message):
        open_source("bad.docx", data)


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    with pytest.raises(InputError, match="no word/document.xml"):
        open_source("x.docx", buffer.getvalue())


def test_an_old_doc_file_is_refused():
    with pytest.raises(InputError, match=r"save it as \.docx"):
        open_source("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


# ---- made by a word processor

def test_a_libreoffice_file_reads_with_its_numbers_and_notes():
    source = open_source(str(LIBREOFFICE_FIXTURE), LIBREOFFICE_FIXTURE.read_bytes())
    doc, found = lint(source)
    assert [p.kind for p in doc.paragraphs] == ["preambular"] * 4 + ["operative"] * 3 + ["sub"] * 2 + [
        "operative"]
    assert [p.number for p in doc.paragraphs if p.kind != "preambular"] == ["1", "2", "3", "a", "b", "4"]
    assert [n.label for n in doc.notes] == ["1", "2", "3"]
    assert [r.label for r in doc.refs] == ["1", "2", "3", "2"]
    assert [doc.text[a:b] for a, b in (p.phrase for p in doc.paragraphs if p.phrase)][:5] == [
        "Reaffirming", "Reaffirming also", "Recalling", "Recognizing", "Takes note with appreciation"]
    assert {d.code for d in found} == {"CI001", "CI002"}  # the seed's two findings in this part


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_file_saved_again_by_libreoffice_reads_the_same(tmp_path, seed, seed_docx):
    data, _ = seed_docx
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "draft.docx").write_bytes(data)
    done = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"),
         str(tmp_path / "in" / "draft.docx")],
        capture_output=True, timeout=180,
    )
    converted = tmp_path / "out" / "draft.docx"
    assert converted.is_file(), done.stderr.decode(errors="replace")
    assert converted.read_bytes() != data
    doc, found = lint(open_source(str(converted), converted.read_bytes()))
    assert summary(doc, found) == summary(*seed)
