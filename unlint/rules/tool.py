"""UL: unlint itself. Problems of reading and parsing, and rules that failed."""

from unlint.diagnostics import Finding
from unlint.registry import rule
from unlint.suppressions import invalid_suppression, unused_suppression  # noqa: F401 UL003, UL004


@rule("UL001", "parse-error", "error")
def parse_error(doc, ctx):
    """Text that fits no part of the resolution structure, or could not be read.

    **What it does.** Reports where the reader or the grammar could not place a piece of
    text (a footnote block that cannot be tied to a page, a line after the footnotes, ...).
    The rest of the document is still linted.

    **Why.** A structural rule cannot check what was not recognised: the finding tells you
    that the checks around it saw less than the whole text.

    **Example.** A Markdown file whose footnote definitions are followed by more body text.
    """
    for message, start, end in doc.problems:
        yield Finding(start, end, message)


@rule("UL002", "internal-error", "error")
def internal_error(doc, ctx):
    """A rule failed on this document (reported by the engine; never silent).

    **What it does.** When a rule raises an exception, the engine reports it here with the
    rule's code and goes on with the other rules.

    **Why.** One broken rule must not hide the findings of all the others.

    **Example.** ``UL002 rule FN003 [note-undefined] failed: ...``: please report it.
    """
    return ()


@rule("UL005", "too-many-findings", "info")
def too_many_findings(doc, ctx):
    """A rule found so much in one file that the rest of its findings are not shown.

    **What it does.** Each rule reports at most 1,000 findings in one file; past that, the
    engine stops the rule there and says so here, at its first finding not shown.

    **Why.** A document where one rule fires a thousand times (a file that is not a resolution,
    text with a bracket or a space repeated for pages) needs one fix at its cause, not a
    report that takes minutes and gigabytes to build and read.

    **Example.** ``UL005 PU001 [unbalanced-bracket] stopped after 1,000 findings in this file``:
    fix those and run unlint again.
    """
    return ()
