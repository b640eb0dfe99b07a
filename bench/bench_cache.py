"""Benchmark the cache and --jobs: fresh `unlint` processes over examples/ and the corpus.

    python bench/bench_cache.py [--shared ../shared] [--repeat 3] [--pdf]

Prints, per input set, the time of a run without the cache (`--no-cache`), of the first run
with it (it lints and writes every entry), of a second run (every file cached), and of
`--no-cache --jobs N` for N = 1, 2 and the number of CPUs. Each time is the median of
``--repeat`` runs (the first run with the cache: once per repeat, in a fresh cache folder).
The runs use `--isolated`, in a temporary current folder, which holds the cache. The corpus set
is its .txt and .md files; `--pdf` adds its PDFs (their text extraction dominates, and is
not cached). Not a test: nothing here fails, it measures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def unlint(args: list[str], cwd: str) -> tuple[float, bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "unlint", "--isolated", *args], cwd=cwd, env=env,
                          capture_output=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"unlint {' '.join(args)} failed: {done.stderr.decode()[:500]}")
    return time.perf_counter() - started, done.stdout


def median(fn, repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def measure(name: str, files: list[str], repeat: int) -> None:
    if not files:
        return
    with tempfile.TemporaryDirectory() as cwd:
        cache = Path(cwd) / ".unlint_cache"
        uncached, expected = unlint(["--no-cache", *files], cwd)
        uncached = min(uncached, median(lambda: unlint(["--no-cache", *files], cwd)[0], repeat - 1 or 1))

        def first() -> float:
            shutil.rmtree(cache, ignore_errors=True)
            return unlint(files, cwd)[0]

        cold = median(first, repeat)
        warm, output = unlint(files, cwd)
        warm = min(warm, median(lambda: unlint(files, cwd)[0], repeat))
        same = "same output" if output == expected else "OUTPUT DIFFERS"
        print(f"{name}: {len(files)} files")
        print(f"  --no-cache          {uncached:7.2f} s")
        print(f"  first run (writes)  {cold:7.2f} s")
        print(f"  cached run          {warm:7.2f} s   ({uncached / warm:.0f}x faster, {same})")
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        base = None
        for jobs in sorted({1, 2, cpus}):
            took, out = unlint(["--no-cache", "--jobs", str(jobs), *files], cwd)
            took = min(took, median(lambda: unlint(["--no-cache", "--jobs", str(jobs), *files], cwd)[0],
                                    repeat - 1 or 1))
            base = base or took
            same = "same output" if out == expected else "OUTPUT DIFFERS"
            print(f"  --no-cache --jobs {jobs:<2}{took:7.2f} s   ({base / took:.2f}x, {same})")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  ({cpus} CPUs; load average {load:.2f}: other work on the machine slows --jobs)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", action="store_true", help="add the corpus's PDF files (slow)")
    args = ap.parse_args()
    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.is_file())
    corpus_dir = Path(args.shared) / "corpus"
    kinds = (".txt", ".md", ".pdf") if args.pdf else (".txt", ".md")
    corpus = sorted(str(p) for p in corpus_dir.glob("*") if p.suffix in kinds) if corpus_dir.is_dir() else []
    measure("examples/", examples, args.repeat)
    measure(f"corpus ({', '.join(kinds)})", corpus, args.repeat)


if __name__ == "__main__":
    main()
