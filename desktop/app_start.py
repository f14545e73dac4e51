"""Part of the composition root (app.py): the Start-here feature and the ports that adapt
the server, models and chat features to it. Onboarding itself knows none of them; when their
APIs change, only the few lines of each port below change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import SignalInstance

from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.paths import AppPaths
from desktop.core.setup.errors import InstallProgress
from desktop.services.connection import ConnectionMonitor
from desktop.services.connection import ServerStatus as Conn
from desktop.services.messages import error_message
from desktop.services.models.pull_queue import JobState, PullJob
from desktop.services.ollama_service import OllamaService
from desktop.services.onboarding import Onboarding, Ports, StepCall
from desktop.services.onboarding.advisor import Advisor
from desktop.services.server.managed import ManagedState, ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.models import ModelsTab
from desktop.ui.server import ServerTab
from desktop.ui.server.messages import crash_message, progress_text, setup_error_message
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.start import CoverOverlay, StartHerePresenter, StartHereView

SERVING = (ServerStatus.RUNNING, ServerStatus.ADOPTED)


def _until_done(call: StepCall, signal: SignalInstance, slot: Callable[..., None]) -> None:
    """Connect ``slot`` while ``call`` is open (a step listens only to its own attempt)."""

    def relay(*args: Any) -> None:
        if not call.open:
            signal.disconnect(relay)
            return
        slot(*args)
        if not call.open:
            signal.disconnect(relay)

    signal.connect(relay)


class StartPorts:
    """The four Onboarding ports over today's Server, Models and Chat tabs."""

    def __init__(
        self,
        window: MainWindow,
        chat: ChatTab,
        models: ModelsTab,
        server: ServerTab,
        monitor: ConnectionMonitor,
        ollama: OllamaService,
        settings: SettingsStore,
    ) -> None:
        self.window, self.chat, self.models, self.server = window, chat, models, server
        self.monitor, self.ollama, self.settings = monitor, ollama, settings

    def ports(self) -> Ports:
        return Ports(self.install_if_missing, self.start_server, self.pull, self.open_chat)

    def _serving(self) -> bool:
        managed = self.server.controller.managed
        return self.monitor.state.status is Conn.CONNECTED or managed.state.status in SERVING

    def _binary(self) -> Path | None:
        found = find_ollama_binaries()
        return self.server.controller.chosen_binary() or (found[0] if found else None)

    def install_if_missing(self, call: StepCall) -> Callable[[], None] | None:
        ctl = self.server.controller
        if self._serving() or self._binary() is not None:
            call.succeeded(skipped=True)
            return None
        task = ctl.install(start_after=False) or ctl.install_task  # the wizard's, if running
        if task is None:
            raise OllamaError(ErrorKind.UNEXPECTED, "no install task")

        def progress(p: InstallProgress) -> None:
            call.progress(p.done, p.total if p.stage == "download" else 0, progress_text(p))

        _until_done(call, task.progressed, progress)
        _until_done(call, task.succeeded, lambda _rec: call.succeeded())
        _until_done(call, task.failed, lambda e: call.failed(e, setup_error_message(e)))
        return task.cancel

    def start_server(self, call: StepCall) -> Callable[[], None] | None:
        if self._serving():
            call.succeeded(skipped=True)
            return None
        binary = self._binary()
        if binary is None:
            raise OllamaError(ErrorKind.NOT_FOUND, "no Ollama program found")
        managed = self.server.controller.managed

        def state(st: ManagedState) -> None:
            if st.status in SERVING:
                call.succeeded()
            elif st.status in (ServerStatus.CRASHED, ServerStatus.STOPPED):
                detail = crash_message(st.diagnosis, st.exit_code)
                call.failed(OllamaError(ErrorKind.CONNECTION_REFUSED, detail), detail)

        _until_done(call, managed.stateChanged, state)
        self.server.controller.use_binary(binary, start=True)  # also: start it next launch
        return managed.stop

    def pull(self, model: str, call: StepCall) -> Callable[[], None] | None:
        pulls = self.models.services.pulls
        job = pulls.enqueue(model)

        def changed(j: PullJob) -> None:
            if j is job and j.state is JobState.RUNNING:
                call.progress(j.completed, j.total)

        def finished(j: PullJob) -> None:
            if j is not job:
                return
            if j.state is JobState.DONE:
                call.succeeded()
            else:
                err = j.error or OllamaError(ErrorKind.CANCELLED)
                call.failed(err, error_message(err, self.ollama.host.display))

        _until_done(call, pulls.jobChanged, changed)
        _until_done(call, pulls.jobFinished, finished)
        return lambda: pulls.cancel(job)

    def open_chat(self, model: str, call: StepCall) -> Callable[[], None] | None:
        controller = self.chat.controller
        self.settings.set("chat_model", model)
        self.window.tabs.setCurrentWidget(self.chat)
        controller.new_chat()
        task = self.ollama.list_models()

        def listed(models: list[Any]) -> None:
            if not call.open:
                return
            controller._fill_models(models)  # H1: replace by a public open_new_chat(model)
            controller.select_model(model)
            if controller.current_model() == model:
                call.succeeded()
            else:
                err = OllamaError(ErrorKind.NOT_FOUND, model)
                call.failed(err, error_message(err))

        task.succeeded.connect(listed)
        task.failed.connect(lambda e: call.failed(e, error_message(e, self.ollama.host.display)))
        return task.cancel


def build_start(
    window: MainWindow,
    chat: ChatTab,
    models: ModelsTab,
    server: ServerTab,
    monitor: ConnectionMonitor,
    ollama: OllamaService,
    settings: SettingsStore,
    paths: AppPaths,
) -> StartHerePresenter:
    """The card over the Chat tab while no model is installed, and what feeds it."""
    adapters = StartPorts(window, chat, models, server, monitor, ollama, settings)
    onboarding = Onboarding(adapters.ports())
    advisor = Advisor(ollama.runner, paths.data_dir, lambda: int(settings.get("models_context")))
    view = StartHereView()
    presenter = StartHerePresenter(view, advisor, onboarding)
    for obj in (onboarding, advisor, presenter):
        obj.setParent(view)
    overlay = CoverOverlay(view, chat)
    presenter.wantedChanged.connect(overlay.set_covering)
    presenter.chooseModels.connect(lambda: window.tabs.setCurrentWidget(models))
    onboarding.finished.connect(lambda _m: chat.view.composer.setFocus())

    def tell(count: int | None) -> None:
        if shiboken6.isValid(presenter):  # the window may have closed meanwhile
            presenter.set_models_installed(count)

    def count_models(*_args: object) -> None:
        status = monitor.state.status
        if status is Conn.CONNECTED:
            task = ollama.list_models()
            task.succeeded.connect(lambda ms: tell(len(ms)))
            task.failed.connect(lambda _e: tell(None))
        else:  # nothing installed means no models; a stopped server cannot tell
            tell(0 if status is Conn.NOT_FOUND else None)

    monitor.stateChanged.connect(count_models)
    ollama.modelsChanged.connect(count_models)
    return presenter
