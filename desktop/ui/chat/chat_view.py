"""Layout of the Chat tab (no logic: the controller fills and listens)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.attach_chips import ChipRow
from desktop.ui.chat.composer import Composer
from desktop.ui.chat.context_bar import ContextBar
from desktop.ui.chat.context_choice import ContextChoice
from desktop.ui.chat.edit_mode import EditBar
from desktop.ui.chat.focus_order import move_focus
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.perf_panel import PerfPanel
from desktop.ui.chat.transcript import Transcript
from desktop.ui.common.bounded_text import BoundedText


class Banner(QFrame):
    """A line above the composer for errors and offers (never a modal box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        # server errors are text (10.8), bounded: a long word must not widen the window
        self.label = BoundedText(details_title=self.tr("Details"))
        row.addWidget(self.label, 1)
        self.action = QPushButton()
        self.action.hide()
        row.addWidget(self.action)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, action: str = "", details: str = "") -> None:
        self.label.setText(text, details)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()


class ChatView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter)

        # left: conversations
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton(self.tr("New chat"))
        lv.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setClearButtonEnabled(True)
        lv.addWidget(self.search)
        self.conversations = QListWidget()
        self.conversations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversations.setTextElideMode(Qt.TextElideMode.ElideRight)
        lv.addWidget(self.conversations, 1)
        self.splitter.addWidget(left)

        # centre: model bar, transcript, composer
        centre = QWidget()
        cv = QVBoxLayout(centre)
        cv.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Model")))
        self.model = QComboBox()
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model.setMinimumWidth(220)
        bar.addWidget(self.model)
        self.refresh_models = QPushButton(self.tr("Refresh"))
        bar.addWidget(self.refresh_models)
        self.think = QCheckBox(self.tr("Think"))
        self.think.setToolTip(self.tr("Let a thinking model reason before it answers"))
        bar.addWidget(self.think)
        bar.addStretch(1)
        self.settings_button = QPushButton(self.tr("Chat settings…"))
        bar.addWidget(self.settings_button)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save this chat as a Markdown or JSON file"))
        self.export_button.setEnabled(False)  # once a chat is open
        bar.addWidget(self.export_button)
        cv.addLayout(bar)

        self.transcript = Transcript(
            self.tr(
                "Ask anything. The answer is computed on this computer by the model you pick above."
            )
        )
        cv.addWidget(self.transcript, 1)
        self.context_bar = ContextBar()
        cv.addWidget(self.context_bar)
        self.context_choice = ContextChoice()
        cv.addWidget(self.context_choice)

        self.banner = Banner()
        cv.addWidget(self.banner)
        self.attachments = ChipRow()  # files and images that go with the next question
        cv.addWidget(self.attachments)
        self.edit_bar = EditBar()  # right above the box it is about
        cv.addWidget(self.edit_bar)
        row = QHBoxLayout()
        attach = QVBoxLayout()
        self.attach_file = QPushButton(self.tr("File…"))
        self.attach_file.setToolTip(
            self.tr("Attach files: text, code, Markdown, CSV, JSON, HTML, PDF, Word (.docx)")
        )
        self.attach_image = QPushButton(self.tr("Image…"))
        attach.addWidget(self.attach_file)
        attach.addWidget(self.attach_image)
        attach.addStretch(1)
        row.addLayout(attach)
        self.composer = Composer()
        self.composer.setPlaceholderText(self.tr("Message (Enter sends, Shift+Enter new line)"))
        row.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.hide()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        cv.addLayout(row)
        self.splitter.addWidget(centre)

        self.perf = PerfPanel()
        self.perf.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.splitter.addWidget(self.perf)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([200, 640, 320])
        self.splitter.setCollapsible(2, False)

    # -- keyboard ----------------------------------------------------------------------
    def focus_stops(self) -> list[QWidget]:
        """The tab's controls in Tab order (focus_order.py)."""
        banner, edit, choice = self.banner, self.edit_bar, self.context_choice
        removes = (c.remove_button for c in self.attachments.chips())
        return [
            self.new_button,
            self.search,
            self.conversations,
            self.model,
            self.refresh_models,
            self.think,
            self.settings_button,
            self.export_button,
            self.transcript,
            *self.transcript.focus_stops(),
            choice.send_anyway,
            choice.bigger,
            choice.summary,
            choice.cancel,
            banner.action,
            banner.close_button,
            *(b for b in removes if b is not None),
            edit.cancel,
            self.attach_file,
            self.attach_image,
            self.composer,
            self.send_button,
            self.stop_button,
        ]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        if move_focus(self.focus_stops, self, next):
            self.transcript.reveal(QApplication.focusWidget())
            return True
        return super().focusNextPrevChild(next)

    # -- transcript --------------------------------------------------------------------
    @property
    def messages(self) -> list[MessageWidget]:
        """The message widgets of every loaded row, built if needed: for tests and small
        chats (a long chat builds widgets only for the rows in view)."""
        rows = (self.transcript.widget_at(r) for r in range(self.transcript.row_count()))
        return [w for w in rows if w is not None]

    def clear_messages(self) -> None:
        self.transcript.clear()

    def set_streaming(self, streaming: bool) -> None:
        self.send_button.setVisible(not streaming)
        self.stop_button.setVisible(streaming)
        self.model.setEnabled(not streaming)
        self.transcript.set_busy(streaming)
