"""The record of adoption dates: `unlint learn` makes it, a configuration names it, CI010 reads it."""

from __future__ import annotations


from unlint.analysis.record import Entry, learn, parse, render
from unlint.cli import main


def text(date: str) -> str:
    return (f"The General Assembly,\n\nRecalling its resolution 75/45 of {date},\n\n"
            "1. Decides to remain seized of the matter.\n")


def test_learn_takes_the_date_most_texts_give(tmp_path, capsys):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i, date in enumerate(["7 December 2020", "7 December 2020", "7 December 2020", "17 December 2020"]):
        (archive / f"r{i}.md").write_text(text(date) + f"\nRecalling again its resolution 75/45 of {date},\n",
                                          encoding="utf-8")
    assert main(["learn", "--isolated", str(archive)]) == 0
    record = parse(capsys.readouterr().out, "out")
    assert record["75/45"] == Entry("75/45", "7 December 2020", 3, 1)  # a text counts once


def test_a_configured_record_is_checked_and_its_evidence_named(tmp_path, capsys):
    (tmp_path / "dates.tsv").write_text(render(learn([{("75/45", "7 December 2020")}] * 3), "test"),
                                        encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text("select: [CI010]\nrecord: dates.tsv\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(text("17 December 2020"), encoding="utf-8")
    assert main([str(draft)]) == 1
    out = capsys.readouterr().out
    assert "draft.md:3:26: CI010" in out
    assert "resolution 75/45 is dated 17 December 2020 here, but 3 texts of the record" in out
    draft.write_text(text("7 December 2020"), encoding="utf-8")
    assert main([str(draft)]) == 0


def test_a_bad_record_is_a_config_error(tmp_path, capsys):
    (tmp_path / "dates.tsv").write_text("75/45 7 December 2020\n", encoding="utf-8")
    (tmp_path / ".unlint.yaml").write_text("record: dates.tsv\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text(text("7 December 2020"), encoding="utf-8")
    assert main([str(tmp_path / "draft.md")]) == 2
    assert "dates.tsv:1: a record line is number<TAB>date<TAB>texts<TAB>texts" in capsys.readouterr().err


def test_the_shipped_record_is_the_corpus_learnt():
    from unlint.resources import data_dir

    lines = (data_dir("rules") / "resolution-dates.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("# Source: ") and any(line.startswith("70/1\t25 September 2015\t") for line in lines)
