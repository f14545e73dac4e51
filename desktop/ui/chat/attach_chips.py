"""Attachment chips: a file's name, size and tokens (or an image's thumbnail), in the
composer (with a button to remove it, or to cancel while it is read) and under a question
in the transcript. An image chip opens the picture when clicked. Names are plain text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.attachments.refs import AttachmentRef
from desktop.ui.chat import attach_text

ICON_PX = 32
NAME_PX = 200  # a long name is elided in the middle (its extension stays visible)


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
    return label


class AttachmentChip(QFrame):
    """One attachment. removeRequested(): the × (remove, or cancel while reading);
    opened(): the chip was clicked (an image: show it)."""

    removeRequested = Signal()
    opened = Signal()

    def __init__(self, name: str, removable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        self.ref: AttachmentRef | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 2, 2)
        row.setSpacing(6)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_PX, ICON_PX)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.icon.setPixmap(file_icon.pixmap(QSize(24, 24)))
        row.addWidget(self.icon)
        text = QVBoxLayout()
        text.setSpacing(0)
        self.title = _plain()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setText(
            self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, NAME_PX)
        )
        self.detail = _plain()
        self.detail.setObjectName("attachmentDetail")
        text.addWidget(self.title)
        text.addWidget(self.detail)
        row.addLayout(text)
        self.remove_button: QToolButton | None = None
        if removable:
            b = self.remove_button = QToolButton()
            b.setText("×")
            b.setAutoRaise(True)
            b.setToolTip(self.tr("Remove {0}").format(name))
            b.clicked.connect(self.removeRequested)
            row.addWidget(b)
        self.setToolTip(name)

    def set_progress(self, fraction: float) -> None:
        self.detail.setText(attach_text.reading(int(fraction * 100)))
        if self.remove_button is not None:
            self.remove_button.setToolTip(self.tr("Stop reading {0}").format(self.name))

    def set_ref(self, ref: AttachmentRef) -> None:
        """The file is read: show what it is."""
        self.ref = ref
        self.detail.setText(attach_text.chip_detail(ref))
        self.setToolTip(attach_text.chip_tooltip(ref))
        if self.remove_button is not None:
            self.remove_button.setToolTip(self.tr("Remove {0}").format(self.name))
        if ref.is_image and ref.thumb:
            image = QImage.fromData(ref.thumb)
            if not image.isNull():
                pixmap = QPixmap.fromImage(image).scaled(
                    ICON_PX,
                    ICON_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self.icon.setPixmap(pixmap)
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.ref is not None:
            self.opened.emit()
        super().mouseReleaseEvent(event)


class ChipRow(QScrollArea):
    """Chips side by side; scrolls sideways when there are many; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        inner = QWidget()
        self._row = QHBoxLayout(inner)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addStretch(1)
        self.setWidget(inner)
        # on whatever surface holds it (the message box, the user's tinted card)
        self.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)
        self.setFixedHeight(ICON_PX + 16)
        self.hide()

    def add(self, chip: AttachmentChip) -> None:
        self._row.insertWidget(self._row.count() - 1, chip)
        self.show()

    def remove(self, chip: AttachmentChip) -> None:
        self._row.removeWidget(chip)
        chip.deleteLater()
        self.setVisible(self._row.count() > 1)

    def chips(self) -> list[AttachmentChip]:
        items = (self._row.itemAt(i) for i in range(self._row.count()))
        return [
            w for it in items if it is not None and isinstance(w := it.widget(), AttachmentChip)
        ]


def chips_for(refs: Sequence[AttachmentRef], parent: QWidget | None = None) -> ChipRow:
    """A read-only row of chips for a stored message (the transcript)."""
    row = ChipRow(parent)
    for ref in refs:
        chip = AttachmentChip(ref.name, removable=False)
        chip.set_ref(ref)
        row.add(chip)
    return row


class ImageViewer(QDialog):
    """The picture as sent to the model, at most the screen's size."""

    def __init__(self, name: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(name)
        layout = QVBoxLayout(self)
        area = QScrollArea()
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area.setWidget(label)
        area.setWidgetResizable(True)
        layout.addWidget(area)
        caption = _plain(
            self.tr("{0} × {1} px, as the model sees it").format(image.width(), image.height())
        )
        layout.addWidget(caption)
        screen = self.screen().availableGeometry() if self.screen() else None
        w, h = image.width() + 40, image.height() + 80
        if screen is not None:
            w, h = min(w, screen.width() * 9 // 10), min(h, screen.height() * 9 // 10)
        self.resize(max(240, w), max(160, h))
