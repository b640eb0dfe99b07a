"""Benchmark `unlint compare`: the alignment of two resolutions and the CP rules, in-process.

    python bench/bench_compare.py [--shared ../shared] [--repeat 20]

Pairs: the two seeds (the 2017 draft in Markdown, 66 KB, and the 2018 resolution as PDF text,
74 KB: one year of updates), and a draft of the corpus with its adopted text (A/80/L.18 and
A/RES/80/112). Prints, per pair, the blocks of each side, the counts of the alignment,
and the median time of reading and parsing both, of aligning them, and of the CP rules on the
draft (given the alignment, as the command gives it to them). Not a test: nothing here fails,
it measures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unlint.compare import align, blocks, counts  # noqa: E402
from unlint.context import Context  # noqa: E402
from unlint.engine import lint_document, run_context  # noqa: E402
from unlint.parse import parse  # noqa: E402
from unlint.readers import read_bytes  # noqa: E402
from unlint.settings import Settings  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", default=str(ROOT.parent / "shared"))
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    corpus = Path(args.shared) / "corpus"
    pairs = [(ROOT / "examples" / "draft-crime-prevention-2017.md",
              ROOT / "examples" / "resolution-73-186-pdf-extract.txt"),
             (corpus / "A-80-L.18.txt", corpus / "A-RES-80-112.txt")]
    print("| base -> draft | KB | blocks | same / changed / moved / added / deleted "
          "| read + parse ms | align ms | CP rules ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for base_path, draft_path in pairs:
        if not base_path.exists() or not draft_path.exists():
            continue

        def load():
            return [parse(*read_bytes(str(p), p.read_bytes())) for p in (base_path, draft_path)]

        read_ms, (base, draft) = timed(load, args.repeat)
        align_ms, aligned = timed(lambda: align(base, draft), args.repeat)
        run = run_context(Settings(base=str(base_path), select=("CP",)))
        run.base  # read once, as a run reads it

        def rules():  # given the alignment, as `unlint compare` gives it to them
            context = Context(draft, run)
            context.__dict__["alignment"] = aligned
            return lint_document(draft, run, context=context)

        rules_ms, _ = timed(rules, args.repeat)
        kb = (base_path.stat().st_size + draft_path.stat().st_size) / 1000
        c = counts(aligned)
        print(f"| {base_path.name} -> {draft_path.name} | {kb:.0f} | {len(blocks(base))} / "
              f"{len(blocks(draft))} | {' / '.join(str(v) for v in c.values())} | {read_ms:.0f} "
              f"| {align_ms:.0f} | {rules_ms:.0f} |")


if __name__ == "__main__":
    main()
