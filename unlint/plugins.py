"""One plugin manager: the built-in families, installed entry points, configured modules."""

from __future__ import annotations

import importlib

import pluggy

from unlint import hookspecs

_managers: dict[tuple[str, ...], pluggy.PluginManager] = {}


class PluginError(Exception):
    """A configured plugin that cannot be imported."""


def get_plugin_manager(extra: tuple[str, ...] = ()) -> pluggy.PluginManager:
    """The plugin manager with built-ins, the ``unlint`` entry points and ``extra`` modules."""
    if extra in _managers:
        return _managers[extra]
    from unlint import engine, rules

    pm = pluggy.PluginManager("unlint")
    pm.add_hookspecs(hookspecs)
    pm.register(engine, name="unlint.engine")
    pm.register(rules, name="unlint.rules")
    try:
        pm.load_setuptools_entrypoints("unlint")
    except Exception as exc:  # noqa: BLE001 - a broken third-party package, not unlint
        raise PluginError(f"an installed unlint plugin failed to load: {exc!r}") from None
    for name in extra:
        try:
            pm.register(importlib.import_module(name), name=name)
        except ImportError as exc:
            raise PluginError(f"plugin {name!r} cannot be imported: {exc}") from None
    _managers[extra] = pm
    return pm


def all_rules(pm: pluggy.PluginManager) -> list:
    """Every registered rule, sorted by code; duplicate codes are an error."""
    seen: dict[str, object] = {}
    for batch in pm.hook.unlint_rules():
        for rule in batch or ():
            if rule.code in seen and seen[rule.code] is not rule:
                raise PluginError(f"two rules share the code {rule.code}")
            seen[rule.code] = rule
    return sorted(seen.values(), key=lambda r: r.code)
