"""Editing an earlier message: one bar above the message box that says so, one way back.

The bar stays while the edit lasts (it has no Dismiss: hiding it would hide the mode,
not end it); its "Cancel edit" button and Esc end the edit and put back what the box
held before (Ctrl+Z in the box brings the edited text back). Sending the edit starts a
new version of the chat from that message; the current version is kept (branches.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.chat.conversations import ChatConversations
from desktop.ui.chat.composer import Composer, ComposerBox

SNIPPET_CHARS = 60
EDITING = "editing"  # dynamic property of the message box while an edit is under way


class EditBar(QFrame):
    """The line above the message box while an earlier message is being edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the user's own words, as text
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.cancel = QPushButton(self.tr("Cancel edit"))
        self.cancel.setToolTip(self.tr("Esc: leave the message as it was"))
        row.addWidget(self.cancel)
        self.hide()


def snippet(text: str) -> str:
    """The first line of a message, shortened, to name it in one line."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1].rstrip() + "…"


def replace_text(box: Composer, text: str) -> None:
    """Put ``text`` in the box as one undoable step (setPlainText would clear the undo
    history, and with it the way back to what was there)."""
    cursor = QTextCursor(box.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    box.setTextCursor(cursor)


class EditMode(QObject):
    """Starts and ends the edit of an earlier message and shows that it is under way.
    The state itself is the chat model's (``ChatConversations.edit_from``): opening
    another chat, a new chat or another version ends it there, and the bar follows."""

    def __init__(
        self,
        bar: EditBar,
        composer: Composer,
        conversations: ChatConversations,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.composer = composer
        self.conversations = conversations
        self._draft: str | None = None  # what the box held before the edit
        bar.cancel.clicked.connect(self.cancel)
        conversations.editChanged.connect(self._on_changed)

    @property
    def active(self) -> bool:
        return self.conversations.edit_from is not None

    def start(self, position: int, text: str) -> bool:
        """Edit the message at ``position`` (its ``text`` goes into the box)."""
        if self.conversations.session.busy:
            return False
        if not self.active:
            self._draft = self.composer.toPlainText()
        self.conversations.edit_from = position
        self.bar.label.setText(
            self.tr(
                "Editing your message “{0}”. Sending it starts a new version of the chat "
                "from there; the current version is kept, and ‹ › on the message switches "
                "between them."
            ).format(snippet(text))
        )
        replace_text(self.composer, text)
        self.composer.setFocus()
        return True

    def cancel(self) -> None:
        """Leave edit mode; the message stays as it was."""
        self.conversations.edit_from = None

    def _on_changed(self, position: int) -> None:
        editing = position >= 0
        self.bar.setVisible(editing)
        if self.composer.property(EDITING) != editing:
            self.composer.setProperty(EDITING, editing)
            self.composer.style().unpolish(self.composer)
            self.composer.style().polish(self.composer)
        box = self.composer.parentWidget()
        if isinstance(box, ComposerBox):  # the frame around the box shows it
            box.set_editing(editing)
        if editing:
            return
        draft, self._draft = self._draft, None
        if self.conversations.preparing:
            return  # the edit was sent: the box empties once it is stored
        if draft is not None:
            replace_text(self.composer, draft)
