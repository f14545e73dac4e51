"""One running app per settings folder, as desktop users expect.

The first launch takes the folder's lock (instance_lock.py: the operating system's own file
lock, dropped by the kernel when the app ends however it ends) and listens on a local socket;
a later launch with the same folder finds the lock held by a live process, asks that app
(over the socket) to bring its window to the front, and ends before it opens any file (so it
never touches the first window's chats or live answer). Different folders (tests,
--config-dir) run side by side.

The socket lives where only this user can make files (issue 24.6: in the shared temporary
folder another user could take its name first and receive the requests): the runtime folder
($XDG_RUNTIME_DIR), else the settings folder, else a folder of this user's own in the
temporary folder, each used only when it is this user's and no one else may write in it, and
when the path fits an AF_UNIX address. A socket found there is used only when it is this
user's. On Windows it is a named pipe that only this user may open (Qt's UserAccessOption).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
import time
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.services.instance_lock import InstanceLock, LockResult, LockState

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
ASK_FOR_S = 4.0  # the first app may still be starting: it listens right after taking the lock
MAX_UNIX_PATH = 103  # bytes: sun_path is 104 on macOS, 108 on Linux, with its final NUL


class Claim(Enum):
    FIRST = "first"  # this is the app for this folder
    ACTIVATED = "activated"  # another app runs and was asked to show its window
    NOT_ANSWERING = "not_answering"  # another app holds the folder but does not answer
    REFUSED = "refused"  # the lock file cannot be used (``SingleInstance.lock_result``)


def _digest(config_dir: Path) -> str:
    return hashlib.sha256(str(config_dir.resolve()).encode("utf-8")).hexdigest()[:16]


def server_name(config_dir: Path) -> str:
    """The activation socket's path (Windows: a pipe name); "" when no private place fits."""
    digest = _digest(config_dir)
    if sys.platform == "win32":
        user = hashlib.sha256(os.environ.get("USERNAME", "").encode()).hexdigest()[:8]
        return f"ollama-desk-{user}-{digest}"
    places = [(config_dir / "instance.sock", False)]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime):
        places.insert(0, (Path(runtime) / f"ollama-desk-{digest}.sock", False))
    own_temp = Path(tempfile.gettempdir()) / f"ollama-desk-{os.geteuid()}"
    places.append((own_temp / f"{digest}.sock", True))  # made here, 0700, when missing
    for place, make in places:
        if len(os.fsencode(place)) > MAX_UNIX_PATH:
            continue
        if make:
            with contextlib.suppress(OSError):
                place.parent.mkdir(mode=0o700)
        if _private(place.parent):
            return str(place)
    return ""


def _private(folder: Path) -> bool:
    """A real folder of this user's, in which no one else may create or rename files."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


def _ours(path: str) -> bool:
    """A socket made by this user (on Windows the pipe's own access rules apply)."""
    if sys.platform == "win32":
        return True
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(st.st_mode) and st.st_uid == os.geteuid()


class SingleInstance(QObject):
    """``claim()`` once at start. FIRST: keep the object alive; it emits ``activated`` when
    a later launch asks for the window. Otherwise this launch should end: ``lock_result``
    says who holds the folder or why its lock file was refused (``lock_path`` names it)."""

    activated = Signal()

    def __init__(self, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(config_dir)
        self._lock = InstanceLock(config_dir)
        self.lock_path = self._lock.path
        self.lock_result = LockResult(LockState.HELD)
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        deadline = time.monotonic() + ASK_FOR_S
        while True:
            self.lock_result = self._lock.acquire()
            if self.lock_result.state is LockState.TAKEN:
                self._listen()
                return Claim.FIRST
            if self.lock_result.state is LockState.REFUSED:
                return Claim.REFUSED
            if self._ask_running_app():
                return Claim.ACTIVATED
            if time.monotonic() > deadline:
                return Claim.NOT_ANSWERING
            time.sleep(0.1)  # at start, before any window: nothing to keep responsive

    def _listen(self) -> None:
        if not self.name:
            return  # no private place for the socket: the app runs without it
        if _ours(self.name) or sys.platform == "win32":
            QLocalServer.removeServer(self.name)  # a socket file left by a crashed app
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self._server = server

    def _ask_running_app(self) -> bool:
        """True when the running app got the request."""
        if not self.name or not _ours(self.name):
            return False
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
            self._server.close()  # removes its socket file
            self._server.deleteLater()
            self._server = None
        self._lock.release()
