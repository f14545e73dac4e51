"""The message box: Enter sends, Shift+Enter starts a new line, input methods work."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class Composer(QPlainTextEdit):
    """submitted(): Enter without Shift. While an input method composes (Japanese, Chinese,
    Korean), Enter confirms the candidate inside the IME and never reaches keyPressEvent.
    filesDropped(list[str]): local files dropped or pasted (to attach, not to insert).
    imagePasted(QImage): a picture pasted from the clipboard (a screenshot)."""

    submitted = Signal()
    filesDropped = Signal(list)
    imagePasted = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(140)
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 72)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.submitted.emit()
                return
        super().keyPressEvent(event)

    # drop and paste go through these two (QPlainTextEdit's own drop calls them)
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return (
            bool(_local_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        files = _local_files(source)
        if files:
            self.filesDropped.emit(files)
        elif source.hasImage() and not source.hasText():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.imagePasted.emit(image)
        else:
            self.insertPlainText(source.text())  # text only: never markup from outside


def _local_files(source: QMimeData) -> list[str]:
    if not source.hasUrls():
        return []
    return [u.toLocalFile() for u in source.urls() if u.isLocalFile() and u.toLocalFile()]
