"""The notice shown when the chat history cannot be used: what is wrong with which file,
and the user's choices. The file is never changed unless the user picks "Move aside"."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.errors import HistoryErrorKind
from desktop.services.chat.history import HistoryMode
from desktop.ui.chat import history_text
from desktop.ui.common.bounded_text import BoundedText


class HistoryNotice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = BoundedText()  # a path is not markup, and may be long
        layout.addWidget(self.label)
        row = QHBoxLayout()
        self.read_only = QPushButton(self.tr("Open it read-only"))
        self.move_aside = QPushButton(self.tr("Move it aside and start a new history"))
        self.retry = QPushButton(self.tr("Try again"))
        for b in (self.read_only, self.move_aside, self.retry):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()


class HistoryNoticePresenter(QObject):
    """Follows the history's state: shows the notice while it cannot be written."""

    def __init__(
        self, notice: HistoryNotice, conversations: ChatConversations, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.notice = notice
        self.conversations = conversations
        notice.read_only.clicked.connect(lambda: conversations.start(read_only=True))
        notice.move_aside.clicked.connect(conversations.move_aside_and_start_new)
        notice.retry.clicked.connect(lambda: conversations.start())
        conversations.historyChanged.connect(self.refresh)
        self.refresh()  # the history may have answered before this presenter existed

    def refresh(self) -> None:
        history = self.conversations.history
        problem = history.problem
        if history.mode is HistoryMode.READ_ONLY:
            self.notice.label.setText(
                self.tr(
                    "The chat history {0} is open read-only: you can read and search your "
                    "chats, but new messages cannot be sent until it can be written."
                ).format(history.path)
            )
            self.notice.read_only.hide()
            self.notice.move_aside.show()
            self.notice.retry.show()
            self.notice.show()
        elif history.mode is HistoryMode.UNAVAILABLE and problem is not None:
            self.notice.label.setText(history_text.open_problem(problem), problem.detail)
            # a damaged file cannot be read either; a full disk or a lock may pass
            self.notice.read_only.setVisible(problem.kind is not HistoryErrorKind.DAMAGED)
            self.notice.move_aside.show()
            # a full disk, a lock or a failed write may pass; a damaged or newer file not
            self.notice.retry.setVisible(
                problem.kind not in (HistoryErrorKind.DAMAGED, HistoryErrorKind.NEWER)
            )
            self.notice.show()
        else:
            self.notice.hide()
