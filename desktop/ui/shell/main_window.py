"""The main window: holds the tabs and the status bar, and wires them. Nothing else."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from desktop.services.connection import ConnectionMonitor
from desktop.ui.common.bounded_text import never_grow, one_line
from desktop.ui.common.focus_ring import FocusRing
from desktop.ui.shell.about_dialog import AboutDialog, app_icon
from desktop.ui.shell.connection_status import ConnectionStatus
from desktop.ui.shell.notices import NoticeArea, NoticeBar


class MainWindow(QMainWindow):
    closing = Signal()
    importGgufRequested = Signal()  # File > Import GGUF… (app.py opens the Models tab's)
    appearanceChosen = Signal(str)  # "", "light" or "dark" (the "appearance" setting)

    def __init__(
        self,
        chat: QWidget,
        models: QWidget,
        server: QWidget,
        monitor: ConnectionMonitor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ollama Desk")
        self.resize(1100, 720)
        # no label, however long its text, can make the window wider than the user made it
        # (outside text is bounded where it is shown: desktop/ui/common/bounded_text.py)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.chat_tab, self.models_tab, self.server_tab = chat, models, server
        self.tabs.addTab(chat, self.tr("Chat"))
        self.tabs.addTab(models, self.tr("Models"))
        self.tabs.addTab(server, self.tr("Server"))
        self.notices = NoticeArea()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notices)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.connection_status = ConnectionStatus()
        self.statusBar().addWidget(self.connection_status, 1)
        self.setWindowIcon(app_icon())
        self._monitor = monitor
        self._about: AboutDialog | None = None
        self.focus_ring = FocusRing(self)  # where the Tab key is, in light and dark
        self._build_file_menu()
        self._build_view_menu()
        help_menu = self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("About Ollama Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the app menu
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)
        self._connect_callbacks(monitor)
        never_grow(self, QSize(640, 420))

    def _build_file_menu(self) -> None:
        """File: the tabs' actions are put in here by app.py; Import GGUF… and Quit are
        the window's own (importGgufRequested is wired to the Models tab)."""
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("Import GGUF…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.triggered.connect(self.importGgufRequested)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # Windows has no standard one
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)  # macOS: the app menu
        self.quit_action.triggered.connect(self.close)  # the same way out as the window's
        self.file_menu.addAction(self.quit_action)

    def _build_view_menu(self) -> None:
        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        looks = view_menu.addMenu(self.tr("Appearance"))
        group = QActionGroup(self)
        self.appearance_actions: dict[str, QAction] = {}
        for value, label in (
            ("", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _on=False, v=value: self.appearanceChosen.emit(v))
            group.addAction(action)
            looks.addAction(action)
            self.appearance_actions[value] = action
        self.appearance_actions[""].setChecked(True)

    def show_appearance(self, value: str) -> None:
        """Tick the menu entry of the current "appearance" setting."""
        action = self.appearance_actions.get(value)
        if action is not None:
            action.setChecked(True)

    def _connect_callbacks(self, monitor: ConnectionMonitor) -> None:
        monitor.stateChanged.connect(self.connection_status.show_state)
        self.connection_status.show_state(monitor.state)
        self.connection_status.setupRequested.connect(self.show_server_tab)

    def show_notice(self, text: str, details: str = "") -> NoticeBar:
        """A non-modal notice above the tabs until the user dismisses it."""
        return self.notices.add(text, details)

    def show_status(self, text: str, timeout_ms: int = 15000) -> None:
        """A passing message in the status bar (one line, bounded: it may name a model)."""
        self.statusBar().showMessage(one_line(text), timeout_ms)

    def bring_to_front(self) -> None:
        """Another launch with the same settings folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_server_tab(self) -> None:
        self.tabs.setCurrentWidget(self.server_tab)

    def show_about(self) -> AboutDialog:
        if self._about is None:
            self._about = AboutDialog(self._monitor, self)
        self._about.show()
        self._about.raise_()
        self._about.activateWindow()
        return self._about

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
