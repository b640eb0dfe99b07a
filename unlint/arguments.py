"""The arguments of the command line: the parser of every unlint command (an error is one line,
not a usage block), the options of ``unlint [PATH ...]`` and their checks, and the guess of a
mistyped command."""

from __future__ import annotations

import argparse
import difflib
import os
import re
from pathlib import Path

from unlint import __version__
from unlint.batch import EXTENSIONS
from unlint.diagnostics import LEVELS

COMMANDS = ("rules", "rule", "citations", "learn", "compare", "server", "init")
INPUT_FORMATS = ("markdown", "pdf-text", "text")  # unlint.readers.FORMATS, without importing it
FORMATS = ("text", "concise", "json", "sarif", "github", "html", "docx")


def prefixes(value: str) -> tuple[str, ...]:
    from unlint.config import parse_prefixes

    try:
        return parse_prefixes(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def severity(value: str) -> tuple[str, str]:
    prefix, _, level = value.partition("=")
    if prefixes(prefix) != (prefix,) or prefix == "ALL" or level not in LEVELS:
        raise argparse.ArgumentTypeError(
            f"expected CODE=LEVEL, one code prefix and one of {', '.join(LEVELS)}; got {value!r}")
    return prefix, level


def module(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a module name")
    return value


def jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per CPU), got {value!r}")
    if n == 0:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return n


def input_format_option(parser: argparse.ArgumentParser) -> None:
    """``--input-format``, for every command that reads documents."""
    parser.add_argument("--input-format", choices=INPUT_FORMATS,
                        help="reader to use for text files (default: by extension, then by content)")


def config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plugin", action="append", default=[], type=module, metavar="MODULE",
                        help="import MODULE as a plugin: this runs its code (repeatable; installed "
                             "plugins load without it)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="FILE", type=Path,
                       help="use this config file (YAML, or a pyproject.toml) for every file")
    group.add_argument("--isolated", action="store_true", help="ignore all config files")


def lint_parser() -> argparse.ArgumentParser:
    """The arguments of ``unlint [PATH ...]``."""
    p = Parser(
        prog="unlint",
        description="Lint United Nations resolutions (Markdown, text extracted from PDF, plain text, PDF, Word).",
        epilog="Also: 'unlint rules' lists the rules, 'unlint rule CODE' explains one, "
               "'unlint citations FILE' lists the citations read in a file, 'unlint compare BASE "
               "DRAFT' compares a draft with its base text. "
               "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, input or config error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help=f"files or directories ({', '.join(EXTENSIONS)} found recursively); '-' reads "
                        "stdin; default: the current directory")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text; "
                   "concise: one line per finding; docx: a reviewed copy of a .docx, findings as "
                   "comments, fixes as tracked changes)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report (or the diff) to FILE, not stdout")
    p.add_argument("--select", type=prefixes, metavar="CODES",
                   help="only these rules: comma-separated code prefixes (ST,FN001) or ALL")
    p.add_argument("--ignore", type=prefixes, metavar="CODES", help="skip these code prefixes")
    p.add_argument("--severity", type=severity, action="append", default=[], metavar="CODE=LEVEL",
                   help="set the severity of a code prefix (repeatable)")
    p.add_argument("--fail-on", choices=LEVELS, help="lowest severity that fails the run (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still means an error)")
    shown = p.add_argument_group("what is shown")
    shown.add_argument("-q", "--quiet", action="store_true", help="the findings only: no summary or notes")
    shown.add_argument("--watch", action="store_true",
                       help="lint again each time a file changes, until Ctrl-C (not with -o, stdin or fixes)")
    shown.add_argument("--statistics", action="store_true",
                       help="one line per rule: how many findings, and how many fixable, instead of each finding")
    shown.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text output (auto: on a terminal, unless NO_COLOR is set; "
                            "FORCE_COLOR turns it on)")
    input_format_option(p)
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
    base = p.add_argument_group("comparison with a base text (see also 'unlint compare')")
    base.add_argument("--base", metavar="FILE", help="the text the draft was made from (CP rules)")
    base.add_argument("--only-changed", action="store_true",
                      help="with --base: only the findings in paragraphs the draft added or changed")
    speed = p.add_argument_group("speed")
    speed.add_argument("--no-cache", action="store_true",
                       help="lint every file again; do not read or write .unlint_cache/")
    speed.add_argument("-j", "--jobs", type=jobs, default=1, metavar="N",
                       help="lint with N processes (default: 1; 0: one per CPU)")
    config_options(p)
    p.add_argument("--version", action="version", version=f"unlint {__version__}")
    return p


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose errors say what is wrong and where the help is, in one line."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def near_command(word: str) -> str | None:
    """The command ``word`` is a slip of ("rulez": rules), unless it is a path that exists."""
    if word.startswith("-") or os.path.exists(word):
        return None
    near = difflib.get_close_matches(word, COMMANDS, 3, 0.75)
    return min(near, key=lambda c: abs(len(c) - len(word))) if near else None
