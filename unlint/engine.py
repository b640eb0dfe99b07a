"""Read, parse and check one file; the engine owns selection, severity and rule isolation."""

from __future__ import annotations

import traceback

from unlint.diagnostics import Diagnostic, Severity
from unlint.hookspecs import hookimpl
from unlint.model import Document
from unlint.parse import parse
from unlint.plugins import all_rules, get_plugin_manager
from unlint.readers import read
from unlint.settings import Settings
from unlint.source import Source


def load(source: Source, input_format: str | None = None) -> Document:
    """Read and parse a source into a Document."""
    return parse(source, read(source, input_format))


def known_rules(settings: Settings) -> list:
    """Every rule: built-in families, plugins, and the rule packs named in the settings."""
    from unlint.packs import add_packs

    return add_packs(all_rules(get_plugin_manager(settings.plugins)), settings.packs)


def active_rules(settings: Settings) -> list:
    return [r for r in known_rules(settings) if settings.wants(r)]


def lint_document(doc: Document, settings: Settings) -> list[Diagnostic]:
    """The diagnostics of one document: selected rules, their severity, then the suppression
    comments of a Markdown file (``<!-- unlint-disable CODE -->``, see unlint.suppressions).
    Per-file ignores arrive as ``settings.ignore`` (config.Resolver.settings_for_file)."""
    pm = get_plugin_manager(settings.plugins)
    rules = active_rules(settings)
    diagnostics = pm.hook.unlint_check(document=doc, rules=rules) or []
    if doc.format == "markdown" and "unlint" in doc.source.text:
        from unlint import suppressions

        wanted = {r.code: r for r in rules if r in suppressions.RULES}
        known = {r.code for r in known_rules(settings)}
        diagnostics = suppressions.apply(doc.source.text, diagnostics, known,
                                         {r.code for r in rules}, wanted)
    by_code = {r.code: r for r in rules}
    out = []
    for d in diagnostics:
        rule = by_code.get(d.code)
        if rule is not None:
            level = settings.severity_of(rule)
            if level is not d.severity:
                d = Diagnostic(d.code, d.rule, level, d.message, d.start, d.end, d.fix)
        out.append(d)
    out.sort(key=lambda d: (d.start, d.end, d.code))
    return out


def lint_source(source: Source, settings: Settings = Settings()) -> list[Diagnostic]:
    return lint_document(load(source, settings.input_format), settings)


@hookimpl
def unlint_check(document: Document, rules):
    """Run each rule in isolation: a crashing rule becomes a UL002 diagnostic, not a crash."""
    out: list[Diagnostic] = []
    for rule in rules:
        try:
            for f in rule.check(document):
                out.append(Diagnostic(rule.code, rule.name, rule.severity, f.message,
                                      f.start, f.end, f.fix))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(Diagnostic(
                "UL002", "internal-error", Severity.ERROR,
                f"rule {rule.code} [{rule.name}] failed: {exc!r} at "
                f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}; please report it",
                0, 0,
            ))
    return out
