"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

::

    ::error file=draft.md,line=7,col=12,endLine=7,endColumn=16,title=ST002 [operative-ending]::...

GitHub shows them on the pull request's changed lines and in the run's summary. Severity:
error -> ``error``, warning -> ``warning``, info -> ``notice``. A PDF or Word file has no line
GitHub can show: its annotations are on the file, with the page and line (or paragraph) and
column in the title ("EN010 [un-spelling] (page 1, line 14, column 1)").
"""

from __future__ import annotations

import os

from unlint.diagnostics import Applicability, Diagnostic
from unlint.output import printable
from unlint.source import Source

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    """Escape a message (the part after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a property value (``file=``, ``title=``)."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: list[tuple[Source, list[Diagnostic]]]) -> str:
    out = []
    for source, diagnostics in results:
        path = printable(source.path.replace(os.sep, "/"))
        for d in diagnostics:
            line, col = source.position(d.start)
            end_line, end_col = source.position(d.end)
            title = f"{d.code} [{d.rule}]"
            if source.kind in ("pdf", "docx"):  # no line of the file to point at: the place in words
                place = source.locate(d.start)
                props = f"file={_property(path)},title={_property(f'{title} ({place.words()}, column {place.column})')}"
            else:
                props = (f"file={_property(path)},line={line},col={col},endLine={end_line},"
                         f"endColumn={end_col},title={_property(title)}")
            message = "\n".join(map(printable, d.message.split("\n")))  # GitHub shows line breaks
            if d.fix is not None:
                kind = "" if d.fix.applicability is Applicability.SAFE else f" ({d.fix.applicability.value})"
                message += f"\nfix{kind}: {printable(d.fix.title)}"
            out.append(f"::{COMMANDS[d.severity.value]} {props}::{_data(message)}\n")
    return "".join(out)
