"""The main window: holds the tabs and the status bar, and wires them. Nothing else."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from desktop.services.connection import ConnectionMonitor
from desktop.ui.shell.connection_status import ConnectionStatus


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self, chat: QWidget, models: QWidget, server: QWidget,
                 monitor: ConnectionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ollama Desk")
        self.resize(1100, 720)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.chat_tab, self.models_tab, self.server_tab = chat, models, server
        self.tabs.addTab(chat, self.tr("Chat"))
        self.tabs.addTab(models, self.tr("Models"))
        self.tabs.addTab(server, self.tr("Server"))
        self.setCentralWidget(self.tabs)
        self.connection_status = ConnectionStatus()
        self.statusBar().addWidget(self.connection_status, 1)
        self._connect_callbacks(monitor)

    def _connect_callbacks(self, monitor: ConnectionMonitor) -> None:
        monitor.stateChanged.connect(self.connection_status.show_state)
        self.connection_status.show_state(monitor.state)
        self.connection_status.setupRequested.connect(self.show_server_tab)

    def show_server_tab(self) -> None:
        self.tabs.setCurrentWidget(self.server_tab)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
