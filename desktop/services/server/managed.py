"""`ollama serve` as a child process of the app (QProcess, never a shell).

Before starting, the app's port is probed: when an Ollama already answers there it is
adopted, never started twice. Output goes to a bounded log buffer and, coalesced every
100 ms, to ``logAppended``. An exit the app did not ask for is a crash, with a reason read
from the log (port in use, missing libraries, out of memory). Stop is graceful (SIGTERM,
which `ollama serve` handles by unloading its runners), then a kill after a timeout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psutil
from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from desktop.core.setup.installs import owning_install
from desktop.core.setup.serve_log import CrashDiagnosis, CrashReason, diagnose, listening_line
from desktop.core.setup.server_env import ServerOptions, connect_url
from desktop.services.server import own_process
from desktop.services.server.child_tie import ChildTie, TieKind
from desktop.services.server.installer import OutsideInstallError, executable_inside
from desktop.services.server.log_buffer import LogBuffer
from desktop.services.server.probe import ServerProbe, probe_server
from desktop.services.server.serve_process import serve_process
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import Task, TaskRunner

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
        self,
        runner: TaskRunner,
        *,
        data_dir: Path | None = None,
        stop_timeout_ms: int = 5000,
        tie: TieKind | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``data_dir``: where app-made installs live (their programs must resolve inside
        their folder) and where the running server is remembered across app restarts.
        ``tie``: how the server's life is tied to the app's (child_tie.py; default: the
        best this system offers)."""
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self._record = data_dir / own_process.RECORD_NAME if data_dir else None
        self._orphan: psutil.Process | None = None  # ours, from an earlier run of the app
        self._restart_after_orphan = False
        self.stop_timeout_ms = stop_timeout_ms
        self._tie = ChildTie(tie)
        self.state = ManagedState(ServerStatus.NOT_RUNNING)
        self.output = LogBuffer(self)
        self.output.appended.connect(self.logAppended)
        self.log = self.output.lines
        self._process: QProcess | None = None
        self._options: ServerOptions | None = None
        self._binary: Path | None = None
        self._probe_task: Task | None = None
        self._ready_poll = QTimer(self)
        self._ready_poll.setInterval(1000)
        self._ready_poll.timeout.connect(self._probe_ready)
        self._ready_deadline = QTimer(self)
        self._ready_deadline.setSingleShot(True)
        self._ready_deadline.timeout.connect(self._ready_timed_out)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)
        self._orphan_watch = QTimer(self)
        self._orphan_watch.setInterval(2000)
        self._orphan_watch.timeout.connect(self._check_orphan)

    # -- public --------------------------------------------------------------------------
    @property
    def is_owned(self) -> bool:
        """True while the app's own server process exists (this run's, or an earlier one's)."""
        return self._process is not None or self._orphan is not None

    def reclaim(self) -> bool:
        """Manage again the server an earlier run of the app started and left running (the
        app was killed): it is stopped on Stop and on quit like one started now."""
        if self._record is None or self.is_owned or self.state.status.busy:
            return False
        found = own_process.find_own(self._record)
        if found is None:
            return False
        own, self._orphan = found
        self._binary = Path(own.binary)
        self._append(
            [f"[ollama-desk] managing the server this app started earlier (pid {own.pid})"]
        )
        self._set(ManagedState(ServerStatus.STARTING, own.url, binary=own.binary, pid=own.pid))
        self._orphan_watch.start()
        self._ready_poll.start()
        self._ready_deadline.start(READY_TIMEOUT_MS)
        return True

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
        if self._orphan is not None and proc is None:
            self._stop_orphan()
            return
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
        if self._orphan is not None:
            self._binary, self._options = binary, options
            self._restart_after_orphan = True
            self.stop()
            return
        if self._process is None:
            self._set(ManagedState(ServerStatus.NOT_RUNNING))
            self.start(binary, options)
            return
        self._binary, self._options = binary, options
        self._process.finished.connect(self._start_after_stop)
        self.stop()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """On quit: stop our server and wait for it (blocks, at exit only)."""
        orphan, self._orphan = self._orphan, None
        if orphan is not None:
            own_process.terminate(orphan, timeout_ms / 1000)
            self._forget()
        proc = self._process
        if proc is None:
            return
        proc.terminate()
        if not proc.waitForFinished(timeout_ms):
            proc.kill()
            proc.waitForFinished(2000)
        self._forget()
        self._tie.release()

    def log_text(self) -> str:
        return self.output.text()

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
        folder = owning_install(self._binary, self.data_dir) if self.data_dir else None
        try:  # checked right before running; the resolved program is what runs
            program = executable_inside(self._binary, folder)
        except OutsideInstallError as e:
            self._append([f"[ollama-desk] refused to start: {e}"])
            diag = CrashDiagnosis(CrashReason.NOT_EXECUTABLE, str(e))
            self._set(ManagedState(ServerStatus.CRASHED, binary=str(self._binary), diagnosis=diag))
            return
        proc = serve_process(self, program, self._binary.parent, self._options, self._tie)
        proc.readyReadStandardOutput.connect(self._read_output)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        proc.started.connect(self._on_started)
        self._process = proc
        host = proc.processEnvironment().value("OLLAMA_HOST")
        self._append([f"[ollama-desk] starting {self._binary} serve (OLLAMA_HOST={host})"])
        url = connect_url(self._options)
        self._set(ManagedState(ServerStatus.STARTING, url, binary=str(self._binary)))
        proc.start()
        self._ready_poll.start()
        self._ready_deadline.start(READY_TIMEOUT_MS)

    def _on_started(self) -> None:
        if self._process is not None:
            self._tie.started(int(self._process.processId()))

    def _read_output(self) -> None:
        proc = self._process
        if proc is None:
            return
        lines = self.output.feed(bytes(proc.readAllStandardOutput().data()))
        if self.state.status is ServerStatus.STARTING and any(listening_line(ln) for ln in lines):
            self._probe_ready()

    def _append(self, lines: list[str]) -> None:
        self.output.append(lines)

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
            self._remember()  # now: it is the server itself (not setpriv before its exec)
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
        if self._orphan is not None:
            return int(self._orphan.pid)
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
        self.output.end()
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

    def _remember(self) -> None:
        if self._record is not None and self._process is not None and self._orphan is None:
            pid = int(self._process.processId())
            own_process.remember(self._record, pid, self.state.url, str(self._binary))

    def _forget(self) -> None:
        if self._record is not None:
            own_process.forget(self._record)

    def _check_orphan(self) -> None:
        orphan = self._orphan
        if orphan is not None and not orphan.is_running():
            self._orphan = None
            self._orphan_watch.stop()
            self._stop_readiness()
            self._forget()
            stopping = self.state.status is ServerStatus.STOPPING
            self._append(["[ollama-desk] the server started earlier has exited."])
            self._set(
                ManagedState(ServerStatus.NOT_RUNNING)
                if stopping
                else ManagedState(ServerStatus.CRASHED, self.state.url, binary=self.state.binary)
            )
            if stopping and self._restart_after_orphan:
                self._restart_after_orphan = False
                self._start_after_stop()

    def _stop_orphan(self) -> None:
        orphan = self._orphan
        assert orphan is not None
        st = self.state
        self._set(ManagedState(ServerStatus.STOPPING, st.url, st.version, st.binary, st.pid))
        self._stop_readiness()
        timeout = self.stop_timeout_ms / 1000
        self.runner.run(
            "stop-earlier-server",
            lambda _t, _r: own_process.terminate(orphan, timeout),
            on_success=lambda _r: self._check_orphan(),
            on_failure=lambda _e: self._check_orphan(),
        )

    def _finish_process(self, state: ManagedState) -> None:
        self._forget()
        self._tie.release()
        proc, self._process = self._process, None
        if proc is not None:
            proc.deleteLater()
        self.output.emit_now()
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
