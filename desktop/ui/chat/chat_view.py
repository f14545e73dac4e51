"""Layout of the Chat tab (no logic: the controller fills and listens)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.composer import ComposerBox
from desktop.ui.chat.context_bar import ContextBar
from desktop.ui.chat.context_choice import ContextChoice
from desktop.ui.chat.edit_mode import EditBar
from desktop.ui.chat.focus_order import move_focus
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.perf_panel import PerfPanel
from desktop.ui.chat.transcript import Transcript
from desktop.ui.chat.transcript_layout import COLUMN_PX, SIDE_PX
from desktop.ui.common import icons
from desktop.ui.common.bounded_text import BoundedText


class Banner(QFrame):
    """A line above the composer for errors and offers (never a modal box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
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
    """The chats on the left; on the right one surface: the model bar, the transcript in a
    column of comfortable width, the message box under it, and the figures strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(1)
        outer.addWidget(self.splitter)
        self.splitter.addWidget(self._sidebar())

        # right: model bar, transcript, composer, figures (one surface in the Base colour)
        centre = QWidget()
        centre.setObjectName("chatSurface")
        centre.setBackgroundRole(QPalette.ColorRole.Base)
        centre.setAutoFillBackground(True)
        cv = QVBoxLayout(centre)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.setSpacing(0)
        cv.addLayout(self._model_bar())
        self.transcript = Transcript(
            self.tr(
                "Ask anything. The answer is computed on this computer by the model you pick above."
            )
        )
        cv.addWidget(self.transcript, 1)

        bottom = QVBoxLayout()  # under the transcript, as wide as its column
        bottom.setContentsMargins(0, 4, 0, 8)
        bottom.setSpacing(6)
        self.context_bar = ContextBar()  # how full the window is, over the box that fills it
        bottom.addWidget(self.context_bar)
        self.context_choice = ContextChoice()
        bottom.addWidget(self.context_choice)
        self.banner = Banner()
        bottom.addWidget(self.banner)
        self.edit_bar = EditBar()  # right above the box it is about
        bottom.addWidget(self.edit_bar)
        self.composer_box = ComposerBox()
        self.attachments = self.composer_box.attachments
        self.composer = self.composer_box.composer
        self.attach_file = self.composer_box.attach_file
        self.attach_image = self.composer_box.attach_image
        self.send_button = self.composer_box.send_button
        self.stop_button = self.composer_box.stop_button
        bottom.addWidget(self.composer_box)
        column = QHBoxLayout()
        column.setContentsMargins(SIDE_PX, 0, SIDE_PX, 0)
        column.addStretch(1)
        holder = QWidget()
        holder.setLayout(bottom)
        holder.setMaximumWidth(COLUMN_PX)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column.addWidget(holder, 100)
        column.addStretch(1)
        cv.addLayout(column)
        self.perf = PerfPanel()
        cv.addWidget(self.perf)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 940])
        self.splitter.setCollapsible(1, False)
        icons.notifier().changed.connect(self._retint)

    def _sidebar(self) -> QWidget:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 6, 8)
        lv.setSpacing(6)
        self.new_button = QPushButton(self.tr("New chat"))
        icons.set_icon(self.new_button, "message-square-plus")
        lv.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setClearButtonEnabled(True)
        lv.addWidget(self.search)
        self.conversations = QListWidget()
        self.conversations.setObjectName("chatList")
        self.conversations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversations.setTextElideMode(Qt.TextElideMode.ElideRight)
        lv.addWidget(self.conversations, 1)
        return left

    def _model_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 10, 6)
        bar.setSpacing(6)
        self.model = QComboBox()
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model.setMinimumWidth(220)
        self.model.setToolTip(self.tr("The model that answers"))
        self.model.setAccessibleName(self.tr("Model"))
        bar.addWidget(self.model)
        self.refresh_models = QPushButton()
        self.refresh_models.setToolTip(self.tr("Refresh the list of installed models"))
        self.refresh_models.setAccessibleName(self.tr("Refresh"))
        icons.set_icon(self.refresh_models, "rotate-cw")
        self.refresh_models.setObjectName("iconButton")
        bar.addWidget(self.refresh_models)
        self.think = QCheckBox(self.tr("Think"))
        self.think.setToolTip(self.tr("Let a thinking model reason before it answers"))
        bar.addSpacing(6)
        bar.addWidget(self.think)
        bar.addStretch(1)
        self.perf_toggle = QToolButton()
        self.perf_toggle.setCheckable(True)
        self.perf_toggle.setAutoRaise(True)
        self.perf_toggle.setText(self.tr("Performance figures"))
        self.perf_toggle.setToolTip(self.tr("Show or hide the speed and load figures"))
        self.perf_toggle.setAccessibleName(self.perf_toggle.text())
        self.perf_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        icons.set_icon(self.perf_toggle, "activity", "muted", 18)
        bar.addWidget(self.perf_toggle)
        self.settings_button = QPushButton(self.tr("Chat settings…"))
        icons.set_icon(self.settings_button, "sliders-horizontal")
        bar.addWidget(self.settings_button)
        self.export_button = QPushButton(self.tr("Export…"))
        icons.set_icon(self.export_button, "download")
        self.export_button.setToolTip(self.tr("Save this chat as a Markdown or JSON file"))
        self.export_button.setEnabled(False)  # once a chat is open
        bar.addWidget(self.export_button)
        return bar

    def _retint(self) -> None:
        """Light <-> dark: the icons of the buttons (message rows' included) drawn anew."""
        for b in self.findChildren(QAbstractButton):
            icons.retint(b)

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
            self.perf_toggle,
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
            self.composer,
            self.attach_file,
            self.attach_image,
            self.send_button,
            self.stop_button,
            *self.perf.focus_stops(),
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
