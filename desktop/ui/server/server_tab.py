"""Server tab: the view plus its presenters (status, servers and installs, install), the
Settings, Log and Docker pages, and the setup assistant offered on a true first run."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.server.setup import ServerSetup
from desktop.services.server.state import ServerState
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.server.docker_panel import DockerPanel
from desktop.ui.server.foreign_presenter import ForeignServerNotes
from desktop.ui.server.found_presenter import FoundPresenter
from desktop.ui.server.install_presenter import InstallPresenter
from desktop.ui.server.server_view import ServerView
from desktop.ui.server.settings_panel import SettingsPanel
from desktop.ui.server.status_presenter import StatusPresenter
from desktop.ui.server.wizard import FirstRunWizard


class ServerTab(QWidget):
    def __init__(
        self,
        setup: ServerSetup,
        settings: SettingsStore,
        compose_file: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setup = setup
        self.settings = settings
        self.settings_panel = SettingsPanel(settings)
        self.docker_panel = DockerPanel(setup.jobs, settings, compose_file)
        self.view = ServerView(self.settings_panel, self.docker_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        for label in self.findChildren(QLabel):  # server names, paths, errors, Docker's words
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.status = StatusPresenter(self.view, setup, self)
        self.found = FoundPresenter(self.view, setup, settings, self.docker_panel, self)
        self.installs = InstallPresenter(self.view, setup, settings, self.docker_panel, self)
        self.foreign = ForeignServerNotes(self.view, setup, self)
        self._detected_once = False
        self._wizard_offered = False
        self.wizard: FirstRunWizard | None = None
        # app.py may veto the automatic offer (e.g. while the Start-here card offers the same)
        self.wizard_allowed: Callable[[], bool] = lambda: True
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        s, v = self.setup, self.view
        s.stateChanged.connect(self._on_state)
        s.logAppended.connect(v.log_view.append_lines)
        v.detect_button.clicked.connect(lambda: self.refresh(check_release=True))
        v.wizard_button.clicked.connect(self.open_wizard)
        self.docker_panel.useServer.connect(lambda url: s.use_server(url, mode="docker"))
        self.docker_panel.containerChanged.connect(self._docker_changed)

    def _docker_changed(self) -> None:
        """A container started or stopped: the status and the list say so now, not at the
        next poll."""
        self.setup.monitor.check_now()
        self.setup.detect()

    # -- lifecycle -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._detected_once:
            self.refresh(check_release=False)

    def refresh(self, check_release: bool = True) -> None:
        """Local detection; the release server is asked only when the user asks."""
        self._detected_once = True
        self.setup.detect()
        if check_release:
            self.setup.check_latest()
        self.docker_panel.refresh()

    def _on_state(self, state: ServerState) -> None:
        if self._detected_once and state.status in (
            ServerStatus.CONNECTED,
            ServerStatus.NOT_RUNNING,
            ServerStatus.CRASHED,
        ):
            self.setup.detect()
        if state.status.answering and self.wizard is not None:
            self.wizard.server_answers()  # an offer to install or start is moot now
        self._maybe_offer_wizard(state)

    def _maybe_offer_wizard(self, state: ServerState) -> None:
        """Only on a true first run: nothing answered in this session and no Ollama is
        known. A server that goes away later is the status bar's business (non-modal)."""
        if (
            self._wizard_offered
            or self.settings.flag("server_wizard_done")
            or os.environ.get("OLLAMA_DESK_NO_WIZARD")
            or not self.wizard_allowed()
        ):
            return
        if (
            state.status is ServerStatus.NOT_INSTALLED
            and self.window().isVisible()
            and not self.setup.managed.is_owned
        ):
            self._wizard_offered = True
            QTimer.singleShot(0, self.open_wizard)

    def open_wizard(self) -> None:
        if self.wizard is None:
            self.wizard = FirstRunWizard(self.setup, self.settings, self.window())
        self.wizard.show()
        self.wizard.raise_()

    # -- asked from elsewhere (status bar) -----------------------------------------------
    def start_server(self) -> bool:
        """Start the app's own server; False (with the reason on the tab) when none."""
        return self.status.start()

    def show_servers(self) -> None:
        self.view.pages.setCurrentIndex(0)
        self.view.profile_edit.setFocus()

    def start_file_install(self, archive: Path, sums: Path | None) -> None:
        self.installs.install_file(archive, sums)
