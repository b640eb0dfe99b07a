"""Benchmark: what the PDF reader costs per page.

    python bench/bench_pdf.py [--shared ../shared] [--repeat 3] [FILE.pdf ...]

Inputs: the PDFs named, else every PDF of ``shared/corpus``, else the checked-in fixture
(tests/fixtures/pdf/A-80-L.14.pdf). For each document, in one process, after a warm-up run (the
median of ``--repeat`` runs), the time of each step divided by its number of pages:

* extract: pdfminer.six parses the file and interprets each page's drawing instructions; the
  characters are grouped into lines (:func:`unlint.readers.pdf.load_pdf`);
* read: furniture, paragraphs, notes, references: the canonical text (:func:`read_pdf`);
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
        import pdfminer.pdfinterp  # noqa: F401
    except ImportError:
        print("pdfminer.six is not installed: pip install 'unlint[pdf]'", file=sys.stderr)
        return 2
    import_ms = (time.perf_counter() - t0) * 1000

    from unlint.engine import lint_document, load
    from unlint.readers.pdf import load_pdf, read_pdf
    from unlint.settings import Settings

    files = args.files or sorted((args.shared / "corpus").glob("*.pdf")) or [
        ROOT / "tests" / "fixtures" / "pdf" / "A-80-L.14.pdf"]
    settings = Settings()
    rows = []
    print(f"{'document':26} {'pages':>5} {'extract':>9} {'read':>7} {'lint':>7} {'total':>8}  ms/page")
    for path in files:
        data = path.read_bytes()
        extract, source = timed(lambda: load_pdf(str(path), data), args.repeat)
        read, _ = timed(lambda: read_pdf(source), args.repeat)
        lint, _ = timed(lambda: lint_document(load(source), settings), args.repeat)
        pages = len(source.units)
        rows.append((path.name, pages, extract, read, lint))
        per = [x * 1000 / pages for x in (extract, read, lint)]
        print(f"{path.name[:26]:26} {pages:5d} {per[0]:9.1f} {per[1]:7.1f} {per[2]:7.1f} "
              f"{sum(per):8.1f}")

    pages = sum(r[1] for r in rows)
    total = sum(r[2] + r[3] + r[4] for r in rows)
    per_doc = [(r[2] + r[3] + r[4]) * 1000 / r[1] for r in rows]
    extract_share = sum(r[2] for r in rows) / total
    small = [x for x, r in zip(per_doc, rows) if r[1] <= 3]
    large = [x for x, r in zip(per_doc, rows) if r[1] >= 10]
    slowest = max(zip(per_doc, rows), key=lambda x: x[0])
    print()
    print(f"{len(rows)} documents, {pages} pages, {total:.2f} s in all")
    print(f"per page: {total * 1000 / pages:.1f} ms over all pages, {statistics.median(per_doc):.1f} ms "
          f"median per document ({pages / total:.1f} pages/s); extraction is {extract_share:.0%} of it")
    print(f"slowest: {slowest[1][0]} at {slowest[0]:.1f} ms/page")
    if small and large:
        print(f"flat with size: {statistics.median(small):.1f} ms/page for 1-3 pages, "
              f"{statistics.median(large):.1f} ms/page for 10+ pages")
    print(f"importing pdfminer.six: {import_ms:.0f} ms (once per process, only when a PDF is read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
