"""What the Server tab and the first-run wizard do, without widgets: detect, pick a
server, install/update/uninstall, start/stop the managed server, apply settings."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import OllamaError
from desktop.core.hosts import parse_ollama_host
from desktop.core.setup import installs
from desktop.core.setup.errors import SetupError, SetupErrorKind
from desktop.core.setup.server_env import connect_url, options_from
from desktop.services.ollama_service import OllamaService
from desktop.services.server.installer import ReleasePlan
from desktop.services.server.managed import ManagedServer, ManagedState, ServerStatus
from desktop.services.server.probe import DetectionReport
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task
from desktop.ui.server.messages import setup_error_message

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


class ServerController(QObject):
    detected = Signal(object)  # DetectionReport
    planReady = Signal(object)  # ReleasePlan
    planFailed = Signal(str)
    installProgress = Signal(object)  # InstallProgress
    installFinished = Signal(object)  # InstallRecord
    installFailed = Signal(str, object)  # message, SetupError
    busyChanged = Signal(bool)  # an install/uninstall is running
    serverState = Signal(object)  # ManagedState
    logAppended = Signal(list)

    def __init__(
        self,
        settings: SettingsStore,
        setup: SetupService,
        managed: ManagedServer,
        ollama: OllamaService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setup = setup
        self.managed = managed
        self.ollama = ollama
        self.report: DetectionReport | None = None
        self.plan: ReleasePlan | None = None
        self._detect_task: Task | None = None
        self._detect_again = False
        self._plan_task: Task | None = None
        self.install_task: Task | None = None
        self._start_after = True
        self._uninstalling: installs.InstallRecord | None = None
        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.setInterval(600)
        self._restart_timer.timeout.connect(self._apply_settings)
        managed.stateChanged.connect(self._on_managed)
        managed.logAppended.connect(self.logAppended)
        settings.changed.connect(self._on_setting)

    # -- detection -----------------------------------------------------------------------
    def detect(self) -> None:
        if self._detect_task is not None and not self._detect_task.done:
            self._detect_again = True  # the answer in flight may already be stale
            return
        self._detect_again = False
        task = self.setup.detect(self.ollama.host.base_url)
        task.succeeded.connect(self._on_detected)
        task.finished.connect(self._after_detect)
        self._detect_task = task

    def _alive(self) -> bool:
        """False once the tab that owns this controller is deleted (app closing): a task's
        queued result can still reach a bound-method slot then, and emitting would raise."""
        return shiboken6.isValid(self)

    def _after_detect(self) -> None:
        if self._detect_again and self._alive():
            QTimer.singleShot(0, self.detect)

    def _on_detected(self, report: DetectionReport) -> None:
        if not self._alive():
            return
        self.report = report
        self.detected.emit(report)

    def check_latest(self, version: str | None = None) -> None:
        if self._plan_task is not None and not self._plan_task.done:
            return
        task = self.setup.plan(version)
        task.succeeded.connect(self._on_plan)
        task.failed.connect(self._on_plan_failed)
        self._plan_task = task

    def _on_plan_failed(self, error: OllamaError) -> None:
        if not self._alive():
            return
        self.planFailed.emit(setup_error_message(error))

    def _on_plan(self, plan: ReleasePlan) -> None:
        if not self._alive():
            return
        self.plan = plan
        self.planReady.emit(plan)

    # -- which server ---------------------------------------------------------------------
    def installed(self) -> list[installs.InstallRecord]:
        return installs.list_installs(self.setup.paths.data_dir)

    def chosen_binary(self) -> Path | None:
        """The saved choice, else the newest app-made install, else a detected one."""
        saved = str(self.settings.get("server_binary"))
        if saved and Path(saved).is_file():
            return Path(saved)
        mine = self.installed()
        if mine:
            return mine[0].binary_path
        if self.report is not None and self.report.installs:
            return Path(self.report.installs[0].path)
        return None

    def use_server(self, url: str) -> None:
        """Use a server the app does not run (an existing one, remote, or Docker)."""
        host = parse_ollama_host(url)
        if self.managed.is_owned:
            self.managed.stop()
        self.settings.set("server_mode", "external")
        self.settings.set("host", host.base_url)
        self.ollama.set_host(host)

    def use_binary(self, path: Path, start: bool = True) -> None:
        self.settings.set("server_binary", str(path))
        self.settings.set("server_mode", "native")
        if start:
            if self.managed.is_owned:
                self.managed.restart(binary=path, options=options_from(self.settings.get))
            else:
                self.start()

    def start(self) -> bool:
        binary = self.chosen_binary()
        if binary is None:
            return False
        self.managed.start(binary, options_from(self.settings.get))
        return True

    def stop(self) -> None:
        self.managed.stop()

    def restart(self) -> None:
        binary = self.chosen_binary()
        self.managed.restart(binary=binary, options=options_from(self.settings.get))

    def autostart(self) -> None:
        if (
            self.settings.get("server_mode") == "native"
            and self.settings.get("server_autostart")
            and self.chosen_binary() is not None
            and not os.environ.get("OLLAMA_DESK_NO_AUTOSTART")
        ):
            self.start()

    def _on_managed(self, state: ManagedState) -> None:
        if state.status in (ServerStatus.RUNNING, ServerStatus.ADOPTED) and state.url:
            host = parse_ollama_host(state.url)
            self.settings.set("host", host.base_url)
            self.ollama.set_host(host)
        self.serverState.emit(state)

    def _on_setting(self, key: str, _value: object) -> None:
        if (
            key in RESTART_KEYS
            and self.managed.is_owned
            and self.managed.state.status in (ServerStatus.RUNNING, ServerStatus.STARTING)
        ):
            self._restart_timer.start()

    def _apply_settings(self) -> None:
        if self.managed.is_owned:
            self.managed.restart(options=options_from(self.settings.get))

    def managed_url(self) -> str:
        return connect_url(options_from(self.settings.get))

    # -- install -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.install_task is not None and not self.install_task.done

    def install(
        self, version: str | None = None, *, cpu_only: bool | None = None, start_after: bool = True
    ) -> Task | None:
        if self.busy:
            return None
        cpu = bool(self.settings.get("server_cpu_only")) if cpu_only is None else cpu_only
        task = self.setup.install(version or None, cpu)
        self._track(task, start_after)
        return task

    def install_file(self, archive: Path, sums: Path | None, cpu_only: bool) -> Task | None:
        if self.busy:
            return None
        task = self.setup.install_file(archive, sums, cpu_only)
        self._track(task, True)
        return task

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
        task = self.setup.uninstall(version)
        task.succeeded.connect(self._forget_binary)
        task.failed.connect(self._emit_failed)
        self._set_task(task)
        task.finished.connect(self.detect)
        return task

    def _forget_binary(self, _result: object) -> None:
        rec = self._uninstalling
        if rec is not None and self.settings.get("server_binary") == str(rec.binary_path):
            self.settings.set("server_binary", "")

    def _emit_failed(self, error: OllamaError) -> None:
        if not self._alive():
            return
        self.installFailed.emit(setup_error_message(error), error)

    def cancel_install(self) -> None:
        if self.install_task is not None:
            self.install_task.cancel()

    def _track(self, task: Task, start_after: bool) -> None:
        # bound methods, not lambdas: a task may outlive this object (app closing)
        self._start_after = start_after
        task.progressed.connect(self.installProgress)
        task.succeeded.connect(self._installed)
        task.failed.connect(self._install_failed)
        self._set_task(task)

    def _set_task(self, task: Task) -> None:
        self.install_task = task
        self.busyChanged.emit(True)
        task.finished.connect(self._not_busy)

    def _not_busy(self) -> None:
        if not self._alive():
            return
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
        with contextlib.suppress(Exception):
            if (
                isinstance(error, SetupError)
                and error.setup_kind is SetupErrorKind.ALREADY_INSTALLED
            ):
                rec = next((r for r in self.installed() if r.version == error.detail), None)
                if rec is not None:
                    self.use_binary(rec.binary_path)
        self.installFailed.emit(setup_error_message(error), error)
