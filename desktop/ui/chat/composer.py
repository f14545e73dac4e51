"""The message box: Enter sends, Shift+Enter starts a new line, input methods work. With
its buttons (attach a file or an image, Send that becomes Stop) and the chips of what goes
with the question, it is one rounded unit (ComposerBox)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.attach_chips import ChipRow
from desktop.ui.common import icons
from desktop.ui.common.focus_ring import OWN_FOCUS

FOCUSED = "focused"  # dynamic property of the box while the message box has the focus


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
        self.setFrameShape(QFrame.Shape.NoFrame)  # the box around it is the frame,
        self.setProperty(OWN_FOCUS, True)  # and shows the focus (not the focus ring)
        self.setMaximumHeight(160)
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 56)

    # the box around shows where the focus is (a frameless edit shows it nowhere else)
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        _mark(self.parentWidget(), FOCUSED, True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        _mark(self.parentWidget(), FOCUSED, False)

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


def _mark(w: QWidget | None, name: str, on: bool) -> None:
    """A dynamic property the app's style sheet reads (set only when it changes: each
    change polishes the widget again)."""
    if w is not None and w.property(name) != on:
        w.setProperty(name, on)
        w.style().unpolish(w)
        w.style().polish(w)
        w.update()


class ComposerBox(QFrame):
    """The chips of what goes with the question, the message box, and one row of buttons
    below it: File…, Image… on the left, Send (or Stop while an answer streams) on the
    right, in one rounded frame (the app's style sheet draws it: #composerBox)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerBox")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 8, 6)
        box.setSpacing(2)
        self.attachments = ChipRow()  # files and images that go with the next question
        box.addWidget(self.attachments)
        self.composer = Composer(self)
        self.composer.setPlaceholderText(self.tr("Message (Enter sends, Shift+Enter new line)"))
        box.addWidget(self.composer, 1)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.attach_file = self._button(
            self.tr("File…"),
            "paperclip",
            self.tr("Attach files: text, code, Markdown, CSV, JSON, HTML, PDF, Word (.docx)"),
        )
        self.attach_image = self._button(self.tr("Image…"), "image", self.tr("Attach images"))
        row.addWidget(self.attach_file)
        row.addWidget(self.attach_image)
        row.addStretch(1)
        self.send_button = self._button(self.tr("Send"), "send-horizontal", self.tr("Send (Enter)"))
        self.send_button.setObjectName("sendButton")
        self.stop_button = self._button(self.tr("Stop"), "square", self.tr("Stop the answer (Esc)"))
        self.stop_button.setObjectName("stopButton")
        for b in (self.send_button, self.stop_button):
            b.setAutoRaise(False)
            icons.set_icon(b, str(b.property(icons.ICON_NAME)), "on_accent", 16)
        self.stop_button.hide()
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        box.addLayout(row)

    @staticmethod
    def _button(text: str, icon_name: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)  # what a screen reader says; the icon is what is seen
        b.setAccessibleName(text.rstrip("…"))
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        icons.set_icon(b, icon_name, "muted", 18)
        return b

    def set_editing(self, on: bool) -> None:
        _mark(self, "editing", on)
