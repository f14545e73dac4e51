"""Models tab: find a model that suits this machine, download it, manage what is installed.

The view of three pages (Library, Installed, Downloads), each with its presenter; the state
and logic live in services/models/library.ModelLibrary, built by app.py.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.core.errors import OllamaError
from desktop.services.models.library import ModelLibrary
from desktop.services.models.pull_queue import PullJob
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.messages import error_details, error_message
from desktop.ui.models.downloads_presenter import DownloadsPresenter
from desktop.ui.models.downloads_view import DownloadsView
from desktop.ui.models.import_dialog import ImportDialog
from desktop.ui.models.installed_presenter import InstalledPresenter
from desktop.ui.models.installed_view import InstalledView
from desktop.ui.models.library_presenter import LibraryPresenter
from desktop.ui.models.library_view import LibraryView


class ModelsTab(QWidget):
    """notify(str): a download finished (the main window may show it).
    serverHelpRequested(): no server answers and the user asked to set one up.
    chatRequested(str): chat with this model now (an import's "Chat with it")."""

    notify = Signal(str)
    serverHelpRequested = Signal()
    calibrateRequested = Signal()  # run the calibration benchmark (wired in app.py)
    chatRequested = Signal(str)

    def __init__(
        self, library: ModelLibrary, settings: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model_library = library
        self.tabs = QTabWidget()
        self.library = LibraryView()
        self.installed = InstalledView()
        self.downloads = DownloadsView()
        self.tabs.addTab(self.library, self.tr("Library"))
        self.tabs.addTab(self.installed, self.tr("Installed"))
        self.tabs.addTab(self.downloads, self.tr("Downloads"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.library_presenter = LibraryPresenter(
            self.library, library, settings, self._request, self
        )
        self.installed_presenter = InstalledPresenter(self.installed, library, settings, self)
        self.downloads_presenter = DownloadsPresenter(self.downloads, library, self)
        self.downloads_presenter.notify.connect(self.notify)
        self.installed_presenter.serverHelpRequested.connect(self.serverHelpRequested)
        self.installed_presenter.chatRequested.connect(self.chatRequested)
        self.library_presenter.calibrateRequested.connect(self.calibrateRequested)
        library.installed_models.ensure()  # the shared list: asked once, whoever asks first
        library.refresh_running()

    @Slot(str)
    def request_pull(self, name: str) -> PullJob | None:
        """Queue a download and show the Downloads page (the chat tab's missing models,
        through app.py). A bad name is explained on the Library page; None then."""
        return self._request(name, False, False)

    def import_gguf(self) -> None:
        """Open the GGUF import of the Installed page (File > Import GGUF…, via app.py)."""
        self.open_import()

    def open_import(self) -> ImportDialog:
        """Import a GGUF file (asked from elsewhere: the Start-here card's offline route)."""
        self.tabs.setCurrentWidget(self.installed)
        return self.installed_presenter.open_import()

    def show_other_registry(self) -> None:
        """Where a model is downloaded from another registry: the name field, with an
        example of a full name (the host opt-in appears as soon as one is typed)."""
        self.tabs.setCurrentWidget(self.library)
        field = self.library.pull_name
        field.setPlaceholderText(
            self.tr(
                "Type the full name with the registry, e.g. "
                "registry.example.com/library/gemma3:270m"
            )
        )
        field.setFocus()
        field.selectAll()

    def _request(self, name: str, allow_host: bool, insecure: bool) -> PullJob | None:
        try:
            job = self.model_library.request_pull(name, allow_host=allow_host, insecure=insecure)
        except OllamaError as e:
            self.library.name_problem.setText(error_message(e), error_details(e))
            return None
        self.tabs.setCurrentWidget(self.downloads)
        return job

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model_library.bandwidth.ensure()  # first time the tab is seen: a short test
        self.model_library.refresh_running()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.installed_presenter.running_timer.stop()
