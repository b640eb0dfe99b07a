"""The command line, run in-process through ``main([...])`` and, a few times, as a real process.

Findings come from a small third-party plugin (tests/fixtures/plugins/unlint_demo_rules.py:
TD001 "TODO " markers, warning, with a fix; TD002 "FIXME", info, opt-in), so these tests do not
depend on what the built-in rules find.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import sysconfig
from pathlib import Path

import jsonschema
import pytest

from unlint import __version__
from unlint.cli import main
from unlint.diagnostics import Diagnostic, Edit, Fix, Severity
from unlint.output import text as text_output
from unlint.source import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PLUGINS = FIXTURES / "plugins"
SCHEMA = json.loads((ROOT / "unlint" / "schema.json").read_text(encoding="utf-8"))
TODO_LINE = "1. *Decides* to proclaim TODO 5 September the International Day of Charity;"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with the two fixture drafts and a config that loads the demo plugin; cwd there."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name in ("draft.md", "clean.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\n", encoding="utf-8")
    return tmp_path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def subprocess_env(**extra):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(PLUGINS)]), **extra)
    env.pop("NO_COLOR", None)
    return env


# ---- --version, fast

def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"unlint {__version__}\n")


def test_version_imports_nothing_heavy():
    script = ("import sys; from unlint.cli import main; main(['--version']); "
              "print(sorted(m for m in ('lark', 'pluggy', 'ruamel', 'unlint.engine', 'unlint.config') "
              "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=subprocess_env(), cwd=ROOT, check=True)
    assert done.stdout.splitlines() == [f"unlint {__version__}", "[]"]


# ---- text output

def test_clean_file_passes(project, capsys):
    code, out, err = run(capsys, "clean.md")
    assert (code, out, err) == (0, "All checks passed (1 file)\n", "")


def test_text_format_location_and_caret(project, capsys):
    code, out, err = run(capsys, "draft.md")
    assert code == 1 and err == ""
    lines = out.splitlines()
    col = TODO_LINE.index("TODO") + 1
    assert lines[0] == f"draft.md:7:{col}: TD001 [*] [todo-marker] TODO marker left in the text"
    assert lines[1] == f"  7 | {TODO_LINE}"
    assert lines[2] == "    | " + " " * (col - 1) + "^^^^"
    assert lines[3] == "    = fix: Remove the marker"
    assert lines[-2:] == ["Found 1 problem (0 errors, 1 warning, 0 infos) in 1 file", "1 fixable with --fix"]
    assert "\x1b[" not in out


def test_summary_counts_files_with_problems(project, capsys):
    shutil.copy(project / "draft.md", project / "draft2.md")
    code, out, _ = run(capsys, "--select", "TD", ".")
    assert code == 1
    assert out.splitlines()[-2] == "Found 4 problems (0 errors, 2 warnings, 2 infos) in 2 of 3 files"


def test_caret_counts_wide_characters_and_tabs():
    source = Source("zh.txt", "标题\t大会 TODO 决定\n")
    start = source.text.index("TODO")
    d = Diagnostic("TD001", "todo-marker", Severity.WARNING, "m", start, start + 4)
    lines = text_output.render(source, [d]).splitlines()
    assert lines[2] == "    | " + "    \t    " + " " + "^^^^"


def test_caret_for_empty_span_and_multiline_span():
    source = Source("a.txt", "first line\nsecond\n")
    at_end = Diagnostic("XX001", "x", Severity.ERROR, "m", 10, 10)
    across = Diagnostic("XX001", "x", Severity.ERROR, "m", 6, 15)
    out = text_output.render(source, [at_end, across]).splitlines()
    assert out[0].startswith("a.txt:1:11: XX001 [x] m")
    assert out[2] == "    | " + " " * 10 + "^"
    assert out[5] == "    | " + " " * 6 + "^^^^"  # "line": first line of the span only


def test_control_characters_do_not_reach_the_terminal():
    source = Source("a.txt", "page\x0cbreak \x1b[31mred\n")
    d = Diagnostic("XX001", "x", Severity.INFO, "m", 5, 10)
    out = text_output.render(source, [d])
    assert "\x1b" not in out and "\x0c" not in out
    assert out.splitlines()[2] == "    | " + " " * 5 + "^^^^^"


def test_colour_only_on_a_terminal_without_no_color(project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(capsys, "draft.md")
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "draft.md")
    assert "\x1b[" not in out


# ---- JSON output

def test_input_formats_match_the_readers():
    from unlint import arguments, readers

    assert arguments.INPUT_FORMATS == readers.FORMATS  # kept apart so that --version imports no reader


def test_json_validates_against_the_schema(project, capsys):
    code, out, _ = run(capsys, "--format", "json", "--select", "TD", "draft.md", "clean.md")
    assert code == 1
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert [f["path"] for f in report["files"]] == ["draft.md", "clean.md"]
    todo, fixme = report["files"][0]["diagnostics"]
    col = TODO_LINE.index("TODO") + 1
    assert todo == {
        "code": "TD001", "rule": "todo-marker", "severity": "warning",
        "message": "TODO marker left in the text",
        "line": 7, "column": col, "end_line": 7, "end_column": col + 4,
        "fix": {"title": "Remove the marker", "applicability": "safe", "edits": [
            {"start": {"line": 7, "column": col}, "end": {"line": 7, "column": col + 5}, "content": ""}]},
    }
    assert (fixme["code"], fixme["severity"], fixme["line"], fixme["fix"]) == ("TD002", "info", 9, None)
    assert report["files"][1]["diagnostics"] == []


def test_json_schema_rejects_extra_keys_and_bad_values():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    validator.check_schema(SCHEMA)
    good = {"version": 1, "files": [{"path": "a.md", "diagnostics": []}]}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "extra": 1})
    assert not validator.is_valid({"version": 2, "files": []})
    d = {"code": "ST001", "rule": "x", "severity": "fatal", "message": "m", "line": 1, "column": 1,
         "end_line": 1, "end_column": 2, "fix": None}
    assert not validator.is_valid({"version": 1, "files": [{"path": "a", "diagnostics": [d]}]})


def test_json_of_an_unsafe_fix_and_multiline_span():
    from unlint.output import json as json_output

    source = Source("a.md", "one\ntwo\n")
    fix = Fix("Join", (Edit(3, 4, " "),), "unsafe")
    d = Diagnostic("XX001", "x", Severity.ERROR, "m", 0, 7, fix)
    report = json.loads(json_output.render([(source, [d])]))
    jsonschema.validate(report, SCHEMA)
    got = report["files"][0]["diagnostics"][0]
    assert (got["line"], got["column"], got["end_line"], got["end_column"]) == (1, 1, 2, 4)
    assert got["fix"]["edits"][0] == {"start": {"line": 1, "column": 4}, "end": {"line": 2, "column": 1},
                                      "content": " "}


# ---- selection, severity, fail-on

@pytest.mark.parametrize("args, code, found", [
    ((), 1, ["TD001:warning"]),
    (("--ignore", "TD001"), 0, []),
    (("--ignore", "TD"), 0, []),
    (("--select", "TD002"), 0, ["TD002:info"]),  # an opt-in rule runs when selected by name;
    # an info finding does not fail the run (default --fail-on warning)
    (("--select", "ALL"), 1, ["TD001:warning"]),  # ALL: every rule enabled by default
    (("--select", "TD", "--ignore", "TD001"), 0, ["TD002:info"]),
    (("--select", "TD002", "--fail-on", "info"), 1, ["TD002:info"]),
    (("--select", "TD001,TD002"), 1, ["TD001:warning", "TD002:info"]),
    (("--fail-on", "error"), 0, ["TD001:warning"]),
    (("--fail-on", "warning"), 1, ["TD001:warning"]),
    (("--severity", "TD001=error", "--fail-on", "error"), 1, ["TD001:error"]),
    (("--severity", "TD=info", "--fail-on", "warning"), 0, ["TD001:info"]),
    (("--severity", "TD=info", "--severity", "TD001=error"), 1, ["TD001:error"]),  # longest prefix
    (("--select", "TD002", "--fail-on", "warning"), 0, ["TD002:info"]),
])
def test_select_ignore_severity_fail_on(project, capsys, args, code, found):
    got, out, err = run(capsys, "--format", "json", *args, "draft.md")
    assert err == ""
    diagnostics = json.loads(out)["files"][0]["diagnostics"]
    assert [f"{d['code']}:{d['severity']}" for d in diagnostics if d["code"].startswith("TD")] == found
    assert got == code


def test_flags_override_the_config_file(project, capsys):
    (project / ".unlint.yaml").write_text(
        "plugins: [unlint_demo_rules]\nselect: [TD002]\nfail-on: error\nseverity: {TD: error}\n")
    code, out, _ = run(capsys, "--format", "json", "draft.md")
    found = json.loads(out)["files"][0]["diagnostics"]
    assert (code, [(d["code"], d["severity"]) for d in found]) == (1, [("TD002", "error")])
    code, out, _ = run(capsys, "--format", "json", "--select", "TD001", "--severity", "TD001=warning",
                       "draft.md")
    found = json.loads(out)["files"][0]["diagnostics"]
    assert (code, [(d["code"], d["severity"]) for d in found]) == (0, [("TD001", "warning")])


def test_per_file_config_nearest_wins(project, capsys):
    sub = project / "annex"
    sub.mkdir()
    shutil.copy(project / "draft.md", sub / "draft.md")
    (sub / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nignore: [TD001]\n")
    code, out, _ = run(capsys, "--format", "json", ".")
    files = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(out)["files"]}
    assert files == {"clean.md": [], "draft.md": ["TD001"], os.path.join("annex", "draft.md"): []}
    assert code == 1


def test_isolated_ignores_config_and_explicit_config_is_used(project, capsys, tmp_path_factory):
    (project / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nignore: [TD]\n")
    assert "TD001" not in run(capsys, "--format", "json", "draft.md")[1]
    code, out, _ = run(capsys, "--isolated", "--format", "json", "draft.md")
    assert "TD001" in out  # no config: the defaults, with every installed plugin
    elsewhere = tmp_path_factory.mktemp("conf") / "team.yaml"
    elsewhere.write_text("plugins: [unlint_demo_rules]\nselect: [TD002]\n")
    (project / ".unlint.yaml").unlink()
    code, out, _ = run(capsys, "--config", str(elsewhere), "--format", "json", "draft.md")
    assert [d["code"] for d in json.loads(out)["files"][0]["diagnostics"]] == ["TD002"]


def test_pyproject_config(project, capsys):
    (project / ".unlint.yaml").unlink()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.unlint]\nplugins = ["unlint_demo_rules"]\nfail-on = "error"\n')
    code, out, _ = run(capsys, "draft.md")
    assert code == 0 and "TD001 [*] [todo-marker]" in out


# ---- stdin

def test_stdin_with_filename(project, capsys, monkeypatch):
    data = (FIXTURES / "draft.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    code, out, _ = run(capsys, "-", "--stdin-filename", "drafts/draft.md")
    assert code == 1
    assert out.startswith("drafts/draft.md:7:")


def test_stdin_without_filename(project, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"The General Assembly,\n\n1. Decides TODO now.\n"))
    code, out, _ = run(capsys, "--format", "json", "-")
    report = json.loads(out)
    assert report["files"][0]["path"] == "<stdin>"
    assert report["files"][0]["diagnostics"][0]["code"] == "TD001"
    assert code == 1


def test_stdin_filename_alone_reads_stdin_and_finds_config_from_its_folder(project, capsys, monkeypatch,
                                                                             tmp_path_factory):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # no config here
    monkeypatch.setattr(sys, "stdin", _Stdin((FIXTURES / "draft.md").read_bytes()))
    code, out, _ = run(capsys, "--stdin-filename", str(project / "draft.md"))
    assert code == 1 and "TD001" in out


class _Stdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


# ---- input and usage errors: exit 2, one line, no traceback

def test_missing_path(project, capsys):
    code, out, err = run(capsys, "nope.md")
    assert code == 2
    assert err == "unlint: error: nope.md: no such file or folder\n"


def test_binary_file(project, capsys):
    (project / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, _, err = run(capsys, "image.md")
    assert code == 2
    assert err.startswith("unlint: error: image.md: binary file")


def test_invalid_utf8_gives_line_and_column(project, capsys):
    (project / "latin1.md").write_bytes("The General Assembly,\n\nR\u00e9affirme\n".encode("latin-1"))
    code, _, err = run(capsys, "latin1.md")
    assert code == 2
    assert err.startswith("unlint: error: latin1.md:3:2: invalid UTF-8")
    assert len(err.splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(project, capsys):
    (project / "secret.md").write_text("x")
    (project / "secret.md").chmod(0)
    code, _, err = run(capsys, "secret.md")
    assert (code, err) == (2, "unlint: error: secret.md: Permission denied\n")


def test_a_folder_with_a_document_extension_is_walked(project, capsys):
    (project / "folder.md").mkdir()  # a folder with a linted extension is walked, not read
    code, out, err = run(capsys, "folder.md")
    assert (code, err) == (0, "unlint: warning: no files to lint (looking for .md, .markdown, .txt, .pdf, .docx)\n")


def test_one_bad_file_others_still_linted(project, capsys):
    (project / "bad.txt").write_bytes(b"\xff\xfe\x00")  # UTF-16 BOM, odd length
    code, out, err = run(capsys, "draft.md", "bad.txt", "missing.md", "clean.md")
    assert code == 2
    assert err.count("unlint: error:") == 2
    assert "draft.md:7:" in out
    assert out.splitlines()[-2] == ("Found 1 problem (0 errors, 1 warning, 0 infos) in 1 of 2 files; "
                                    "1 file could not be linted; 1 path not found")


def test_empty_file_is_not_an_error(project, capsys):
    (project / "empty.md").write_bytes(b"")
    (project / "blank.txt").write_bytes(b"\n\n  \n")
    code, out, err = run(capsys, "--select", "TD", "empty.md", "blank.txt")
    assert (code, out, err) == (0, "All checks passed (2 files)\n", "")


def test_broken_config_names_file_and_line(project, capsys):
    (project / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nselct: [ST]\n")
    code, out, err = run(capsys, "draft.md", "clean.md")
    assert code == 2
    assert err.startswith("unlint: error: .unlint.yaml:2: unknown key 'selct' (did you mean 'select'?)")
    assert len(err.splitlines()) == 1  # reported once for both files


def test_malformed_yaml_config(project, capsys):
    (project / ".unlint.yaml").write_text("select: [ST\nignore: PU\n")
    code, _, err = run(capsys, "draft.md")
    assert code == 2 and err.startswith("unlint: error: .unlint.yaml:2: invalid YAML: ")


def test_plugin_that_cannot_be_imported(project, capsys):
    (project / ".unlint.yaml").write_text("plugins: [no_such_unlint_plugin]\n")
    code, _, err = run(capsys, "draft.md")
    assert code == 2
    assert err.startswith("unlint: error: .unlint.yaml:1: plugins: 'no_such_unlint_plugin' is not an installed")


def test_missing_explicit_config(project, capsys):
    code, _, err = run(capsys, "--config", "nope.yaml", "draft.md")
    assert code == 2 and err.startswith("unlint: error: nope.yaml: cannot read config file")


@pytest.mark.parametrize("args", [
    ("--select", "st001"),
    ("--select", "ST-1"),
    ("--severity", "ST001"),
    ("--severity", "ST001=fatal"),
    ("--severity", "ST,FN=error"),
    ("--severity", "ALL=error"),
    ("--fail-on", "never"),
    ("--input-format", "docx"),
    ("--format", "xml"),
    ("--config", "a.yaml", "--isolated"),
    ("--no-such-flag",),
])
def test_usage_errors(project, capsys, args):
    code, out, err = run(capsys, *args, "draft.md")
    assert code == 2 and out == ""
    assert "unlint: error:" in err and "Traceback" not in err


# ---- directories

def test_directory_walk(project, capsys):
    tree = project / "tree"
    for rel in ("a.md", "b.markdown", "c.txt", "d.rst", "sub/e.MD", ".hidden/f.md", ".git/g.md",
                "sub/deeper/h.txt"):
        path = tree / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The General Assembly,\n\n1. Decides TODO now.\n")
    os.symlink(tree, tree / "sub" / "loop")  # a loop: must end, and not lint twice
    code, out, _ = run(capsys, "--format", "json", "tree")
    paths = [f["path"] for f in json.loads(out)["files"]]
    expected = ["a.md", "b.markdown", "c.txt", "sub/e.MD", "sub/deeper/h.txt"]
    assert paths == [os.path.join("tree", *p.split("/")) for p in expected]
    assert code == 1


def test_explicit_file_with_any_extension_is_linted(project, capsys):
    (project / "notes.rst").write_text("The General Assembly,\n\n1. Decides TODO now.\n")
    code, out, _ = run(capsys, "notes.rst")
    assert code == 1 and "notes.rst:3:" in out


def test_a_directory_named_rules_is_linted_with_dot_slash(project, capsys):
    (project / "rules").mkdir()
    shutil.copy(project / "draft.md", project / "rules" / "draft.md")
    code, out, _ = run(capsys, "./rules")
    assert code == 1 and out.startswith(os.path.join("rules", "draft.md") + ":7:")


# ---- unlint rules / unlint rule CODE

def test_rules_lists_every_rule(project, capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert out.startswith("code   name ")  # a heading names the columns
    assert re.search(r"^UL001  parse-error +error +- +\S", out, re.M)
    assert re.search(r"^TD001  todo-marker +warning +safe +A \"TODO \" marker", out, re.M)
    assert re.search(r"^TD002  fixme-marker +info +- +\(opt-in\) ", out, re.M)
    assert re.search(r"^PU004  space-before-punctuation +warning +safe ", out, re.M)
    assert re.search(r"^CO008  term-variants +warning +unsafe ", out, re.M)


def test_rule_prints_the_docstring(project, capsys):
    code, out, _ = run(capsys, "rule", "td001")
    assert code == 0
    assert out.startswith("# TD001 [todo-marker]\n\nDefault severity: warning, fix: safe.\n\n")
    assert "**Fix.** Safe: the marker is removed." in out


def test_rule_on_a_terminal_shows_no_markup(project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, "rule", "PU004")
    assert code == 0 and "**" not in out and "``" not in out
    assert "\nWhy. " in out and "Fix safety. Deleting the space is safe." in out


def test_unknown_rule(project, capsys):
    code, out, err = run(capsys, "rule", "ZZ999")
    assert (code, out) == (2, "")
    assert err == "unlint: error: unknown rule code 'ZZ999'; 'unlint rules' lists them\n"


def test_rule_without_code_is_a_usage_error(capsys):
    code, _, err = run(capsys, "rule")
    assert code == 2 and "unlint rule: error:" in err


# ---- unlint citations FILE ...

EXAMPLE = ROOT / "examples" / "draft-crime-prevention-2017.md"


def test_citations_lists_each_citation_with_date_and_line(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, "citations", "examples/draft-crime-prevention-2017.md")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    # "... 69/193 and 69/196 of 18 December 2014" (line 28): the date is shared by both
    assert ("examples/draft-crime-prevention-2017.md:28:124: General Assembly (its) | resolution | "
            "69/196 | 18 December 2014 (shared)") in lines
    assert all(line.startswith("examples/draft-crime-prevention-2017.md:") for line in lines)
    assert len(lines) > 30 and not out.startswith("==")


def test_citations_in_a_pdf_are_placed_by_page(capsys, monkeypatch):
    pytest.importorskip("pdfminer")
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "citations", "tests/fixtures/pdf/A-80-L.14.pdf")
    assert code == 0
    assert ("tests/fixtures/pdf/A-80-L.14.pdf:p2:2:34: General Assembly (its) | resolution | 79/323 | "
            "25 August 2025") in out.splitlines()


def test_citations_of_several_files_and_a_bad_one(project, capsys):
    shutil.copy(EXAMPLE, project / "a.md")
    (project / "latin1.md").write_bytes("R\u00e9affirme\n".encode("latin-1"))
    code, out, err = run(capsys, "citations", "a.md", "latin1.md", "missing.md", "clean.md")
    assert code == 2
    assert err.splitlines() == ["unlint: error: latin1.md:1:2: invalid UTF-8 (byte 0xe9); save the file as UTF-8",
                                "unlint: error: missing.md: no such file or folder"]
    assert out.startswith("== a.md\na.md:")
    assert "a.md:28:124: General Assembly (its) | resolution | 69/196 | 18 December 2014" in out
    assert out.endswith("== clean.md\nclean.md:5:28: General Assembly (its) | resolution | 70/1 | 25 September 2015\n")


def test_citations_needs_a_file(capsys):
    code, _, err = run(capsys, "citations")
    assert code == 2 and "unlint citations: error:" in err


# ---- real processes

def test_subprocess_exit_codes_and_streams(project):
    def unlint(*args, **kw):
        return subprocess.run([sys.executable, "-m", "unlint.cli", *args], capture_output=True, text=True,
                              env=subprocess_env(**kw), cwd=project)

    found = unlint("draft.md")
    assert found.returncode == 1 and found.stderr == ""
    assert found.stdout.startswith("draft.md:7:") and "\x1b[" not in found.stdout
    assert unlint("clean.md").returncode == 0
    missing = unlint("nope.md")
    assert (missing.returncode, missing.stderr) == (2, "unlint: error: nope.md: no such file or folder\n")
    piped = subprocess.run([sys.executable, "-m", "unlint.cli", "--format", "json", "-",
                            "--stdin-filename", "x.md"], input=b"1. Decides TODO now.\n",
                           capture_output=True, env=subprocess_env(), cwd=project)
    assert piped.returncode == 1
    jsonschema.validate(json.loads(piped.stdout), SCHEMA)


def test_installed_console_script(tmp_path):
    """The console script of the installed package, run away from the checkout (.ci/run)."""
    script = shutil.which("unlint")
    scripts = Path(sysconfig.get_path("scripts")).resolve()
    if script is None or Path(script).parent.resolve() != scripts:
        pytest.skip("the unlint console script of this interpreter's environment is not installed")
    (tmp_path / "draft.md").write_bytes((FIXTURES / "draft.md").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    version = subprocess.run([script, "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert version.stdout == f"unlint {__version__}\n"
    listed = subprocess.run([script, "rules"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert listed.returncode == 0 and "UL001" in listed.stdout
    linted = subprocess.run([script, "--format", "json", "."], capture_output=True, text=True, env=env,
                            cwd=tmp_path)
    assert linted.returncode in (0, 1), linted.stderr
    report = json.loads(linted.stdout)
    jsonschema.validate(report, SCHEMA)
    assert [f["path"] for f in report["files"]] == ["draft.md"]
    shipped = subprocess.run(
        [sys.executable, "-c", "import unlint, importlib.resources as r; print(unlint.__file__); "
                               "print(r.files('unlint').joinpath('schema.json').read_text())"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    where, schema = shipped.stdout.split("\n", 1)
    assert not Path(where).is_relative_to(ROOT)  # the installed package, not the checkout
    assert json.loads(schema) == SCHEMA  # shipped as package data


# ---- the README stays true

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_is_two_single_line_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    assert block.splitlines() == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/unlint examples/",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest",
    ]


def test_readme_json_example_follows_the_schema():
    example = re.search(r"```json\n(.*?)```", README, re.S).group(1)
    jsonschema.validate(json.loads(example), SCHEMA)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert re.search(r"^\"\$venv/bin/python\" -m pytest$", ci, re.M)
    assert "[test]" in ci and "-e " not in ci


# ---- issue 19: mistakes a new user makes get one line that says what to do

def test_an_unknown_code_or_prefix_is_an_error_with_a_guess(project, capsys):
    code, out, err = run(capsys, "--no-cache", "--select", "SR", "draft.md")
    assert code == 2 and "select: no rule has the code or prefix 'SR' (did you mean ST or SP?)" in err
    code, out, err = run(capsys, "--no-cache", "--ignore", "ZZ999", "draft.md")
    assert code == 2 and "ignore: no rule has the code or prefix 'ZZ999'; 'unlint rules' lists them" in err
    (project / ".unlint.yaml").write_text("select: [ZZ]\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "draft.md")
    assert code == 2 and err.startswith("unlint: error: .unlint.yaml: select: no rule has the code or prefix 'ZZ'")


def test_select_on_the_command_line_replaces_the_files_ignore(project, capsys):
    (project / ".unlint.yaml").write_text("ignore: [PU]\n", encoding="utf-8")
    (project / "spaces.md").write_text("The General Assembly,\n\n1. *Decides* to act ;\n", encoding="utf-8")
    assert "PU004" not in run(capsys, "--no-cache", "spaces.md")[1]
    assert "PU004" in run(capsys, "--no-cache", "--select", "PU004", "spaces.md")[1]


def test_a_mistyped_command_and_a_wrong_flag_get_one_line(project, capsys):
    assert run(capsys, "rulez") == (2, "", "unlint: error: unknown command 'rulez': did you mean 'rules'?\n")
    code, out, err = run(capsys, "--selectt", "ST", "draft.md")
    assert (code, err) == (2, "unlint: error: unrecognized arguments: --selectt (see 'unlint --help')\n")


def test_a_missing_folder_is_a_path_not_found(project, capsys):
    code, out, err = run(capsys, "nowhere/", "clean.md")
    assert code == 2 and err == "unlint: error: nowhere/: no such file or folder\n"
    assert out.splitlines()[-1] == "No problems found; 1 path not found"


def test_one_install_reads_pdfs_and_serves_editors():
    """`pip install .` alone gives the PDF reader and the language server (issue 19): both are
    dependencies, not extras, and neither is imported by a plain run's start-up."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=\[ ]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert {"pdfminer.six", "pygls", "python-docx"} <= names
    done = subprocess.run([sys.executable, "-c", "import sys, unlint.cli; "
                           "print(sorted(m for m in ('pdfminer', 'pygls', 'docx') if m in sys.modules))"],
                          capture_output=True, text=True, env=subprocess_env(), check=True)
    assert done.stdout.strip() == "[]"


def test_concise_quiet_statistics_exit_zero_and_colour(project, capsys, monkeypatch):
    shutil.copy(project / "draft.md", project / "draft2.md")
    col = TODO_LINE.index("TODO") + 1
    code, out, _ = run(capsys, "--format", "concise", "--select", "TD001", "draft.md")
    assert (code, out.splitlines()) == (1, [
        f"draft.md:7:{col}: TD001 [*] TODO marker left in the text",
        "Found 1 problem (0 errors, 1 warning, 0 infos) in 1 file", "1 fixable with --fix"])
    code, out, _ = run(capsys, "--quiet", "--format", "concise", "draft.md")
    assert (code, out) == (1, f"draft.md:7:{col}: TD001 [*] TODO marker left in the text\n")
    code, out, _ = run(capsys, "--statistics", "--select", "TD001", "draft.md", "draft2.md")
    assert out.splitlines()[0] == "     2  TD001  [todo-marker]  2 fixable"
    assert "TD001 [todo-marker] TODO" not in out  # the counts instead of the findings
    assert run(capsys, "--exit-zero", "draft.md")[0] == 0
    code, out, _ = run(capsys, "--select", "TD001", "draft.md")  # the full form marks it too
    assert out.splitlines()[0] == f"draft.md:7:{col}: TD001 [*] [todo-marker] TODO marker left in the text"
    assert "\x1b[" in run(capsys, "--color", "always", "draft.md")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, "draft.md")[1]
    assert "\x1b[" not in run(capsys, "--color", "never", "draft.md")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, "draft.md")[1]


def test_init_writes_a_starter_that_loads_and_never_overwrites(tmp_path, monkeypatch, capsys):
    from unlint.config import load_config

    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert load_config(tmp_path / ".unlint.yaml") == {"fail_on": Severity.WARNING}
    # every commented example is a valid setting once uncommented
    lines = (tmp_path / ".unlint.yaml").read_text(encoding="utf-8").splitlines()
    opened = [x[2:] if re.match(r"# [a-z][a-z-]*:|#   \S.*:", x) else x for x in lines]
    (tmp_path / "all.yaml").write_text("\n".join(opened).replace("[words.txt]", "[]"), encoding="utf-8")
    assert set(load_config(tmp_path / "all.yaml")) >= {"select", "ignore", "severity", "per_file_ignores"}
    before = (tmp_path / ".unlint.yaml").read_bytes()
    assert main(["init"]) == 2 and "already here; nothing written" in capsys.readouterr().err
    assert (tmp_path / ".unlint.yaml").read_bytes() == before
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert main(["init", "--pyproject"]) == 0
    assert load_config(tmp_path / "pyproject.toml") == {"fail_on": Severity.WARNING}
    assert main(["init", "--pyproject"]) == 2


def test_ignore_text_suppresses_in_any_input_form(project, capsys):
    """PDF text, a PDF or a .docx cannot hold a suppression comment: `ignore-text` drops the
    findings inside the phrases it lists (issue 19)."""
    text = (ROOT / "examples" / "resolution-73-186-pdf-extract.txt").read_text(encoding="utf-8")
    (project / "r.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--select", "TX002", "--format", "concise", "r.txt")
    found = [line for line in out.splitlines() if "TX002" in line]
    assert len(found) == 7 and any("zero-tolerance" in line for line in found)
    (project / ".unlint.yaml").write_text("ignore-text: [\"zero -tolerance\", \"not in the text\"]\n",
                                          encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--select", "TX002", "--format", "concise", "r.txt")
    kept = [line for line in out.splitlines() if "TX002" in line]
    assert len(kept) == 6 and not any("zero-tolerance" in line for line in kept)
    assert set(kept) <= set(found)


def test_watch_lints_again_when_a_file_changes(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("The General Assembly,\n\n1. *Decides* to act ;\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "unlint", "--isolated", "--no-cache", "--watch",
                             "--select", "PU004", "--format", "concise", "draft.md"], cwd=tmp_path, env=subprocess_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = [proc.stdout.readline() for _ in range(3)]
        assert "PU004" in first[0] and first[1].startswith("Found 1 problem")
        time.sleep(0.1)
        draft.write_text("The General Assembly,\n\n1. *Decides* to act;\n", encoding="utf-8")
        assert proc.stdout.readline() == "All checks passed (1 file)\n"
    finally:
        proc.kill()
        proc.communicate(timeout=30)


def test_watch_refuses_what_it_cannot_repeat(project, capsys):
    code, _, err = run(capsys, "--watch", "--fix", "draft.md")
    assert code == 2 and "--watch lints files again as they change" in err
