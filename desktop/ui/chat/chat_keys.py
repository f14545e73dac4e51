"""The Chat tab's keyboard: its shortcuts, the New chat and Export actions the File menu
shows (app.py puts them there), and the complete list of keys for the Help menu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.ui.chat import shortcuts
from desktop.ui.chat.shortcuts import Shortcut, ShortcutList


@dataclass(frozen=True)
class ChatKeySlots:
    """What the keys do (the tab's own methods)."""

    escape: Callable[[], None]
    new_chat: Callable[[], None]
    export: Callable[[], None]
    search: Callable[[], None]
    regenerate: Callable[[], None]
    model: Callable[[], None]


class ChatKeys(QObject):
    def __init__(self, tab: QWidget, slots: ChatKeySlots, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        key = QKeySequence
        # window-wide, and in the File menu too: one action each, so no key is ambiguous
        self.new_chat_action = self._action(self.tr("New chat"), key("Ctrl+N"), slots.new_chat)
        self.export_action = self._action(
            self.tr("Export chat…"), key("Ctrl+Shift+E"), slots.export
        )
        self.export_action.setEnabled(False)  # once a chat is open
        own = [
            (
                Shortcut(
                    key(Qt.Key.Key_Escape), self.tr("Stop the answer, or leave an edit or a choice")
                ),
                slots.escape,
            ),
            (Shortcut(key(key.StandardKey.Find), self.tr("Search chats")), slots.search),
            (Shortcut(key("Ctrl+R"), self.tr("Regenerate the last answer")), slots.regenerate),
            (Shortcut(key("Ctrl+Shift+M"), self.tr("Choose the model")), slots.model),
        ]
        shortcuts.install(tab, own)

        def pair(a: str, b: str) -> str:  # "Tab / Shift+Tab", in the platform's key names
            native = QKeySequence.SequenceFormat.NativeText
            return f"{key(a).toString(native)} / {key(b).toString(native)}"

        self.listed: list[Shortcut] = [
            Shortcut(key(Qt.Key.Key_Return), self.tr("Send the message"), self.tr("Enter")),
            Shortcut(
                key("Shift+Return"), self.tr("New line in the message"), self.tr("Shift+Enter")
            ),
            own[0][0],
            shortcuts.of_action(self.new_chat_action),
            own[1][0],
            own[2][0],
            own[3][0],
            shortcuts.of_action(self.export_action),
            Shortcut(key("Tab"), self.tr("Next / previous control"), pair("Tab", "Shift+Tab")),
            Shortcut(key("PgUp"), self.tr("Scroll the chat up / down"), pair("PgUp", "PgDown")),
            Shortcut(
                key("Ctrl+Tab"), self.tr("Next / previous tab"), pair("Ctrl+Tab", "Ctrl+Shift+Tab")
            ),
        ]
        self.list_action = QAction(self.tr("Keyboard shortcuts"), self)
        self.list_action.triggered.connect(self.show_list)

    def _action(self, text: str, keys: QKeySequence, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.tab)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.tab.addAction(action)
        return action

    def add_to_list(self, action: QAction) -> None:
        """List another part of the app's action (the window's Quit, Import GGUF…)."""
        self.listed.append(shortcuts.of_action(action))

    def show_list(self) -> ShortcutList:
        return shortcuts.show_list(self.tab, self.tr("Keyboard shortcuts"), self.listed)
