"""What a rule reports: a diagnostic, with an optional fix made of edits to the original file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


LEVELS = ("error", "warning", "info")  # the severities' values, most severe first


class Applicability(str, Enum):
    """Whether a fix may be applied: SAFE with ``--fix``, UNSAFE only with ``--unsafe-fixes``,
    DISPLAY never (shown only).

    A rule says how safe its fix is (SAFE, UNSAFE, or DISPLAY for an edit it only proposes); the
    engine alone decides that a document's fixes are all DISPLAY because its text is not the
    file's own (text extracted from a PDF, a PDF, a Word file: see
    :func:`unlint.engine.lint_document`). A plain string ("safe", "unsafe", "display") is
    accepted where a Fix is made, and a member compares equal to its string."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    def __str__(self) -> str:
        return self.value

    def applies(self, unsafe: bool = False) -> bool:
        """True when a fix run applies it (``unsafe``: with ``--unsafe-fixes``)."""
        return self is Applicability.SAFE or (unsafe and self is Applicability.UNSAFE)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace original[start:end] with ``content`` (offsets into the original file)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self):
        if type(self.applicability) is not Applicability:  # "safe" from a rule: its member
            object.__setattr__(self, "applicability", Applicability(self.applicability))


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a message at original offsets [start, end), maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
