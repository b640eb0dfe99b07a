"""``--baseline FILE``: record today's findings, then report only new ones.

Findings come from TD001 ("TODO " markers) of tests/fixtures/plugins/unlint_demo_rules.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unlint.cli import main

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
OLD = """The General Assembly,

1. Decides TODO to act;

2. Requests TODO a report;

3. Decides TODO to remain seized of the matter.
"""


@pytest.fixture
def archive(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nselect: [TD001]\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text(OLD.replace("act", "proceed"), encoding="utf-8")
    return tmp_path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def record(capsys, *paths):
    return run(capsys, "--baseline", "baseline.json", "--update-baseline", *(paths or ("docs",)))


def test_a_missing_baseline_is_an_error_not_a_silent_pass(archive, capsys):
    code, out, err = run(capsys, "--baseline", "baselin.json", "docs")
    assert code == 2
    assert err == "unlint: error: baselin.json: baseline file not found; create it with --update-baseline\n"


def test_record_then_only_new_findings(archive, capsys):
    code, out, _ = record(capsys)
    assert code == 0  # recording is not a failure
    assert out.splitlines()[-1] == "Recorded 6 findings in baseline.json (6 findings in all)"
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(data["files"]) == ["docs/a.md", "docs/b.md"]  # relative to the baseline's folder
    assert {e["code"] for e in data["files"]["docs/a.md"]} == {"TD001"} and len(data["files"]["docs/a.md"]) == 3

    code, out, _ = run(capsys, "--baseline", "baseline.json", "docs")
    assert code == 0
    assert out.splitlines() == ["All checks passed (2 files)", "6 findings recorded in the baseline not shown"]

    # edits elsewhere (a new paragraph above, lines shifted, paragraphs renumbered) keep it valid ...
    text = OLD.replace("1. Decides TODO to act;", "1. Notes the report;\n\n2. Decides TODO to act;")
    text = text.replace("2. Requests", "3. Requests").replace("3. Decides TODO to remain", "4. Decides TODO to remain")
    (archive / "docs" / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", "baseline.json", "docs")
    assert (code, out.splitlines()[0]) == (0, "All checks passed (2 files)")
    # ... and a new finding is reported alone
    (archive / "docs" / "a.md").write_text(text + "\n5. Invites TODO the States;\n", encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", "baseline.json", "docs")
    assert code == 1
    assert [line for line in out.splitlines() if ": TD001 " in line] == [
        "docs/a.md:11:12: TD001 [*] [todo-marker] TODO marker left in the text"]


def test_editing_the_flagged_line_reports_it_again(archive, capsys):
    record(capsys)
    text = OLD.replace("2. Requests TODO a report;", "2. Requests TODO an annual report;")
    (archive / "docs" / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", "baseline.json", "docs")
    assert code == 1 and "docs/a.md:5:13: TD001" in out


def test_identical_findings_are_counted(archive, capsys):
    (archive / "docs" / "a.md").write_text("1. Decides TODO to act;\n\n1. Decides TODO to act;\n", encoding="utf-8")
    record(capsys, "docs/a.md")
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert [e["count"] for e in data["files"]["docs/a.md"]] == [2]
    (archive / "docs" / "a.md").write_text("1. Decides TODO to act;\n\n1. Decides TODO to act;\n\n"
                                           "1. Decides TODO to act;\n", encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", "baseline.json", "docs/a.md")
    assert code == 1 and out.count(": TD001 ") == 1


def test_updating_with_some_files_keeps_the_others(archive, capsys):
    record(capsys)
    (archive / "docs" / "a.md").write_text("Nothing left.\n", encoding="utf-8")
    code, out, _ = record(capsys, "docs/a.md")
    assert out.splitlines()[-1] == "Recorded 0 findings in baseline.json (3 findings in all)"
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(data["files"]) == ["docs/b.md"]


def test_baseline_found_from_another_folder(archive, capsys, monkeypatch):
    record(capsys)
    monkeypatch.chdir(archive / "docs")
    code, out, _ = run(capsys, "--baseline", "../baseline.json", "a.md")
    assert (code, out.splitlines()[0]) == (0, "All checks passed (1 file)")


def test_a_broken_baseline_is_an_error(archive, capsys):
    (archive / "baseline.json").write_text('{"version": 1, "files": []}', encoding="utf-8")
    code, _, err = run(capsys, "--baseline", "baseline.json", "docs")
    assert code == 2 and err.startswith("unlint: error: baseline.json: not an unlint baseline file")


def test_update_baseline_needs_baseline(archive, capsys):
    code, _, err = run(capsys, "--update-baseline", "docs")
    assert code == 2 and "--update-baseline needs --baseline FILE" in err


def test_baseline_with_json_output_and_fix(archive, capsys):
    record(capsys)
    (archive / "docs" / "a.md").write_text(OLD + "\n4. Invites TODO the States.\n", encoding="utf-8")
    code, out, err = run(capsys, "--baseline", "baseline.json", "--format", "json", "docs")
    report = json.loads(out)
    assert [(f["path"], len(f["diagnostics"])) for f in report["files"]] == [("docs/a.md", 1), ("docs/b.md", 0)]
    assert err == "6 findings recorded in the baseline not shown\n"  # stdout stays JSON
    # --fix with a baseline fixes only the new finding: the recorded ones stay as they are
    code, out, _ = run(capsys, "--baseline", "baseline.json", "--fix", "docs")
    assert (archive / "docs" / "a.md").read_text(encoding="utf-8") == OLD + "\n4. Invites the States.\n"
    assert code == 0


def test_a_symlinked_baseline_stays_a_link(archive, capsys):
    """Teams keep the baseline in a shared place and link it: the file it names is updated."""
    (archive / "shared").mkdir()
    (archive / "baseline.json").symlink_to(archive / "shared" / "team-baseline.json")
    code, out, _ = record(capsys)
    assert code == 0 and (archive / "baseline.json").is_symlink()
    data = json.loads((archive / "shared" / "team-baseline.json").read_text(encoding="utf-8"))
    assert sorted(data["files"]) == ["docs/a.md", "docs/b.md"]


def test_a_slip_added_beside_an_old_one_is_the_one_reported(archive, capsys):
    """Two doubled spaces on one line share the line's key: the one added is reported, the
    one recorded stays hidden, whichever comes first on the line (issue 19)."""
    text = (Path(__file__).resolve().parents[1] / "examples" / "resolution-73-186-pdf-extract.txt").read_text(
        encoding="utf-8")
    line = " Reaffirming its commitment and strong political will  in support of effective, fair, "
    assert line in text
    (archive / "docs" / "r.txt").write_text(text, encoding="utf-8")
    assert record(capsys, "--select", "TX004", "docs/r.txt")[0] == 0
    for old, new, column in (("commitment and", "commitment  and", 28), ("in support", "in  support", 58)):
        (archive / "docs" / "r.txt").write_text(text.replace(line, line.replace(old, new)), encoding="utf-8")
        code, out, _ = run(capsys, "--select", "TX004", "--baseline", "baseline.json", "docs/r.txt")
        assert code == 1 and out.count("TX004") == 1 and f"r.txt:174:{column}: TX004" in out
