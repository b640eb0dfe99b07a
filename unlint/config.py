"""Configuration files: ``.unlint.yaml`` / ``.unlint.yml`` or ``[tool.unlint]`` in pyproject.toml.

The nearest file upward from a linted file's directory wins. Keys are the flags' names::

    select: [ST, FN001]        # code prefixes, or ALL
    ignore: [PU]
    severity: {ST005: error}   # code prefix -> error | warning | info
    fail-on: warning
    input-format: markdown     # markdown | pdf-text | text
    plugins: [house-style]     # which installed plugins to load (entry-point names; default: all)
    packs: [house-style.yaml]  # YAML rule packs, relative to the config file
    per-file-ignores:          # file pattern -> code prefixes skipped in matching files
      "archive/*": [PU, TX]    # a pattern with "/" matches the path from the config's folder
      "annex-*.md": [ST001]    # one without matches the file name in any folder
      "report.pdf": [PU@p3]    # CODE@PLACE: only there (unlint.ranges)

Every problem is a :class:`ConfigError` whose message starts with ``path:line:``.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from unlint import ranges
from unlint.diagnostics import LEVELS, Severity
from unlint.readers import FORMATS

YAML_NAMES = (".unlint.yaml", ".unlint.yml")
MAX_BYTES = 1_000_000  # a config file is a few lines; this also stops YAML alias bombs
PREFIX_RE = re.compile(r"^(ALL|[A-Z]{1,4}\d{0,3})$")
PLUGIN_RE = re.compile(r"^[A-Za-z0-9][\w.-]*$")  # an entry-point name
KEYS = ("select", "ignore", "severity", "fail-on", "input-format", "plugins", "packs", "per-file-ignores",
        "words", "word-files", "record", "negotiation-drafts", "ignore-text")


class ConfigError(Exception):
    """A config file that cannot be read or has a bad key or value (exit code 2)."""


def find_config(directory: Path) -> Path | None:
    """The nearest config file in ``directory`` or above, or None."""
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_unlint(pyproject):
            return pyproject
    return None


def _has_tool_unlint(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*unlint\s*[\].]|^\s*tool\s*\.\s*unlint\b", text, re.M) is not None


def shown(path: Path) -> str:
    """A config path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def load_config(path: Path) -> dict[str, Any]:
    """Read and validate one config file into Settings keyword arguments (only keys it sets)."""
    try:
        return _load(path)
    except _Problem as exc:
        line, problem = exc.args
        where = f"{shown(path)}:{line}" if line else shown(path)
        raise ConfigError(f"{where}: {problem}") from None


class _Problem(Exception):
    """(line or None, problem): made into a ConfigError naming the file by load_config."""


def _load(path: Path) -> dict[str, Any]:
    from unlint.source import InputError, read_file

    try:
        if path.stat().st_size > MAX_BYTES:
            raise _Problem(None, "config file larger than 1 MB")
        data = read_file(str(path))  # a named pipe or a device is refused, not waited on
    except OSError as exc:
        raise _Problem(None, f"cannot read config file: {exc.strerror or exc}") from None
    except InputError as exc:
        raise _Problem(None, f"cannot read config file: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Problem(line, "config file is not valid UTF-8") from None
    if path.suffix == ".toml":
        table, line_of = _read_toml(text)
    else:
        table, line_of = _read_yaml(text)
    return _validate(path, table, line_of)


# ---- readers: the table, and a function giving the 1-based line of a key path

def _read_yaml(text: str):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from unlint.knowledge import MAX_DEPTH, too_deep

    deep = too_deep(text)  # ruamel slows down with the square of the depth: refuse it first
    if deep is not None:
        raise _Problem(deep, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise _Problem(line, f"invalid YAML: {exc.problem or exc.context}") from None
    except (YAMLError, RecursionError) as exc:
        raise _Problem(1, f"invalid YAML: {exc}") from None
    if data is None:
        return {}, lambda keys: 1
    if not isinstance(data, dict):
        raise _Problem(1, f"expected a mapping of settings, got {_kind(data)}")
    # The round-trip loader never builds Python objects, but a tag would be silently dropped
    # from a list or mapping: refuse it (tagged scalars already fail the type checks).
    for key, value in [(None, data), *data.items()]:
        tag = _tag(value) if key is not None else getattr(getattr(data, "tag", None), "value", None)
        if tag:
            line = data.lc.key(key)[0] + 1 if key is not None else 1
            raise _Problem(line, f"YAML tags ({tag}) are not allowed in a config file")

    def line_of(keys: tuple) -> int:
        line = data.lc.key(keys[0])[0] + 1
        if len(keys) == 1:
            return line
        node = data[keys[0]]
        lc = node.lc.item(keys[1]) if isinstance(node, list) else node.lc.key(keys[1])
        return lc[0] + 1 if lc else line  # a '!!omap' keeps no lines for its keys: the key's line

    return data, line_of


def _read_toml(text: str):
    import tomllib

    from unlint.knowledge import MAX_DEPTH, too_deep

    deep = too_deep(text, "toml")  # tomllib recurses: refuse it first
    if deep is not None:
        raise _Problem(deep, f"invalid TOML: nested more than {MAX_DEPTH} levels deep")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise _Problem(1, "invalid TOML: nested too deep") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        line = m.group(1) if m else max(1, len(text.splitlines()))  # else "at end of document"
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise _Problem(line, f"invalid TOML: {message}") from None
    tool = data.get("tool")
    table = tool.get("unlint") if isinstance(tool, dict) else None
    if table is None:
        raise _Problem(1, "no [tool.unlint] table")
    if not isinstance(table, dict):
        raise _Problem(_toml_line(text, ("unlint",), 0), "tool.unlint must be a table")
    header = re.search(r"^\s*\[\s*tool\s*\.\s*unlint\s*\]", text, re.M)
    start = text.count("\n", 0, header.start()) if header else 0
    return table, lambda keys: _toml_line(text, keys, start)


def _toml_line(text: str, keys: tuple, start: int) -> int:
    """Best effort: the first line at or after ``start`` that defines the last key of ``keys``."""
    lines = text.splitlines()
    for key in reversed([k for k in keys if isinstance(k, str)]):
        name = re.escape(key)
        pattern = re.compile(rf'^\s*(\[[^\]]*\b{name}\s*\]|["\']?{name}["\']?\s*=)|[{{,]\s*["\']?{name}["\']?\s*=')
        for i in range(start, len(lines)):
            if pattern.search(lines[i]):
                return i + 1
    return start + 1


# ---- validation, shared by both formats

def _validate(path: Path, table: dict, line_of: Callable[[tuple], int]) -> dict[str, Any]:
    def fail(keys: tuple, problem: str):
        raise _Problem(line_of(keys), problem)

    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail((key,), f"unknown key {key!r}{hint}; known keys: {', '.join(KEYS)}")
        if key in ("words", "word-files"):
            if not isinstance(value, list):
                fail((key,), f"{key} must be a list, got {_kind(value)}")
            for i, item in enumerate(value):
                if not isinstance(item, str) or not item.strip():
                    fail((key, i), f"{key} entries must be non-empty strings, got {_kind(item)}")
                if key == "words":
                    out.setdefault("words", []).append(item.strip())
                else:
                    words, problem = _word_file(path.parent / item)
                    if problem:
                        fail((key, i), f"word-files: {item!r}: {problem}")
                    out.setdefault("words", []).extend(words)
        elif key in ("select", "ignore", "plugins", "packs"):
            if not isinstance(value, list):
                fail((key,), f"{key} must be a list, got {_kind(value)}")
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    fail((key, i), f"{key} entries must be strings, got {_kind(item)}")
                problem = _check_item(key, item, path.parent)
                if problem:
                    fail((key, i), problem)
            if key == "packs":
                out["packs"] = tuple(str((path.parent / item).resolve()) for item in value)
            elif key == "plugins":
                out["installed"] = tuple(value)
            else:
                out[key] = tuple(value)
        elif key == "severity":
            if not isinstance(value, dict):
                fail((key,), f"severity must be a mapping of code prefix to level, got {_kind(value)}")
            levels = {}
            for prefix, level in value.items():
                if not isinstance(prefix, str) or not PREFIX_RE.match(prefix) or prefix == "ALL":
                    fail((key, prefix), f"severity: {prefix!r} is not a rule code or prefix")
                if level not in LEVELS:
                    fail((key, prefix), f"severity of {prefix}: {level!r} is not one of {', '.join(LEVELS)}")
                levels[prefix] = Severity(level)
            out["severity"] = levels
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                fail((key,), f"per-file-ignores must be a mapping of file pattern to code prefixes, "
                             f"got {_kind(value)}")
            rules = []
            for pattern, codes in value.items():
                if not isinstance(pattern, str) or not pattern.strip():
                    fail((key, pattern), f"per-file-ignores: {pattern!r} is not a file pattern")
                if not isinstance(codes, list) or not codes:
                    fail((key, pattern), f"per-file-ignores of {pattern!r} must be a non-empty list of "
                                         f"code prefixes, got {_kind(codes)}")
                entries = []
                for code in codes:
                    prefix, at, place = code.partition("@") if isinstance(code, str) else (code, "", "")
                    if not isinstance(prefix, str) or not PREFIX_RE.match(prefix.strip()):
                        fail((key, pattern), f"per-file-ignores of {pattern!r}: {code!r} is not a rule "
                                             f"code, a code prefix (ST, FN001) or ALL")
                    if at and ranges.parse(place) is None:
                        fail((key, pattern), f"per-file-ignores of {pattern!r}: {place.strip()!r} is not a "
                                             f"place (lines 12-40, pages p3-p5, paragraphs OP3-OP5 or PP2, "
                                             f"a Word paragraph ¶12, a footnote fn2)")
                    entries.append(f"{prefix.strip()}@{place.strip()}" if at else prefix.strip())
                rules.append((pattern.strip().replace("\\", "/").removeprefix("./"), tuple(entries)))
            out["per_file_ignores"] = tuple(rules)
        elif key == "fail-on":
            if value not in LEVELS:
                fail((key,), f"fail-on: {value!r} is not one of {', '.join(LEVELS)}")
            out["fail_on"] = Severity(value)
        elif key == "record":
            if not isinstance(value, str) or not value.strip():
                fail((key,), f"record must be the path of a file made by 'unlint learn', got {_kind(value)}")
            target = (path.parent / value).resolve()
            try:
                from unlint.analysis.record import read_record

                read_record(str(target))
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                fail((key,), f"record: {value!r}: {getattr(exc, 'strerror', None) or exc}")
            out["record"] = str(target)
        elif key == "ignore-text":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                fail((key,), f"ignore-text must be a list of phrases (the text of the findings not "
                             f"to report), got {_kind(value)}")
            out["ignore_text"] = tuple(value)
        elif key == "negotiation-drafts":
            if not isinstance(value, bool):
                fail((key,), f"negotiation-drafts must be true or false, got {_kind(value)}")
            out["negotiation_drafts"] = value
        elif key == "input-format":
            if value not in FORMATS:
                fail((key,), f"input-format: {value!r} is not one of {', '.join(FORMATS)}")
            out["input_format"] = value
    return out


def _word_file(path: Path) -> tuple[list[str], str | None]:
    """The words of a word file (one per line; blank lines and "#" comments skipped), or the
    problem reading it."""
    from unlint.source import InputError, read_file

    try:
        if path.stat().st_size > MAX_BYTES:
            return [], "larger than 1 MB"
        text = read_file(str(path)).decode("utf-8-sig")
    except OSError as exc:
        return [], f"cannot read it ({exc.strerror or exc})"
    except (InputError, UnicodeDecodeError) as exc:
        return [], f"cannot read it ({exc})"
    return [w for w in (line.split("#", 1)[0].strip() for line in text.splitlines()) if w], None


def _check_item(key: str, item: str, base: Path) -> str | None:
    if key in ("select", "ignore") and not PREFIX_RE.match(item):
        return f"{key}: {item!r} is not a rule code, a code prefix (ST, FN001) or ALL"
    if key == "plugins":
        return _installed_plugin(item)
    if key == "packs" and not (base / item).is_file():
        return f"packs: {item!r} not found (relative to {base})"
    return None


def _installed_plugin(name: str) -> str | None:
    """None if ``name`` is an installed plugin; else the problem. A configuration comes with the
    documents it lints, so it can only choose among installed plugins, never import a module."""
    from unlint.plugins import installed_plugins

    known = installed_plugins() if PLUGIN_RE.match(name) else []
    if name in known:
        return None
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    listing = ", ".join(known) if known else "none"
    return (f"plugins: {name!r} is not an installed unlint plugin{hint}; installed: {listing}. "
            f"A configuration file only chooses among installed plugins; to import another "
            f"module (which runs its code), name it on the command line: --plugin MODULE")


def _tag(value: Any, seen: set | None = None) -> str | None:
    """The first YAML tag on ``value`` or inside it ("!foo" in ``[!foo ST]``), or None. Each
    list and mapping is looked at once: an alias can make one hold itself, or be used 10**9
    times."""
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag or not isinstance(value, (dict, list)):
        return tag
    seen = set() if seen is None else seen
    if id(value) in seen:
        return None
    seen.add(id(value))
    for item in value.values() if isinstance(value, dict) else value:
        tag = _tag(item, seen)
        if tag:
            return tag
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"[:60]


def parse_prefixes(value: str) -> tuple[str, ...]:
    """A flag's comma-separated code prefixes (``ST,FN001``), checked; raises ValueError."""
    items = tuple(p.strip() for p in value.split(",") if p.strip())
    for item in items:
        if not PREFIX_RE.match(item):
            raise ValueError(f"{item!r} is not a rule code, a code prefix (ST, FN001) or ALL")
    return items


class Resolver:
    """Settings per linted file: the config found for it (cached per directory), then the flags."""

    def __init__(self, flags: dict[str, Any], explicit: Path | None = None, isolated: bool = False):
        self.flags = flags
        self.explicit = explicit
        self.isolated = isolated
        self._dirs: dict[Path, Path | None] = {}
        self._settings: dict[Path | None, Any] = {}

    def config_for(self, directory: Path) -> Path | None:
        if self.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        if directory not in self._dirs:
            self._dirs[directory] = find_config(directory)
        return self._dirs[directory]

    def settings_for(self, directory: Path):
        """The Settings for files in ``directory``; raises ConfigError."""
        return self._resolve(directory)[0]

    def settings_for_file(self, path: Path):
        """The Settings for one file: those of its folder, plus the codes that the config's
        ``per-file-ignores`` skip for it (added to ``ignore``); raises ConfigError."""
        settings, per_file, config = self._resolve(path.parent)
        if not per_file:
            return settings
        entries = ignored_codes(per_file, config.parent, path)
        if not entries:
            return settings
        key = (config, entries)
        if key not in self._settings:
            codes = tuple(c for c in entries if "@" not in c)
            places = tuple(tuple(c.split("@", 1)) for c in entries if "@" in c)
            self._settings[key] = replace(settings, ignore=settings.ignore + codes,
                                          ignore_places=settings.ignore_places + places)
        return self._settings[key]

    def _resolve(self, directory: Path):
        from unlint.settings import Settings

        config = self.config_for(directory)
        if config not in self._settings:
            try:
                options = load_config(config) if config is not None else {}
            except ConfigError as exc:
                self._settings[config] = exc
            else:
                per_file = options.pop("per_file_ignores", ())
                severity = {**options.get("severity", {}), **self.flags.get("severity", {})}
                merged = {**options, **self.flags, "severity": severity}
                if "select" in self.flags:  # the flag's selection replaces the file's, ignores included
                    merged["ignore"] = self.flags.get("ignore", ())
                self._settings[config] = (Settings(**merged), per_file, config)
        result = self._settings[config]
        if isinstance(result, ConfigError):
            raise result
        return result


def ignored_codes(per_file: tuple, base: Path, path: Path) -> tuple[str, ...]:
    """The code prefixes that ``per-file-ignores`` (pairs of pattern and codes) skip for ``path``.

    A pattern containing "/" is matched (``fnmatch``: ``*`` also crosses folders) against the
    file's path relative to ``base``, the config file's folder; a pattern without "/" against
    the file name alone. ``ALL`` becomes the empty prefix, which every code starts with.
    An entry ``CODE@PLACE`` (``PU@OP3``) skips the code in that place only (:mod:`unlint.ranges`).
    """
    try:
        relative = path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        relative = None
    codes: list[str] = []
    for pattern, prefixes in per_file:
        target = relative if "/" in pattern else path.name
        if target is not None and fnmatch.fnmatchcase(target, pattern):
            codes.extend(c for c in (p.replace("ALL", "", 1) if p.startswith("ALL") else p for p in prefixes)
                         if c not in codes)
    return tuple(codes)
