"""The API's HTTP exchange (services/http_exchange.py) over real sockets: any framing a server
may choose gives the same lines, anything malformed ends in an OllamaError of the right kind
(a broken answer is not a lost connection), what came before a break is kept, and a server
that trickles never holds a read past its deadline."""

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

from desktop.core import ndjson
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.ndjson import split_lines
from desktop.services.cancel import CancelToken
from desktop.services.http_exchange import HttpExchange

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
        more = conn.recv(65536)
        if not more:
            break
        body += more
    return head + b"\r\n\r\n" + body


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    s = RawServer()
    yield s
    s.sock.close()


def read(server: RawServer, base: str | None = None, **kw: Any) -> tuple[int, list[bytes]]:
    token = kw.pop("token", CancelToken())
    url = base or f"http://127.0.0.1:{server.port}"
    with HttpExchange(
        url, "/api/chat", token, body=b'{"a":1}', timeout=2.0, read_timeout=1.0
    ) as ex:
        ex.open()
        return ex.status, list(ex.lines())


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
    monkeypatch.setattr(ndjson, "MAX_LINE", 1000)
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


BROKEN = [
    HEAD + b"zz\r\n{}\n\r\n0\r\n\r\n",  # not hex
    HEAD + b"0x3\r\n{}\n\r\n0\r\n\r\n",  # int() would take it
    HEAD + b"2\r\n{}\n\r\n0\r\n\r\n",  # data longer than its size
    HEAD + b"1" * 70000,  # a size line that never ends
    b"SSH-2.0-OpenSSH\r\n\r\n",  # not HTTP
    b"HTTP/1.1 200 OK\r\nbroken header\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 20000,  # headers without end
    b"HTTP/1.1 2\xb2\xb2 OK\r\n\r\n",  # digits str.isdigit takes and int() refuses
    b"HTTP/1.1 " + b"2" * 5000 + b" OK\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: \xb9\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
    b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\n" * 8000,  # 1xx answers are limited
]
LOST = [
    HEAD + b"10\r\n{}\n",  # closed inside a chunk
    HEAD + b"3\r\n{}\n\r\n",  # closed before the last chunk
    b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}\n",  # shorter than said
    b"",  # closed at once
    b"HTTP/1.1 200 OK\r\nContent-",  # closed inside the head
]


@pytest.mark.parametrize("answer", BROKEN)
def test_a_broken_answer_says_so(server: RawServer, answer: bytes) -> None:
    """Issue 24.3/24.11: HTTP that is not HTTP is a broken answer, not a stopped server."""
    server.writes = [answer]
    with pytest.raises(OllamaError) as info:
        read(server)
    assert info.value.kind is ErrorKind.BROKEN_ANSWER, info.value


@pytest.mark.parametrize("answer", LOST)
def test_an_answer_cut_short_is_a_lost_connection(server: RawServer, answer: bytes) -> None:
    server.writes = [answer]
    with pytest.raises(OllamaError) as info:
        read(server)
    cut_short = (
        HEAD + b"10\r\n{}\n",
        HEAD + b"3\r\n{}\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}\n",
        b"",
        b"HTTP/1.1 200 OK\r\nContent-",  # the server went inside its head: nothing broken
    )
    expected = ErrorKind.CONNECTION_LOST if answer in cut_short else ErrorKind.BROKEN_ANSWER
    assert info.value.kind is expected, info.value


TOKENS = [b'{"message":{"content":"' + w + b'"}}' for w in (b"Hello", b", wor", b"ld!!!")]


@pytest.mark.parametrize(
    ("bad", "also"),
    [
        (b"zz\r\n{}\n\r\n", []),
        (b"2\r\n{}\n\r\n", []),
        (b"SSH-2.0\r\n", []),
        (b"3\r\n{}\nXX", [b"{}"]),  # its data came whole before its end broke
    ],
)
def test_lines_before_a_broken_chunk_in_the_same_read_are_kept(
    server: RawServer, bad: bytes, also: list[bytes]
) -> None:
    """Issue 24.3: 15 characters arrived in the same read as a bad chunk; none was kept."""
    body = chunked(b"".join(t + b"\n" for t in TOKENS), [60])[: -len(b"0\r\n\r\n")]
    server.writes = [HEAD + body + bad]  # one write: one read
    got: list[bytes] = []
    with pytest.raises(OllamaError) as info:
        url = f"http://127.0.0.1:{server.port}"
        with HttpExchange(url, "/api/chat", CancelToken(), timeout=2, read_timeout=1) as ex:
            ex.open()
            got.extend(ex.lines())
    assert info.value.kind is ErrorKind.BROKEN_ANSWER
    assert got == TOKENS + also


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
            ErrorKind.MALFORMED,
            ErrorKind.BROKEN_ANSWER,
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
    with HttpExchange(url, "/api/chat", token, body=b"{}", timeout=2, read_timeout=1) as ex:
        ex.open()
        assert ex.status == 404
        assert ex.error_body() == '{"error":"no such model"}'


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
            with HttpExchange(url, "/x", token, timeout=2.0, read_timeout=30.0) as ex:
                ex.open()
                list(ex.lines())
        assert info.value.kind is ErrorKind.CANCELLED
        assert time.monotonic() - started < 2.0
    finally:
        server.hold = 0.0


def test_nothing_listening_is_refused() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(OllamaError) as info:
        HttpExchange(
            f"http://127.0.0.1:{port}", "/x", CancelToken(), timeout=1, read_timeout=1
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
            HttpExchange(f"http://127.0.0.1:{port}", "/x", token, timeout=5, read_timeout=5).open()
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
        with HttpExchange(
            url, "/api/chat", CancelToken(), body=body, timeout=5, read_timeout=5
        ) as ex:
            ex.open()
            assert (ex.status, ex.error_body()) == (403, '{"error":"forbidden"}')
    finally:
        listener.close()


def test_an_international_host_name_is_sent_as_idna() -> None:
    ex = HttpExchange("http://bücher.local:1234", "/x", CancelToken(), timeout=1, read_timeout=1)
    assert b"\r\nHost: xn--bcher-kva.local:1234\r\n" in ex._head
    with pytest.raises(OllamaError) as info:
        HttpExchange("http://ü..b:1", "/x", CancelToken(), timeout=1, read_timeout=1)
    assert info.value.kind is ErrorKind.CONNECTION_REFUSED


class TrickleServer:
    """Sends ``prefix``, then ``trickle`` one byte every ``every`` seconds (a server that
    is never silent long enough for a per-read timeout), then ``rest``."""

    def __init__(self, prefix: bytes, trickle: bytes, rest: bytes, every: float = 0.05) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.prefix, self.trickle, self.rest, self.every = prefix, trickle, rest, every
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            conn, _ = self.sock.accept()
            with conn:
                _read_request(conn)
                conn.sendall(self.prefix)
                for i in range(len(self.trickle)):
                    time.sleep(self.every)
                    conn.sendall(self.trickle[i : i + 1])
                conn.sendall(self.rest)

    def close(self) -> None:
        self.sock.close()


LINE = b'{"status":"pulling manifest"}\n'
TRICKLES = {
    "head": (b"", HEAD, b""),
    "chunk size": (HEAD, b"0000000000000000000000000000000000000000000000000000000000", b""),
    "line": (HEAD + b"1000\r\n", b"x" * 60, b""),
    "line over chunks": (HEAD, b"".join(b"1\r\n" + bytes([c]) + b"\r\n" for c in b"{}" * 8), b""),
}


@pytest.mark.parametrize("where", list(TRICKLES))
def test_a_server_that_trickles_times_out_on_every_wait(where: str) -> None:
    """Issue 24.7: a byte every 50 ms defeated a per-read timeout of 1 s, in the head, a
    chunk's size or a line: the read waited as long as the trickle went on (here ~3 s,
    then an answer). Each wait now has a deadline measured from the last whole line."""
    prefix, trickle, _ = TRICKLES[where]
    rest = b"\r\n" if where == "chunk size" else b""
    rest = (rest + chunked(LINE, [])) if where != "line" else b"\r\n0\r\n\r\n"
    server = TrickleServer(prefix, trickle, rest)
    try:
        with (
            pytest.raises(OllamaError) as info,
            HttpExchange(server.url, "/api/pull", CancelToken(), timeout=2, read_timeout=0.5) as ex,
        ):
            ex.open()
            list(ex.lines())
        assert info.value.kind is ErrorKind.TIMEOUT, info.value
    finally:
        server.close()


def test_lines_that_keep_coming_are_not_a_timeout() -> None:
    """The deadline is per whole line: a long stream of lines, each in time, is read whole."""
    lines = [b'{"n":%d}' % i for i in range(12)]
    body = chunked(b"".join(line + b"\n" for line in lines), [3])
    server = TrickleServer(HEAD, body[:-5], body[-5:], every=0.01)  # 1.2 s in all
    try:
        with HttpExchange(server.url, "/x", CancelToken(), timeout=2, read_timeout=0.5) as ex:
            ex.open()
            assert list(ex.lines()) == lines
    finally:
        server.close()


@pytest.mark.parametrize(
    ("answer", "limit", "kind"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 5, None),
        (HEAD + chunked(b"hello", [2]), 5, None),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 300000000\r\n\r\n{}", 1000, "MALFORMED"),
        (HEAD + chunked(b"x" * 5000, [100]), 1000, "MALFORMED"),
        (b"HTTP/1.0 200 OK\r\n\r\n" + b"x" * 5000, 1000, "MALFORMED"),
    ],
)
def test_a_body_read_whole_is_capped(
    server: RawServer, answer: bytes, limit: int, kind: str | None
) -> None:
    """Issue 24.8: a body read whole is never read past its limit, whatever it declares."""
    server.writes = [answer]
    url = f"http://127.0.0.1:{server.port}"
    with HttpExchange(
        url, "/api/tags", CancelToken(), method="GET", timeout=2, read_timeout=1
    ) as ex:
        ex.open()
        if kind is None:
            assert ex.read(limit) == b"hello"
            return
        with pytest.raises(OllamaError) as info:
            ex.read(limit)
        assert info.value.kind is ErrorKind[kind]
