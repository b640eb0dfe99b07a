"""Baseline: record today's findings in a file, then report only the new ones.

How an office adopts unlint on years of existing documents: ``unlint --baseline
.unlint-baseline.json --update-baseline archive/`` records what is there now; later runs with
``--baseline .unlint-baseline.json`` report only findings that are not in it.

A finding is keyed by its file (relative to the baseline file's folder), its code and a
fingerprint of the text around it (the code, the line it starts on without the paragraph's
number, and the flagged text, with runs of blanks made one space), not by its line number:
editing, adding or removing other paragraphs, and the renumbering that follows, does not
invalidate the baseline; editing the flagged line itself does, and its findings are then
reported again. Identical keys are counted, so a baseline that holds two
findings of a kind absorbs two and reports the third.

Two findings of one kind on one line (two doubled spaces) share that key; each entry also
keeps the three words on each side of its finding (``near``), and a finding is matched by
those first, by the line's key only when none is left: a slip added beside an old one is the
one reported, whichever comes first on the line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from unlint.diagnostics import Diagnostic
from unlint.source import InputError, Source, read_file

VERSION = 1
MAX_CONTEXT = 400  # characters of the flagged text that go into the fingerprint
_NUMBER = re.compile(r"^[\s*_#>]*(?:\d{1,3}\.|\([a-z]{1,6}\))[\s*_]+")  # "12. ", "(b) ", "**3.** "


class BaselineError(Exception):
    """A baseline file that cannot be read or written (exit status 2)."""


def fingerprint(source: Source, d: Diagnostic) -> str:
    """A key for the finding that survives edits elsewhere in the file (16 hex digits)."""
    line, _ = source.position(d.start)
    context = " ".join(_NUMBER.sub("", source.line_text(line), count=1).split())
    flagged = " ".join(source.text[d.start : d.end][:MAX_CONTEXT].split())
    key = f"{d.code}\0{context}\0{flagged}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(key, digest_size=8).hexdigest()


def near(source: Source, d: Diagnostic) -> str:
    """A key for where the finding is on its line: the three words on each side of it."""
    line, _ = source.position(d.start)
    start, end = source.line_starts[line - 1], d.start
    before = source.text[start:end].split()[-3:]
    line_end = source.text.find("\n", d.end)
    after = source.text[d.end : line_end if line_end != -1 else len(source.text)].split()[:3]
    key = f"{d.code}\0{' '.join(before)}\0{' '.join(after)}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(key, digest_size=8).hexdigest()


class Baseline:
    def __init__(self, path: Path, entries: dict[str, list[dict]] | None = None):
        self.path = path
        self.base = Path(os.path.abspath(path)).parent
        self.entries = entries or {}  # file key -> [{"code", "fingerprint", "count", "message"}]

    @classmethod
    def load(cls, path: Path, missing_ok: bool = False) -> Baseline:
        try:
            text = read_file(str(path)).decode("utf-8")  # a pipe or a device is refused, not read
        except FileNotFoundError:
            if missing_ok:
                return cls(path)
            raise BaselineError(f"{path}: baseline file not found; create it with --update-baseline") from None
        except (OSError, UnicodeDecodeError, InputError) as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from None
        from unlint.knowledge import MAX_DEPTH, too_deep

        deep = too_deep(text, "json")  # the JSON parser recurses: refuse it first
        if deep is not None:
            raise BaselineError(f"{path}:{deep}: not an unlint baseline file (nested more than "
                                f"{MAX_DEPTH} levels deep)")
        try:
            data = json.loads(text)
            if data.get("version") != VERSION or not isinstance(data.get("files"), dict):
                raise ValueError(f"expected an unlint baseline of version {VERSION}")
            for key, items in data["files"].items():
                for item in items:
                    if not (isinstance(item["code"], str) and isinstance(item["fingerprint"], str)
                            and isinstance(item.get("count", 1), int)
                            and isinstance(item.get("near", ""), str)):
                        raise ValueError(f"bad entry for {key}")
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise BaselineError(f"{path}: not an unlint baseline file ({exc})") from None
        return cls(path, data["files"])

    def key(self, name: str) -> str:
        """The name of a linted file in the baseline: relative to the baseline's folder."""
        if name.startswith("<"):  # <stdin>
            return name
        return os.path.relpath(os.path.abspath(name), self.base).replace(os.sep, "/")

    def counts(self, name: str) -> Counter:
        """(code, fingerprint, near) -> how many findings of the file the baseline holds
        (``near`` is None in a baseline written before it was kept)."""
        counts: Counter = Counter()
        for item in self.entries.get(self.key(name), ()):
            counts[item["code"], item["fingerprint"], item.get("near")] += item.get("count", 1)
        return counts

    def new_findings(self, source: Source, diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], int]:
        """(the findings not in the baseline, how many were in it): matched by line and place
        first, then by line alone."""
        counts = self.counts(source.path)
        if not counts:
            return diagnostics, 0
        keys = [(d.code, fingerprint(source, d), near(source, d)) for d in diagnostics]
        known = [False] * len(diagnostics)
        for i, key in enumerate(keys):
            if counts[key] > 0:
                counts[key] -= 1
                known[i] = True
        by_line: Counter = Counter()
        for (code, print_, _), n in counts.items():
            by_line[code, print_] += n
        for i, (code, print_, _) in enumerate(keys):
            if not known[i] and by_line[code, print_] > 0:
                by_line[code, print_] -= 1
                known[i] = True
        return [d for d, k in zip(diagnostics, known) if not k], sum(known)

    def record(self, source: Source, diagnostics: list[Diagnostic]) -> None:
        """Replace the file's entries by these findings (other files' entries are kept)."""
        grouped: dict[tuple[str, str, str], dict] = {}
        for d in diagnostics:
            key = (d.code, fingerprint(source, d), near(source, d))
            if key in grouped:
                grouped[key]["count"] += 1
            else:
                grouped[key] = {"code": d.code, "fingerprint": key[1], "near": key[2], "count": 1,
                                "message": d.message}
        name = self.key(source.path)
        if grouped:
            self.entries[name] = sorted(grouped.values(), key=lambda i: (i["code"], i["message"], i["fingerprint"]))
        else:
            self.entries.pop(name, None)

    def total(self) -> int:
        return sum(item.get("count", 1) for items in self.entries.values() for item in items)

    def save(self) -> None:
        data = {
            "version": VERSION,
            "about": "unlint baseline: these findings are not reported (unlint --baseline FILE); "
                     "refresh with --update-baseline",
            "files": {name: self.entries[name] for name in sorted(self.entries)},
        }
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        from unlint.safewrite import WriteError, replace_file

        try:  # a link stays a link: the file it names is rewritten
            replace_file(str(self.path), text.encode("utf-8", "surrogateescape"))
        except WriteError as exc:
            raise BaselineError(f"{self.path}: cannot write the baseline: {exc}") from None
