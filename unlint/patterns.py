"""Regular expressions compiled once per installation, not once per process.

unlint compiles a few hundred regular expressions; the standard library's compiler is pure
Python and costs about 0.1 ms a pattern, paid again by every fresh ``unlint FILE`` process
(15 ms). :func:`compile` is :func:`re.compile` for unlint's own patterns, and keeps what the
compiler produced (the engine's code and the group names, plain numbers and strings) in the
user's cache folder (:func:`unlint.knowledge.cache_dir`, ``regex/``), keyed by the Python build
that produced it: a later process hands it to the regular expression engine directly.

A pattern is recorded only after checking that the kept form gives back a pattern equal to
:func:`re.compile`'s (same flags, same code, same text); the file is checksummed
(:func:`unlint.knowledge.load_checked`), so a damaged one is passed over and rewritten; any
other Python, a bytes pattern, a debug flag or a cache that is off (``UNLINT_TABLE_CACHE=``)
goes through :func:`re.compile` as usual. New entries are written once, when the process ends.
"""

from __future__ import annotations

import re
import sys
from array import array
from binascii import a2b_base64, b2a_base64

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another implementation: re.compile only
    _sre = None

# the engine's code is kept as the bytes of an array of its code words, in base64: JSON lists
# of numbers take 10 times longer to read back
_TYPECODE = next((t for t in "IL" if _sre is not None and array(t).itemsize == _sre.CODESIZE), None)
MAX_ENTRIES = 1000  # unlint has about 400: a pattern built from data must not grow the file without end
_KIND = "regex"
_UNCACHED = re.DEBUG | getattr(re, "TEMPLATE", 0)  # flags that re.compile treats apart
_state: dict = {}  # "entries": (pattern, flags) -> args of _sre.compile; "dirty": to write at exit


def _key() -> str:
    import hashlib

    build = (f"{sys.version}|{sys.implementation.cache_tag}|{sys.byteorder}|{_sre.MAGIC}|"
             f"{_sre.CODESIZE}|{_sre.MAXREPEAT}|{_TYPECODE}")
    return hashlib.sha256(build.encode()).hexdigest()[:32]


def _entries() -> dict | None:
    entries = _state.get("entries", 0)
    if entries != 0:
        return entries
    from unlint import knowledge

    entries = None
    if knowledge.cache_dir() is not None:
        entries = {}
        found = knowledge.load_checked(_KIND, _key())
        if found is not None:
            try:
                for pattern, flags, final, code, groups, groupindex, indexgroup in found[0]:
                    code = array(_TYPECODE, a2b_base64(code)).tolist()
                    entries[pattern, flags] = (final, code, groups, groupindex, tuple(indexgroup))
            except (TypeError, ValueError):
                entries = {}
    _state["entries"] = entries
    return entries


def compile(pattern, flags=0) -> re.Pattern:  # noqa: A001 - the name of re.compile
    """``re.compile(pattern, flags)``, from the cache of compiled forms when it holds it."""
    if _TYPECODE is None or type(pattern) is not str:
        return re.compile(pattern, flags)
    flags = int(flags)
    if flags & _UNCACHED:
        return re.compile(pattern, flags)
    entries = _entries()
    if entries is None:
        return re.compile(pattern, flags)
    args = entries.get((pattern, flags))
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # not this engine's code
            del entries[pattern, flags]
    compiled = re.compile(pattern, flags)  # errors are re's own
    if len(entries) < MAX_ENTRIES:
        _record(entries, pattern, flags, compiled)
    return compiled


def _record(entries: dict, pattern: str, flags: int, compiled: re.Pattern) -> None:
    """Keep the compiler's output for ``pattern`` if it gives ``compiled`` back exactly."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
        if _sre.compile(pattern, *args) != compiled or args[0] != compiled.flags:
            return
    except Exception:  # noqa: BLE001 - internals of another Python: just not cached
        return
    entries[pattern, flags] = args
    if not _state.get("dirty"):
        _state["dirty"] = True
        import atexit

        atexit.register(_save)


def _save() -> None:
    from unlint import knowledge

    entries = _state.get("entries")
    if not entries or not _state.pop("dirty", False):
        return
    try:
        data = [[pattern, flags, final, b2a_base64(array(_TYPECODE, code).tobytes(), newline=False).decode(),
                 groups, groupindex, list(indexgroup)]
                for (pattern, flags), (final, code, groups, groupindex, indexgroup) in entries.items()]
    except (OverflowError, TypeError, ValueError):
        return
    size = sum(len(row[5]) + len(row[6]) + 8 for row in data)
    knowledge.store_checked(_KIND, _key(), data, size)
