"""Benchmark: what the PDF reader costs per page.

    python bench/bench_pdf.py [--shared ../shared] [--repeat 3] [FILE.pdf ...]

Inputs: the PDFs named, else every PDF of ``shared/corpus``, else the checked-in fixture
(tests/fixtures/pdf/A-80-L.14.pdf). For each document, in one process, after a warm-up run (the
median of ``--repeat`` runs), the time of each step divided by its number of pages:

* extract: pdfminer.six parses the file and interprets each page's drawing instructions; the
  characters and rules of each page (:func:`unlint.readers.pdf_extract.extract`);
* lines: the characters grouped into the printed lines of the Source
  (:func:`unlint.readers.pdf_lines.build_source`);
* read: furniture, paragraphs, notes, references: the canonical text
  (:func:`unlint.readers.pdf_emit.read_layout`);
* lint: parse the canonical text and run every default rule (the same for any input form).

Then the totals: milliseconds per page (median over the documents and over all pages), pages
per second, the slowest document, and whether the time per page stays flat as documents grow
(the 1-3 page documents against the 10+ page ones). Also the one-time cost of importing
pdfminer.six. Not a test: it measures, it does not fail.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int):
    """(median seconds, last result) of ``repeat`` calls after one warm-up call."""
    result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    try:
        import pdfminer.converter
        import pdfminer.pdfinterp  # noqa: F401
    except ImportError:
        print("pdfminer.six is not installed: pip install 'unlint[pdf]'", file=sys.stderr)
        return 2
    import_ms = (time.perf_counter() - t0) * 1000

    from unlint.engine import lint_document
    from unlint.parse import parse
    from unlint.readers.pdf_emit import read_layout
    from unlint.readers.pdf_extract import Deadline, extract
    from unlint.readers.pdf_lines import build_source
    from unlint.settings import Settings

    files = args.files or sorted((args.shared / "corpus").glob("*.pdf")) or [
        ROOT / "tests" / "fixtures" / "pdf" / "A-80-L.14.pdf"]
    settings = Settings()
    rows = []
    print(f"{'document':26} {'pages':>5} {'extract':>8} {'lines':>6} {'read':>6} {'lint':>6} "
          f"{'total':>7}  ms/page")
    for path in files:
        data = path.read_bytes()
        extract_s, pages = timed(lambda d=data: extract(d, Deadline(0)), args.repeat)
        # build_source sorts each page's characters in place: every run gets its own lists
        lines_s, (source, layout) = timed(
            lambda n=str(path), ps=pages: build_source(n, [(p, list(c)) for p, c in ps],
                                                     Deadline(0)), args.repeat)
        read_s, reading = timed(lambda s=source, la=layout: read_layout(s, la), args.repeat)
        lint_s, _ = timed(lambda s=source, r=reading: lint_document(parse(s, r), settings),
                          args.repeat)
        n = len(source.units)
        steps = (extract_s, lines_s, read_s, lint_s)
        rows.append((path.name, n, *steps))
        per = [x * 1000 / n for x in steps]
        print(f"{path.name[:26]:26} {n:5d} {per[0]:8.1f} {per[1]:6.1f} {per[2]:6.1f} "
              f"{per[3]:6.1f} {sum(per):7.1f}")

    pages = sum(r[1] for r in rows)
    total = sum(sum(r[2:]) for r in rows)
    per_doc = [sum(r[2:]) * 1000 / r[1] for r in rows]
    small = [x for x, r in zip(per_doc, rows) if r[1] <= 3]
    large = [x for x, r in zip(per_doc, rows) if r[1] >= 10]
    slowest = max(zip(per_doc, rows), key=lambda x: x[0])
    step_ms = [sum(r[k] for r in rows) * 1000 / pages for k in range(2, 6)]
    print()
    print(f"{len(rows)} documents, {pages} pages, {total:.2f} s in all")
    print(f"per page: {total * 1000 / pages:.1f} ms over all pages, {statistics.median(per_doc):.1f} ms "
          f"median per document ({pages / total:.1f} pages/s)")
    print("per page by step: " + ", ".join(
        f"{name} {ms:.1f} ms" for name, ms in zip(("extract", "lines", "read", "lint"), step_ms)))
    print(f"slowest: {slowest[1][0]} at {slowest[0]:.1f} ms/page")
    if small and large:
        print(f"flat with size: {statistics.median(small):.1f} ms/page for 1-3 pages, "
              f"{statistics.median(large):.1f} ms/page for 10+ pages")
    print(f"importing pdfminer.six: {import_ms:.0f} ms (once per process, only when a PDF is read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
