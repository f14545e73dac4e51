"""The "Chat settings…" button: the open chat's system prompt and parameters."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.chat.conversations import ChatConversations
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.params_dialog import ParamsDialog


class ChatSettingsPresenter(QObject):
    def __init__(
        self,
        view: ChatView,
        conversations: ChatConversations,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.conversations = conversations
        self.settings = settings
        view.settings_button.clicked.connect(self.edit)

    def make_dialog(self) -> ParamsDialog:
        system, params = self.conversations.current_params()
        g = self.settings.get
        return ParamsDialog(
            system,
            params,
            float(g("chat_watts_per_core")),
            float(g("chat_grid_g_per_kwh")),
            self.view,
        )

    def edit(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec():
            self.apply(dialog)

    def apply(self, dialog: ParamsDialog) -> None:
        self.conversations.set_params(*dialog.result_values())
        watts, grid = dialog.energy_values()
        self.settings.set("chat_watts_per_core", watts)
        self.settings.set("chat_grid_g_per_kwh", grid)
