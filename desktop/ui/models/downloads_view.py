"""Downloads page: one row per queued pull with bytes, speed and time left."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.bounded_text import BoundedText


class DownloadsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Progress"), self.tr("Speed / time left"), self.tr("State")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 260)
        self.table.setColumnWidth(2, 200)
        layout.addWidget(self.table, 1)
        # the selected download's state in full: a failure's reason wraps here, whatever
        # its length or language (a table cell clips it), with the server's words in Details
        self.reason = BoundedText(details_title=self.tr("Why the download failed"))
        self.reason.setObjectName("downloadReason")
        self.reason.hide()
        layout.addWidget(self.reason)
        actions = QHBoxLayout()
        self.note = BoundedText(  # names a model
            self.tr(
                "Downloads continue after a dropped connection and resume "
                "when the app or the server restarts."
            )
        )
        self.cancel = QPushButton(self.tr("Cancel"))
        self.retry = QPushButton(self.tr("Retry"))
        self.remove = QPushButton(self.tr("Remove from list"))
        actions.addWidget(self.note, 1)
        for b in (self.cancel, self.retry, self.remove):
            actions.addWidget(b)
        layout.addLayout(actions)
