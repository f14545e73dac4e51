"""Status-bar widget: which server, which version, or why there is none — with actions that
work from there. When a server goes away it says so here (non-modal) with Retry / Start /
Choose another server, and the actions vanish the moment a server answers again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.connection import ConnectionState
from desktop.services.server.status import ServerStatus
from desktop.ui.common.bounded_text import BoundedLabel, bounded_tip


class ConnectionStatus(QWidget):
    """``setupRequested``: open the Server tab (install, settings); ``retryRequested``,
    ``startRequested``, ``chooseRequested``: the actions offered when no server answers."""

    setupRequested = Signal()
    retryRequested = Signal()
    startRequested = Signal()
    chooseRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.dot = QLabel("●")
        self.label = BoundedLabel(elide=True)  # host names come from settings: one line
        self.label.setObjectName("connectionLabel")
        self.can_start: Callable[[], bool] = lambda: True  # app.py: is an Ollama known?
        self.button = QPushButton()
        self.button.setObjectName("setupButton")
        self.retry_button = QPushButton(self.tr("Retry"))
        self.start_button = QPushButton(self.tr("Start Ollama"))
        self.choose_button = QPushButton(self.tr("Choose another server…"))
        self.button.clicked.connect(self.setupRequested)
        self.retry_button.clicked.connect(self.retryRequested)
        self.start_button.clicked.connect(self.startRequested)
        self.choose_button.clicked.connect(self.chooseRequested)
        self.problem = BoundedLabel(elide=True)  # quotes what the user typed: one line
        self.problem.setObjectName("hostProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(self.problem)
        for b in (self.button, self.retry_button, self.start_button, self.choose_button):
            b.setAutoDefault(False)
            b.hide()
            layout.addWidget(b)
        layout.addStretch(1)

    def show_problem(self, text: str) -> None:
        """A configuration problem (an unusable server address) shown beside the state."""
        self.problem.setText(text)
        self.problem.setToolTip(bounded_tip(text))
        self.problem.setVisible(bool(text))

    def show_state(self, state: ConnectionState) -> None:
        s = state.status
        lost = False
        action = ""
        if s is ServerStatus.CONNECTED:
            text = self.tr("Connected to Ollama {version} at {host}").format(
                version=state.version, host=state.host
            )
            color = "#2e7d32"
        elif s is ServerStatus.CHECKING:
            text = self.tr("Looking for Ollama at {host}…").format(host=state.host)
            color = "#9e9e9e"
        elif s is ServerStatus.NOT_INSTALLED:
            text = self.tr("Ollama not found on this computer")
            color, action = "#c62828", self.tr("Install Ollama…")
        elif s is ServerStatus.NOT_RUNNING:
            lost = True
            if state.answered_before:
                text = self.tr("Ollama stopped answering at {host}").format(host=state.host)
            else:
                text = self.tr("Ollama is not running at {host}").format(host=state.host)
            color = "#ef6c00"
        else:
            text = self.tr("Something at {host} answers, but not like Ollama").format(
                host=state.host
            )
            color, action = "#c62828", self.tr("Server settings…")
        self.label.setText(text)
        self.dot.setStyleSheet(f"color: {color};")
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.retry_button.setVisible(lost)
        self.choose_button.setVisible(lost)
        self.start_button.setVisible(lost and self.can_start())
