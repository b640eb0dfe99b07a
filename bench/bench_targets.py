"""The speed targets of issue 20, each measured in one run and given as a ratio, met or not.

    python bench/bench_targets.py [--shared ../shared] [--repeat 9]

* a fresh ``unlint --no-cache`` on seed 004 against codespell on the same file (wall and CPU,
  the two commands alternated, median of ``--repeat``);
* seed 004 and seed 000 linted in a warm process (CPU ms, median), against 30 ms;
* ``unlint --version`` against ``python -c pass``;
* the PDF reader per page (every corpus PDF read in one process, after a warm-up) against
  ``pdftotext`` per page on the same files;
* the language server, from an edit to its findings on seed 004 (bench_lsp.py), against 150 ms;
* a cached re-run of the whole corpus (its cache made by a first run), against 0.5 s.

Prints a Markdown table; not a test: it measures, it does not fail. The peers come from the
bench's own virtual environment (bench.py installs codespell there on first use).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CPU, ROOT, UNLINT, load_average, peers_venv, run, unlint_env  # noqa: E402
from bench_lsp import answer_times  # noqa: E402


def alternated(commands: dict[str, list[str]], repeat: int, env=None) -> dict[str, tuple[float, float]]:
    """(median wall s, median CPU s) of each command, the commands run in turn ``repeat`` times."""
    walls: dict[str, list] = {k: [] for k in commands}
    cpus: dict[str, list] = {k: [] for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            walls[name].append(run(cmd, [], env=env))
            cpus[name].append(CPU[-1])
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in commands}


def warm_cpu_ms(path: Path, repeat: int) -> float:
    from unlint.engine import lint_document, load_bytes, run_context
    from unlint.settings import Settings

    data, run_ = path.read_bytes(), run_context(Settings())
    for _ in range(3):
        lint_document(load_bytes(str(path), data), run_)
    times = []
    for _ in range(repeat):
        c0 = time.process_time()
        lint_document(load_bytes(str(path), data), run_)
        times.append(time.process_time() - c0)
    return statistics.median(times) * 1000


def pdf_per_page(pdfs: list[Path]) -> tuple[float, float, int]:
    """(unlint ms per page, pdftotext ms per page, pages): wall time over all the files."""
    from unlint.readers import read_bytes

    read_bytes(str(pdfs[0]), pdfs[0].read_bytes(), None)  # pdfminer.six imported once
    pages, ours = 0, 0.0
    for p in pdfs:
        data = p.read_bytes()
        t0 = time.perf_counter()
        source, _ = read_bytes(str(p), data, None)
        ours += time.perf_counter() - t0
        pages += sum(1 for u in source.units if u.kind == "page")
    theirs = 0.0
    for p in pdfs:
        t0 = time.perf_counter()
        subprocess.run(["pdftotext", "-layout", str(p), "-"], stdout=subprocess.DEVNULL, check=True)
        theirs += time.perf_counter() - t0
    return ours / pages * 1000, theirs / pages * 1000, pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    seed4 = next((args.shared / "seeds").glob("004_*.txt"))
    seed0 = next((args.shared / "seeds").glob("000_*.txt"))
    corpus = args.shared / "corpus"
    peers = peers_venv(make=True)
    env = unlint_env()
    load = load_average()
    rows = []

    fresh = alternated({"unlint": UNLINT + ["--isolated", "--no-cache", str(seed4)],
                        "codespell": [str(peers["codespell"]), str(seed4)]}, args.repeat, env)
    (uw, uc), (cw, cc) = fresh["unlint"], fresh["codespell"]
    rows.append(("fresh process, seed 004, `--no-cache`, against codespell", f"{uw * 1000:.0f} ms "
                 f"(CPU {uc * 1000:.0f}) / {cw * 1000:.0f} ms (CPU {cc * 1000:.0f})",
                 f"{uw / cw:.2f} (CPU {uc / cc:.2f})", "<= 1", uw <= cw))

    for label, path in (("seed 004", seed4), ("seed 000 (the draft)", seed0)):
        ms = warm_cpu_ms(path, args.repeat)
        rows.append((f"warm, in-process, {label} (CPU)", f"{ms:.0f} ms", f"{ms / 30:.2f}", "< 30 ms", ms < 30))

    start = alternated({"version": UNLINT + ["--version"], "pass": [sys.executable, "-c", "pass"]},
                       args.repeat, env)
    (vw, _), (pw, _) = start["version"], start["pass"]
    rows.append(("`unlint --version` against `python -c pass`", f"{vw * 1000:.0f} ms / {pw * 1000:.0f} ms",
                 f"{vw / pw:.2f}", "<= 2", vw <= 2 * pw))

    pdfs = sorted(corpus.glob("*.pdf"))
    if pdfs and shutil.which("pdftotext"):
        ours, theirs, pages = pdf_per_page(pdfs)
        rows.append((f"PDF read per page ({len(pdfs)} files, {pages} pages) against pdftotext",
                     f"{ours:.1f} ms / {theirs:.1f} ms", f"{ours / theirs:.1f}", "<= 3", ours <= 3 * theirs))

    lsp = answer_times([], seed4.read_text(encoding="utf-8"), max(5, args.repeat))
    ms = statistics.median(lsp) * 1000
    rows.append(("language server, edit to findings, seed 004", f"{ms:.0f} ms", f"{ms / 150:.2f}",
                 "< 150 ms", ms < 150))

    with tempfile.TemporaryDirectory() as tmp:  # a copy: the cache is kept beside the files
        shutil.copytree(corpus, Path(tmp) / "corpus")
        cmd = UNLINT + ["--isolated", "--jobs", "1", "corpus"]
        run(cmd, [], env=env, cwd=tmp)
        again = statistics.median(run(cmd, [], env=env, cwd=tmp) for _ in range(3))
    rows.append(("cached re-run of the corpus", f"{again:.2f} s", f"{again / 0.5:.2f}", "< 0.5 s", again < 0.5))

    print(f"Measured {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}; load average {load} at the start, {load_average()} at the end.\n")
    print("| target | measured | ratio | goal | met |\n| --- | --- | ---: | --- | --- |")
    for what, measured, ratio, goal, met in rows:
        print(f"| {what} | {measured} | {ratio} | {goal} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
