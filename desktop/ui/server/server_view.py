"""Layout of the Server tab (no logic)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.bounded_text import BoundedLabel, BoundedText
from desktop.ui.server.docker_panel import DockerPanel
from desktop.ui.server.log_view import LogView
from desktop.ui.server.settings_panel import SettingsPanel


def _note(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def _with_note(note: QLabel, page: QWidget) -> QWidget:
    """The page with a sentence at its top (shown only when there is something to say);
    the page itself stays the tab's widget."""
    layout = page.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(0, note)
    return page


class ServerView(QWidget):
    def __init__(
        self,
        settings_panel: SettingsPanel,
        docker_panel: DockerPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        # status
        status_box = QGroupBox(self.tr("Server"))
        sl = QVBoxLayout(status_box)
        # versions, paths, log lines, server errors: all bounded (ui/common/bounded_text.py)
        self.status_label = BoundedLabel()
        self.status_label.setObjectName("serverStatus")
        self.status_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.status_label.setWordWrap(True)
        # message + the log line: one line, the whole in Details
        self.detail_label = BoundedText(wrap=False)
        self.detail_label.setObjectName("serverDetail")
        self.host_problem = BoundedLabel()
        self.host_problem.setObjectName("hostProblem")
        self.host_problem.setWordWrap(True)
        self.host_problem.setStyleSheet("color: #c62828;")
        self.host_problem.hide()
        # a server the app did not start: why Start/Stop are off (foreign_presenter.py)
        self.foreign_note = QLabel()
        self.foreign_note.setObjectName("foreignNote")
        self.foreign_note.setWordWrap(True)
        self.foreign_note.hide()
        sl.addWidget(self.status_label)
        sl.addWidget(self.detail_label)
        sl.addWidget(self.foreign_note)
        sl.addWidget(self.host_problem)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.restart_button = QPushButton(self.tr("Restart"))
        self.wizard_button = QPushButton(self.tr("Setup assistant…"))
        self.detect_button = QPushButton(self.tr("Look again"))
        self.detect_button.setToolTip(
            self.tr(
                "Look for servers and installs again, and ask "
                "the release server for the latest Ollama."
            )
        )
        for b in (self.start_button, self.stop_button, self.restart_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.detect_button)
        row.addWidget(self.wizard_button)
        sl.addLayout(row)
        outer.addWidget(status_box)

        self.pages = QTabWidget()
        outer.addWidget(self.pages, 1)
        # servers and installs
        found = QWidget()
        fl = QVBoxLayout(found)
        fl.addWidget(
            QLabel(
                self.tr(
                    "Ollama servers and installs found on this computer. Pick the one the app uses."
                )
            )
        )
        self.found_list = QTreeWidget()
        self.found_list.setHeaderLabels(
            [self.tr("What"), self.tr("Version"), self.tr("Where"), self.tr("State")]
        )
        self.found_list.setRootIsDecorated(False)
        self.found_list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fl.addWidget(self.found_list, 1)
        row = QHBoxLayout()
        self.use_button = QPushButton(self.tr("Use selected"))
        self.uninstall_button = QPushButton(self.tr("Uninstall selected"))
        self.profile_edit = QLineEdit()
        self.profile_edit.setPlaceholderText(self.tr("Add a server, e.g. 192.168.1.20:11434"))
        self.profile_edit.setMinimumWidth(300)  # the example address must not be clipped
        self.profile_button = QPushButton(self.tr("Add"))
        row.addWidget(self.use_button)
        row.addWidget(self.uninstall_button)
        row.addStretch(1)
        row.addWidget(self.profile_edit)
        row.addWidget(self.profile_button)
        fl.addLayout(row)
        self.profile_problem = BoundedLabel()
        self.profile_problem.setObjectName("profileProblem")
        self.profile_problem.setWordWrap(True)
        self.profile_problem.setStyleSheet("color: #c62828;")
        self.profile_problem.hide()
        fl.addWidget(self.profile_problem)
        # install
        inst = QGroupBox(self.tr("Install Ollama for this user (no administrator rights)"))
        il = QVBoxLayout(inst)
        self.latest_label = BoundedText()
        il.addWidget(self.latest_label)
        row = QHBoxLayout()
        self.version_edit = QLineEdit()
        self.version_edit.setPlaceholderText(self.tr("latest"))
        self.version_edit.setMaximumWidth(140)
        self.cpu_only_check = QCheckBox(self.tr("CPU only (leave out GPU libraries)"))
        self.install_button = QPushButton(self.tr("Install"))
        self.update_button = QPushButton(self.tr("Update"))
        self.file_button = QPushButton(self.tr("Install from a file…"))
        row.addWidget(QLabel(self.tr("Version:")))
        row.addWidget(self.version_edit)
        row.addWidget(self.cpu_only_check)
        row.addStretch(1)
        row.addWidget(self.file_button)
        row.addWidget(self.update_button)
        row.addWidget(self.install_button)
        il.addLayout(row)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_label = BoundedLabel(elide=True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        il.addLayout(row)
        il.addWidget(self.progress_label)
        self.install_message = BoundedText()  # paths, server errors
        self.install_message.setObjectName("installMessage")
        il.addWidget(self.install_message)
        fl.addWidget(inst)
        self.pages.addTab(found, self.tr("Servers and installs"))
        self.settings_note = _note("settingsNote")  # whose settings these are
        self.pages.addTab(_with_note(self.settings_note, settings_panel), self.tr("Settings"))
        self.log_view = LogView()
        self.log_note = _note("logNote")  # why the log may be empty
        self.pages.addTab(_with_note(self.log_note, self.log_view), self.tr("Log"))
        self.pages.addTab(docker_panel, self.tr("Docker"))
