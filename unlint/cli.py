"""The command line: ``unlint [PATH ...]``, ``unlint rules``, ``unlint rule CODE``,
``unlint citations FILE ...``, ``unlint server``.

Only the standard library is imported at start-up, so ``unlint --version`` and ``--help`` are
fast; the engine (lark, pluggy) and the config reader (ruamel.yaml) load when they are needed.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage, input
or config error (one line on stderr: ``unlint: error: path: problem``).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from unlint import __version__

EXTENSIONS = (".md", ".markdown", ".txt", ".pdf", ".docx")
LEVELS = ("error", "warning", "info")
INPUT_FORMATS = ("markdown", "pdf-text", "text")  # unlint.readers.FORMATS, without importing it
FORMATS = ("text", "json", "sarif", "github", "html")
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


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per CPU), got {value!r}")
    if n == 0:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return n


def _config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="FILE", type=Path,
                       help="use this config file (YAML, or a pyproject.toml) for every file")
    group.add_argument("--isolated", action="store_true", help="ignore all config files")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="unlint",
        description="Lint United Nations resolutions (Markdown, text extracted from PDF, plain text).",
        epilog="Also: 'unlint rules' lists the rules, 'unlint rule CODE' explains one, "
               "'unlint citations FILE' lists the citations read in a file. "
               "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, input or config error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (.md, .markdown, .txt found recursively); '-' reads "
                        "stdin; default: the current directory")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report (or the diff) to FILE, not stdout")
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
    fixes = p.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply the safe fixes, then report what remains")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="apply the unsafe fixes too (implies --fix)")
    fixes.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff and write nothing (exit 1 if there is one)")
    old = p.add_argument_group("baseline (adopting unlint on existing documents)")
    old.add_argument("--baseline", metavar="FILE", type=Path,
                     help="report only the findings that are not recorded in FILE")
    old.add_argument("--update-baseline", action="store_true",
                     help="record the current findings in the --baseline FILE (created if missing)")
    speed = p.add_argument_group("speed")
    speed.add_argument("--no-cache", action="store_true",
                       help="lint every file again; do not read or write .unlint_cache/")
    speed.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                       help="lint with N processes (default: 1; 0: one per CPU)")
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
        elif argv[:1] == ["citations"]:
            code = _citations(argv[1:])
        elif argv[:1] in (["server"], ["lsp"]):
            from unlint.lsp import main as serve  # pygls is imported only here

            return serve(argv[1:])  # stdout belongs to the protocol (and is closed at exit)
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
    except Exception as exc:  # noqa: BLE001 - a bug in unlint outside one file: one line, not a traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        _error(f"internal error: {exc!r}; please report it (UNLINT_DEBUG=1 shows the traceback)")
        return 2


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
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError

    try:
        settings = Resolver({}, args.config, args.isolated).settings_for(Path.cwd())
        rules = _rules_for([settings])
    except (ConfigError, PluginError) as exc:
        _error(str(exc))
        return 2
    except KnowledgeError as exc:  # a broken rule pack
        _error(_pack_error(str(exc), settings))
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


# ---- unlint citations FILE ...

def _citations(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="unlint citations",
        description="List the citations that unlint reads in each file (resolutions, decisions, "
                    "documents, instruments): path:line:col: body | kind | number | date.",
    )
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="files or folders (read as when linting); '-' reads stdin")
    p.add_argument("--input-format", choices=INPUT_FORMATS,
                   help="reader to use (default: by extension, then by content)")
    _config_options(p)
    args = p.parse_args(argv)

    from unlint.config import Resolver

    flags = {"input_format": args.input_format} if args.input_format else {}
    resolver = Resolver(flags, args.config, args.isolated)
    errors: list[str] = []

    def report(message: str) -> None:
        if message not in errors:
            _error(message)
        errors.append(message)

    several = len(args.files) > 1 or os.path.isdir(args.files[0])
    for path in _files(args.files, lambda path, problem: report(f"{path}: {problem}")):
        name, folder = ("<stdin>", Path.cwd()) if path == STDIN else (path, Path(path).parent)
        outcome = _lint_one(path, name, folder, resolver, _Plan(citations=True))
        if isinstance(outcome, str):
            report(outcome)
            continue
        if several:
            print(f"== {name}")
        print(outcome.listing, end="")
    return 2 if errors else 0


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
    """Standard input, up to the size of file unlint reads (``unlint - < /dev/zero`` ends)."""
    from unlint.source import MAX_FILE_BYTES, InputError

    stream = sys.stdin
    limit = MAX_FILE_BYTES + 1
    data = stream.buffer.read(limit) if hasattr(stream, "buffer") else stream.read(limit).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"standard input too large (unlint reads up to {MAX_FILE_BYTES // 1_000_000} MB)")
    return data


@dataclass
class _Plan:
    """What a run does to each file besides reporting."""

    fix: str | None = None  # None, "safe" or "unsafe": the fixes to apply
    citations: bool = False  # list the citations (`unlint citations`) instead of linting
    write: bool = False  # write the fixed text back (--fix) or only show it (--diff)
    baseline: object | None = None  # unlint.baseline.Baseline: report only new findings
    cache: object | None = None  # unlint.cache.Cache: diagnostics of unchanged files (not with fixes)
    runs: object = field(default_factory=lambda: _runs())  # unlint.context.Runs of this run

    def __getstate__(self):  # a pool process builds its own run contexts
        return {**self.__dict__, "runs": None}

    def __setstate__(self, state):
        self.__dict__.update(state, runs=_runs())


def _runs():
    from unlint.context import Runs

    return Runs()


@dataclass
class _Linted:
    """The outcome of one file: the source and findings to report (after any fix)."""

    source: object
    diagnostics: list
    settings: object
    applied: int = 0  # fixes applied (or that --diff would apply)
    diff: str = ""
    known: int = 0  # findings hidden because the baseline holds them
    notes: list[str] = field(default_factory=list)  # warnings for stderr
    error: str | None = None  # the fixes could not be written (exit status 2)
    listing: str = ""  # `unlint citations`: the citations found


def _lint_one(path: str, name: str, folder: Path, resolver, plan: _Plan | None = None):
    """The :class:`_Linted` outcome of one file, or the one-line message of what went wrong."""
    from unlint.config import ConfigError
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError
    from unlint.readers import read_bytes
    from unlint.source import InputError, decode, read_file

    try:
        if path == STDIN and name == "<stdin>":  # no --stdin-filename: the config of the current folder
            settings = resolver.settings_for(folder)
        else:  # per-file-ignores match the file's name (or the name given with --stdin-filename)
            settings = resolver.settings_for_file(Path(name))
    except ConfigError as exc:
        return str(exc)
    try:
        data = _read_stdin() if path == STDIN else read_file(path)  # a pipe or /dev/zero is refused
        plan = plan or _Plan()
        hit = None  # a file seen before: found from its bytes, before any reader runs
        if plan.cache is not None and plan.fix is None and not plan.citations and path != STDIN:
            hit = plan.cache.lookup(resolver.config_for(folder), name, data, settings)
        if hit is not None:  # the reading is not needed: the findings are known
            source, reading = hit.source or decode(name, data), None
        else:
            source, reading = read_bytes(name, data, settings.input_format)
    except InputError as exc:  # "3:2: invalid UTF-8 ..." reads as "path:3:2: invalid ..."
        return f"{name}{':' if str(exc)[:1].isdigit() else ': '}{exc}"
    except OSError as exc:
        return f"{name}: {exc.strerror or exc}"
    try:
        return _check(path, source, reading, data, settings, plan, resolver.config_for(folder),
                      hit.diagnostics if hit is not None else None)
    except PluginError as exc:
        from unlint.config import shown

        config = resolver.config_for(folder)
        return f"{shown(config)}: {exc}" if config else str(exc)
    except KnowledgeError as exc:  # a broken rule pack: the user's to fix, not a bug
        return _pack_error(str(exc), settings)
    except Exception as exc:  # noqa: BLE001 - a bug in unlint or a plugin: one line, not a traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        return f"{name}: internal error: {exc!r}; please report it (UNLINT_DEBUG=1 shows the traceback)"


def _pack_error(message: str, settings) -> str:
    """A rule pack's error (``/abs/pack.yaml:3:5: problem``) with the pack's path as messages
    show a config file: relative to the current folder when inside it (``pack.yaml:3:5: ...``)."""
    from unlint.config import shown

    for pack in settings.packs:
        if message.startswith(f"{pack}:"):
            return shown(Path(pack)) + message[len(pack):]
    return message


def _check(path: str, source, reading, data: bytes, settings, plan: _Plan,
           config: Path | None = None, cached: list | None = None) -> _Linted:
    """Lint one decoded file; with a fix plan, fix it until stable and write or diff it.

    Without one, the diagnostics of a file seen before come from the cache (``config``: the
    config file that applies, whose folder holds the cache), and the engine is not even loaded;
    ``cached``: those diagnostics, already looked up (with the Source, before reading the file);
    ``reading``: the file's reading (None when the Source came from the cache).
    """
    from unlint.source import Source

    if plan.citations:
        from unlint.analysis.citations import format_citations
        from unlint.parse import parse

        return _Linted(source, [], settings, listing=format_citations(parse(source, reading)))
    formats: list[str] = []
    known = [0]

    cache = plan.cache if plan.fix is None and path != STDIN else None
    if cache is not None:
        folder = cache.folder(config)
        key = cache.key(source.path, data, settings)

    def lint(text: str) -> list:
        src = source if text is source.text else Source(source.path, text, source.has_bom, source.encoding)
        found = None
        if cache is not None:
            found = cached if cached is not None else cache.get(folder, key)
        if found is None:
            from unlint.engine import lint_document
            from unlint.parse import parse
            from unlint.readers import read

            doc = parse(src, reading if src is source else read(src, settings.input_format))
            formats.append(doc.format)
            found = lint_document(doc, plan.runs.get(settings))
            if cache is not None:
                cache.put(folder, key, found, source)
        if plan.baseline is not None:
            found, known[0] = plan.baseline.new_findings(src, found)
        return found

    diagnostics = lint(source.text)
    if plan.fix is None:
        return _Linted(source, diagnostics, settings, known=known[0])
    from unlint import fixes

    allowed = ("safe", "unsafe") if plan.fix == "unsafe" else ("safe",)
    if formats[0] == "pdf-text" or not fixes.writable(source, data):
        out = _Linted(source, diagnostics, settings, known=known[0])
        if any(d.fix and d.fix.applicability in allowed for d in diagnostics):
            out.notes.append(f"{source.path}: fixes are shown, not applied: the text was extracted "
                             "(from a PDF or another format), it is not the file's own text")
        return out
    result = fixes.fix_until_stable(source.text, lint, plan.fix == "unsafe", diagnostics=diagnostics)
    fixed = Source(source.path, result.text, source.has_bom, source.encoding) if result.applied else source
    out = _Linted(fixed, result.diagnostics, settings, result.applied, known=known[0])
    if not result.converged:
        out.notes.append(f"{source.path}: the fixes did not converge after {result.passes} passes; "
                         "the findings that remain are reported")
    if not result.applied:
        return out
    if not plan.write:
        out.diff = fixes.unified_diff(source.path, source.text, result.text)
        return out
    if path == STDIN:  # refused before linting; kept as a guard
        raise ValueError("cannot write fixes to standard input")
    try:
        fixes.write_back(path, data, fixes.encode(result.text, source, data))
    except fixes.WriteError as exc:
        return _Linted(source, diagnostics, settings, known=known[0], error=f"{source.path}: {exc}")
    return out


def _rules_for(settings_seen, runs=None) -> list:
    """Every known rule (``unlint rules``, SARIF's driver, the HTML filters): built-in, plugins
    and rule packs of the settings that were used."""
    from unlint.settings import Settings

    runs = runs or _runs()
    rules = {}
    for settings in settings_seen or [Settings()]:
        rules.update((r.code, r) for r in runs.get(settings).known)
    return sorted(rules.values(), key=lambda r: r.code)


def _usage(message: str) -> int:
    print(f"usage: unlint [PATH ...] [options]\nunlint: error: {message}", file=sys.stderr)
    return 2


def _lint(args) -> int:
    from unlint.config import ConfigError, Resolver

    paths = args.paths or ([STDIN] if args.stdin_filename else ["."])
    if args.diff and args.format != "text":
        return _usage("--diff prints a diff; it cannot be combined with --format")
    if (args.fix or args.unsafe_fixes) and not args.diff and STDIN in paths:
        return _usage("--fix cannot write to standard input; use --diff to see the fixes")
    if args.update_baseline and args.baseline is None:
        return _usage("--update-baseline needs --baseline FILE")
    if args.format == "html" and args.output is None and sys.stdout.isatty():
        return _usage("--format html writes a page: give -o report.html")

    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    resolver = Resolver(_flags(args), args.config, args.isolated)
    if args.config is not None:
        try:
            resolver.settings_for(Path.cwd())
        except ConfigError as exc:
            _error(str(exc))
            return 2
    plan = _Plan()
    if not args.no_cache:
        from unlint.cache import Cache

        plan.cache = Cache()
    if args.fix or args.unsafe_fixes or args.diff:
        plan.fix = "unsafe" if args.unsafe_fixes else "safe"
        plan.write = not args.diff
    baseline = None
    if args.baseline is not None:
        from unlint.baseline import Baseline, BaselineError

        try:
            baseline = Baseline.load(args.baseline, missing_ok=args.update_baseline)
        except BaselineError as exc:
            _error(str(exc))
            return 2
        plan.baseline = None if args.update_baseline else baseline

    stream = sys.stdout
    if args.output is not None:
        try:
            stream = open(args.output, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            _error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
            return 2
    try:
        return _run(args, paths, resolver, plan, baseline, stream)
    finally:
        if stream is not sys.stdout:
            stream.close()


def _run(args, paths, resolver, plan: _Plan, baseline, stream) -> int:
    from unlint.output import text as text_output

    colour = (args.format == "text" and stream is sys.stdout and sys.stdout.isatty()
              and not os.environ.get("NO_COLOR"))
    errors: list[str] = []  # one entry per file or path that could not be linted

    def report(message: str) -> None:
        if message not in errors:  # a broken config is reported once, not once per file
            _error(message)
        errors.append(message)

    results = []
    counts = {level: 0 for level in LEVELS}
    failing = False
    applied = fixed_files = known = 0
    rule_sets = []  # settings with different plugins or packs, for the list of known rules

    def tasks():  # (path, name, folder) of each file, and the paths that cannot be read, in order
        missing: list[str] = []
        for path in _files(paths, lambda path, problem: missing.append(f"{path}: {problem}")):
            yield from missing
            missing.clear()
            name = (args.stdin_filename or "<stdin>") if path == STDIN else path
            if path == STDIN:
                folder = Path(args.stdin_filename).parent if args.stdin_filename else Path.cwd()
            else:
                folder = Path(path).parent
            yield path, name, folder
        yield from missing

    for outcome in _outcomes(tasks(), resolver, plan, args.jobs):
        if isinstance(outcome, str):
            report(outcome)
            continue
        for note in outcome.notes:
            print(f"unlint: warning: {note}", file=sys.stderr)
        if outcome.error:
            report(outcome.error)
        source, diagnostics, settings = outcome.source, outcome.diagnostics, outcome.settings
        if all((s.plugins, s.packs) != (settings.plugins, settings.packs) for s in rule_sets):
            rule_sets.append(settings)
        if baseline is not None and args.update_baseline:
            baseline.record(source, diagnostics)
        results.append((source, diagnostics))
        applied += outcome.applied
        fixed_files += bool(outcome.applied) and not outcome.error
        known += outcome.known
        for d in diagnostics:
            counts[d.severity.value] += 1
        failing = failing or any(d.severity.rank >= settings.fail_on.rank for d in diagnostics)
        if args.diff:
            stream.write(outcome.diff)
        elif args.format == "text":
            stream.write(text_output.render(source, diagnostics, colour))

    if not results and not errors:
        print(f"unlint: warning: no files to lint (looking for {', '.join(EXTENSIONS)})", file=sys.stderr)
    total = sum(counts.values())
    if args.diff:
        would = f"Would apply {_plural(applied, 'fix')} to {_plural(fixed_files, 'file')}"
        print(f"{would}; {_plural(total, 'problem')} would remain", file=sys.stderr)
    elif args.format == "text":
        with_problems = sum(1 for _, diagnostics in results if diagnostics)
        stream.write(text_output.summary(counts, with_problems, len(errors)))
    else:
        stream.write(_machine_report(args.format, results, rule_sets, plan.runs))
    lines = []
    if plan.fix and plan.write:
        remain = f"{_plural(total, 'problem')} remain" if total != 1 else "1 problem remains"
        lines.append(f"Applied {_plural(applied, 'fix')} to {_plural(fixed_files, 'file')}; {remain}")
        unsafe = sum(1 for _, ds in results for d in ds if d.fix and d.fix.applicability == "unsafe")
        if plan.fix == "safe" and unsafe:
            lines[-1] += f" ({unsafe} fixable with --unsafe-fixes)"
    if known:
        lines.append(f"{_plural(known, 'finding')} recorded in the baseline not shown")
    if baseline is not None and args.update_baseline and not errors:
        from unlint.baseline import BaselineError

        try:
            baseline.save()
        except BaselineError as exc:
            report(str(exc))
        else:
            lines.append(f"Recorded {_plural(sum(counts.values()), 'finding')} in {args.baseline} "
                         f"({_plural(baseline.total(), 'finding')} in all)")
    for line in lines:
        print(line, file=stream if args.format == "text" and not args.diff else sys.stderr)
    if errors:
        return 2
    if args.diff:
        return 1 if applied else 0
    if args.update_baseline:
        return 0
    return 1 if failing else 0


def _outcomes(tasks, resolver, plan: _Plan, jobs: int):
    """The outcome of each (path, name, folder) task, in the order of the tasks (a task that is
    a message, a path that could not be read, is passed on). With ``jobs`` above 1 the files
    are linted by a pool of processes (standard input by this one); a file whose outcome cannot
    come back from the pool (a worker died) is linted here."""
    if jobs > 1:
        tasks = list(tasks)
        jobs = min(jobs, sum(1 for task in tasks if not isinstance(task, str) and task[0] != STDIN))
    if jobs <= 1:
        for task in tasks:
            yield task if isinstance(task, str) else _lint_one(*task, resolver, plan)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(resolver, plan))
    try:
        futures = [None if isinstance(task, str) or task[0] == STDIN else pool.submit(_worker_lint, task)
                   for task in tasks]
        for task, future in zip(tasks, futures):
            if isinstance(task, str):
                yield task
                continue
            outcome = None
            if future is not None:
                try:
                    outcome = future.result()
                except Exception:  # noqa: BLE001 - a broken pool or an outcome that cannot be sent
                    if os.environ.get("UNLINT_DEBUG"):
                        raise
            yield outcome if outcome is not None else _lint_one(*task, resolver, plan)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker: tuple = ()  # (resolver, plan) of a pool process


def _start_worker(resolver, plan: _Plan) -> None:
    global _worker
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the main process, which ends the pool
    _worker = (resolver, plan)


def _worker_lint(task: tuple):
    path, name, folder = task
    return _lint_one(path, name, folder, *_worker)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}es" if word.endswith("x") else f"{n} {word}s"


def _machine_report(fmt: str, results: list, rule_sets: list, runs) -> str:
    if fmt == "json":
        from unlint.output import json as json_output

        return json_output.render(results)
    if fmt == "github":
        from unlint.output import github

        return github.render(results)
    if fmt == "sarif":
        from unlint.output import sarif

        return sarif.render(results, _rules_for(rule_sets, runs))
    from unlint.output import html

    return html.render(results, _rules_for(rule_sets, runs))


if __name__ == "__main__":
    sys.exit(main())
