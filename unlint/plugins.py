"""The plugin manager of a run: the built-in families, installed plugins, modules named by the caller.

An installed plugin is a distribution that declares an entry point in the ``unlint`` group:
installing it is what lets it run. A configuration file, which comes with the documents it
lints, can only choose among the installed plugins by their entry-point names; a module that is
not installed as a plugin is imported only when the person running unlint names it
(``--plugin MODULE``, or ``Settings(plugins=...)`` from Python). The manager is built once per
run context (:mod:`unlint.context`), never shared through module state.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import pluggy

from unlint import hookspecs

GROUP = "unlint"  # the entry-point group of installed plugins


class PluginError(Exception):
    """A configured plugin that cannot be imported."""


def plugin_manager(extra: tuple[str, ...] = (), installed: tuple[str, ...] | None = None
                   ) -> pluggy.PluginManager:
    """A plugin manager with the built-ins, the installed plugins named in ``installed`` (their
    entry-point names; None: every installed plugin) and the ``extra`` modules."""
    from unlint import rules, runner

    pm = pluggy.PluginManager("unlint")
    pm.add_hookspecs(hookspecs)
    pm.register(runner, name="unlint.runner")
    pm.register(rules, name="unlint.rules")
    with contextlib.redirect_stdout(sys.stderr):  # standard output is the report's (or the protocol's)
        _load(pm, extra, installed)
    return pm


def _load(pm: pluggy.PluginManager, extra: tuple[str, ...], installed: tuple[str, ...] | None) -> None:
    try:
        if installed is None:
            if _entry_points_possible(GROUP):
                pm.load_setuptools_entrypoints(GROUP)
        else:
            for name in installed:
                pm.load_setuptools_entrypoints(GROUP, name=name)
    except Exception as exc:  # noqa: BLE001 - a broken third-party package, not unlint
        raise PluginError(f"an installed unlint plugin failed to load: {exc!r}") from None
    for name in extra:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise PluginError(f"plugin {name!r} cannot be imported: {exc}") from None
        if not pm.is_registered(module):  # also installed: loaded once
            pm.register(module, name=name)


def installed_plugins() -> list[str]:
    """The entry-point names of the installed plugins, sorted (nothing is imported)."""
    from importlib.metadata import entry_points

    return sorted({ep.name for ep in entry_points(group=GROUP)})


def _entry_points_possible(group: str) -> bool:
    """False only when no installed distribution can have an entry point in ``group``.

    pluggy's scan imports importlib.metadata and parses the entry points of every installed
    distribution (about 20 ms per process). The common case, no plugin at all, is told by
    looking where importlib.metadata looks: the ``*.dist-info`` and ``*.egg-info`` folders of
    the ``sys.path`` directories, and their ``entry_points.txt``. Anything this does not
    cover (a zip file on the path, a finder of another kind, an unreadable file, a line that
    would make the real parser fail) answers True, and the real scan runs."""
    import importlib.machinery

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
