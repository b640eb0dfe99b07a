"""Shared test set-up."""

import pytest

from unlint import plugins


@pytest.fixture(autouse=True)
def _fresh_plugin_managers():
    """Each test builds its plugin managers afresh: plugins a test loads do not leak out."""
    plugins._managers.clear()
    yield
    plugins._managers.clear()
