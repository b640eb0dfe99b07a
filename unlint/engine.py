"""Read, parse and check one file; the engine owns selection, severity and rule isolation."""

from __future__ import annotations

from unlint.context import Context, RunContext, Runs
from unlint.diagnostics import Applicability, Diagnostic, Fix
from unlint.model import Document
from unlint.parse import parse
from unlint.settings import Settings
from unlint.source import Source


#: the run contexts of the functions below when they are given settings (library use, tests);
#: the command line and the language server keep their own (:class:`unlint.context.Runs`)
_RUNS = Runs()


def run_context(settings: Settings) -> RunContext:
    return _RUNS.get(settings)


def load(source: Source, input_format: str | None = None) -> Document:
    """Read and parse a text source (Markdown, PDF text, typed text) into a Document."""
    from unlint.readers import read

    return parse(source, read(source, input_format))


def load_bytes(path: str, data: bytes, input_format: str | None = None) -> Document:
    """Read and parse a file of any supported kind (text, PDF, Word) into a Document."""
    from unlint.readers import read_bytes

    return parse(*read_bytes(path, data, input_format))


def known_rules(settings: Settings) -> tuple:
    """Every rule: built-in families, plugins, and the rule packs named in the settings."""
    return run_context(settings).known


def active_rules(settings: Settings) -> tuple:
    return run_context(settings).active


def lint_document(doc: Document, settings: Settings | RunContext, tracked: bool = False,
                  context: Context | None = None) -> list[Diagnostic]:
    """The diagnostics of one document: selected rules, their severity, then the suppression
    comments of a Markdown file (``<!-- unlint-disable CODE -->``, see unlint.suppressions).
    One defect, one finding: where a rule reports the same span as a rule it supersedes
    (:attr:`Rule.supersedes`), only the more specific one is kept.
    Per-file ignores arrive as ``settings.ignore`` (config.Resolver.settings_for_file).

    This is the one place that decides that fixes are display-only: every fix of a document
    whose text is not the file's own (text extracted from a PDF, a PDF, a Word file) becomes
    :attr:`Applicability.DISPLAY`, whatever the rule said; reports, ``--fix`` and the language
    server only read ``fix.applicability``. ``tracked``: the fixes of a Word file keep the
    rule's word, for the reviewed copy that writes them as tracked changes
    (:mod:`unlint.output.word`). ``context``: the document's :class:`Context` in this run,
    when the caller reads its analyses too (``ctx.alignment``): they are then computed once."""
    run = settings if isinstance(settings, RunContext) else run_context(settings)
    rules = run.active
    context = context if context is not None else Context(doc, run)
    diagnostics = run.plugins.hook.unlint_check(document=doc, context=context, rules=list(rules)) or []
    if doc.format == "markdown" and "unlint" in doc.source.text:
        from unlint import suppressions

        wanted = {r.code: r for r in rules if r in suppressions.RULES}
        diagnostics = suppressions.apply(doc.source.text, diagnostics, set(run.by_code),
                                         {r.code for r in rules}, wanted)
    by_code = {r.code: r for r in rules}
    silenced = {(d.start, d.end, code) for d in diagnostics if d.code in by_code
                for code in by_code[d.code].supersedes}
    shown_only = doc.format == "pdf-text" or not doc.source.editable and not (
        tracked and doc.source.kind == "docx")
    out = []
    for d in diagnostics:
        if silenced and (d.start, d.end, d.code) in silenced:
            continue  # a more specific rule reports this span
        rule = by_code.get(d.code)
        level = run.settings.severity_of(rule) if rule is not None else d.severity
        fix = d.fix
        if shown_only and fix is not None and fix.applicability is not Applicability.DISPLAY:
            fix = Fix(fix.title, fix.edits, Applicability.DISPLAY)
        if level is not d.severity or fix is not d.fix:
            d = Diagnostic(d.code, d.rule, level, d.message, d.start, d.end, fix)
        out.append(d)
    out.sort(key=lambda d: (d.start, d.end, d.code))
    if run.settings.ignore_text or run.settings.ignore_places:
        from unlint import ranges

        if run.settings.ignore_text:
            out = ranges.outside_phrases(out, doc.source.text, run.settings.ignore_text)
        if run.settings.ignore_places:
            out = ranges.outside(doc, out, run.settings.ignore_places)
    return out


def lint_source(source: Source, settings: Settings = Settings()) -> list[Diagnostic]:
    return lint_document(load(source, settings.input_format), settings)

