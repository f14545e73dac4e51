"""One running app per settings folder, as desktop users expect.

The first launch takes a lock file in the config folder and listens on a local socket whose
name is derived from that folder; a later launch with the same folder finds the lock taken,
asks the running app (over the socket) to bring its window to the front, and ends before it
opens any file (so it never touches the first window's chats or live answer). A lock left by
a crashed app is stale (its process is gone) and is taken over. Different folders (tests,
--config-dir) run side by side.
"""

from __future__ import annotations

import hashlib
import time
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
ASK_FOR_S = 4.0  # the first app may still be starting: it listens right after taking the lock


class Claim(Enum):
    FIRST = "first"  # this is the app for this folder
    ACTIVATED = "activated"  # another app runs and was asked to show its window
    NOT_ANSWERING = "not_answering"  # another app holds the folder but does not answer


def server_name(config_dir: Path) -> str:
    """A socket name per settings folder (short: Unix socket paths are limited)."""
    digest = hashlib.sha256(str(config_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"ollama-desk-{digest}"


class SingleInstance(QObject):
    """``claim()`` once at start. FIRST: keep the object alive; it emits ``activated`` when
    a later launch asks for the window. Otherwise this launch should end."""

    activated = Signal()

    def __init__(self, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(config_dir)
        self._lock = QLockFile(str(config_dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, not by age
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        deadline = time.monotonic() + ASK_FOR_S
        while True:
            if self._lock.tryLock(0):
                self._listen()
                return Claim.FIRST
            if self._ask_running_app():
                return Claim.ACTIVATED
            if time.monotonic() > deadline:
                return Claim.NOT_ANSWERING
            time.sleep(0.1)  # at start, before any window: nothing to keep responsive

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed app
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self._server = server

    def _ask_running_app(self) -> bool:
        """True when the running app got the request."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write(ACTIVATE)
        sent = sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        sock.disconnectFromServer()
        return sent

    def _on_connection(self) -> None:
        # bound methods, not lambdas: a lambda holding self would make a reference cycle
        # that the garbage collector could break in the middle of a socket's event
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            sock.readyRead.connect(self._on_ready_read)
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _on_ready_read(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if bytes(sock.readAll().data()).startswith(ACTIVATE.strip()):
            self.activated.emit()

    def release(self) -> None:
        """Stop answering and free the folder (at quit; also when the app is embedded)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        self._lock.unlock()
