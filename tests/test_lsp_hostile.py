"""``unlint server`` under protocol noise (unlint/lsp_io.py): every request gets an answer, a
broken frame costs one message and never the connection, nothing is read from disk that the
client did not open, a slow document does not block other requests, the server ends with its
client, and its exit code follows the protocol.

Before unlint/lsp_io.py, each of these went unanswered or left the server deaf: invalid
parameters, ``Content-Length: abc``, a wrong length, ``Content-Length: 1000000000000``
(MemoryError), a hover on a never-opened ``file:///dev/zero`` (read whole) or a FIFO (blocked for
good), requests after ``shutdown``, a dead client process; and the exit code was always 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_lsp import TIMEOUT, Client, initialize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / ".unlint.yaml").write_text("select: [ST]\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(workspace):
    c = Client(workspace, "--debounce", "0")
    initialize(c, workspace)
    yield c
    c.close()


def answer(client: Client, msg_id, timeout: float = TIMEOUT) -> dict:
    """The response to request ``msg_id`` (with its error, if any)."""
    deadline = time.monotonic() + timeout
    while True:
        message = client._next(deadline)
        if message.get("id") == msg_id and "method" not in message:
            return message
        if "method" in message:
            client.seen.append(message)


def request(client: Client, msg_id, method: str, params) -> dict:
    client.send({"id": msg_id, "method": method, "params": params})
    return answer(client, msg_id)


def raw(client: Client, data: bytes) -> None:
    client.proc.stdin.write(data)
    client.proc.stdin.flush()


def frame(message: dict, length: int | None = None) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body) if length is None else length, body)


def still_answers(client: Client, msg_id: int) -> None:
    assert request(client, msg_id, "workspace/symbol", {"query": ""}).get("error", {}).get("code") == -32601


def hover_at(uri: str, line: int = 0, character: int = 0) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


@pytest.mark.parametrize("params", [hover_at("file:///x.md", -3), None, {"textDocument": 7}])
def test_invalid_parameters_get_an_invalid_params_error(client, params):
    error = request(client, 1, "textDocument/hover", params)["error"]
    assert error["code"] == -32602 and "textDocument/hover" in error["message"]
    still_answers(client, 2)


def test_a_body_that_is_not_json_gets_a_parse_error(client):
    raw(client, b"Content-Length: 9\r\n\r\n{not json")
    assert answer(client, None)["error"]["code"] == -32700
    still_answers(client, 2)


@pytest.mark.parametrize("header", [b"Content-Length: abc\r\n\r\n", b"Content-Length: -5\r\n\r\n",
                                    b"Content-Length: 1000000000000\r\n\r\n", b"Content-Type: x\r\n\r\n"])
def test_a_frame_without_a_valid_length_costs_one_message(client, header):
    raw(client, header + json.dumps({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}).encode())
    still_answers(client, 2)


def test_a_message_declared_too_long_is_taken_when_the_client_waits(client):
    raw(client, frame({"id": 1, "method": "workspace/symbol", "params": {"query": ""}}, length=500))
    assert answer(client, 1)["error"]["code"] == -32601  # answered, not waited for
    still_answers(client, 2)


def test_a_message_declared_too_short_costs_that_message_only(client):
    raw(client, frame({"id": 1, "method": "workspace/symbol", "params": {"query": ""}}, length=20))
    still_answers(client, 2)


def test_a_message_too_large_is_skipped_without_holding_it(client):
    raw(client, b"Content-Length: %d\r\n\r\n" % (80 << 20))
    chunk = b" " * (1 << 20)
    for _ in range(80):
        raw(client, chunk)
    still_answers(client, 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_documents_the_client_did_not_open_are_not_read(client, workspace):
    fifo = workspace / "pipe.md"
    os.mkfifo(fifo)
    for msg_id, uri in enumerate(["file:///dev/zero", fifo.as_uri(), (workspace / "none.md").as_uri()], 1):
        assert request(client, msg_id, "textDocument/hover", hover_at(uri))["result"] is None
        action = {**hover_at(uri), "range": {"start": {"line": 0, "character": 0},
                                             "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}
        del action["position"]
        assert request(client, msg_id + 10, "textDocument/codeAction", action)["result"] == []


def test_a_slow_document_does_not_block_other_requests(client, workspace):
    text = (ROOT / "examples" / "draft-crime-prevention-2017.md").read_text(encoding="utf-8") * 40
    uri = (workspace / "big.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                            "version": 1, "text": text}})
    client.send({"id": 1, "method": "textDocument/hover", "params": hover_at("file:///dev/zero")})
    order = []
    deadline = time.monotonic() + 4 * TIMEOUT
    while len(order) < 2:
        message = client._next(deadline)
        if message.get("id") == 1:
            order.append("hover")
        elif message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            order.append("lint")
    assert order == ["hover", "lint"]  # the hover did not wait for the lint of seconds


def test_an_edit_supersedes_the_lint_of_the_text_before(client, workspace):
    uri = (workspace / "draft.md").as_uri()
    text = (ROOT / "examples" / "draft-crime-prevention-2017.md").read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                            "version": 1, "text": text * 10}})
    for version in range(2, 6):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text * 10 + " " * version}]})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p.get("version") == 5,
                                timeout=4 * TIMEOUT)
    assert published["diagnostics"]
    assert len([m for m in client.seen if m["method"] == "textDocument/publishDiagnostics"]) < 5


def test_requests_after_shutdown_get_invalid_request_and_exit_is_0(client):
    assert "error" not in request(client, 1, "shutdown", None)
    assert request(client, 2, "textDocument/hover", hover_at("file:///x.md"))["error"]["code"] == -32600
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_exit_without_shutdown_is_1(client):
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 1


def test_the_server_ends_when_its_client_process_is_gone(workspace):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    c = Client(workspace)
    try:
        c.send({"id": 1, "method": "initialize",
                "params": {"processId": gone.pid, "rootUri": workspace.as_uri(), "capabilities": {}}})
        assert c.proc.wait(timeout=TIMEOUT) == 1
    finally:
        c.close()
