"""Every finding of every rule (the opt-in ones too) on the seeds and the corpus, against a
recorded list: a change made for speed or for structure must not change a single finding.

A change that means to change findings records the list again, and the diff shows the
findings gained and lost for review::

    UNLINT_RECORD_FINDINGS=1 pytest tests/test_findings_stable.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus
from unlint.cli import main

RECORD = Path(__file__).parent / "fixtures" / "corpus-findings.txt"
FAMILIES = "CI,CO,DR,DT,EN,FN,PU,SP,ST,TX,UL,XR"  # every family but CP (needs a base text)


@needs_corpus
def test_every_finding_on_the_corpus_and_seeds_is_unchanged(capsys, monkeypatch):
    pytest.importorskip("pdfminer")
    monkeypatch.chdir(CORPUS.parent)
    main(["--no-cache", "--isolated", "--select", FAMILIES, "--format", "concise", "--quiet", "--exit-zero",
          "corpus", "seeds"])
    found = capsys.readouterr().out
    if os.environ.get("UNLINT_RECORD_FINDINGS"):
        RECORD.write_text(found, encoding="utf-8")
    recorded = RECORD.read_text(encoding="utf-8")
    gained = sorted(set(found.splitlines()) - set(recorded.splitlines()))
    lost = sorted(set(recorded.splitlines()) - set(found.splitlines()))
    assert not gained and not lost, f"gained {gained[:5]}, lost {lost[:5]}"
    assert found == recorded  # the same order and text, byte for byte
