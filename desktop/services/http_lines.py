"""A lean HTTP/1.1 POST whose answer is read as lines: how every NDJSON stream is read.

Why not httpx here (it serves every other call): a CPU-bound model sends one HTTP chunk per
token, and httpx → httpcore → h11 → its decoders run ~75 Python calls per chunk, about
0.1 ms on the 2-core CI machine: a third of the app's CPU while it streams at 50 tok/s. This
reader parses the chunked framing of everything one ``recv`` brought with ``bytes.find`` and
slicing, then splits lines with one ``bytes.split``. It also splits on ``\\n`` only: httpx's
``iter_lines`` splits like ``str.splitlines``, so a model's U+0085 or U+2028, which Ollama
sends raw inside a JSON string, cut a valid line in two and ended the answer as malformed.

Plain ``http://`` only (``https://`` streams go through httpx and ``split_lines``); no proxy
(the app never sends local API traffic through one); one connection per stream.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import idna

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.cancel import CancelToken

RECV_SIZE = 1 << 16
MAX_HEAD = 64 << 10  # status line and headers
MAX_SIZE_LINE = 1024  # one chunk-size line, extensions included
MAX_LINE = 16 << 20  # one NDJSON line; Ollama's longest (a /api/generate context) is < 2 MiB
MAX_ERROR_BODY = 1 << 20
_HEX = b"0123456789abcdefABCDEF"


class _LostError(Exception):
    """The server broke HTTP or closed the connection early."""


class _BrokenError(_LostError):
    """The answer broke HTTP's framing: a broken answer, not a stopped server."""


def split_lines(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The lines (without ``\\n``) of a body that arrives in pieces; a last line without a
    newline is a line too. Linear in the body, however it is cut; a line over MAX_LINE is
    MALFORMED."""
    parts: list[bytes] = []
    held = 0
    for piece in pieces:
        end = piece.rfind(b"\n")
        if end < 0:
            if not piece:
                continue
            parts.append(piece)
            held += len(piece)
            if held > MAX_LINE:
                raise OllamaError(ErrorKind.MALFORMED, f"a line longer than {MAX_LINE} bytes")
            continue
        if parts:
            parts.append(piece[:end])
            head = b"".join(parts)
            parts.clear()
        else:
            head = piece[:end]
        yield from head.split(b"\n")
        rest = piece[end + 1 :]
        held = len(rest)
        if rest:
            parts.append(rest)
    if parts:
        yield b"".join(parts)


class LineStream:
    """One POST to ``base_url + path`` with a JSON body, as a context manager. ``status``
    after ``open()``; ``lines()`` yields the body's lines; ``error_body()`` reads a
    refusal's text. A cancel through ``token`` shuts the socket (while it connects too),
    so a blocked call returns at once and ends in CANCELLED."""

    def __init__(
        self,
        base_url: str,
        path: str,
        body: bytes,
        token: CancelToken,
        *,
        timeout: float,
        read_timeout: float,
    ) -> None:
        url = urlsplit(base_url)
        if url.scheme != "http" or not url.hostname:
            raise ValueError(f"not a plain http:// address: {base_url!r}")
        name = url.hostname
        if not name.isascii():  # as httpx does (IDNA 2008); hosts.py accepted it so
            try:
                name = idna.encode(name.lower()).decode("ascii")
            except (idna.IDNAError, UnicodeError, ValueError):
                raise OllamaError(
                    ErrorKind.CONNECTION_REFUSED, f"not a valid host name: {name!r}"
                ) from None
        port = 80 if url.port is None else url.port
        self._address = (name, port)
        host = f"[{name}]" if ":" in name else name
        if url.port is not None:
            host += f":{url.port}"
        target = url.path.rstrip("/") + path
        self._request = (
            f"POST {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: ollama-desk\r\n"
            "Accept: application/x-ndjson\r\nAccept-Encoding: identity\r\n"
            "Content-Type: application/json\r\nConnection: close\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("ascii", "replace") + body
        self._token = token
        self._timeout = timeout
        self._read_timeout = read_timeout
        self._sock: socket.socket | None = None
        self._buf = b""
        self.status = 0
        self._headers: dict[str, str] = {}

    # -- life --------------------------------------------------------------------------
    def open(self) -> None:
        """Connect, send the request and read the answer's head."""
        sock = self._connect()
        with self._failures():
            broken: OSError | None = None
            try:
                sock.sendall(self._request)
            except TimeoutError:
                raise
            except OSError as e:  # the server may have answered early (403, 413) and
                broken = e  # stopped reading the body: its answer says more than the pipe
            sock.settimeout(self._read_timeout)
            try:
                self._read_head()
            except (OSError, _LostError, ValueError):
                if broken is None:
                    raise
                raise broken from None

    def _connect(self) -> socket.socket:
        """Each address in turn, the socket given to the token before it connects (a
        cancel aborts a connect that waits for an answer)."""
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
                return sock
            except OSError as e:
                last = e
                self.close()
                token.check()
        if isinstance(last, TimeoutError):
            raise OllamaError(ErrorKind.TIMEOUT, f"connect: {last}")
        raise OllamaError(ErrorKind.CONNECTION_REFUSED, str(last or "no address"))

    def close(self) -> None:
        if self._sock is not None:
            self._token.release(self._sock)
            self._sock.close()
            self._sock = None

    def __enter__(self) -> LineStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        """Socket and protocol failures as OllamaError; any of them after a cancel is the
        cancel (shutting the socket is how a cancel interrupts a read)."""
        try:
            yield
        except (_LostError, OSError, ValueError) as e:  # ValueError: a number too long
            if self._token.cancelled:
                raise OllamaError(ErrorKind.CANCELLED) from None
            if isinstance(e, TimeoutError):
                raise OllamaError(ErrorKind.TIMEOUT, str(e) or "read timed out") from None
            broken = isinstance(e, _BrokenError | ValueError)
            kind = ErrorKind.BROKEN_ANSWER if broken else ErrorKind.CONNECTION_LOST
            raise OllamaError(kind, str(e) or type(e).__name__) from None

    def lines(self) -> Iterator[bytes]:
        """The body's lines; the stream ends when the body does (chunked, sized or closed)."""
        with self._failures():
            yield from split_lines(self._body())

    def error_body(self) -> str:
        """A refusal's body as text (at most MAX_ERROR_BODY bytes)."""
        out: list[bytes] = []
        size = 0
        with contextlib.suppress(OllamaError), self._failures():
            for piece in self._body():
                out.append(piece)
                size += len(piece)
                if size >= MAX_ERROR_BODY:
                    break
        return b"".join(out)[:MAX_ERROR_BODY].decode("utf-8", "replace")

    # -- reading -----------------------------------------------------------------------
    def _recv(self) -> bytes:
        assert self._sock is not None
        return self._sock.recv(RECV_SIZE)

    def _read_head(self) -> None:
        """The status line and headers; 1xx answers before them are skipped (their
        bytes count against MAX_HEAD too)."""
        buf, seen = self._buf, 0
        while True:
            start = 0
            while (end := buf.find(b"\r\n\r\n", start)) < 0:
                if seen + len(buf) > MAX_HEAD:
                    raise _BrokenError("the answer's headers are too long")
                more = self._recv()
                if not more:
                    raise _LostError("the server closed the connection before answering")
                start = max(0, len(buf) - 3)  # search only what is new: linear
                buf += more
            head, buf = buf[:end].decode("latin-1"), buf[end + 4 :]
            seen += end + 4
            status_line, *fields = head.split("\r\n")
            parts = status_line.split(" ", 2)
            code = parts[1] if len(parts) > 1 else ""
            if not status_line.startswith("HTTP/1.") or not _is_number(code, 3):
                raise _BrokenError(f"not an HTTP answer: {status_line[:80]!r}")
            self.status = int(code)
            self._headers = {}
            for field in fields:
                name, sep, value = field.partition(":")
                if not sep:
                    raise _BrokenError(f"a malformed header: {field[:80]!r}")
                self._headers[name.strip().lower()] = value.strip()
            if self.status == 101:
                raise _BrokenError("the server switched protocols")
            if not 100 <= self.status < 200:
                self._buf = buf
                return

    def _body(self) -> Iterator[bytes]:
        if self.status in (204, 304):
            return iter(())
        coding = self._headers.get("content-encoding", "identity").lower()
        if coding not in ("", "identity"):
            raise _BrokenError(f"an answer encoded as {coding[:40]!r}, which was not asked for")
        codings = self._headers.get("transfer-encoding", "").lower()
        if codings:
            if [c.strip() for c in codings.split(",")] != ["chunked"]:
                raise _BrokenError(f"an unknown transfer coding: {codings[:40]!r}")
            return self._chunked()
        length = self._headers.get("content-length")
        if length is not None:
            if not _is_number(length, 18):
                raise _BrokenError(f"a malformed Content-Length: {length[:40]!r}")
            return self._sized(int(length))
        return self._until_closed()

    def _sized(self, length: int) -> Iterator[bytes]:
        buf, self._buf = self._buf, b""
        while True:
            if buf:
                yield buf[:length]
                length -= min(len(buf), length)
            if length <= 0:
                return
            buf = self._recv()
            if not buf:
                raise _LostError("the server closed the connection before the end of the answer")

    def _until_closed(self) -> Iterator[bytes]:
        buf, self._buf = self._buf, b""
        while True:
            if buf:
                yield buf
            buf = self._recv()
            if not buf:
                return

    def _chunked(self) -> Iterator[bytes]:
        """The data of every chunk, joined per ``recv``: one piece per wake-up, whatever
        the number of chunks (tokens) it brought."""
        buf, self._buf = self._buf, b""
        remaining = 0  # data bytes still due in the current chunk
        after_data = False  # the CRLF that ends a chunk's data is due
        while True:
            out: list[bytes] = []
            pos, n = 0, len(buf)
            while pos < n:
                if remaining:
                    take = min(remaining, n - pos)
                    out.append(buf[pos : pos + take])
                    pos += take
                    remaining -= take
                    after_data = not remaining
                elif after_data:
                    if n - pos < 2:
                        break
                    if buf[pos : pos + 2] != b"\r\n":
                        raise _BrokenError("a chunk longer than its size")
                    pos += 2
                    after_data = False
                else:
                    end = buf.find(b"\r\n", pos, pos + MAX_SIZE_LINE + 2)
                    if end < 0:
                        if n - pos >= MAX_SIZE_LINE + 2:
                            raise _BrokenError("a malformed chunk size")
                        break
                    size = _chunk_size(buf[pos:end])
                    pos = end + 2
                    if size == 0:  # the last chunk; trailers are of no use here
                        if out:
                            yield b"".join(out)
                        return
                    remaining = size
            if out:
                yield b"".join(out)
            more = self._recv()
            if not more:
                raise _LostError("the server closed the connection before the end of the answer")
            buf = buf[pos:] + more  # what is kept is under two bytes or a partial size line


def _is_number(text: str, digits: int) -> bool:
    """ASCII digits only (``str.isdigit`` takes "²"), at most ``digits`` of them (``int``
    refuses more than 4,300)."""
    return 0 < len(text) <= digits and text.isascii() and text.isdigit()


def _chunk_size(line: bytes) -> int:
    digits = line.split(b";", 1)[0].strip()
    if not digits or len(digits) > 15 or digits.strip(_HEX):
        raise _BrokenError(f"a malformed chunk size: {line[:40]!r}")
    return int(digits, 16)
