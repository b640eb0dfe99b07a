"""Knowledge tables shipped as YAML in rules/ (entities, instruments, spelling ...), loaded once.

YAML is read with the safe loader (no Python object is ever built) and refused when it is too
large or nested too deep (ruamel's scanner slows down with the square of the nesting depth).
Parsing YAML in pure Python costs about 150 ms for a 30 KB table, paid by every fresh process:
so a table, once parsed, is kept as JSON in the user's cache folder (``$UNLINT_TABLE_CACHE``,
else the platform's as platformdirs gives it: ``~/.cache/unlint`` or ``$XDG_CACHE_HOME/unlint``
on Linux), under the hash of its content, and read from there (0.1 ms) while the content is the
same. The same folder keeps the parsed rule packs (``packs/``). Each kind keeps the 64 entries
most recently used (:func:`prune`, when an entry is added); the keys hold unlint's version, so
another version's entries are never read and age out. A cache that cannot be read or written
is passed over; ``UNLINT_TABLE_CACHE=`` (empty) turns it off.

A cached file must not decide what a rule finds: anyone can recompute a hash, so every file
unlint keeps (these and the findings in ``.unlint_cache/``, see :mod:`unlint.cache`) is
*sealed*: its first line is an HMAC of its key and content under this user's secret key (32
random bytes in ``key`` in the user's cache folder, readable by the user only, made on first
use). A file that was edited, damaged, moved to another key or written by anyone else (a
repository that ships a ``.unlint_cache/``) is passed over and rebuilt, never used. Without a
usable cache folder the key lives as long as the process.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
from datetime import date, datetime
from functools import cache
from pathlib import Path

from unlint import __version__
from unlint.resources import data_dir

MAX_BYTES = 2_000_000
MAX_DEPTH = 64  # nested [ ] and { }: a real table has 3 or 4


class KnowledgeError(Exception):
    """A shipped or configured YAML file that cannot be read; the message has file and line."""


def too_deep(text: str, syntax: str = "yaml") -> int | None:
    """The 1-based line where [ ] and { } nest deeper than MAX_DEPTH, or None: checked before a
    parser sees the text, since parsers recurse (and ruamel slows down with the square of the
    depth).

    ``syntax``: "yaml" counts brackets inside quoted strings too (a table with 64 unclosed
    brackets in its strings is not a table: the check must not be fooled by quotes); "json" and
    "toml" skip their strings (and TOML its comments), since a baseline's messages may quote
    a bracket."""
    depth, inside, skip = 0, "", -1  # inside: the quote of the string we are in, or "#"
    for m in _MARKS[syntax].finditer(text):
        i, c = m.start(), m.group()
        if i < skip:
            continue  # the character after a backslash in a string
        if inside:
            if c == "\\" and inside == '"':
                skip = i + 2
            elif c == inside or (c == "\n" and inside == "#"):
                inside = ""
        elif c in "\"'#":
            inside = c
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif c in "]}":
            depth = max(depth - 1, 0)
    return None


_MARKS = {  # the characters that matter to the count, one scan each (a triple quote is three)
    "yaml": re.compile(r"[\[\]{}]"),
    "json": re.compile(r'[\[\]{}"\\]'),
    "toml": re.compile(r"[\[\]{}\"'\\#\n]"),
}


def read_yaml(path) -> object:
    """Parse a YAML file safely (no object construction); errors carry file and line."""
    from unlint.source import InputError, read_file

    try:
        data = read_file(str(path))  # a regular file only: never a pipe or a device
        if len(data) > MAX_BYTES:
            raise KnowledgeError(f"{path}: file too large for a rule pack ({len(data)} bytes)")
        text = data.decode("utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None
    except InputError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    return parse_cached(text, str(path))


def parse_cached(text: str, name: str) -> object:
    """:func:`parse_yaml`, through the cache of parsed tables (keyed by the text's hash)."""
    key = hashlib.sha256(f"{__version__}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    found = load_checked("tables", key)
    if found is not None:
        return found[0]
    data = parse_yaml(text, name)
    store_checked("tables", key, data, len(text))
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


def secret() -> bytes:
    """This user's key for sealing cached files (see the module's docstring)."""
    return _secret(cache_dir())


@cache  # per folder: read once per process
def _secret(folder: Path | None) -> bytes:
    if folder is not None:
        path = folder / "key"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not os.path.lexists(path):  # made whole under another name, then linked: atomic
                tmp = folder / f".key.{os.getpid()}"
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
                with open(fd, "wb") as f:
                    f.write(os.urandom(32))
                try:
                    os.link(tmp, path)
                except FileExistsError:  # another process made it first
                    pass
                finally:
                    os.unlink(tmp)
            with open(os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK), "rb") as f:
                st = os.fstat(f.fileno())
                key = f.read(33)
            mine = getattr(os, "getuid", None) is None or st.st_uid == os.getuid()
            if len(key) == 32 and stat.S_ISREG(st.st_mode) and mine and not st.st_mode & 0o077:
                return key
        except OSError:
            pass
    return os.urandom(32)  # no usable folder: sealed files last as long as the process


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def seal(key: str, body: str) -> str:
    """``body`` with its seal on a first line: an HMAC of ``key`` and ``body`` (see above)."""
    mac = hmac.new(secret(), key.encode() + b"\0" + body.encode("utf-8", "surrogatepass"), "sha256")
    return f"{mac.hexdigest()}\n{body}"


def unseal(key: str, text: str) -> str | None:
    """The body of a file :func:`seal` wrote for ``key``; None if the seal does not match."""
    head, _, body = text.partition("\n")
    mac = hmac.new(secret(), key.encode() + b"\0" + body.encode("utf-8", "surrogatepass"), "sha256")
    return body if hmac.compare_digest(mac.hexdigest().encode(), head.encode("utf-8", "surrogatepass")) else None


def read_own(path, limit: int) -> str | None:
    """The text of a regular file of at most ``limit`` bytes, without following a symbolic link
    or waiting on a pipe; None otherwise (for files in cache folders, which others can plant)."""
    try:
        with open(os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
                return None
            return f.read(limit + 1).decode("utf-8")
    except (OSError, UnicodeError):
        return None


# ---- the checked cache: parsed tables and rule packs (see unlint.packs), sealed

def load_checked(kind: str, key: str) -> tuple[object] | None:
    """``(data,)`` stored by :func:`store_checked` under ``kind``/``key``, or None when there is
    none, or it cannot be read, or its seal does not match (:func:`unseal`): a truncated,
    edited, misplaced or planted file is passed over (and rewritten by the caller), never used."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / kind / f"{key}.json"
    text = read_own(path, 4 * MAX_BYTES + 200)
    body = unseal(key, text) if text is not None else None
    if body is None:
        return None
    touch_own(path)  # used: pruned last (see prune)
    try:
        return (json.loads(body, object_hook=_decode),)
    except (ValueError, RecursionError):
        return None


def store_checked(kind: str, key: str, data: object, size: int) -> None:
    """Keep ``data`` (parsed from ``size`` characters of text) for :func:`load_checked`; data
    that JSON would not give back exactly, or a folder that cannot be written, is passed over."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        body = json.dumps(_to_json(data, 0, [10 * size + 100]), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return
    try:
        (folder / kind).mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if write_own(folder / kind / f"{key}.json", seal(key, body)):
        prune(folder / kind, KEPT, 4 * MAX_BYTES + 200)


KEPT = 64  # entries of each kind in the user's cache: tables and packs of a few unlint versions
_ENTRY = re.compile(r"[0-9a-f]{32,64}\.json")
_TEMP = re.compile(r"\.tmp-[A-Za-z0-9_]{8}\.json")  # tempfile.mkstemp's, as write_own makes them


def prune(folder: Path, keep: int, limit: int, max_age: float | None = None) -> None:
    """Remove from a cache folder the entries beyond the ``keep`` most recently used, those not
    used for ``max_age`` seconds, and temporary files an interrupted run left (an hour old).

    Only files unlint made and recognises are removed: regular files (not links) with the name
    of an entry whose seal is this user's (:func:`unseal`; read up to ``limit`` bytes), or with
    the name of unlint's temporary files. A folder that cannot be read is passed over."""
    import time

    now = time.time()
    entries = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if not entry.is_file(follow_symlinks=False):
                    continue
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if _TEMP.fullmatch(entry.name):
                    if age > 3600:
                        os.unlink(entry.path)
                elif _ENTRY.fullmatch(entry.name):
                    entries.append((age, entry.path, entry.name))
        entries.sort()
        for i, (age, path, name) in enumerate(entries):
            if i < keep and (max_age is None or age <= max_age):
                continue
            text = read_own(path, limit)
            if text is not None and unseal(name[:-5], text) is not None:
                os.unlink(path)
    except OSError:  # another run pruning at the same time, or a read-only folder: no matter
        pass


def touch_own(path, create: bool = False) -> None:
    """Set a cache file's modification time to now (made empty first with ``create``), never
    through a symbolic link; a file that cannot be touched is passed over."""
    try:
        if create:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | _NOFOLLOW, 0o644))
        os.utime(path, follow_symlinks=os.utime not in os.supports_follow_symlinks)
    except (OSError, NotImplementedError):
        pass


def write_own(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically: a new temporary file (never one that exists, nor
    through a link) renamed over it, so a concurrent reader sees the whole file or none; False
    when it cannot be written (a full disk, a read-only folder: the caller goes on uncached)."""
    import tempfile

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
        with open(fd, "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(text)
        os.replace(tmp, path)
        return True
    except (OSError, UnicodeError):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


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
