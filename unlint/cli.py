"""The command line: ``unlint [PATH ...]``, ``unlint rules``, ``unlint rule CODE``.

Only the standard library is imported at start-up, so ``unlint --version`` and ``--help`` are
fast; the engine (lark, pluggy) and the config reader (ruamel.yaml) load when they are needed.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage, input
or config error (one line on stderr: ``unlint: error: path: problem``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from unlint import __version__

EXTENSIONS = (".md", ".markdown", ".txt")
LEVELS = ("error", "warning", "info")
INPUT_FORMATS = ("markdown", "pdf-text", "text")  # unlint.readers.FORMATS, without importing it
STDIN = "-"


def _prefixes(value: str) -> tuple[str, ...]:
    from unlint.config import parse_prefixes

    try:
        return parse_prefixes(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _severity(value: str) -> tuple[str, str]:
    prefix, _, level = value.partition("=")
    if _prefixes(prefix) != (prefix,) or prefix == "ALL" or level not in LEVELS:
        raise argparse.ArgumentTypeError(
            f"expected CODE=LEVEL, one code prefix and one of {', '.join(LEVELS)}; got {value!r}")
    return prefix, level


def _config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="FILE", type=Path,
                       help="use this config file (YAML, or a pyproject.toml) for every file")
    group.add_argument("--isolated", action="store_true", help="ignore all config files")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="unlint",
        description="Lint United Nations resolutions (Markdown, text extracted from PDF, plain text).",
        epilog="Also: 'unlint rules' lists the rules, 'unlint rule CODE' explains one. "
               "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, input or config error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (.md, .markdown, .txt found recursively); '-' reads "
                        "stdin; default: the current directory")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--select", type=_prefixes, metavar="CODES",
                   help="only these rules: comma-separated code prefixes (ST,FN001) or ALL")
    p.add_argument("--ignore", type=_prefixes, metavar="CODES", help="skip these code prefixes")
    p.add_argument("--severity", type=_severity, action="append", default=[], metavar="CODE=LEVEL",
                   help="set the severity of a code prefix (repeatable)")
    p.add_argument("--fail-on", choices=LEVELS, help="lowest severity that fails the run (default: info)")
    p.add_argument("--input-format", choices=INPUT_FORMATS,
                   help="reader to use (default: by extension, then by content)")
    p.add_argument("--stdin-filename", metavar="PATH",
                   help="name of the file read from stdin (for its config and format)")
    _config_options(p)
    p.add_argument("--version", action="version", version=f"unlint {__version__}")
    return p


def _error(message: str) -> None:
    print(f"unlint: error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv[:1] in (["rules"], ["rule"]):
            code = _rules(argv[0], argv[1:])
        else:
            code = _lint(_parser().parse_args(argv))
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return code
    except SystemExit as exc:  # argparse: --help, --version and usage errors (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `unlint ... | head`: stop quietly
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1


# ---- unlint rules / unlint rule CODE

def _rules(command: str, argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog=f"unlint {command}",
        description="List every rule." if command == "rules" else "Explain one rule.",
    )
    if command == "rule":
        p.add_argument("code", help="a rule code, e.g. ST001")
    _config_options(p)
    args = p.parse_args(argv)

    from unlint.config import ConfigError, Resolver
    from unlint.plugins import PluginError, all_rules, get_plugin_manager

    try:
        settings = Resolver({}, args.config, args.isolated).settings_for(Path.cwd())
        rules = all_rules(get_plugin_manager(settings.plugins))
    except (ConfigError, PluginError) as exc:
        _error(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. a broken installed plugin: one line, no traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        _error(f"loading the rules failed: {exc!r} (UNLINT_DEBUG=1 shows the traceback)")
        return 2
    if command == "rules":
        print(_rule_table(rules), end="")
        return 0
    found = [r for r in rules if r.code == args.code.upper()]
    if not found:
        _error(f"unknown rule code {args.code!r}; 'unlint rules' lists them")
        return 2
    r = found[0]
    opt_in = "" if r.enabled else f", opt-in: enable with --select {r.code}"
    print(f"{r.code} [{r.name}] (default severity: {r.severity.value}{opt_in})\n\n{r.doc}")
    return 0


def _rule_table(rules) -> str:
    width = max((len(r.name) for r in rules), default=0)
    lines = []
    for r in rules:
        mark = "(opt-in) " if not r.enabled else ""
        lines.append(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {mark}{r.summary}")
    if any(not r.enabled for r in rules):
        lines.append("\nOpt-in rules run only when selected, e.g. --select CODE.")
    return "\n".join(lines) + "\n"


# ---- unlint [PATH ...]

def _files(paths: list[str], on_error):
    """The files to lint, in order, each once: explicit files as given, directories walked."""
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        if path == STDIN:
            found = [STDIN]
        elif os.path.isdir(path):
            found = _walk(path, seen_dirs, on_error)
        elif os.path.lexists(path):
            found = [path]
        else:
            on_error(path, "No such file or directory")
            continue
        for name in found:
            if name not in seen_files:
                seen_files.add(name)
                yield name


def _walk(top: str, seen: set, on_error):
    """Files with a known extension under ``top``, sorted; hidden folders skipped; symlinked
    folders followed once (a loop ends when a folder comes round again)."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            on_error(folder, exc.strerror or str(exc))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):
                    subfolders.append(os.path.normpath(entry.path))
            elif entry.name.lower().endswith(EXTENSIONS):
                yield os.path.normpath(entry.path)
        stack.extend(reversed(subfolders))


def _flags(args) -> dict:
    from unlint.diagnostics import Severity

    flags: dict = {}
    if args.select is not None:
        flags["select"] = args.select
    if args.ignore is not None:
        flags["ignore"] = args.ignore
    if args.severity:
        flags["severity"] = {prefix: Severity(level) for prefix, level in args.severity}
    if args.fail_on:
        flags["fail_on"] = Severity(args.fail_on)
    if args.input_format:
        flags["input_format"] = args.input_format
    return flags


def _read_stdin() -> bytes:
    stream = sys.stdin
    return stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")


def _lint_one(path: str, name: str, folder: Path, resolver):
    """(source, diagnostics, settings) of one file, or the one-line message of what went wrong."""
    from unlint.config import ConfigError
    from unlint.plugins import PluginError
    from unlint.source import InputError, decode

    try:
        settings = resolver.settings_for(folder)
    except ConfigError as exc:
        return str(exc)
    try:
        data = _read_stdin() if path == STDIN else Path(path).read_bytes()
        source = decode(name, data)
    except InputError as exc:  # "3:2: invalid UTF-8 ..." reads as "path:3:2: invalid ..."
        return f"{name}{':' if str(exc)[:1].isdigit() else ': '}{exc}"
    except OSError as exc:
        return f"{name}: {exc.strerror or exc}"
    try:
        from unlint.engine import lint_source

        return source, lint_source(source, settings), settings
    except PluginError as exc:
        from unlint.config import shown

        config = resolver.config_for(folder)
        return f"{shown(config)}: {exc}" if config else str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug in unlint or a plugin: one line, not a traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        return f"{name}: internal error: {exc!r}; please report it (UNLINT_DEBUG=1 shows the traceback)"


def _lint(args) -> int:
    from unlint.config import ConfigError, Resolver
    from unlint.output import json as json_output
    from unlint.output import text as text_output

    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    resolver = Resolver(_flags(args), args.config, args.isolated)
    if args.config is not None:
        try:
            resolver.settings_for(Path.cwd())
        except ConfigError as exc:
            _error(str(exc))
            return 2
    colour = args.format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    errors: list[str] = []  # one entry per file or path that could not be linted

    def report(message: str) -> None:
        if message not in errors:  # a broken config is reported once, not once per file
            _error(message)
        errors.append(message)

    paths = args.paths or ([STDIN] if args.stdin_filename else ["."])
    results = []
    counts = {level: 0 for level in LEVELS}
    failing = False
    for path in _files(paths, lambda path, problem: report(f"{path}: {problem}")):
        name = (args.stdin_filename or "<stdin>") if path == STDIN else path
        if path == STDIN:
            folder = Path(args.stdin_filename).parent if args.stdin_filename else Path.cwd()
        else:
            folder = Path(path).parent
        outcome = _lint_one(path, name, folder, resolver)
        if isinstance(outcome, str):
            report(outcome)
            continue
        source, diagnostics, settings = outcome
        results.append((source, diagnostics))
        for d in diagnostics:
            counts[d.severity.value] += 1
        failing = failing or any(d.severity.rank >= settings.fail_on.rank for d in diagnostics)
        if args.format == "text":
            sys.stdout.write(text_output.render(source, diagnostics, colour))

    if not results and not errors:
        print(f"unlint: warning: no files to lint (looking for {', '.join(EXTENSIONS)})", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(json_output.render(results))
    else:
        with_problems = sum(1 for _, diagnostics in results if diagnostics)
        sys.stdout.write(text_output.summary(counts, with_problems, len(errors)))
    if errors:
        return 2
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
