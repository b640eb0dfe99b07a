"""Property tests: whatever the input, unlint answers, points inside the file and fixes safely.

Inputs come from three generators: text built from the pieces of a resolution (organ lines,
paragraph numbers, footnote marks, citations, Markdown, odd spaces and line endings), real
resolutions cut into windows and mutated (the examples/ folder, and the corpus when
UNLINT_FUZZ_CORPUS names it), and random bytes. For each input:

* no exception escapes (a rule that crashes becomes a UL002 diagnostic: that fails too);
* every diagnostic, and every edit of its fix, lies inside the file, edits in order;
* a fix touches only the lines of its finding, and deletes no letter or digit from another
  line (a fix of several edits, such as renumbering notes, has one edit there and deletes no
  word anywhere);
* applying the safe fixes and re-linting never raises, converges, and is idempotent.

CI runs a few dozen examples per property (the "ci" profile, about a minute). The long run is
``python scripts/fuzz.py`` (the "fuzz" profile; see the README, "Speed and robustness").
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from unlint.engine import lint_source  # noqa: E402
from unlint.fixes import apply_fixes, fix_until_stable  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import InputError, Source, decode  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               derandomize=False, print_blob=True, database=None)
settings.register_profile("ci", max_examples=int(os.environ.get("UNLINT_PROPERTY_EXAMPLES", 25)), **_common)
# the long run also fails an example slower than 10 s: no input may make unlint crawl
settings.register_profile("fuzz", max_examples=int(os.environ.get("UNLINT_PROPERTY_EXAMPLES", 2000)),
                          **{**_common, "deadline": int(os.environ.get("UNLINT_PROPERTY_DEADLINE_MS", 10_000))})
settings.load_profile(os.environ.get("UNLINT_HYPOTHESIS_PROFILE", "ci"))

FORMATS = (None, "markdown", "pdf-text", "text")
# every built-in rule, opt-in ones too (a prefix selects them)
FAMILIES = ("CI", "DT", "EN", "FN", "PU", "ST", "TX", "UL", "XR")
ALL = Settings(select=FAMILIES)


# ---- the properties

def check(data: bytes, name: str = "fuzz.txt", input_format: str | None = None) -> None:
    """Assert every property on one input (bytes as read from a file)."""
    try:
        source = decode(name, data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)  # one line, for "unlint: error: path: ..."
        return
    settings_ = Settings(select=FAMILIES, input_format=input_format)
    diagnostics = lint_source(source, settings_)
    _check_diagnostics(source, diagnostics)

    def lint(text: str):
        return lint_source(Source(name, text, source.has_bom, source.encoding), settings_)

    result = fix_until_stable(source.text, lint, diagnostics=diagnostics)
    assert result.converged, f"safe fixes did not converge after {result.passes} passes"
    _check_diagnostics(Source(name, result.text), result.diagnostics)
    again, applied = apply_fixes(result.text, result.diagnostics)
    assert applied == 0 and again == result.text, "fixing a fixed text changed it again"


def _check_diagnostics(source: Source, diagnostics) -> None:
    text = source.text
    n = len(text)
    crashed = [d.message for d in diagnostics if d.code == "UL002"]
    assert not crashed, crashed[0]
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= n, (d.code, d.start, d.end, n)
        assert d.message and "\n" not in d.message, d
        if d.fix is None:
            continue
        assert d.fix.applicability in ("safe", "unsafe", "display"), d.fix
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        assert edits, f"{d.code}: a fix without edits"
        for e in edits:
            assert 0 <= e.start <= e.end <= n, (d.code, e)
        if len(edits) == 1:
            _check_edit_locality(text, d, edits[0])
        else:  # renumbering notes edits every mark: one edit is here, none deletes words
            assert any(_is_local(text, d, e) for e in edits), f"{d.code}: no edit near the finding"
            for e in edits:
                assert not Counter(c for c in text[e.start:e.end] if c.isalpha()) - Counter(e.content), (
                    f"{d.code}: an edit of a multi-edit fix deletes words: {text[e.start:e.end]!r}")
        for a, b in zip(edits, edits[1:]):
            assert a.end <= b.start, f"{d.code}: overlapping edits {a} {b}"


def _check_edit_locality(text: str, d, e) -> None:
    """A fix edits the lines of its finding (one line of slack either side, for joined lines)
    and deletes no letter or digit from another line (a fix may take a whole comment out)."""
    assert _is_local(text, d, e), (
        f"{d.code}: edit {e.start}-{e.end} far from the finding {d.start}-{d.end} ({d.message})")
    own = _line_start(text, d.start), _line_end(text, d.end)  # the finding's own lines
    for k in range(e.start, e.end):
        if not own[0] <= k < own[1] and text[k].isalnum() and text[k] not in e.content:
            raise AssertionError(f"{d.code}: the fix deletes {text[k]!r} at {k}, outside the "
                                 f"finding {d.start}-{d.end} ({d.message})")


def _is_local(text: str, d, e) -> bool:
    lo = _line_start(text, max(0, _line_start(text, d.start) - 1))
    hi = _line_end(text, min(len(text), _line_end(text, d.end) + 1))
    return lo <= e.start and e.end <= hi


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j == -1 else j


# ---- generators

PIECES = [
    "The General Assembly,", "The Security Council,", "Recalling", "Reaffirming its resolution 70/1 of 25 September 2015,",
    "1. ", "2. ", "3. ", "12. ", "(a) ", "(b) ", "(i) ", "(ii) ", "Decides", "Requests the Secretary-General",
    " to submit a report", " at its eightieth session", ";", ",", ".", ":", " and", " the", " of", " United Nations",
    " Office on Drugs and Crime", "<sup>1</sup>", "<sup>2</sup>", "[^1]", "[^1]: ", "<sup>1</sup> ", "*", "**",
    "_", "__________________", "---", "# ", "Annex", "100th plenary meeting", "17 December 2018",
    "A/RES/73/186", "18-22282", "9/20", "https://undocs.org/A/73/186", " 1", " 2", "1 ", "2 ",
    "resolutions 72/196 and 73/186", "decision 2019/222", "(", ")", "[", "]", "“", "”", "\"", "'", "’",
    " ", "  ", "\t", "\u00a0", "\u200b", "\u00ad", "ﬁ", "\ufffd", "é", "İ", "ß", "\n", "\n\n", "\r\n", "\r",
    "–", "—", "-", "…", "per cent", "percent", "inter alia", "Secretary General", "Member States",
    "the the", "Viet Nam", "to ols", "elimina tion", "<!-- unlint-disable PU -->", "&amp;", "&#8212;", "\\*",
]

piece_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=120).map("".join)


def _examples() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*"))
    files += sorted((ROOT / "tests" / "fixtures").glob("*.md"))
    corpus = os.environ.get("UNLINT_FUZZ_CORPUS")
    if corpus:
        files += sorted(p for p in Path(corpus).glob("*") if p.suffix in (".txt", ".md"))
    return [p for p in files if p.is_file()]


EXAMPLES = _examples()


@st.composite
def mutated_resolution(draw):
    """A window of a real resolution (a few KB), then a few random mutations."""
    path = draw(st.sampled_from(EXAMPLES))
    data = path.read_bytes()
    size = draw(st.integers(200, 6000))
    start = draw(st.integers(0, max(0, len(data) - size)))
    data = bytearray(data[start : start + size])
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(0, 6))):
        op = rnd.choice(("delete", "duplicate", "insert", "byte", "swap-lines", "crlf"))
        i = rnd.randrange(len(data) + 1)
        j = min(len(data), i + rnd.randrange(1, 200))
        if op == "delete":
            del data[i:j]
        elif op == "duplicate":
            data[i:i] = data[i:j]
        elif op == "insert":
            data[i:i] = rnd.choice(PIECES).encode("utf-8")
        elif op == "byte" and data:
            data[min(i, len(data) - 1)] = rnd.randrange(256)
        elif op == "swap-lines":
            lines = bytes(data).split(b"\n")
            a, b = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            data = bytearray(b"\n".join(lines))
        elif op == "crlf":
            data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
    return path.suffix, bytes(data)


# ---- the tests

@given(piece_text, st.sampled_from(FORMATS), st.sampled_from([".md", ".txt"]))
def test_generated_text(text, input_format, suffix):
    check(text.encode("utf-8", "surrogatepass"), "gen" + suffix, input_format)


@pytest.mark.skipif(not EXAMPLES, reason="no example documents")
@given(mutated_resolution(), st.sampled_from(FORMATS))
def test_mutated_resolutions(sample, input_format):
    suffix, data = sample
    check(data, "mutated" + suffix, input_format)


@given(st.binary(max_size=3000), st.sampled_from([".md", ".txt"]))
def test_random_bytes(data, suffix):
    check(data, "bytes" + suffix)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.sampled_from(FORMATS))
def test_any_unicode_text(text, input_format):
    check(text.encode("utf-8"), "uni.txt", input_format)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
@given(text=piece_text)
def test_encodings_give_the_same_findings(encoding, text):
    """A BOM or UTF-16 changes nothing: the same findings at the same positions."""
    text = text.replace("\x00", "").lstrip("\ufeff")  # a leading U+FEFF is a BOM itself
    plain = decode("x.md", text.encode("utf-8"))
    other = decode("x.md", text.encode(encoding))
    assert other.text == plain.text
    want = [(d.code, d.start, d.end) for d in lint_source(plain, ALL)]
    assert [(d.code, d.start, d.end) for d in lint_source(other, ALL)] == want


@given(text=piece_text)
def test_crlf_gives_the_same_lines_and_columns(text):
    text = text.replace("\r", "").replace("\x00", "")
    lf = decode("x.txt", text.encode())
    crlf = decode("x.txt", text.replace("\n", "\r\n").encode())

    def where(source):
        return sorted((d.code, source.position(d.start), source.position(d.end), d.message)
                      for d in lint_source(source, ALL))

    assert where(crlf) == where(lf)


# ---- inputs the long run found (each crashed the parser before it was fixed)

@pytest.mark.parametrize("data, input_format", [
    (b"The General Assembly,\r\r\n\r\r\n1. \r\r\nDecides to act.\r\r\n", "text"),  # "1." alone
    (b"The General Assembly,\n\n1. Decides:\n\n(aa) one;\n\n(i) two;\n", None),  # two-letter label
    (b"The General Assembly,\n\n1. Decides:\n\n(a) \r\n\n(b) x;\n", "text"),
    # a paragraph ending in a run of blanks and stars before a letter: the Markdown reader's
    # trail regex tried 2**n ways to split the run (minutes for 40 characters)
    (b"The General Assembly,\n\n1. Decides" + b" *" * 40 + b" x\nto act.\n", "markdown"),
    (b"Recalling" + b" " * 60 + b"x\n" + b"_ " * 40 + b"y\n", None),
])
def test_found_by_fuzzing(data, input_format, tmp_path):
    check(data, "found.txt", input_format)
    # and in a fresh process with a generous time-out (each once took minutes: a regex that
    # backtracked), not a wall-clock bound on this process
    path = tmp_path / "found.txt"
    path.write_bytes(data)
    fmt = ["--input-format", input_format] if input_format else []
    try:
        done = subprocess.run([sys.executable, "-m", "unlint", "--no-cache", *fmt, str(path)],
                              capture_output=True, timeout=60, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"unlint did not finish within 60 s on {data[:40]!r}")
    assert done.returncode in (0, 1), done.stderr
