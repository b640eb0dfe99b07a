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
