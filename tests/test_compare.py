"""`unlint compare` and --base: the alignment of a draft with its base text, and what the
change broke (the CP rules; their rule cases are in tests/cases/CP*.yaml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus
from unlint.cli import main
from unlint.compare import align, blocks, summary
from unlint.engine import lint_document
from unlint.parse import parse
from unlint.readers import read_bytes
from unlint.settings import Settings
from unlint.source import Source
from unlint.readers import read

ROOT = Path(__file__).resolve().parents[1]
DRAFT_2017 = ROOT / "examples" / "draft-crime-prevention-2017.md"
RESOLUTION_2018 = ROOT / "examples" / "resolution-73-186-pdf-extract.txt"


def load(path: Path):
    return parse(*read_bytes(str(path), path.read_bytes()))


def text_doc(text: str, name: str = "draft.txt"):
    source = Source(name, text)
    return parse(source, read(source, "text"))


def test_the_seeds_align_with_no_paragraph_lost():
    base, draft = load(DRAFT_2017), load(RESOLUTION_2018)
    pairs = align(base, draft)
    assert {p.base for p in pairs if p.base} == set(blocks(base))
    assert [p.draft for p in pairs if p.draft] == blocks(draft)  # in the draft's order
    out = summary(pairs, "2017", "2018")
    assert out.startswith("2017 -> 2018: 69 same, 76 changed, 0 moved, 19 added, 4 deleted\n")
    # read by hand: the 2018 text recalls the 2017 resolution, adds two paragraphs after PP4
    assert ("* PP1 changed: Reaffirming its resolutions 46/152 of 18 December 1991, 60/1 of 16 "
            "September 2005, 67/1 of 19 September 2012, 69/193 and 69/196 of 18 December 2014, "
            "70/178 and 70/182 of 17 December 2015, 71/209 of 19 December [-2016,-] {+2016 and "
            "72/196 of 19 December 2017,+}\n") in out
    assert "+ PP5 added: Reaffirming its resolution 73/183 of 17 December 2018" in out
    assert "+ PP6 added: Reaffirming also its resolution 73/185 of 17 December 2018" in out
    assert "- PP15 deleted: Noting the holding of the seventh session of the Conference of the States" in out
    assert "* PP5 -> PP7 changed:" in out


@needs_corpus
def test_a_draft_and_its_adopted_text_differ_by_the_sponsors_note():
    """A/80/L.18 was adopted as A/RES/80/112 unchanged; the draft's note on the sponsors goes."""
    base, draft = load(CORPUS / "A-80-L.18.txt"), load(CORPUS / "A-RES-80-112.txt")
    pairs = align(base, draft)
    assert summary(pairs, "L.18", "80/112").splitlines() == [
        "L.18 -> 80/112: 119 same, 0 changed, 0 moved, 0 added, 1 deleted",
        "- note * deleted: Any changes to the list of sponsors will be reflected in the official "
        "record of the meeting.",
    ]


BASE = """73/186. Strengthening the United Nations crime prevention and criminal justice programme

The General Assembly,

Recalling its resolution 72/196 of 19 December 2017,

1. Decides to act;

2. Requests the Office to assist States;

3. Invites States to implement the measures referred to in paragraph 2 above;

4. Encourages the Office to cooperate;

5. Requests the Secretary-General to report, under paragraphs 3 and 4 of the present resolution, to the General Assembly at its seventy-fourth session.
"""


def _edited(*edits: tuple[str, str]) -> str:
    text = BASE.replace("73/186. Strengthening", "A/C.3/74/L.12\nSeventy-fourth session\n\nStrengthening")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    return text


def _broken(base_text: str, draft_text: str, tmp_path) -> list[tuple[int, str]]:
    base = tmp_path / "base.txt"
    base.write_text(base_text, encoding="utf-8")
    draft = text_doc(draft_text)
    found = lint_document(draft, Settings(base=str(base), select=("CP",), input_format="text"))
    return [(draft.source.position(d.start)[0], d.code, draft.source.text[d.start:d.end]) for d in found]


def renumber(text: str) -> str:
    count = iter(range(1, 100))
    return re.sub(r"(?m)^\d+\. ", lambda m: f"{next(count)}. ", text)


def test_an_inserted_paragraph_leaves_stale_references(tmp_path):
    draft = renumber(_edited(("1. Decides to act;", "1. Welcomes the report;\n\n1. Decides to act;"),
                             ("seventy-fourth session.", "seventy-fifth session."),
                             ("Recalling its resolution 72/196 of 19 December 2017,",
                              "Recalling its resolutions 72/196 of 19 December 2017 and 73/186 of 17 December 2018,")))
    assert _broken(BASE, draft, tmp_path) == [
        (16, "CP001", "2"),  # "paragraph 2 above": the base's 2 is the draft's 3
        (20, "CP001", "3"), (20, "CP001", "4"),  # "paragraphs 3 and 4"
    ]


def test_references_updated_with_the_paragraphs_are_not_reported(tmp_path):
    draft = renumber(_edited(("1. Decides to act;", "1. Welcomes the report;\n\n1. Decides to act;"),
                             ("paragraph 2 above", "paragraph 3 above"),
                             ("paragraphs 3 and 4", "paragraphs 4 and 5"),
                             ("seventy-fourth session.", "seventy-fifth session."),
                             ("resolution 72/196 of 19 December 2017,", "resolution 73/186 of 17 December 2018,")))
    assert _broken(BASE, draft, tmp_path) == []


def test_a_deleted_and_a_moved_paragraph(tmp_path):
    draft = renumber(_edited(("2. Requests the Office to assist States;\n\n", ""),
                             ("4. Encourages the Office to cooperate;\n\n", ""),
                             ("1. Decides to act;", "1. Encourages the Office to cooperate;\n\n1. Decides to act;")))
    pairs = align(text_doc(BASE), text_doc(draft))
    assert [(p.status, p.base and p.base.label, p.draft and p.draft.label) for p in pairs
            if p.status != "same"] == [("deleted", "OP2", None), ("moved", "OP4", "OP1")]
    assert sorted(_broken(BASE, draft, tmp_path)) == [
        (8, "CP003", "Recalling"),  # 73/186 itself is not recalled
        (14, "CP001", "2"),  # "paragraph 2 above": deleted
        (16, "CP001", "4"),  # "paragraphs 3 and 4": 3 is still 3, 4 moved up to 1
        (16, "CP002", "seventy-fourth session"),  # as in a seventy-third-session text
    ]


def test_compare_command_text_and_json(tmp_path, capsys):
    base = tmp_path / "base.txt"
    base.write_text(BASE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(renumber(_edited(("1. Decides to act;", "1. Welcomes the report;\n\n1. Decides to act;"))),
                     encoding="utf-8")
    assert main(["compare", "--isolated", str(base), str(draft)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{base} -> {draft}: 6 same, 0 changed, 0 moved, 1 added, 0 deleted\n"
                          f"= the same text, renumbered: OP1 -> OP2, OP2 -> OP3, OP3 -> OP4, OP4 -> OP5, "
                          f"OP5 -> OP6\n")
    assert "+ OP1 added: Welcomes the report;" in out
    assert "What the change broke:" in out and "CP001 [*] [stale-paragraph-reference]" in out
    assert main(["compare", "--isolated", "--format", "json", str(base), str(draft)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema_version"] == 1
    assert report["counts"] == {"same": 6, "changed": 0, "moved": 0, "added": 1, "deleted": 0}
    assert {f["code"] for f in report["findings"]} == {"CP001", "CP002", "CP003"}
    assert [a["status"] for a in report["alignment"]].count("added") == 1
    # a base that cannot be read: one line, exit 2
    assert main(["compare", str(tmp_path / "missing.txt"), str(draft)]) == 2
    assert "missing.txt: No such file or directory" in capsys.readouterr().err


def test_base_option_and_only_changed(tmp_path, capsys):
    base = tmp_path / "base.txt"
    base.write_text(BASE.replace("to assist States;", "to assist States ;"), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(_edited(("to assist States;", "to assist States ;"),
                             ("4. Encourages the Office to cooperate;", "4. Encourages the Office to cooperate ;"),
                             ("seventy-fourth session.", "seventy-fifth session."),
                             ("resolution 72/196 of 19 December 2017,", "resolution 73/186 of 17 December 2018,")),
                     encoding="utf-8")
    main(["--isolated", "--no-cache", "--select", "PU004", str(draft)])
    assert capsys.readouterr().out.count("PU004") == 2  # the space before ";" in OP2 and OP4
    main(["--isolated", "--select", "PU004,CP", "--base", str(base), "--only-changed", str(draft)])
    out = capsys.readouterr().out
    assert out.count("PU004") == 1 and ":16:" in out  # OP4 changed; OP2 is the base's own
    assert main(["--isolated", "--only-changed", str(draft)]) == 2
    assert "--only-changed needs --base FILE" in capsys.readouterr().err
    assert main(["--isolated", "--base", str(tmp_path / "nope.txt"), str(draft)]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("path", [DRAFT_2017, RESOLUTION_2018])
def test_a_text_compared_with_itself_is_all_the_same(path):
    doc = load(path)
    pairs = align(doc, doc)
    assert {p.status for p in pairs} == {"same"}


def test_compare_side_by_side_page(tmp_path, capsys):
    from html.parser import HTMLParser

    base = tmp_path / "base.txt"
    base.write_text(BASE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(renumber(_edited(("1. Decides to act;", "1. Welcomes the <script>report</script>;\n\n"
                                                             "1. Decides to act;"),
                                      ("to cooperate;", "to cooperate closely;"))), encoding="utf-8")
    page = tmp_path / "compare.html"
    assert main(["compare", "--isolated", "--format", "html", "-o", str(page), str(base), str(draft)]) == 1
    html = page.read_text(encoding="utf-8")
    rows = []

    class Rows(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "tr" and attrs:
                rows.append(dict(attrs)["class"])

    Rows().feed(html)
    assert rows == ["same", "added", "same", "same", "same", "changed", "same"]
    assert "<script>" not in html and "&lt;script&gt;report&lt;/script&gt;" in html
    assert html.count("<del>") == html.count("<ins>") == 1  # only the changed row has marks
    assert "to <del>cooperate;</del>" in html and "to <ins>cooperate closely;</ins>" in html
    assert html.count('class="finding"') == 5  # the CP findings, under their rows


def _seed_with_references() -> str:
    """The 2017 draft with two references added: paragraph 20 to paragraph 12, paragraph 25 to
    paragraphs 3 to 5."""
    text = DRAFT_2017.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(20\. \*Calls upon\* Member States)", r"\1, in the light of paragraph 12 above,", text)
    return re.sub(r"(?m)^(25\. \*Expresses concern\*)", r"\1, further to paragraphs 3 to 5 of the present "
                  r"resolution,", text)


def _renumbered_md(text: str) -> str:
    count = iter(range(1, 200))
    return re.sub(r"(?m)^\d{1,3}\. (?=\*)", lambda m: f"{next(count)}. ", text)


@pytest.mark.parametrize("edit, expected", [
    # a paragraph inserted after paragraph 10: 12 is now 13; 3 to 5 did not move
    ("insert", ["paragraph 12 of the base text is paragraph 13 of the draft (same)"]),
    # paragraph 12 moved to the end of the operative part
    ("move", ["paragraph 12 of the base text is paragraph 57 of the draft (moved)"]),
    # paragraph 4 deleted: 12 is 11, and 4 of "3 to 5" is gone, 5 is 4
    ("delete", ["paragraph 12 of the base text is paragraph 11 of the draft (same)",
                "paragraph 4 of the base text is deleted in the draft",
                "paragraph 5 of the base text is paragraph 4 of the draft (same)"]),
])
def test_synthetic_edits_on_the_seed(edit, expected, tmp_path):
    base_text = _seed_with_references()
    lines = base_text.split("\n")
    at = {int(m.group(1)): i for i, line in enumerate(lines) if (m := re.match(r"(\d{1,3})\. \*", line))}
    if edit == "insert":
        lines[at[10]:at[10] + 1] = [lines[at[10]], "", "10. *Welcomes* the new paragraph;"]
    elif edit == "move":
        moved = lines[at[12]]
        lines[at[12]] = ""
        lines[at[57]:at[57] + 1] = [lines[at[57]], "", moved]
    else:
        lines[at[4]] = ""
    draft_text = _renumbered_md("\n".join(lines))
    base = tmp_path / "base.md"
    base.write_text(base_text, encoding="utf-8")
    source = Source("draft.md", draft_text)
    draft = parse(source, read(source, "markdown"))
    found = lint_document(draft, Settings(base=str(base), select=("CP001",)))
    assert sorted(d.message.split(":")[0] for d in found) == expected
    # the same edit with the references updated: nothing to report
    fixed = draft_text
    for d in sorted(found, key=lambda d: -d.start):
        if d.fix is not None:
            fixed = fixed[: d.start] + d.fix.edits[0].content + fixed[d.end:]
    if edit != "delete":
        again = Source("draft.md", fixed)
        assert lint_document(parse(again, read(again, "markdown")),
                             Settings(base=str(base), select=("CP001",))) == []
