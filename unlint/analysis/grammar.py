"""The grammar of citations and dates (grammars/citations.lark), through Lark's public API.

A candidate window runs on past the citation or date it holds ("resolution 70/1 of
25 September 2015 on the rule of law"); :func:`longest_parse` keeps the longest prefix of it
that is a complete citation list (or date). One pass: Lark's interactive parser takes the
window's tokens one by one (``iter_parse``, ``choices``, ``feed_token``, ``feed_eof``) and stops
before the first one it would refuse; the prefix is then closed with ``$END``. Lark's parse table
and lexer are never read directly.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def parser(start: str):
    """The LALR parser for ``start`` ("citation" or "date"), built once per process (and kept
    on disk by Lark's ``cache=True`` between processes: 35 -> 2.5 ms for both)."""
    from lark import Lark

    from unlint.resources import data_dir

    text = (data_dir("grammars") / "citations.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", lexer="basic", start=start, cache=True)


def longest_parse(start: str, text: str):
    """The parse tree of the longest prefix of ``text`` that is a complete ``start``, or None.

    The prefix ends after a token where the parser would accept the end of the input; a
    prefix the parser would accept the end after but then refuse (an LALR table may reduce
    before it refuses) is no parse: None, not a shorter one.
    """
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedToken

    p = parser(start)
    interactive = p.parse_interactive(text)
    taken = []  # the tokens the parser took, in order
    complete = 0  # how many of them make the longest complete prefix
    intact = True  # the parser's state is that of ``taken`` (not changed by a refused token)
    try:
        for token in interactive.iter_parse():  # each token is fed when the next one is asked for
            choices = interactive.choices()
            if taken and "$END" in choices:
                complete = len(taken)
            if token.type not in choices:
                break  # refused: stop before it is fed
            taken.append(token)
    except UnexpectedCharacters:  # the lexer stopped: every token before it was fed
        pass
    except UnexpectedToken:  # refused after reductions: the state is no longer the prefix's
        intact = False
    if intact and taken and "$END" in interactive.choices():
        complete = len(taken)
    if not complete:
        return None
    if not (intact and complete == len(taken)):  # the prefix ends earlier: feed it again
        interactive = p.parse_interactive()
        for token in taken[:complete]:
            interactive.feed_token(token)
    try:
        return interactive.feed_eof(taken[complete - 1])
    except LarkError:
        return None


@cache
def terminal(start: str, name: str):
    """The anchored ``match`` of the grammar's terminal ``name`` as the parser for ``start`` has it."""
    return re.compile(parser(start).get_terminal(name).pattern.to_regexp()).match
