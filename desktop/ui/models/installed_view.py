"""Installed and running models: tables, details pane, actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.bounded_text import BoundedText

KEEP_ALIVE_CHOICES = ("0", "1m", "5m", "30m", "1h", "-1")


def _table() -> QTableView:
    t = QTableView()
    t.setSortingEnabled(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    # columns are fitted to their content after each fill (ui/common/tables.fit_columns)
    return t


class InstalledView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter installed models"))
        self.filter.setClearButtonEnabled(True)
        self.refresh = QPushButton(self.tr("Refresh"))
        self.import_gguf = QPushButton(self.tr("Import GGUF file…"))
        top.addWidget(self.filter, 1)
        top.addWidget(self.refresh)
        top.addWidget(self.import_gguf)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = _table()
        split.addWidget(self.table)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        split.addWidget(self.details)
        split.setSizes([320, 220])
        layout.addWidget(split, 1)
        actions = QHBoxLayout()
        self.copy = QPushButton(self.tr("Copy as…"))
        self.delete = QPushButton(self.tr("Delete…"))
        self.copy.setEnabled(False)
        self.delete.setEnabled(False)
        self.message = BoundedText()  # may quote the server: bounded, words in Details
        self.setup_server = QPushButton(self.tr("Set up the server…"))
        self.setup_server.hide()  # shown when no server answers
        actions.addWidget(self.message, 1)
        actions.addWidget(self.setup_server)
        actions.addWidget(self.copy)
        actions.addWidget(self.delete)
        layout.addLayout(actions)

        layout.addWidget(QLabel("<b>" + self.tr("Loaded in memory") + "</b>"))
        self.running = _table()
        self.running.setMaximumHeight(140)
        layout.addWidget(self.running)
        run_actions = QHBoxLayout()
        self.keep_alive = QComboBox()
        labels = {
            "0": self.tr("unload right after use"),
            "1m": self.tr("1 minute"),
            "5m": self.tr("5 minutes"),
            "30m": self.tr("30 minutes"),
            "1h": self.tr("1 hour"),
            "-1": self.tr("until unloaded"),
        }
        for value in KEEP_ALIVE_CHOICES:
            self.keep_alive.addItem(labels[value], value)
        self.keep_loaded = QPushButton(self.tr("Keep loaded"))
        self.unload = QPushButton(self.tr("Unload now"))
        self.keep_loaded.setEnabled(False)
        self.unload.setEnabled(False)
        run_actions.addStretch(1)
        run_actions.addWidget(QLabel(self.tr("Keep in memory:")))
        run_actions.addWidget(self.keep_alive)
        run_actions.addWidget(self.keep_loaded)
        run_actions.addWidget(self.unload)
        layout.addLayout(run_actions)
