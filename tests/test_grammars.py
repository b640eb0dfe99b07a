"""The grammars (grammars/*.lark) build with Lark's strict=True, and unlint reaches Lark through
its public API only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lark import Lark
from lark.exceptions import GrammarError
from lark.lexer import Lexer

ROOT = Path(__file__).resolve().parents[1]
GRAMMARS = ROOT / "grammars"

# Every parser unlint builds: grammar, start symbol, and the options it is built with
# (unlint/analysis/grammar.py, unlint/parse.py).
PARSERS = [
    ("citations.lark", "citation", {"lexer": "basic"}),
    ("citations.lark", "date", {"lexer": "basic"}),
    ("resolution.lark", "start", {"lexer": "contextual", "maybe_placeholders": False}),
]
IDS = [f"{name}:{start}" for name, start, _ in PARSERS]


def test_every_grammar_is_tested():
    assert {p.name for p in GRAMMARS.glob("*.lark")} == {name for name, _, _ in PARSERS}


class _NoLexer(Lexer):
    """A lexer Lark never runs: building with it checks the parse table alone."""

    def __init__(self, conf):
        pass

    def lex(self, data):
        raise AssertionError("not used")


@pytest.mark.parametrize("name, start, options", PARSERS, ids=IDS)
def test_the_parse_table_has_no_conflict(name, start, options):
    """strict=True makes a Shift/Reduce conflict an error (a Reduce/Reduce one always is):
    no rule of the grammar is chosen silently over another."""
    text = (GRAMMARS / name).read_text(encoding="utf-8")
    Lark(text, parser="lalr", start=start, strict=True, **{**options, "lexer": _NoLexer})


def test_a_conflict_would_be_caught():
    with pytest.raises(GrammarError, match="Shift/Reduce"):
        Lark('s: "if" s | "if" s "else" s | "x"\n%ignore " "', parser="lalr", start="s",
             strict=True, lexer=_NoLexer)


@pytest.mark.parametrize("name, start, options", PARSERS, ids=IDS)
def test_the_grammar_builds_with_strict(name, start, options):
    """The whole strict mode: besides the parse table, no two terminals of equal priority can
    match the same text, so the lexer never picks one of them by the order of their names or
    lengths. Where two terminals overlap on purpose (SPONSORS and RES_TITLE, OPERATIVE, SUB in
    resolution.lark) their priorities say which wins. Lark compares the terminals' regular
    expressions with the interegular package."""
    pytest.importorskip("interegular", reason="Lark's strict mode needs interegular for the terminals")
    text = (GRAMMARS / name).read_text(encoding="utf-8")
    Lark(text, parser="lalr", start=start, strict=True, **options)


def test_unlint_uses_lark_s_public_api_only():
    """Only names Lark exports (``lark`` and ``lark.exceptions``), none private: no parse
    table, lexer or parser state of Lark's own is read."""
    found = []
    for path in sorted((ROOT / "unlint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "lark":
                names = [a.name for a in node.names]
                if node.module not in ("lark", "lark.exceptions") or any(n.startswith("_") for n in names):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {node.module} import {names}")
            elif isinstance(node, ast.Import):
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: import {a.name}"
                          for a in node.names if a.name.startswith("lark.")]
    assert not found, found
