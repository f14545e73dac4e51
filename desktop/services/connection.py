"""Watches whether the Ollama server answers, and says so when that changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.ollama_service import OllamaService
from desktop.services.tasks import Task


class ServerStatus(Enum):
    CHECKING = "checking"
    CONNECTED = "connected"
    NOT_RUNNING = "not_running"  # an ollama binary exists, nothing answers
    NOT_FOUND = "not_found"  # nothing answers and no ollama binary was found
    ERROR = "error"  # something answers, but not like Ollama


@dataclass(frozen=True)
class ConnectionState:
    status: ServerStatus
    host: str
    version: str = ""
    error: OllamaError | None = None
    binaries: tuple[Path, ...] = ()


class ConnectionMonitor(QObject):
    """Polls GET /api/version at ``interval_s`` off the UI thread (one request at a time).

    stateChanged(ConnectionState) is emitted only when the status or version changes.
    """

    stateChanged = Signal(object)

    def __init__(
        self, service: OllamaService, interval_s: float = 5.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.state = ConnectionState(ServerStatus.CHECKING, service.host.display)
        self._timer = QTimer(self)
        self._timer.setInterval(int(interval_s * 1000))
        self._timer.timeout.connect(self.check_now)
        self._pending: Task | None = None
        service.hostChanged.connect(lambda _h: self.check_now())

    def start(self) -> None:
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(int(seconds * 1000))

    def check_now(self) -> None:
        if self._pending is not None and not self._pending.done:
            return
        host = self.service.host.display
        task = self.service.version()
        task.succeeded.connect(
            lambda v: self._update(ConnectionState(ServerStatus.CONNECTED, host, version=str(v)))
        )
        task.failed.connect(lambda e: self._on_failed(host, e))
        self._pending = task

    def _on_failed(self, host: str, error: OllamaError) -> None:
        if error.kind in (
            ErrorKind.CONNECTION_REFUSED,
            ErrorKind.TIMEOUT,
            ErrorKind.CONNECTION_LOST,
        ):
            binaries = tuple(find_ollama_binaries())
            status = (
                ServerStatus.NOT_RUNNING
                if binaries or not self.service.host.is_loopback
                else ServerStatus.NOT_FOUND
            )
            self._update(ConnectionState(status, host, error=error, binaries=binaries))
        else:
            self._update(ConnectionState(ServerStatus.ERROR, host, error=error))

    def _update(self, state: ConnectionState) -> None:
        changed = (state.status, state.version, state.host) != (
            self.state.status,
            self.state.version,
            self.state.host,
        )
        self.state = state
        if changed:
            self.stateChanged.emit(state)
