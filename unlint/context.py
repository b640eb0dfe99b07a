"""The run context of one effective configuration, and the context of one document in it.

A :class:`RunContext` holds what a run needs for given :class:`~unlint.settings.Settings`: the
plugin manager, every known rule (built-in families, plugins, the rule packs of the settings),
the active ones, and the knowledge built from them (the index of entity names, the table of
instruments). It is built once per distinct settings and never shared between them, so one
file's configuration cannot leak into another's.

A :class:`Context` is what a rule receives beside the document: the run context and the
shared readings of the document (the analysis layer, :mod:`unlint.analysis`), each computed
once, on first use, and reached as a typed attribute.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from datetime import date
from functools import cached_property
from threading import Lock
from typing import TYPE_CHECKING

from unlint.settings import Settings

if TYPE_CHECKING:  # the analyses are imported when first computed, not with this module
    from unlint.analysis.abbreviations import Abbreviations
    from unlint.analysis.citations import Citation
    from unlint.analysis.dates import DateMention
    from unlint.analysis.footnotes import Footnotes
    from unlint.analysis.instruments import Instruments
    from unlint.analysis.names import Analysis, Index
    from unlint.analysis.record import Record
    from unlint.analysis.words import Words


class RunContext:
    """Rules and knowledge for one effective configuration (see the module docstring)."""

    def __init__(self, settings: Settings):
        from unlint.packs import add_packs
        from unlint.plugins import all_rules, plugin_manager

        self.settings = settings
        self.plugins = plugin_manager(settings.plugins, settings.installed)
        self.known: tuple = tuple(add_packs(all_rules(self.plugins), settings.packs))
        self.by_code = {r.code: r for r in self.known}
        _check_codes(settings, self.by_code)
        self.active: tuple = tuple(r for r in self.known if settings.wants(r))

    @cached_property
    def names(self) -> Index:
        """The index of every entity name the run's rules know (:mod:`unlint.analysis.names`)."""
        from unlint.analysis.names import Index

        return Index([n for r in self.known if r.names is not None for n in r.names()])

    @cached_property
    def words(self) -> frozenset[str]:
        """The words the configuration and its rule packs accept as correct (lowercase)."""
        from unlint.analysis.words import LETTERS

        entries = [*self.settings.words, *(w for r in self.known for w in r.words)]
        return frozenset(run for entry in entries for run in LETTERS.findall(entry.lower()))

    @cached_property
    def base(self):
        """The base text a draft is compared with (``settings.base``), parsed; None without
        one. The command line reads it first and stops on a file it cannot read."""
        if self.settings.base is None:
            return None
        from unlint.parse import parse
        from unlint.readers import read_bytes
        from unlint.source import read_file

        return parse(*read_bytes(self.settings.base, read_file(self.settings.base),
                                 self.settings.input_format))

    @cached_property
    def short_forms(self) -> dict[str, str]:
        """The short forms of the names the run knows ("UNDP"), each with its full name."""
        return {n.text: n.entity.name for n in self.names.names if n.role == "short"}

    @cached_property
    def record(self) -> Record:
        """The record of adoption dates (:mod:`unlint.analysis.record`): the shipped one, and
        over it the configuration's ``record:``."""
        from unlint.analysis.record import Record, read_record, shipped

        if self.settings.record is None:
            return Record(shipped())
        return Record({**shipped(), **read_record(self.settings.record)})

    @cached_property
    def instruments(self) -> Instruments:
        """The table of instruments (``rules/instruments.yaml``), as FN008 and EN003 read it."""
        from unlint.analysis.instruments import load_instruments

        return load_instruments()


class Context:
    """A document's readings in a run: what a rule receives as ``ctx``."""

    def __init__(self, doc, run: RunContext):
        self.doc = doc
        self.run = run

    @property
    def settings(self) -> Settings:
        return self.run.settings

    @cached_property
    def alignment(self) -> list | None:
        """The blocks of the document paired with those of the base text
        (:func:`unlint.compare.align`), or None without a base."""
        if self.run.base is None:
            return None
        from unlint.compare import align

        return align(self.run.base, self.doc)

    @cached_property
    def citations(self) -> tuple[Citation, ...]:
        """The citations of resolutions and decisions (:func:`unlint.analysis.citations.find_citations`)."""
        from unlint.analysis.citations import find_citations

        return find_citations(self.doc)

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        """The dates written in the text (:func:`unlint.analysis.dates.find_dates`)."""
        from unlint.analysis.dates import find_dates

        return find_dates(self.doc)

    @cached_property
    def document_date(self) -> date | None:
        """The document's own date (header, adoption line, front matter), or None
        (:func:`unlint.analysis.document.document_date`)."""
        from unlint.analysis.document import document_date

        return document_date(self.doc)

    @cached_property
    def names(self) -> Analysis:
        """Known names and near misses of them in the text (:mod:`unlint.analysis.names`)."""
        from unlint.analysis.names import analyse

        return analyse(self.doc, self.lines, self.run.names)

    @cached_property
    def words(self) -> frozenset[str]:
        """The words the spelling rules accept here: the run's (configuration, rule packs) and
        the document's own ``<!-- unlint-words ... -->`` (:func:`unlint.suppressions.inline_words`)."""
        from unlint.suppressions import inline_words

        return self.run.words | inline_words(self.doc.source.text)

    @cached_property
    def lines(self) -> Words:
        """The words of each line of the text, once for every rule that reads words
        (:mod:`unlint.analysis.words`)."""
        from unlint.analysis.words import tokenize

        return tokenize(self.doc)

    @cached_property
    def abbreviations(self) -> Abbreviations:
        """Where each abbreviation is defined and used (:mod:`unlint.analysis.abbreviations`)."""
        from unlint.analysis.abbreviations import Abbreviations

        return Abbreviations(self.doc)

    @cached_property
    def footnotes(self) -> Footnotes:
        """Footnote numbering, what each note cites, what each reference follows."""
        from unlint.analysis.footnotes import Footnotes

        return Footnotes(self.doc, self.run.instruments)


# ---- one run context per effective configuration


class Runs:
    """The run contexts of one run (a command, a language server), one per distinct settings.

    A context is kept (the last 16) under the settings together with the size and modification
    time of each of their rule packs, everything that changes what it holds, so an edited pack
    is read again and two configurations never share one. (A plugin module is imported once per
    process, by Python's import system, whatever the context.)"""

    def __init__(self, size: int = 16):
        self.size = size
        self._runs: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, settings: Settings) -> RunContext:
        files = (*settings.packs, *(f for f in (settings.record, settings.base) if f))
        key = (settings, tuple(_stamp(p) for p in files))  # an edited pack or record: a new run
        with self._lock:
            found = self._runs.get(key)
            if found is not None:
                self._runs.move_to_end(key)
                return found
        made = RunContext(settings)
        with self._lock:
            self._runs[key] = made
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)
        return made


def _check_codes(settings: Settings, codes) -> None:
    """Raise ConfigError for a code prefix of select, ignore or severity that no known rule
    has ("SR", "ZZ999"): it would silently select or skip nothing."""
    import difflib

    from unlint.config import ConfigError

    wanted = [("select", p) for p in settings.select or ()] + [("ignore", p) for p in settings.ignore]
    wanted += [("severity", p) for p, _ in settings.severity]
    wanted += [("per-file-ignores", p) for p, _ in settings.ignore_places]
    for key, prefix in wanted:
        if prefix in ("ALL", "") or any(code.startswith(prefix) for code in codes):
            continue
        candidates = sorted({c[:2] for c in codes} | set(codes))
        near = sorted(difflib.get_close_matches(prefix, candidates, n=3, cutoff=0.5),
                      key=lambda c: c[:1] != prefix[:1])[:2]  # "SR": ST or SP, not XR
        hint = f" (did you mean {' or '.join(near)}?)" if near else "; 'unlint rules' lists them"
        raise ConfigError(f"{key}: no rule has the code or prefix {prefix!r}{hint}")


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (path, None)
    return (path, st.st_mtime_ns, st.st_size)
