"""`unlint compare BASE DRAFT`: what changed between a base text and the draft made from it,
and what the change broke (the CP rules, :mod:`unlint.rules.changes`)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from unlint.arguments import Parser, input_format_option


def main(argv: list[str], config_options, resolver, error) -> int:
    """Run the command; ``config_options`` adds --config, --isolated and --plugin to a parser,
    ``resolver`` makes the config resolver of parsed arguments, ``error`` prints a line (the
    command line's own, :mod:`unlint.cli`)."""
    p = Parser(
        prog="unlint compare",
        description="Compare a draft with the text it was made from (last year's resolution, the "
                    "issued draft): the paragraphs added, deleted, moved and changed, with a word "
                    "diff, and the references, notes and sessions the change left wrong.",
        epilog="Exit status: 0 nothing broken, 1 findings, 2 usage, input or config error.")
    p.add_argument("base", metavar="BASE", help="the base text (any form unlint reads)")
    p.add_argument("draft", metavar="DRAFT", help="the draft made from it")
    p.add_argument("--format", choices=("text", "json", "html"), default="text",
                   help="output format (default: text; html: the two texts side by side, needs -o)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the comparison to FILE, not stdout")
    input_format_option(p)
    config_options(p)
    args = p.parse_args(argv)
    if args.format == "html" and args.output is None and sys.stdout.isatty():
        p.error("--format html writes a page: give -o compare.html")

    from unlint.compare import as_json, summary
    from unlint.config import ConfigError
    from unlint.context import Context
    from unlint.engine import lint_document, run_context
    from unlint.parse import parse
    from unlint.readers import read_bytes
    from unlint.source import InputError, read_file

    try:
        settings = resolver(args).settings_for_file(Path(args.draft))
    except ConfigError as exc:
        error(str(exc))
        return 2
    settings = replace(settings, base=str(Path(args.base).resolve()), select=("CP",), ignore=())
    run = run_context(settings)
    path = args.base
    try:
        run.base  # read and parsed once, by the run: the CP rules use it too
        path = args.draft
        draft = parse(*read_bytes(path, read_file(path), settings.input_format))
    except InputError as exc:
        error(f"{path}{':' if str(exc)[:1].isdigit() else ': '}{exc}")
        return 2
    except OSError as exc:
        error(f"{path}: {exc.strerror or exc}")
        return 2
    context = Context(draft, run)
    pairs = context.alignment  # aligned once: the CP rules read the same pairs
    found = lint_document(draft, run, context=context)
    if args.format == "json":
        from unlint.output.json import diagnostic

        report = {**as_json(pairs), "base": args.base, "draft": args.draft,
                  "findings": [diagnostic(draft.source, d) for d in found]}
        out = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from unlint.output.compare_html import render

        out = render(pairs, found, draft, args.base, args.draft)
    else:
        from unlint.output import text

        out = summary(pairs, args.base, args.draft) + (
            "\nWhat the change broke:\n" + text.render(draft.source, found) if found
            else "\nNothing that the change broke.\n")
    from unlint.safewrite import write_text

    problem = write_text(args.output, out, "comparison")
    if problem:
        error(problem)
        return 2
    return 1 if found else 0
