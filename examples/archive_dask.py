"""Lint a whole archive of resolutions with Dask, and count the findings of each rule.

Run it with unlint and Dask installed (from the checkout: ``pip install . 'dask[bag]'``)::

    python examples/archive_dask.py ARCHIVE_FOLDER [--workers 8]

Every file under the folder with a name unlint reads (.md, .markdown, .txt, .pdf, .docx) is
linted by :func:`unlint.lint_path` in a pool of local processes (``dask.bag``, the
``processes`` scheduler: linting is Python work, one core per process). Each process reads its
own files; only the counts of each partition of files travel back. The settings are the
built-in defaults, as ``unlint --isolated``; pass a :class:`unlint.Settings` to change them.

It prints one line per rule, most frequent first, then the files that could not be read.
"""

from __future__ import annotations

import argparse
import os
from operator import attrgetter


def archive_files(folder: str) -> list[str]:
    """Every file under ``folder`` that unlint reads, sorted."""
    kinds = (".md", ".markdown", ".txt", ".pdf", ".docx")
    return sorted(
        os.path.join(top, name)
        for top, _, names in os.walk(folder)
        for name in names
        if name.lower().endswith(kinds)
    )


def rule_counts(paths: list[str], settings=None, scheduler: str = "processes",
                workers: int | None = None) -> tuple[dict, list[str]]:
    """The number of findings of each (code, rule name) over ``paths``, and the errors of the
    files that could not be linted (one line each), linted by ``workers`` local processes."""
    import dask
    import dask.bag as db

    from unlint import lint_path

    files = db.from_sequence(paths, partition_size=20)  # a task is 20 files
    results = files.map(lint_path, settings)
    counts = results.map(attrgetter("diagnostics")).flatten().map(attrgetter("code", "rule")).frequencies()
    errors = results.map(attrgetter("error")).filter(bool)
    # one computation: each file is linted once for both
    counted, failed = dask.compute(counts, errors, scheduler=scheduler, num_workers=workers)
    return dict(counted), list(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description="Count unlint's findings over an archive, with Dask.")
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="local processes")
    args = parser.parse_args()
    paths = archive_files(args.folder)
    counts, errors = rule_counts(paths, workers=args.workers)
    for (code, rule), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"{n:8d}  {code} [{rule}]")
    print(f"{sum(counts.values())} findings in {len(paths)} files; {len(errors)} could not be linted")
    for error in errors:
        print(f"  {error}")


if __name__ == "__main__":
    main()
