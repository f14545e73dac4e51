"""What the Server tab says when the server in use is not the app's own (a system service,
a Docker container, an `ollama serve` in a terminal, another computer): that Start and Stop
act only on the app's own server and why they are off, that the Settings page is the app's
own server's, and why the Log page is empty. Said in the tab itself, not in tooltips."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.server.setup import ServerSetup
from desktop.services.server.state import ServerState
from desktop.services.server.status import ServerStatus
from desktop.ui.server.server_view import ServerView


class ForeignServerNotes(QObject):
    def __init__(self, view: ServerView, setup: ServerSetup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.setup = view, setup
        setup.stateChanged.connect(self.show_state)
        self.show_state(setup.state)

    def foreign(self, st: ServerState) -> bool:
        """A server answers, and the app did not start it."""
        return st.status is ServerStatus.CONNECTED and not st.owned

    def show_state(self, st: ServerState) -> None:
        v = self.view
        foreign = self.foreign(st)
        if foreign:
            v.foreign_note.setText(
                self.tr(
                    "Ollama Desk did not start this server: it runs as a system service, in "
                    "Docker, in a terminal or on another computer. Start and Stop act only "
                    "on the app's own server, so they are off: stop or restart this one where "
                    "it was started. The app can still use it for everything else."
                )
            )
            v.settings_note.setText(
                self.tr(
                    "These settings are for the app's own server (the one Start runs). The "
                    "server in use at {url} was started elsewhere and keeps its own settings; "
                    "they apply here once you start the app's own server."
                ).format(url=st.host)
            )
        v.foreign_note.setVisible(foreign)
        v.settings_note.setVisible(foreign)
        owned_running = st.owned and st.status is not ServerStatus.NOT_RUNNING
        if owned_running:
            v.log_note.hide()
            return
        if foreign:
            v.log_note.setText(
                self.tr(
                    "This page shows what the app's own server writes. The server in use at "
                    "{url} was not started by the app, so its log is where it runs: "
                    "`journalctl -u ollama` for a system service, `docker logs <container>` "
                    "for Docker, or the terminal that started it."
                ).format(url=st.host)
            )
        else:
            v.log_note.setText(
                self.tr(
                    "This page shows what the app's own server writes while it runs. It is "
                    "not running now."
                )
            )
        v.log_note.setVisible(v.log_view.text.document().isEmpty() or foreign)
