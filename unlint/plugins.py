"""The plugin manager of a run: the built-in families, installed entry points, configured modules.

It is built once per run context (:mod:`unlint.context`), never shared through module state.
"""

from __future__ import annotations

import importlib
import os

import pluggy

from unlint import hookspecs

class PluginError(Exception):
    """A configured plugin that cannot be imported."""


def plugin_manager(extra: tuple[str, ...] = ()) -> pluggy.PluginManager:
    """A plugin manager with built-ins, the ``unlint`` entry points and ``extra`` modules."""
    from unlint import rules, runner

    pm = pluggy.PluginManager("unlint")
    pm.add_hookspecs(hookspecs)
    pm.register(runner, name="unlint.runner")
    pm.register(rules, name="unlint.rules")
    try:
        if _entry_points_possible("unlint"):
            pm.load_setuptools_entrypoints("unlint")
    except Exception as exc:  # noqa: BLE001 - a broken third-party package, not unlint
        raise PluginError(f"an installed unlint plugin failed to load: {exc!r}") from None
    for name in extra:
        try:
            pm.register(importlib.import_module(name), name=name)
        except ImportError as exc:
            raise PluginError(f"plugin {name!r} cannot be imported: {exc}") from None
    return pm


def _entry_points_possible(group: str) -> bool:
    """False only when no installed distribution can have an entry point in ``group``.

    pluggy's scan imports importlib.metadata and parses the entry points of every installed
    distribution (about 20 ms per process). The common case, no plugin at all, is told by
    looking where importlib.metadata looks: the ``*.dist-info`` and ``*.egg-info`` folders of
    the ``sys.path`` directories, and their ``entry_points.txt``. Anything this does not
    cover (a zip file on the path, a finder of another kind, an unreadable file, a line that
    would make the real parser fail) answers True, and the real scan runs."""
    import importlib.machinery
    import sys

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not importlib.machinery.PathFinder:
            return True
    want = group.encode()
    for entry in sys.path:
        try:
            root = os.fspath(entry) or "."
            if isinstance(root, bytes):
                return True
            names = os.listdir(root)
        except (TypeError, FileNotFoundError, NotADirectoryError):
            if isinstance(entry, (str, bytes, os.PathLike)) and os.path.exists(entry):
                return True  # a zip file, or a folder that cannot be listed
            continue  # nothing there: importlib.metadata finds nothing either
        except OSError:
            return True
        egg = os.path.basename(root).lower().endswith(".egg")
        for name in names:
            low = name.lower()
            if low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info"):
                if _may_declare(os.path.join(root, name, "entry_points.txt"), want):
                    return True
    return False


def _may_declare(path: str, group: bytes) -> bool:
    """Whether an ``entry_points.txt`` may name ``group``, or makes the real parser fail."""
    try:
        with open(path, "rb") as f:
            text = f.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False
    except OSError:
        return True
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return True
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(b"#"):
            continue
        if line.startswith(b"["):
            if group in line.lower():
                return True
        elif b"=" not in line:
            return True  # a malformed entry: let the real scan report it
    return False


def all_rules(pm: pluggy.PluginManager) -> list:
    """Every registered rule, sorted by code; duplicate codes are an error."""
    seen: dict[str, object] = {}
    for batch in pm.hook.unlint_rules():
        for rule in batch or ():
            if rule.code in seen and seen[rule.code] is not rule:
                raise PluginError(f"two rules share the code {rule.code}")
            seen[rule.code] = rule
    return sorted(seen.values(), key=lambda r: r.code)
