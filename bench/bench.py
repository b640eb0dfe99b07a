"""Side-by-side benchmark: unlint and the tools a user would try instead, same run, same files.

    python bench/bench.py [--shared ../shared] [--sample 40] [--repeat 15] [--write bench/README.md]

Inputs: the two seeds and every document of ``shared/corpus`` (text and Markdown; PDFs too for
unlint when its PDF reader is installed: the peers cannot read them). Measured:

* unlint in-process: each document read, parsed and linted with every default rule, after a
  warm-up (median of ``--repeat`` runs for seed 004, one run per document for the rest);
* a fresh process per file, the way an editor or pre-commit runs a linter on one file: unlint,
  codespell and proselint, on the same sample of files (the seeds and ``--sample`` others,
  spread over the sizes); the median per document and MB/s;
* the whole set in one process per tool (``unlint DIR``, ``codespell FILES``, ``proselint check
  FILES``), and unlint with ``--jobs N`` and its cached re-run when this unlint has them;
* ``unlint --version``.

codespell and proselint come from PyPI, installed in the bench's own virtual environment
(``$UNLINT_BENCH_VENV``, default ``~/.cache/unlint-bench/venv``, made on first use); both run
offline. The ratios are unlint / peer: below 1 unlint is faster. It prints a table and, with
``--write``, stores it as Markdown (bench/README.md, which the README links to). It measures;
it does not fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSOLE = "import sys; from unlint.cli import main; sys.exit(main())"
PEERS = {"codespell": "codespell==2.4.3", "proselint": "proselint==0.16.0"}
TEXT = (".txt", ".md")


# ---- environments and commands

def peers_venv(make: bool) -> dict[str, Path]:
    """The peers' executables, from the bench's own virtual environment (made if asked)."""
    venv = Path(os.environ.get("UNLINT_BENCH_VENV", Path.home() / ".cache" / "unlint-bench" / "venv"))
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
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's unlint
    return env


UNLINT = [sys.executable, "-P", "-c", CONSOLE]  # the console script's way: no cwd on sys.path


def unlint_has(option: str) -> bool:
    done = subprocess.run(UNLINT + ["--help"], capture_output=True, text=True, env=unlint_env())
    return option in done.stdout


def commands(peers: dict[str, Path]) -> dict[str, list[str]]:
    out = {"unlint": UNLINT + ["--isolated", "--format", "json"]}
    if "codespell" in peers:
        out["codespell"] = [str(peers["codespell"])]
    if "proselint" in peers:
        out["proselint"] = [str(peers["proselint"]), "check"]
    return out


def run(cmd: list[str], files: list[str], env=None, cwd=None) -> float:
    """Seconds one process takes on ``files`` (its exit status is a finding count: ignored)."""
    t0 = time.perf_counter()
    subprocess.run(cmd + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - t0


# ---- inputs

def inputs(shared: Path, pdfs: bool) -> tuple[list[Path], list[Path]]:
    """(seeds, corpus documents)."""
    seeds = sorted((shared / "seeds").glob("0*.txt"))
    suffixes = TEXT + ((".pdf",) if pdfs else ())
    corpus = sorted(p for p in (shared / "corpus").glob("*") if p.suffix in suffixes)
    return seeds, corpus


def sample(seeds: list[Path], corpus: list[Path], n: int) -> list[Path]:
    """The seeds and ``n`` text documents spread evenly over the sizes (deterministic)."""
    texts = sorted((p for p in corpus if p.suffix in TEXT), key=lambda p: p.stat().st_size)
    if n >= len(texts):
        return seeds + texts
    step = len(texts) / n
    return seeds + [texts[int(i * step + step / 2)] for i in range(n)]


# ---- measurements

def in_process(files: list[Path], repeat: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from unlint.engine import lint_document, load
    from unlint.settings import Settings
    from unlint.source import decode

    try:
        from unlint.source import open_source
    except ImportError:
        open_source = decode
    settings = Settings()

    def lint(path: Path, data: bytes) -> None:
        lint_document(load(open_source(str(path), data)), settings)

    blobs = {p: p.read_bytes() for p in files}
    t0 = time.perf_counter()
    for p in files[:3]:
        lint(p, blobs[p])
    first = time.perf_counter() - t0
    per_doc, failed = [], 0
    for p in files:
        t0 = time.perf_counter()
        try:
            lint(p, blobs[p])
        except Exception:  # noqa: BLE001 - an input error (a PDF without its reader): not timed
            failed += 1
            continue
        per_doc.append(time.perf_counter() - t0)
    seed4 = next((p for p in files if p.name.startswith("004")), None)
    seed4_ms = None
    if seed4:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            lint(seed4, blobs[seed4])
            times.append(time.perf_counter() - t0)
        seed4_ms = statistics.median(times) * 1000
    size = sum(len(b) for b in blobs.values())
    return {"median_ms": statistics.median(per_doc) * 1000, "total": sum(per_doc), "mb": size / 1e6,
            "seed4_ms": seed4_ms, "warmup": first, "failed": failed}


def fresh_per_file(cmd: list[str], files: list[Path], env=None, cwd=None) -> dict:
    times = [run(cmd, [str(p)], env=env, cwd=cwd) for p in files]
    size = sum(p.stat().st_size for p in files)
    return {"median_ms": statistics.median(times) * 1000, "mb_s": size / 1e6 / sum(times),
            "by_file": dict(zip(files, times))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sample", type=int, default=40, help="corpus files run one process each (and the seeds)")
    ap.add_argument("--repeat", type=int, default=15, help="in-process runs of seed 004")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-peers", action="store_true", help="unlint alone (no PyPI install)")
    ap.add_argument("--write", type=Path, help="write the Markdown table here (bench/README.md)")
    args = ap.parse_args(argv)

    pdfs = (ROOT / "unlint" / "readers" / "pdf.py").exists()
    seeds, corpus = inputs(args.shared, pdfs)
    if not seeds and not corpus:
        print(f"no input under {args.shared}: give --shared", file=sys.stderr)
        return 2
    peers = {} if args.no_peers else peers_venv(make=True)
    cmds = commands(peers)
    env = unlint_env()
    texts = seeds + [p for p in corpus if p.suffix in TEXT]
    picked = sample(seeds, corpus, args.sample)
    rows: list[tuple[str, str, str]] = []  # (measure, value, note)

    # unlint in-process
    ip = in_process(seeds + corpus, args.repeat)
    rows.append(("unlint in-process, per document (median, after warm-up)", f"{ip['median_ms']:.1f} ms",
                 f"{len(seeds) + len(corpus) - ip['failed']} documents, {ip['mb'] / ip['total']:.2f} MB/s"))
    if ip["seed4_ms"] is not None:
        rows.append(("unlint in-process, seed 004 (74 KB) read, parsed, linted", f"{ip['seed4_ms']:.1f} ms",
                     "target < 30 ms"))

    # a fresh process per file, same files for every tool
    no_cache = ["--no-cache"] if unlint_has("--no-cache") else []
    with tempfile.TemporaryDirectory() as tmp:  # nothing written into the checkout
        fresh = {name: fresh_per_file(cmd + (no_cache if name == "unlint" else []), picked,
                                      env if name == "unlint" else None, cwd=tmp)
                 for name, cmd in cmds.items()}
    for name, r in fresh.items():
        rows.append((f"{name}, fresh process per file (median)", f"{r['median_ms']:.0f} ms",
                     f"{len(picked)} files, {r['mb_s']:.2f} MB/s"))
    seed4 = next((p for p in picked if p.name.startswith("004")), None)
    if seed4:
        for name, r in fresh.items():
            rows.append((f"{name}, fresh process on seed 004", f"{r['by_file'][seed4] * 1000:.0f} ms", ""))
    for peer in ("codespell", "proselint"):
        if peer in fresh:
            ratio = fresh["unlint"]["median_ms"] / fresh[peer]["median_ms"]
            target = "target <= 1" if peer == "codespell" else "target <= 0.33"
            rows.append((f"ratio unlint / {peer}, fresh process per file", f"{ratio:.2f}", target))

    # the whole set, one process per tool
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for p in seeds + corpus:
            os.symlink(p.resolve(), folder / p.name)
        cached = unlint_has("--no-cache")
        plain = cmds["unlint"] + (["--no-cache"] if cached else [])  # every file linted again
        whole = {}
        whole["unlint"] = run(plain, [str(folder)], env=env, cwd=tmp)
        n_all = len(seeds) + len(corpus)
        rows.append(("unlint, whole set in one process", f"{whole['unlint']:.1f} s",
                     f"{n_all} documents ({sum(p.suffix == '.pdf' for p in corpus)} PDF); target < 20 s"))
        if unlint_has("--jobs"):
            t = run(plain + ["--jobs", str(args.jobs)], [str(folder)], env=env, cwd=tmp)
            rows.append((f"unlint --jobs {args.jobs}, whole set", f"{t:.1f} s",
                         f"speed-up {whole['unlint'] / t:.2f}x (target close to {args.jobs}x)"))
        else:
            rows.append((f"unlint --jobs {args.jobs}, whole set", "n/a", "no --jobs in this unlint yet"))
        if cached:  # the result cache lives in .unlint_cache/ of the current folder: tmp
            run(cmds["unlint"], [str(folder)], env=env, cwd=tmp)
            t = run(cmds["unlint"], [str(folder)], env=env, cwd=tmp)
            rows.append(("unlint, whole set again with its cache", f"{t:.1f} s", "files unchanged"))
        else:
            rows.append(("unlint, whole set again with its cache", "n/a", "no result cache in this unlint yet"))
        text_files = [str(folder / p.name) for p in texts]
        for name in ("codespell", "proselint"):
            if name in cmds:
                whole[name] = run(cmds[name], text_files)
                rows.append((f"{name}, the {len(texts)} text documents in one process", f"{whole[name]:.1f} s", ""))
        if len(whole) > 1:
            t_text = run(plain, text_files, env=env, cwd=tmp)
            rows.append((f"unlint, the {len(texts)} text documents in one process", f"{t_text:.1f} s", ""))
            for name in ("codespell", "proselint"):
                if name in whole:
                    rows.append((f"ratio unlint / {name}, text documents in one process",
                                 f"{t_text / whole[name]:.2f}", ""))

    times = [run(UNLINT, ["--version"], env=env) for _ in range(7)]
    rows.append(("unlint --version, fresh process (median of 7)", f"{statistics.median(times) * 1000:.0f} ms",
                 "target well under 100 ms"))

    table = render(rows)
    print(table)
    if args.write:
        write(args.write, table, peers)
    return 0


def render(rows) -> str:
    out = ["| measure | value | note |", "| --- | ---: | --- |"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


def write(path: Path, table: str, peers: dict) -> None:
    versions = []
    for name, exe in peers.items():
        done = subprocess.run([str(exe), "version" if name == "proselint" else "--version"],
                              capture_output=True, text=True)
        versions.append(f"{name} {(done.stdout or done.stderr).strip().split()[-1] if (done.stdout or done.stderr).strip() else '?'}")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    head = text.split("<!-- bench:start -->")[0] if "<!-- bench:start -->" in text else text
    tail = text.split("<!-- bench:end -->", 1)[1] if "<!-- bench:end -->" in text else ""
    block = (f"<!-- bench:start -->\nMeasured {time.strftime('%Y-%m-%d')} on {machine}; "
             f"{', '.join(versions) or 'no peers'}.\n\n{table}\n<!-- bench:end -->")
    path.write_text(head + block + tail, encoding="utf-8")
    print(f"\nwritten to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
