"""The request handler's HTTP and NDJSON plumbing, shared by every endpoint: reading bodies,
plain and JSON answers, chunked streams with the injected fault applied line by line, and
the model lookup most endpoints start with."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

from .faults import Fault, _DroppedError
from .models import FakeModel
from .names import _normalise_name

if TYPE_CHECKING:
    from .server import FakeOllama


_GO_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def go_json(obj: Any) -> bytes:
    """JSON as Ollama's Go server writes it (see the recordings): compact, non-ASCII text
    as raw UTF-8 (so a model's U+0085 arrives raw), with <, >, &, U+2028 and U+2029
    escaped. The characters escaped occur only inside strings."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).translate(_GO_ESCAPES)
    return text.encode("utf-8", "replace")


class _HandlerBase(BaseHTTPRequestHandler):
    """What every endpoint mixin of _Handler (server.py) builds on."""

    server_fake: FakeOllama
    fault: Fault | None  # set per request by _Handler._dispatch
    lines_sent: int
    held: bytes  # lines held back by the bad_chunk_after fault
    streaming: bool

    # -- I/O helpers -------------------------------------------------------------------
    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            return self.rfile.read(length)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        return b""

    def _sleep(self, seconds: float) -> None:
        if self.server_fake._stopping.wait(seconds):
            raise _DroppedError

    def _send(self, status: int, ctype: str, data: bytes, head: bool = False) -> None:
        if self.fault is not None and self.fault.trickle:
            kind = f"Content-Type: {ctype}\r\n" if ctype else ""
            raw = f"HTTP/1.1 {status} X\r\n{kind}Content-Length: {len(data)}\r\n\r\n"
            self.close_connection = True
            return self._trickle(raw.encode() + (b"" if head else data))
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _text(self, status: int, text: str, head: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode(), head)

    def _json(self, status: int, obj: Any, head: bool = False) -> None:
        self._send(status, "application/json; charset=utf-8", go_json(obj), head)

    def _empty(self, status: int = 200) -> None:
        self._send(status, "", b"")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _begin_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.streaming = True

    def _chunk(self, data: bytes) -> None:
        framed = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        f = self.fault
        if f is not None and f.bad_chunk_after is not None:
            self.held += framed
            if self.lines_sent + 1 >= f.bad_chunk_after:  # the lines, then a broken frame
                self.wfile.write(self.held + b"zz\r\nnot a chunk\r\n")
                self.wfile.flush()
                raise _DroppedError
            return
        if f is not None and f.trickle:
            return self._trickle(framed)
        self.wfile.write(framed)
        self.wfile.flush()

    def _trickle(self, data: bytes) -> None:
        """One byte at a time, ``fault.trickle`` seconds apart: never silent for long."""
        assert self.fault is not None
        for i in range(len(data)):
            self._sleep(self.fault.trickle)
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()

    def _line(self, obj: dict[str, Any]) -> bool:
        """Send one NDJSON line, applying the fault. False: the stream must end now."""
        f = self.fault
        n = self.lines_sent
        if self.server_fake._stopping.is_set():
            raise _DroppedError
        if f is not None:
            if f.drop_after is not None and n >= f.drop_after:
                raise _DroppedError
            if f.stall and f.stall_after is not None and n == f.stall_after:
                self._sleep(f.stall)
            if f.malformed_at is not None and n == f.malformed_at:
                self._chunk(b'{"status": "pulling\n')
            if f.error_after is not None and n >= f.error_after:
                self._chunk(go_json({"error": f.error}) + b"\n")
                return False
            if f.end_after is not None and n >= f.end_after:
                return False
        self._chunk(go_json(obj) + b"\n")
        self.lines_sent += 1
        return True

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _stream(self, lines: Any) -> None:
        """Send an iterable of line objects (a generator may sleep between them). An
        {"error": ...} object is the server's own failure: sent as is, and the stream ends."""
        self._begin_stream()
        for obj in lines:
            if "error" in obj:
                self._chunk(go_json(obj) + b"\n")
                break
            if not self._line(obj):
                break
        self._end_stream()

    # -- model lookups -----------------------------------------------------------------
    def _find(self, body: dict[str, Any]) -> tuple[str, FakeModel | None]:
        name = str(body.get("model") or body.get("name") or "")
        key = _normalise_name(name)
        with self.server_fake.lock:
            model = self.server_fake.state.installed.get(key.lower()) if key else None
        return name, model

    def _not_found(self, name: str) -> None:
        shown = name if ":" in name else f"{name}:latest"
        self._error(404, f"model '{shown}' not found")
