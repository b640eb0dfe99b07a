"""The library entry point (unlint.api): what the command line finds, as picklable records, with
nothing carried from one call to the next; and the Dask example of examples/archive_dask.py."""

from __future__ import annotations

import importlib.util
import json
import pickle
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from corpus import corpus_file

import unlint
from unlint.api import Problem, Result, SettingsError, lint_bytes, lint_path
from unlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

#: corpus files with findings of many kinds: PDFs (pages), Markdown (fixes of every kind), PDF text
CORPUS = ("S-RES-2776-2025.pdf", "S-RES-2788-2025.pdf", "A-RES-80-24.md",
          "A-RES-78-190.txt", "A-80-L.17.txt", "A-RES-80-109.txt", "A-80-L.11.txt")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(_command(*args), capture_output=True, text=True, timeout=300, check=False)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "unlint", "--isolated", "--no-cache", *args]


def _as_cli_json(p: Problem) -> dict:
    """The fields of a Problem that the JSON report has, under its names."""
    out = {"code": p.code, "rule": p.rule, "severity": p.severity, "message": p.message,
           "line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column,
           "fix": None if p.fix is None else (p.fix, p.applicability)}
    for unit in ("page", "paragraph", "footnote"):
        if getattr(p, unit) is not None:
            out[unit] = getattr(p, unit)
    return out


def _from_json(d: dict) -> dict:
    out = {key: d[key] for key in ("code", "rule", "severity", "message", "line", "column",
                                   "end_line", "end_column") + tuple(u for u in ("page", "paragraph", "footnote") if u in d)}
    out["fix"] = None if d["fix"] is None else (d["fix"]["title"], d["fix"]["applicability"])
    return out


@pytest.mark.parametrize("flags, settings", [
    ((), Settings()),
    (("--select", "ALL", "--ignore", "TX", "--severity", "EN=info"),
     Settings(select=("ALL",), ignore=("TX",), severity={"EN": "info"})),
], ids=["defaults", "select-ignore-severity"])
def test_the_same_findings_as_the_command_line(flags, settings):
    paths = [str(corpus_file(name)) for name in CORPUS]
    paths += [str(FIXTURES / "docx" / "libreoffice.docx"), str(FIXTURES / "draft.md")]
    # the two reports at once, while this process lints the files
    runs = [subprocess.Popen(_command("--format", fmt, *flags, *paths), stdout=subprocess.PIPE, text=True)
            for fmt in ("json", "concise")]
    results = [lint_bytes(Path(path).read_bytes(), path, settings) for path in paths]
    report, concise = (json.loads(runs[0].communicate(timeout=300)[0]),
                       runs[1].communicate(timeout=300)[0].splitlines())
    by_path = {f["path"]: f for f in report["files"]}
    assert set(by_path) == set(paths)
    for path, result in zip(paths, results):
        assert result.error is None and result.name == path
        assert [_as_cli_json(p) for p in result.diagnostics] == [_from_json(d) for d in by_path[path]["diagnostics"]]
        assert result.notices == tuple(by_path[path].get("notices", ()))
    places = [f"{r.name}:{p.place}: {p.code}" for r in results for p in r.diagnostics]
    assert places == [" ".join(line.split()[:2]) for line in concise if line.startswith("/")]
    assert len(places) > 40  # the files do have findings to compare
    kinds = {"page" if p.page else "paragraph" if p.paragraph else "line" for r in results for p in r.diagnostics}
    assert kinds == {"page", "paragraph", "line"}
    assert lint_path(paths[-1], settings) == results[-1]


def test_a_pdf_finding_is_placed_by_page():
    path = corpus_file("S-RES-2776-2025.pdf")
    result = lint_path(path)
    p = result.diagnostics[0]
    assert p.place == f"p{p.page}:{p.line}:{p.column}" and p.end_place.startswith(f"p{p.page}:")
    assert all(d.applicability == "display" for d in result.diagnostics if d.fix)  # a PDF is not fixed


UNREADABLE = {
    "bad-utf8.txt": b"The General Assembly,\n\nRecalling \xff its resolutions\n",
    "nul.txt": b"abc\x00def" * 10,
    "utf16.md": "The General Assembly".encode("utf-16-le"),
    "broken.pdf": b"%PDF-1.7\n1 0 obj garbage",
    "broken.docx": b"PK\x03\x04 cut short",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
}


@pytest.mark.parametrize("name, data", UNREADABLE.items(), ids=list(UNREADABLE))
def test_an_unreadable_file_gives_the_message_of_the_command_line(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    done = _cli(str(path))
    assert done.returncode == 2
    message = done.stderr.strip().removeprefix("unlint: error: ")
    result = lint_bytes(data, str(path))
    assert result == Result(str(path), error=message) and not result.ok
    assert lint_path(path) == result


def test_a_file_too_large_is_refused_before_it_is_read():
    from unlint.source import MAX_FILE_BYTES

    result = lint_bytes(bytes(MAX_FILE_BYTES + 1), "big.txt")
    assert result.error == "big.txt: file too large (64 MB; unlint reads files up to 64 MB)"


def test_a_missing_file_and_a_folder(tmp_path):
    missing = str(tmp_path / "missing.txt")
    assert _cli(missing).stderr.strip() == f"unlint: error: {lint_path(missing).error}"
    assert lint_path(tmp_path).error == f"{tmp_path}: a folder, not a regular file"


def test_settings_that_cannot_be_used_raise(tmp_path):
    with pytest.raises(SettingsError, match="no rule has the code or prefix 'ZZ999'"):
        lint_bytes(b"The General Assembly,\n", "a.txt", Settings(select=("ZZ999",)))
    with pytest.raises(SettingsError, match="missing.txt"):
        lint_bytes(b"The General Assembly,\n", "a.txt", Settings(base=str(tmp_path / "missing.txt")))
    with pytest.raises(TypeError):
        lint_bytes("text, not bytes", "a.txt")


def test_settings_and_results_pickle():
    settings = Settings(select=("ALL",), ignore=("TX", "SP001"), severity={"EN": "info"},
                        words=("Blue", "zzz"), ignore_text=("Security Council",), input_format="pdf-text")
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert hash(pickle.loads(pickle.dumps(settings))) == hash(settings)
    for name in ("S-RES-2776-2025.pdf", "A-RES-80-24.md"):
        result = lint_path(corpus_file(name))
        assert result.diagnostics
        again = pickle.loads(pickle.dumps(result))
        assert again == result and type(again.diagnostics[0]) is Problem
        assert all(type(v) in (str, int, type(None)) for p in result.diagnostics for v in
                   (getattr(p, f) for f in Problem.__slots__))
    failed = lint_bytes(b"\xff", "x.txt")
    assert pickle.loads(pickle.dumps(failed)) == failed
    error = SettingsError("select: no rule has the code or prefix 'ZZ'")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_no_call_changes_the_next():
    data = corpus_file("A-RES-80-24.md").read_bytes()
    a = Settings()
    first = lint_bytes(data, "A-RES-80-24.md", a)
    codes = Counter(p.code for p in first.diagnostics)
    assert len(codes) >= 2
    dropped, softened = sorted(codes)[:2]
    b = Settings(ignore=(dropped,), severity={softened: "info"}, words=("zzzz",),
                 ignore_text=("Economic and Social Council",))
    second = lint_bytes(data, "A-RES-80-24.md", b)
    again = lint_bytes(data, "A-RES-80-24.md", a)
    b_again = lint_bytes(data, "A-RES-80-24.md", replace(b))  # equal settings, a new object
    assert again == first
    assert b_again == second
    assert second != first
    assert {p.code for p in second.diagnostics} <= set(codes) - {dropped}
    assert all(p.severity == "info" for p in second.diagnostics if p.code == softened)


def test_importing_unlint_loads_no_engine():
    script = ("import sys, unlint; assert 'unlint.api' not in sys.modules; "
              "from unlint import Result, lint_bytes, Settings; "
              "assert 'unlint.engine' not in sys.modules and 'unlint.readers' not in sys.modules; "
              "print(lint_bytes.__module__, Result.__module__, Settings.__module__)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["unlint.api", "unlint.api", "unlint.settings"]
    assert "lint_bytes" in dir(unlint)
    with pytest.raises(AttributeError):
        unlint.no_such_name  # noqa: B018


def test_the_example_is_not_linted_as_a_document():
    from unlint.batch import files

    found = list(files([str(ROOT / "examples")], lambda path, problem: None))
    assert found and not any(name.endswith(".py") for name in found)


def _example():
    spec = importlib.util.spec_from_file_location("archive_dask", ROOT / "examples" / "archive_dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dask_example_counts_what_a_loop_counts(tmp_path):
    pytest.importorskip("dask.bag")
    example = _example()
    paths = [str(corpus_file(name)) for name in ("A-RES-80-24.md", "A-RES-78-190.txt", "A-80-L.17.txt",
                                                  "S-RES-2779-2025.pdf")]
    paths.append(str(tmp_path / "missing.txt"))
    expected = Counter()
    errors = []
    for path in paths:
        result = lint_path(path)
        expected.update((p.code, p.rule) for p in result.diagnostics)
        errors += [result.error] if result.error else []
    counts, failed = example.rule_counts(paths, scheduler="processes", workers=2)
    assert counts == dict(expected) and sum(counts.values()) > 20
    assert failed == errors == [f"{paths[-1]}: no such file or folder"]
    assert example.archive_files(str(ROOT / "examples")) == sorted(
        str(p) for p in (ROOT / "examples").iterdir() if p.suffix in (".md", ".txt"))
