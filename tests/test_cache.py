"""The content-hash cache (.unlint_cache/) and --jobs: the output never changes, only the time.

The documents are the real examples/ of the repository; the findings are the built-in rules'.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from unlint import cache as cache_module
from unlint import engine
from unlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
PLUGIN = """\
from unlint.diagnostics import Finding
from unlint.hookspecs import hookimpl
from unlint.registry import rule


@rule("ZZ001", "marker", "warning")
def marker(doc, ctx):
    \"\"\"A marker.\"\"\"
    i = doc.source.text.find("Recalling")
    if i >= 0:
        yield Finding(i, i + 9, MESSAGE)


@hookimpl
def unlint_rules():
    return [marker]
"""


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """The examples in a folder of their own (no config above it), and the current folder there."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def small(tmp_path, monkeypatch):
    """Three short documents (the clean example, the first 40 lines of the draft example, and
    the README's draft, which has fixes), in ``examples/``; the current folder there."""
    folder = tmp_path / "examples"
    folder.mkdir()
    shutil.copy(EXAMPLES / "clean-resolution.txt", folder)
    lines = (EXAMPLES / "draft-crime-prevention-2017.md").read_text(encoding="utf-8").splitlines(True)
    (folder / "excerpt.md").write_text("".join(lines[:40]), encoding="utf-8")
    (folder / "fixable.md").write_text(FIXABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


FIXABLE = """The General Assembly,

*Recalling* its resolution 70/1 of 25 September 2015.

1. *Requests* the United Office on Drugs and Crime to report;

2. *Decides* to remain seized of the matter;
"""


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def entries(folder: Path) -> list[Path]:
    return sorted((folder / ".unlint_cache").glob("*.json"))


def test_same_output_with_and_without_the_cache(docs, capsys):
    (docs / "examples" / "latin1.md").write_bytes("R\u00e9affirme\n".encode("latin-1"))
    for fmt in ("text", "json"):
        args = ("--format", fmt, "examples", "missing.md")
        uncached = run(capsys, "--no-cache", *args)
        assert fmt != "text" or not (docs / ".unlint_cache").exists()  # --no-cache writes nothing
        cold = run(capsys, *args)
        warm = run(capsys, *args)
        assert uncached == cold == warm
        assert warm[0] == 2 and warm[2].count("unlint: error:") == 2
    assert "69/196" in warm[1] or "draft-crime-prevention-2017.md" in warm[1]
    assert len(entries(docs)) == 3  # the three examples, not the file that could not be read


def test_a_cached_run_does_not_lint(docs, capsys, monkeypatch):
    cold = run(capsys, "examples")

    def broken(*args, **kwargs):
        raise AssertionError("linted although cached")

    monkeypatch.setattr(engine, "lint_document", broken)
    warm = run(capsys, "examples")
    assert warm == cold and cold[0] == 1
    # the test can fail: without the cache, the broken engine is called
    code, _, err = run(capsys, "--no-cache", "examples")
    assert code == 2 and "linted although cached" in err


def test_a_changed_file_or_setting_is_linted_again(small, capsys):
    docs = small
    draft = docs / "examples" / "fixable.md"
    first = run(capsys, "examples")
    draft.write_text(FIXABLE.replace("of the matter;", "of the matter."), encoding="utf-8")  # same size
    second = run(capsys, "examples")
    assert second != first and second == run(capsys, "--no-cache", "examples")
    for args in (("--select", "ST"), ("--ignore", "CI,DT"), ("--severity", "CI=info"),
                 ("--input-format", "text")):
        assert run(capsys, *args, "examples") == run(capsys, "--no-cache", *args, "examples")
    (docs / ".unlint.yaml").write_text('per-file-ignores:\n  "excerpt.md": [FN]\n', encoding="utf-8")
    ignored = run(capsys, "examples")
    assert ignored == run(capsys, "--no-cache", "examples") and ignored != second


def test_a_changed_plugin_or_pack_is_not_served_stale(small, capsys, monkeypatch):
    docs = small
    monkeypatch.syspath_prepend(str(docs))
    probe = ("--plugin", "unlint_cache_probe")
    plugin = docs / "unlint_cache_probe.py"
    plugin.write_text(f"MESSAGE = 'first'\n{PLUGIN}", encoding="utf-8")
    pack = docs / "pack.yaml"
    pack.write_text("rules:\n  - {code: ZP001, name: probe, kind: existence, severity: warning, summary: S.,"
                    " why: W., example: E., tokens: [Reaffirming]}\n", encoding="utf-8")
    (docs / ".unlint.yaml").write_text("packs: [pack.yaml]\n"
                                       "select: [ZZ, ZP]\n", encoding="utf-8")
    out = run(capsys, *probe, "examples")[1]
    assert "ZZ001 [marker] first" in out and "ZP001" in out

    plugin.write_text(f"MESSAGE = 'second'\n{PLUGIN}", encoding="utf-8")
    os.utime(plugin, ns=(time.time_ns(), time.time_ns() + 10**9))
    sys.modules.pop("unlint_cache_probe", None)
    out = run(capsys, *probe, "examples")[1]
    assert "ZZ001 [marker] second" in out and "first" not in out

    pack.write_text(pack.read_text(encoding="utf-8").replace("Reaffirming", "Recalling"), encoding="utf-8")
    assert run(capsys, *probe, "examples") == run(capsys, *probe, "--no-cache", "examples")


def test_corrupt_entries_are_ignored_and_rewritten(small, capsys):
    docs = small
    first = run(capsys, "examples")
    damage = [b"", b"{", b"[]", b'{"layout": 1, "diagnostics": [["ST001"]]}',
              b'{"layout": 1, "diagnostics": [["ST001", "x", "fatal", "m", 0, 1, null]]}', b"\xff\xfe"]
    for path, junk in zip(entries(docs), damage):
        path.write_bytes(junk)
    assert run(capsys, "examples") == first
    for path in entries(docs):
        assert json.loads(path.read_text(encoding="utf-8").partition("\n")[2])["layout"] == cache_module.LAYOUT


def test_an_entry_not_sealed_by_this_user_is_never_used(small, capsys):
    """A repository can ship a .unlint_cache/ whose entries say "no findings": anyone can compute
    an entry's name, but not the seal made with this user's key, so such entries are passed over."""
    docs = small
    first = run(capsys, "examples")
    assert first[0] == 1
    from unlint.knowledge import seal

    empty = json.dumps({"layout": cache_module.LAYOUT, "diagnostics": []})
    for path in entries(docs):
        forged = hashlib.sha256(empty.encode()).hexdigest()  # a checksum, as a seal would look
        path.write_text(f"{forged}\n{empty}", encoding="utf-8")
    assert run(capsys, "examples") == first
    other = entries(docs)[0]
    other.write_text(seal("0" * 64, empty), encoding="utf-8")  # sealed, but for another entry
    assert run(capsys, "examples") == first


def test_a_symlinked_cache_folder_is_never_followed(small, capsys, tmp_path_factory):
    """``.unlint_cache -> ../victim``: nothing is written into the victim folder and nothing in it
    is deleted, even files that look like old entries; the run goes on uncached."""
    docs = small
    victim = tmp_path_factory.mktemp("victim")
    old = time.time() - 90 * 86400
    planted = [victim / ("a" * 64 + ".json"), victim / ".tmp-abcdefgh.json", victim / "notes.txt"]
    for path in planted:
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (old, old))
    (docs / ".unlint_cache").symlink_to(victim, target_is_directory=True)
    assert run(capsys, "examples") == run(capsys, "--no-cache", "examples")
    assert sorted(victim.iterdir()) == sorted(planted)
    assert all(p.read_text(encoding="utf-8") == "{}" for p in planted)


def test_cache_files_that_are_links_or_pipes_are_not_read(small, capsys, tmp_path_factory):
    docs = small
    first = run(capsys, "examples")
    target = tmp_path_factory.mktemp("elsewhere") / "secret.json"
    target.write_text("{}", encoding="utf-8")
    paths = entries(docs)
    paths[0].unlink()
    paths[0].symlink_to(target)
    if hasattr(os, "mkfifo"):
        paths[1].unlink()
        os.mkfifo(paths[1])  # reading would wait for ever
    assert run(capsys, "examples") == first
    assert target.read_text(encoding="utf-8") == "{}"


def test_where_the_cache_is_and_that_git_ignores_it(tmp_path, capsys, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project / "docs")
    (project / ".unlint.yaml").write_text("ignore: [PU]\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run(capsys, str(project / "docs"))
    assert len(entries(project)) == 3 and not (elsewhere / ".unlint_cache").exists()
    assert (project / ".unlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (project / ".unlint_cache" / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    run(capsys, "--isolated", str(project / "docs"))  # no config: the current folder
    assert len(entries(elsewhere)) == 3
    assert not list((project / ".unlint_cache").glob(".tmp-*"))  # atomic writes leave nothing


def test_fixes_diffs_and_stdin_bypass_the_cache(small, capsys, monkeypatch):
    docs = small
    draft = docs / "examples" / "excerpt.md"
    code, out, _ = run(capsys, "--diff", "examples")
    assert code == 1 and out.startswith("--- a/")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(draft.read_bytes()), encoding="utf-8"))
    code, out, _ = run(capsys, "--stdin-filename", "x.md")
    assert code == 1 and out.startswith("x.md:")
    assert not (docs / ".unlint_cache").exists()
    run(capsys, "examples")
    before = run(capsys, "examples")
    code, _, _ = run(capsys, "--fix", "examples")  # fixes are applied: the files change
    after = run(capsys, "examples")
    assert after == run(capsys, "--no-cache", "examples") and after != before


def test_an_unusable_cache_folder_only_costs_time(small, capsys):
    docs = small
    (docs / ".unlint_cache").write_text("not a folder", encoding="utf-8")
    assert run(capsys, "examples") == run(capsys, "--no-cache", "examples")


def test_entries_unused_for_30_days_are_pruned_once_a_day(small, capsys):
    docs = small
    run(capsys, "examples")
    folder = docs / ".unlint_cache"
    now = time.time()

    from unlint.knowledge import seal

    def aged(name: str, days: float, sealed: bool = True) -> Path:
        path = folder / name
        if not path.exists():
            path.write_text(seal(name[:-5], "{}") if sealed else "{}", encoding="utf-8")
        os.utime(path, (now - days * 86400, now - days * 86400))
        return path

    real = entries(docs)
    used = aged(real[0].name, 2)  # used again below: its time is renewed
    stale, recent = aged("f" * 64 + ".json", 40), aged("e" * 64 + ".json", 10)
    foreign = aged("d" * 64 + ".json", 40, sealed=False)  # named like an entry, but not ours
    tmp = aged(".tmp-abcdefgh.json", 0.1)
    (folder / ".pruned").unlink()
    assert run(capsys, "examples") == run(capsys, "--no-cache", "examples")
    assert not stale.exists() and not tmp.exists() and recent.exists() and foreign.exists()
    assert time.time() - used.stat().st_mtime < 60 and set(real) <= set(entries(docs))
    stale = aged("f" * 64 + ".json", 40)
    run(capsys, "examples")
    assert stale.exists()  # pruned at most once a day


# ---- --jobs

def test_jobs_give_the_same_output_in_the_same_order(docs, capsys, monkeypatch):
    shutil.copy(docs / "examples" / "draft-crime-prevention-2017.md", docs / "examples" / "copy.md")
    (docs / "examples" / "latin1.md").write_bytes("R\u00e9affirme\n".encode("latin-1"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"1. Decides.\n"), encoding="utf-8"))
    shutil.copy(docs / "examples" / "clean-resolution.txt", docs / "extra.txt")
    monkeypatch.setenv("UNLINT_DEBUG", "1")  # an outcome that cannot come back from the pool raises
    args = ("--no-cache", "--format", "json", "examples", "missing.md", "-", "extra.txt")
    one = run(capsys, "--jobs", "1", *args)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"1. Decides.\n"), encoding="utf-8"))
    two = run(capsys, "--jobs", "2", *args)
    assert one == two
    paths = [f["path"] for f in json.loads(two[1])["files"]]
    assert paths[-2:] == ["<stdin>", "extra.txt"] and len(paths) == 6
    assert two[0] == 2 and two[2].count("unlint: error:") == 2
    # the cache written by several processes at once, then read back
    assert run(capsys, "--jobs", "2", "examples") == run(capsys, "examples") == one_text(capsys)


def one_text(capsys):
    return run(capsys, "--no-cache", "--jobs", "1", "examples")


def test_jobs_0_is_one_per_cpu():
    from unlint.arguments import jobs as _jobs

    assert _jobs("0") == len(os.sched_getaffinity(0)) >= 1 and _jobs("3") == 3


@pytest.mark.parametrize("value", ["-1", "x", ""])
def test_jobs_must_be_a_count(capsys, value):
    code, out, err = run(capsys, "--jobs", value, "x.md")
    assert code == 2 and out == "" and "--jobs: expected a number of processes" in err


# a patch made here reaches the pool processes only when they are forked from this one
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                            reason="pool processes are not forked on this platform")


def _more_files(docs: Path, copies: int = 3) -> None:
    for i in range(copies):
        shutil.copy(docs / "examples" / "clean-resolution.txt", docs / "examples" / f"copy{i}.txt")


@forked
def test_each_pool_process_builds_its_run_contexts_once(docs, capsys, monkeypatch):
    from unlint.context import RunContext

    _more_files(docs)
    built = docs / "built"
    init = RunContext.__init__

    def counted(self, settings):
        with open(built, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        init(self, settings)

    monkeypatch.setattr(RunContext, "__init__", counted)
    assert run(capsys, "--no-cache", "--jobs", "2", "examples")[0] == 1
    pids = built.read_text(encoding="utf-8").split()
    assert len(pids) == len(set(pids)) == 2 and str(os.getpid()) not in pids  # 6 files, 2 contexts


@forked
@pytest.mark.parametrize("failure", ["dies", "cannot send its outcome"])
def test_a_file_the_pool_cannot_lint_is_linted_here(docs, capsys, monkeypatch, failure):
    from unlint import batch

    _more_files(docs)
    monkeypatch.delenv("UNLINT_DEBUG", raising=False)
    expected = run(capsys, "--no-cache", "--jobs", "1", "examples")
    here, lint_one = os.getpid(), batch.lint_one

    def failing(path, *args):
        outcome = lint_one(path, *args)
        if os.getpid() != here and path.endswith("draft-crime-prevention-2017.md"):
            if failure == "dies":
                os._exit(3)
            outcome.unpicklable = lambda: None
        return outcome

    monkeypatch.setattr(batch, "lint_one", failing)
    assert run(capsys, "--no-cache", "--jobs", "2", "examples") == expected
    if failure != "dies":
        monkeypatch.setenv("UNLINT_DEBUG", "1")
        with pytest.raises(RuntimeError, match="draft-crime-prevention-2017.md cannot be sent back"):
            main(["--no-cache", "--jobs", "2", "examples"])


def test_a_cached_pdf_is_not_read_again(tmp_path, capsys, monkeypatch):
    """The entry is found from the file's bytes before any reader runs, and holds what the
    report shows: the source lines under each finding, the page positions, the notices."""
    pytest.importorskip("pdfminer")
    from unlint.readers import pdf as pdf_reader

    fixture = ROOT / "tests" / "fixtures" / "pdf" / "A-80-L.14.pdf"
    (tmp_path / "docs").mkdir()
    shutil.copy(fixture, tmp_path / "docs" / "A-80-L.14.pdf")
    shutil.copy(EXAMPLES / "clean-resolution.txt", tmp_path / "docs")
    (tmp_path / "pack.yaml").write_text(  # findings on several pages of the PDF
        "rules:\n  - {code: ZP001, name: probe, kind: existence, severity: warning, summary: S.,"
        " why: W., example: E., tokens: [Reaffirming]}\n", encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text("packs: [pack.yaml]\nselect: [ZP, ST]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    outputs = {}
    for fmt in ("text", "json"):
        outputs[fmt] = run(capsys, "--no-cache", "--format", fmt, "docs")
        assert run(capsys, "--format", fmt, "docs") == outputs[fmt]
    assert '"page": 2' in outputs["json"][1] and "docs/A-80-L.14.pdf:p2:" in outputs["text"][1]

    def unread(*args, **kwargs):
        raise AssertionError("the PDF was read although cached")

    monkeypatch.setattr(pdf_reader, "read_pdf_bytes", unread)
    monkeypatch.setattr(engine, "lint_document", unread)
    for fmt in ("text", "json"):
        assert run(capsys, "--format", fmt, "docs") == outputs[fmt]
    from unlint.knowledge import seal

    def body(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8").partition("\n")[2])

    entry = next(body(p) for p in entries(tmp_path) if "source" in body(p))
    assert entry["source"]["kind"] == "pdf" and entry["source"]["units"][0] == [0, "page", "1"]
    # a damaged source in a (sealed) entry: the file is read again (here: the reader that fails)
    for path in entries(tmp_path):
        stored = body(path)
        if "source" in stored:
            stored["source"]["units"] = [["x", "page", "1"]]
            path.write_text(seal(path.stem, json.dumps(stored)), encoding="utf-8")
    code, _, err = run(capsys, "docs")
    assert code == 2 and "read although cached" in err
    # fixes and citations bypass the cache: the reader runs
    code, _, err = run(capsys, "--diff", "docs")
    assert "read although cached" in err


def test_every_setting_that_changes_findings_is_in_the_key(tmp_path):
    """A setting left out of the key would let the cache answer for other settings (a new
    setting must be added to settings_fingerprint: this test lists the fields)."""
    from dataclasses import fields, replace

    from unlint.cache import settings_fingerprint
    from unlint.settings import Settings

    base = tmp_path / "base.md"
    base.write_text("The General Assembly,\n", encoding="utf-8")
    changed = {"select": ("ST",), "ignore": ("PU",), "severity": {"ST": "info"}, "input_format": "text",
               "plugins": ("json",), "installed": ("shouting",), "packs": (), "words": ("hunga",), "record": None,
               "negotiation_drafts": True, "ignore_text": ("TBC",),
               "ignore_places": (("PU", "OP3"),), "base": str(base)}
    skipped = {"fail_on", "packs", "record"}  # the exit status only; files, digested when given
    assert {f.name for f in fields(Settings)} == set(changed) | skipped
    plain = settings_fingerprint(Settings(), [])
    for name, value in changed.items():
        if name not in skipped:
            assert settings_fingerprint(replace(Settings(), **{name: value}), []) != plain, name


def test_processes_at_once_share_the_cache_and_print_the_same(docs, tmp_path):
    """Several unlint processes, some with --jobs, over the same folder with the cache on, all
    at once: each prints what one --no-cache run prints, and the cache is left readable (a
    later cached run prints it again) with no temporary file behind (issue 19)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    env["UNLINT_TABLE_CACHE"] = str(tmp_path / "user-cache")

    def unlint(*args):
        return [sys.executable, "-m", "unlint", "--isolated", "--format", "json", *args, "examples"]

    expected = subprocess.run(unlint("--no-cache"), cwd=docs, env=env, capture_output=True, text=True)
    runs = [subprocess.Popen(unlint(*(("--jobs", "2") if i % 2 else ())), cwd=docs, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(6)]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert all(p.returncode == expected.returncode for p in runs)
    assert all(out == expected.stdout and not err for out, err in outputs)
    again = subprocess.run(unlint(), cwd=docs, env=env, capture_output=True, text=True)
    assert again.stdout == expected.stdout
    cache = docs / ".unlint_cache"
    assert len(entries(docs)) == 3 and not list(cache.glob(".tmp-*"))
