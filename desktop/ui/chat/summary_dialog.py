"""The summary a new chat will start from: written by the model (ChatSummarizer), shown and
editable before it is used. Nothing happens to either chat until the user accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class SummaryDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryDialog")
        self.setWindowTitle(self.tr("New chat with a summary"))
        self.resize(560, 420)
        col = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server errors are text
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        col.addWidget(self.progress)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("summaryEditor")
        self.editor.setEnabled(False)
        col.addWidget(self.editor, 1)
        self.buttons = QDialogButtonBox()
        self.start: QPushButton = self.buttons.addButton(
            self.tr("Start the new chat"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col.addWidget(self.buttons)
        self.working(0, 0)

    def working(self, part: int, parts: int) -> None:
        if parts > 1:
            self.status.setText(
                self.tr("The model is summarising this chat (part {0} of {1})…").format(part, parts)
            )
            self.progress.setRange(0, parts)
            self.progress.setValue(part - 1)
        else:
            self.status.setText(self.tr("The model is summarising this chat…"))
            self.progress.setRange(0, 0)

    def show_summary(self, text: str) -> None:
        self.status.setText(
            self.tr(
                "Read and edit the summary: the new chat starts with it as its system "
                "prompt, and knows nothing else of this chat."
            )
        )
        self.progress.hide()
        self.editor.setPlainText(text)
        self.editor.setEnabled(True)
        self.editor.setFocus()
        self.start.setEnabled(True)

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.progress.hide()

    def text(self) -> str:
        return self.editor.toPlainText().strip()
