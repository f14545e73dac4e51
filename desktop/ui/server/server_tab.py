"""Server tab (filled in by the setup feature)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.connection import ConnectionMonitor, ConnectionState
from desktop.services.settings_store import SettingsStore


class ServerTab(QWidget):
    def __init__(self, monitor: ConnectionMonitor, settings: SettingsStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.settings = settings
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        monitor.stateChanged.connect(self._show_state)
        self._show_state(monitor.state)

    def _show_state(self, state: ConnectionState) -> None:
        if state.version:
            self.summary.setText(self.tr("Ollama {version} is running at {host}.").format(
                version=state.version, host=state.host))
        else:
            self.summary.setText(self.tr("No Ollama server answers at {host}.").format(
                host=state.host))
