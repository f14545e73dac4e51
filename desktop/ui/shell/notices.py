"""Non-modal notices at the top of the window: one sentence the user reads once and dismisses
(e.g. a settings file that had to be reset). Never a dialog that blocks the app."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.services.settings_store import LoadProblem, SettingsNotice
from desktop.ui.common.bounded_text import BoundedText


def settings_notice_text(notice: SettingsNotice) -> str:
    """The one paragraph that tells what happened to settings.json and where it is kept."""
    if notice.problem is LoadProblem.UNREADABLE:
        head = QCoreApplication.translate(
            "Notices",
            "Your settings file {path} could not be read ({reason}), so Ollama Desk started "
            "with the default settings.",
        ).format(path=notice.path, reason=notice.detail)
    else:
        head = QCoreApplication.translate(
            "Notices",
            "Some settings in {path} had values Ollama Desk cannot use; these are back to "
            "their defaults: {which}.",
        ).format(path=notice.path, which="; ".join(r.reason for r in notice.rejected))
    if notice.kept_copy is not None:
        tail = QCoreApplication.translate(
            "Notices", "The file as it was is kept at {copy}."
        ).format(copy=notice.kept_copy)
    else:
        tail = QCoreApplication.translate(
            "Notices", "A copy of the file as it was could not be kept."
        )
    return f"{head} {tail}"


class NoticeBar(QFrame):
    """One notice: plain text (it may quote file contents) and a Dismiss button."""

    dismissed = Signal()

    def __init__(self, text: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = BoundedText()  # plain, bounded: it may quote a file's contents
        self.label.setText(text, details)
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.clicked.connect(self._dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
        self.deleteLater()


class NoticeArea(QWidget):
    """A column of notices above the tabs; empty (and zero height) most of the time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(8, 8, 8, 0)
        self._column.setSpacing(6)
        self.setVisible(False)

    def add(self, text: str, details: str = "") -> NoticeBar:
        bar = NoticeBar(text, details, self)
        bar.dismissed.connect(self._update_visibility)
        self._column.addWidget(bar)
        self.setVisible(True)
        return bar

    def bars(self) -> list[NoticeBar]:
        return [b for b in self.findChildren(NoticeBar) if not b.isHidden()]

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.bars()))
