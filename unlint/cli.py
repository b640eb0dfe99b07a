"""The command line: ``unlint [PATH ...]``, ``unlint rules``, ``unlint rule CODE``,
``unlint citations FILE ...``, ``unlint server``.

The files of a run are found and linted by :mod:`unlint.batch` (cache, fixes, the process pool);
this module parses the arguments, runs the commands, reports and gives the exit status. Only
the standard library is imported at start-up (unlint.batch imports nothing more), so ``unlint
--version`` and ``--help`` are fast; the engine (lark, pluggy) and the config reader
(ruamel.yaml) load when they are needed.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage, input
or config error (one line on stderr: ``unlint: error: path: problem``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from unlint.arguments import Parser, config_options, input_format_option, lint_parser, near_command
from unlint.batch import EXTENSIONS, NOT_FOUND, STDIN, Plan, files, lint_one, new_runs, outcomes, pack_error
from unlint.diagnostics import LEVELS

def _error(message: str) -> None:
    _say(f"unlint: error: {message}")


def _say(line: str) -> None:
    """One line on standard error; what came from outside (a file name) cannot drive the terminal."""
    try:
        from unlint.output import printable

        line = printable(line)
    except Exception:  # noqa: BLE001 - e.g. no memory left to import: plain ASCII, still one line
        line = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in line)
    print(line, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv[:1] in (["rules"], ["rule"]):
            code = _rules(argv[0], argv[1:])
        elif argv[:1] in (["citations"], ["learn"]):
            from unlint.readers import quiet_pdfminer

            quiet_pdfminer()
            code = _citations(argv[1:]) if argv[0] == "citations" else _learn(argv[1:])
        elif argv[:1] == ["init"]:
            from unlint.starter import main as init

            code = init(argv[1:], _error)
        elif argv[:1] == ["compare"]:
            from unlint.compare_command import main as compare

            code = compare(argv[1:], config_options, _reading_resolver, _error)
        elif argv[:1] in (["server"], ["lsp"]):
            from unlint.lsp import main as serve  # pygls is imported only here

            return serve(argv[1:])  # stdout belongs to the protocol (and is closed at exit)
        elif argv[:1] and near_command(argv[0]):
            _error(f"unknown command {argv[0]!r}: did you mean '{near_command(argv[0])}'?")
            code = 2
        else:
            args = lint_parser().parse_args(argv)
            from unlint.readers import quiet_pdfminer

            quiet_pdfminer()
            code = _lint(args)
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
    except MemoryError:
        _error("out of memory (see ulimit -v)")
        return 2
    except SystemError as exc:  # what CPython raises when memory runs out inside C code
        _error(f"out of memory (see ulimit -v), or a fault in a compiled library ({exc})")
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug in unlint outside one file: one line, not a traceback
        if isinstance(exc, ImportError) and "failed to map segment" in str(exc):
            _error("out of memory while loading a compiled module (see ulimit -v)")
            return 2  # the dynamic loader could not map a library within the memory limit
        if os.environ.get("UNLINT_DEBUG"):
            raise
        _error(f"internal error: {exc!r}; please report it (UNLINT_DEBUG=1 shows the traceback)")
        return 2


# ---- unlint rules / unlint rule CODE

def _rules(command: str, argv: list[str]) -> int:
    p = Parser(
        prog=f"unlint {command}",
        description="List every rule." if command == "rules" else "Explain one rule.",
    )
    if command == "rule":
        p.add_argument("code", help="a rule code, e.g. ST001")
    config_options(p)
    args = p.parse_args(argv)

    from unlint.config import ConfigError, Resolver
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError

    try:
        settings = Resolver(_plugins(args), args.config, args.isolated).settings_for(Path.cwd())
        rules = _rules_for([settings])
    except (ConfigError, PluginError) as exc:
        _error(str(exc))
        return 2
    except KnowledgeError as exc:  # a broken rule pack
        _error(pack_error(str(exc), settings))
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. a broken installed plugin: one line, no traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        _error(f"loading the rules failed: {exc!r} (UNLINT_DEBUG=1 shows the traceback)")
        return 2
    if command == "rules":
        from unlint.output.text import rule_table

        print(rule_table(rules), end="")
        return 0
    found = [r for r in rules if r.code == args.code.upper()]
    if not found:
        _error(f"unknown rule code {args.code!r}; 'unlint rules' lists them")
        return 2
    from unlint.output.text import for_terminal
    from unlint.ruledocs import page

    text = page(found[0])  # docs/rules/CODE.md
    print(for_terminal(text, not os.environ.get("NO_COLOR")) if sys.stdout.isatty() else text, end="")
    return 0


# ---- unlint citations FILE ...

def _reading_parser(prog: str, description: str, files_help: str) -> argparse.ArgumentParser:
    """The arguments of a command that reads files as linting does (citations, learn)."""
    p = Parser(prog=prog, description=description)
    p.add_argument("files", nargs="+", metavar="PATH", help=files_help)
    input_format_option(p)
    config_options(p)
    return p


def _reading_resolver(args):
    from unlint.config import Resolver

    flags = _plugins(args)
    if args.input_format:
        flags["input_format"] = args.input_format
    return Resolver(flags, args.config, args.isolated)


def _citations(argv: list[str]) -> int:
    p = _reading_parser("unlint citations",
                        "List the citations that unlint reads in each file (resolutions, decisions, "
                        "documents, instruments): path:line:col: body | kind | number | date.",
                        "files or folders (read as when linting); '-' reads stdin")
    args = p.parse_args(argv)
    resolver = _reading_resolver(args)
    errors: list[str] = []

    def report(message: str) -> None:
        if message not in errors:
            _error(message)
        errors.append(message)

    several = len(args.files) > 1 or os.path.isdir(args.files[0])
    for path in files(args.files, lambda path, problem: report(f"{path}: {problem}")):
        name, folder = ("<stdin>", Path.cwd()) if path == STDIN else (path, Path(path).parent)
        outcome = lint_one(path, name, folder, resolver, Plan(citations=True))
        if isinstance(outcome, str):
            report(outcome)
            continue
        if several:
            from unlint.output import printable

            print(f"== {printable(name)}")
        print(outcome.listing, end="")
    return 2 if errors else 0


def _learn(argv: list[str]) -> int:
    p = _reading_parser("unlint learn",
                        "Make a record of adoption dates from texts of adopted resolutions: the date "
                        "most texts give each General Assembly resolution they cite. Name the file "
                        "with 'record:' in the configuration, and CI010 checks citations against it.",
                        "files or folders (any input form)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the record here (default: standard output)")
    args = p.parse_args(argv)

    from unlint.analysis.record import learn, render

    resolver = _reading_resolver(args)
    texts, errors = [], 0
    for path in files(args.files, lambda path, problem: _error(f"{path}: {problem}")):
        if path == STDIN:
            continue
        outcome = lint_one(path, path, Path(path).parent, resolver, Plan(citations=True))
        if isinstance(outcome, str):
            _error(outcome)
            errors += 1
            continue
        texts.append(outcome.cited)
    record = render(learn(texts), f"{len(texts)} texts under {', '.join(args.files)}")
    from unlint.safewrite import write_text

    problem = write_text(args.output, record, "record")
    if problem:
        _error(problem)
        return 2
    return 2 if errors else 0


# ---- unlint [PATH ...]

def _plugins(args) -> dict:
    """The modules named with --plugin, as flags of the Resolver."""
    return {"plugins": tuple(dict.fromkeys(args.plugin))} if args.plugin else {}


def _flags(args) -> dict:
    from unlint.diagnostics import Severity

    flags: dict = _plugins(args)
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
    if args.base:
        flags["base"] = os.path.abspath(args.base)
    return flags


def _rules_for(settings_seen, runs=None) -> list:
    """Every known rule (``unlint rules``, SARIF's driver, the HTML filters): built-in, plugins
    and rule packs of the settings that were used."""
    from unlint.settings import Settings

    runs = runs or new_runs()
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
    docx = args.format == "docx"
    for wrong, message in (
            (args.diff and args.format != "text", "--diff prints a diff; it cannot be combined with --format"),
            ((args.fix or args.unsafe_fixes) and not args.diff and STDIN in paths,
             "--fix cannot write to standard input; use --diff to see the fixes"),
            (args.update_baseline and args.baseline is None, "--update-baseline needs --baseline FILE"),
            (args.format == "html" and args.output is None and sys.stdout.isatty(),
             "--format html writes a page: give -o report.html"),
            (docx and args.output is None, "--format docx writes a Word file: give -o reviewed.docx"),
            (docx and (len(paths) != 1 or paths[0] == STDIN or os.path.isdir(paths[0])),
             "--format docx reviews one Word file: give its path"),
            (args.only_changed and not args.base, "--only-changed needs --base FILE"),
            (args.watch and (args.output or STDIN in paths or args.fix or args.unsafe_fixes or args.diff
                             or args.update_baseline), "--watch lints files again as they change: "
             "not with -o, standard input, fixes or --update-baseline"),
            (args.base and not os.path.isfile(args.base), f"--base {args.base}: no such file")):
        if wrong:
            return _usage(message)

    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    resolver = Resolver(_flags(args), args.config, args.isolated)
    if args.config is not None:
        try:
            resolver.settings_for(Path.cwd())
        except ConfigError as exc:
            _error(str(exc))
            return 2
    plan = Plan(only_changed=args.only_changed)
    if not args.no_cache and not args.base:
        from unlint.cache import Cache

        plan.cache = Cache()
    if docx:  # the input is never changed: the fixes go to the copy
        plan.word = ("unsafe" if args.unsafe_fixes else "safe") if args.fix or args.unsafe_fixes else "comments"
    elif args.fix or args.unsafe_fixes or args.diff:
        plan.fix = "unsafe" if args.unsafe_fixes else "safe"
        plan.write = not args.diff
        plan.roots = tuple(_root(p) for p in paths if p != STDIN)
    baseline = None
    if args.baseline is not None:
        from unlint.baseline import Baseline, BaselineError

        try:
            baseline = Baseline.load(args.baseline, missing_ok=args.update_baseline)
        except BaselineError as exc:
            _error(str(exc))
            return 2
        plan.baseline = None if args.update_baseline else baseline

    if args.output is None:
        import contextlib

        report = sys.stdout
        with contextlib.redirect_stdout(sys.stderr):  # a plugin's print() cannot corrupt the report
            code = _run(args, paths, resolver, plan, baseline, report)
            while args.watch:
                report.flush()
                _wait_for_change(paths)
                resolver = Resolver(_flags(args), args.config, args.isolated)  # an edited config too
                code = _run(args, paths, resolver, plan, baseline, report)
            return code
    from unlint.safewrite import Report

    try:
        report = Report(args.output)
    except OSError as exc:
        _error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
        return 2
    try:
        clash: list[str] = []
        code = _run(args, paths, resolver, plan, baseline, report.stream, (args.output, clash))
        if not clash:  # the report never replaces one of the documents
            report.commit()
        return code
    except OSError as exc:
        _error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
        return 2
    finally:
        report.discard()  # a no-op after a commit


def _wait_for_change(paths: list[str], every: float = 0.5) -> None:
    """Return when a file to lint, or a config file beside one, is added, removed or changed
    (polled: a folder of drafts is small, and no library is needed)."""
    import time

    def state() -> dict:
        found = {}
        for path in files(paths, lambda path, problem: None):
            for name in (path, *(os.path.join(os.path.dirname(path), c) for c in (".unlint.yaml", "pyproject.toml"))):
                try:
                    st = os.stat(name)
                    found[name] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    pass
        return found

    print("unlint: watching for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
    before = state()
    while state() == before:
        time.sleep(every)


def _root(path: str) -> str:
    """The real path of the folder a command-line path lets --fix change: the folder itself, or
    the folder a file is in (a link named on the command line does not widen it)."""
    absolute = os.path.abspath(path)
    return os.path.realpath(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _run(args, paths, resolver, plan: Plan, baseline, stream, output=None) -> int:
    """Lint ``paths`` and write the report to ``stream``; ``output``: the ``-o`` path and a list
    that hears of each reason not to write it (an input that is that file; no Word file reviewed)."""
    from unlint.output import text as text_output

    word = args.format == "docx"  # the findings are shown as text; the reviewed copy is the report
    shown = sys.stdout if word else stream
    as_text = args.format in ("text", "concise") or word
    reviewed: list[tuple[str, bytes]] = []
    colour = as_text and _colour(args.color, shown)
    stats: dict[str, list] = {}  # --statistics: code -> [rule name, findings, fixable]
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

    report_file = _identity(output[0]) if output else None

    def tasks():  # (path, name, folder) of each file, and the paths that cannot be read, in order
        missing: list[str] = []
        for path in files(paths, lambda path, problem: missing.append(f"{path}: {problem}")):
            yield from missing
            missing.clear()
            if report_file is not None and path != STDIN and _identity(path) == report_file:
                output[1].append(path)
                yield f"{path}: is also the report's file (-o {output[0]}); not linted, and no report written"
                continue
            name = (args.stdin_filename or "<stdin>") if path == STDIN else path
            if path == STDIN:
                folder = Path(args.stdin_filename).parent if args.stdin_filename else Path.cwd()
            else:
                folder = Path(path).parent
            yield path, name, folder
        yield from missing

    for outcome in outcomes(tasks(), resolver, plan, args.jobs):
        if isinstance(outcome, str):
            report(outcome)
            continue
        for note in outcome.notes:
            _say(f"unlint: warning: {note}")
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
        elif args.statistics:
            for d in diagnostics:
                row = stats.setdefault(d.code, [d.rule, 0, 0])
                row[1] += 1
                row[2] += bool(d.fix and d.fix.applicability.applies(unsafe=True))
        elif as_text:
            render = text_output.concise if args.format == "concise" else text_output.render
            shown.write(render(source, diagnostics, colour))
        if outcome.reviewed is not None:
            reviewed.append((source.path, outcome.reviewed))

    if not results and not errors:
        print(f"unlint: warning: no files to lint (looking for {', '.join(EXTENSIONS)})", file=sys.stderr)
    total = sum(counts.values())
    if args.diff:
        would = f"Would apply {_plural(applied, 'fix')} to {_plural(fixed_files, 'file')}"
        print(f"{would}; {_plural(total, 'problem')} would remain", file=sys.stderr)
    elif args.statistics:
        shown.write(text_output.statistics(stats))
    elif as_text and not args.quiet:
        with_problems = sum(1 for _, diagnostics in results if diagnostics)
        missing = sum(1 for e in errors if e.endswith(NOT_FOUND))
        shown.write(text_output.summary(counts, with_problems, len(errors) - missing, missing, len(results)))
    elif not as_text:
        stream.write(_machine_report(args.format, results, rule_sets, plan.runs))
    lines = []
    if word:
        if reviewed and not errors:
            stream.flush()
            stream.buffer.write(reviewed[0][1])
            fixes = f", {_plural(applied, 'fix')} as tracked changes" if plan.word != "comments" else ""
            lines.append(f"Wrote {args.output}: {_plural(total, 'comment')}{fixes}")
        else:
            output[1].append("nothing reviewed")  # no copy is written
    if plan.fix and plan.write:
        remain = f"{_plural(total, 'problem')} remain" if total != 1 else "1 problem remains"
        lines.append(f"Applied {_plural(applied, 'fix')} to {_plural(fixed_files, 'file')}; {remain}")
        from unlint.diagnostics import Applicability

        unsafe = sum(1 for _, ds in results for d in ds if d.fix and d.fix.applicability is Applicability.UNSAFE)
        if plan.fix == "safe" and unsafe:
            lines[-1] += f" ({unsafe} fixable with --unsafe-fixes)"
    if not plan.fix and not args.diff and as_text:
        safe = sum(1 for _, ds in results for d in ds if d.fix and d.fix.applicability.applies())
        more = sum(1 for _, ds in results for d in ds if d.fix and d.fix.applicability.value == "unsafe")
        if safe or more:
            lines.append(f"{safe} fixable with --fix" + (f" ({more} more with --unsafe-fixes)" if more else ""))
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
    for line in [] if args.quiet else lines:
        print(line, file=shown if as_text and not args.diff else sys.stderr)
    if errors:
        return 2
    if args.diff:
        return 1 if applied else 0
    if args.update_baseline or args.exit_zero:
        return 0
    return 1 if failing else 0


def _colour(choice: str, stream) -> bool:
    """--color: always, never, or (auto) on a terminal unless NO_COLOR; FORCE_COLOR forces it."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


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
