"""Watches whether the Ollama server answers, and says so when that changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.cancel import CancelToken
from desktop.services.ollama_service import OllamaService
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import Task

UNREACHABLE = (ErrorKind.CONNECTION_REFUSED, ErrorKind.TIMEOUT, ErrorKind.CONNECTION_LOST)


@dataclass(frozen=True)
class ConnectionState:
    status: ServerStatus  # CHECKING, CONNECTED, NOT_RUNNING, NOT_INSTALLED or NOT_OLLAMA
    host: str
    version: str = ""
    error: OllamaError | None = None
    answered_before: bool = False  # an Ollama answered earlier in this session


def system_install_known() -> bool:
    """An `ollama` on PATH or in a standard place (blocking: file system look-ups)."""
    return bool(find_ollama_binaries())


class ConnectionMonitor(QObject):
    """Polls GET /api/version at ``interval_s`` off the UI thread (one request at a time).

    ``install_known`` runs in the worker after a failed poll: NOT_INSTALLED is claimed only
    when it says no Ollama is installed and no server answered in this session (and the host
    is this computer). stateChanged is emitted only when status, version or host change.
    """

    stateChanged = Signal(ConnectionState)

    def __init__(
        self,
        service: OllamaService,
        interval_s: float = 5.0,
        *,
        install_known: Callable[[], bool] = system_install_known,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.install_known = install_known
        self.state = ConnectionState(ServerStatus.CHECKING, service.host.display)
        self._answered = False
        self._timer = QTimer(self)
        self._timer.setInterval(int(interval_s * 1000))
        self._timer.timeout.connect(self.check_now)
        self._pending: Task | None = None
        service.hostChanged.connect(self._host_changed)

    def start(self) -> None:
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(int(seconds * 1000))

    def _host_changed(self, _host: object) -> None:
        self.check_now()

    def check_now(self) -> None:
        if self._pending is not None and not self._pending.done:
            return
        host = self.service.host
        api, known = self.service.api, self.install_known

        def op(_t: CancelToken, _r: Callable[[Any], None]) -> tuple[str | None, bool, OllamaError]:
            try:
                return api.version(), True, OllamaError(ErrorKind.UNEXPECTED)
            except OllamaError as e:
                installed = e.kind in UNREACHABLE and (not host.is_loopback or known())
                return None, installed, e

        self._pending = self.service.runner.run(
            "connection",
            op,
            on_success=lambda r: self._on_result(host.display, *r),
            on_failure=lambda e: self._on_result(host.display, None, True, e),
        )

    def _on_result(
        self, host: str, version: str | None, installed: bool, error: OllamaError
    ) -> None:
        if host != self.service.host.display:
            self.check_now()  # an answer about a server the app no longer uses: ask the new one
            return
        if version is not None:
            self._answered = True
            self._update(ConnectionState(ServerStatus.CONNECTED, host, version, None, True))
            return
        if error.kind in UNREACHABLE:
            known = installed or self._answered
            status = ServerStatus.NOT_RUNNING if known else ServerStatus.NOT_INSTALLED
        else:
            status = ServerStatus.NOT_OLLAMA
        self._update(ConnectionState(status, host, error=error, answered_before=self._answered))

    def _update(self, state: ConnectionState) -> None:
        changed = (state.status, state.version, state.host) != (
            self.state.status,
            self.state.version,
            self.state.host,
        )
        self.state = state
        if changed:
            self.stateChanged.emit(state)
