"""Shared test set-up: under CI=true the corpus of real resolutions must be there."""

import os

import pytest
from corpus import CORPUS


def pytest_configure(config):
    if os.environ.get("CI") == "true" and not CORPUS.is_dir():
        raise pytest.UsageError(f"CI=true, but the corpus is not at {CORPUS}: the corpus tests "
                                "would be skipped. Put shared/ beside the clone or set UNLINT_CORPUS.")
