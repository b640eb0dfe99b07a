"""Effective settings for one file: built-in defaults, then the config file, then the flags.

Settings are immutable and hashable: the engine builds one run context per distinct settings
(:func:`unlint.context.run_context`), and the cache keys its entries by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from unlint.diagnostics import Severity


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # code prefixes; None: every rule enabled by default
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (code prefix, level), sorted by prefix
    fail_on: Severity = Severity.WARNING  # info findings are advice: they do not fail a run
    input_format: str | None = None
    plugins: tuple[str, ...] = ()  # modules to import as plugins: only from --plugin or Python
    installed: tuple[str, ...] | None = None  # installed plugins to load by name; None: all
    packs: tuple[str, ...] = ()  # extra YAML rule packs (paths)
    words: tuple[str, ...] = ()  # words the spelling rule accepts (lowercase, sorted)
    record: str | None = None  # a record of adoption dates made by `unlint learn` (a path)
    negotiation_drafts: bool = False  # DR001 is silent on a text whose header says it is a draft
    base: str | None = None  # the text a draft was made from (--base, `unlint compare`): the CP rules
    ignore_text: tuple[str, ...] = ()  # phrases whose findings are not reported, in any input form
    ignore_places: tuple[tuple[str, str], ...] = ()  # (code prefix, place): per-file-ignores "CODE@OP3"

    def __post_init__(self):
        # a mapping (as configuration gives it) becomes sorted pairs: equal settings, equal hash
        levels = self.severity.items() if isinstance(self.severity, Mapping) else self.severity
        object.__setattr__(self, "severity", tuple(sorted((p, Severity(v)) for p, v in levels)))
        object.__setattr__(self, "words", tuple(sorted({w.lower() for w in self.words})))
        for name in ("ignore", "plugins", "packs", "ignore_text", "ignore_places"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for name in ("select", "installed"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, tuple(getattr(self, name)))

    def wants(self, rule) -> bool:
        code = rule.code
        if any(code.startswith(p) for p in self.ignore):
            return False
        if self.select is None:
            return rule.enabled
        return any(p == "ALL" and rule.enabled or code.startswith(p) for p in self.select)

    def severity_of(self, rule) -> Severity:
        best, level = "", rule.severity
        for prefix, value in self.severity:
            if rule.code.startswith(prefix) and len(prefix) >= len(best):
                best, level = prefix, value
        return level
