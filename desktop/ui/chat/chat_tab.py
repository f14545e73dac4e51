"""Chat tab (filled in by the chat feature)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore


class ChatTab(QWidget):
    def __init__(self, ollama: OllamaService, settings: SettingsStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Chat with a model running on this computer.")))
        layout.addStretch(1)
