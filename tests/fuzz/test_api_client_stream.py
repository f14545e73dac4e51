"""The API client on anything a server may send, over real HTTP (issue 10.13, fuzz suite):
a generated body (NDJSON-shaped or raw bytes, status 200 or 500) answers each kind of call;
the only exception is OllamaError, and each call ends promptly."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.batching import Batching
from tests.fuzz.strategies import ndjson_bodies

CASE_SECONDS = 2.0  # one generated stream, read over real HTTP, must end well within this
BATCHED = Batching(0.01, lambda: None)

# --- the same through the real client over real HTTP ------------------------------------------


class _RawServer(ThreadingHTTPServer):
    daemon_threads = True
    body = b""
    status = 200


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _RawServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def setup(self) -> None:
        super().setup()  # headers and body go out in two writes: no Nagle delay between them
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = self.server.body
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer


@pytest.fixture(scope="module")
def raw_server() -> Iterator[_RawServer]:
    server = _RawServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def api(raw_server: _RawServer) -> Iterator[OllamaApi]:
    client = OllamaApi(f"http://127.0.0.1:{raw_server.server_port}", timeout=5.0)
    yield client
    client.close()


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=ndjson_bodies() | st.binary(max_size=400),
    status=st.sampled_from((200, 200, 500)),
    call=st.sampled_from(
        ("chat", "chat_batched", "pull", "list_models", "running_models", "show", "version")
    ),
)
def test_client_reads_any_stream_without_unexpected_errors(
    raw_server: _RawServer, api: OllamaApi, body: bytes, status: int, call: str
) -> None:
    raw_server.body, raw_server.status = body, status
    calls: dict[str, Callable[[], object]] = {
        "chat": lambda: api.chat("m", [{"role": "user", "content": "hi"}]),
        # the app's way: read in batches (services/batching.py)
        "chat_batched": lambda: api.chat(
            "m", [{"role": "user", "content": "hi"}], lambda _c: None, batching=BATCHED
        ),
        "pull": lambda: api.pull("m"),
        "list_models": api.list_models,
        "running_models": api.running_models,
        "show": lambda: api.show("m"),
        "version": api.version,
    }
    started = time.monotonic()
    with contextlib.suppress(OllamaError):
        calls[call]()
    assert time.monotonic() - started < CASE_SECONDS
