"""One run, one context per configuration: a file's findings depend only on that file and its
configuration, never on which other files or configurations the same run saw, nor on the cache."""

from __future__ import annotations

import json

import pytest

from unlint.cli import main

TEXT = "The General Assembly,\n\n1. *Requests* the United Office on Drugs and Crime to report.\n"
PACK = """\
rules:
  - code: HS501
    name: house-bodies
    kind: entity
    severity: warning
    summary: Names of the house.
    why: Tests.
    example: Tests.
    names: [United Office on Drugs and Crime]
"""


@pytest.fixture
def two_folders(tmp_path, monkeypatch):
    """a/ has a pack that names "United Office on Drugs and Crime"; b/ has no configuration."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "a" / ".unlint.yaml").write_text("packs: [pack.yaml]\n", encoding="utf-8")
    (tmp_path / "a" / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "b.md").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys, *args) -> dict:
    main(["--format", "json", *args])
    files = json.loads(capsys.readouterr().out)["files"]
    return {f["path"]: [(d["code"], d["line"], d["column"]) for d in f["diagnostics"]] for f in files}


@pytest.mark.parametrize("order", [("a/a.md", "b/b.md"), ("b/b.md", "a/a.md")])
@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
def test_two_configurations_in_one_run_give_what_each_gives_alone(two_folders, capsys, order, cache):
    alone = {p: findings(capsys, "--no-cache", p)[p] for p in order}
    assert alone["b/b.md"] == [("EN001", 3, 19)]  # a near miss of the UN Office on Drugs and Crime
    assert alone["a/a.md"] == []  # the pack of a/ names it: not a near miss there
    assert findings(capsys, *cache, *order) == alone
    assert findings(capsys, *cache, *order) == alone  # again: from the cache when it is on
    for p in order:  # each alone afterwards, through the cache the joint run wrote
        assert findings(capsys, p) == {p: alone[p]}



def test_an_edited_record_of_dates_gives_a_new_run_context(tmp_path):
    """A long-lived process (the language server) must not keep an old record of adoption dates."""
    import os

    from unlint.analysis.record import learn, render
    from unlint.context import Runs
    from unlint.settings import Settings

    record = tmp_path / "dates.tsv"
    record.write_text(render(learn([{("75/45", "7 December 2020")}] * 2), "test"), encoding="utf-8")
    runs, settings = Runs(), Settings(record=str(record))
    assert runs.get(settings).record.get("75/45").date == "7 December 2020"
    record.write_text(render(learn([{("75/45", "17 December 2020")}] * 3), "test"), encoding="utf-8")
    os.utime(record, ns=(1, 10**18))  # a new stamp even on a coarse clock
    assert runs.get(settings).record.get("75/45").date == "17 December 2020"
