"""Compare the PDF reader with the text readers: each corpus PDF against its text twin.

    python bench/pdf_twins.py [--shared ../shared] [--out bench/PDF-TWINS.md] [FILE.pdf ...]

For every PDF of ``shared/corpus`` (or the PDFs named), its twin is the same document as text:

* a ``.txt`` or ``.md`` file of the corpus with the same symbol (MANIFEST.tsv), when there is
  one: the corpus holds none at the moment (each symbol is in one format only);
* else the PDF's text as PyMuPDF extracts it, ``page.get_text()`` of the pages joined by a newline, which is
  how the corpus's ``.txt`` files were made (raw, with furniture and notes inline), read by the
  pdf-text reader. Needs PyMuPDF (``pip install pymupdf``); without it such rows are skipped.

Both forms are parsed and linted with the default settings (no configuration file); the table
gives the preambular paragraphs, operative paragraphs, numbered footnotes and findings of each, and the
finding codes that only one form has. The table is written into ``--out`` up to the line
``<!-- notes -->``; what follows that line (the hand-written explanations) is kept.
Not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARKER = "<!-- notes -->"


def corpus_twins(corpus: Path) -> dict[str, Path]:
    """PDF file name -> a text file of the corpus with the same symbol."""
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.is_file():
        return {}
    by_symbol: dict[str, list[tuple[str, str]]] = {}
    with manifest.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            by_symbol.setdefault(row["symbol"], []).append((row["file"], row["format"]))
    twins = {}
    for files in by_symbol.values():
        pdfs = [name for name, fmt in files if fmt == "pdf"]
        texts = [name for name, fmt in files if fmt in ("txt", "md")]
        for name in pdfs:
            if texts:
                twins[name] = corpus / texts[0]
    return twins


def pymupdf_text(path: Path) -> str | None:
    try:
        import pymupdf
    except ImportError:
        return None
    with pymupdf.open(str(path)) as document:
        return "\n".join(page.get_text() for page in document)


def measure(path: str, data: bytes, settings):
    """(preambular, operative, numbered footnotes, finding codes) of one document, read from its
    bytes as unlint reads a file. The notes marked with asterisks (sponsors, "reissued for
    technical reasons") are not counted: the PDF reader drops them as furniture, the pdf-text
    reader keeps them."""
    from unlint.engine import lint_document, load_bytes

    doc = load_bytes(path, data)
    kinds = Counter(p.kind for p in doc.paragraphs)
    codes = Counter(d.code for d in lint_document(doc, settings))
    notes = sum(1 for n in doc.notes if not n.label.startswith("*"))
    return kinds["preambular"], kinds["operative"], notes, codes


def only(a: Counter, b: Counter) -> str:
    diff = a - b
    return ", ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(diff.items())) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "PDF-TWINS.md")
    args = parser.parse_args()

    from unlint.settings import Settings
    from unlint.source import InputError

    corpus = args.shared / "corpus"
    files = args.files or sorted(corpus.glob("*.pdf"))
    if not files:
        print(f"no PDF files (is {corpus} there?)", file=sys.stderr)
        return 2
    twins = corpus_twins(corpus)
    settings = Settings()
    rows = []
    totals = Counter()
    skipped = []
    for path in files:
        twin = twins.get(path.name)
        if twin is not None:
            kind, name, data = "corpus", twin.name, twin.read_bytes()
        else:
            text = pymupdf_text(path)
            if text is None:
                skipped.append(path.name)
                continue
            kind, name, data = "PyMuPDF", path.with_suffix(".txt").name, text.encode("utf-8")
        try:
            pdf = measure(str(path), path.read_bytes(), settings)
            txt = measure(name, data, settings)
        except InputError as exc:
            rows.append(f"| {path.stem} | {kind} | {exc} | | | | | |")
            continue
        cells = [f"{a}" if a == b else f"**{a} / {b}**" for a, b in
                 zip(pdf[:3] + (sum(pdf[3].values()),), txt[:3] + (sum(txt[3].values()),))]
        same = all(a == b for a, b in zip(pdf[:3], txt[:3])) and pdf[3] == txt[3]
        totals["documents"] += 1
        totals["same"] += same
        totals["pdf findings"] += sum(pdf[3].values())
        totals["text findings"] += sum(txt[3].values())
        rows.append(f"| {path.stem} | {kind} | " + " | ".join(cells)
                    + f" | {only(pdf[3], txt[3])} | {only(txt[3], pdf[3])} |")
        print(f"{path.stem:24} {'same' if same else 'differs'}", file=sys.stderr)

    out = [
        "# PDF reader against text twins",
        "",
        "Generated by `python bench/pdf_twins.py` (do not edit above the notes marker). One "
        "number where the PDF and its twin agree, **PDF / twin** where they differ. Twin: "
        "\"corpus\" is a text file of the corpus with the same symbol; \"PyMuPDF\" is the PDF's "
        "text extracted with PyMuPDF as the corpus's .txt files were, read by the pdf-text reader.",
        "",
        "| document | twin | preambular | operative | footnotes | findings | only in PDF | "
        "only in twin |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"{totals['documents']} pairs, {totals['same']} identical in all four counts and in "
        f"their finding codes; findings: {totals['pdf findings']} from the PDFs, "
        f"{totals['text findings']} from the twins."
        + (f" No twin (PyMuPDF not installed): {', '.join(skipped)}." if skipped else ""),
        "",
    ]
    notes = ""
    if args.out.is_file():
        old = args.out.read_text(encoding="utf-8")
        if MARKER in old:
            notes = old[old.index(MARKER):]
    args.out.write_text("\n".join(out) + "\n" + (notes or MARKER + "\n"), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
