"""A hostile folder (tests/hostile_config.py) cannot make unlint hang, exhaust memory, import
a module, print a traceback or write outside it: each is linted with its own configuration, the
cache on, in a fresh process under a 2 GB limit."""

from __future__ import annotations

import pytest

import hostile_run
from hostile_config import GENERATORS, build


def listing(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if "repo" not in p.parts}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_a_hostile_folder_is_linted_or_refused_in_one_line(name, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    repo = outside / "repo"
    build(repo, GENERATORS[name](1))
    before = listing(outside)
    cache = tmp_path_factory.mktemp("user-cache")
    done = hostile_run.lint(repo / "draft.md", "--format", "text", timeout=120,
                            env={"XDG_CACHE_HOME": str(cache), "UNLINT_TABLE_CACHE": ""})
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1, 2) and "Traceback" not in err and err.count("\n") <= 1, err
    assert done.stdout == b""
    assert listing(outside) == before  # nothing written beside the repository
