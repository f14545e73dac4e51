"""One HTTP/1.1 request to an Ollama server over a socket the app owns: how every API call is
made. A stream's answer is read as lines (``lines()``), any other answer whole and capped
(``read()``), a refusal's text capped (``error_body()``).

h11 parses HTTP (status line, headers, 1xx answers, chunked, sized and close-delimited
bodies). This module owns what h11 leaves to its caller, the waiting:

- Deadlines measured from progress, not per-read timeouts: a server that sends a byte every
  few seconds never trips a timeout per ``recv``. The answer's head must arrive whole within
  ``read_timeout`` of the request; in a stream, each whole line within ``read_timeout`` of
  the one before; a body read whole within ``read_timeout`` of its head; each piece of the
  request within ``timeout``.
- A cancel through the CancelToken shuts the socket (while it connects too): a blocked call
  returns at once and ends in CANCELLED.
- What arrived before an answer broke is handed over before the error: a chat keeps the
  tokens that came before a bad chunk, and the error says the answer broke
  (BROKEN_ANSWER), not that the server went away (CONNECTION_LOST).
- Sizes: a line is at most ndjson.MAX_LINE; a body read whole at most what its caller allows,
  refused at once when its Content-Length says more.

Plain http and https (TLS with the caller's context); no proxy (local API traffic never goes
through one); one connection per request (``Connection: close``). Lines are split on ``\\n``
only: a model's U+0085 or U+2028, which Ollama sends raw inside a JSON string, is text.

Why h11, and what it does not do: h11 is a well-kept parser for the protocol (0.16 refuses
malformed chunk framing) and reads https here too, so a remote server's stream has the same
deadlines and cancel (httpx, which serves the registry and GitHub, times each read only).
But it spends an event on every chunk, and Ollama sends one chunk per token: at 50 tok/s
h11 for the whole body took the app from a median of 1.77 % to 1.96 % of a core (single
runs up to 2.05 %): the 2 % budget would not hold. So a streamed chunked body, after h11
has parsed and checked the head, is decoded by chunked.py (one bytes.find pass per read;
fuzzed); every other body is h11's.
Figures: benchmarks/test_chat_streaming.py and the commit that made chunked.py.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from urllib.parse import quote, urlsplit

import h11
import idna

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.ndjson import split_lines
from desktop.services.cancel import CancelToken
from desktop.services.chunked import ChunkCutError, ChunkError, chunked_pieces

RECV_SIZE = 1 << 16
SEND_SIZE = 1 << 16
MAX_HEAD = 64 << 10  # the status line and headers (and a chunk's size line)
MAX_INTERIM = 8  # 1xx answers before the real one
MAX_ERROR_BODY = 1 << 20
# A recv that took longer than this waited for the network (``waited_at``).
WAITED_S = 0.001
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"

_now = time.monotonic


class _LostError(Exception):
    """The connection ended before the answer did."""


class _BrokenError(Exception):
    """The answer is not HTTP as it must be: a bad head, a bad chunk, an unasked coding."""


class HttpExchange:
    """One request to ``base_url + path``, as a context manager: ``open()`` sends it and
    reads the answer's head (``status``); then ``lines()``, ``read(limit)`` or
    ``error_body()`` reads its body. ``body`` is bytes, or pieces of ``length`` bytes in all
    (an upload). ``timeout`` bounds the connect, ``send_timeout`` (default ``timeout``)
    each SEND_SIZE piece of the request, ``read_timeout`` each wait for the answer (see the
    module's docstring). ``tls``: the context for an https:// address."""

    def __init__(
        self,
        base_url: str,
        path: str,
        token: CancelToken,
        *,
        method: str = "POST",
        body: bytes | Iterable[bytes] = b"",
        length: int | None = None,
        content_type: str = "application/json",
        timeout: float,
        read_timeout: float,
        send_timeout: float | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        url = urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"not an http:// or https:// address: {base_url!r}")
        name = url.hostname
        if not name.isascii():  # as httpx does (IDNA 2008); hosts.py accepted it so
            try:
                name = idna.encode(name.lower()).decode("ascii")
            except (idna.IDNAError, UnicodeError, ValueError):
                raise OllamaError(
                    ErrorKind.CONNECTION_REFUSED, f"not a valid host name: {name!r}"
                ) from None
        https = url.scheme == "https"
        port = url.port if url.port is not None else 443 if https else 80
        self._address = (name, port)
        self._tls = (tls or ssl.create_default_context()) if https else None
        host = f"[{name}]" if ":" in name else name
        if url.port is not None:
            host += f":{url.port}"
        if isinstance(body, bytes):
            self._body: Iterable[bytes] = (body,) if body else ()
            length = len(body)
        else:
            self._body = body
        headers = [
            ("Host", host),
            ("User-Agent", "ollama-desk"),
            ("Accept", "application/x-ndjson, application/json"),
            ("Accept-Encoding", "identity"),
            ("Connection", "close"),
        ]
        if method not in ("GET", "HEAD") or length:
            headers += [("Content-Type", content_type), ("Content-Length", str(length or 0))]
        self._conn = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        target = quote(url.path.rstrip("/") + path, safe=_PATH_SAFE)
        try:
            self._head = self._conn.send(h11.Request(method=method, target=target, headers=headers))
        except h11.LocalProtocolError as e:
            raise OllamaError(ErrorKind.CONNECTION_REFUSED, f"not a usable address: {e}") from None
        self._token = token
        self._timeout = timeout
        self._read_timeout = read_timeout
        self._send_timeout = timeout if send_timeout is None else send_timeout
        self._deadline = 0.0
        self._eof = False
        self.waited_at = 0.0  # monotonic time the last read that waited for data returned
        self._sock: socket.socket | None = None
        self.status = 0
        self.headers: dict[str, str] = {}

    # -- life --------------------------------------------------------------------------
    def open(self) -> None:
        """Connect, send the request and read the answer's head."""
        self._connect()
        with self._failures():
            broken: OSError | None = None
            try:
                self._send_request()
            except TimeoutError:
                raise
            except OSError as e:  # the server may have answered early (403, 413) and
                broken = e  # stopped reading the body: its answer says more than the pipe
            try:
                self._read_head()
            except (OSError, _LostError, _BrokenError):
                if broken is None:
                    raise
                raise broken from None

    def _connect(self) -> None:
        """Each address in turn, the socket given to the token before it connects (a
        cancel aborts a connect that waits for an answer); then TLS for https."""
        token = self._token
        try:
            infos = socket.getaddrinfo(*self._address, type=socket.SOCK_STREAM)
        except OSError as e:  # an unknown name
            raise OllamaError(ErrorKind.CONNECTION_REFUSED, str(e)) from None
        last: OSError | None = None
        for family, kind, proto, _name, address in infos:
            token.check()
            sock = socket.socket(family, kind, proto)
            self._sock = sock
            token.adopt(sock)
            sock.settimeout(self._timeout)
            try:
                sock.connect(address)
                if self._tls is not None:
                    self._start_tls(sock)
                return
            except OSError as e:
                last = e
                self.close()
                token.check()
        if isinstance(last, TimeoutError):
            raise OllamaError(ErrorKind.TIMEOUT, f"connect: {last}")
        raise OllamaError(ErrorKind.CONNECTION_REFUSED, str(last or "no address"))

    def _start_tls(self, sock: socket.socket) -> None:
        assert self._tls is not None
        wrapped = self._tls.wrap_socket(
            sock, server_hostname=self._address[0], do_handshake_on_connect=False
        )
        self._token.release(sock)  # its descriptor now belongs to ``wrapped``
        self._sock = wrapped
        self._token.adopt(wrapped)
        wrapped.do_handshake()

    def close(self) -> None:
        if self._sock is not None:
            self._token.release(self._sock)
            self._sock.close()
            self._sock = None

    def __enter__(self) -> HttpExchange:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        """Socket and protocol failures as OllamaError; any of them after a cancel is the
        cancel (shutting the socket is how a cancel interrupts a read)."""
        try:
            yield
        except (_LostError, _BrokenError, ChunkError, ChunkCutError, OSError, ValueError) as e:
            if self._token.cancelled:
                raise OllamaError(ErrorKind.CANCELLED) from None
            if isinstance(e, TimeoutError):
                said = str(e)
                detail = said if said not in ("", "timed out") else None
                raise OllamaError(
                    ErrorKind.TIMEOUT, detail or f"no progress for {self._read_timeout:g} s"
                ) from None
            kind = ErrorKind.BROKEN_ANSWER if isinstance(e, _BrokenError | ChunkError) else None
            raise OllamaError(
                kind or ErrorKind.CONNECTION_LOST, str(e) or type(e).__name__
            ) from None

    # -- sending -----------------------------------------------------------------------
    def _send_request(self) -> None:
        """The head and the first piece in one write: a second small write would wait
        for the server's delayed acknowledgement of the first (Nagle)."""
        conn = self._conn
        pending = self._head
        try:
            for piece in self._body:
                self._send(pending + conn.send(h11.Data(data=piece)))
                pending = b""
            self._send(pending + conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError as e:  # pieces that do not add up to ``length``
            raise OllamaError(ErrorKind.LOCAL_IO, f"the data changed while sent: {e}") from None

    def _send(self, data: bytes) -> None:
        """Each SEND_SIZE piece within ``send_timeout``: a server that reads a byte at a
        time cannot hold the request for ever."""
        sock = self._sock
        assert sock is not None
        view = memoryview(data)
        for start in range(0, len(view), SEND_SIZE):
            piece = view[start : start + SEND_SIZE]
            deadline = _now() + self._send_timeout
            while piece:
                left = deadline - _now()
                if left <= 0:
                    raise TimeoutError(f"the server took no data for {self._send_timeout:g} s")
                sock.settimeout(left)
                try:
                    piece = piece[sock.send(piece) :]
                except TimeoutError:
                    raise TimeoutError(
                        f"the server took no data for {self._send_timeout:g} s"
                    ) from None

    # -- reading -----------------------------------------------------------------------
    def _recv(self) -> bytes:
        start = _now()
        left = self._deadline - start
        if left <= 0:
            raise TimeoutError
        sock = self._sock
        assert sock is not None
        sock.settimeout(left)
        data = sock.recv(RECV_SIZE)
        if (end := _now()) - start > WAITED_S:
            self.waited_at = end
        self._eof = not data
        return data

    def _protocol_error(self, e: h11.RemoteProtocolError) -> Exception:
        if self._eof:  # h11 saw the end of the connection before the end of the answer
            when = "before the end of the answer" if self.status else "before answering"
            return _LostError(f"the server closed the connection {when}")
        return _BrokenError(str(e))

    def _read_head(self) -> None:
        """The status line and headers, within ``read_timeout`` of the request; 1xx answers
        before them are skipped (at most MAX_INTERIM)."""
        self._deadline = _now() + self._read_timeout
        conn, interim = self._conn, 0
        while True:
            try:
                event = conn.next_event()
            except h11.RemoteProtocolError as e:
                raise self._protocol_error(e) from None
            if event is h11.NEED_DATA:
                conn.receive_data(self._recv())
            elif isinstance(event, h11.InformationalResponse):
                interim += 1
                if interim > MAX_INTERIM:
                    raise _BrokenError(f"more than {MAX_INTERIM} interim (1xx) answers")
            elif isinstance(event, h11.Response):
                self.status = event.status_code
                self.headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in event.headers}
                coding = self.headers.get("content-encoding", "identity").lower()
                if coding not in ("", "identity"):
                    raise _BrokenError(f"an answer encoded as {coding[:40]!r}, not asked for")
                self._deadline = _now() + self._read_timeout
                return
            else:
                raise _LostError(f"no answer ({type(event).__name__})")

    def _pieces(self, progress: bool = False) -> Iterator[bytes]:
        """The body's data, joined per ``recv``: one piece per wake-up, whatever the
        number of chunks (tokens) it brought. Data that came before a broken chunk is
        handed over before the error. With ``progress``, a piece that ends a line (holds
        a newline) starts the next ``read_timeout``."""
        conn, need, data_event, end = self._conn, h11.NEED_DATA, h11.Data, h11.EndOfMessage
        out: list[bytes] = []
        while True:
            try:
                event = conn.next_event()
            except h11.RemoteProtocolError as e:
                if out:
                    yield b"".join(out)
                raise self._protocol_error(e) from None
            if event is need:
                if out:
                    piece = b"".join(out)
                    out = []
                    if progress and b"\n" in piece:
                        self._deadline = _now() + self._read_timeout
                    yield piece
                if self._eof:
                    raise _LostError("the server closed the connection before the end")
                conn.receive_data(self._recv())
            elif type(event) is data_event:
                out.append(event.data)
            elif type(event) is end:
                if out:
                    yield b"".join(out)
                return
            else:  # ConnectionClosed
                raise _LostError("the server closed the connection before the end")

    def lines(self) -> Iterator[bytes]:
        """The body's lines; each must arrive whole within ``read_timeout`` of the last."""
        with self._failures():
            yield from split_lines(self._stream_pieces())

    def _stream_pieces(self) -> Iterator[bytes]:
        """A stream's data: a chunked body (every Ollama stream) is decoded by chunked.py,
        the hot path (see there why); any other body by h11. A piece that ends a line
        starts the next ``read_timeout``."""
        chunked = self.headers.get("transfer-encoding", "").strip().lower() == "chunked"
        if not chunked or self.status in (204, 304):
            yield from self._pieces(progress=True)
            return
        start, _closed = self._conn.trailing_data  # read past the head, not yet parsed
        for piece in chunked_pieces(bytes(start), self._recv):
            if b"\n" in piece:
                self._deadline = _now() + self._read_timeout
            yield piece

    def read(self, limit: int) -> bytes:
        """The whole body, within ``read_timeout`` of the head: at most ``limit`` bytes (an
        answer that says or proves it is longer is MALFORMED, and is not read on)."""
        declared = self.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise OllamaError(
                ErrorKind.MALFORMED, f"an answer of {declared} bytes (at most {limit} are read)"
            )
        out: list[bytes] = []
        size = 0
        with self._failures():
            for piece in self._pieces():
                size += len(piece)
                if size > limit:
                    raise OllamaError(ErrorKind.MALFORMED, f"an answer longer than {limit} bytes")
                out.append(piece)
        return b"".join(out)

    def error_body(self) -> str:
        """A refusal's body as text (at most MAX_ERROR_BODY bytes; what came in time)."""
        out: list[bytes] = []
        size = 0
        with contextlib.suppress(OllamaError), self._failures():
            for piece in self._pieces():
                out.append(piece)
                size += len(piece)
                if size >= MAX_ERROR_BODY:
                    break
        return b"".join(out)[:MAX_ERROR_BODY].decode("utf-8", "replace")
