"""Part of the composition root (app.py): the Start-here feature and the ports that adapt
the server, models and chat features to it. Onboarding itself knows none of them; when their
APIs change, only the few lines of each port below change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import SignalInstance

from desktop.core.api_types import LocalModel
from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.setup.errors import InstallProgress
from desktop.core.setup.installs import InstallRecord
from desktop.services.models.pull_queue import JobState, PullJob
from desktop.services.ollama_service import OllamaService
from desktop.services.onboarding import Onboarding, Ports, StepCall
from desktop.services.onboarding.advisor import Advisor, ForecastSource
from desktop.services.onboarding.steps import StepId
from desktop.services.server.managed import ManagedState
from desktop.services.server.setup import ServerSetup
from desktop.services.server.state import ServerState
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.common.messages import error_message
from desktop.ui.models import ModelsTab
from desktop.ui.models.messages import job_state_text
from desktop.ui.server import ServerTab
from desktop.ui.server.messages import crash_message, progress_text, setup_error_message
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.start import CoverOverlay, StartHerePresenter, StartHereView


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
        setup: ServerSetup,
        ollama: OllamaService,
        settings: SettingsStore,
    ) -> None:
        self.window, self.chat, self.models, self.setup = window, chat, models, setup
        self.ollama, self.settings = ollama, settings

    def ports(self) -> Ports:
        return Ports(self.install_if_missing, self.start_server, self.pull, self.open_chat)

    def _serving(self) -> bool:
        return self.setup.state.status is ServerStatus.CONNECTED

    def _binary(self) -> Path | None:
        found = find_ollama_binaries()
        return self.setup.chosen_binary() or (found[0] if found else None)

    def install_if_missing(self, call: StepCall) -> Callable[[], None] | None:
        setup = self.setup
        if self._serving() or self._binary() is not None:
            call.succeeded(skipped=True)
            return None
        if setup.install(start_after=False) is None and not setup.busy:
            raise OllamaError(ErrorKind.UNEXPECTED, "the install did not start")

        def progress(p: InstallProgress) -> None:
            call.progress(p.done, p.total if p.stage == "download" else 0, progress_text(p))

        def done(_rec: InstallRecord) -> None:
            call.succeeded()

        _until_done(call, setup.installProgress, progress)
        _until_done(call, setup.installFinished, done)
        _until_done(call, setup.installFailed, lambda e: call.failed(e, setup_error_message(e)))
        return setup.cancel_install

    def start_server(self, call: StepCall) -> Callable[[], None] | None:
        setup = self.setup
        if self._serving():
            call.succeeded(skipped=True)
            return None

        def state(st: ManagedState) -> None:
            if st.status is ServerStatus.CONNECTED:
                call.succeeded()
            elif st.status in (ServerStatus.CRASHED, ServerStatus.NOT_RUNNING):
                detail = crash_message(st.diagnosis, st.exit_code)
                call.failed(OllamaError(ErrorKind.CONNECTION_REFUSED, detail), detail)

        _until_done(call, setup.managedChanged, state)
        binary = self._binary()
        if binary is None:
            raise OllamaError(ErrorKind.NOT_FOUND, "no Ollama program found")
        setup.use_binary(binary, start=True)  # also: start it at the next launch
        return setup.stop

    def pull(self, model: str, call: StepCall) -> Callable[[], None] | None:
        library = self.models.model_library
        if library.installed_models.find(model) is not None:  # arrived another way
            call.succeeded(skipped=True)
            return None
        job = library.request_pull(model)

        def changed(j: PullJob) -> None:
            if j is job and j.state in (JobState.RUNNING, JobState.RETRYING):
                call.progress(j.completed, j.total, job_state_text(j))

        def finished(j: PullJob) -> None:
            if j is not job:
                return
            if j.state is JobState.DONE:
                call.succeeded()
            else:
                call.failed(j.error or OllamaError(ErrorKind.CANCELLED), job_state_text(j))

        _until_done(call, library.pullChanged, changed)
        _until_done(call, library.pullFinished, finished)
        return lambda: library.pulls.cancel(job)

    def open_chat(self, model: str, call: StepCall) -> Callable[[], None] | None:
        picker = self.chat.picker
        source = self.models.model_library.installed_models  # the list the picker follows
        self.settings.set("chat_model", model)
        self.window.tabs.setCurrentWidget(self.chat)
        self.chat.open_new_chat(model)

        def listed(_rows: list[Any]) -> None:
            picker.select_model(model)  # the picker has the fresh list by now
            if picker.current_model() != model and source.asking:
                return  # an answer from before the download: the next one will have it
            if picker.current_model() == model:
                call.succeeded()
            else:
                err = OllamaError(ErrorKind.NOT_FOUND, model)
                call.failed(err, error_message(err))

        def failed(e: OllamaError) -> None:
            call.failed(e, error_message(e, self.ollama.host.display))

        _until_done(call, source.changed, listed)
        _until_done(call, source.failed, failed)
        source.refresh()  # the list that has the model just pulled
        return call.close


def build_start(
    window: MainWindow,
    chat: ChatTab,
    models: ModelsTab,
    server: ServerTab,
    setup: ServerSetup,
    ollama: OllamaService,
    settings: SettingsStore,
) -> StartHerePresenter:
    """The card over the Chat tab while no model is installed, and what feeds it."""
    adapters = StartPorts(window, chat, models, setup, ollama, settings)
    onboarding = Onboarding(adapters.ports())
    library = models.model_library
    advisor = Advisor(
        ForecastSource(
            catalog=lambda: library.catalog,
            forecast=library.forecast,  # the Models tab's figures: one forecast, one home
            bandwidth=lambda: library.bandwidth.bandwidth,
            ensure_bandwidth=library.bandwidth.ensure,
            recommendation=lambda: library.recommendation,
        )
    )
    view = StartHereView()
    presenter = StartHerePresenter(view, advisor, onboarding)
    for obj in (onboarding, advisor, presenter):
        obj.setParent(view)
    overlay = CoverOverlay(view, chat)
    presenter.wantedChanged.connect(overlay.set_covering)
    presenter.chooseModels.connect(lambda: window.tabs.setCurrentWidget(models))
    # the ways that work without the model library, after a failed download
    presenter.importRequested.connect(lambda: _import_file(window, models))
    presenter.registryRequested.connect(lambda: _other_registry(window, models))
    presenter.serverRequested.connect(lambda: _other_server(window, server))
    # the user opened a chat on a model that came another way: the card's wait is over
    models.chatRequested.connect(lambda _m: presenter.chat_opened_elsewhere())
    onboarding.finished.connect(lambda _m: chat.view.composer.setFocus())

    def tell(count: int | None) -> None:
        if shiboken6.isValid(presenter):  # the window may have closed meanwhile
            presenter.set_models_installed(count)

    def server_state(state: ServerState) -> None:
        # the plan shown before the click: nothing to install or start while a server answers
        # (the installed list asks the server by itself: app.py)
        if not shiboken6.isValid(onboarding):  # the window closed: a stop on quit is heard
            return
        connected = state.status is ServerStatus.CONNECTED
        onboarding.note_present({StepId.INSTALL, StepId.START} if connected else set())
        if not connected and not state.status.busy:
            # nothing installed: no models; a stopped server can't tell
            tell(0 if state.status is ServerStatus.NOT_INSTALLED else None)

    source = library.installed_models  # the one list every view follows

    def installed(_rows: list[LocalModel]) -> None:
        usable = [m.name for m in source.chat_models()]
        tell(len(usable))
        if shiboken6.isValid(presenter):
            presenter.models_arrived(usable)

    setup.stateChanged.connect(server_state)
    source.changed.connect(installed)
    library.forecastsChanged.connect(presenter.forecasts_changed)
    # the first-run wizard offers the same install: not while the card is in charge
    server.wizard_allowed = lambda: presenter.dismissed
    return presenter


def _import_file(window: MainWindow, models: ModelsTab) -> None:
    window.tabs.setCurrentWidget(models)
    models.open_import()


def _other_registry(window: MainWindow, models: ModelsTab) -> None:
    window.tabs.setCurrentWidget(models)
    models.show_other_registry()


def _other_server(window: MainWindow, server: ServerTab) -> None:
    window.show_server_tab()
    server.show_servers()
