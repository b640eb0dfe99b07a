"""Benchmark: lint the seeds and the corpus in-process and from the CLI.

    python bench/bench.py [--shared ../shared] [--repeat 20]

Prints, per input set, documents per second and MB/s in-process (after warm-up), the time of
seed 004 (the 74 KB adopted resolution) alone, the cost of `unlint --version` and of one CLI run
per file, and the peak memory of linting seed 004 concatenated 1, 10 and 100 times (it must
grow linearly). Not a test: nothing here fails, it measures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unlint.engine import lint_document, load  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import decode  # noqa: E402


def lint_text(path: str, text: str) -> int:
    source = decode(path, text.encode("utf-8"))
    return len(lint_document(load(source), Settings()))


def timed(fn, repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    shared = Path(args.shared)
    seeds = sorted((shared / "seeds").glob("0*.txt"))
    corpus = sorted(p for p in (shared / "corpus").glob("*") if p.suffix in (".txt", ".md"))
    texts = {str(p): p.read_text(encoding="utf-8") for p in seeds + corpus}

    for path, text in texts.items():  # warm-up: grammar, knowledge tables, regexes
        lint_text(path, text)

    print(f"{'input':<28}{'docs':>6}{'MB':>8}{'docs/s':>10}{'MB/s':>8}")
    for name, group in (("seeds", seeds), ("corpus (.txt, .md)", corpus)):
        if not group:
            continue
        size = sum(len(texts[str(p)].encode()) for p in group)
        t0 = time.perf_counter()
        for p in group:
            lint_text(str(p), texts[str(p)])
        dt = time.perf_counter() - t0
        print(f"{name:<28}{len(group):>6}{size / 1e6:>8.2f}{len(group) / dt:>10.1f}{size / 1e6 / dt:>8.2f}")

    seed4 = next((p for p in seeds if p.name.startswith("004")), None)
    if seed4:
        text = texts[str(seed4)]
        ms = timed(lambda: lint_text(str(seed4), text), args.repeat) * 1000
        print(f"\nseed 004 ({len(text.encode()) // 1024} KB) parsed and linted in-process: {ms:.1f} ms (median)")
        print("\nscaling (seed 004 concatenated):")
        for n in (1, 10, 100):
            big = text * n
            tracemalloc.start()
            t0 = time.perf_counter()
            lint_text(str(seed4), big)
            dt = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  x{n:<4} {len(big) / 1e6:7.2f} MB  {dt * 1000:9.1f} ms  peak {peak / 1e6:8.1f} MB")

    cli = [sys.executable, "-m", "unlint.cli"]
    ms = timed(lambda: subprocess.run(cli + ["--version"], capture_output=True, cwd=ROOT), 5) * 1000
    print(f"\nunlint --version: {ms:.0f} ms (fresh process, median of 5)")
    if seed4:
        ms = timed(lambda: subprocess.run(cli + [str(seed4)], capture_output=True, cwd=ROOT), 5) * 1000
        print(f"unlint on seed 004: {ms:.0f} ms (fresh process, median of 5)")


if __name__ == "__main__":
    main()
