"""The language server's answer time: from an edit to its findings, on seed 004.

Starts ``unlint server`` (adaptive wait, then ``--debounce 0.3``, the old fixed wait), opens
seed 004 as a document, then sends single edits a second apart (a word typed at the end of
a paragraph) and measures, for each, the time from sending the change to the arrival of the
diagnostics of that version. Prints the median and the best of each server.

    python bench/bench_lsp.py [--shared ../shared] [--edits 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    """``unlint server`` in a child process, spoken to over its stdin and stdout."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "unlint", "server", *args], cwd=ROOT,
                                     env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.ids = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline().strip()
            if not line:
                break
            key, _, value = line.decode("ascii").partition(":")
            if key.lower() == "content-length":
                length = int(value)
        message = json.loads(self.proc.stdout.read(length))
        if "method" in message and "id" in message:  # a request from the server: answer it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict) -> dict:
        self.ids += 1
        self.send({"id": self.ids, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.ids and "method" not in message:
                return message

    def diagnostics_of(self, version: int) -> None:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" \
                    and message["params"].get("version") == version:
                return

    def close(self) -> None:
        self.request("shutdown", None)
        self.send({"method": "exit"})
        self.proc.wait(timeout=10)


def answer_times(args: list[str], text: str, edits: int) -> list[float]:
    server = Server(*args)
    server.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
    server.send({"method": "initialized", "params": {}})
    uri = (ROOT / "seed-004.txt").as_uri()  # never written: the document lives in the editor
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    server.diagnostics_of(1)
    times = []
    for version in range(2, edits + 2):
        text = text.replace(";\n", " x;\n", 1)
        time.sleep(1.0)  # a pause in the typing: the edit's own answer is measured
        began = time.perf_counter()
        server.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
        server.diagnostics_of(version)
        times.append(time.perf_counter() - began)
    server.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    text = next((args.shared / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    for label, flags in (("adaptive wait (default)", []), ("fixed wait of 0.3 s", ["--debounce", "0.3"])):
        times = answer_times(flags, text, args.edits)
        print(f"{label}: edit to findings, median {statistics.median(times) * 1000:.0f} ms, "
              f"best {min(times) * 1000:.0f} ms ({len(times)} edits, seed 004)")


if __name__ == "__main__":
    main()
