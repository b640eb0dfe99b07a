"""Benchmark: the cost of the entity-name and terminology rules (EN) on the seeds and the corpus.

    python bench/bench_entities.py [--shared ../shared] [--repeat 3]

Prints the one-time cost of importing and compiling the rule packs and of building the name
index, then, per input set, the time per document in milliseconds (documents already parsed;
median of ``--repeat`` runs) of every EN rule, of EN001 alone and of EN010-EN013 alone. The
analyses the EN rules share (the document's tokens, known names and near misses) are computed
once per document by whichever selected rule needs them first, so each column pays for what its
rules need: the columns do not add up. Then the time of every EN rule on seed 004 concatenated
1, 10 and 50 times, which must grow linearly. Not a test: nothing here fails, it measures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unlint.engine import lint_document, load  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import decode  # noqa: E402

EN = Settings(select=("EN",))


def per_doc_ms(sources, repeat: int, select=EN) -> float:
    times = []
    for _ in range(repeat):
        docs = [load(s) for s in sources]  # fresh documents: nothing cached from the last run
        t0 = time.perf_counter()
        for doc in docs:
            lint_document(doc, select)
        times.append((time.perf_counter() - t0) * 1000 / len(docs))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shared = Path(args.shared)

    t0 = time.perf_counter()
    from unlint.context import RunContext

    run = RunContext(EN)  # the rules, the built-in packs among them
    t1 = time.perf_counter()
    index = run.names
    t2 = time.perf_counter()
    print(f"rules and packs imported and compiled in {(t1 - t0) * 1000:.0f} ms, name index ({len(index.names)} names) "
          f"built in {(t2 - t1) * 1000:.0f} ms (once per run context)\n")

    seeds = sorted((shared / "seeds").glob("0*.txt"))
    corpus = sorted(p for p in (shared / "corpus").glob("*") if p.suffix in (".txt", ".md"))
    print("ms per document:")
    print(f"{'input':<22}{'docs':>6}{'KB/doc':>8}{'all EN':>9}{'EN001 alone':>13}{'EN010-13 alone':>16}")
    for name, group in (("seeds", seeds), ("corpus (.txt, .md)", corpus)):
        if not group:
            continue
        sources = [decode(str(p), p.read_bytes()) for p in group]
        kb = sum(len(s.text.encode()) for s in sources) / len(sources) / 1024
        lint_document(load(sources[0]), EN)  # warm-up
        all_en = per_doc_ms(sources, args.repeat)
        names = per_doc_ms(sources, args.repeat, Settings(select=("EN001",)))
        words = per_doc_ms(sources, args.repeat, Settings(select=("EN010", "EN011", "EN012", "EN013")))
        print(f"{name:<22}{len(group):>6}{kb:>8.0f}{all_en:>9.1f}{names:>13.1f}{words:>16.1f}")

    seed4 = next((p for p in seeds if p.name.startswith("004")), None)
    if seed4:
        text = seed4.read_text(encoding="utf-8")
        print("\nscaling (seed 004 concatenated, every EN rule):")
        for n in (1, 10, 50):
            source = decode(str(seed4), (text * n).encode())
            doc = load(source)
            t0 = time.perf_counter()
            lint_document(doc, EN)
            print(f"  x{n:<4} {len(text) * n / 1e6:6.2f} MB  {(time.perf_counter() - t0) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
