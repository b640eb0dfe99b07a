"""unlint.patterns: compiled regular expressions kept between processes. Never a different
pattern: what comes back from the cache equals what re.compile builds."""

from __future__ import annotations

import re

import pytest

from unlint import patterns

SAMPLES = [
    (r"(?P<year>\d{4})/(?P<n>\d+)", 0),
    (r"[^\W\d_]+(?: [^\W\d_]+)*", 0),
    (r"resolutions?\s+(\d+)", re.I),
    (r"""(?x) ^ \s* (?P<head> [A-Z][a-z]+ ) \s*$  # verbose""", re.M),
    (r"(?<![\w’'‑-])[Tt]he\s+(?P<name>Council|Assembly)\s*,?\s+its\s+\Z", 0),
    ("caf\u00e9|na\u00efve", re.I | re.U),
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own, and a module state as in a new process."""
    monkeypatch.setenv("UNLINT_TABLE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "_state", {})
    yield tmp_path / "cache" / "regex"


def _new_process(monkeypatch):
    patterns._save()
    monkeypatch.setattr(patterns, "_state", {})


def _same(a: re.Pattern, b: re.Pattern):
    assert a == b
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)


def test_compiled_patterns_are_kept_and_equal_to_re_compile(fresh, monkeypatch):
    first = [patterns.compile(p, f) for p, f in SAMPLES]
    for got, (p, f) in zip(first, SAMPLES):
        _same(got, re.compile(p, f))
    _new_process(monkeypatch)
    assert len(list(fresh.glob("*.json"))) == 1
    monkeypatch.setattr(patterns, "_record", lambda *a: pytest.fail("compiled again although kept"))
    for p, f in SAMPLES:
        got = patterns.compile(p, f)
        _same(got, re.compile(p, f))
        text = "The Council, in its resolution 2023/15 and naïve CAFÉ"
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in re.finditer(p, text, f)]


@pytest.mark.parametrize("damage", [
    lambda text: "",
    lambda text: text[: len(text) // 2],
    lambda text: text.replace("year", "yaer"),  # the checksum no longer matches
    lambda text: "\x00\xff garbage",
])
def test_a_damaged_cache_is_passed_over_and_rewritten(fresh, monkeypatch, damage):
    for p, f in SAMPLES:
        patterns.compile(p, f)
    _new_process(monkeypatch)
    (entry,) = fresh.glob("*.json")
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8", errors="surrogateescape")
    for p, f in SAMPLES:
        _same(patterns.compile(p, f), re.compile(p, f))
    _new_process(monkeypatch)
    for p, f in SAMPLES:
        _same(patterns.compile(p, f), re.compile(p, f))


def test_what_re_compile_treats_apart_is_left_to_it(fresh):
    assert patterns.compile(rb"\d+").pattern == rb"\d+"
    compiled = re.compile(r"\w+")
    assert patterns.compile(compiled) is compiled
    with pytest.raises(re.error):
        patterns.compile(r"(unclosed")
    with pytest.raises(ValueError):
        patterns.compile(compiled, re.I)


def test_an_unwritable_or_disabled_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for setting in (str(blocker), ""):
        monkeypatch.setenv("UNLINT_TABLE_CACHE", setting)
        monkeypatch.setattr(patterns, "_state", {})
        for p, f in SAMPLES:
            _same(patterns.compile(p, f), re.compile(p, f))
        patterns._save()
