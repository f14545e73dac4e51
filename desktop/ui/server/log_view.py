"""Live server log: follows new lines unless you scrolled up, searchable, copyable, and
bounded (the widget keeps at most LOG_LINES lines)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.server.log_buffer import LOG_LINES


class LogView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the log (Enter: next match)"))
        self.search.setClearButtonEnabled(True)
        self.matches = QLabel()
        self.copy_button = QPushButton(self.tr("Copy all"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.matches)
        bar.addWidget(self.copy_button)
        layout.addLayout(bar)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMaximumBlockCount(LOG_LINES)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text, 1)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(self._search_changed)
        self.copy_button.clicked.connect(self.copy_all)

    def append_lines(self, lines: list[str]) -> None:
        bar = self.text.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 2
        self.text.appendPlainText("\n".join(lines))
        if following:
            self._to_end()

    def _to_end(self) -> None:
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _search_changed(self, needle: str) -> None:
        if not needle:
            self.matches.clear()
            return
        count = self.text.toPlainText().lower().count(needle.lower())
        self.matches.setText(self.tr("{n} matches").format(n=count))
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.find_next()

    def find_next(self) -> bool:
        needle = self.search.text()
        if not needle:
            return False
        if self.text.find(needle):
            return True
        self.text.moveCursor(QTextCursor.MoveOperation.Start)  # wrap around
        return bool(self.text.find(needle, QTextDocument.FindFlag(0)))

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
