"""The built-in rule families, registered through the same hook as any third-party plugin.

Each family is one module of small rules; modules are imported only when rules are asked for.
"""

from __future__ import annotations

import importlib

from unlint.hookspecs import hookimpl
from unlint.registry import rules_in

FAMILY_MODULES = ("tool", "structure", "punctuation", "extraction", "footnotes", "footnote_sources", "xrefs",
                  "entities", "citations", "dates", "spelling", "drafting", "consistency", "changes")


@hookimpl
def unlint_rules():
    rules = []
    for name in FAMILY_MODULES:
        module = importlib.import_module(f"unlint.rules.{name}")
        rules.extend(rules_in(module))
        rules.extend(getattr(module, "rules", list)())  # rules built at load time (YAML packs)
    return rules
