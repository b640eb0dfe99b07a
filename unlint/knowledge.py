"""Knowledge tables shipped as YAML in rules/ (entities, instruments, spelling ...), loaded once."""

from __future__ import annotations

from functools import cache

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from unlint.resources import data_dir


class KnowledgeError(Exception):
    """A shipped or configured YAML file that cannot be read; the message has file and line."""


def read_yaml(path) -> object:
    """Parse a YAML file safely (no object construction); errors carry file and line."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None
    if len(text) > 2_000_000:
        raise KnowledgeError(f"{path}: file too large for a rule pack ({len(text)} bytes)")
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise KnowledgeError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None


@cache
def table(name: str) -> object:
    """The shipped table rules/<name>.yaml."""
    return read_yaml(data_dir("rules") / f"{name}.yaml")
