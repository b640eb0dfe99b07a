"""The adversarial run of ``python scripts/fuzz.py --hostile``: every generator of
tests/hostile_text.py (runs of what the rules look at), tests/hostile_docx.py and
tests/hostile_pdf.py (Word and PDF bombs) and tests/hostile_config.py (configurations, packs and
caches a repository could ship), at ``--scale`` times the size the tests use, each linted in a
fresh process under a 2 GB address-space limit with a time-out; then the language server gets
``--messages`` random frames (garbage, wrong lengths, random JSON, real methods with random
parameters) and must still answer and exit cleanly.

A case fails on a time-out, a traceback, an exit status other than 0, 1 or 2, or more than one
line of error; the exit status is 1 if any case failed.
"""

from __future__ import annotations

import json
import os
import queue
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_config  # noqa: E402
import hostile_docx  # noqa: E402
import hostile_pdf  # noqa: E402
import hostile_run  # noqa: E402
import hostile_text  # noqa: E402


def cases(scale: int):
    """(name, files of a folder, the file to lint, options) for every generator."""
    for name, make in hostile_text.GENERATORS.items():
        suffix, data = make(scale)
        yield f"text/{name}", {f"input{suffix}": data}, f"input{suffix}", ()
    for name, make in hostile_docx.GENERATORS.items():
        yield f"docx/{name}", {"input.docx": make(scale)}, "input.docx", ()
    for name, make in hostile_pdf.GENERATORS.items():
        yield f"pdf/{name}", {"input.pdf": make(scale)}, "input.pdf", ()
    for name, make in hostile_config.GENERATORS.items():
        yield f"config/{name}", make(scale), "draft.md", ("--format", "text")


def run_case(name: str, files: dict, target: str, options: tuple, timeout: float) -> str | None:
    """None if the case passed, else what went wrong."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "repo"
        hostile_config.build(folder, files)
        started = time.monotonic()
        try:
            done = hostile_run.lint(folder / target, *options, timeout=timeout,
                                    env={"XDG_CACHE_HOME": str(Path(tmp) / "cache")})
        except subprocess.TimeoutExpired:
            return f"not done within {timeout:g} s"
        seconds = time.monotonic() - started
        err = done.stderr.decode("utf-8", "replace")
        print(f"  {name}: exit {done.returncode} in {seconds:.1f} s {err.strip()[:100]}", flush=True)
        if "Traceback" in err:
            return "a traceback"
        if done.returncode not in (0, 1, 2):
            return f"exit status {done.returncode}"
        if err.count("\n") > 1:
            return f"{err.count(chr(10))} lines of error"
        if sorted(p.name for p in Path(tmp).iterdir()) not in (["repo"], ["cache", "repo"]):
            return "wrote outside the folder"
    return None


def noise(rng: random.Random) -> bytes:
    """One random frame for the language server."""
    method = rng.choice(["textDocument/hover", "textDocument/codeAction", "textDocument/didOpen",
                         "textDocument/didChange", "textDocument/didClose", "shutdown", "nope", 7, None])
    value = rng.choice([None, -3, 2**40, "x" * rng.randrange(100), [], {}, {"textDocument": 7},
                        {"textDocument": {"uri": rng.choice(["file:///dev/zero", "file:///tmp/none.md"]),
                                          "text": "1. *Decides* [", "version": rng.randrange(-2, 5)},
                         "position": {"line": rng.randrange(-5, 5), "character": rng.randrange(-5, 5)}}])
    message: dict = {"jsonrpc": rng.choice(["2.0", "2.0", "1.0"]), "method": method, "params": value}
    if rng.random() < 0.5:
        message["id"] = rng.choice([rng.randrange(10**6), "s", None, [], 1.5])
    body = json.dumps(message).encode()
    kind = rng.randrange(6)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    if kind == 1:
        return b"Content-Length: %s\r\n\r\n" % rng.choice([b"abc", b"-1", b"99999999999999", b""]) + body
    if kind == 2:
        return b"Content-Length: %d\r\n\r\n" % max(0, len(body) + rng.randrange(-20, 20)) + body
    if kind == 3:
        body = body[: rng.randrange(len(body) + 1)]
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def lsp_noise(messages: int, seed: int, timeout: float) -> str | None:
    """None if the server still answers and exits with 0 after ``messages`` random frames."""
    rng = random.Random(seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "unlint", "server", "--debounce", "0"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    answers: queue.Queue = queue.Queue()

    def read():
        while True:
            length = None
            for line in iter(proc.stdout.readline, b"\r\n"):
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = proc.stdout.read(length or 0)
            if b'"final"' in body:
                answers.put(body)

    threading.Thread(target=read, daemon=True).start()
    try:
        init = json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                           "params": {"processId": os.getpid(), "capabilities": {}}}).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(init), init))
        for _ in range(messages):
            proc.stdin.write(noise(rng))
        # a frame that ends whatever a broken one left open, then the last request
        final = json.dumps({"jsonrpc": "2.0", "id": "final", "method": "shutdown"}).encode()
        proc.stdin.write(b"\r\n\r\n" + b"Content-Length: %d\r\n\r\n%s" % (len(final), final))
        proc.stdin.flush()
        try:
            answers.get(timeout=timeout)
        except queue.Empty:
            return f"no answer to the last request within {timeout:g} s"
        exit_ = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(exit_), exit_))
        proc.stdin.close()
        code = proc.wait(timeout=timeout)
        print(f"  lsp/noise: {messages} frames, seed {seed}, exit {code}", flush=True)
        return None if code in (0, 1) else f"exit status {code}"
    except (BrokenPipeError, subprocess.TimeoutExpired) as exc:
        return f"the server died or hung ({type(exc).__name__})"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main(scale: int, timeout: float, messages: int, seed: int, keyword: str | None) -> int:
    failed = []
    print(f"hostile: scale {scale}, {timeout:g} s per case, seed {seed}", flush=True)
    for name, files, target, options in cases(scale):
        if keyword and keyword not in name:
            continue
        problem = run_case(name, files, target, options, timeout)
        if problem:
            print(f"FAILED {name}: {problem}", flush=True)
            failed.append(name)
    if not keyword or keyword in "lsp/noise":
        problem = lsp_noise(messages, seed, timeout)
        if problem:
            print(f"FAILED lsp/noise: {problem}", flush=True)
            failed.append("lsp/noise")
    print(f"hostile: {len(failed)} failed" + (f": {', '.join(failed)}" if failed else ""), flush=True)
    return 1 if failed else 0
