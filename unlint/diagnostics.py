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
    applicability: str = "safe"  # "safe" | "unsafe" | "display"


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
