"""The "Details" of a message: everything a label could not show (the whole text, an
error's raw words), read-only and plain, with Copy.

The text may be a 1 MiB error without a single space: it is shown in blocks of at most
CHUNK characters (a plain-text view lays out only the blocks in view, but a block whole),
and the view wraps anywhere, so the cut between blocks looks like any other wrap. Copy
copies the text as it came.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.bounded_text import never_grow

CHUNK = 2000  # characters per shown block of a long line


def display_blocks(text: str) -> str:
    """``text`` with a line break at least every CHUNK characters (display only)."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= CHUNK:
            out.append(line)
        else:
            out.extend(line[i : i + CHUNK] for i in range(0, len(line), CHUNK))
    return "\n".join(out)


class DetailsDialog(QDialog):
    """``message`` (a sentence shown elsewhere, maybe cut) and ``details`` (raw text),
    both whole; the window keeps its size whatever they hold."""

    def __init__(
        self, title: str, message: str, details: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.full_text = message if not details else f"{message}\n\n{details}".strip()
        layout = QVBoxLayout(self)
        self.view = QPlainTextEdit()
        self.view.setObjectName("detailsText")
        self.view.setReadOnly(True)
        self.view.setUndoRedoEnabled(False)
        self.view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlainText(display_blocks(self.full_text))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        never_grow(self, QSize(360, 240))
        self.resize(640, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.full_text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override: never from its text
        return QSize(640, 420)
