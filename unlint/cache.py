"""A content-hash cache of diagnostics: a file that has not changed is not linted again.

One JSON file per key in ``.unlint_cache/``, in the folder of the configuration file that
applies to the linted file (``.unlint.yaml`` or ``pyproject.toml``; the ``--config`` file), or in
the current folder when there is none. The key is a SHA-256 of everything the diagnostics depend
on:

* the file's bytes and its path as given (the path picks the reader: ``.md`` or ``.txt``);
* unlint's version, and the size and modification time of each of its own files (modules,
  grammars, shipped rule packs and tables), so that an edited checkout never reads stale entries;
* the effective settings that change what is reported: ``select``, ``ignore`` (with the
  ``per-file-ignores`` that apply), ``severity``, ``input-format``, the configured plugins (each
  with its module file's size and modification time), the rule packs (with their content), and
  the modification time of the ``site-packages`` folders, which changes when a package (a plugin
  with an ``unlint`` entry point) is installed, upgraded or removed.

``fail-on`` does not change the diagnostics, so it is not in the key. A value is the list of
diagnostics as the engine returned it (before a baseline filters them); for a file that is not
text (a PDF, a Word file), also what showing them needs of the file's :class:`Source`: its text
(one line per printed line or paragraph), its pages or paragraphs (:attr:`Source.units`, for
"page 3, line 12") and its notices, so that a file seen before is looked up from its bytes
alone (:meth:`Cache.lookup`) and never read again: no PDF or Word reader runs. Each entry is sealed
with this user's key (:func:`unlint.knowledge.seal`), so an entry that cannot be read, is not
what it should be, or was not written by this user's unlint (a repository that ships its own
``.unlint_cache/``) is ignored and written again; entries are written atomically (a temporary
file, then a rename), so parallel runs never see half an entry. A ``.unlint_cache`` that is a
symbolic link is never followed (no caching), and the clean-up removes only files it recognises
as its own. The folder holds a
``.gitignore`` that ignores it and a ``CACHEDIR.TAG`` for backup tools; delete it at any time.
Once a day, a run removes the entries that no run has used for 30 days (an entry's modification
time is its last use, renewed at most daily), so the folder does not grow without end.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import NamedTuple

from unlint import __version__
from unlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from unlint.knowledge import prune, read_own, seal, touch_own, unseal, write_own
from unlint.settings import Settings
from unlint.source import Source, Unit, sniff

FOLDER = ".unlint_cache"
LAYOUT = 2  # of the entries; bump when it changes
DAY = 86400
MAX_AGE = 30 * DAY  # an entry not used for this long is removed (see _prune)
MAX_ENTRY = 64_000_000  # bytes: an entry holds the findings and, for a PDF or Word file, its text
_GITIGNORE = "# Automatically created by unlint.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by unlint.\n"
                 "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_OWN_SUFFIXES = (".py", ".lark", ".yaml", ".txt", ".json")


class Hit(NamedTuple):
    """A file found in the cache: its diagnostics, and its Source when the file is not text
    (None for a text file: decoding it again costs nothing)."""

    diagnostics: list[Diagnostic]
    source: Source | None


class Cache:
    """Diagnostics by key; one instance per run.

    It reads what goes into every key once, on first use, and keeps it for the run: the stamp
    of unlint's own files (:func:`own_files`), that of the installed packages
    (:func:`installed`), the digest of each settings used, and the cache folder of each config
    file (a run does not see unlint or its plugins change under it; the next run does)."""

    def __init__(self) -> None:
        self._own: bytes | None = None  # own_files(), read on first use
        self._installed: list | None = None  # installed(), read on first use
        self._settings: dict[Settings, bytes] = {}  # settings -> settings_fingerprint()
        self._folders: dict[Path | None, Path | None] = {}  # config -> cache folder, None: unusable

    # ---- keys

    def key(self, path: str, data: bytes, settings: Settings) -> str:
        if self._own is None:
            self._own = own_files()
        h = hashlib.sha256()
        for part in (f"unlint-cache {LAYOUT} {__version__}".encode(), self._own,
                     self._settings_digest(settings), path.encode("utf-8", "surrogatepass")):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        h.update(data)
        return h.hexdigest()

    def _settings_digest(self, settings: Settings) -> bytes:
        found = self._settings.get(settings)
        if found is None:
            if self._installed is None:
                self._installed = installed()
            found = self._settings[settings] = settings_fingerprint(settings, self._installed)
        return found

    # ---- entries

    def folder(self, config: Path | None) -> Path | None:
        """The cache folder for files under ``config`` (None: the current folder), created with
        its ``.gitignore``; None when it cannot be created (a read-only tree: no caching)."""
        if config not in self._folders:
            base = Path(config).resolve().parent if config is not None else Path.cwd()
            self._folders[config] = _prepare(base / FOLDER)
        return self._folders[config]

    def lookup(self, config: Path | None, path: str, data: bytes, settings) -> Hit | None:
        """The entry of a file from its path and bytes, before any reader runs (``config``: the
        config file that applies, see :meth:`folder`); None when it is not cached."""
        found = self._entry(self.folder(config), self.key(path, data, settings))
        if found is None:
            return None
        diagnostics, stored = found
        if stored is None:
            if sniff(path, data) != "text":
                return None  # a PDF or Word file must come with its Source
            return Hit(diagnostics, None)
        try:
            source = _source(path, stored)
        except Exception:  # noqa: BLE001 - a damaged entry: read and lint the file again
            return None
        return Hit(diagnostics, source)

    def get(self, folder: Path | None, key: str) -> list[Diagnostic] | None:
        found = self._entry(folder, key)
        return found[0] if found is not None else None

    def _entry(self, folder: Path | None, key: str) -> tuple[list[Diagnostic], dict | None] | None:
        if folder is None:
            return None
        path = folder / f"{key}.json"
        text = read_own(path, MAX_ENTRY)
        body = unseal(key, text) if text is not None else None
        if body is None:  # missing, unreadable, damaged, or not written by this user's unlint
            return None
        try:
            entry = json.loads(body)
            if entry.get("layout") != LAYOUT:
                return None
            found = [_diagnostic(item) for item in entry["diagnostics"]]
            stored = entry.get("source")
            if stored is not None and not isinstance(stored, dict):
                return None
            used = os.stat(path, follow_symlinks=False).st_mtime
        except Exception:  # noqa: BLE001 - corrupt: lint the file again
            return None
        if time.time() - used > DAY:  # the time of last use, for pruning
            touch_own(path)
        return found, stored

    def put(self, folder: Path | None, key: str, diagnostics: list[Diagnostic],
            source: Source | None = None) -> None:
        """Store the diagnostics of a file, with its ``source`` when it is not text."""
        if folder is None:
            return
        entry = {"layout": LAYOUT, "diagnostics": [_item(d) for d in diagnostics]}
        if source is not None and source.kind != "text":
            entry["source"] = _stored(source)
        write_own(folder / f"{key}.json", seal(key, json.dumps(entry, separators=(",", ":"))))


def _prepare(folder: Path) -> Path | None:
    """The cache folder made ready, or None when it cannot be used: not a folder of its own (a
    symbolic link, which could point anywhere, is never followed), or not writable."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode) or not os.access(folder, os.W_OK):
            return None
    except OSError:
        return None
    for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        try:
            with open(folder / name, "x", encoding="utf-8") as f:  # never through a link
                f.write(content)
        except FileExistsError:  # written before, or by another process meanwhile
            pass
        except OSError:
            return None
    _prune(folder)
    return folder


MAX_ENTRIES = 20_000  # entries of one cache folder: the most recently used are kept


def _prune(folder: Path) -> None:
    """Once a day (:func:`unlint.knowledge.prune`): remove the entries not used for MAX_AGE
    (files since edited, settings or unlint versions no longer used), those beyond the
    MAX_ENTRIES most recently used, and temporary files left by an interrupted run."""
    marker = folder / ".pruned"
    try:
        if time.time() - os.stat(marker, follow_symlinks=False).st_mtime < DAY:
            return
    except OSError:
        pass
    touch_own(marker, create=True)
    prune(folder, MAX_ENTRIES, MAX_ENTRY, MAX_AGE)


# ---- what goes into the key


def own_files() -> bytes:
    """A digest of the size and modification time of unlint's own files (code, grammars, rule
    packs, tables)."""
    from unlint.resources import data_dir

    package = Path(__file__).resolve().parent
    roots = [package] + [d for d in (data_dir("grammars"), data_dir("rules"))
                         if not d.is_relative_to(package)]
    h = hashlib.sha256()
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith(_OWN_SUFFIXES):
                    st = os.stat(os.path.join(folder, name))
                    rel = os.path.relpath(os.path.join(folder, name), root)
                    h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.digest()


def settings_fingerprint(settings: Settings, installed: list) -> bytes:
    """A digest of the settings that change the diagnostics, with the plugin and pack files
    and ``installed``, the stamp of the installed packages (:func:`installed`)."""
    parts = {
        "select": settings.select,
        "ignore": settings.ignore,
        "severity": [(prefix, level.value) for prefix, level in settings.severity],
        "input_format": settings.input_format,
        "plugins": [[name, _module_stamp(name)] for name in settings.plugins],
        "installed": installed,
        "load": settings.installed,  # which installed plugins the configuration loads
        "packs": [[path, _file_digest(path)] for path in settings.packs],
        "words": settings.words,
        "record": [settings.record, _file_digest(settings.record)] if settings.record else None,
        "negotiation_drafts": settings.negotiation_drafts,
        "ignore_text": settings.ignore_text,
        "ignore_places": settings.ignore_places,
        "base": [settings.base, _file_digest(settings.base)] if settings.base else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).digest()


def _module_stamp(name: str) -> str:
    """Where a plugin module is, with its file's size and modification time ("?" if unknown)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if not origin or not os.path.isfile(origin):
            return "?"
        st = os.stat(origin)
        return f"{origin}:{st.st_size}:{st.st_mtime_ns}"
    except Exception:  # noqa: BLE001 - a broken plugin fails when it is loaded, not here
        return "?"


def installed() -> list:
    """The modification times of the folders that packages are installed in: installing,
    upgrading or removing a package (a plugin with an ``unlint`` entry point) changes them.
    (Reading the entry points themselves would cost more than a cached run.)"""
    found = []
    for entry in sys.path:
        if os.path.basename(entry.rstrip("/\\")) in ("site-packages", "dist-packages"):
            try:
                found.append([entry, os.stat(entry).st_mtime_ns])
            except OSError:
                pass
    return found


def _file_digest(path: str) -> str:
    try:
        st = os.stat(path)
        with open(path, "rb") as f:
            return f"{st.st_mtime_ns}:{hashlib.sha256(f.read()).hexdigest()}"
    except OSError:
        return "?"


# ---- entries as JSON


def _stored(source: Source) -> dict:
    """What showing diagnostics needs of a Source that is not the file's text (not its layout:
    only the reader uses that)."""
    return {"text": source.text, "kind": source.kind, "encoding": source.encoding,
            "has_bom": source.has_bom, "units": [list(u) for u in source.units],
            "notices": list(source.notices)}


def _source(path: str, stored: dict) -> Source:
    text, kind, encoding = stored["text"], stored["kind"], stored["encoding"]
    has_bom, notices = stored["has_bom"], stored["notices"]
    if not (isinstance(text, str) and isinstance(kind, str) and kind != "text"
            and isinstance(encoding, str) and type(has_bom) is bool
            and all(isinstance(n, str) for n in notices)):
        raise ValueError("not a source")
    units = []
    for start, unit_kind, number in stored["units"]:
        if type(start) is not int or not isinstance(unit_kind, str) or not isinstance(number, str):
            raise ValueError("not a unit")
        units.append(Unit(start, unit_kind, number))
    return Source(path, text, has_bom, encoding, kind=kind, units=tuple(units),
                  notices=tuple(notices))


def _item(d: Diagnostic) -> list:
    fix = None
    if d.fix is not None:
        fix = [d.fix.title, d.fix.applicability.value, [[e.start, e.end, e.content] for e in d.fix.edits]]
    return [d.code, d.rule, d.severity.value, d.message, d.start, d.end, fix]


def _diagnostic(item: list) -> Diagnostic:
    code, rule, severity, message, start, end, fix = item
    if not (isinstance(code, str) and isinstance(rule, str) and isinstance(message, str)
            and type(start) is int and type(end) is int):
        raise ValueError("not a diagnostic")
    if fix is not None:
        title, applicability, edits = fix
        if not isinstance(title, str) or not isinstance(applicability, str):
            raise ValueError("not a fix")
        made = []
        for s, e, content in edits:
            if type(s) is not int or type(e) is not int or not isinstance(content, str):
                raise ValueError("not an edit")
            made.append(Edit(s, e, content))
        fix = Fix(title, tuple(made), Applicability(applicability))  # ValueError: not one
    return Diagnostic(code, rule, Severity(severity), message, start, end, fix)
