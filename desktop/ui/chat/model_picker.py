"""The model picker and the Think switch above the transcript."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import LocalModel
from desktop.core.units import human_bytes
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.exchange import Opening
from desktop.services.models.installed import InstalledModels
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.common.bounded_text import name_text


class ModelPicker(QObject):
    """Fills the picker from the installed models (the list every view shares, which follows
    the server's events), keeps the user's choice, and shows the Think switch only for
    models that can reason. Embedding models are left out (as the installed list knows
    them). modelsShown(): the list (and so what each model can do) was filled again."""

    modelsShown = Signal()

    def __init__(
        self,
        view: ChatView,
        ollama: OllamaService,
        settings: SettingsStore,
        conversations: ChatConversations,
        parent: QObject | None = None,
        installed: InstalledModels | None = None,
    ) -> None:
        super().__init__(parent)
        self.installed = installed or InstalledModels(ollama, self)
        self.view = view
        self.ollama = ollama
        self.settings = settings
        self.conversations = conversations
        self.models: dict[str, LocalModel] = {}
        self._wanted = ""  # picked as soon as the server lists it
        self._fallback = False  # the picker shows the first model only for want of another
        self._connect_callbacks()
        view.think.setChecked(settings.flag("chat_think"))
        if self.installed.known:
            self.show_models(self.installed.rows)
        self.installed.ensure()

    def _connect_callbacks(self) -> None:
        v = self.view
        v.refresh_models.clicked.connect(self.refresh)
        v.model.currentIndexChanged.connect(self._on_model_changed)
        v.think.toggled.connect(self.conversations.set_think)
        self.installed.changed.connect(self.show_models)
        self.installed.failed.connect(self._failed)
        self.conversations.opened.connect(self._on_opened)
        self.conversations.cleared.connect(self._on_cleared)

    def refresh(self) -> None:
        self.installed.refresh()

    def _failed(self, _error: object) -> None:
        if not self.models:
            self.show_models([])

    def show_models(self, models: Sequence[LocalModel]) -> None:
        """Fill the picker with ``models`` (as a refresh does), keeping the choice."""
        if not shiboken6.isValid(self.view):
            return  # the tab closed while the list was on its way
        combo = self.view.model
        conv = self.conversations.conv
        # a model shown only because nothing better was listed is not a choice: when the
        # remembered one (the last used, or the open chat's) comes, it is picked
        shown = "" if self._fallback else combo.currentData()
        wanted = (
            self._wanted
            or shown
            or (conv.model if conv else "")
            or self.settings.text("chat_model")
        )
        models = [m for m in models if self.installed.can_chat(m)]
        combo.blockSignals(True)
        combo.clear()
        self.models = {m.name: m for m in models}
        for m in sorted(models, key=lambda m: m.name):
            extra = ", ".join(x for x in (human_bytes(m.size), m.details.quantization_level) if x)
            combo.addItem(f"{name_text(m.name)}  ({extra})", m.name)  # a server's name
        if not models:
            combo.addItem(self.tr("No models installed"), "")
        index = combo.findData(wanted) if wanted else -1
        combo.setCurrentIndex(index if index >= 0 else 0)
        self._fallback = index < 0
        if index >= 0 and wanted == self._wanted:
            self._wanted = ""
        combo.blockSignals(False)
        self._update_think()
        self.modelsShown.emit()

    def current_model(self) -> str:
        return str(self.view.model.currentData() or "")

    def want(self, name: str) -> None:
        """Pick ``name`` now if listed, else as soon as a refresh lists it."""
        if self.view.model.findData(name) >= 0:
            self.select_model(name)
        else:
            self._wanted = name
            self.refresh()

    def select_model(self, name: str) -> None:
        index = self.view.model.findData(name)
        if index >= 0:
            self.view.model.setCurrentIndex(index)

    def supports_thinking(self, name: str | None = None) -> bool:
        m = self.models.get(self.current_model() if name is None else name)
        return m is not None and "thinking" in m.capabilities

    def think_on(self) -> bool:
        return self.view.think.isChecked()

    def _update_think(self) -> None:
        # hidden, not checked-and-disabled: a switch that cannot act only confuses
        self.view.think.setVisible(self.supports_thinking())

    def _on_model_changed(self, _index: int) -> None:
        name = self.current_model()
        self._update_think()
        if not name:
            return
        self._fallback = False  # picked: a choice from now on
        self.settings.set("chat_model", name)
        self.conversations.set_model(name)

    def _on_opened(self, opening: Opening) -> None:
        think = self.view.think
        think.blockSignals(True)
        think.setChecked(opening.conversation.think)
        think.blockSignals(False)
        if opening.conversation.model:
            self.select_model(opening.conversation.model)

    def _on_cleared(self) -> None:
        self.view.think.setChecked(self.settings.flag("chat_think"))

    def focus(self) -> None:
        self.view.model.setFocus()
