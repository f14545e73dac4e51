"""The lean NDJSON reader (services/http_lines.py) over real sockets: any framing a server
may choose gives the same lines, and anything malformed ends in an OllamaError, promptly."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services import http_lines
from desktop.services.cancel import CancelToken
from desktop.services.http_lines import LineStream, split_lines

CASE_SECONDS = 2.0


class RawServer:
    """Answers each connection with the bytes it is given, in the writes it is given."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.writes: list[bytes] = []
        self.requests: list[bytes] = []
        self.hold = 0.0  # seconds to keep the connection open, silent, after the writes
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        writes, hold = list(self.writes), self.hold
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.requests.append(_read_request(conn))
            try:
                for i, data in enumerate(writes):
                    if i:
                        time.sleep(0.0005)  # separate packets: separate reads, mostly
                    conn.sendall(data)
                time.sleep(hold)
            except OSError:
                pass


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        more = conn.recv(65536)
        if not more:
            return data
        data += more
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(v)
            for k, _, v in (h.partition(b":") for h in head.split(b"\r\n"))
            if k.lower() == b"content-length"
        ),
        0,
    )
    while len(body) < length:
        body += conn.recv(65536)
    return data


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    s = RawServer()
    yield s
    s.sock.close()


def read(server: RawServer, base: str | None = None, **kw: Any) -> tuple[int, list[bytes]]:
    token = kw.pop("token", CancelToken())
    url = base or f"http://127.0.0.1:{server.port}"
    with LineStream(url, "/api/chat", b'{"a":1}', token, timeout=2.0, read_timeout=1.0) as ls:
        ls.open()
        return ls.status, list(ls.lines())


HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
)


def chunked(body: bytes, sizes: list[int], upper: bool = False, ext: bool = False) -> bytes:
    out, pos, i = [], 0, 0
    while pos < len(body):
        size = max(1, sizes[i % len(sizes)]) if sizes else len(body)
        piece = body[pos : pos + size]
        hexsize = f"{len(piece):X}" if upper else f"{len(piece):x}"
        out.append(hexsize.encode() + (b";x=1" if ext else b"") + b"\r\n" + piece + b"\r\n")
        pos += size
        i += 1
    out.append(b"0\r\nX-Trailer: yes\r\n\r\n" if ext else b"0\r\n\r\n")
    return b"".join(out)


def cut(data: bytes, points: list[int]) -> list[bytes]:
    marks = sorted({p % (len(data) + 1) for p in points} | {0, len(data)})
    return [data[a:b] for a, b in zip(marks, marks[1:], strict=False) if b > a]


def expected(body: bytes) -> list[bytes]:
    lines = body.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


LINES = st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, final_newline=st.booleans(), points=st.lists(st.integers(0, 600)))
def test_split_lines_any_cut(lines: list[bytes], final_newline: bool, points: list[int]) -> None:
    body = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    assert list(split_lines(cut(body, points) + [b""])) == expected(body)


def test_an_endless_line_is_malformed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_lines, "MAX_LINE", 1000)
    with pytest.raises(OllamaError) as info:
        list(split_lines(iter([b"x" * 600] * 3)))
    assert info.value.kind is ErrorKind.MALFORMED


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lines=LINES,
    sizes=st.lists(st.integers(1, 70), max_size=5),
    points=st.lists(st.integers(0, 2000), max_size=8),
    upper=st.booleans(),
    ext=st.booleans(),
)
def test_any_chunk_framing_gives_the_same_lines(
    server: RawServer,
    lines: list[bytes],
    sizes: list[int],
    points: list[int],
    upper: bool,
    ext: bool,
) -> None:
    body = b"".join(line + b"\n" for line in lines)
    server.writes = cut(HEAD + chunked(body, sizes, upper, ext), points)
    assert read(server) == (200, expected(body))


@pytest.mark.parametrize(
    ("answer", "lines"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n{}\n{}\nXX", [b"{}", b"{}"]),
        (b'HTTP/1.0 200 OK\r\n\r\n{}\n{"a":1}', [b"{}", b'{"a":1}']),  # to the close
        (b"HTTP/1.1 100 Continue\r\n\r\n" + HEAD + b"3\r\n{}\n\r\n0\r\n\r\n", [b"{}"]),
    ],
)
def test_sized_closed_and_continued_answers(
    server: RawServer, answer: bytes, lines: list[bytes]
) -> None:
    head, _, body = answer.rpartition(b"\r\n\r\n")
    for writes in ([answer], [head + b"\r\n\r\n", body]):  # the body in a later packet
        server.writes = [w for w in writes if w]
        assert read(server) == (200, lines)


@pytest.mark.parametrize("status", [204, 304])
def test_an_answer_without_body_ends_at_once(server: RawServer, status: int) -> None:
    server.writes, server.hold = [f"HTTP/1.1 {status} X\r\n\r\n".encode()], 3.0
    try:
        started = time.monotonic()
        assert read(server) == (status, [])
        assert time.monotonic() - started < 0.9  # not the read timeout
    finally:
        server.hold = 0.0


@pytest.mark.parametrize(
    "answer",
    [
        HEAD + b"zz\r\n{}\n\r\n0\r\n\r\n",  # not hex
        HEAD + b"0x3\r\n{}\n\r\n0\r\n\r\n",  # int() would take it
        HEAD + b"2\r\n{}\n\r\n0\r\n\r\n",  # data longer than its size
        HEAD + b"10\r\n{}\n",  # closed inside a chunk
        HEAD + b"3\r\n{}\n\r\n",  # closed before the last chunk
        HEAD + b"1" * 5000,  # a size line that never ends
        b"SSH-2.0-OpenSSH\r\n\r\n",  # not HTTP
        b"HTTP/1.1 200 OK\r\nbroken header\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}\n",  # shorter than said
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 20000,  # headers without end
        b"",  # closed at once
        b"HTTP/1.1 2\xb2\xb2 OK\r\n\r\n",  # digits str.isdigit takes and int() refuses
        b"HTTP/1.1 " + b"2" * 5000 + b" OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: \xb9\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
        b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\n" * 8000,  # 1xx answers count against the limit
    ],
)
def test_broken_answers_are_a_lost_connection(server: RawServer, answer: bytes) -> None:
    """An answer cut short is a lost connection; one that breaks HTTP's framing is a broken
    answer (the server did not stop: issue 24.11), each with its own sentence."""
    server.writes = [answer]
    with pytest.raises(OllamaError) as info:
        read(server)
    cut_short = (
        HEAD + b"10\r\n{}\n",
        HEAD + b"3\r\n{}\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}\n",
        b"",
    )
    expected = ErrorKind.CONNECTION_LOST if answer in cut_short else ErrorKind.BROKEN_ANSWER
    assert info.value.kind is expected, info.value


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    head=st.sampled_from([HEAD, b"HTTP/1.1 200 OK\r\n", b"HTTP/1.1 500 x\r\n\r\n", b""]),
    junk=st.binary(max_size=300),
)
def test_any_bytes_end_in_lines_or_an_ollama_error(
    server: RawServer, head: bytes, junk: bytes
) -> None:
    server.writes = [head + junk]
    started = time.monotonic()
    try:
        read(server)
    except OllamaError as e:
        assert e.kind in (
            ErrorKind.CONNECTION_LOST,
            ErrorKind.BROKEN_ANSWER,
            ErrorKind.MALFORMED,
        ), e
    assert time.monotonic() - started < CASE_SECONDS


def test_the_request_as_sent(server: RawServer) -> None:
    server.writes = [HEAD + b"0\r\n\r\n"]
    read(server, base=f"http://127.0.0.1:{server.port}/ollama/")
    head, _, body = server.requests[-1].partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert lines[0] == b"POST /ollama/api/chat HTTP/1.1"
    assert f"Host: 127.0.0.1:{server.port}".encode() in lines
    assert b"Content-Length: 7" in lines and body == b'{"a":1}'


def test_a_refusal_keeps_its_text(server: RawServer) -> None:
    server.writes = [
        b'HTTP/1.1 404 Not Found\r\nContent-Length: 25\r\n\r\n{"error":"no such model"}'
    ]
    token = CancelToken()
    url = f"http://127.0.0.1:{server.port}"
    with LineStream(url, "/api/chat", b"{}", token, timeout=2.0, read_timeout=1.0) as ls:
        ls.open()
        assert ls.status == 404
        assert ls.error_body() == '{"error":"no such model"}'


def test_a_silent_server_times_out_and_a_cancel_is_prompt(server: RawServer) -> None:
    server.writes, server.hold = [HEAD + b"3\r\n{}\n\r\n"], 3.0
    try:
        with pytest.raises(OllamaError) as info:
            read(server)
        assert info.value.kind is ErrorKind.TIMEOUT
        token = CancelToken()
        threading.Timer(0.2, token.cancel).start()
        started = time.monotonic()
        with pytest.raises(OllamaError) as info:
            url = f"http://127.0.0.1:{server.port}"
            with LineStream(url, "/x", b"{}", token, timeout=2.0, read_timeout=30.0) as ls:
                ls.open()
                list(ls.lines())
        assert info.value.kind is ErrorKind.CANCELLED
        assert time.monotonic() - started < 2.0
    finally:
        server.hold = 0.0


def test_nothing_listening_is_refused() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(OllamaError) as info:
        LineStream(
            f"http://127.0.0.1:{port}", "/x", b"", CancelToken(), timeout=1, read_timeout=1
        ).open()
    assert info.value.kind is ErrorKind.CONNECTION_REFUSED


def test_cancel_while_connecting_is_prompt() -> None:
    """A listener whose queue is full drops the SYN: connect waits (a server that hangs)."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        f = socket.socket()
        f.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            f.connect(("127.0.0.1", port))
        fillers.append(f)
    try:
        token = CancelToken()
        threading.Timer(0.2, token.cancel).start()
        started = time.monotonic()
        with pytest.raises(OllamaError) as info:
            LineStream(
                f"http://127.0.0.1:{port}", "/x", b"", token, timeout=5, read_timeout=5
            ).open()
        assert info.value.kind is ErrorKind.CANCELLED
        assert time.monotonic() - started < 2.0
    finally:
        for f in fillers:
            f.close()
        listener.close()


def test_an_early_refusal_beats_a_broken_pipe() -> None:
    """A server may refuse on the headers alone (Ollama's Host check, a proxy's size limit)
    and close without reading a large body: its answer is what the user must see."""
    listener = socket.create_server(("127.0.0.1", 0))

    def refuse() -> None:
        conn, _ = listener.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            conn.sendall(
                b'HTTP/1.1 403 Forbidden\r\nContent-Length: 21\r\n\r\n{"error":"forbidden"}'
            )
            conn.shutdown(socket.SHUT_WR)
            time.sleep(0.5)

    threading.Thread(target=refuse, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    body = b'{"images":["' + b"A" * (8 << 20) + b'"]}'
    try:
        with LineStream(url, "/api/chat", body, CancelToken(), timeout=5, read_timeout=5) as ls:
            ls.open()
            assert (ls.status, ls.error_body()) == (403, '{"error":"forbidden"}')
    finally:
        listener.close()


def test_an_international_host_name_is_sent_as_idna() -> None:
    ls = LineStream("http://bücher.local:1234", "/x", b"", CancelToken(), timeout=1, read_timeout=1)
    assert b"\r\nHost: xn--bcher-kva.local:1234\r\n" in ls._request
    with pytest.raises(OllamaError) as info:
        LineStream("http://ü..b:1", "/x", b"", CancelToken(), timeout=1, read_timeout=1)
    assert info.value.kind is ErrorKind.CONNECTION_REFUSED
