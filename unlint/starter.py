"""`unlint init`: write a commented starter configuration, never over an existing one."""

from __future__ import annotations

import sys
from pathlib import Path

from unlint.arguments import Parser

STARTER = """\
# unlint configuration (see the README's Configuration section; `unlint rules` lists the codes).
# Every key is optional: delete what you do not need.

# Rules: all enabled by default; opt-in rules run only when selected.
# select: [ALL]                   # or code prefixes: [ST, FN, CI001]
# ignore: [PU009]                 # code prefixes to skip
# severity:                       # change the level of a prefix: error, warning or info
#   EN013: warning

# A run fails (exit 1) on findings at or above this level (info findings are advice).
fail-on: warning

# Files in which some rules do not apply (patterns with "/" match the path from this folder).
# per-file-ignores:
#   "drafts/zero-*.md": [DR001]   # negotiation drafts keep their brackets
#   "archive/*.pdf": ["PU@p1", "EN001@OP3-OP5"]   # CODE@PLACE: lines 12-40, pages p3, OP3, PP2, fn4

# Drafts under negotiation ("Zero draft" in the header): DR001 stays silent on them.
# negotiation-drafts: true

# Words the spelling rule accepts, and files of such words (one per line).
# words: [Hunga, Tonga]
# word-files: [words.txt]

# Text files read as Markdown, text extracted from a PDF, or plain text (default: detected).
# input-format: markdown
"""

TABLE = """
[tool.unlint]
# unlint configuration (see the README's Configuration section; `unlint rules` lists the codes).
# select = ["ALL"]                      # or code prefixes: ["ST", "FN", "CI001"]
# ignore = ["PU009"]
# severity = { EN013 = "warning" }
fail-on = "warning"                     # info findings are advice: they do not fail a run
# per-file-ignores = { "drafts/zero-*.md" = ["DR001"] }
# negotiation-drafts = true             # DR001 stays silent on a "Zero draft"
# words = ["Hunga", "Tonga"]
# input-format = "markdown"
"""


def main(argv: list[str], error) -> int:
    p = Parser(prog="unlint init", description="Write a commented starter .unlint.yaml in the "
               "current folder (or, with --pyproject, a [tool.unlint] table in its pyproject.toml); "
               "an existing configuration is never changed.")
    p.add_argument("--pyproject", action="store_true", help="add a [tool.unlint] table to pyproject.toml")
    args = p.parse_args(argv)
    if args.pyproject:
        target = Path("pyproject.toml")
        text = target.read_text(encoding="utf-8") if target.is_file() else ""
        if "[tool.unlint]" in text:
            error(f"{target}: already has a [tool.unlint] table; nothing written")
            return 2
        content, mode = TABLE if text else TABLE.lstrip("\n"), "a"
    else:
        target = Path(".unlint.yaml")
        if target.exists() or Path(".unlint.yml").exists():
            error(f"{target}: a configuration is already here; nothing written")
            return 2
        content, mode = STARTER, "x"
    try:
        with open(target, mode, encoding="utf-8") as f:
            f.write(content)
    except OSError as exc:
        error(f"{target}: cannot write it: {exc.strerror or exc}")
        return 2
    print(f"Wrote {target}", file=sys.stderr)
    return 0
