"""Layout of the Chat tab (no logic: the controller fills and listens)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.composer import Composer
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.perf_panel import PerfPanel


class Banner(QFrame):
    """A line above the composer for errors and offers (never a modal box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.action = QPushButton()
        self.action.hide()
        row.addWidget(self.action)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, action: str = "") -> None:
        self.label.setText(text)
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
        cv.addLayout(bar)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.transcript = QWidget()
        self.transcript_layout = QVBoxLayout(self.transcript)
        self.transcript_layout.setSpacing(6)
        self.empty_note = QLabel(
            self.tr(
                "Ask anything. The answer is computed on this computer by the model you pick above."
            )
        )
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        self.transcript_layout.addWidget(self.empty_note)
        self.transcript_layout.addStretch(1)
        self.scroll_area.setWidget(self.transcript)
        cv.addWidget(self.scroll_area, 1)

        self.banner = Banner()
        cv.addWidget(self.banner)
        row = QHBoxLayout()
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
        self.messages: list[MessageWidget] = []

    # -- transcript --------------------------------------------------------------------
    def clear_messages(self) -> None:
        for w in self.messages:
            w.setParent(None)
            w.deleteLater()
        self.messages.clear()
        self.empty_note.show()

    def add_message(self, widget: MessageWidget) -> None:
        self.empty_note.hide()
        self.transcript_layout.insertWidget(self.transcript_layout.count() - 1, widget)
        self.messages.append(widget)

    def at_bottom(self) -> bool:
        bar = self.scroll_area.verticalScrollBar()
        return bar.value() >= bar.maximum() - 24

    def scroll_to_bottom(self) -> None:
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())

    def set_streaming(self, streaming: bool) -> None:
        self.send_button.setVisible(not streaming)
        self.stop_button.setVisible(streaming)
        self.model.setEnabled(not streaming)
        for w in self.messages:
            w.set_actions_enabled(not streaming)
