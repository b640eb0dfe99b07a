"""Word out (--format docx): the findings as comments and the fixes as tracked changes in a copy
of the .docx, the input untouched."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone

import pytest

docx = pytest.importorskip("docx")
from lxml import etree  # noqa: E402 - python-docx's own XML library

from test_reader_docx import (  # noqa: E402
    LIBREOFFICE_FIXTURE,
    PASSWORD_FIXTURE,
    SEED_MD,
    SEED_PDF_TEXT,
    _reviewed_draft,
    docx_from,
    lint,
    open_source,
)
from unlint import fixes  # noqa: E402
from unlint.cli import main  # noqa: E402
from unlint.engine import lint_document  # noqa: E402
from unlint.output.word import review  # noqa: E402
from unlint.parse import parse  # noqa: E402
from unlint.readers import marks, read, read_bytes  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import Source  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2026, 12, 5, tzinfo=timezone.utc)


def _findings(name: str, data: bytes):
    source, reading = read_bytes(name, data)
    return source, lint_document(parse(source, reading), Settings(), tracked=True)


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _commented(data: bytes) -> dict[str, str]:
    """Comment id -> the text its range covers in the body (deleted text included)."""
    body = _part(data, "word/document.xml")
    open_ids: list[str] = []
    out: dict[str, str] = {}
    for e in body.iter():
        if e.tag == W + "commentRangeStart":
            open_ids.append(e.get(W + "id"))
            out[e.get(W + "id")] = ""
        elif e.tag == W + "commentRangeEnd":
            open_ids.remove(e.get(W + "id"))
        elif e.tag in (W + "t", W + "delText") and e.getparent().getparent().tag != W + "ins":
            for i in open_ids:
                out[i] += e.text or ""
        elif e.tag == W + "footnoteReference":
            for i in open_ids:
                out[i] += "<ref>"
    return out


def _accept(data: bytes) -> bytes:
    """The file with every tracked change accepted, as Word's Accept All does."""
    parts = {}
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = parts[name] = _part(data, name)
        for d in list(root.iter(W + "del")):
            d.getparent().remove(d)
        for i in list(root.iter(W + "ins")):
            parent, at = i.getparent(), i.getparent().index(i)
            for child in list(i):
                parent.insert(at, child)
                at += 1
            parent.remove(i)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w") as new:
        for item in z.infolist():
            root = parts.get(item.filename)
            new.writestr(item, z.read(item.filename) if root is None else
                         etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return out.getvalue()


def _markdown_fixed(source: Source):
    def again(text: str):
        src = Source(source.path, text, source.has_bom, source.encoding)
        return lint_document(parse(src, read(src)), Settings())

    result = fixes.fix_until_stable(source.text, again, True)
    fixed = Source(source.path, result.text)
    return parse(fixed, read(fixed))


@pytest.mark.parametrize("seed", [SEED_MD, SEED_PDF_TEXT], ids=["draft", "resolution"])
def test_each_finding_is_a_comment_on_its_own_text(seed):
    doc, _ = lint(open_source(str(seed), seed.read_bytes()))
    data = docx_from(doc)
    source, found = _findings("seed.docx", data)
    out, _ = review("seed.docx", data, found, when=WHEN)
    comments = docx.Document(io.BytesIO(out)).comments
    assert len(list(comments)) == len(found) > 5
    covered = _commented(out)
    for d, comment in zip(found, comments):
        assert comment.author == "unlint"
        assert comment.text.startswith(f"{d.code} [{d.rule}] {d.message}")
        place = source.locate(d.start)
        wanted = source.text[d.start : d.end].translate(marks.superscript_digits())  # typed "22"
        if place.kind == "footnote":
            assert covered[str(comment.comment_id)] == "<ref>"  # on the note's reference
        elif "\t" not in wanted and "\n" not in wanted:
            assert covered[str(comment.comment_id)] == wanted, d


def test_fixes_as_tracked_changes_give_the_text_that_fix_gives():
    seed = open_source(str(SEED_MD), SEED_MD.read_bytes())
    doc, _ = lint(seed)
    data = docx_from(doc)
    _, found = _findings("seed.docx", data)
    out, written = review("seed.docx", data, found, "unsafe", when=WHEN)
    assert written == 7  # one in a footnote
    body = _part(out, "word/document.xml")
    changes = list(body.iter(W + "ins")) + list(body.iter(W + "del"))
    assert changes and all(c.get(W + "author") == "unlint" and c.get(W + "date") == "2026-12-05T00:00:00Z"
                           for c in changes)
    # formatting kept: the italic opening phrases are still italic runs
    italic = [r for r in body.iter(W + "r") if r.find(f"{W}rPr/{W}i") is not None]
    assert len(italic) >= len([p for p in doc.paragraphs if p.phrase])
    accepted = read_bytes("accepted.docx", _accept(out))
    accepted_doc = parse(*accepted)
    fixed = _markdown_fixed(seed)
    assert [p.text for p in accepted_doc.paragraphs] == [p.text for p in fixed.paragraphs]
    assert [n.text for n in accepted_doc.notes] == [n.text for n in fixed.notes]
    assert [n.text for n in accepted_doc.notes] != [n.text for n in doc.notes]  # a note was fixed
    # without --unsafe-fixes only the safe ones
    _, safe = review("seed.docx", data, found, "safe", when=WHEN)
    assert 0 < safe < written


def test_existing_comments_and_revisions_are_kept():
    data = _reviewed_draft()
    _, found = _findings("draft.docx", data)
    out, _ = review("draft.docx", data, found, when=WHEN)
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert [c.author for c in comments].count("Chair") == 1
    assert len({c.comment_id for c in comments}) == len(comments) == len(found) + 1
    body = _part(out, "word/document.xml")
    assert [d.get(W + "author") for d in body.iter(W + "del")] == ["Editor"]
    assert [d.get(W + "author") for d in body.iter(W + "ins")] == ["Editor"]


def test_a_libreoffice_file_comes_back_readable():
    data = LIBREOFFICE_FIXTURE.read_bytes()
    source, found = _findings("lo.docx", data)
    out, _ = review("lo.docx", data, found, when=WHEN)
    assert len(list(docx.Document(io.BytesIO(out)).comments)) == len(found) > 0
    again, _ = read_bytes("lo.docx", out)  # comments do not change the text Word shows
    assert again.text == source.text


def test_cli_writes_the_copy_and_leaves_the_input(tmp_path, capsys):
    doc, _ = lint(open_source(str(SEED_MD), SEED_MD.read_bytes()))
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx_from(doc))
    before = draft.read_bytes()
    target = tmp_path / "reviewed.docx"
    assert main(["--isolated", "--no-cache", "--fix", "--format", "docx", "-o", str(target), str(draft)]) == 1
    out = capsys.readouterr().out
    assert f"Wrote {target}: 11 comments, 3 fixes as tracked changes" in out
    assert draft.read_bytes() == before
    assert len(list(docx.Document(str(target)).comments)) == 11
    # --fix alone does not touch a Word file, and says how to fix it
    assert main(["--isolated", "--no-cache", "--fix", str(draft)]) == 1
    assert "a Word file is fixed in a copy, as tracked changes" in capsys.readouterr().err
    assert draft.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["--format", "docx", "X"], "--format docx writes a Word file: give -o reviewed.docx"),
    (["--format", "docx", "-o", "out.docx", "X", "X"], "--format docx reviews one Word file"),
])
def test_cli_usage(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_bad_input_gets_one_line_and_nothing_is_written(tmp_path, capsys):
    target = tmp_path / "out.docx"
    text = tmp_path / "draft.md"
    text.write_text(SEED_MD.read_text(encoding="utf-8"), encoding="utf-8")
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    macros = tmp_path / "macros.docx"
    with zipfile.ZipFile(io.BytesIO(_reviewed_draft())) as z, zipfile.ZipFile(macros, "w") as new:
        for item in z.infolist():
            content = z.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            new.writestr(item, content)
        new.writestr("word/vbaProject.bin", b"\x00" * 10)
    unrelated = tmp_path / "no-rels.docx"  # read for linting, but python-docx cannot open it
    with zipfile.ZipFile(io.BytesIO(_reviewed_draft())) as z, zipfile.ZipFile(unrelated, "w") as new:
        for item in z.infolist():
            if item.filename != "_rels/.rels":
                new.writestr(item, z.read(item.filename))
    for path, message in ((text, "--format docx reviews a Word file (.docx); this is not one"),
                          (damaged, "not a readable .docx file"),
                          (PASSWORD_FIXTURE, "the Word file is encrypted with a password"),
                          (macros, "a macro-enabled Word file"),
                          (unrelated, "without the package relationships (_rels/.rels)")):
        assert main(["--isolated", "--no-cache", "--format", "docx", "-o", str(target), str(path)]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
        assert not target.exists()


def test_the_copy_converts_in_libreoffice(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: the reviewed copy is checked with python-docx only")
    doc, _ = lint(open_source(str(SEED_MD), SEED_MD.read_bytes()))
    data = docx_from(doc)
    _, found = _findings("seed.docx", data)
    out, _ = review("seed.docx", data, found, "unsafe", when=WHEN)
    (tmp_path / "reviewed.docx").write_bytes(out)
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "reviewed.docx")],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "reviewed.pdf").read_bytes().startswith(b"%PDF")
