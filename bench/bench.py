"""Side-by-side benchmark: unlint and the tools a user would try instead, same run, same files.

    python bench/bench.py [--shared ../shared] [--sample N] [--repeat 15] [--jobs 2]
                                     [--no-peers] [--write bench/RESULTS.md | --no-write]

Run it with a Python that has unlint's dependencies (the project's environment); the unlint
measured is always this checkout's (``PYTHONPATH``). Inputs: the two seeds and every document
of ``shared/corpus`` (the PDFs too, for unlint only: the peers read text). Measured, in one run:

* unlint in-process: every document read, parsed and linted with the default rules, once each
  after a warm-up (median per document, by kind); seed 004 the median of ``--repeat`` runs;
* a fresh process per file, as an editor or pre-commit runs a linter on one file: unlint,
  codespell and proselint on the same text files (all of them, or ``--sample N`` spread over
  the sizes, and the seeds): median per document, MB/s, ratios;
* the whole set in one process: ``unlint --no-cache DIR`` with ``--jobs 1`` and ``--jobs N``,
  then ``unlint DIR`` twice in a fresh cache folder (the second run is the cached re-run); and
  the text documents in one process for each tool (``codespell FILES``, ``proselint check
  FILES``, ``unlint FILES``);
* ``unlint --version`` and, for scale, ``python -c pass``.

codespell and proselint come from PyPI, installed in the bench's own virtual environment
(``$UNLINT_BENCH_VENV``, default ``bench/.venv``, made on first use; git ignores it). Ratios are
unlint / peer: below 1 unlint is faster. It prints a table and writes it as Markdown
(bench/RESULTS.md by default). A run of unlint that fails (exit status 2) is reported, not
hidden. It measures; it does not fail. The machine may be shared: the load average is shown.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSOLE = "import sys; from unlint.cli import main; sys.exit(main())"  # the console script's body
PEERS = {"codespell": "codespell==2.4.3", "proselint": "proselint==0.16.0"}
TEXT = (".txt", ".md")
UNLINT = [sys.executable, "-P", "-c", CONSOLE]  # -P: no current folder on sys.path, as a script
PROBLEMS: list[str] = []  # runs that did not do what they should: printed with the table


# ---- environments and commands

def peers_venv(make: bool) -> dict[str, Path]:
    """The peers' executables, from the bench's own virtual environment (made if asked)."""
    venv = Path(os.environ.get("UNLINT_BENCH_VENV", ROOT / "bench" / ".venv"))
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    if make and not all((bin_dir / name).exists() for name in PEERS):
        print(f"installing {', '.join(PEERS.values())} into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", *PEERS.values()])
        if done.returncode:
            print("could not install the peers: they are left out", file=sys.stderr)
    return {name: bin_dir / name for name in PEERS if (bin_dir / name).exists()}


def unlint_env() -> dict:
    """The environment of an unlint process: this checkout's unlint, with its bytecode cached
    as an installed copy has it (PYTHONDONTWRITEBYTECODE would make every process compile
    unlint's modules again: about 0.1 s)."""
    drop = ("NO_COLOR", "UNLINT_DEBUG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's unlint
    return env


def commands(peers: dict[str, Path]) -> dict[str, list[str]]:
    out = {"unlint": UNLINT + ["--isolated", "--format", "json", "--no-cache"]}
    if "codespell" in peers:
        out["codespell"] = [str(peers["codespell"])]
    if "proselint" in peers:
        out["proselint"] = [str(peers["proselint"]), "check"]
    return out


CPU: list[float] = []  # CPU seconds (user + system) of each run(), in order


def children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def run(cmd: list[str], files: list[str], env=None, cwd=None, what: str = "") -> float:
    """Wall-clock seconds one process takes on ``files`` (its CPU seconds go to ``CPU``: other
    work on a shared machine inflates the first more than the second). Linters exit non-zero
    on findings; unlint's 2 (a usage, input or configuration error) is a failed run, noted."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    done = subprocess.run(cmd + files, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    took = time.perf_counter() - t0
    CPU.append(children_cpu() - c0)
    if cmd[:len(UNLINT)] == UNLINT and done.returncode not in (0, 1):
        err = done.stderr.decode(errors="replace").strip().splitlines()
        PROBLEMS.append(f"unlint exit {done.returncode} on {what or ' '.join(files)[:80]}: "
                        f"{err[-1][:160] if err else ''}")
    return took


# ---- inputs

def inputs(shared: Path) -> tuple[list[Path], list[Path]]:
    """(seeds, corpus documents)."""
    seeds = sorted((shared / "seeds").glob("0*.txt"))
    corpus = sorted(p for p in (shared / "corpus").glob("*") if p.suffix in TEXT + (".pdf",))
    return seeds, corpus


def sample(seeds: list[Path], corpus: list[Path], n: int) -> list[Path]:
    """The seeds and the corpus's text files: all, or ``n`` spread evenly over the sizes."""
    texts = sorted((p for p in corpus if p.suffix in TEXT), key=lambda p: p.stat().st_size)
    if not n or n >= len(texts):
        return seeds + texts
    step = len(texts) / n
    return seeds + [texts[int(i * step + step / 2)] for i in range(n)]


def mb(files) -> float:
    return sum(p.stat().st_size for p in files) / 1e6


# ---- measurements

def in_process(files: list[Path], repeat: int) -> dict:
    blobs = {p: p.read_bytes() for p in files}
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from unlint.engine import lint_document, load_bytes
    from unlint.settings import Settings

    settings = Settings()

    def lint(path: Path, data: bytes) -> None:
        lint_document(load_bytes(str(path), data), settings)

    lint(files[0], blobs[files[0]])  # imports, rule packs, grammar, word list: once per process
    first = time.perf_counter() - t0
    for p in files[1:3]:
        lint(p, blobs[p])
    times: dict[Path, float] = {}
    for p in files:
        t0 = time.perf_counter()
        try:
            lint(p, blobs[p])
        except Exception as exc:  # noqa: BLE001 - an input error (a PDF without its reader): not timed
            PROBLEMS.append(f"in-process: {p.name}: {exc!r}"[:200])
            continue
        times[p] = time.perf_counter() - t0
    seed4 = next((p for p in files if p.name.startswith("004")), None)
    seed4_ms, seed4_cpu = [], []
    if seed4:
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            lint(seed4, blobs[seed4])
            seed4_ms.append((time.perf_counter() - t0) * 1000)
            seed4_cpu.append((time.process_time() - c0) * 1000)
    kinds = {}
    for label, keep in (("text", lambda p: p.suffix in TEXT), ("PDF", lambda p: p.suffix == ".pdf")):
        picked = [p for p in times if keep(p)]
        if picked:
            kinds[label] = {"n": len(picked), "median_ms": statistics.median(times[p] for p in picked) * 1000,
                            "total": sum(times[p] for p in picked),
                            "mb_s": sum(len(blobs[p]) for p in picked) / 1e6 / sum(times[p] for p in picked)}
    return {"times": times, "first": first, "kinds": kinds,
            "seed4_ms": statistics.median(seed4_ms) if seed4_ms else None,
            "seed4_min": min(seed4_ms) if seed4_ms else None,
            "seed4_cpu": statistics.median(seed4_cpu) if seed4_cpu else None}


def fresh_per_file(cmd: list[str], files: list[Path], env=None, cwd=None) -> dict:
    times, cpu = [], []
    for p in files:
        times.append(run(cmd, [str(p)], env=env, cwd=cwd, what=p.name))
        cpu.append(CPU[-1])
    return {"median_ms": statistics.median(times) * 1000, "mb_s": mb(files) / sum(times),
            "cpu_ms": statistics.median(cpu) * 1000, "by_file": dict(zip(files, times)),
            "cpu_by_file": dict(zip(files, cpu))}


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sample", type=int, default=0,
                    help="fresh-process runs on N corpus text files and the seeds (default 0: every text file)")
    ap.add_argument("--repeat", type=int, default=15, help="in-process runs of seed 004")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-peers", action="store_true", help="unlint alone (no PyPI install)")
    ap.add_argument("--write", type=Path, default=ROOT / "bench" / "RESULTS.md", help="the Markdown table")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)

    seeds, corpus = inputs(args.shared)
    if not seeds and not corpus:
        print(f"no input under {args.shared}: give --shared", file=sys.stderr)
        return 2
    load_before = load_average()
    peers = {} if args.no_peers else peers_venv(make=True)
    cmds = commands(peers)
    env = unlint_env()
    every = seeds + corpus
    texts = seeds + [p for p in corpus if p.suffix in TEXT]
    n_pdf = sum(p.suffix == ".pdf" for p in corpus)
    picked = sample(seeds, corpus, args.sample)
    rows: list[tuple[str, str, str]] = []  # (measure, value, note)

    # unlint in-process
    print("in-process ...", file=sys.stderr)
    ip = in_process(every, args.repeat)
    rows.append(("unlint in-process, first document, with the imports and loading", f"{ip['first'] * 1000:.0f} ms",
                 f"{every[0].name[:12]}...: imports, rule packs, grammars, word list"))
    all_times = list(ip["times"].values())
    rows.append(("unlint in-process, per document (median, after warm-up)",
                 f"{statistics.median(all_times) * 1000:.1f} ms",
                 f"{len(all_times)} documents, {mb(ip['times']) / sum(all_times):.2f} MB/s"))
    for kind, k in ip["kinds"].items():
        rows.append((f"unlint in-process, per {kind} document (median)", f"{k['median_ms']:.1f} ms",
                     f"{k['n']} documents, {k['mb_s']:.2f} MB/s, {k['total']:.1f} s in all"))
    if ip["seed4_ms"] is not None:
        rows.append(("unlint in-process, seed 004 (74 KB) read, parsed, linted",
                     f"{ip['seed4_ms']:.1f} ms", f"median of {args.repeat} (best {ip['seed4_min']:.1f}, CPU {ip['seed4_cpu']:.1f}); target < 30 ms"))

    # a fresh process per file, the same files for every tool
    print(f"a fresh process per file, {len(picked)} files x {len(cmds)} tools ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:  # nothing written into the checkout
        fresh = {name: fresh_per_file(cmd, picked, env if name == "unlint" else None, cwd=tmp)
                 for name, cmd in cmds.items()}
    for name, r in fresh.items():
        rows.append((f"{name}, fresh process per file (median)", f"{r['median_ms']:.0f} ms",
                     f"{len(picked)} text files ({mb(picked):.1f} MB), {r['mb_s']:.2f} MB/s; "
                     f"CPU {r['cpu_ms']:.0f} ms"))
    seed4 = next((p for p in picked if p.name.startswith("004")), None)
    if seed4:
        for name, r in fresh.items():
            rows.append((f"{name}, fresh process on seed 004", f"{r['by_file'][seed4] * 1000:.0f} ms",
                         f"CPU {r['cpu_by_file'][seed4] * 1000:.0f} ms"))
    for peer, target in (("codespell", "target <= 1"), ("proselint", "target <= 0.33")):
        if peer in fresh:
            ratio = fresh["unlint"]["median_ms"] / fresh[peer]["median_ms"]
            on4 = f"; on seed 004: {fresh['unlint']['by_file'][seed4] / fresh[peer]['by_file'][seed4]:.2f}" if seed4 else ""
            cpu = fresh["unlint"]["cpu_ms"] / fresh[peer]["cpu_ms"]
            rows.append((f"ratio unlint / {peer}, fresh process per file", f"{ratio:.2f}",
                         f"{target}; in CPU time {cpu:.2f}{on4}"))

    # the whole set, one process
    print("the whole set in one process ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for p in every:
            os.symlink(p.resolve(), folder / p.name)
        size = mb(every)
        plain = cmds["unlint"]  # --no-cache: every file linted
        one = run(plain, [str(folder)], env=env, cwd=tmp, what="the whole set")
        rows.append(("unlint, whole set in one process (--jobs 1)", f"{one:.1f} s",
                     f"{len(every)} documents ({n_pdf} PDF, {size:.1f} MB), {size / one:.2f} MB/s; "
                     f"CPU {CPU[-1]:.1f} s; target < 20 s"))
        many = run(plain + ["--jobs", str(args.jobs)], [str(folder)], env=env, cwd=tmp, what="the whole set, -j")
        rows.append((f"unlint --jobs {args.jobs}, whole set", f"{many:.1f} s",
                     f"speed-up {one / many:.2f}x (target close to {args.jobs}x); CPU {CPU[-1]:.1f} s"))
        cached = [c for c in plain if c != "--no-cache"]  # its cache: .unlint_cache/ in cwd (tmp)
        cold = run(cached, [str(folder)], env=env, cwd=tmp, what="the whole set, cache written")
        warm = run(cached, [str(folder)], env=env, cwd=tmp, what="the whole set, cached")
        rows.append(("unlint, whole set, first run with the cache (writes it)", f"{cold:.1f} s", ""))
        rows.append(("unlint, whole set again with its cache", f"{warm:.1f} s",
                     f"files unchanged; {one / warm:.1f}x faster than --no-cache"))
        text_folder = Path(tmp) / "texts"
        text_folder.mkdir()
        for p in texts:
            os.symlink(p.resolve(), text_folder / p.name)
        cold_t = run(cached, [str(text_folder)], env=env, cwd=tmp, what="the text documents, cache written")
        warm_t = run(cached, [str(text_folder)], env=env, cwd=tmp, what="the text documents, cached")
        text_files = [str(folder / p.name) for p in texts]
        whole = {}
        for name, cmd in cmds.items():
            whole[name] = run(cmd, text_files, env=env if name == "unlint" else None, cwd=tmp,
                              what="the text documents")
            rows.append((f"{name}, the {len(texts)} text documents in one process", f"{whole[name]:.1f} s",
                         f"{mb(texts):.1f} MB, {mb(texts) / whole[name]:.2f} MB/s; CPU {CPU[-1]:.1f} s"))
        rows.append(("unlint, the text documents again with its cache", f"{warm_t:.2f} s",
                     f"first run with the cache {cold_t:.1f} s"))
        for name in ("codespell", "proselint"):
            if name in whole:
                rows.append((f"ratio unlint / {name}, text documents in one process",
                             f"{whole['unlint'] / whole[name]:.2f}", ""))

    version = statistics.median(run(UNLINT, ["--version"], env=env) for _ in range(9))
    floor = statistics.median(run([sys.executable, "-c", "pass"], []) for _ in range(9))
    rows.append(("unlint --version, fresh process (median of 9)", f"{version * 1000:.0f} ms",
                 f"target well under 100 ms; `python -c pass` {floor * 1000:.0f} ms"))

    table = render(rows)
    print(table)
    if PROBLEMS:
        print("\nproblems:\n  " + "\n  ".join(PROBLEMS))
    if not args.no_write:
        write(args.write, table, peers, f"{load_before} at the start, {load_average()} at the end")
    return 0


def render(rows) -> str:
    out = ["| measure | value | note |", "| --- | ---: | --- |"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


def write(path: Path, table: str, peers: dict, load: str) -> None:
    versions = []
    for name, exe in peers.items():
        done = subprocess.run([str(exe), "version" if name == "proselint" else "--version"],
                              capture_output=True, text=True)
        words = (done.stdout or done.stderr).split()
        versions.append(f"{name} {words[-1] if words else '?'}")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    problems = "".join(f"\n- {p}" for p in PROBLEMS)
    text = (f"# Benchmark results\n\nWritten by `bench/bench.py` (see [README.md](README.md)) on "
            f"{time.strftime('%Y-%m-%d %H:%M')}, {machine}; {', '.join(versions) or 'no peers'}; "
            f"load average {load}. Ratios are unlint / peer: below 1, unlint is faster.\n\n{table}\n")
    if problems:
        text += f"\nProblems during the run:{problems}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- scaling:start -->", "<!-- scaling:end -->"
    if start in old and end in old:  # bench/scaling.py's section stays
        text += "\n" + old[old.index(start):old.index(end) + len(end)] + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"\nwritten to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
