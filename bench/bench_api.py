"""Benchmark: documents per second per core through the library entry point, for archive work.

    python bench/bench_api.py [--shared ../shared] [--workers 2] [--archive 200000] [--no-dask]

Inputs: every file of ``shared/corpus`` that unlint reads (text: .txt and .md; PDF: .pdf). Two
measures, each of the whole corpus:

* one process, one core: :func:`unlint.lint_bytes` on each file's bytes (read beforehand, so the
  disk is not timed), after a warm-up document (imports, rule packs, grammars, word list: the
  one-time cost, shown apart). Per kind of file: documents, MB, wall and CPU seconds, documents
  per second and MB per second (CPU time: what a core does; wall time moves with the other work
  of a shared machine);
* Dask: :func:`unlint.lint_path` mapped with ``dask.bag`` over the paths, the ``processes``
  scheduler with ``--workers`` local processes; wall time from the call to the counts, process
  start-up included, and the speed-up over the one-process wall time.

Then the arithmetic for an archive of ``--archive`` documents at the measured CPU rate per core,
with the corpus's share of PDFs and with all PDFs. The load average before and after is printed:
the machine may be shared. Not a test: it measures, it does not fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = {".txt": "text", ".md": "text", ".pdf": "PDF"}


def one_process(files: list[tuple[str, str, bytes]]) -> dict:
    """{kind: [documents, bytes, wall s, CPU s, findings, errors]} of lint_bytes on each file."""
    from unlint import lint_bytes

    totals: dict[str, list] = {}
    for kind, path, data in files:
        wall, cpu = time.perf_counter(), time.process_time()
        result = lint_bytes(data, path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        row = totals.setdefault(kind, [0, 0, 0.0, 0.0, 0, 0])
        row[0] += 1
        row[1] += len(data)
        row[2] += wall
        row[3] += cpu
        row[4] += len(result.diagnostics)
        row[5] += result.error is not None
    return totals


def with_dask(paths: list[str], workers: int) -> tuple[float, int, int]:
    """(wall seconds, findings, errors) of lint_path mapped over ``paths`` by a dask bag."""
    import dask
    import dask.bag as db

    from unlint import lint_path

    start = time.perf_counter()
    results = db.from_sequence(paths, partition_size=4).map(lint_path)
    findings = results.map(lambda r: len(r.diagnostics)).sum()
    errors = results.map(lambda r: r.error is not None).sum()
    findings, errors = dask.compute(findings, errors, scheduler="processes", num_workers=workers)
    return time.perf_counter() - start, findings, errors


def hours(documents: float, per_second: float, cores: int) -> str:
    h = documents / per_second / cores / 3600
    return f"{h:.1f} h" if h >= 1 else f"{h * 60:.0f} min"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2, help="Dask's local processes")
    parser.add_argument("--archive", type=int, default=200_000, help="documents in the archive")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    corpus = args.shared / "corpus"
    paths = sorted(str(p) for p in corpus.iterdir() if p.suffix in KINDS) if corpus.is_dir() else []
    if not paths:
        print(f"no corpus at {corpus} (--shared)", file=sys.stderr)
        return 2
    files = [(KINDS[Path(p).suffix], p, Path(p).read_bytes()) for p in paths]
    load_before = os.getloadavg()

    from unlint import lint_bytes

    t0 = time.perf_counter()
    lint_bytes(files[0][2], files[0][1])
    warm_up = time.perf_counter() - t0

    totals = one_process(files)
    every = [sum(row[i] for row in totals.values()) for i in range(6)]
    totals["all"] = every
    dask_row = None
    if not args.no_dask:
        try:
            dask_row = with_dask(paths, args.workers)
        except ImportError:
            print("dask is not installed (pip install 'dask[bag]'): the Dask measure is left out",
                  file=sys.stderr)
    load_after = os.getloadavg()

    print(f"# unlint.lint_bytes over {corpus}\n")
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
          f"first document (imports, rule packs, grammars) {warm_up * 1000:.0f} ms, not counted below.\n")
    print("| files | documents | MB | wall s | CPU s | documents/s per core (CPU) | MB/s per core (CPU) | "
          "ms per document (CPU) | findings | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("text", "PDF", "all"):
        if kind not in totals:
            continue
        n, size, wall, cpu, found, failed = totals[kind]
        print(f"| {kind} | {n} | {size / 1e6:.2f} | {wall:.2f} | {cpu:.2f} | {n / cpu:.1f} | "
              f"{size / 1e6 / cpu:.2f} | {cpu / n * 1000:.0f} | {found} | {failed} |")
    if dask_row is not None:
        wall, found, failed = dask_row
        n = every[0]
        print(f"\nDask bag, `processes` scheduler, {args.workers} workers, all {n} documents: "
              f"{wall:.2f} s wall (process start-up included), {n / wall:.1f} documents/s, "
              f"speed-up {every[2] / wall:.2f}x over one process ({every[2]:.2f} s wall); "
              f"{found} findings, {failed} errors (one process: {every[4]}, {every[5]}).")

    text_rate = totals["text"][0] / totals["text"][3] if "text" in totals else None
    pdf_rate = totals["PDF"][0] / totals["PDF"][3] if "PDF" in totals else None
    share = totals["PDF"][0] / every[0] if "PDF" in totals else 0.0
    mixed = every[0] / every[3]
    print(f"\nAn archive of {args.archive:,} documents, at these CPU rates per core:\n")
    print("| documents | core-hours | 8 cores | 32 cores | 64 cores |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rows = [(f"as this corpus ({share:.0%} PDF)", mixed)]
    if pdf_rate:
        rows.append(("all PDF", pdf_rate))
    if text_rate:
        rows.append(("all text", text_rate))
    for label, rate in rows:
        print(f"| {label} | {args.archive / rate / 3600:.0f} | {hours(args.archive, rate, 8)} | "
              f"{hours(args.archive, rate, 32)} | {hours(args.archive, rate, 64)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
