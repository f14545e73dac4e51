"""CancelToken: how every background task is stopped (lives beside the task runner).

Cooperative and prompt: ``cancel()`` from any thread sets a flag the worker's loop checks,
and also shuts the socket of an HTTP request in flight, so a read blocked on a silent
server returns at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import httpx

from desktop.core.errors import ErrorKind, OllamaError


class CancelToken:
    """Cooperative, prompt cancellation: ``cancel()`` from any thread also shuts the socket
    of the request in flight, so a read blocked on a silent server returns at once."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:  # held while shutting: a socket released meanwhile (and closed,
            for s in self._sockets:  # its number reused) must not be the one shut
                with contextlib.suppress(OSError):
                    # the plain socket's shutdown, also for TLS: ssl.SSLSocket's own drops
                    # its TLS state under the thread that is reading it
                    socket.socket.shutdown(s, socket.SHUT_RDWR)
            self._sockets = []

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, waking at once on cancel; True if cancelled."""
        return self._event.wait(seconds)

    def check(self) -> None:
        if self._event.is_set():
            raise OllamaError(ErrorKind.CANCELLED)

    def adopt(self, sock: socket.socket) -> None:
        """Shut ``sock`` on cancel (at once if cancelled already) until ``release``."""
        with self._lock:
            self._sockets.append(sock)
        if self.cancelled:
            self.cancel()

    def release(self, sock: socket.socket) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._sockets.remove(sock)

    @contextlib.contextmanager
    def watching(self, response: httpx.Response) -> Iterator[None]:
        """Shut the socket of an httpx response on cancel while the block runs."""
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            yield
            return
        self.adopt(sock)
        try:
            yield
        finally:
            self.release(sock)
