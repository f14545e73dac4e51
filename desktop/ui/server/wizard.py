"""First-run setup: from nothing to a running server, no terminal.

Steps: look around -> (a server answers: use it) | (Ollama is installed: start it) |
(nothing: install the latest release for this user, then start it) -> "running, version".
Every failure shows its reason and a Try again button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import OllamaError
from desktop.core.setup.errors import InstallProgress
from desktop.services.server.managed import ManagedState
from desktop.services.server.probe import DetectionReport, ServerProbe
from desktop.services.server.setup import ServerSetup
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.bounded_text import BoundedLabel, BoundedText
from desktop.ui.common.messages import error_details
from desktop.ui.server.messages import crash_message, progress_text, setup_error_message

# steps that only offer something: moot once a server answers
OFFERS = ("detect", "offer_install", "found_binary", "failed_install", "failed_start")


class FirstRunWizard(QDialog):
    def __init__(
        self, setup: ServerSetup, settings: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModal(False)  # never blocks the app: the user may pick a server meanwhile
        self.setup = setup
        self.settings = settings
        self.step = "detect"
        self.found_server: ServerProbe | None = None
        self.setWindowTitle(self.tr("Set up Ollama"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        # titles, paths, server errors, log lines: bounded (ui/common/bounded_text.py)
        self.title = BoundedLabel()
        self.title.setObjectName("wizardTitle")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.body = BoundedText()  # paths, server errors, log lines: the words in Details
        self.body.setObjectName("wizardBody")
        self.cpu_only = QCheckBox(self.tr("CPU only: leave out GPU libraries (smaller)"))
        self.cpu_only.setChecked(settings.flag("server_cpu_only"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_label = BoundedLabel(elide=True)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.cpu_only)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.secondary = QPushButton()
        self.primary = QPushButton()
        self.primary.setDefault(True)
        row.addStretch(1)
        row.addWidget(self.secondary)
        row.addWidget(self.primary)
        layout.addLayout(row)
        self.primary.clicked.connect(self._primary)
        self.secondary.clicked.connect(self._secondary)
        setup.detected.connect(self._on_detected)
        setup.installProgress.connect(self._on_progress)
        setup.installFailed.connect(self._on_install_failed)
        setup.managedChanged.connect(self._on_server)
        self._detect()

    def server_answers(self) -> None:
        """A server answers now (started elsewhere, or back): an open offer is moot."""
        in_use = self.setup.ollama.host.base_url
        found_in_use = self.step == "found_server" and (
            self.found_server is not None and self.found_server.url == in_use
        )
        if (self.step in OFFERS or found_in_use) and self.isVisible():
            self.reject()

    # -- steps ---------------------------------------------------------------------------
    def _show(
        self,
        step: str,
        title: str,
        body: str,
        primary: str = "",
        secondary: str = "",
        busy: bool = False,
        cpu: bool = False,
        details: str = "",
    ) -> None:
        self.step = step
        self.title.setText(title)
        self.body.setText(body, details)
        self.primary.setText(primary)
        self.primary.setVisible(bool(primary))
        self.secondary.setText(secondary)
        self.secondary.setVisible(bool(secondary))
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.progress_label.setVisible(busy)
        self.progress_label.clear()
        self.cpu_only.setVisible(cpu)
        self.adjustSize()

    def _detect(self) -> None:
        self._show(
            "detect",
            self.tr("Looking for Ollama…"),
            self.tr("Checking this computer for a running server or an installed Ollama."),
            busy=True,
        )
        self.setup.detect()

    def _on_detected(self, report: DetectionReport) -> None:
        if self.step != "detect":
            return
        server = report.first_answering()
        if server is not None:
            self.found_server = server
            self._show(
                "found_server",
                self.tr("Ollama {version} is already running").format(version=server.version),
                self.tr(
                    "A server answers at {host}. The app will use it; nothing needs "
                    "to be installed."
                ).format(host=server.display),
                primary=self.tr("Use it"),
                secondary=self.tr("Close"),
            )
            return
        binary = self.setup.chosen_binary()
        if binary is not None:
            self._show(
                "found_binary",
                self.tr("Ollama is installed but not running"),
                self.tr(
                    "Found {path}. Start it now? It runs only while you need it "
                    "and listens on this computer only."
                ).format(path=str(binary)),
                primary=self.tr("Start Ollama"),
                secondary=self.tr("Install another copy"),
            )
            return
        self._offer_install()

    def _offer_install(self) -> None:
        # no network until the user says so: the release lookup is part of the install
        self._show(
            "offer_install",
            self.tr("Ollama is not installed"),
            self.tr(
                "Ollama Desk can download the latest official release, check its "
                "SHA-256 checksum, and install it for you only, in the app's "
                "folder. No administrator rights; nothing else on the system "
                "changes. The download size is shown as soon as it starts."
            ),
            primary=self.tr("Install Ollama"),
            secondary=self.tr("Not now"),
            cpu=True,
        )

    def _install(self) -> None:
        self.settings.set("server_cpu_only", self.cpu_only.isChecked())
        self._show(
            "installing",
            self.tr("Installing Ollama…"),
            "",
            primary="",
            secondary=self.tr("Cancel"),
            busy=True,
        )
        self.setup.install(None, cpu_only=self.cpu_only.isChecked())

    def _on_progress(self, p: InstallProgress) -> None:
        if self.step != "installing":
            return
        if p.fraction is not None:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(p.fraction * 1000))
        else:
            self.progress.setRange(0, 0)
        self.progress_label.setText(progress_text(p))

    def _on_install_failed(self, error: OllamaError) -> None:
        if self.step == "installing":
            self._show(
                "failed_install",
                self.tr("Ollama was not installed"),
                setup_error_message(error),
                primary=self.tr("Try again"),
                details=error_details(error),
                secondary=self.tr("Close"),
            )

    def _on_server(self, st: ManagedState) -> None:
        if self.step not in ("installing", "starting", "found_binary", "failed_start"):
            return
        if st.status in (ServerStatus.CHECKING, ServerStatus.STARTING):
            self._show("starting", self.tr("Starting Ollama…"), "", busy=True)
        elif st.status is ServerStatus.CONNECTED:
            self._done(st.version, st.url)
        elif st.status is ServerStatus.CRASHED:
            self._show(
                "failed_start",
                self.tr("Ollama did not start"),
                crash_message(st.diagnosis, st.exit_code),
                primary=self.tr("Try again"),
                secondary=self.tr("Close"),
            )

    def _done(self, version: str, url: str) -> None:
        self.settings.set("server_wizard_done", True)
        self._show(
            "done",
            self.tr("Ollama {version} is running").format(version=version),
            self.tr("The server answers at {url}. Next, pick a model in the Models tab.").format(
                url=url
            ),
            primary=self.tr("Finish"),
        )

    # -- buttons -------------------------------------------------------------------------
    def _primary(self) -> None:
        step = self.step
        if step == "found_server" and self.found_server is not None:
            self.setup.use_server(self.found_server.url)
            self._done(self.found_server.version or "", self.found_server.url)
        elif step in ("found_binary", "failed_start"):
            self._show("starting", self.tr("Starting Ollama…"), "", busy=True)
            if self.setup.managed.state.status is ServerStatus.CRASHED:
                self.setup.restart()
            else:
                self.setup.start()
        elif step == "offer_install":
            self._install()
        elif step == "failed_install":
            self._detect()
        elif step == "done":
            self.accept()

    def _secondary(self) -> None:
        if self.step == "installing":
            self.setup.cancel_install()
        elif self.step == "found_binary":
            self._offer_install()
        else:
            self.reject()
