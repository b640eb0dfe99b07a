"""``--fix``, ``--unsafe-fixes`` and ``--diff``: what is applied, re-linting until stable, and
writing the file back exactly as it was stored (encoding, BOM, line endings, mode), never over
a file that changed on disk meanwhile, never into text extracted from a PDF.

The rules come from tests/fixtures/plugins/unlint_fix_rules.py (FX001 "teh", safe; FX002
"shall", unsafe; FX003/FX004 overlap; FX005/FX006 undo each other; FX007 inserts a line break;
FX008 is built on the canonical text; FX009 edits the file on disk while it is linted).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from unlint import fixes
from unlint.cli import main
from unlint.diagnostics import Diagnostic, Edit, Fix, Severity
from unlint.source import Source, decode

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
TEXT = "The General Assembly,\n\n1. Decides teh matter and shall act;\n\n2. Requests teh report.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_fix_rules]\nselect: [FX]\n", encoding="utf-8")
    return tmp_path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---- apply_fixes and the loop, in-process

def d(start, end, content, applicability="safe", code="XX001"):
    return Diagnostic(code, "x", Severity.WARNING, "m", start, end, Fix("t", (Edit(start, end, content),), applicability))


def test_apply_fixes_skips_overlaps_and_display_only():
    text = "abcdefghij"
    got = fixes.apply_fixes(text, [d(0, 3, "X"), d(2, 5, "Y"), d(6, 7, "Z", "display"), d(8, 9, "W", "unsafe")])
    assert got == ("Xdefghij", 1)
    assert fixes.apply_fixes(text, [d(8, 9, "W", "unsafe")], unsafe=True) == ("abcdefghWj", 1)


def test_two_insertions_at_one_point_are_not_both_applied():
    assert fixes.apply_fixes("ab", [d(1, 1, "X"), d(1, 1, "Y")]) == ("aXb", 1)
    assert fixes.apply_fixes("ab", [d(0, 1, "X"), d(1, 2, "Y")]) == ("XY", 2)  # adjacent, not overlapping


def test_a_fix_with_several_edits_is_all_or_nothing():
    both = Diagnostic("XX001", "x", Severity.WARNING, "m", 0, 1,
                      Fix("t", (Edit(0, 1, "A"), Edit(5, 6, "F"))))
    assert fixes.apply_fixes("abcdefgh", [both, d(4, 6, "Q")]) == ("AbcdeFgh", 1)


def test_line_breaks_in_a_fix_follow_the_file():
    assert fixes.apply_fixes("a x b\r\nc\r\n", [d(1, 4, "\n")]) == ("a\r\nb\r\nc\r\n", 1)
    assert fixes.apply_fixes("a x b\nc\n", [d(1, 4, "\n")]) == ("a\nb\nc\n", 1)


def test_fix_until_stable_reports_a_cycle():
    def lint(text):  # "a" -> "b" -> "a" ...
        i = text.find("a") if "a" in text else text.find("b")
        return [d(i, i + 1, "b" if text[i] == "a" else "a")]

    result = fixes.fix_until_stable("xa", lint)
    assert not result.converged and result.passes == 2


def test_fix_until_stable_gives_up_after_max_passes():
    result = fixes.fix_until_stable("x", lambda text: [d(0, 0, "y")], max_passes=3)
    assert (result.converged, result.applied, result.text) == (False, 3, "yyyx")


# ---- the command line

def test_fix_applies_safe_fixes_and_reports_what_remains(project, capsys):
    (project / "a.md").write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, "--fix", "a.md")
    assert (project / "a.md").read_text(encoding="utf-8") == TEXT.replace("teh", "the")
    lines = out.splitlines()
    assert lines[0] == "a.md:3:27: FX002 [shall] \"shall\" may be \"should\""
    assert lines[-2] == "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file"
    assert lines[-1] == "Applied 2 fixes to 1 file; 1 problem remains (1 fixable with --unsafe-fixes)"
    assert (code, err) == (0, "")  # the info finding left does not fail the run


def test_unsafe_fixes_apply_both(project, capsys):
    (project / "a.md").write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "--unsafe-fixes", "a.md")
    assert (project / "a.md").read_text(encoding="utf-8") == TEXT.replace("teh", "the").replace("shall", "should")
    assert out.splitlines()[-2:] == ["All checks passed (1 file)", "Applied 3 fixes to 1 file; 0 problems remain"]
    assert code == 0


def test_overlapping_fixes_are_applied_over_several_passes(project, capsys):
    (project / "a.md").write_text("The big cat sat.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--fix", "a.md")
    assert (project / "a.md").read_text(encoding="utf-8") == "The large feline sat.\n"
    assert out.splitlines()[-1] == "Applied 2 fixes to 1 file; 0 problems remain"
    assert code == 0


def test_fixes_that_do_not_converge_are_reported(project, capsys):
    (project / "a.md").write_text("A ping.\n", encoding="utf-8")
    code, out, err = run(capsys, "--fix", "a.md")
    assert "unlint: warning: a.md: the fixes did not converge after 2 passes" in err
    assert code == 1 and "FX00" in out


def test_diff_prints_a_patch_and_writes_nothing(project, capsys):
    (project / "a.md").write_text(TEXT, encoding="utf-8")
    before = (project / "a.md").stat().st_mtime_ns
    code, out, err = run(capsys, "--diff", "a.md")
    assert code == 1
    assert (project / "a.md").read_text(encoding="utf-8") == TEXT
    assert (project / "a.md").stat().st_mtime_ns == before
    assert out == ("--- a/a.md\n+++ b/a.md\n@@ -1,5 +1,5 @@\n The General Assembly,\n \n"
                   "-1. Decides teh matter and shall act;\n+1. Decides the matter and shall act;\n \n"
                   "-2. Requests teh report.\n+2. Requests the report.\n")
    assert err == "Would apply 2 fixes to 1 file; 1 problem would remain\n"
    if shutil.which("git"):  # the diff is a patch that git applies
        (project / "fix.patch").write_text(out, encoding="utf-8")
        subprocess.run(["git", "apply", "fix.patch"], cwd=project, check=True, capture_output=True)
        assert (project / "a.md").read_text(encoding="utf-8") == TEXT.replace("teh", "the")
    code, out, err = run(capsys, "--diff", "--unsafe-fixes", "a.md")
    assert "+1. Decides the matter and should act;" in out and code == 1
    (project / "a.md").write_text("Nothing to fix.\n", encoding="utf-8")
    assert run(capsys, "--diff", "a.md") == (0, "", "Would apply 0 fixes to 0 files; 0 problems would remain\n")


def test_diff_of_a_file_without_final_newline(project, capsys):
    (project / "a.md").write_text("teh end", encoding="utf-8")
    _, out, _ = run(capsys, "--diff", "a.md")
    assert out.endswith("-teh end\n\\ No newline at end of file\n+the end\n\\ No newline at end of file\n")


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-16-be", b"\xfe\xff", "\n"),
])
def test_write_keeps_encoding_bom_line_endings_and_mode(project, capsys, encoding, bom, newline):
    text = "Décide teh [split] matter.\nRequests teh report.\n".replace("\n", newline)
    path = project / "a.md"
    path.write_bytes(bom + text.encode(encoding))
    path.chmod(0o640)
    code, _, err = run(capsys, "--fix", "a.md")
    expected = "Décide the\nmatter.\nRequests the report.\n".replace("\n", newline)
    assert path.read_bytes() == bom + expected.encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert (code, err) == (0, "")
    assert not [p.name for p in project.iterdir() if p.name.startswith(".a.md")]  # no temporary left


def test_a_symbolic_link_stays_a_link(project, capsys):
    (project / "real.md").write_text("teh\n", encoding="utf-8")
    (project / "link.md").symlink_to("real.md")
    run(capsys, "--fix", "link.md")
    assert (project / "link.md").is_symlink()
    assert (project / "real.md").read_text(encoding="utf-8") == "the\n"


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(project, capsys):
    path = project / "a.md"
    path.write_text("Decides teh [touch] matter.\n", encoding="utf-8")  # FX009 "saves" it during the lint
    code, out, err = run(capsys, "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == "Decides teh [touch] matter.\nsaved elsewhere\n"
    assert err == "unlint: error: a.md: changed on disk since it was read; not written (run unlint again)\n"
    assert code == 2
    assert "FX001 [*] [teh]" in out  # the findings of the text as read are still shown
    assert out.splitlines()[-1] == "Applied 0 fixes to 0 files; 1 problem remains"


def test_replace_file_refuses_a_changed_file(tmp_path):
    from unlint.safewrite import WriteError, replace_file

    path = tmp_path / "a.md"
    path.write_bytes(b"new")
    with pytest.raises(WriteError, match="changed on disk"):
        replace_file(str(path), b"fixed", expect=b"old")
    assert path.read_bytes() == b"new"


def test_a_read_only_file_is_not_fixed(project, capsys):
    path = project / "a.md"
    path.write_text("teh\n", encoding="utf-8")
    path.chmod(0o444)
    code, _, err = run(capsys, "--fix", "a.md")
    assert code == 2 and err == ("unlint: error: a.md: not written: the file is read-only "
                                 "(make it writable to fix it)\n")
    assert path.read_text(encoding="utf-8") == "teh\n" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_link_out_of_the_linted_folder_is_not_followed(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "victim.md"
    outside.write_text("teh\n", encoding="utf-8")
    docs = project / "docs"
    docs.mkdir()
    (docs / "link.md").symlink_to(outside)
    (docs / "inside.md").symlink_to(project / "docs" / "real.md")
    (docs / "real.md").write_text("teh\n", encoding="utf-8")
    code, _, err = run(capsys, "--fix", "docs")
    assert code == 2 and f"docs/link.md: not written: it is a link to {outside}, outside the folders" in err
    assert outside.read_text(encoding="utf-8") == "teh\n"
    assert (docs / "real.md").read_text(encoding="utf-8") == "the\n"  # a link inside the tree is fine
    assert (docs / "link.md").is_symlink() and (docs / "inside.md").is_symlink()
    code, _, err = run(capsys, "--fix", "docs/link.md")  # named itself: its folder is still the limit
    assert code == 2 and "outside the folders being fixed" in err


def test_hard_links_and_extended_attributes_are_kept(project, capsys):
    path = project / "a.md"
    path.write_text("teh\n", encoding="utf-8")
    os.link(path, project / "other-name.md")
    run(capsys, "--fix", "a.md")
    assert (project / "other-name.md").read_text(encoding="utf-8") == "the\n"  # one file, two names
    assert path.stat().st_ino == (project / "other-name.md").stat().st_ino
    (project / "other-name.md").unlink()
    try:
        os.setxattr(path, "user.unlint-test", b"kept")
    except (AttributeError, OSError):
        pytest.skip("no extended attributes on this file system")
    path.write_text("teh\n", encoding="utf-8")
    run(capsys, "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == "the\n"
    assert os.getxattr(path, "user.unlint-test") == b"kept"


def test_the_report_never_replaces_an_input_and_is_written_whole(project, capsys):
    path = project / "a.md"
    path.write_text("teh\n", encoding="utf-8")
    code, _, err = run(capsys, "-o", "a.md", "a.md")
    assert code == 2 and "a.md: is also the report's file (-o a.md)" in err
    assert path.read_text(encoding="utf-8") == "teh\n"
    (project / "docs").mkdir()
    (project / "docs" / "report.txt").write_text("the previous report\n", encoding="utf-8")
    code, _, err = run(capsys, "-o", "docs/report.txt", "docs")  # found by the walk
    assert code == 2 and (project / "docs" / "report.txt").read_text(encoding="utf-8") == "the previous report\n"
    code, _, _ = run(capsys, "-o", "docs/report.txt", "a.md")
    assert code == 1 and "FX001" in (project / "docs" / "report.txt").read_text(encoding="utf-8")
    assert not [p.name for p in (project / "docs").iterdir() if p.name.endswith(".unlint")]


@pytest.mark.parametrize("separator", ["\f", "\u2028", "\x85", "\r", "\x1c", "\v"])
def test_a_diff_splits_lines_where_git_does(project, capsys, separator):
    text = f"one{separator}teh two\nteh three\n"
    (project / "a.md").write_text(text, encoding="utf-8", newline="")
    _, out, _ = run(capsys, "--diff", "a.md")
    assert out.count("\n-") == 2 and f"-one{separator}teh two\n" in out
    if shutil.which("git"):
        (project / "fix.patch").write_bytes(out.encode("utf-8"))
        subprocess.run(["git", "apply", "fix.patch"], cwd=project, check=True, capture_output=True)
        assert (project / "a.md").read_bytes().decode("utf-8") == text.replace("teh", "the")


def test_pdf_text_fixes_are_shown_never_applied(project, capsys):
    text = "The General Assembly,\n\n1. Decides to recieve the report;\n"
    (project / "a.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--fix", "--input-format", "pdf-text", "a.txt")
    assert (project / "a.txt").read_text(encoding="utf-8") == text
    assert "= fix (display): write 'receive'" in out
    assert out.splitlines()[-1] == "Applied 0 fixes to 0 files; 1 problem remains"
    run(capsys, "--fix", "--input-format", "markdown", "a.txt")  # the same rule in Markdown: applied
    assert "receive" in (project / "a.txt").read_text(encoding="utf-8")


def test_the_engine_alone_makes_fixes_display_only(project):
    """Document.replace builds a safe edit in any document; lint_document makes every fix of a
    document whose text is not the file's own display-only, whatever the rule said (FX002 says
    "unsafe", as a plain string: it becomes its member)."""
    from unlint.diagnostics import Applicability
    from unlint.engine import lint_document, load
    from unlint.settings import Settings

    settings = Settings(select=("FX",), plugins=("unlint_fix_rules",))
    for fmt, expected in (("markdown", {"FX001": "safe", "FX002": "unsafe"}),
                          ("pdf-text", {"FX001": "display", "FX002": "display"})):
        doc = load(Source("a.txt", TEXT), fmt)
        assert doc.replace(0, 3, "A", "t").applicability is Applicability.SAFE
        found = {d.code: d.fix.applicability for d in lint_document(doc, settings) if d.fix}
        assert found == expected and all(type(a) is Applicability for a in found.values())


def test_applicability_is_one_enum_that_old_strings_compare_with():
    from unlint.diagnostics import Applicability

    fix = Fix("t", (Edit(0, 1, "x"),), "unsafe")
    assert fix.applicability is Applicability.UNSAFE and fix.applicability == "unsafe"
    assert f"{fix.applicability}" == "unsafe" and json.dumps(fix.applicability) == '"unsafe"'
    assert Fix("t", ()).applicability is Applicability.SAFE
    assert [a.applies() for a in Applicability] == [True, False, False]
    assert [a.applies(unsafe=True) for a in Applicability] == [True, True, False]
    with pytest.raises(ValueError):
        Fix("t", (), "maybe")


def test_text_that_is_not_the_file_is_never_written():
    """A document extracted from a binary file (PDF, .docx) does not encode back to its bytes."""
    data = b"%PDF-1.7 ... binary ..."
    assert not fixes.writable(Source("a.pdf", "Decides teh matter."), data)
    source = decode("a.md", b"\xef\xbb\xbfteh\r\n")
    assert fixes.writable(source, b"\xef\xbb\xbfteh\r\n")
    import dataclasses

    if "kind" in {f.name for f in dataclasses.fields(Source)}:  # text built by the PDF or Word reader
        assert not fixes.writable(Source("a.pdf", "teh", kind="pdf"), b"teh")


def test_json_report_after_fixing_keeps_stdout_clean(project, capsys):
    (project / "a.md").write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, "--fix", "--format", "json", "a.md")
    report = json.loads(out)
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["FX002"]
    assert err == "Applied 2 fixes to 1 file; 1 problem remains (1 fixable with --unsafe-fixes)\n"


def test_fix_refuses_stdin_but_diff_reads_it(project, capsys, monkeypatch):
    code, _, err = run(capsys, "--fix", "-")
    assert code == 2 and "--fix cannot write to standard input" in err

    class Stdin:
        import io

        buffer = io.BytesIO(b"teh\n")

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = run(capsys, "--diff", "--stdin-filename", "x.md")
    assert code == 1 and out == "--- a/x.md\n+++ b/x.md\n@@ -1 +1 @@\n-teh\n+the\n"


def test_diff_with_another_format_is_a_usage_error(project, capsys):
    code, out, err = run(capsys, "--diff", "--format", "json", "a.md")
    assert code == 2 and out == "" and "--diff prints a diff" in err


def test_fix_in_a_real_process(project):
    (project / "a.md").write_text(TEXT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent.parent), str(PLUGINS)]))
    done = subprocess.run([sys.executable, "-m", "unlint", "--fix", "a.md"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr  # an info finding remains: advice, not a failure
    assert done.stdout.splitlines()[-1].startswith("Applied 2 fixes to 1 file; 1 problem remains")
    assert (project / "a.md").read_text(encoding="utf-8") == TEXT.replace("teh", "the")


def test_readme_fix_example_is_true(tmp_path, monkeypatch, capsys):
    """The draft, the diff and the --fix output shown in the README's "Fixes" section."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fixes", 1)[1].split("\n## ", 1)[0]
    draft = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    diff = re.search(r"```diff\n(.*?)```", section, re.S).group(1)
    report = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(draft, encoding="utf-8")
    assert run(capsys, "--isolated", "--diff", "draft.md") == (
        1, diff, "Would apply 2 fixes to 1 file; 1 problem would remain\n")
    assert run(capsys, "--isolated", "--fix", "draft.md") == (1, report, "")
