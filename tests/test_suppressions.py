"""Suppression comments in Markdown (``<!-- unlint-disable ... -->``) and ``per-file-ignores``.

The findings are ST002 [operative-ending] (built in, with a safe fix) and, where a plugin is
needed, TD001 from tests/fixtures/plugins/unlint_demo_rules.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unlint.cli import main
from unlint.engine import lint_source
from unlint.settings import Settings
from unlint.source import Source

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
HEAD = "The General Assembly,\n\n*Recalling* its resolution 70/1 of 25 September 2015,\n\n"
OP1 = "1. *Decides* to proclaim 5 September the International Day of Charity.\n"  # ST002: should end ";"
OP2 = "2. *Requests* a report;\n"  # ST002: the last should end "."
ST = Settings(select=("ST", "UL"))


def lint(text: str, settings: Settings = ST, path: str = "draft.md"):
    source = Source(path, text)
    return [(source.position(d.start)[0], d.code, d.message) for d in lint_source(source, settings)]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_without_comments_both_findings():
    assert [(line, code) for line, code, _ in lint(HEAD + OP1 + "\n" + OP2)] == [(5, "ST002"), (7, "ST002")]


def test_disable_next_line():
    text = HEAD + "<!-- unlint-disable-next-line ST002 -->\n" + OP1 + "\n" + OP2
    assert [(line, code) for line, code, _ in lint(text)] == [(line_of(text, "2. "), "ST002")]


def test_disable_until_enable_and_to_the_end():
    text = HEAD + "<!-- unlint-disable ST002 -->\n\n" + OP1 + "\n<!-- unlint-enable ST002 -->\n\n" + OP2
    assert [code for _, code, _ in lint(text)] == ["ST002"]
    assert lint(text)[0][0] == line_of(text, "2. ")
    text = HEAD + "<!-- unlint-disable ST002 -->\n\n" + OP1 + "\n" + OP2
    assert lint(text) == []


def test_a_bare_enable_ends_every_disable_and_codes_may_be_prefixes_with_a_reason():
    text = (HEAD + "<!-- unlint-disable ST,PU -- agreed language, see the note -->\n\n" + OP1
            + "\n<!-- unlint-enable -->\n\n" + OP2)
    found = lint(text, Settings(select=("ST", "UL")))  # PU did not run: its code is not "unused"
    assert [(line, code) for line, code, _ in found] == [(line_of(text, "2. "), "ST002")]
    found = lint(text, Settings(select=("ST", "PU", "UL")))
    assert (5, "UL004", "unused suppression: PU found nothing to suppress in its range") in found


def test_unknown_code_and_directive_are_reported():
    text = (HEAD + "<!-- unlint-disable ST02 -->\n\n<!-- unlint-disabel ST002 -->\n\n"
            "<!-- unlint-disable-next-line -->\n" + OP1 + "\n" + OP2)
    found = lint(text)
    assert [(line, code) for line, code, _ in found if code == "UL003"] == [(5, "UL003"), (7, "UL003"), (9, "UL003")]
    messages = [m for _, code, m in found if code == "UL003"]
    assert messages[0] == "unknown rule code 'ST02' in suppression; 'unlint rules' lists the codes"
    assert messages[1].startswith("unknown suppression 'unlint-disabel' (did you mean 'unlint-disable'?)")
    assert messages[2].startswith("unlint-disable-next-line needs the codes to disable")
    assert [code for _, code, _ in found].count("ST002") == 2  # none of them suppressed anything


def test_enable_without_disable_is_reported():
    text = HEAD + OP1 + "\n<!-- unlint-enable ST002 -->\n\n" + OP2
    assert (7, "UL003", "unlint-enable ends no unlint-disable") in lint(text)


def test_unused_suppression_is_reported_with_a_fix(tmp_path, monkeypatch, capsys):
    clean = OP1.replace("Charity.", "Charity;")
    text = HEAD + "<!-- unlint-disable-next-line ST002,ST001 -->\n" + clean + "\n" + OP2.replace(";", ".")
    found = lint(text)
    assert [(line, code) for line, code, _ in found] == [(5, "UL004"), (5, "UL004")]
    assert found[0][2] == "unused suppression: ST002 found nothing to suppress on the next line"
    # --fix removes the whole comment line (every code in it is unused)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert main(["--isolated", "--select", "ST,UL", "--fix", "a.md"]) == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == HEAD + clean + "\n" + OP2.replace(";", ".")


def test_partly_used_suppression_loses_only_the_unused_code(tmp_path, monkeypatch):
    text = HEAD + "<!-- unlint-disable-next-line ST002, ST001 -->\n" + OP1 + "\n" + OP2.replace(";", ".")
    assert [(line, code) for line, code, _ in lint(text)] == [(5, "UL004")]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert main(["--isolated", "--select", "ST,UL", "--fix", "a.md"]) == 0
    assert "<!-- unlint-disable-next-line ST002 -->\n" in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_a_suppression_of_a_rule_that_did_not_run_is_not_unused():
    text = HEAD + "<!-- unlint-disable-next-line PU001 -->\n" + OP1.replace("Charity.", "Charity;") + "\n" + OP2.replace(";", ".")
    assert lint(text) == []  # PU is not selected: nothing to say about its suppression


def test_suppression_findings_follow_select_ignore_and_severity():
    text = HEAD + "<!-- unlint-disable ST02 -->\n\n" + OP1 + "\n" + OP2
    assert "UL003" not in [c for _, c, _ in lint(text, Settings(select=("ST",)))]
    assert "UL003" not in [c for _, c, _ in lint(text, Settings(select=("ST", "UL"), ignore=("UL003",)))]
    source = Source("draft.md", text)
    found = lint_source(source, Settings(select=("ST", "UL"), severity={"UL003": __import__("unlint").diagnostics.Severity.ERROR}))
    assert [d.severity.value for d in found if d.code == "UL003"] == ["error"]


def test_comments_are_directives_only_in_markdown():
    text = (HEAD + "<!-- unlint-disable-next-line ST002 -->\n" + OP1 + "\n" + OP2).replace("*", "")
    assert "UL004" not in [c for _, c, _ in lint(text, path="draft.txt")]


def test_suppressed_findings_are_not_fixed(tmp_path, monkeypatch):
    text = HEAD + "<!-- unlint-disable-next-line ST002 -->\n" + OP1 + "\n" + OP2
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert main(["--isolated", "--select", "ST", "--fix", "a.md"]) == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text.replace("a report;", "a report.")


def test_the_suppression_rules_are_documented(capsys):
    from unlint.suppressions import RULES

    for r in RULES:
        assert "**Why.**" in r.doc and "**Example.**" in r.doc


# ---- per-file-ignores

@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.chdir(tmp_path)
    body = "The General Assembly,\n\n1. Decides TODO now;\n"  # ST002: the last ends with "."
    for rel in ("draft.md", "annex-1.md", "archive/2019/old.md", "archive/2019/old.txt", "notes/annex-2.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


def found_by_file(capsys, *args) -> dict[str, list[str]]:
    main(["--format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    return {f["path"].replace("\\", "/"): sorted({d["code"] for d in f["diagnostics"]}) for f in report["files"]}


def test_per_file_ignores_in_yaml(tree, capsys):
    (tree / ".unlint.yaml").write_text(
        "plugins: [unlint_demo_rules]\nselect: [TD, ST002]\nper-file-ignores:\n"
        '  "archive/*": [TD, ST]\n  "annex-*": [TD001]\n', encoding="utf-8")
    assert found_by_file(capsys, ".") == {
        "annex-1.md": ["ST002"],
        "archive/2019/old.md": [],
        "archive/2019/old.txt": [],  # any input form
        "draft.md": ["ST002", "TD001"],
        "notes/annex-2.txt": ["ST002"],  # a pattern without "/" matches the name in any folder
    }


def test_per_file_ignores_in_pyproject_and_all(tree, capsys):
    (tree / "pyproject.toml").write_text(
        '[tool.unlint]\nplugins = ["unlint_demo_rules"]\nselect = ["TD", "ST002"]\n\n'
        '[tool.unlint.per-file-ignores]\n"archive/2019/*.txt" = ["ALL"]\n', encoding="utf-8")
    found = found_by_file(capsys, "archive")
    assert found == {"archive/2019/old.md": ["ST002", "TD001"], "archive/2019/old.txt": []}


def test_per_file_ignores_match_the_stdin_filename(tree, capsys, monkeypatch):
    import io

    (tree / ".unlint.yaml").write_text(
        'plugins: [unlint_demo_rules]\nselect: [TD]\nper-file-ignores:\n  "archive/*": [TD]\n', encoding="utf-8")

    class Stdin:
        buffer = io.BytesIO(b"1. Decides TODO now;\n")

    monkeypatch.setattr("sys.stdin", Stdin)
    assert found_by_file(capsys, "--stdin-filename", "archive/new.md") == {"archive/new.md": []}


@pytest.mark.parametrize("value, problem", [
    ("[PU]", ".unlint.yaml:2: per-file-ignores must be a mapping of file pattern to code prefixes"),
    ('\n  "x/*": PU', ".unlint.yaml:3: per-file-ignores of 'x/*' must be a non-empty list"),
    ('\n  "x/*": [pu]', ".unlint.yaml:3: per-file-ignores of 'x/*': 'pu' is not a rule code"),
])
def test_per_file_ignores_errors_name_the_line(tree, capsys, value, problem):
    (tree / ".unlint.yaml").write_text(f"select: [ST]\nper-file-ignores: {value}\n", encoding="utf-8")
    assert main(["draft.md"]) == 2
    assert capsys.readouterr().err.startswith(f"unlint: error: {problem}")


def test_disable_comment_directly_above_a_preambular_paragraph():
    """No blank line around the comment: it is not part of either paragraph, so the paragraph
    above keeps its own finding and only the one below is suppressed."""
    text = ("The General Assembly,\n\n"
            "*Recalling* its resolution 70/1 of 25 September 2015.\n"  # ST003: should end ","
            "<!-- unlint-disable-next-line ST003 -- the agreed text -->\n"
            "*Noting* the report of the Secretary-General.\n"  # ST003 too, suppressed
            "\n1. *Decides* to remain seized of the matter.\n")
    assert [(line, code) for line, code, _ in lint(text)] == [(3, "ST003")]
    unsuppressed = text.replace("unlint-disable-next-line ST003", "checked")
    assert [(line, code) for line, code, _ in lint(unsuppressed)] == [(3, "ST003"), (5, "ST003")]
    above = "The General Assembly,\n\n<!-- unlint-disable ST003 -->\n" + unsuppressed.split("\n\n", 1)[1]
    assert lint(above) == []


# ---- per-file-ignores in a place: CODE@PLACE (unlint/ranges.py)

DRAFT = "\n".join([
    "The General Assembly,", "",
    "*Recalling* its resolution 70/1 of 25 September 2015,", "",  # line 3, PP1
    "*Noting* the work of the United Office on Drugs and Crime,", "",  # line 5, PP2: EN001
    "1. *Decides* to act;", "",  # line 7, OP1
    "2. *Requests* the United Office on Drugs and Crime to report;", "",  # line 9, OP2: EN001
    "   (a) by the United Office on Drugs and Crime;", "",  # line 11, OP2 (a): EN001
    "3. *Invites* the United Office on Drugs and Crime to act.[^1]", "",  # line 13, OP3: EN001
    "[^1]: See the United Office on Drugs and Crime.", "",  # line 15, note 1: EN001
])


@pytest.mark.parametrize("entries, lines", [
    ([], [5, 9, 11, 13, 15]),
    (["EN001@9-11"], [5, 13, 15]),  # lines of the file
    (["EN001@13"], [5, 9, 11, 15]),
    (["EN@OP2"], [5, 13, 15]),  # an operative paragraph with its sub-paragraph
    (["EN001 @ OP2-OP3"], [5, 15]),
    (["ALL@PP2"], [9, 11, 13, 15]),  # preambular paragraphs are counted
    (["EN@fn1"], [5, 9, 11, 13]),  # the text of footnote 1
    (["ST@OP2"], [5, 9, 11, 13, 15]),  # another rule: nothing skipped
    (["EN001@OP9"], [5, 9, 11, 13, 15]),  # no such paragraph
])
def test_per_file_ignores_in_a_place(tmp_path, monkeypatch, capsys, entries, lines):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text(f"select: [EN001]\nper-file-ignores:\n  draft.md: {entries}\n"
                                           if entries else "select: [EN001]\n", encoding="utf-8")
    main(["--no-cache", "--format", "json", "draft.md"])
    found = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert [d["line"] for d in found] == lines
    assert {d["code"] for d in found} == {"EN001"}


@pytest.mark.parametrize("entries, found", [
    ([], ["p2:14:12"]),
    (["EN003@p2"], []),
    (["EN003@p1-p3"], []),
    (["EN003@p1"], ["p2:14:12"]),
    (["EN003@PP7"], []),  # the seventh preambular paragraph: in a PDF too
    (["EN003@OP1-OP9"], ["p2:14:12"]),
])
def test_per_file_ignores_in_a_page_of_a_pdf(tmp_path, monkeypatch, capsys, entries, found):
    pytest.importorskip("pdfminer")
    from corpus import corpus_file

    monkeypatch.chdir(tmp_path)
    (tmp_path / "l5.pdf").write_bytes(corpus_file("A-C.3-80-L.5.pdf").read_bytes())
    config = {"select": ["EN003"], "per-file-ignores": {"*.pdf": entries}} if entries else {"select": ["EN003"]}
    (tmp_path / ".unlint.yaml").write_text(json.dumps(config), encoding="utf-8")
    main(["--no-cache", "--format", "concise", "l5.pdf"])
    out = capsys.readouterr().out
    assert [line.split(": ")[0].removeprefix("l5.pdf:") for line in out.splitlines() if line.startswith("l5.pdf")] \
        == found


def test_per_file_ignores_in_a_paragraph_of_a_word_file(tmp_path, monkeypatch, capsys):
    docx = pytest.importorskip("docx")
    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    for text in ("The General Assembly,", "Noting the United Office on Drugs and Crime,",
                 "1. Decides to ask the United Office on Drugs and Crime."):
        document.add_paragraph(text)
    document.save(tmp_path / "d.docx")
    (tmp_path / ".unlint.yaml").write_text("select: [EN001]\nper-file-ignores:\n  d.docx: [EN001@¶3]\n",
                                           encoding="utf-8")
    main(["--no-cache", "--format", "concise", "d.docx"])
    assert [line.split(": ")[0] for line in capsys.readouterr().out.splitlines() if "EN001" in line] \
        == ["d.docx:¶2:12"]


@pytest.mark.parametrize("value, problem", [
    ("[EN@OP]", "per-file-ignores of 'x.md': 'OP' is not a place (lines 12-40, pages p3-p5"),
    ("[EN@5-3]", "per-file-ignores of 'x.md': '5-3' is not a place"),
    ("[EN@0]", "per-file-ignores of 'x.md': '0' is not a place"),
    ("[EN@p2-OP3]", "per-file-ignores of 'x.md': 'p2-OP3' is not a place"),
    ("[XQ@OP3]", "per-file-ignores: no rule has the code or prefix 'XQ'"),
])
def test_per_file_ignores_bad_places(tmp_path, monkeypatch, capsys, value, problem):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text(f"per-file-ignores:\n  x.md: {value}\n", encoding="utf-8")
    assert main(["--no-cache", "x.md"]) == 2
    assert problem in capsys.readouterr().err
