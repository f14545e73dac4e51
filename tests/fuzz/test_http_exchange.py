"""The API's HTTP exchange (services/http_exchange.py) on generated framings, breaks and
pacings, over real sockets (issue 24.3 and 24.7): whole lines that came before a break are
always handed over, a break is an OllamaError of a known kind, and a server that paces its
bytes gets its lines or a TIMEOUT, never a read that waits on."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.cancel import CancelToken
from desktop.services.chunked import ChunkCutError, ChunkError, chunked_pieces
from desktop.services.http_exchange import HttpExchange
from tests.services.test_http_exchange import HEAD, LINES, RawServer, chunked, cut

CASE_SECONDS = 3.0
FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
BREAKS = st.sampled_from([b"zz\r\n", b"-1\r\n", b"1\r\nab", b"SSH-2.0\r\n", b"3\r\n{}\nXY", b""])


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    s = RawServer()
    yield s
    s.sock.close()


def _read(url: str, got: list[bytes], read_timeout: float = 1.0) -> None:
    with HttpExchange(url, "/api/chat", CancelToken(), timeout=2, read_timeout=read_timeout) as ex:
        ex.open()
        got.extend(ex.lines())


@settings(max_examples=200, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    lines=LINES,
    sizes=st.lists(st.integers(1, 50), max_size=4),
    broken=BREAKS,
    junk=st.binary(max_size=30),
    points=st.lists(st.integers(0, 1500), max_size=6),
)
def test_whole_lines_before_any_break_are_kept(
    server: RawServer,
    lines: list[bytes],
    sizes: list[int],
    broken: bytes,
    junk: bytes,
    points: list[int],
) -> None:
    body = b"".join(line + b"\n" for line in lines)
    framed = chunked(body, sizes)[: -len(b"0\r\n\r\n")]  # no last chunk: a break instead
    server.writes = cut(HEAD + framed + broken + junk, points)
    got: list[bytes] = []
    started = time.monotonic()
    with pytest.raises(OllamaError) as info:
        _read(f"http://127.0.0.1:{server.port}", got)
    assert info.value.kind in (
        ErrorKind.BROKEN_ANSWER,
        ErrorKind.CONNECTION_LOST,
        ErrorKind.MALFORMED,  # the junk made a line too long: not with these sizes
    ), info.value
    assert got[: len(lines)] == lines  # every whole line that came before the break
    assert time.monotonic() - started < CASE_SECONDS


class PacedServer:
    """Sends an answer in pieces of ``step`` bytes, ``gap`` seconds apart."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.data, self.step, self.gap = b"", 1, 0.0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        data, step, gap = self.data, self.step, self.gap
        with conn, contextlib.suppress(OSError):
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.recv(65536)
            for i in range(0, len(data), step):
                time.sleep(gap)
                conn.sendall(data[i : i + step])


@pytest.fixture(scope="module")
def paced() -> Iterator[PacedServer]:
    s = PacedServer()
    yield s
    s.sock.close()


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    lines=st.lists(
        st.binary(min_size=1, max_size=30).map(lambda b: b.replace(b"\n", b"")),
        min_size=1,
        max_size=5,
    ),
    sizes=st.lists(st.integers(1, 20), max_size=3),
    step=st.integers(1, 40),
    gap=st.sampled_from([0.0, 0.002, 0.01, 0.03]),
)
def test_a_paced_answer_gives_its_lines_or_a_timeout_never_a_longer_wait(
    paced: PacedServer, lines: list[bytes], sizes: list[int], step: int, gap: float
) -> None:
    """Read timeout 0.15 s: a line that needs longer (its bytes paced in small steps, each
    well inside the timeout) ends in TIMEOUT; otherwise every line arrives. Either way the
    read ends within the timeout of its last whole line, not when the server pleases."""
    body = b"".join(line + b"\n" for line in lines)
    paced.data, paced.step, paced.gap = HEAD + chunked(body, sizes), step, gap
    got: list[bytes] = []
    started = time.monotonic()
    try:
        _read(paced.url, got, read_timeout=0.15)
    except OllamaError as e:
        assert e.kind is ErrorKind.TIMEOUT, e
        assert got == lines[: len(got)]
    else:
        assert got == lines
    assert time.monotonic() - started < CASE_SECONDS


@settings(max_examples=1000, deadline=None)
@given(
    data=st.binary(max_size=400) | st.builds(lambda b: chunked(b, [7]), st.binary(max_size=200)),
    points=st.lists(st.integers(0, 500), max_size=8),
)
def test_the_chunk_decoder_on_any_bytes_in_any_reads(data: bytes, points: list[int]) -> None:
    """services/chunked.py alone, in memory: any bytes cut into any reads give pieces or a
    documented error (ChunkError, ChunkCutError), never anything else, and never more
    bytes than came."""
    reads = cut(data, points)
    feed = iter(reads[1:] + [b""])
    got: list[bytes] = []
    with contextlib.suppress(ChunkError, ChunkCutError):
        got.extend(chunked_pieces(reads[0] if reads else b"", lambda: next(feed, b"")))
    assert sum(map(len, got)) <= len(data)
