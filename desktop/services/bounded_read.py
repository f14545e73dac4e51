"""Reading a body from a remote peer (a model registry, GitHub's release API) with httpx:
never more than it declared, never more than a sane maximum, never for longer than a
deadline (issue 24.8: a 300 MB config blob declared as 100 bytes grew the app by 876 MB;
issue 24.7: a peer that trickles a byte at a time defeats httpx's per-read timeouts).

httpx times each read, not the whole answer. ``Deadline`` bounds all of it, the head
included: it follows the sockets httpx opens (through httpcore's documented ``trace``
extension) and shuts them when the time is up, which ends a blocked read at once. httpx
also reads the whole body of every redirect it follows; ``get_stream`` follows redirects
without reading them. The Ollama API itself goes through http_exchange.py, which keeps
its own deadlines.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

_SOCKET_EVENTS = ("connection.connect_tcp.complete", "connection.start_tls.complete")
MAX_REDIRECTS = 10


class BodyTooLargeError(Exception):
    """A body larger than its reader allows (or than it declared); ``str()`` says which."""


class DeadlineError(Exception):
    """The whole exchange took longer than its deadline."""


class Deadline:
    """``with Deadline(seconds) as d:`` then pass ``d.extensions`` to each httpx request made
    inside. When the time is up every socket those requests opened is shut (a blocked read
    returns) and ``expired`` is True; read_capped raises DeadlineError then."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    @property
    def extensions(self) -> dict[str, Any]:
        return {"trace": self._trace}

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def check(self) -> None:
        if self.expired:
            raise DeadlineError(f"no complete answer within {self.seconds:g} s")

    def _trace(self, event: str, info: Mapping[str, Any]) -> None:
        if event not in _SOCKET_EVENTS:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # the plain socket's shutdown, also for TLS (ssl.SSLSocket's own would drop its state
    # under the reading thread); a socket closed meanwhile has no descriptor to hit
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


@contextlib.contextmanager
def get_stream(
    client: httpx.Client,
    url: str | httpx.URL,
    *,
    headers: Mapping[str, str] | None = None,
    deadline: Deadline | None = None,
) -> Iterator[httpx.Response]:
    """GET ``url`` as a streamed response, following redirects (at most MAX_REDIRECTS)
    without reading their bodies, which httpx would read whole."""
    extensions = deadline.extensions if deadline is not None else None
    for _ in range(MAX_REDIRECTS + 1):
        request = client.build_request("GET", url, headers=headers, extensions=extensions)
        response = client.send(request, stream=True, follow_redirects=False)
        if not response.is_redirect:
            try:
                yield response
            finally:
                response.close()
            return
        response.close()
        url = response.url.join(response.headers["location"])
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects", request=request)


def read_capped(
    response: httpx.Response,
    limit: int,
    deadline: Deadline | None = None,
    *,
    declared: int | None = None,
) -> bytes:
    """The body of a streamed response, at most ``limit`` bytes and at most ``declared``
    (what the peer said elsewhere, e.g. a manifest's size for a blob); a Content-Length
    over the cap is refused before a byte is read. Raises BodyTooLargeError, DeadlineError,
    or httpx's own errors."""
    cap = limit if declared is None else min(limit, declared)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap and not response.headers.get("content-encoding"):
        raise BodyTooLargeError(f"an answer of {length} bytes (at most {cap} are read)")
    out: list[bytes] = []
    size = 0
    for piece in _pieces(response, deadline):
        size += len(piece)
        if size > cap:  # decoded bytes: a small gzip cannot unfold into gigabytes either
            raise BodyTooLargeError(f"an answer longer than {cap} bytes")
        out.append(piece)
    return b"".join(out)


def _pieces(response: httpx.Response, deadline: Deadline | None) -> Iterator[bytes]:
    try:
        for piece in response.iter_bytes():
            if deadline is not None:
                deadline.check()
            yield piece
    except httpx.TransportError:
        if deadline is not None:
            deadline.check()  # the watchdog shut the socket: say why
        raise
    if deadline is not None:
        deadline.check()
