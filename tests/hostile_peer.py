"""A hostile HTTP peer on loopback for the limit tests (a registry, a release server): each
path answers a status, headers, and a body, or a size of filler streamed (chunked unless a
Content-Length is declared) until the client leaves, or a body trickled a byte at a time.
``Peer.sent`` counts the bytes written, to check a reader stopped early."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Peer:
    def __init__(self) -> None:
        # path -> (status, headers, body or a size of filler, seconds between bytes)
        self.routes: dict[str, tuple[int, dict[str, str], bytes | int, float]] = {}
        self.sent = 0


@contextmanager
def hostile_peer(missing: bytes = b"") -> Iterator[tuple[str, Peer]]:
    """The peer's base URL and its state; an unknown path is a 404 with ``missing``."""
    state = Peer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def do_GET(self) -> None:
            status, headers, body, trickle = state.routes.get(self.path, (404, {}, missing, 0.0))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            try:
                if isinstance(body, int):
                    self._filler(body, chunked="Content-Length" not in headers)
                    return
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for i in range(len(body)) if trickle else ():
                    time.sleep(trickle)
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                if not trickle:
                    self.wfile.write(body)
                    state.sent += len(body)
            except OSError:
                self.close_connection = True

        def _filler(self, size: int, chunked: bool) -> None:
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = b"7" * 65536
            frame = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
            while state.sent < size:
                self.wfile.write(frame)
                state.sent += len(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
