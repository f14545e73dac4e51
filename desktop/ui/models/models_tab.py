"""Models tab (filled in by the model manager feature)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore


class ModelsTab(QWidget):
    def __init__(self, ollama: OllamaService, settings: SettingsStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Models installed on the server, and models to get.")))
        layout.addStretch(1)
