"""ServerSetup: the Server feature without widgets. Which server the app uses (the one
place the host changes), the app's own `ollama serve`, detection, and install / update /
uninstall. It emits typed signals and error *kinds*; the UI words them (ui/server/messages).

For a one-click flow (the Start-here card): ``ensure_running()`` does whatever is missing
(install, then start); listen to ``stateChanged`` (ServerState), ``installProgress`` and
``installFailed``; a crash shows as ``ServerStatus.CRASHED`` with its diagnosis.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import OllamaError
from desktop.core.setup import installs
from desktop.core.setup.errors import InstallProgress, SetupError, SetupErrorKind
from desktop.core.setup.server_env import options_from
from desktop.services.connection import ConnectionMonitor, ConnectionState
from desktop.services.ollama_service import OllamaService
from desktop.services.server.host_choice import HostChoice
from desktop.services.server.installer import ReleasePlan
from desktop.services.server.managed import ManagedServer, ManagedState
from desktop.services.server.probe import DetectionReport
from desktop.services.server.setup_service import SetupService
from desktop.services.server.state import ServerState, combine
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task

RESTART_KEYS = {
    "server_port",
    "server_expose_lan",
    "server_models_dir",
    "server_keep_alive",
    "server_context_length",
    "server_num_parallel",
    "server_max_loaded_models",
    "server_flash_attention",
    "server_kv_cache_type",
    "server_noprune",
}


class NextStep(Enum):
    """What ``ensure_running`` started."""

    NOTHING = "nothing"  # a server already answers
    WAIT = "wait"  # something is already under way (install, start or stop)
    START = "start"
    INSTALL = "install"  # then start, when the install succeeds


class ServerSetup(QObject):
    detected = Signal(DetectionReport)
    planReady = Signal(ReleasePlan)
    planFailed = Signal(OllamaError)
    installProgress = Signal(InstallProgress)
    installFinished = Signal(installs.InstallRecord)
    installFailed = Signal(OllamaError)  # a SetupError (setup_kind) or CANCELLED
    busyChanged = Signal(bool)  # an install or uninstall is running
    managedChanged = Signal(ManagedState)  # the app's own server, in detail
    stateChanged = Signal(ServerState)  # what the user should believe about the server
    logAppended = Signal(list)

    def __init__(
        self,
        settings: SettingsStore,
        jobs: SetupService,
        managed: ManagedServer,
        ollama: OllamaService,
        monitor: ConnectionMonitor,
        hosts: HostChoice,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.jobs = jobs
        self.managed = managed
        self.ollama = ollama
        self.monitor = monitor
        self.hosts = hosts
        self.report: DetectionReport | None = None
        self.plan: ReleasePlan | None = None
        self.state = combine(managed.state, monitor.state, ollama.host)
        self._detect_task: Task | None = None
        self._detect_again = False
        self._plan_task: Task | None = None
        self.install_task: Task | None = None
        self._start_after = True
        self._user_started = False
        self._uninstalling: installs.InstallRecord | None = None
        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.setInterval(600)
        self._restart_timer.timeout.connect(self._apply_settings)
        managed.stateChanged.connect(self._on_managed)
        managed.logAppended.connect(self.logAppended)
        monitor.stateChanged.connect(self._on_connection)
        settings.changed.connect(self._on_setting)

    # -- state ---------------------------------------------------------------------------
    def _alive(self) -> bool:
        """False once deleted (app closing): a task's queued result can still arrive."""
        return shiboken6.isValid(self)

    def _refresh_state(self) -> None:
        state = combine(self.managed.state, self.monitor.state, self.ollama.host)
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _on_connection(self, _state: ConnectionState) -> None:
        self._refresh_state()

    def _on_managed(self, state: ManagedState) -> None:
        if state.status is ServerStatus.CONNECTED and state.url:
            # the app's own server is up: use it, unless --host chose another for this session
            self.hosts.use(state.url, by_user=self._user_started)
        self.managedChanged.emit(state)
        self._refresh_state()
        if state.status is not ServerStatus.CONNECTED:
            self.monitor.check_now()  # the status bar hears at once, not at the next poll

    # -- detection -----------------------------------------------------------------------
    def detect(self) -> None:
        """Look for servers and installs; ``detected(DetectionReport)``."""
        if self._detect_task is not None and not self._detect_task.done:
            self._detect_again = True  # the answer in flight may already be stale
            return
        self._detect_again = False
        self._detect_task = self.jobs.detect(
            self.ollama.host.base_url, self._on_detected, self._after_detect_failed
        )

    def _on_detected(self, report: DetectionReport) -> None:
        if not self._alive():
            return
        self.report = report
        self.detected.emit(report)
        if self._detect_again:
            QTimer.singleShot(0, self.detect)

    def _after_detect_failed(self, _error: OllamaError) -> None:
        if self._alive() and self._detect_again:
            QTimer.singleShot(0, self.detect)

    def check_latest(self, version: str | None = None) -> None:
        """Ask the release server; ``planReady(ReleasePlan)`` or ``planFailed(error)``."""
        if self._plan_task is not None and not self._plan_task.done:
            return
        self._plan_task = self.jobs.plan(version, self._on_plan, self._on_plan_failed)

    def _on_plan_failed(self, error: OllamaError) -> None:
        if self._alive():
            self.planFailed.emit(error)

    def _on_plan(self, plan: ReleasePlan) -> None:
        if self._alive():
            self.plan = plan
            self.planReady.emit(plan)

    # -- which server ---------------------------------------------------------------------
    def installed(self) -> list[installs.InstallRecord]:
        return installs.list_installs(self.jobs.paths.data_dir)

    def chosen_binary(self) -> Path | None:
        """The saved choice, else the newest app-made install, else a detected one."""
        saved = self.settings.text("server_binary")
        if saved and Path(saved).is_file():
            return Path(saved)
        mine = self.installed()
        if mine:
            return mine[0].binary_path
        if self.report is not None and self.report.installs:
            return Path(self.report.installs[0].path)
        return None

    def program(self) -> Path | None:
        """The Ollama program Start would run: the chosen one, else any on this computer."""
        binary = self.chosen_binary()
        if binary is None:
            found = find_ollama_binaries()
            binary = found[0] if found else None
        return binary

    def use_server(self, url: str, mode: str = "external") -> None:
        """Use a server the app does not run (an existing one, remote, or Docker: ``mode``
        "docker", so a stopped container is offered to be started, not Ollama installed)."""
        if self.managed.is_owned:
            self.managed.stop()
        self.settings.set("server_mode", mode)
        self.hosts.use(url, by_user=True)

    def use_binary(self, path: Path, start: bool = True) -> None:
        self.settings.set("server_binary", str(path))
        self.settings.set("server_mode", "native")
        if start:
            if self.managed.is_owned:
                self.managed.restart(binary=path, options=options_from(self.settings.get))
            else:
                self.start()

    def start(self, *, by_user: bool = True) -> bool:
        """Start the app's own server (adopting one that already answers on its port).
        False when no Ollama program is known."""
        binary = self.program()
        if binary is None:
            return False
        self._user_started = by_user
        self.managed.start(binary, options_from(self.settings.get))
        return True

    def stop(self) -> None:
        self.managed.stop()

    def restart(self) -> None:
        binary = self.chosen_binary()
        self._user_started = True
        self.managed.restart(binary=binary, options=options_from(self.settings.get))

    def autostart(self) -> None:
        if (
            self.settings.text("server_mode") == "native"
            and self.settings.flag("server_autostart")
            and self.chosen_binary() is not None
            and not os.environ.get("OLLAMA_DESK_NO_AUTOSTART")
        ):
            self.start(by_user=False)

    def ensure_running(self, *, cpu_only: bool | None = None) -> NextStep:
        """Do whatever is missing for a server to answer: nothing, start, or install and
        then start. Progress and outcome arrive by the signals."""
        if self.state.status is ServerStatus.CONNECTED:
            return NextStep.NOTHING
        if self.busy or self.managed.state.status.busy:
            return NextStep.WAIT
        if self.managed.state.status is ServerStatus.CRASHED:
            self.restart()
            return NextStep.START
        if self.start():
            return NextStep.START
        self.install(None, cpu_only=cpu_only, start_after=True)
        return NextStep.INSTALL

    def retry_connection(self) -> None:
        self.monitor.check_now()

    def _on_setting(self, key: str, _value: object) -> None:
        if (
            key in RESTART_KEYS
            and self.managed.is_owned
            and self.managed.state.status in (ServerStatus.CONNECTED, ServerStatus.STARTING)
        ):
            self._restart_timer.start()

    def _apply_settings(self) -> None:
        if self.managed.is_owned:
            self.managed.restart(options=options_from(self.settings.get))

    # -- install -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.install_task is not None and not self.install_task.done

    def install(
        self, version: str | None = None, *, cpu_only: bool | None = None, start_after: bool = True
    ) -> Task | None:
        """Install (``version`` or the latest) for this user, then start it."""
        if self.busy:
            return None
        cpu = self.settings.flag("server_cpu_only") if cpu_only is None else cpu_only
        self._start_after = start_after
        task = self.jobs.install(version or None, cpu, self._installed, self._install_failed)
        task.progressed.connect(self.installProgress)
        return self._set_task(task)

    def install_file(self, archive: Path, sums: Path | None, cpu_only: bool) -> Task | None:
        if self.busy:
            return None
        self._start_after = True
        task = self.jobs.install_file(
            archive, sums, cpu_only, self._installed, self._install_failed
        )
        task.progressed.connect(self.installProgress)
        return self._set_task(task)

    def uninstall(self, version: str) -> Task | None:
        if self.busy:
            return None
        rec = next((r for r in self.installed() if r.version == version), None)
        if (
            rec is not None
            and self.managed.is_owned
            and self.managed.state.binary == str(rec.binary_path)
        ):
            self.managed.stop()
        self._uninstalling = rec
        task = self.jobs.uninstall(version, self._forget_binary, self._emit_failed)
        return self._set_task(task)

    def _forget_binary(self, _result: object) -> None:
        rec = self._uninstalling
        if rec is not None and self.settings.text("server_binary") == str(rec.binary_path):
            self.settings.set("server_binary", "")
        self.detect()

    def _emit_failed(self, error: OllamaError) -> None:
        if self._alive():
            self.installFailed.emit(error)
            self.detect()

    def cancel_install(self) -> None:
        if self.install_task is not None:
            self.install_task.cancel()

    def _set_task(self, task: Task) -> Task:
        self.install_task = task
        self.busyChanged.emit(True)
        task.finished.connect(self._not_busy)
        return task

    def _not_busy(self) -> None:
        if self._alive():
            self.busyChanged.emit(False)

    def _installed(self, rec: installs.InstallRecord) -> None:
        if not self._alive():
            return
        self.installFinished.emit(rec)
        self.use_binary(rec.binary_path, start=self._start_after)
        self.detect()

    def _install_failed(self, error: OllamaError) -> None:
        if not self._alive():
            return
        if isinstance(error, SetupError) and error.setup_kind is SetupErrorKind.ALREADY_INSTALLED:
            rec = next((r for r in self.installed() if r.version == error.detail), None)
            if rec is not None:
                self.use_binary(rec.binary_path, start=self._start_after)
        self.installFailed.emit(error)

    # -- quit ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """On quit: the app's own server stops with the app (blocks briefly)."""
        self._restart_timer.stop()
        self.managed.shutdown()
