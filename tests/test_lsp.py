"""``unlint server`` end to end: the server runs as a subprocess and this test speaks JSON-RPC
to it over stdio as an editor does (Content-Length framing), with a timeout on every wait.

It checks the diagnostics and their ranges in UTF-16 code units on lines with non-ASCII
characters (an accented letter, a letter outside the Basic Multilingual Plane, an emoji), the
debouncing of changes, the quick fixes and "fix all" edits, the hover text, and that the
workspace's configuration file is used and re-read.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls, a dependency of unlint")

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20.0  # seconds for any one answer; the whole test takes about a second

DRAFT = """The General Assembly,

*Recalling* the Convention on the Rights of the Child, the ‘𝒞’ édition.

1. *Decides* to proclaim 5 September the International Day of Charity 😀.

2. *Requests* a report;
"""


class Client:
    """A minimal LSP client: requests, notifications, and the messages the server sends."""

    def __init__(self, cwd: Path, *args: str):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "unlint", "server", *args], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.seen: list[dict] = []  # notifications not yet consumed by wait_for
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(stream.read(int(headers["content-length"])).decode("utf-8")))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def _next(self, deadline: float) -> dict:
        try:
            message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError("the server did not answer in time") from None
        if message is None:
            raise AssertionError(f"the server exited: {self.proc.stderr.read().decode(errors='replace')}")
        if "method" in message and "id" in message:  # a request from the server: answer it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            if "method" in message:
                self.seen.append(message)

    def wait_for(self, method: str, match=lambda params: True, timeout: float = TIMEOUT) -> dict:
        for i, message in enumerate(self.seen):
            if message["method"] == method and match(message["params"]):
                return self.seen.pop(i)["params"]
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message.get("method") == method and match(message["params"]):
                return message["params"]
            if "method" in message:
                self.seen.append(message)

    def drain(self, seconds: float) -> list[dict]:
        """Every notification that arrives within ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                message = self._next(deadline)
            except AssertionError:
                break
            if "method" in message:
                self.seen.append(message)
        found, self.seen = self.seen, []
        return found

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()


def utf16(line: str, index: int) -> int:
    return len(line[:index].encode("utf-16-le")) // 2


def position(text: str, needle: str, occurrence_from: int = 0) -> tuple[int, int, int]:
    """(line, UTF-16 character, code-point column) of ``needle`` in ``text``."""
    offset = text.index(needle, occurrence_from)
    line = text.count("\n", 0, offset)
    line_text = text.splitlines()[line]
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line, utf16(line_text, column), column


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) as an editor does."""
    lines = text.split("\n")

    def offset(pos):
        line = lines[pos["line"]]
        units, i = 0, 0
        while i < len(line) and units < pos["character"]:
            units += len(line[i].encode("utf-16-le")) // 2
            i += 1
        return sum(len(x) + 1 for x in lines[: pos["line"]]) + i

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        text = text[: offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]):]
    return text


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / ".unlint.yaml").write_text("select: [ST002, ST003]\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(workspace):
    c = Client(workspace, "--debounce", "0.3")
    yield c
    c.close()


def initialize(client: Client, workspace: Path) -> dict:
    result = client.request("initialize", {
        "processId": os.getpid(), "rootUri": workspace.as_uri(),
        "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True},
                                          "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                                              "valueSet": ["quickfix", "source.fixAll"]}}},
                                          "hover": {"contentFormat": ["markdown", "plaintext"]}}},
        "workspaceFolders": [{"uri": workspace.as_uri(), "name": "ws"}],
    })
    client.notify("initialized", {})
    return result


def by_code(params: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for d in params["diagnostics"]:
        out.setdefault(d["code"], []).append(d)
    return out


def test_editor_session(client, workspace):
    capabilities = initialize(client, workspace)["capabilities"]
    assert capabilities["textDocumentSync"]["openClose"] is True
    assert capabilities["textDocumentSync"]["change"] == 1  # full text on every change
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["hoverProvider"]
    assert "quickfix" in capabilities["codeActionProvider"]["codeActionKinds"]

    uri = (workspace / "draft.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert published["version"] == 1
    found = by_code(published)
    assert sorted(found) == ["ST002", "ST003"]  # only the rules the workspace's config selects

    # ST003 on the preambular line: "édition." after "𝒞" (2 UTF-16 units, 1 code point)
    line, character, column = position(DRAFT, "n.\n", DRAFT.index("édition"))
    character += 1  # the "." after the "n"
    assert character != column + 1  # the test means something: UTF-16 differs from code points
    (st003,) = found["ST003"]
    assert st003["range"] == {"start": {"line": line, "character": character},
                              "end": {"line": line, "character": character + 1}}
    assert st003["severity"] == 1 and st003["source"] == "unlint"

    # ST002 on operative 1: the "." after the emoji (2 UTF-16 units)
    op1, op2 = sorted(found["ST002"], key=lambda d: d["range"]["start"]["line"])
    line1, char1, column1 = position(DRAFT, "😀.")
    char1 += 2  # past the emoji: 2 UTF-16 units, 1 code point
    assert op1["range"]["start"] == {"line": line1, "character": char1}
    assert char1 == column1 + 2 and op1["range"]["end"]["character"] == char1 + 1
    assert op2["range"]["start"]["line"] == line1 + 2

    # a quick fix for the ST002 finding: its edit, at the UTF-16 position
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": op1["range"],
        "context": {"diagnostics": [op1], "only": ["quickfix"]}})
    (action,) = [a for a in actions if "[ST002]" in a["title"]]
    assert action["kind"] == "quickfix" and action["isPreferred"] is True
    (edit,) = action["edit"]["changes"][uri]
    assert edit == {"range": op1["range"], "newText": ";"}
    fixed = apply_edits(DRAFT, [edit])
    assert "Charity 😀;\n" in fixed

    # five changes in a burst: linted once, for the last version (debounced)
    started = time.monotonic()
    for version in range(2, 7):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": fixed}]})
    burst = time.monotonic() - started
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    later = [m for m in client.drain(0.6) if m["method"] == "textDocument/publishDiagnostics"]
    if burst < 0.2:  # the five writes took far less than the debounce delay
        assert published["version"] == 6 and later == []
    found = by_code(published)
    assert [d["range"]["start"]["line"] for d in found["ST002"]] == [line1 + 2]  # the fixed one is gone

    # hover over the remaining finding: the message and the rule's documentation
    (remaining,) = found["ST002"]
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": remaining["range"]["start"]})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**ST002** `operative-ending` (error): the last operative")
    assert "**Why.**" in hover["contents"]["value"]
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 1}}) is None

    # "fix all": every safe fix, applied until stable, as one edit
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    (fix_all,) = actions
    assert fix_all["kind"] == "source.fixAll.unlint"
    all_fixed = apply_edits(fixed, fix_all["edit"]["changes"][uri])
    assert all_fixed == (DRAFT.replace("édition.", "édition,").replace("😀.", "😀;")
                         .replace("a report;", "a report."))

    # the workspace's config is read again: select only ST003 and save
    (workspace / ".unlint.yaml").write_text("select: [ST003]\n", encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert sorted(by_code(published)) == ["ST003"]

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    closed = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert closed["diagnostics"] == []

    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_broken_config_is_shown_not_fatal(client, workspace):
    (workspace / ".unlint.yaml").write_text("selct: [ST]\n", encoding="utf-8")
    initialize(client, workspace)
    uri = (workspace / "draft.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    (d,) = published["diagnostics"]
    assert "unknown key 'selct'" in d["message"] and d["range"]["start"] == {"line": 0, "character": 0}
    shown = client.wait_for("window/showMessage")
    assert shown["type"] == 1 and "selct" in shown["message"]
    # an unsaved document (no file) is linted with the workspace's config and its language
    (workspace / ".unlint.yaml").write_text("select: [ST002]\n", encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": DRAFT}})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == "untitled:Untitled-1")
    assert sorted(by_code(published)) == ["ST002"]
    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_utf8_position_encoding_when_the_client_prefers_it(workspace):
    c = Client(workspace, "--debounce", "0")
    try:
        result = c.request("initialize", {"processId": None, "rootUri": workspace.as_uri(),
                                          "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}})
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        c.notify("initialized", {})
        uri = (workspace / "draft.md").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}})
        published = c.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        (st003,) = by_code(published)["ST003"]
        line_text = DRAFT.splitlines()[st003["range"]["start"]["line"]]
        column = line_text.index("édition.") + len("édition")
        assert st003["range"]["start"]["character"] == len(line_text[:column].encode("utf-8"))
    finally:
        c.close()


def test_version_does_not_import_pygls():
    script = "import sys; from unlint.cli import main; main(['--version']); print('pygls' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.stdout.splitlines()[-1] == "False"


def test_readme_editor_snippets_start_this_server():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Editors", 1)[1].split("\n## ", 1)[0]
    blocks = dict(re.findall(r"```(\w+)\n(.*?)```", section, re.S))
    assert '{ command: "unlint", args: ["server"] }' in blocks["js"]
    assert '"vscode-languageclient"' in blocks["jsonc"]
    assert 'cmd = { "unlint", "server" }' in blocks["lua"] and 'vim.lsp.enable("unlint")' in blocks["lua"]
    assert '("unlint" "server")' in blocks["elisp"]
    done = subprocess.run([sys.executable, "-m", "unlint", "server", "--help"], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert done.returncode == 0 and "--debounce" in done.stdout


def test_a_base_text_given_to_the_server_marks_changes_and_stale_references(tmp_path):
    (tmp_path / ".unlint.yaml").write_text("select: [CP]\n", encoding="utf-8")
    base = "The General Assembly,\n\n1. *Decides* to act;\n\n2. *Requests* a report on paragraph 1 above.\n"
    draft = ("The General Assembly,\n\n1. *Welcomes* the report;\n\n2. *Decides* to act;\n\n"
             "3. *Requests* a report on paragraph 1 above.\n")
    (tmp_path / "base.md").write_text(base, encoding="utf-8")
    c = Client(tmp_path, "--debounce", "0.1")
    try:
        c.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                                 "capabilities": {}, "initializationOptions": {"base": "base.md"}})
        c.notify("initialized", {})
        uri = (tmp_path / "draft.md").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": draft}})
        published = c.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        found = [(d.get("code"), d["severity"], d["range"]["start"]["line"], d["message"])
                 for d in published["diagnostics"]]
        assert sorted(found, key=lambda f: f[2]) == [
            (None, 4, 2, "OP1 added since the base text"),
            ("CP001", 1, 6, "paragraph 1 of the base text is paragraph 2 of the draft (same): 'Decides to act;'"),
        ]
    finally:
        c.close()


def test_a_markdown_finding_can_be_disabled_on_its_line(client, workspace):
    initialize(client, workspace)
    uri = (workspace / "draft.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}})
    published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    op1 = min(by_code(published)["ST002"], key=lambda d: d["range"]["start"]["line"])
    assert op1["codeDescription"]["href"].endswith("/ST002.md")  # the rule's page, shipped
    assert Path(op1["codeDescription"]["href"].removeprefix("file://")).is_file()
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": op1["range"],
        "context": {"diagnostics": [op1], "only": ["quickfix"]}})
    (disable,) = [a for a in actions if a["title"] == "unlint: disable ST002 on this line"]
    (edit,) = disable["edit"]["changes"][uri]
    line = op1["range"]["start"]["line"]
    assert edit == {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                    "newText": "<!-- unlint-disable-next-line ST002 -->\n"}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": apply_edits(DRAFT, [edit])}]})
    again = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p["version"] == 2)
    assert [d["range"]["start"]["line"] for d in by_code(again)["ST002"]] == [
        d["range"]["start"]["line"] + 1 for d in by_code(published)["ST002"] if d is not op1]


def test_the_wait_after_a_change_follows_the_documents_lint_time():
    """Half the last lint time, between 0.02 s and 0.3 s; --debounce fixes it."""
    pytest.importorskip("pygls")
    from unlint.lsp import build_server

    server = build_server()
    assert server.delay("file:///new.md") == 0.3  # not linted yet: the longest wait
    server.lint_time.update({"file:///quick.md": 0.004, "file:///seed.md": 0.1, "file:///huge.md": 2.0})
    assert [server.delay(f"file:///{n}.md") for n in ("quick", "seed", "huge")] == [0.02, 0.05, 0.3]
    fixed = build_server(0.5)
    fixed.lint_time["file:///seed.md"] = 0.1
    assert fixed.delay("file:///seed.md") == 0.5
