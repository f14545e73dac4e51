"""The list of chats on the left: search, open, and the rename/export/delete menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QInputDialog, QListWidgetItem, QMenu

from desktop.core.chat.conversation import Conversation
from desktop.services.chat.conversations import ChatConversations
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.export_dialog import ChatExport
from desktop.ui.common.confirm import confirm_destructive

SEARCH_DELAY_MS = 200


class ConversationList(QObject):
    def __init__(
        self, view: ChatView, conversations: ChatConversations, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.conversations = conversations
        self.exporter = ChatExport(view, conversations, self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: conversations.search(view.search.text()))
        self._connect_callbacks()
        self._fill(conversations.conversations)

    def _connect_callbacks(self) -> None:
        v, c = self.view, self.conversations
        v.search.textChanged.connect(lambda _t: self._search_timer.start())
        v.conversations.itemActivated.connect(self._on_item)
        v.conversations.itemClicked.connect(self._on_item)
        v.conversations.customContextMenuRequested.connect(self._menu)
        c.listChanged.connect(self._fill)
        c.cleared.connect(v.conversations.clearSelection)

    def _fill(self, convs: list[Conversation]) -> None:
        lst = self.view.conversations
        lst.clear()
        current = self.conversations.conv
        for c in convs:
            item = QListWidgetItem(c.title or self.tr("Untitled chat"))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(c.model)
            lst.addItem(item)
            if current is not None and c.id == current.id:
                item.setSelected(True)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.conversations.open(int(item.data(Qt.ItemDataRole.UserRole)))

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    # -- the context menu --------------------------------------------------------------
    def _menu(self, pos: QPoint) -> None:
        item = self.view.conversations.itemAt(pos)
        if item is None:
            return
        conv_id, title = int(item.data(Qt.ItemDataRole.UserRole)), item.text()
        menu = QMenu(self.view)
        menu.addAction(self.tr("Rename…"), lambda: self.ask_rename(conv_id, title))
        menu.addAction(self.tr("Export as Markdown…"), lambda: self.ask_export(conv_id, "md"))
        menu.addAction(self.tr("Export as JSON…"), lambda: self.ask_export(conv_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.ask_delete(conv_id, title))
        menu.exec(self.view.conversations.viewport().mapToGlobal(pos))

    def ask_rename(self, conv_id: int, current: str) -> None:
        title, ok = QInputDialog.getText(
            self.view, self.tr("Rename chat"), self.tr("Title"), text=current
        )
        if ok and title.strip():
            self.conversations.rename(conv_id, title.strip())

    def ask_delete(self, conv_id: int, title: str) -> None:
        if confirm_destructive(
            self.view,
            self.tr("Delete chat"),
            self.tr("Delete “{0}” and all its messages, every version included?").format(title),
            self.tr("Delete"),
        ):
            self.conversations.delete(conv_id)

    def ask_export(self, conv_id: int, kind: str) -> None:
        title = next((c.title for c in self.conversations.conversations if c.id == conv_id), "")
        self.exporter.ask(conv_id, title, kind)
