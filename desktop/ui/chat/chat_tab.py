"""The Chat tab: builds the view, the session and the controller, and exposes the two
signals the main window wires (pullRequested, generationFinished)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.session import ChatSession
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.controller import ChatController


class ChatTab(QWidget):
    """pullRequested(str): the user accepted to download a model the server lacks.
    generationFinished(str, object): model name and GenerationStats of a finished answer."""

    pullRequested = Signal(str)
    generationFinished = Signal(str, object)

    def __init__(
        self,
        ollama: OllamaService,
        settings: SettingsStore,
        history: ChatHistory,
        monitor: SystemMonitor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.settings = settings
        self.history = history
        self.monitor = monitor or SystemMonitor(parent=self)
        self.view = ChatView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.session = ChatSession(
            ollama, history, EnergyMeter(self.monitor.sampler.cpu_seconds), parent=self
        )
        self.controller = ChatController(
            self.view, ollama, settings, history, self.monitor, self.session, parent=self
        )
        self.controller.pullRequested.connect(self.pullRequested)
        self.controller.generationFinished.connect(self.generationFinished)
        self._watched: QWidget | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.shutdown)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        window = self.window()
        handle = window.windowHandle()
        if window is not self._watched and window is not self and handle is not None:
            # a signal, not an event filter: a filter would run Python for every event the
            # window gets (each repaint request included)
            handle.windowStateChanged.connect(self._on_window_state)
            self._watched = window
        self.controller.set_visible(not window.isMinimized())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.controller.set_visible(False)

    def _on_window_state(self, state: Qt.WindowState) -> None:
        minimized = bool(state & Qt.WindowState.WindowMinimized) or self.window().isMinimized()
        self.controller.set_visible(self.isVisible() and not minimized)
