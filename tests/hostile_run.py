"""Run unlint on a hostile input in a fresh process, as tests and ``scripts/fuzz.py --hostile``
do: under an address-space limit (2 GB), with a time-out, the report to a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 2 << 30  # bytes of address space


def lint(target: Path, *args: str, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    """``unlint --no-cache -o report.txt ARGS NAME`` in the target's folder (``--isolated`` unless
    ARGS say otherwise); raises subprocess.TimeoutExpired."""

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "UNLINT_DEBUG")}
    base["PYTHONPATH"] = str(ROOT)
    options = list(args) or ["--isolated", "--no-cache"]
    return subprocess.run([sys.executable, "-P", "-c", "import sys, unlint; sys.exit(unlint.main())",
                           *options, "-o", "report.txt", target.name], cwd=target.parent,
                          env={**base, **(env or {})}, capture_output=True, timeout=timeout,
                          preexec_fn=limit if sys.platform == "linux" else None)


def refused(path: Path, data: bytes, problem: str) -> None:
    """Write ``data`` to ``path``, lint it, and assert one line of error naming ``problem``,
    exit status 2, within the time-out."""
    err, code = _linted(path, data)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"unlint: error: {path.name}: ") and problem in err, err


def read(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, lint it, and assert it was read (exit status 0 or 1)."""
    err, code = _linted(path, data)
    assert code in (0, 1), err


def _linted(path: Path, data: bytes) -> tuple[str, int]:
    import pytest

    path.write_bytes(data)
    try:
        done = lint(path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name} was not read within the time-out")
    return done.stderr.decode("utf-8", "replace"), done.returncode
