"""The language server's transport: what stands between the client's bytes and pygls.

pygls reads ``Content-Length`` frames and trusts them: a length that is not a number, or a
wrong one, leaves it reading the wrong bytes for good; a length of a terabyte is allocated;
a request whose parameters do not validate, or any request after ``shutdown``, is dropped
without an answer, and the client waits for ever. :class:`Frames` is the stdin pygls reads
(``readline`` and ``read``, its reader interface); it reads the client's bytes itself and
hands pygls only whole, well-formed frames:

* a header block without a valid ``Content-Length`` (digits, at most :data:`MAX_MESSAGE`
  bytes) is dropped, and reading starts again at the next ``Content-Length`` header; a message
  that is too long is skipped without being held in memory; when a message declared longer
  than it is stalls (no byte for :data:`STALL` seconds), the JSON value it holds is taken, or
  the skipping ends;
* a body that is not JSON gets a parse error (-32700), a request whose parameters do not
  validate an invalid-params error (-32602), a request after ``shutdown`` an invalid-request
  error (-32600), each written at once through :class:`Output`;
* the ``processId`` of ``initialize`` is watched: the server ends when its client is gone.

:class:`Output` is the stdout pygls writes to: one lock, so that a message is written whole
whoever writes it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import select
import sys
import threading

MAX_MESSAGE = 64 << 20  # bytes in one message from the client (a document of a few MB)
MAX_HEADER = 8192  # bytes in one header line
STALL = 1.0  # seconds without bytes after which a body declared too long is taken as it is
WATCH = 3.0  # seconds between two looks at the client's process

_LENGTH = re.compile(rb"content-length:[ \t]*([^\r\n]*)", re.IGNORECASE)
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602
log = logging.getLogger("unlint.server")


class Output:
    """The client's stdout, written one whole message at a time."""

    def __init__(self, stream):
        self.stream = stream
        self.lock = threading.Lock()

    def write(self, data: bytes) -> None:
        with self.lock:
            self.stream.write(data)
            self.stream.flush()

    def flush(self) -> None:
        pass

    def close(self) -> None:
        with self.lock:
            self.stream.close()

    def error(self, msg_id, code: int, message: str) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})
        self.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body.encode("ascii")))


class Frames:
    """The stdin pygls reads: whole, well-formed frames only (module docstring). ``check`` is
    called with each request (a dict) and raises ValueError when its parameters do not
    validate."""

    def __init__(self, fd: int, out: Output, check):
        self.fd = fd
        self.out = out
        self.check = check
        self.buf = bytearray()
        self.eof = False
        self.ready = b""  # the frame pygls is reading
        self.shutdown = False  # the client asked to shut down
        self.exited = False  # ... and then to exit

    # ---- pygls's reader interface

    def readline(self) -> bytes:
        if not self.ready:
            self.ready = self._frame()
        end = self.ready.find(b"\n") + 1 or len(self.ready)
        line, self.ready = self.ready[:end], self.ready[end:]
        return line

    def read(self, n: int) -> bytes:
        data, self.ready = self.ready[:n], self.ready[n:]
        return data

    # ---- reading the client's bytes

    def _fill(self, wait: float | None = None) -> bool:
        """Read what the client sent; False at the end of input or after ``wait`` seconds
        without a byte."""
        if self.eof:
            return False
        if wait is not None and sys.platform != "win32":
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                return False
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _line(self) -> bytes | None:
        """The next header line (at most MAX_HEADER bytes), None at the end of input."""
        while True:
            end = self.buf.find(b"\n", 0, MAX_HEADER)
            if end >= 0 or len(self.buf) >= MAX_HEADER:
                end = end + 1 if end >= 0 else MAX_HEADER
                line = bytes(self.buf[:end])
                del self.buf[:end]
                return line
            if not self._fill():
                if not self.buf:
                    return None
                line = bytes(self.buf)
                self.buf.clear()
                return line

    def _frame(self) -> bytes:
        """The next well-formed frame for pygls (b"" at the end of input)."""
        while True:
            body = self._message()
            if body is None:
                return b""
            if self._admit(body):
                return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    def _message(self) -> bytes | None:
        """The body of the next message with a valid length; None at the end of input."""
        while True:
            length = None
            started = False
            while True:
                line = self._line()
                if line is None:
                    return None
                found = _LENGTH.search(line)
                if found is not None and not started and found.start():
                    log.error("unlint server: %d bytes before a header were skipped", found.start())
                if found is not None:
                    started = True
                    value = found.group(1).strip()
                    length = int(value) if value.isdigit() and len(value) < 12 else -1
                elif not line.strip() and started:
                    break
            if 0 <= length <= MAX_MESSAGE:
                return self._body(length)
            if length > MAX_MESSAGE:
                log.error("unlint server: a message of %d bytes was skipped (at most %d)", length, MAX_MESSAGE)
                self._skip(length)
            else:
                log.error("unlint server: a message without a valid Content-Length was skipped")

    def _body(self, length: int) -> bytes:
        while len(self.buf) < length:
            if self._fill(STALL):
                continue
            if self.eof:
                break
            whole = self._whole_json()
            if whole is not None:  # declared longer than it is: take the JSON value it holds
                log.error("unlint server: a message declared %d bytes long held %d", length, whole)
                length = whole
                break
        body = bytes(self.buf[:length])
        del self.buf[:length]
        return body

    def _whole_json(self) -> int | None:
        """The bytes of the JSON value the waiting bytes begin with; None if it is not whole."""
        text = self.buf.decode("utf-8", "surrogateescape")
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except (ValueError, RecursionError):
            return None
        return len(text[:end].encode("utf-8", "surrogateescape"))

    def _skip(self, length: int) -> None:
        """Drop ``length`` bytes as they come; stop early when the client waits (the length
        was wrong: what follows is read as headers again)."""
        while length > len(self.buf):
            length -= len(self.buf)
            self.buf.clear()
            if not self._fill(STALL):
                return
        del self.buf[:length]

    # ---- what pygls would drop without an answer

    def _admit(self, body: bytes) -> bool:
        """Whether pygls should see this message; answers it here when not."""
        try:
            message = json.loads(body)
        except (ValueError, RecursionError) as exc:
            self.out.error(None, PARSE_ERROR, f"Parse error: {exc}")
            return False
        if not isinstance(message, dict):
            self.out.error(None, INVALID_REQUEST, "Invalid request: not a JSON object")
            return False
        method, msg_id = message.get("method"), message.get("id")
        if method == "exit":
            self.exited = True
            return True
        if method is None or "id" not in message:
            return True  # a notification or a response: pygls drops a bad one, as JSON-RPC says
        if self.shutdown:
            self.out.error(msg_id, INVALID_REQUEST, "Invalid request: the server is shutting down")
            return False
        try:
            self.check(message)
        except ValueError as exc:
            self.out.error(msg_id, INVALID_PARAMS, f"Invalid params for {method}: {exc}"[:500])
            return False
        if method == "shutdown":
            self.shutdown = True
        elif method == "initialize":
            params = message.get("params")
            pid = params.get("processId") if isinstance(params, dict) else None
            if isinstance(pid, int) and pid > 0:
                watch(pid)
        return True


def watch(pid: int) -> None:
    """End this process when the process ``pid`` (the client) is gone (LSP: processId)."""

    def run():
        while alive(pid):
            threading.Event().wait(WATCH)
        log.error("unlint server: the client (process %d) is gone: exiting", pid)
        os._exit(1)

    threading.Thread(target=run, name="unlint-watch-client", daemon=True).start()


def alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # not watched on Windows: the client closes stdin
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
