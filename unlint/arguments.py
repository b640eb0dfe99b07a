"""The argument parser of every unlint command (an error is one line, not a usage block), and
the guess of a mistyped command."""

from __future__ import annotations

import argparse
import difflib
import os

COMMANDS = ("rules", "rule", "citations", "learn", "compare", "server")


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
