"""Issue 24.8 for the setup downloads: the release answer and the checksum list are read
up to a cap and within a deadline, a redirect's body is never read, and a download never
grows past the size it was announced with."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from desktop.core.setup.errors import SetupError, SetupErrorKind
from desktop.services.cancel import CancelToken
from desktop.services.server import fetch

HUGE = 100 << 20  # what a hostile peer offers; the app must read a small part of it
READ_AT_MOST = 24 << 20  # a stopped reader, plus what loopback socket buffers took


class Peer:
    def __init__(self) -> None:
        # path -> (status, headers, body or a size of filler, seconds between bytes)
        self.routes: dict[str, tuple[int, dict[str, str], bytes | int, float]] = {}
        self.sent = 0


@contextmanager
def peer() -> Iterator[tuple[str, Peer]]:
    state = Peer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def do_GET(self) -> None:
            status, headers, body, trickle = state.routes.get(self.path, (404, {}, b"", 0.0))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            try:
                if isinstance(body, int):
                    if "Content-Length" not in headers:
                        self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    piece = b"7" * 65536
                    while state.sent < body:
                        data = (
                            piece
                            if "Content-Length" in headers
                            else b"%x\r\n%s\r\n"
                            % (
                                len(piece),
                                piece,
                            )
                        )
                        self.wfile.write(data)
                        state.sent += len(piece)
                    if "Content-Length" not in headers:
                        self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if trickle:
                    for i in range(len(body)):
                        time.sleep(trickle)
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                else:
                    self.wfile.write(body)
            except OSError:
                self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


def fails(kind: SetupErrorKind, fn: Any) -> SetupError:
    with pytest.raises(SetupError) as info:
        fn()
    assert info.value.setup_kind is kind, info.value
    return info.value


def test_a_huge_release_answer_is_not_read() -> None:
    with peer() as (url, state):
        state.routes["/release"] = (200, {}, HUGE, 0.0)
        fails(SetupErrorKind.BAD_RELEASE, lambda: fetch.get_json(url + "/release"))
        assert state.sent < READ_AT_MOST


def test_a_redirect_body_is_not_read() -> None:
    with peer() as (url, state):
        state.routes["/latest"] = (302, {"Location": "/release"}, HUGE, 0.0)
        state.routes["/release"] = (200, {}, b'{"tag_name": "v0.33.0"}', 0.0)
        assert fetch.get_json(url + "/latest") == {"tag_name": "v0.33.0"}
        assert state.sent < READ_AT_MOST


def test_a_trickled_release_answer_is_given_up_on() -> None:
    """A byte every 20 ms never lets a 0.3 s read timeout run out (this answer would take
    ~1 s per 50 bytes); the whole answer has a deadline."""
    with peer() as (url, state):
        state.routes["/release"] = (200, {}, b'{"assets": []}' + b" " * 2000, 0.02)
        fails(SetupErrorKind.NETWORK, lambda: fetch.get_text(url + "/release", timeout=0.3))


@pytest.mark.parametrize("declared", [True, False])
def test_a_download_never_grows_past_its_announced_size(tmp_path: Path, declared: bool) -> None:
    size = 100_000
    with peer() as (url, state):
        headers = {"Content-Length": str(HUGE)} if declared else {}
        state.routes["/ollama.tgz"] = (200, headers, HUGE, 0.0)
        dest = tmp_path / "ollama.tgz"
        fails(
            SetupErrorKind.BAD_RELEASE,
            lambda: fetch.download(
                url + "/ollama.tgz",
                dest,
                expected_size=size,
                cancel=CancelToken(),
                report=lambda _p: None,
                retries=0,
            ),
        )
        part = dest.with_name(dest.name + ".part")
        assert not dest.exists() and part.stat().st_size <= size
        assert state.sent < READ_AT_MOST
