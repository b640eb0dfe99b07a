"""Rules: a code, a kebab-case name, a default severity and a docstring that is the documentation.

A rule is a function ``check(doc, ctx) -> Iterable[Finding]`` wrapped by :func:`rule`::

    @rule("ST001", "operative-numbering", "error")
    def operative_numbering(doc, ctx):
        \"\"\"Operative paragraphs are numbered 1, 2, 3 ... with no gap or repeat.

        What it does ... Why ... Example ... Use instead ...
        \"\"\"
        yield Finding(start, end, "message")

``doc`` is the :class:`~unlint.model.Document`; ``ctx`` its :class:`~unlint.context.Context`:
the shared readings of the document (``ctx.citations``, ``ctx.footnotes``, ``ctx.names``,
``ctx.lines`` ...), each computed once, and the run's settings and knowledge (``ctx.run``).
The first docstring line is the summary; the rest is shown by ``unlint rule CODE``.
The engine owns severity, selection and isolation; a rule only finds.
"""

from __future__ import annotations

import re
import inspect
from dataclasses import dataclass, field
from typing import Callable, Iterable

from unlint.diagnostics import Finding, Severity

CODE_RE = re.compile(r"^(FN|XR|CI|DT|EN|ST|PU|TX|SP|UL)\d{3}$|^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FAMILIES = {
    "FN": "footnotes",
    "XR": "cross-references",
    "CI": "citations",
    "DT": "dates",
    "EN": "entity names and terminology",
    "ST": "structure",
    "PU": "punctuation and typography",
    "TX": "text-extraction artefacts",
    "SP": "spelling",
    "UL": "unlint itself",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    enabled: bool = True  # False: off unless selected (opt-in rules)
    # the entity names this rule knows (entity rules of rule packs), read when the run first
    # needs its name index: every rule's names are known to every entity rule of the run
    names: Callable[[], tuple] | None = field(default=None, compare=False, repr=False)
    # the words a rule pack declares correct (its ``words:`` list): the spelling rule accepts them
    words: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # codes of less specific rules: where this rule reports the same span, they stay silent
    supersedes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def fix(self) -> str:
        """What its fixes are, as its documentation's **Fix safety.** (or **Fix.**) section says: "safe",
        "unsafe", "safe/unsafe" (some of each), "display" (shown, never applied), or "" (none)."""
        heading = next((h for h in ("**Fix safety.**", "**Fix.**") if h in self.doc), None)
        if heading is None:
            return ""
        text = self.doc[self.doc.index(heading) + len(heading) :].split("\n\n", 1)[0].lower()
        unsafe = "unsafe" in text
        safe = "safe" in text.replace("unsafe", "")
        return "safe/unsafe" if safe and unsafe else "unsafe" if unsafe else "safe" if safe else "display"

    def __post_init__(self):
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} is not a family prefix plus 3 digits")
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")


def rule(code: str, name: str, severity: str, *, enabled: bool = True, supersedes: tuple[str, ...] = ()):
    """Decorate a check function into a :class:`Rule`. ``supersedes``: the codes of less
    specific rules that stay silent where this one reports the same span (one defect, one
    finding)."""

    def wrap(func) -> Rule:
        doc = inspect.cleandoc(func.__doc__ or "")
        summary = doc.splitlines()[0] if doc else name
        return Rule(code, name, Severity(severity), summary, doc, func, enabled, supersedes=tuple(supersedes))

    return wrap


def rules_in(module) -> list[Rule]:
    """Every Rule defined at module level, in definition order."""
    return [value for value in vars(module).values() if isinstance(value, Rule)]
