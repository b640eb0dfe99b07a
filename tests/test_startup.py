"""Start-up caches: parsed rule packs kept in the user's cache folder, and the entry-point scan
skipped when no installed distribution can declare an unlint plugin. Neither changes a result."""

from __future__ import annotations

import sys
import textwrap

import pytest

from unlint import packs, plugins
from unlint.packs import PACK_CACHE, PackError, _load_cached, load_pack

PACK = textwrap.dedent("""\
    description: A test pack.
    rules:
      - code: HX010
        name: house-spelling
        kind: substitution
        severity: warning
        summary: House spelling.
        why: Tests.
        example: Tests.
        swap: {labor: labour, "program*": "programme*"}
    """)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNLINT_TABLE_CACHE", str(folder))
    _load_cached.cache_clear()
    yield folder / PACK_CACHE
    _load_cached.cache_clear()


def _summary(rules):
    return [(r.code, r.name, r.severity, r.summary, r.doc, r.enabled) for r in rules]


def _fresh(path):
    _load_cached.cache_clear()  # as a new process would
    return load_pack(path)


def test_a_parsed_pack_is_cached_and_read_back(tmp_path, cache, monkeypatch):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    first = _fresh(path)
    assert len(list(cache.glob("*.json"))) == 1
    monkeypatch.setattr(packs, "_parse", lambda *a: pytest.fail("parsed although cached"))
    assert _summary(_fresh(path)) == _summary(first)


@pytest.mark.parametrize("damage", [
    lambda text: "",
    lambda text: text[: len(text) // 2],  # truncated
    lambda text: text.replace("labour", "labor"),  # edited: the checksum no longer matches
    lambda text: "0" * 64 + "\n" + text.partition("\n")[2],
    lambda text: "\x00\xff garbage",
])
def test_a_damaged_pack_cache_is_ignored_and_rebuilt(tmp_path, cache, damage):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    expected = _summary(_fresh(path))
    (entry,) = cache.glob("*.json")
    good = entry.read_text(encoding="utf-8")
    entry.write_text(damage(good), encoding="utf-8", errors="surrogateescape")
    assert _summary(_fresh(path)) == expected
    assert entry.read_text(encoding="utf-8") == good  # rewritten


def test_a_cache_entry_under_another_key_is_not_used(tmp_path, cache):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    _fresh(path)
    (entry,) = cache.glob("*.json")
    other = tmp_path / "other.yaml"
    other.write_text(PACK.replace("HX010", "HX011"), encoding="utf-8")
    (cache / f"{packs._pack_key(other.read_bytes())}.json").write_text(
        entry.read_text(encoding="utf-8"), encoding="utf-8")
    assert [r.code for r in _fresh(other)] == ["HX011"]


def test_an_edited_pack_is_parsed_again(tmp_path, cache):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    assert [r.code for r in _fresh(path)] == ["HX010"]
    path.write_text(PACK.replace("HX010", "HX012"), encoding="utf-8")
    assert [r.code for r in _fresh(path)] == ["HX012"]
    assert len(list(cache.glob("*.json"))) == 2


def test_an_unwritable_or_disabled_cache_only_costs_time(tmp_path, monkeypatch):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    expected = None
    for setting in (str(blocker), str(blocker / "below"), ""):
        monkeypatch.setenv("UNLINT_TABLE_CACHE", setting)
        got = _summary(_fresh(path))
        assert expected is None or got == expected
        expected = got
    _load_cached.cache_clear()


def test_a_broken_pack_is_reported_the_same_with_a_warm_cache(tmp_path, cache):
    good = tmp_path / "house.yaml"
    good.write_text(PACK, encoding="utf-8")
    _fresh(good)
    broken = tmp_path / "broken.yaml"
    broken.write_text(PACK.replace("severity: warning", "severity: loud"), encoding="utf-8")
    messages = []
    for _ in range(2):  # the data parses: it is cached, and the error is still found with its line
        with pytest.raises(PackError) as err:
            _fresh(broken)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{broken}:6: severity must be error, warning or info")


# ---- the entry-point scan

@pytest.fixture
def plain_finders(monkeypatch):
    """sys.meta_path without the finders of distributions that other tests' imports leave
    there (dask imports the importlib_metadata backport, which adds its own)."""
    import importlib.machinery

    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if f is importlib.machinery.PathFinder
                                           or getattr(f, "find_distributions", None) is None])


def _dist(folder, name, entry_points=None):
    dist = folder / f"{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (dist / "entry_points.txt").write_bytes(entry_points)


@pytest.mark.parametrize("entry_points, possible", [
    (None, False),
    (b"[console_scripts]\nunlint = unlint.cli:main\n", False),
    (b"# a comment\n\n[pytest11]\nmine = mine.plugin\n", False),
    (b"[unlint]\nmine = mine.plugin\n", True),
    (b"[ unlint ]\nmine = mine.plugin\n", True),
    (b"[console_scripts]\nnot an entry\n", True),  # the real parser fails: let it say so
    (b"[console_scripts]\nx = \xff\n", True),
])
def test_the_entry_point_scan_runs_only_when_a_plugin_may_be_declared(tmp_path, monkeypatch, plain_finders,
                                                                      entry_points, possible):
    _dist(tmp_path, "other", entry_points)
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert plugins._entry_points_possible("unlint") is possible


def test_a_zip_on_the_path_or_another_finder_means_the_real_scan(tmp_path, monkeypatch, plain_finders):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert plugins._entry_points_possible("unlint")

    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not plugins._entry_points_possible("unlint")
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert plugins._entry_points_possible("unlint")


def test_the_user_cache_is_bounded_and_keeps_what_is_used(cache):
    """Each kind keeps the KEPT entries most recently used; a file unlint did not seal is never
    removed (issue 19: the cache grew with every version and was never pruned)."""
    import os
    import time

    from unlint import knowledge

    root = cache.parent  # the fixture gives the packs' folder
    keys = [f"{i:064x}" for i in range(knowledge.KEPT + 6)]
    old = time.time() - 10_000
    for n, key in enumerate(keys):
        knowledge.store_checked("tables", key, {"n": n}, 10)
        os.utime(root / "tables" / f"{key}.json", (old + n, old + n))  # written in this order
        if n == knowledge.KEPT - 1:
            assert knowledge.load_checked("tables", keys[0]) == ({"n": 0},)  # used: kept
    planted = root / "tables" / f"{'f' * 64}.json"
    planted.write_text("not sealed\n{}", encoding="utf-8")
    os.utime(planted, (old - 1, old - 1))
    knowledge.store_checked("tables", "e" * 64, {"n": -1}, 10)
    left = {p.name for p in (root / "tables").iterdir()}
    assert len(left - {planted.name}) == knowledge.KEPT and planted.name in left
    assert f"{keys[0]}.json" in left and f"{keys[1]}.json" not in left
