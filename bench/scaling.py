"""Does the cost grow linearly? Lint a resolution concatenated 1, 10 and 100 times.

    python bench/scaling.py [FILE ...] [--shared ../shared] [--times 1,10,100]
                                       [--timeout 600] [--write [bench/RESULTS.md]]

Each size runs in a fresh process (so that peak memory is that size's own): the process warms
up on the file once, then reads, parses and lints the concatenation with every default rule,
and reports the wall-clock and CPU time (CPU seconds of that process: less disturbed by other
work on a shared machine), the peak resident memory, and the slowest stages. CPU time per MB
should stay flat: the verdict compares the largest size with the next one down (x100 / x10),
and a ratio well above 1.3 is a superlinear step. Profile it with pyinstrument (from PyPI;
bench/.venv has it once bench.py has made it)::

    PYTHONPATH=.:/path/to/site-packages bench/.venv/bin/python -m pyinstrument \
        bench/scaling.py --child FILE 100

Without FILE: seed 004 (PDF text), seed 000 (Markdown) and the largest corpus text file.
``--write`` puts the table in the scaling section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(path: str, times: int) -> dict:
    """Run in the child process: lint ``times`` copies of the file, report time and memory."""
    import resource

    sys.path.insert(0, str(ROOT))
    from unlint.context import Context
    from unlint.engine import load, run_context
    from unlint.settings import Settings
    from unlint.source import decode

    data = Path(path).read_bytes()
    settings = Settings()
    run_ctx = run_context(settings)
    rules = run_ctx.active

    clock = time.process_time  # CPU seconds of this process: other work on the machine counts less

    def run(blob: bytes, stages: dict | None):
        t0 = clock()
        source = decode(path, blob)
        doc = load(source, settings.input_format)
        t1 = clock()
        ctx = Context(doc, run_ctx)
        found = 0
        for r in rules:  # an analysis shared by several rules is charged to the first that asks
            s = clock()
            found += sum(1 for _ in r.check(doc, ctx))
            if stages is not None:
                stages[r.code] = clock() - s
        if stages is not None:
            stages["read+parse"] = t1 - t0
        return found

    run(data, None)  # warm-up: grammar, knowledge tables, word list
    blob = data.rstrip(b"\n") + b"\n\n"
    blob = blob * times
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stages: dict = {}
    t0, c0 = time.perf_counter(), clock()
    found = run(blob, stages)
    elapsed, cpu = time.perf_counter() - t0, clock() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    top = sorted(stages.items(), key=lambda kv: -kv[1])[:4]
    return {"bytes": len(blob), "seconds": elapsed, "cpu": cpu, "findings": found,
            "peak_mb": peak / 1024, "added_mb": max(0, peak - before) / 1024, "top": top}


def measure(path: Path, times: int, timeout: float) -> dict | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), str(times)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def default_files(shared: Path) -> list[Path]:
    seeds = sorted((shared / "seeds").glob("00[04]_*.txt"), reverse=True)
    corpus = sorted((shared / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    return seeds + corpus[-1:]


START, END = "<!-- scaling:start -->", "<!-- scaling:end -->"


def write_section(path: Path, table: str) -> None:
    """Replace (or add) the scaling section of ``path``; bench/bench.py keeps it when it rewrites."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if START in text and END in text:
        text = text[:text.index(START)] + text[text.index(END) + len(END):].lstrip("\n")
    block = (f"{START}\n## Scaling\n\nWritten by `bench/scaling.py` on {time.strftime('%Y-%m-%d %H:%M')}: "
             f"a resolution concatenated 1, 10 and 100 times, read, parsed and linted in a fresh process "
             f"(times in CPU seconds of that process, and wall-clock).\n\n{table}\n{END}\n")
    path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")
    print(f"written to {path}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--times", default="1,10,100", help="comma-separated copy counts")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per size (a hang shows)")
    ap.add_argument("--write", type=Path, nargs="?", const=ROOT / "bench" / "RESULTS.md",
                    help="put the table in the scaling section of this file (default bench/RESULTS.md)")
    ap.add_argument("--child", nargs=2, metavar=("FILE", "TIMES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0
    files = args.files or default_files(args.shared)
    if not files:
        print("no input: give FILE or --shared", file=sys.stderr)
        return 2
    counts = sorted(int(x) for x in args.times.split(","))
    head = (f"{'file':<28}{'copies':>7}{'MB':>7}{'wall s':>8}{'CPU s':>8}{'CPU s/MB':>9}"
            f"{'peak MB':>9}{'MB/MB':>7}  slowest stages (CPU s)")
    print(head)
    md = ["| file | copies | MB | wall s | CPU s | CPU s/MB | peak RSS MB | verdict |",
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for path in files:
        per_mb = {}
        for n in counts:
            r = measure(path, n, args.timeout)
            name = path.name[:27]
            if "timeout" in r or "error" in r:
                print(f"{name:<28}{n:>7}  {'TIMEOUT after %ds' % r['timeout'] if 'timeout' in r else r['error']}")
                md.append(f"| {name} | {n} | | | | | | {'timeout' if 'timeout' in r else 'error'} |")
                break
            mb = r["bytes"] / 1e6
            per_mb[n] = r["cpu"] / mb
            top = ", ".join(f"{k} {v:.2f}" for k, v in r["top"])
            print(f"{name:<28}{n:>7}{mb:>7.2f}{r['seconds']:>8.2f}{r['cpu']:>8.2f}{per_mb[n]:>9.2f}"
                  f"{r['peak_mb']:>9.0f}{r['added_mb'] / mb:>7.0f}  {top}")
            md.append(f"| {name} | {n} | {mb:.2f} | {r['seconds']:.2f} | {r['cpu']:.2f} | {per_mb[n]:.2f} "
                      f"| {r['peak_mb']:.0f} | |")
        if len(per_mb) >= 2:
            big, *rest = sorted(per_mb, reverse=True)
            near = rest[0]  # the next size down: x1 carries fixed costs and is the noisiest
            growth = per_mb[big] / per_mb[near]
            verdict = "linear" if growth < 1.3 else "SUPERLINEAR: profile it"
            print(f"{'':<28}CPU per MB x{big} / x{near}: {growth:.2f} ({verdict})")
            md[-1] = md[-1][:-3] + f"| x{big}/x{near} CPU per MB {growth:.2f}: {verdict} |"
    print("\n(peak MB: the process's peak resident memory; MB/MB: what the run added to it, per MB of input)")
    if args.write:
        write_section(args.write, "\n".join(md))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
