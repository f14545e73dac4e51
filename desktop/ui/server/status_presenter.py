"""The Server tab's status box: what the server is doing, why, and Start / Stop / Restart."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.core.hosts import HostError
from desktop.services.server.setup import ServerSetup
from desktop.services.server.state import ServerState
from desktop.services.server.status import ServerStatus
from desktop.ui.common.messages import host_error_message
from desktop.ui.server.messages import crash_message
from desktop.ui.server.server_view import ServerView

GREEN, RED, ORANGE = "#2e7d32", "#c62828", "#ef6c00"


class StatusPresenter(QObject):
    def __init__(self, view: ServerView, setup: ServerSetup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.setup = view, setup
        self._connect_callbacks()
        self.show_state(setup.state)
        if setup.hosts.problem is not None:
            self.show_host_problem(setup.hosts.problem)

    def _connect_callbacks(self) -> None:
        v, s = self.view, self.setup
        s.stateChanged.connect(self.show_state)
        s.busyChanged.connect(self.update_buttons)
        s.hosts.refused.connect(self.show_host_problem)
        v.start_button.clicked.connect(self.start)
        v.stop_button.clicked.connect(s.stop)
        v.restart_button.clicked.connect(s.restart)

    def start(self) -> bool:
        if self.setup.start():
            return True
        self.view.install_message.setText(self.tr("No Ollama program found: install it first."))
        return False

    def show_host_problem(self, error: HostError) -> None:
        self.view.host_problem.setText(host_error_message(error))
        self.view.host_problem.show()

    def _in_docker(self, st: ServerState) -> bool:
        """The server in use is an Ollama Docker container the user picked, not answering."""
        return self.setup.settings.text("server_mode") == "docker" and st.status in (
            ServerStatus.NOT_RUNNING,
            ServerStatus.NOT_INSTALLED,
        )

    def _headline(self, st: ServerState) -> str:
        s = st.status
        if self._in_docker(st):
            return self.tr("The Ollama Docker container at {url} is not running.").format(
                url=st.host
            )
        if s is ServerStatus.CONNECTED:
            if st.owned:
                text = self.tr("Ollama {version} is running at {url} (started by this app).")
            elif st.adopted:
                text = self.tr("Ollama {version} was already running at {url}; the app uses it.")
            else:
                text = self.tr("Using Ollama {version} at {url}.")
        else:
            text = {
                ServerStatus.CHECKING: self.tr("Looking for Ollama at {url}…"),
                ServerStatus.STARTING: self.tr("Starting Ollama…"),
                ServerStatus.STOPPING: self.tr("Stopping Ollama…"),
                ServerStatus.CRASHED: self.tr("Ollama stopped unexpectedly."),
                ServerStatus.NOT_OLLAMA: self.tr(
                    "Something at {url} answers, but not like Ollama."
                ),
                ServerStatus.NOT_INSTALLED: self.tr(
                    "No Ollama server answers at {url}, and no Ollama is installed yet."
                ),
                ServerStatus.NOT_RUNNING: (
                    self.tr("Ollama stopped answering at {url}.")
                    if st.answered_before
                    else self.tr("No Ollama server answers at {url}.")
                ),
            }[s]
        return text.format(version=st.version, url=st.host)

    def show_state(self, st: ServerState) -> None:
        v = self.view
        v.status_label.setText(self._headline(st))
        color = {
            ServerStatus.CONNECTED: GREEN,
            ServerStatus.CRASHED: RED,
            ServerStatus.NOT_OLLAMA: RED,
            ServerStatus.NOT_RUNNING: ORANGE,
        }.get(st.status, "palette(text)")
        v.status_label.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {color};")
        if st.status is ServerStatus.CRASHED:
            v.detail_label.setText(crash_message(st.diagnosis, st.exit_code))
        elif st.status is ServerStatus.CONNECTED and st.owned:
            v.detail_label.setText(self.tr("Program: {path}").format(path=st.binary))
        elif self._in_docker(st):
            v.detail_label.setText(
                self.tr(
                    "Start it on the Docker page below (Start container), or pick another server."
                )
            )
        elif st.status in (ServerStatus.NOT_RUNNING, ServerStatus.NOT_INSTALLED):
            v.detail_label.setText(
                self.tr("Start the app's own server, or pick another server below.")
                if self.setup.program() is not None
                else self.tr("Install Ollama below, or add a server that runs elsewhere.")
            )
        else:
            v.detail_label.setText("")
        if st.status.answering:
            v.host_problem.hide()
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        v, s = self.view, self.setup
        st = s.managed.state.status
        owned = s.managed.is_owned
        has_binary = s.program() is not None
        v.start_button.setEnabled(
            has_binary
            and st in (ServerStatus.NOT_RUNNING, ServerStatus.CRASHED)
            and not s.state.status.answering
        )
        v.stop_button.setEnabled(owned and st in (ServerStatus.CONNECTED, ServerStatus.STARTING))
        v.restart_button.setEnabled(has_binary and (owned or st is ServerStatus.CRASHED))
