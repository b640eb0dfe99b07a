"""Effective settings for one file: built-in defaults, then the config file, then the flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from unlint.diagnostics import Severity


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # code prefixes; None: every rule enabled by default
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # code prefix -> level
    fail_on: Severity = Severity.INFO
    input_format: str | None = None
    plugins: tuple[str, ...] = ()  # extra plugin modules to import
    packs: tuple[str, ...] = ()  # extra YAML rule packs (paths)

    def wants(self, rule) -> bool:
        code = rule.code
        if any(code.startswith(p) for p in self.ignore):
            return False
        if self.select is None:
            return rule.enabled
        return any(p == "ALL" and rule.enabled or code.startswith(p) for p in self.select)

    def severity_of(self, rule) -> Severity:
        best = None
        for prefix, level in self.severity.items():
            if rule.code.startswith(prefix) and (best is None or len(prefix) > len(best)):
                best = prefix
        return self.severity[best] if best else rule.severity
