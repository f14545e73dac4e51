"""Issue 24: what the fault run found in the API client, over real sockets. Each test fails
on the client before this round: the tokens before a broken frame were dropped and the
error blamed a stopped server (24.3); a server that trickles a byte at a time held every
read for as long as it liked (24.7); an answer of any size was read whole (24.8)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator

import pytest

from desktop.core.api_types import ChatChunk
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services import api_client
from desktop.services.api_client import OllamaApi
from tests.conftest import TlsPair
from tests.fake_ollama import FakeOllama

MODEL = "gemma3-270m"
USER = [{"role": "user", "content": "Why is the sky blue?"}]


@pytest.fixture(params=["http", "https"])
def api(
    request: pytest.FixtureRequest, fake_ollama: FakeOllama, tls_pair: TlsPair
) -> Iterator[OllamaApi]:
    """Over plain http and over TLS: one reader for both."""
    if request.param == "https":
        fake_ollama.tls = tls_pair.server
    yield OllamaApi(
        fake_ollama.url, timeout=2.0, stall_timeout=1.0, stream_timeout=2.0, tls=tls_pair.client
    )


def test_tokens_in_the_same_read_as_a_broken_frame_are_kept(
    api: OllamaApi, fake_ollama: FakeOllama
) -> None:
    first = [c.content for c in _chunks(api)][:3]
    fake_ollama.add_fault("/api/chat", bad_chunk_after=3)
    got: list[ChatChunk] = []
    with pytest.raises(OllamaError) as info:
        api.chat(MODEL, USER, got.append)
    assert info.value.kind is ErrorKind.BROKEN_ANSWER  # the answer broke; the server is up
    assert [c.content for c in got] == first and "".join(first)


def _chunks(api: OllamaApi) -> list[ChatChunk]:
    got: list[ChatChunk] = []
    api.chat(MODEL, USER, got.append)
    return got


def test_a_pull_that_trickles_times_out(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    """A byte every 5 ms (a line every ~0.5 s) never let a per-read timeout of 0.3 s run
    out; the pull went on for as long as the server liked. No whole line within the stall
    time is a stall now."""
    fake_ollama.add_fault("/api/pull", trickle=0.005)
    with pytest.raises(OllamaError) as info:
        api.pull("qwen2.5:0.5b", stall_timeout=0.3)
    assert info.value.kind is ErrorKind.TIMEOUT, info.value


@pytest.mark.parametrize("call", ["version", "list_models", "running_models"])
def test_a_small_answer_that_trickles_times_out(fake_ollama: FakeOllama, call: str) -> None:
    """Head and body of /api/version sent a byte every 20 ms: never a second of silence,
    so a 1 s per-read timeout never fired (about 3 s here; as long as the server likes)."""
    fake_ollama.add_fault("*", trickle=0.02)
    api = OllamaApi(fake_ollama.url, timeout=0.5)
    with pytest.raises(OllamaError) as info:
        getattr(api, call)()
    assert info.value.kind is ErrorKind.TIMEOUT, info.value


class BigAnswer:
    """Answers every request with a valid JSON object of ``size`` bytes (chunked), or with
    a Content-Length of ``declared`` and a short body."""

    def __init__(self, size: int = 0, declared: int = 0) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.size, self.declared = size, declared
        self.sent = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.recv(65536)
            if self.declared:
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n{}" % self.declared
                )
                conn.recv(1)  # holds the connection open until the client leaves
                return
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            start = b'{"models":[],"version":"1","pad":"'
            piece = b"x" * 65536
            conn.sendall(b"%x\r\n%s\r\n" % (len(start), start))
            while self.sent < self.size:
                conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.sent += len(piece)
            conn.sendall(b'2\r\n"}\r\n0\r\n\r\n')

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("call", ["version", "list_models", "running_models"])
def test_an_answer_larger_than_any_real_one_is_refused(call: str) -> None:
    big = BigAnswer(size=api_client.MAX_ANSWER + (1 << 20))
    try:
        with pytest.raises(OllamaError) as info:
            getattr(OllamaApi(big.url, timeout=5), call)()
        assert info.value.kind is ErrorKind.MALFORMED
        assert big.sent <= api_client.MAX_ANSWER + (4 << 20)  # it stopped reading
    finally:
        big.close()


def test_an_answer_that_declares_300_mb_is_refused_before_it_is_read() -> None:
    big = BigAnswer(declared=300_000_000)
    try:
        with pytest.raises(OllamaError) as info:
            OllamaApi(big.url, timeout=5).list_models()
        assert info.value.kind is ErrorKind.MALFORMED and "300000000" in info.value.detail
    finally:
        big.close()


def test_a_real_sized_answer_is_read(fake_ollama: FakeOllama) -> None:
    api = OllamaApi(fake_ollama.url)
    assert json.dumps([m.name for m in api.list_models()]) == '["gemma3-270m:latest"]'
