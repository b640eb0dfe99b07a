"""Does the cost grow linearly? Lint a resolution concatenated 1, 10 and 100 times.

    python bench/scaling.py [FILE ...] [--shared ../shared] [--times 1,10,100] [--timeout 600]

Each size runs in a fresh process (so that peak memory is that size's own): the process warms
up on the file once, then reads, parses and lints the concatenation with every default rule,
and reports the time, the peak resident memory added by that run, and the slowest stages. The
table shows time per MB: it should stay flat. A ratio time(x100) / time(x10) well above 10 is a
quadratic step somewhere (profile it: ``python -m pyinstrument bench/scaling.py --child FILE 10``).

Without FILE: seed 004 (PDF text), seed 000 (Markdown) and the largest corpus text file.
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
    from unlint.engine import active_rules, load
    from unlint.settings import Settings
    from unlint.source import decode

    data = Path(path).read_bytes()
    settings = Settings()
    rules = active_rules(settings)

    def run(blob: bytes, stages: dict | None):
        t0 = time.perf_counter()
        source = decode(path, blob)
        doc = load(source, settings.input_format)
        t1 = time.perf_counter()
        found = 0
        for r in rules:
            s = time.perf_counter()
            found += sum(1 for _ in r.check(doc))
            if stages is not None:
                stages[r.code] = time.perf_counter() - s
        if stages is not None:
            stages["read+parse"] = t1 - t0
        return found

    run(data, None)  # warm-up: grammar, knowledge tables, word list
    blob = data.rstrip(b"\n") + b"\n\n"
    blob = blob * times
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stages: dict = {}
    t0 = time.perf_counter()
    found = run(blob, stages)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    top = sorted(stages.items(), key=lambda kv: -kv[1])[:4]
    return {"bytes": len(blob), "seconds": elapsed, "findings": found,
            "peak_mb": max(0, peak - before) / 1024, "top": top}


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--times", default="1,10,100", help="comma-separated copy counts")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per size (a hang shows)")
    ap.add_argument("--child", nargs=2, metavar=("FILE", "TIMES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0
    files = args.files or default_files(args.shared)
    if not files:
        print("no input: give FILE or --shared", file=sys.stderr)
        return 2
    counts = [int(x) for x in args.times.split(",")]
    print(f"{'file':<30}{'copies':>7}{'MB':>8}{'seconds':>9}{'s/MB':>7}{'peak MB':>9}  slowest stages")
    worst = 0.0
    for path in files:
        per_mb = {}
        for n in counts:
            r = measure(path, n, args.timeout)
            name = path.name[:29]
            if "timeout" in r or "error" in r:
                print(f"{name:<30}{n:>7}  {'TIMEOUT after %ds' % r['timeout'] if 'timeout' in r else r['error']}")
                break
            mb = r["bytes"] / 1e6
            per_mb[n] = r["seconds"] / mb
            top = ", ".join(f"{k} {v:.2f}" for k, v in r["top"])
            print(f"{name:<30}{n:>7}{mb:>8.2f}{r['seconds']:>9.2f}{per_mb[n]:>7.2f}{r['peak_mb']:>9.1f}  {top}")
        if len(per_mb) >= 2:
            lo, hi = min(per_mb), max(per_mb)
            growth = per_mb[hi] / per_mb[lo]
            worst = max(worst, growth)
            verdict = "linear" if growth < 1.5 else "SUPERLINEAR: profile it"
            print(f"{'':<30}time per MB x{hi} / x{lo}: {growth:.2f} ({verdict})")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
