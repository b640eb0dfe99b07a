"""The library entry point: lint the bytes of one file and get back what the command line reports.

::

    from unlint import Settings, lint_bytes

    result = lint_bytes(open("A-RES-73-186.pdf", "rb").read(), "A-RES-73-186.pdf")
    for p in result.diagnostics:
        print(f"{result.name}:{p.place}: {p.code} [{p.rule}] {p.message}")

:func:`lint_bytes` finds what ``unlint --isolated --no-cache --format json NAME`` finds for the
same bytes and the same :class:`~unlint.settings.Settings` (no configuration file is looked
for: the settings given are the settings used), through the same reading and the same engine.
What it returns, a :class:`Result` of :class:`Problem` records, holds only strings, numbers and
tuples: it is frozen, small, and pickles (to send it back from another process).

A file that cannot be read (not UTF-8, a broken PDF, a .doc) is not an exception: its Result has
no diagnostics and an ``error``, the one line the command line prints after ``unlint: error:``.
Settings that cannot be used (a code no rule has, a rule pack or plugin that does not load, a
base text that cannot be read) raise :class:`SettingsError`, before any file is read: every file
would fail the same way.

Nothing a call does changes the next one. A process keeps, per distinct Settings, the rules and
knowledge built from them (:func:`unlint.engine.run_context`; the last 16 Settings, rebuilt when
a rule pack changes): a cache, which two different Settings never share.

Only the standard library is imported with this module (unpickling a Result is cheap); the
readers and the engine load with the first file linted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a file is linted, not with this module
    from unlint.settings import Settings

__all__ = ["Problem", "Result", "SettingsError", "lint_bytes", "lint_path"]


def exported(name: str):
    """``unlint.NAME`` for the names of this module and ``Settings`` (``unlint.__getattr__``)."""
    if name == "Settings":
        from unlint.settings import Settings

        return Settings
    if name not in __all__:
        raise AttributeError(f"module 'unlint' has no attribute {name!r}")
    return globals()[name]


class SettingsError(ValueError):
    """Settings that no file can be linted with; the message says why (one line)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One diagnostic, positioned as the JSON report positions it.

    ``line``/``column`` (1-based, the column in characters; ``end_column`` exclusive) are in
    the original file; in a PDF ``line`` is the line on the ``page``, in a Word file the
    position is in the ``paragraph`` (or the ``footnote``, by its label). ``place`` is the
    position as the text report writes it after the file name: ``12:5``, ``p3:12:5`` (page 3,
    line 12, column 5), ``¶12:5``, ``fn2:5``; ``end_place`` the same for the end.
    ``fix``/``applicability``: the title of the fix the rule offers and whether ``--fix``
    applies it (``safe``, ``unsafe``, ``display``: shown only), or None.
    """

    code: str
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    place: str
    end_place: str
    page: int | None = None
    paragraph: int | None = None
    footnote: str | None = None
    fix: str | None = None
    applicability: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """What one file gave: its ``diagnostics`` in report order, what the reader has to say about
    the file (``notices``: tracked changes read as accepted, pages without text), or the
    ``error`` that kept it from being linted (then there are no diagnostics)."""

    name: str
    diagnostics: tuple[Problem, ...] = ()
    error: str | None = None
    notices: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file was read and linted (whatever it holds)."""
        return self.error is None


def lint_bytes(data: bytes, name: str, settings: Settings | None = None) -> Result:
    """The :class:`Result` of linting ``data``, the bytes of a file called ``name``.

    ``name`` tells the kind of file where its bytes do not (``.md``, a ``.docx`` that is not
    one) and is the name messages and ``Result.name`` carry; nothing is read from it.
    ``settings``: a :class:`~unlint.settings.Settings` (default: the built-in defaults, as
    ``unlint --isolated``). Raises :class:`SettingsError` for settings no file can be linted
    with; never for what ``data`` holds.
    """
    from unlint.settings import Settings
    from unlint.source import MAX_FILE_BYTES

    settings = Settings() if settings is None else settings
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be an unlint Settings, not {type(settings).__name__}")
    if not isinstance(data, bytes):
        if not isinstance(data, (bytearray, memoryview)):
            raise TypeError(f"data must be bytes, not {type(data).__name__}")
        data = bytes(data)
    run = _run(settings)
    if len(data) > MAX_FILE_BYTES:  # as the command line refuses the file before reading it
        return Result(name, error=f"{name}: file too large ({len(data) / 1e6:.0f} MB; unlint reads "
                                  f"files up to {MAX_FILE_BYTES // 1_000_000} MB)")
    return _lint(data, name, settings, run)


def lint_path(path: str | os.PathLike, settings: Settings | None = None) -> Result:
    """:func:`lint_bytes` of the file at ``path`` (a string or a path), named as given. A file
    that cannot be read (missing, a folder, too large) gives a Result with an ``error``."""
    from unlint.batch import NOT_FOUND, failure
    from unlint.source import InputError, read_file

    name = os.fspath(path)
    try:
        data = read_file(name)
    except FileNotFoundError:
        return Result(name, error=f"{name}: {NOT_FOUND}")
    except IsADirectoryError:
        return Result(name, error=f"{name}: a folder, not a regular file")
    except (InputError, OSError) as exc:
        return Result(name, error=failure(name, exc))
    return lint_bytes(data, name, settings)


# ---- how

def _run(settings):
    """The run context of ``settings`` (cached per process), with what it reads from files read
    now; raises SettingsError where that fails."""
    from unlint.batch import pack_error
    from unlint.config import ConfigError
    from unlint.engine import run_context
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError
    from unlint.source import InputError

    try:
        run = run_context(settings)
        if settings.base is not None:
            run.base  # noqa: B018 - read and parsed once, here, not inside the first file
        if settings.record is not None:
            run.record  # noqa: B018
    except KnowledgeError as exc:
        raise SettingsError(pack_error(str(exc), settings)) from None
    except (ConfigError, PluginError) as exc:
        raise SettingsError(str(exc)) from None
    except InputError as exc:
        raise SettingsError(f"{settings.base}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"{exc.filename or settings.base}: {exc.strerror or exc}") from None
    return run


class _Shared:
    """The run contexts a :class:`unlint.batch.Plan` asks for: the process's, of the engine."""

    def __init__(self, run):
        self.run = run

    def get(self, settings):
        return self.run


def _lint(data: bytes, name: str, settings, run) -> Result:
    """What :func:`unlint.batch.lint_one` does with a file's bytes, with the messages it gives."""
    from unlint.batch import Plan, check, failure, pack_error
    from unlint.config import ConfigError
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError
    from unlint.readers import read_bytes
    from unlint.source import InputError

    try:
        source, reading = read_bytes(name, data, settings.input_format)
    except (InputError, OSError, MemoryError) as exc:
        return Result(name, error=failure(name, exc))
    try:
        linted = check(name, source, reading, data, settings, Plan(runs=_Shared(run)))
        return Result(name, tuple(_problem(source, d) for d in linted.diagnostics),
                      notices=tuple(source.notices))
    except KnowledgeError as exc:  # the settings' rule pack or record, read on first use
        raise SettingsError(pack_error(str(exc), settings)) from None
    except (ConfigError, PluginError) as exc:
        raise SettingsError(str(exc)) from None
    except (MemoryError, SystemError) as exc:
        return Result(name, error=failure(name, exc))
    except Exception as exc:  # noqa: BLE001 - a bug in unlint or a plugin: one line, as the CLI says it
        if os.environ.get("UNLINT_DEBUG"):
            raise
        return Result(name, error=failure(name, exc))


def _problem(source, d) -> Problem:
    """A diagnostic as a plain record: the JSON report's fields (:mod:`unlint.output.json`),
    with the places as the text report writes them."""
    from unlint.output.json import diagnostic

    j = diagnostic(source, d)
    return Problem(
        j["code"], j["rule"], j["severity"], j["message"], j["line"], j["column"], j["end_line"],
        j["end_column"], source.locate(d.start).label(), source.locate(d.end).label(),
        page=j.get("page"), paragraph=j.get("paragraph"), footnote=j.get("footnote"),
        fix=j["fix"]["title"] if j["fix"] else None,
        applicability=j["fix"]["applicability"] if j["fix"] else None,
    )
