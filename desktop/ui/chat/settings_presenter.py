"""The "Chat settings…" button: the open chat's system prompt and parameters, or the
defaults for new chats; the button says when this chat has settings of its own."""

from __future__ import annotations

from collections.abc import Callable

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
        # the model new chats will use (the chat tab hands in its picker's)
        self.next_model: Callable[[], str] = lambda: settings.text("chat_model")
        view.settings_button.clicked.connect(self.edit)
        conversations.paramsChanged.connect(self.refresh)
        conversations.opened.connect(lambda _o: self.refresh())
        conversations.cleared.connect(self.refresh)
        settings.changed.connect(
            lambda key, _v: self.refresh() if key.startswith("chat_") else None
        )
        self.refresh()

    def _names(self) -> dict[str, str]:
        return {
            "system_prompt": self.tr("system prompt"),
            "temperature": self.tr("temperature"),
            "num_ctx": self.tr("context length"),
            "num_thread": self.tr("CPU threads"),
            "seed": self.tr("seed"),
            "num_predict": self.tr("most tokens per answer"),
        }

    def refresh(self) -> None:
        """Show on the button whether this chat differs from the defaults, and how."""
        custom = self.conversations.custom_fields()
        button = self.view.settings_button
        if custom:
            names = self._names()
            button.setText(self.tr("Chat settings (custom)…"))
            button.setToolTip(
                self.tr("This chat has its own settings: {0}. New chats use the defaults.").format(
                    ", ".join(names[c] for c in custom)
                )
            )
        else:
            button.setText(self.tr("Chat settings…"))
            button.setToolTip(self.tr("This chat uses the default settings."))

    def make_dialog(self) -> ParamsDialog:
        system, params = self.conversations.current_params()
        g = self.settings.get
        conv = self.conversations.conv
        return ParamsDialog(
            system,
            params,
            float(g("chat_watts_per_core")),
            float(g("chat_grid_g_per_kwh")),
            self.view,
            defaults=self.conversations.defaults(),
            model=conv.model if conv is not None and conv.model else self.next_model(),
            tuner_setting=self.settings.text("model_num_thread"),
        )

    def edit(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec():
            self.apply(dialog)

    def apply(self, dialog: ParamsDialog) -> None:
        if dialog.for_new_chats:
            self.conversations.save_defaults(*dialog.result_values())
        else:
            self.conversations.set_params(*dialog.result_values())
        watts, grid = dialog.energy_values()
        self.settings.set("chat_watts_per_core", watts)
        self.settings.set("chat_grid_g_per_kwh", grid)
