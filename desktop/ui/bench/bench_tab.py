"""The Benchmark tab: its view with the benchmark and thread-tuner presenters."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.services.bench.service import BenchService
from desktop.services.models.installed import InstalledModels
from desktop.services.ollama_service import OllamaService
from desktop.ui.bench.bench_presenter import BenchPresenter
from desktop.ui.bench.bench_view import BenchView
from desktop.ui.bench.tuner_presenter import TunerPresenter


class BenchTab(QWidget):
    """pullRequested(name): download the tiny calibration model (wired in app.py)."""

    pullRequested = Signal(str)

    def __init__(
        self,
        service: BenchService,
        ollama: OllamaService,
        parent: QWidget | None = None,
        installed: InstalledModels | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.view = BenchView()
        self.presenter = BenchPresenter(self.view, service, ollama, installed)
        self.tuner = TunerPresenter(self.view, service)
        self.presenter.pullRequested.connect(self.pullRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._seen = False

    def title(self) -> str:
        return self.tr("Benchmark")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._seen:  # the first look: installed models, a glance at the CPU
            self._seen = True
            self.presenter.refresh_models()
            self.service.check_busy()
