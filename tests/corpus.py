"""Where the corpus of real resolutions is, for the tests that read it.

``$UNLINT_CORPUS`` names the folder; by default it is ``../shared/corpus`` beside the repository.
Where it is missing, the tests that need it (marked ``@needs_corpus``, or parametrized over
:func:`corpus_files`) are skipped, except under ``CI=true``: CI runs with a copy of shared/ beside
the clone, so there a missing corpus fails the run (tests/conftest.py) instead of silently
skipping what it should test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("UNLINT_CORPUS") or ROOT.parent / "shared" / "corpus").resolve()

MISSING = "the shared corpus is missing (put shared/ beside the clone, or set UNLINT_CORPUS)"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=MISSING)


def corpus_file(name: str) -> Path:
    """A file of the corpus; the test is skipped, with the one message, where it is missing."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(MISSING)
    return path


def corpus_files(*patterns: str) -> list[Path]:
    """The corpus files matching each glob pattern, in that order (sorted within a pattern);
    empty when the corpus is missing."""
    if not CORPUS.is_dir():
        return []
    return [p for pattern in patterns for p in sorted(CORPUS.glob(pattern))]
