"""Crafted PDF files (tests/hostile_pdf.py) are refused with one line, or read within bounds.

Each is linted in a fresh process under a 2 GB address-space limit and a generous time-out:
before the guards of unlint/readers/pdf_limits.py, a MediaBox that is a loop of references
never finished, one string of 2,000,000 glyphs took 16 s and 1.9 GB, 300,000 ``Tj`` on one
page 6 s, and a content stream of 200 MB compressed to 200 KB was decompressed whole.
"""

from __future__ import annotations

import pytest

import hostile_run
from hostile_pdf import GENERATORS

pytest.importorskip("pdfminer")

REFUSED = {
    "many-show-text": "page 1 of the PDF shows more than 200,000 bytes of text",
    "many-glyphs-in-one-string": "page 1 of the PDF shows more than 200,000 bytes of text",
    "nested-forms": "page 1 of the PDF has more than 4 MB of drawing instructions",
    "media-box-cycle": "the PDF's object 6 refers to itself through other objects without end",
    "expanding-stream": "a stream of the PDF (its Contents) decompresses to more than 16 MB",
}
READ = {"superscript-changes", "page-tree-cycle", "many-pages"}  # within the limits: read


def test_every_generator_has_an_expectation():
    assert set(GENERATORS) == set(REFUSED) | READ


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_pdf_bomb_is_refused_in_one_line(name, tmp_path):
    hostile_run.refused(tmp_path / f"{name}.pdf", GENERATORS[name](1), REFUSED[name])


@pytest.mark.parametrize("name", sorted(READ))
def test_a_pdf_within_the_limits_is_read(name, tmp_path):
    hostile_run.read(tmp_path / f"{name}.pdf", GENERATORS[name](1))
