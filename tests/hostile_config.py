"""Hostile folders to lint: configurations, rule packs and caches a repository could ship.

Each generator takes a scale (1: what tests/test_robustness.py and tests/test_plugins.py
check, case by case; larger for ``python scripts/fuzz.py --hostile``) and returns the files of
a folder, {relative path: bytes}; a value None makes that path a symbolic link to the folder's
parent (a cache that leads outside). Linting the folder must end with exit status 0, 1 or 2 and
at most one line of error, import nothing the folder names and write nothing outside it.
"""

from __future__ import annotations

import os
from pathlib import Path

DRAFT = b"The General Assembly,\n\n*Recalling* its resolutions,\n\n1. *Decides* to remain seized of the matter.\n"
PACK_HEAD = (b"packs: [pack.yaml]\n", b"rules:\n  - code: ZZ001\n    name: zz-word\n    kind: existence\n"
             b"    severity: warning\n    summary: A word.\n    why: Because.\n    example: e\n    instead: i\n")


def build(folder: Path, files: dict[str, bytes | None]) -> None:
    """Make the folder of a generator's files."""
    folder.mkdir()
    for name, data in files.items():
        if data is None:
            os.symlink("..", folder / name)
        else:
            (folder / name).write_bytes(data)


def _folder(config: bytes, **more: bytes | None) -> dict[str, bytes | None]:
    return {"draft.md": DRAFT, ".unlint.yaml": config, **more}


def alias_bomb(scale: int) -> dict:
    levels = 8 + scale
    lines = [b"  - &a0 [" + b", ".join([b"lol"] * 9) + b"]"]
    lines += [b"  - &a%d [" % i + b", ".join([b"*a%d" % (i - 1)] * 9) + b"]" for i in range(1, levels)]
    return _folder(b"select:\n" + b"\n".join(lines) + b"\n")


def deep_yaml(scale: int) -> dict:
    return _folder(b"select: " + b"[" * (5000 * scale) + b"]" * (5000 * scale) + b"\n")


def deep_toml(scale: int) -> dict:
    return {"draft.md": DRAFT,
            "pyproject.toml": b"[tool.unlint]\nselect = " + b"[" * (5000 * scale) + b"]" * (5000 * scale) + b"\n"}


def plugin_modules(scale: int) -> dict:
    """Modules that act when imported: a configuration must not be able to import them."""
    return _folder(b"plugins: [antigravity, this, venv.__main__, " + b", ".join(
        b"mod%d" % i for i in range(100 * scale)) + b"]\n")


def huge_select(scale: int) -> dict:
    return _folder(b"select: [" + b", ".join(b"ZZ%d" % i for i in range(50_000 * scale)) + b"]\n")


def template_bomb(scale: int) -> dict:
    config, head = PACK_HEAD
    return _folder(config, **{"pack.yaml": head + b"    tokens: [Decides]\n    message: '{found:>%d}'\n"
                              % (300_000_000 * scale)})


def template_attribute(scale: int) -> dict:
    config, head = PACK_HEAD
    return _folder(config, **{"pack.yaml": head + b"    tokens: [Decides]\n    message: '{found.__class__}'\n"})


def many_pack_tokens(scale: int) -> dict:
    config, head = PACK_HEAD
    tokens = b", ".join(b"w%d" % i for i in range(100_000 * scale))
    return _folder(config, **{"pack.yaml": head + b"    tokens: [" + tokens + b"]\n"})


def cache_outside(scale: int) -> dict:
    """A cache folder that is a link out of the repository."""
    return _folder(b"select: [ST]\n", **{".unlint_cache": None})


GENERATORS = {
    "alias-bomb": alias_bomb,
    "deep-yaml": deep_yaml,
    "deep-toml": deep_toml,
    "plugin-modules": plugin_modules,
    "huge-select": huge_select,
    "template-bomb": template_bomb,
    "template-attribute": template_attribute,
    "many-pack-tokens": many_pack_tokens,
    "cache-outside": cache_outside,
}
