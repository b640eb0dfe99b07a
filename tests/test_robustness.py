"""Bad inputs: each gives a clear one-line message and exit status 2 (or findings, where
linting can go on), never a traceback, and ends within a time limit: nothing may hang.

Every case runs unlint as a real process with a timeout, the way the console script runs it
(``python -P``: the current folder is not on the import path), but for two that run it in this
process to simulate a failure (a file that cannot be opened, even by root; a bug in unlint).
The safety tests check that YAML builds no Python object and that nothing from the linted
folder is imported.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONSOLE = "import sys; from unlint.cli import main; sys.exit(main())"
DRAFT = (
    "The General Assembly,\n\n"
    "Recalling its resolution 70/1 of 25 September 2015,\n\n"
    "1. Decides  to act;\n\n"
    "3. Requests the Secretary-General to report.\n"
)
# where the built-in rules find something in DRAFT: (code, line, column)
DRAFT_FINDINGS = {("PU009", 5, 11), ("ST001", 7, 1)}


def unlint(*args, cwd, timeout=60, stdin=None, module=False):
    """Run unlint in a fresh process; fail (not hang) past ``timeout`` seconds. ``stdin``: bytes,
    or an open file to read standard input from."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "UNLINT_DEBUG")}
    env["PYTHONPATH"] = str(ROOT)
    cmd = [sys.executable, "-m", "unlint", *args] if module else [sys.executable, "-P", "-c", CONSOLE, *args]
    try:
        feed = {"stdin": stdin} if hasattr(stdin, "fileno") else {"input": stdin}
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout, **feed)
    except subprocess.TimeoutExpired:
        pytest.fail(f"unlint {' '.join(map(str, args))} did not finish within {timeout} s")
    done.out = done.stdout.decode("utf-8", "replace")
    done.err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in done.err, done.err
    return done


def one_error(done, pattern: str) -> None:
    """Exit 2 and exactly one error line on stderr, matching ``pattern``."""
    errors = [line for line in done.err.splitlines() if line.startswith("unlint: error:")]
    assert done.returncode == 2, (done.returncode, done.err)
    assert len(errors) == 1 and re.search(pattern, errors[0]), done.err


def findings(done) -> set[tuple[str, int, int]]:
    report = json.loads(done.out)
    return {(d["code"], d["line"], d["column"]) for f in report["files"] for d in f["diagnostics"]}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_the_draft_has_the_findings_the_tests_rely_on(folder):
    done = unlint("--isolated", "--format", "json", "draft.txt", cwd=folder)
    assert done.returncode == 1 and DRAFT_FINDINGS <= findings(done)


# ---- paths

def test_missing_path(folder):
    one_error(unlint("--isolated", "nope.md", cwd=folder), r"nope\.md: no such file or folder$")


def test_missing_path_does_not_stop_the_others(folder):
    done = unlint("--isolated", "--format", "json", "nope.md", "draft.txt", cwd=folder)
    one_error(done, r"nope\.md")
    assert DRAFT_FINDINGS <= findings(done)


def test_directory_loops_through_symlinks_end(folder):
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "x.md").write_text(DRAFT)
    os.symlink("..", folder / "a" / "b" / "up")  # a/b/up -> a
    os.symlink(folder, folder / "a" / "root")  # a/root -> the top: a loop through two links
    os.symlink(folder / "a" / "b" / "x.md", folder / "a" / "link.md")  # a file reached twice
    done = unlint("--isolated", "--format", "json", ".", cwd=folder, timeout=30)
    paths = [f["path"] for f in json.loads(done.out)["files"]]
    assert len(paths) == len(set(paths))
    assert sorted(paths) == sorted(["draft.txt", os.path.join("a", "b", "x.md"), os.path.join("a", "link.md")])


def test_dangling_symlink(folder):
    os.symlink(folder / "gone.md", folder / "dangling.md")
    one_error(unlint("--isolated", "dangling.md", cwd=folder), r"dangling\.md: No such file or directory")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(folder):
    (folder / "secret.md").write_text(DRAFT)
    (folder / "secret.md").chmod(0)
    one_error(unlint("--isolated", "secret.md", cwd=folder), r"secret\.md: Permission denied$")


def test_unreadable_file_whoever_runs_the_tests(folder, monkeypatch, capsys):
    """As the test above, in this process, for root too (who reads anything): opening the file
    fails as it does for a user without the right to read it."""
    from unlint.cli import main

    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.path.basename(path) == "secret.md":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    (folder / "secret.md").write_text(DRAFT)
    monkeypatch.chdir(folder)
    monkeypatch.setattr(os, "open", refuse)
    assert main(["--isolated", "--no-cache", "secret.md"]) == 2
    assert capsys.readouterr().err == "unlint: error: secret.md: Permission denied\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_not_waited_on(folder):
    os.mkfifo(folder / "pipe.md")
    one_error(unlint("--isolated", "pipe.md", cwd=folder, timeout=5), r"pipe\.md: .*named pipe")
    done = unlint("--isolated", "--format", "json", ".", cwd=folder, timeout=5)  # found by the walk
    one_error(done, r"pipe\.md: .*named pipe")
    assert DRAFT_FINDINGS <= findings(done)


def test_a_baseline_that_is_a_named_pipe_is_refused(folder):
    os.mkfifo(folder / "baseline.json")
    one_error(unlint("--isolated", "--baseline", "baseline.json", "draft.txt", cwd=folder, timeout=5),
              r"baseline\.json: cannot read the baseline: a named pipe")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused(folder):
    done = unlint("--isolated", "/dev/zero", cwd=folder, timeout=5)
    one_error(done, r"/dev/zero: a device, not a regular file$")
    os.symlink("/dev/zero", folder / "zero.md")  # found by the walk, through a link
    done = unlint("--isolated", "--format", "json", ".", cwd=folder, timeout=5)
    one_error(done, r"zero\.md: a device, not a regular file$")
    assert DRAFT_FINDINGS <= findings(done)


def test_stdin_is_read(folder):
    for args in (["-"], ["-", "--stdin-filename", "x.md"], ["--stdin-filename", "x.md"]):
        done = unlint("--isolated", "--format", "json", *args, cwd=folder, stdin=DRAFT.encode())
        assert done.returncode == 1 and DRAFT_FINDINGS <= findings(done), done.err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_stdin_is_refused(folder):
    with open("/dev/zero", "rb") as zero:
        done = unlint("--isolated", "-", cwd=folder, stdin=zero, timeout=30)
    one_error(done, r"<stdin>: standard input too large")


# ---- contents

def test_binary_file(folder):
    (folder / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    one_error(unlint("--isolated", "image.md", cwd=folder), r"image\.md: binary file")


def test_invalid_utf8_says_where_in_characters(folder):
    (folder / "bad.txt").write_bytes("The General Assembly,\n\nRéaffirmant ses ".encode() + b"r\xe9solutions\n")
    one_error(unlint("--isolated", "bad.txt", cwd=folder), r"bad\.txt:3:18: invalid UTF-8 \(byte 0xe9\)")


def test_invalid_utf8_after_a_bom(folder):
    (folder / "bad.txt").write_bytes(b"\xef\xbb\xbfab\xffc\n")
    one_error(unlint("--isolated", "bad.txt", cwd=folder), r"bad\.txt:1:3: invalid UTF-8 \(byte 0xff\)")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read(folder, encoding):
    data = ("\ufeff" + DRAFT).encode(encoding) if encoding != "utf-16" else DRAFT.encode("utf-16")
    (folder / "wide.txt").write_bytes(data)
    done = unlint("--isolated", "--format", "json", "wide.txt", cwd=folder)
    assert done.returncode == 1 and findings(done) == findings(
        unlint("--isolated", "--format", "json", "draft.txt", cwd=folder))


def test_utf16_without_a_bom_is_named(folder):
    (folder / "wide.txt").write_bytes(DRAFT.encode("utf-16-le"))
    one_error(unlint("--isolated", "wide.txt", cwd=folder), r"wide\.txt: .*UTF-16 without a byte-order mark")


def test_truncated_utf16(folder):
    (folder / "odd.txt").write_bytes(DRAFT.encode("utf-16")[:-1])
    one_error(unlint("--isolated", "odd.txt", cwd=folder), r"odd\.txt: invalid UTF-16")


def test_utf8_bom_is_not_a_column(folder):
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + DRAFT.encode())
    assert DRAFT_FINDINGS <= findings(unlint("--isolated", "--format", "json", "bom.txt", cwd=folder))


@pytest.mark.parametrize("endings", ["crlf", "mixed"])
def test_crlf_and_mixed_line_endings_keep_lines_and_columns(folder, endings):
    lines = DRAFT.split("\n")
    if endings == "crlf":
        text = "\r\n".join(lines)
    else:
        text = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    (folder / "dos.txt").write_bytes(text.encode())
    assert findings(unlint("--isolated", "--format", "json", "dos.txt", cwd=folder)) == findings(
        unlint("--isolated", "--format", "json", "draft.txt", cwd=folder))


@pytest.mark.parametrize("data", [b"", b"\n\n  \t\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\r\n"])
def test_empty_files_are_not_errors(folder, data):
    (folder / "empty.md").write_bytes(data)
    done = unlint("--isolated", "empty.md", cwd=folder)
    assert (done.returncode, done.err) == (0, "")


@pytest.mark.slow
def test_a_20_mb_file_is_linted_in_bounded_time(folder):
    """A real resolution (examples/, PDF text) repeated to 20 MB: about 40 s and 1.5 GB."""
    one = (ROOT / "examples" / "resolution-73-186-pdf-extract.txt").read_bytes().rstrip(b"\n") + b"\n\n"
    (folder / "big.txt").write_bytes(one * (20_000_000 // len(one) + 1))
    done = unlint("--isolated", "--no-cache", "--format", "json", "big.txt", cwd=folder, timeout=400)
    assert done.returncode in (0, 1), done.err
    assert json.loads(done.out)["files"][0]["path"] == "big.txt"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_single_1_mb_line(folder, fmt):
    words = "the Assembly recalls its resolution 70/1 of 25 September 2015 and decides".split()
    line = " ".join(words[i % len(words)] for i in range(100_000))[:1_000_000]
    (folder / "line.txt").write_text("The General Assembly,\n\n1. Decides  " + line + "\n")
    done = unlint("--isolated", "--format", fmt, "line.txt", cwd=folder, timeout=120)
    assert done.returncode in (0, 1), done.err
    assert len(done.stdout) < 20_000_000  # the text output shows a window of a long line


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@pytest.mark.parametrize("shape", ["balanced", "open", "close", "brackets", "stars"])
def test_10000_nested_marks(folder, suffix, shape):
    body = {"balanced": "(" * 10_000 + "x" + ")" * 10_000, "open": "(" * 10_000, "close": ")" * 10_000,
            "brackets": "[(" * 5_000 + "x" + ")]" * 5_000, "stars": "*" * 10_000 + "x" + "*" * 10_000}[shape]
    (folder / f"deep{suffix}").write_text(f"The General Assembly,\n\n1. Decides {body};\n")
    done = unlint("--isolated", "--format", "json", f"deep{suffix}", cwd=folder, timeout=60)
    assert done.returncode in (0, 1), done.err


def test_stdin_binary_and_invalid(folder):
    done = unlint("--isolated", "-", "--stdin-filename", "x.md", cwd=folder, stdin=b"ab\x00\x01cd")
    one_error(done, r"x\.md: binary file")


# ---- configuration and rule packs

BOMB = "\n".join(
    [f"  - &a0 [{', '.join(['lol'] * 9)}]"]
    + [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
)

CONFIGS = {
    "malformed": ("select: [ST\nignore: PU\n", r"\.unlint\.yaml:2: invalid YAML"),
    "not-utf8": (b"select: [\xff]\n", r"\.unlint\.yaml:1: .*not valid UTF-8"),
    "alias-bomb": (f"select:\n{BOMB}\n", r"\.unlint\.yaml:\d+: select entries must be strings"),
    "bomb-in-list": ("select: &x [ST]\nignore: [*x, *x]\n", r"\.unlint\.yaml:\d+: ignore entries must be strings"),
    "deep": ("select: " + "[" * 5000 + "]" * 5000 + "\n", r"\.unlint\.yaml:1: "),
    "huge": ("# " + "x" * 1_100_000 + "\nselect: [ST]\n", r"\.unlint\.yaml: config file larger than 1 MB"),
    "list": ("- ST\n- FN\n", r"\.unlint\.yaml:1: expected a mapping"),
    "select-int": ("select: 3\n", r"\.unlint\.yaml:1: select must be a list"),
    "severity-list": ("severity: [error]\n", r"\.unlint\.yaml:1: severity must be a mapping"),
    "severity-level": ("severity: {ST001: [error]}\n", r"\.unlint\.yaml:1: severity of ST001"),
    "fail-on": ("fail-on: 3\n", r"\.unlint\.yaml:1: fail-on: 3 is not one of"),
    "complex-key": ("? [a, b]\n: c\n", r"\.unlint\.yaml:1: unknown key"),
    "duplicate": ("select: [ST]\nselect: [FN]\n", r"\.unlint\.yaml:2: invalid YAML"),
    "python-tag": ('select: !!python/object/apply:os.system ["touch PWNED"]\n', r"\.unlint\.yaml:1: "),
    "python-tag-in-list": ('select: [!!python/object/apply:os.system ["touch PWNED"]]\n', r"\.unlint\.yaml:1: "),
    "python-name": ("plugins: !!python/name:os.system\n", r"\.unlint\.yaml:1: "),
    "omap": ("severity: !!omap [a: error]\n", r"\.unlint\.yaml:1: severity: 'a' is not a rule code"),
}


@pytest.mark.parametrize("name, content, pattern", [
    ("pyproject.toml", "[tool.unlint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n",
     r"pyproject\.toml:2: invalid TOML: nested more than 64 levels deep"),
    ("pyproject.toml", '[tool.unlint]\nselect = ["ST"]  # ' + "[" * 100 + "\n[tool.unlint.per-file-ignores]\n"
     + "".join(f'"x{i}[[[[[[[[[[.md" = [\'PU\']\n' for i in range(20)), None),
    ("baseline.json", "[" * 100_000 + "]" * 100_000, r"baseline\.json:1: not an unlint baseline file \(nested"),
    ("baseline.json", '{"version": 1, "files": {"draft.txt": [' + ", ".join(
        ['{"code": "PU001", "fingerprint": "x", "message": "\\"[\\" is never closed [["}'] * 100) + "]}}", None),
])
def test_nesting_is_bounded_before_parsing(folder, name, content, pattern):
    """A pyproject.toml or a baseline nested thousands deep is refused with its line before a
    (recursive) parser sees it; brackets inside strings and comments do not count."""
    (folder / name).write_text(content, encoding="utf-8")
    args = ("--baseline", "baseline.json") if name == "baseline.json" else ()
    done = unlint(*args, "draft.txt", cwd=folder, timeout=60)
    if pattern is None:
        assert done.returncode == 1, done.err
    else:
        one_error(done, pattern)


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_bad_config(folder, case):
    content, pattern = CONFIGS[case]
    config = folder / ".unlint.yaml"
    config.write_bytes(content if isinstance(content, bytes) else content.encode())
    done = unlint("draft.txt", cwd=folder, timeout=30)
    one_error(done, pattern)
    assert not (folder / "PWNED").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_config_that_is_not_a_regular_file_is_refused(folder, kind):
    if kind == "fifo":
        os.mkfifo(folder / "pipe.yaml")
    config, what = ("pipe.yaml", "a named pipe") if kind == "fifo" else ("/dev/zero", "a device")
    done = unlint("--config", config, "draft.txt", cwd=folder, timeout=10)
    one_error(done, rf"{re.escape(config)}: cannot read config file: {what}, not a regular file$")


PACK_HEAD = """rules:
  - code: ZZ001
    name: zz-word
    kind: existence
    severity: warning
    summary: A word.
    why: Because.
    example: e
    instead: i
    message: "found {found}"
"""

PACKS = {
    "malformed": "rules: [\n",
    "not-a-list": "rules: 3\n",
    "no-name": "rules:\n  - code: ZZ001\n",
    "bad-tokens": PACK_HEAD + "    tokens: [[a]]\n",
    "alias-bomb": f"note:\n{BOMB}\n" + PACK_HEAD + "    tokens: *a8\n",
    "deep": "rules: " + "[" * 3000 + "]" * 3000 + "\n",
    "python-tag": PACK_HEAD + '    tokens: !!python/object/apply:os.system ["touch PWNED"]\n',
    "huge": "# " + "x" * 2_100_000 + "\n" + PACK_HEAD + "    tokens: [Decides]\n",
    "not-utf8": b"rules: [\xff]\n",
    "wrong-types": PACK_HEAD + "    tokens: {Decides: [advice]}\n",
}


@pytest.mark.parametrize("case", sorted(PACKS))
def test_bad_rule_pack(folder, case):
    content = PACKS[case]
    (folder / "pack.yaml").write_bytes(content if isinstance(content, bytes) else content.encode())
    (folder / ".unlint.yaml").write_text("packs: [pack.yaml]\n")
    done = unlint("draft.txt", cwd=folder, timeout=30)
    one_error(done, r"^unlint: error: pack\.yaml:\d+(:\d+)?: ")  # as named in the config, with its line
    assert "internal error" not in done.err  # a broken pack is the user's to fix, not a bug
    assert not (folder / "PWNED").exists()


@pytest.mark.parametrize("args", [["rules"], ["rule", "ZZ001"], ["--jobs", "2", "draft.txt", "other.txt"]])
def test_a_bad_rule_pack_is_reported_by_every_command(folder, args):
    (folder / "other.txt").write_text(DRAFT)
    (folder / "pack.yaml").write_text(PACKS["no-name"])
    (folder / ".unlint.yaml").write_text("packs: [pack.yaml]\n")
    done = unlint(*args, cwd=folder, timeout=60)
    one_error(done, r"^unlint: error: pack\.yaml:2: rule without 'name'$")


def test_a_good_rule_pack_works(folder):
    (folder / "pack.yaml").write_text(PACK_HEAD + "    tokens: [Decides]\n")
    (folder / ".unlint.yaml").write_text("packs: [pack.yaml]\n")
    done = unlint("--format", "json", "draft.txt", cwd=folder, timeout=30)
    assert ("ZZ001", 5, 4) in findings(done)


# ---- nothing from the linted folder runs

TRAP = "import pathlib\npathlib.Path(__file__).with_name('RAN-' + __name__).write_text('x')\n"


def _plant(folder: Path) -> None:
    for name in ("evil", "lark", "pluggy", "yaml", "sitecustomize", "unlint_house_style"):
        (folder / f"{name}.py").write_text(TRAP)
    (folder / "conftest.py").write_text(TRAP)


def test_no_module_is_imported_from_the_linted_folder(folder):
    _plant(folder)
    done = unlint("--isolated", "--format", "json", ".", cwd=folder)
    assert done.returncode == 1 and DRAFT_FINDINGS <= findings(done)
    assert not list(folder.glob("RAN-*"))


def test_a_config_in_the_linted_folder_cannot_import_from_it(folder):
    _plant(folder)
    (folder / ".unlint.yaml").write_text("plugins: [evil]\n")
    done = unlint("draft.txt", cwd=folder)
    one_error(done, r"\.unlint\.yaml:1: plugins: 'evil' is not an installed unlint plugin")
    assert not list(folder.glob("RAN-*"))


def test_python_m_unlint_does_not_import_from_the_current_folder(folder):
    """``python -m`` puts the current folder first on the import path: unlint drops it."""
    _plant(folder)
    done = unlint("--isolated", "--format", "json", "draft.txt", cwd=folder, module=True)
    assert not list(folder.glob("RAN-*"))
    assert done.returncode == 1 and DRAFT_FINDINGS <= findings(done)


def test_an_internal_error_is_one_line(folder, monkeypatch, capsys):
    """A bug outside the linting of one file still gives one line and exit status 2."""
    from unlint import cli

    def broken(args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "_lint", broken)
    monkeypatch.delenv("UNLINT_DEBUG", raising=False)
    assert cli.main(["draft.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unlint: error: internal error: RuntimeError('a bug')")
    assert len(err.splitlines()) == 1


# ---- output

def test_html_output_escapes_the_document(folder):
    done = unlint("--help", cwd=folder)
    if "html" not in done.out:
        pytest.skip("no HTML output in this version")
    (folder / "x.md").write_text("The General Assembly,\n\n1. Decides  <script>alert(1)</script> & <b>;\n")
    done = unlint("--isolated", "--format", "html", "x.md", cwd=folder)
    assert done.returncode == 1
    assert "<script>alert" not in done.out and "&lt;script&gt;" in done.out


def test_fix_writes_atomically_and_keeps_the_file_mode(folder):
    if "--fix" not in unlint("--help", cwd=folder).out:
        pytest.skip("no --fix in this version")
    path = folder / "draft.txt"
    path.chmod(0o640)
    before = path.stat()
    done = unlint("--isolated", "--fix", "draft.txt", cwd=folder)
    assert done.returncode in (0, 1), done.err
    after = path.stat()
    assert "Decides to act" in path.read_text()  # the doubled space was fixed
    assert after.st_ino != before.st_ino  # a new file renamed over the old one, not rewritten in place
    assert after.st_mode & 0o777 == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["draft.txt"]  # no temporary file left


def test_format_detection_is_linear_on_blank_lines():
    """20,000 blank lines used to take seconds (each ^\\s* ran on over the blank lines): the
    hint patterns are tried a bounded number of steps per line."""
    import re

    from unlint.readers import _PDF_TEXT_HINTS

    for pattern in _PDF_TEXT_HINTS.pattern.split("|"):
        assert not re.search(r"\^\\s\*", pattern), pattern


@pytest.mark.parametrize("name, text", [
    # PU004 and TX002 tried their pattern at each space of a run: 20 KB took 2.5 s, 1 MB hours
    ("spaces.txt", "a" + " " * 1_000_000 + "x\n"),
    ("spaced-hyphen.txt", "a" + " " * 1_000_000 + "-b\n"),
    # the text report read the whole line again for each finding on it (20,000 soft hyphens
    # on one line: 20,000 findings times 40 KB)
    ("soft-hyphens.txt", "ab" + "\u00ad" * 50_000 + "ab\n"),
    ("brackets.txt", "[" * 50_000 + "\n"),
    # what the citation, symbol, footnote, list and bracket patterns look for, in runs of about
    # 1 MB (50,000 units and more) inside an operative paragraph, where those rules look
    *[(name, "The General Assembly,\n\n1. Decides " + run + ";\n") for name, run in [
        ("digits.txt", "1" * 1_000_000),
        ("spaced-digits.txt", "1 " * 500_000),
        ("superscript-digits.txt", "\u00b9\u00b2\u00b3" * 300_000),
        ("word-superscripts.txt", "word\u00b9 " * 150_000),
        ("letter-items.txt", "(a)(b)" * 170_000),
        ("spaced-items.txt", "(a) (b) " * 125_000),
        ("open-parentheses.txt", "(" * 1_000_000),
        ("nested-open.txt", "((((a" * 200_000),
        ("close-squares.txt", "]" * 1_000_000),
        ("close-squares.md", "]" * 1_000_000),
        ("mixed-open.txt", "[(" * 500_000),
        ("mixed-open.md", "[(" * 500_000),
        ("unclosed-squares.md", "[a " * 330_000),
        ("dots.txt", "." * 1_000_000),
        ("ellipses.txt", "\u2026" * 330_000),
        ("quotes.txt", "\"'\u201c\u201d\u2018\u2019" * 60_000),
        ("symbol-prefixes.txt", "A/RES/" * 170_000),
        ("symbol-numbers.txt", "A/RES/1/" * 125_000),
        ("number-slashes.txt", "1/" * 500_000),
        ("decimal-numbers.txt", "1.1." * 250_000),
    ]],
])
def test_adversarial_lines_are_linted_in_linear_time(tmp_path, name, text):
    """A long run of one character: every rule and the text report stay linear (a generous
    time-out in a fresh process, not a wall-clock bound)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = unlint("--no-cache", "--isolated", name, cwd=tmp_path, timeout=60)
    assert done.returncode in (0, 1), done.err


# ---- file names from outside: not UTF-8, escape sequences

@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
def test_a_file_name_cannot_break_a_report_or_drive_the_terminal(tmp_path):
    """A name that is not UTF-8 (byte 0xe9) and holds an escape sequence: every format writes
    valid UTF-8, the terminal formats show the bytes as escapes, SARIF keeps them exactly."""
    name = b"caf\xe9\x1b[31mred.md"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as f:
        f.write(DRAFT.encode())
    (tmp_path / "missing-\x1b[2J.md").symlink_to(tmp_path / "nowhere")
    for fmt in ("text", "json", "sarif", "github", "html"):
        done = unlint("--format", fmt, "-o", f"report.{fmt}", ".", cwd=tmp_path)
        report = (tmp_path / f"report.{fmt}").read_bytes()
        report.decode("utf-8")  # valid UTF-8
        assert done.returncode == 2 and b"\x1b" not in done.stderr, (fmt, done.err)
        assert "unlint: error: missing-\\x1b[2J.md: " in done.err
        if fmt in ("text", "github", "html"):
            assert b"\x1b" not in report and b"caf\\xe9\\x1b[31mred.md" in report, fmt
        elif fmt == "json":
            assert json.loads(report)["files"][0]["path"] == "caf\\xe9\x1b[31mred.md"
        else:
            uri = json.loads(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
                "artifactLocation"]["uri"]
            assert uri == "caf%E9%1B%5B31mred.md"
    done = unlint(".", cwd=tmp_path)  # to the terminal
    assert b"\x1b" not in done.stdout and "caf\\xe9\\x1b[31mred.md:5:11: PU009" in done.out


def test_a_failed_run_keeps_the_previous_report(tmp_path, monkeypatch, capsys):
    """The report is written whole or not at all: an error after linting leaves the old one."""
    from unlint import cli

    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "report.sarif").write_text("the previous report\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("UNLINT_DEBUG", raising=False)

    def broken(*args):
        raise UnicodeEncodeError("utf-8", "\udce9", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(cli, "_machine_report", broken)
    assert cli.main(["--isolated", "--no-cache", "--format", "sarif", "-o", "report.sarif", "draft.md"]) == 2
    assert "internal error" in capsys.readouterr().err
    assert (tmp_path / "report.sarif").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md", "report.sarif"]


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits (ulimit -v)")
# not less than 20 MB: at 16 MB CPython itself may fail after unlint has said its line (it
# printed "MemoryError" while exiting, in CI), which no program can prevent
@pytest.mark.parametrize("megabytes", [20, 24, 30, 60, 120, 250])
def test_out_of_memory_is_one_line_not_a_traceback(folder, megabytes):
    """Under ``ulimit -v``, wherever memory runs out (start-up, reading, linting) the run says
    so in one line per file and exits with 2, or finishes."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "UNLINT_DEBUG")}
    env["PYTHONPATH"] = str(ROOT)
    (folder / "big.txt").write_text(DRAFT * 2000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-P", "-c", "import sys, unlint; sys.exit(unlint.main())",
                           "--no-cache", "--isolated", "."], cwd=folder, env=env, capture_output=True,
                          timeout=120, preexec_fn=limit)
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and done.returncode in (1, 2), err
    assert all(line.startswith("unlint: ") for line in err.splitlines()), err
    assert "internal error" not in err, err  # a library the loader cannot map is memory too
    assert "out of memory" in err or not err, err


def test_a_rule_stops_after_1000_findings_in_a_file(tmp_path, capsys, monkeypatch):
    """1,500 doubled spaces: PU009 reports the first 1,000, then UL005 says where it stopped."""
    from unlint.cli import main

    lines = [f"{i + 1}. Decides  to act;" for i in range(1500)]
    (tmp_path / "many.md").write_text("The General Assembly,\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--no-cache", "--select", "PU009,UL", "--format", "json", "many.md"]) == 1
    found = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert [d["code"] for d in found].count("PU009") == 1000
    stop = [d for d in found if d["code"] == "UL005"]
    assert len(stop) == 1 and stop[0]["message"].startswith("PU009 [") and "stopped after 1,000 findings" in stop[0]["message"]
    assert (stop[0]["line"], stop[0]["column"]) == (3 + 2 * 1000, len("1001. Decides") + 1)  # the 1,001st
