"""Status-bar widget: which server, which version, or why there is none."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.connection import ConnectionState, ServerStatus


class ConnectionStatus(QWidget):
    """Shows the connection; ``setupRequested`` when the user clicks the action button."""

    setupRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.dot = QLabel("●")
        self.label = QLabel()
        self.label.setObjectName("connectionLabel")
        self.button = QPushButton()
        self.button.setObjectName("setupButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.setupRequested)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)

    def show_state(self, state: ConnectionState) -> None:
        s = state.status
        if s is ServerStatus.CONNECTED:
            text = self.tr("Connected to Ollama {version} at {host}").format(
                version=state.version, host=state.host
            )
            color, action = "#2e7d32", ""
        elif s is ServerStatus.CHECKING:
            text = self.tr("Looking for Ollama at {host}…").format(host=state.host)
            color, action = "#9e9e9e", ""
        elif s is ServerStatus.NOT_FOUND:
            text = self.tr("Ollama not found on this computer")
            color, action = "#c62828", self.tr("Install Ollama…")
        elif s is ServerStatus.NOT_RUNNING:
            text = self.tr("Ollama is not running at {host}").format(host=state.host)
            color, action = "#ef6c00", self.tr("Start Ollama…")
        else:
            text = self.tr("Something at {host} answers, but not like Ollama").format(
                host=state.host
            )
            color, action = "#c62828", self.tr("Server settings…")
        self.label.setText(text)
        self.dot.setStyleSheet(f"color: {color};")
        self.button.setText(action)
        self.button.setVisible(bool(action))
