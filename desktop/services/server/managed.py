"""`ollama serve` as a child process of the app (QProcess, never a shell).

Before starting, the app's port is probed: when an Ollama already answers there it is
adopted, never started twice. Output goes to a bounded log buffer and, coalesced every
100 ms, to ``logAppended``. An exit the app did not ask for is a crash, with a reason read
from the log (port in use, missing libraries, out of memory). Stop is graceful (SIGTERM,
which `ollama serve` handles by unloading its runners), then a kill after a timeout.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from desktop.core.setup.serve_log import CrashDiagnosis, CrashReason, diagnose, listening_line
from desktop.core.setup.server_env import ServerOptions, connect_url, server_env
from desktop.services.server.probe import ServerProbe, probe_server
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import Task, TaskRunner

LOG_LINES = 5000
LOG_LINE_CHARS = 4000
READY_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class ManagedState:
    status: ServerStatus  # NOT_RUNNING, CHECKING, STARTING, CONNECTED, STOPPING or CRASHED
    url: str = ""
    version: str = ""
    binary: str = ""
    pid: int = 0
    exit_code: int | None = None
    diagnosis: CrashDiagnosis | None = None
    adopted: bool = False  # CONNECTED to an Ollama the app found running (not its child)


class ManagedServer(QObject):
    """stateChanged(ManagedState); logAppended(list[str]) with new lines only."""

    stateChanged = Signal(ManagedState)
    logAppended = Signal(list)

    def __init__(
        self, runner: TaskRunner, *, stop_timeout_ms: int = 5000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.stop_timeout_ms = stop_timeout_ms
        self.state = ManagedState(ServerStatus.NOT_RUNNING)
        self.log: deque[str] = deque(maxlen=LOG_LINES)
        self._pending_lines: list[str] = []
        self._partial = ""
        self._process: QProcess | None = None
        self._options: ServerOptions | None = None
        self._binary: Path | None = None
        self._probe_task: Task | None = None
        self._flush = QTimer(self)
        self._flush.setInterval(100)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._emit_lines)
        self._ready_poll = QTimer(self)
        self._ready_poll.setInterval(1000)
        self._ready_poll.timeout.connect(self._probe_ready)
        self._ready_deadline = QTimer(self)
        self._ready_deadline.setSingleShot(True)
        self._ready_deadline.timeout.connect(self._ready_timed_out)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)

    # -- public --------------------------------------------------------------------------
    @property
    def is_owned(self) -> bool:
        """True while the app's own child process exists."""
        return self._process is not None

    def start(self, binary: Path, options: ServerOptions) -> None:
        """Adopt an Ollama already answering on the port, else start ``binary serve``."""
        if self.state.status in (
            ServerStatus.CHECKING,
            ServerStatus.STARTING,
            ServerStatus.CONNECTED,
            ServerStatus.STOPPING,
        ):
            return
        self._binary, self._options = binary, options
        url = connect_url(options)
        self._set(ManagedState(ServerStatus.CHECKING, url, binary=str(binary)))
        task = self.runner.submit("probe-port", lambda _t, _r: probe_server(url, "managed", 2.0))
        task.succeeded.connect(self._after_port_probe)
        self._probe_task = task

    def stop(self) -> None:
        """Graceful stop of the app's own server; forget an adopted one (not ours to stop)."""
        if self.state.adopted:
            self._set(ManagedState(ServerStatus.NOT_RUNNING))
            return
        proc = self._process
        if proc is None:
            return
        self._set(
            ManagedState(
                ServerStatus.STOPPING,
                self.state.url,
                self.state.version,
                self.state.binary,
                self.state.pid,
            )
        )
        self._stop_readiness()
        proc.terminate()
        self._kill_timer.start(self.stop_timeout_ms)

    def restart(self, binary: Path | None = None, options: ServerOptions | None = None) -> None:
        """Stop (if running) and start again with the new binary/settings."""
        binary = binary or self._binary
        options = options or self._options
        if binary is None or options is None:
            return
        if self._process is None:
            self._set(ManagedState(ServerStatus.NOT_RUNNING))
            self.start(binary, options)
            return
        self._binary, self._options = binary, options
        self._process.finished.connect(self._start_after_stop)
        self.stop()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """On quit: stop our child and wait for it (blocks, at exit only)."""
        proc = self._process
        if proc is None:
            return
        proc.terminate()
        if not proc.waitForFinished(timeout_ms):
            proc.kill()
            proc.waitForFinished(2000)

    def log_text(self) -> str:
        return "\n".join(self.log)

    # -- process -------------------------------------------------------------------------
    def _after_port_probe(self, probe: ServerProbe) -> None:
        if self.state.status is not ServerStatus.CHECKING:
            return
        if probe.answering:
            self._append(
                [
                    f"[ollama-desk] Ollama {probe.version} already answers at "
                    f"{probe.display}; using it instead of starting another."
                ]
            )
            self._set(
                ManagedState(ServerStatus.CONNECTED, probe.url, probe.version or "", adopted=True)
            )
            return
        self._spawn()

    def _spawn(self) -> None:
        assert self._binary is not None and self._options is not None
        proc = QProcess(self)
        proc.setProgram(str(self._binary))
        proc.setArguments(["serve"])
        proc.setWorkingDirectory(str(self._binary.parent))
        env = QProcessEnvironment()
        for k, v in server_env(self._options, os.environ).items():
            env.insert(k, v)
        proc.setProcessEnvironment(env)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.readyReadStandardOutput.connect(self._read_output)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._process = proc
        self._append(
            [
                f"[ollama-desk] starting {self._binary} serve "
                f"(OLLAMA_HOST={env.value('OLLAMA_HOST')})"
            ]
        )
        url = connect_url(self._options)
        self._set(ManagedState(ServerStatus.STARTING, url, binary=str(self._binary)))
        proc.start()
        self._ready_poll.start()
        self._ready_deadline.start(READY_TIMEOUT_MS)

    def _read_output(self) -> None:
        proc = self._process
        if proc is None:
            return
        text = self._partial + bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
        lines = text.split("\n")
        self._partial = lines.pop()
        lines = [ln.rstrip("\r")[:LOG_LINE_CHARS] for ln in lines]
        self._append(lines)
        if self.state.status is ServerStatus.STARTING and any(listening_line(ln) for ln in lines):
            self._probe_ready()

    def _append(self, lines: list[str]) -> None:
        if not lines:
            return
        self.log.extend(lines)
        self._pending_lines.extend(lines)
        if len(self._pending_lines) > LOG_LINES:
            del self._pending_lines[: len(self._pending_lines) - LOG_LINES]
        if not self._flush.isActive():
            self._flush.start()

    def _emit_lines(self) -> None:
        lines, self._pending_lines = self._pending_lines, []
        if lines:
            self.logAppended.emit(lines)

    def _probe_ready(self) -> None:
        if self.state.status is not ServerStatus.STARTING:
            return
        if self._probe_task is not None and not self._probe_task.done:
            return
        url = self.state.url
        task = self.runner.submit("probe-ready", lambda _t, _r: probe_server(url, "managed", 2.0))
        task.succeeded.connect(self._on_ready_probe)
        self._probe_task = task

    def _on_ready_probe(self, probe: ServerProbe) -> None:
        if self.state.status is ServerStatus.STARTING and probe.answering:
            self._stop_readiness()
            self._set(
                ManagedState(
                    ServerStatus.CONNECTED,
                    probe.url,
                    probe.version or "",
                    self.state.binary,
                    self._pid(),
                )
            )

    def _ready_timed_out(self) -> None:
        if self.state.status is ServerStatus.STARTING:
            self._append(
                [
                    "[ollama-desk] the server did not answer within "
                    f"{READY_TIMEOUT_MS // 1000} s; stopping it."
                ]
            )
            self.stop()

    def _pid(self) -> int:
        return int(self._process.processId()) if self._process is not None else 0

    def _stop_readiness(self) -> None:
        self._ready_poll.stop()
        self._ready_deadline.stop()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and self._process is not None:
            msg = self._process.errorString()
            self._append([f"[ollama-desk] could not start: {msg}"])
            reason = CrashReason.PERMISSION if "ermission" in msg else CrashReason.NOT_EXECUTABLE
            self._finish_process(
                ManagedState(
                    ServerStatus.CRASHED,
                    self.state.url,
                    binary=self.state.binary,
                    diagnosis=CrashDiagnosis(reason, msg),
                )
            )

    def _on_finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        self._read_output()
        if self._partial:
            self._append([self._partial])
            self._partial = ""
        self._kill_timer.stop()
        self._stop_readiness()
        if self.state.status is ServerStatus.STOPPING:
            self._append([f"[ollama-desk] server stopped (exit code {exit_code})."])
            self._finish_process(ManagedState(ServerStatus.NOT_RUNNING, exit_code=exit_code))
            return
        crashed = status is QProcess.ExitStatus.CrashExit
        diag = diagnose(
            list(self.log)[-200:], None if crashed else exit_code, exit_code if crashed else None
        )
        self._append([f"[ollama-desk] server exited unexpectedly ({diag.reason.value})."])
        self._finish_process(
            ManagedState(
                ServerStatus.CRASHED,
                self.state.url,
                binary=self.state.binary,
                exit_code=exit_code,
                diagnosis=diag,
            )
        )

    def _finish_process(self, state: ManagedState) -> None:
        proc, self._process = self._process, None
        if proc is not None:
            proc.deleteLater()
        self._emit_lines()
        self._set(state)

    def _start_after_stop(self) -> None:
        if self._binary is not None and self._options is not None:
            QTimer.singleShot(0, self._restart_now)

    def _restart_now(self) -> None:
        if self._binary is not None and self._options is not None and self._process is None:
            self.start(self._binary, self._options)

    def _kill(self) -> None:
        if self._process is not None:
            self._append([f"[ollama-desk] no exit after {self.stop_timeout_ms} ms; killing."])
            self._process.kill()

    def _set(self, state: ManagedState) -> None:
        self.state = state
        self.stateChanged.emit(state)
