"""The choice before a send that will not fit the model's window: what the model will not
see, and three ways on (send anyway, a bigger window, a new chat with a summary). Layout
only, above the composer like the banner (never a modal box); ContextPresenter fills it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ContextChoice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextChoice")
        self.setFrameShape(QFrame.Shape.NoFrame)  # the style sheet's notice frame
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setObjectName("contextChoiceText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        col.addWidget(self.label)
        self.window_note = QLabel()  # why a bigger window is not offered, or what it costs
        self.window_note.setTextFormat(Qt.TextFormat.PlainText)
        self.window_note.setWordWrap(True)
        self.window_note.hide()
        col.addWidget(self.window_note)
        # two rows: the message box's column is narrow, and the bigger window's label
        # (its size and memory) is long, longer still in Japanese
        self.send_anyway = QPushButton(self.tr("Send anyway"))
        self.bigger = QPushButton()
        self.summary = QPushButton(self.tr("New chat with a summary…"))
        self.cancel = QPushButton(self.tr("Cancel"))
        for left, right in ((self.send_anyway, self.bigger), (self.summary, self.cancel)):
            row = QHBoxLayout()
            row.addWidget(left)
            if right is self.cancel:
                row.addStretch(1)
            row.addWidget(right)
            if right is not self.cancel:
                row.addStretch(1)
            col.addLayout(row)
        self.hide()

    def ask(self, text: str, bigger: str, bigger_ok: bool, note: str) -> None:
        """Show the choice: ``text`` says what will be lost; ``bigger`` labels the bigger
        window (empty: none is possible); ``note`` says why it is refused or what it costs."""
        self.label.setText(text)
        self.bigger.setText(bigger)
        self.bigger.setVisible(bool(bigger))
        self.bigger.setEnabled(bigger_ok)
        self.window_note.setText(note)
        self.window_note.setVisible(bool(note))
        self.show()
        self.send_anyway.setFocus()
