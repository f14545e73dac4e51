"""One message of the transcript: header, collapsible reasoning, body, footer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.markdown import MarkdownStream, parse
from desktop.ui.chat.doc_writer import COPY_SCHEME, BlockWriter
from desktop.ui.chat.safe_browser import SafeTextBrowser

STREAM_SLACK_PX = 120  # about six lines of room while streaming: fewer relayouts


class MessageWidget(QFrame):
    """linkClicked(str) a web link in the text; editRequested(int) / regenerateRequested(int)
    carry the message's position in the conversation."""

    linkClicked = Signal(str)
    editRequested = Signal(int)
    regenerateRequested = Signal(int)

    def __init__(self, role: str, title: str, position: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.position = position
        self.setObjectName("userMessage" if role == "user" else "assistantMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)

        header = QHBoxLayout()
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.status = QLabel()
        self.status.setObjectName("messageStatus")
        header.addWidget(self.status)
        header.addStretch(1)
        self.copy_button = self._tool(self.tr("Copy"), self._copy_all)
        header.addWidget(self.copy_button)
        self.edit_button = self._tool(
            self.tr("Edit"), lambda: self.editRequested.emit(self.position)
        )
        self.regen_button = self._tool(
            self.tr("Regenerate"), lambda: self.regenerateRequested.emit(self.position)
        )
        header.addWidget(self.edit_button)
        header.addWidget(self.regen_button)
        self.edit_button.setVisible(role == "user")
        self.regen_button.setVisible(False)
        layout.addLayout(header)

        self.think_toggle = QToolButton()
        self.think_toggle.setText(self.tr("Reasoning"))
        self.think_toggle.setCheckable(True)
        self.think_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.think_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.think_toggle.setAutoRaise(True)
        self.think_toggle.toggled.connect(self._toggle_thinking)
        self.think_toggle.hide()
        layout.addWidget(self.think_toggle)
        self.thinking = SafeTextBrowser()
        self.thinking.setObjectName("thinking")
        self.thinking.hide()
        layout.addWidget(self.thinking)

        self.body = SafeTextBrowser()
        self.body.linkClicked.connect(self._on_link)
        layout.addWidget(self.body)
        self.footer = QLabel()
        self.footer.setObjectName("messageFooter")
        self.footer.setWordWrap(True)
        self.footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.footer.hide()
        layout.addWidget(self.footer)

        self._stream = MarkdownStream()
        self._writer = BlockWriter(self.body.document(), self.tr("Copy"))
        self._text_parts: list[str] = []
        self._thinking_chars = 0
        self._user_toggled = False
        self.think_toggle.clicked.connect(self._mark_user_toggled)

    def _tool(self, text: str, slot: object) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # -- content -----------------------------------------------------------------------
    def set_text(self, content: str, thinking: str = "") -> None:
        """A whole stored message (history)."""
        if thinking:
            self.append_thinking(thinking)
        self._text_parts = [content]
        if self.role == "user":
            cursor = QTextCursor(self.body.document())
            cursor.insertText(content, QTextCharFormat())
            return
        blocks, self._stream = parse(content)
        self._writer.commit(blocks)

    def append(self, content: str, thinking: str = "") -> None:
        """Streamed pieces: only the new text is parsed and written. Reasoning is shown
        while the model reasons, and folded away when the answer starts."""
        if thinking:
            if not self._thinking_chars and not self._text_parts and not self._user_toggled:
                self.think_toggle.setChecked(True)
            self.append_thinking(thinking)
        if content:
            if not self._text_parts and self.think_toggle.isChecked() and not self._user_toggled:
                self.think_toggle.setChecked(False)  # the answer begins: fold the reasoning
            if not self.body.slack:
                self.body.set_slack(STREAM_SLACK_PX)
            self._text_parts.append(content)
            self._writer.commit(self._stream.feed(content))
            self._writer.show_tail(self._stream.tail, self._stream.preview_tail)

    def append_thinking(self, text: str) -> None:
        if not self._thinking_chars:
            self.think_toggle.show()
        cursor = QTextCursor(self.thinking.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self._thinking_chars += len(text)

    def finish(self) -> None:
        """The answer ended: the last line is parsed like the others."""
        self._writer.commit(self._stream.finish())
        self._writer.show_tail("", list)
        self.body.set_slack(0)

    def text(self) -> str:
        return "".join(self._text_parts)

    def thinking_text(self) -> str:
        return self.thinking.toPlainText()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_footer(self, text: str) -> None:
        self.footer.setText(text)
        self.footer.setVisible(bool(text))

    def set_can_regenerate(self, yes: bool) -> None:
        self.regen_button.setVisible(yes and self.role == "assistant")

    def set_actions_enabled(self, yes: bool) -> None:
        self.edit_button.setEnabled(yes)
        self.regen_button.setEnabled(yes)

    # -- slots -------------------------------------------------------------------------
    def _toggle_thinking(self, shown: bool) -> None:
        self.thinking.setVisible(shown)
        self.think_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _mark_user_toggled(self) -> None:
        self._user_toggled = True

    def _copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _on_link(self, href: str) -> None:
        if href.startswith(COPY_SCHEME):
            try:
                index = int(href[len(COPY_SCHEME) :])
            except ValueError:
                return
            QGuiApplication.clipboard().setText(self._stream.code_text(index))
            return
        self.linkClicked.emit(href)
