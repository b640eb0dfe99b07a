"""Find the shipped data: grammars/*.lark and rules/*.yaml, in a checkout or installed.

In a checkout they are the top-level folders; in an installed wheel the same folders are the
packages ``unlint.grammars`` and ``unlint.rulepacks`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
_PACKAGES = {"grammars": "unlint.grammars", "rules": "unlint.rulepacks", "docs/rules": "unlint.ruledocs"}


def data_dir(kind: str) -> Path:
    """The folder holding ``kind`` ("grammars", "rules" or "docs/rules")."""
    local = _CHECKOUT / kind
    if (_CHECKOUT / "pyproject.toml").is_file() and local.is_dir():
        return local
    return Path(__file__).resolve().parent / _PACKAGES[kind].split(".")[-1]
