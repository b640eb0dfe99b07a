"""Knowledge tables shipped as YAML in rules/ (entities, instruments, spelling ...), loaded once.

YAML is read with the safe loader (no Python object is ever built) and refused when it is too
large or nested too deep (ruamel's scanner slows down with the square of the nesting depth).
Parsing YAML in pure Python costs about 150 ms for a 30 KB table, paid by every fresh process:
so a table, once parsed, is kept as JSON in the user's cache folder (``$UNLINT_TABLE_CACHE``,
else the platform's as platformdirs gives it: ``~/.cache/unlint`` or ``$XDG_CACHE_HOME/unlint``
on Linux), under the hash of its content, and read from there (0.1 ms) while the content is the
same. A cache that cannot be read or written is passed over. ``UNLINT_TABLE_CACHE=`` (empty)
turns it off. The same folder keeps the parsed rule packs (``packs/``, :func:`load_checked`):
each file carries the checksum of its JSON and its own key, so a damaged file is passed over
and rebuilt, never used.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from functools import cache
from pathlib import Path

from unlint import __version__
from unlint.resources import data_dir

MAX_BYTES = 2_000_000
MAX_DEPTH = 64  # nested [ ] and { }: a real table has 3 or 4


class KnowledgeError(Exception):
    """A shipped or configured YAML file that cannot be read; the message has file and line."""


def too_deep(text: str) -> int | None:
    """The 1-based line where flow collections ([ ], { }) nest deeper than MAX_DEPTH, or None.

    Brackets inside quoted strings are counted too (a table with 64 unclosed brackets in its
    strings is not a table): the check must not be fooled by quotes."""
    depth = 0
    for i, c in enumerate(text):
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif c in "]}" and depth:
            depth -= 1
    return None


def read_yaml(path) -> object:
    """Parse a YAML file safely (no object construction); errors carry file and line."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    if len(text) > MAX_BYTES:
        raise KnowledgeError(f"{path}: file too large for a rule pack ({len(text)} bytes)")
    return parse_cached(text, str(path))


def parse_cached(text: str, name: str) -> object:
    """:func:`parse_yaml`, through the cache of parsed tables (keyed by the text's hash)."""
    key = hashlib.sha256(f"{__version__}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    found = _cache_get(key)
    if found is not None:
        return found[0]
    data = parse_yaml(text, name)
    _cache_put(key, data, len(text))
    return data


def parse_yaml(text: str, name: str) -> object:
    """Parse YAML text safely; raise KnowledgeError naming ``name`` and the line."""
    from ruamel.yaml import YAML  # only when a table is parsed, not when it comes from the cache
    from ruamel.yaml.error import YAMLError

    line = too_deep(text)
    if line is not None:
        raise KnowledgeError(f"{name}:{line}: invalid YAML: nested more than {MAX_DEPTH} levels deep")
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise KnowledgeError(f"{name}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise KnowledgeError(f"{name}: invalid YAML: nested too deep") from None
    except ValueError as exc:  # a value the loader cannot build, such as the date 2019-13-40
        raise KnowledgeError(f"{name}: invalid YAML value: {exc}") from None


@cache
def table(name: str) -> object:
    """The shipped table rules/<name>.yaml."""
    return read_yaml(data_dir("rules") / f"{name}.yaml")


# ---- the parsed-table cache: JSON (never pickle: reading it can build nothing but data)

def cache_dir() -> Path | None:
    """The folder of unlint's per-user caches (``$UNLINT_TABLE_CACHE``, else the platform's user
    cache folder), or None when caching is off (``UNLINT_TABLE_CACHE`` set and empty)."""
    folder = os.environ.get("UNLINT_TABLE_CACHE")
    if folder is not None:
        return Path(folder) if folder else None
    from platformdirs import user_cache_dir  # only when a table or pack is read, not at start-up

    return Path(user_cache_dir("unlint", appauthor=False))


def _cache_file(key: str) -> Path | None:
    folder = cache_dir()
    return folder / "tables" / f"{key}.json" if folder is not None else None


def _cache_get(key: str) -> tuple[object] | None:
    path = _cache_file(key)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return (json.load(f, object_hook=_decode),)
    except (OSError, ValueError):
        return None


def _cache_put(key: str, data: object, size: int) -> None:
    path = _cache_file(key)
    if path is None:
        return
    try:
        # aliases can make a small file a huge tree ("billion laughs"): stop counting past
        # what the text itself could hold, and cache nothing
        text = json.dumps(_to_json(data, 0, [10 * size + 100]), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return  # something JSON would not give back as it is (a time of day): not cached
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # atomic: a concurrent reader sees the whole file or none
    except OSError:
        pass


# ---- the checked cache: parsed rule packs (see unlint.packs), verified before use

def load_checked(kind: str, key: str) -> tuple[object] | None:
    """``(data,)`` stored by :func:`store_checked` under ``kind``/``key``, or None when there is
    none, or it cannot be read, or it is damaged: the file holds the SHA-256 of its JSON text
    on its first line, and the JSON names its own key, so a truncated, edited or misplaced
    file is passed over (and rewritten by the caller), never used."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / kind / f"{key}.json", encoding="utf-8") as f:
            text = f.read(4 * MAX_BYTES + 200)
        head, _, body = text.partition("\n")
        if hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest() != head:
            return None
        found = json.loads(body, object_hook=_decode)
        if not isinstance(found, dict) or found.get("key") != key or "data" not in found:
            return None
        return (found["data"],)
    except (OSError, ValueError, UnicodeError, RecursionError):
        return None


def store_checked(kind: str, key: str, data: object, size: int) -> None:
    """Keep ``data`` (parsed from ``size`` characters of text) for :func:`load_checked`; data
    that JSON would not give back exactly, or a folder that cannot be written, is passed over."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        body = json.dumps({"key": key, "data": _to_json(data, 0, [10 * size + 100])},
                          ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return
    head = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / kind / f"{key}.json"
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(f"{head}\n{body}", encoding="utf-8")
        os.replace(tmp, path)  # atomic: a concurrent reader sees the whole file or none
    except (OSError, UnicodeError):
        try:
            tmp.unlink()
        except OSError:
            pass


def _to_json(value: object, depth: int, budget: list[int]):
    """``value`` as JSON data that :func:`_decode` turns back into it exactly: a date is
    ``{"__date__": "2015-09-25"}``, a mapping with other than string keys ``{"__items__": [...]}``."""
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        raise ValueError("too deep or too large")
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not (value.keys() & {"__date__", "__items__"}):
            return {k: _to_json(v, depth + 1, budget) for k, v in value.items()}
        for k in value:
            if not isinstance(k, (str, int, float, bool, date)) or isinstance(k, datetime) or k is None:
                raise TypeError(f"not cached: a key {k!r}")
        return {"__items__": [[_to_json(k, depth + 1, budget), _to_json(v, depth + 1, budget)]
                              for k, v in value.items()]}
    if isinstance(value, list):
        return [_to_json(v, depth + 1, budget) for v in value]
    if isinstance(value, datetime):
        raise TypeError("not cached: a time of day")
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not cached: {type(value).__name__}")


def _decode(obj: dict):
    if len(obj) == 1:
        if "__date__" in obj:
            return date.fromisoformat(obj["__date__"])
        if "__items__" in obj:
            return {k: v for k, v in obj["__items__"]}
    return obj
