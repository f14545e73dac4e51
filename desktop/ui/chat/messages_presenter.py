"""Puts the conversation's messages in the transcript and streams the answer into it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.core.chat.conversation import Energy, Message, MessageStatus
from desktop.core.chat.metrics import FinalStats
from desktop.services.chat.conversations import ChatConversations, Exchange, Opening
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import format as fmt
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.common.messages import error_message


class MessagesPresenter(QObject):
    """editRequested(int) / regenerateRequested(int): a message's button, by position.
    conversationShown(int): a stored conversation is on screen (its id)."""

    editRequested = Signal(int)
    regenerateRequested = Signal(int)
    conversationShown = Signal(int)

    def __init__(
        self,
        view: ChatView,
        conversations: ChatConversations,
        ollama: OllamaService,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.conversations = conversations
        self.session: ChatSession = conversations.session
        self.ollama = ollama
        self.settings = settings
        self.answer: MessageWidget | None = None
        self._by_id: dict[int, MessageWidget] = {}  # answers by message id (save marks)
        self._unsaved: set[int] = set()
        self.confirm_link: Callable[[str], bool] = self._ask_open_link
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        c, s = self.conversations, self.session
        c.opened.connect(self._on_opened)
        c.cleared.connect(self._on_cleared)
        c.exchangeStarted.connect(self._on_exchange)
        s.delta.connect(self._on_delta)
        s.finished.connect(self._on_finished)
        s.saver.unsavedChanged.connect(self._on_unsaved)

    # -- whole conversations -----------------------------------------------------------
    def _on_opened(self, opening: Opening) -> None:
        self._render(opening.messages)
        self.conversationShown.emit(opening.conversation.id)

    def _on_cleared(self) -> None:
        self.view.clear_messages()
        self._by_id.clear()

    def _render(self, messages: Sequence[Message]) -> None:
        self.view.clear_messages()
        self._by_id.clear()
        for m in messages:
            self.view.add_message(self._widget_for(m))
        self._mark_last_answer()
        QTimer.singleShot(0, self.view, self.view.scroll_to_bottom)

    def _widget_for(self, m: Message) -> MessageWidget:
        title = self.tr("You") if m.role == "user" else (m.model or self.tr("Assistant"))
        w = MessageWidget(m.role, title, m.position)
        w.set_text(m.content, m.thinking)
        w.set_status(self.status_text(m.status))
        if m.stats is not None:
            ttft = m.ttft_ms / 1000 if m.ttft_ms is not None else None
            w.set_footer(self._footer(FinalStats.from_stats(m.stats), ttft, m.energy))
        elif m.error:
            w.set_footer(m.error)
        self._connect_message(w)
        if m.role == "assistant":
            self._by_id[m.id] = w
        return w

    def _footer(self, stats: FinalStats, ttft: float | None, energy: Energy | None) -> str:
        grid = float(self.settings.get("chat_grid_g_per_kwh"))
        text = fmt.energy_text(energy, stats.tokens, grid)
        return " · ".join(x for x in (fmt.footer(stats, ttft), text) if x)

    def _connect_message(self, w: MessageWidget) -> None:
        w.linkClicked.connect(self.open_link)
        w.editRequested.connect(self.editRequested)
        w.regenerateRequested.connect(self.regenerateRequested)

    def status_text(self, status: MessageStatus) -> str:
        return {
            MessageStatus.COMPLETE: "",
            MessageStatus.STREAMING: self.tr("answering…"),
            MessageStatus.STOPPED: self.tr("stopped"),
            MessageStatus.INTERRUPTED: self.tr("interrupted (the app closed)"),
            MessageStatus.ERROR: self.tr("failed"),
        }[status]

    def _mark_last_answer(self) -> None:
        last = next((w for w in reversed(self.view.messages) if w.role == "assistant"), None)
        for w in self.view.messages:
            w.set_can_regenerate(w is last)

    def message_text(self, position: int) -> str | None:
        w = next((m for m in self.view.messages if m.position == position), None)
        return None if w is None else w.text()

    # -- one exchange ------------------------------------------------------------------
    def _on_exchange(self, exchange: Exchange) -> None:
        messages = exchange.messages
        answer = messages[-1]
        if exchange.replaced or len(messages) < 2:
            self._render(messages[:-1])
        else:
            self.view.add_message(self._widget_for(messages[-2]))
        w = MessageWidget("assistant", answer.model, answer.position)
        w.set_status(self.status_text(MessageStatus.STREAMING))
        self._connect_message(w)
        self.view.add_message(w)
        self._by_id[answer.id] = w
        self.answer = w
        self.view.set_streaming(True)
        QTimer.singleShot(0, self.view, self.view.scroll_to_bottom)

    def _on_delta(self, content: str, thinking: str) -> None:
        if self.answer is None:
            return
        follow = self.view.at_bottom()
        self.answer.append(content, thinking)
        if follow:
            QTimer.singleShot(0, self.view, self.view.scroll_to_bottom)

    def _on_finished(self, outcome: Outcome) -> None:
        w, self.answer = self.answer, None
        self.view.set_streaming(False)
        if w is not None:
            w.finish()
            self._set_status(w, outcome.message_id, outcome.status)
            if outcome.stats is not None:
                stats = FinalStats.from_stats(outcome.stats)
                ttft = outcome.ttft_ms / 1000 if outcome.ttft_ms is not None else None
                w.set_footer(self._footer(stats, ttft, outcome.energy))
            if outcome.error is not None:
                w.set_footer(error_message(outcome.error, self.ollama.host.display))
        self._mark_last_answer()

    def _set_status(self, w: MessageWidget, msg_id: int, status: MessageStatus) -> None:
        text = self.status_text(status)
        if msg_id in self._unsaved:
            note = self.tr("not saved yet")
            text = f"{text} · {note}" if text else note
        w.set_status(text)

    def _on_unsaved(self, msg_id: int, unsaved: bool) -> None:
        if unsaved:
            self._unsaved.add(msg_id)
        else:
            self._unsaved.discard(msg_id)
        w = self._by_id.get(msg_id)
        if w is not None:
            streaming = w is self.answer
            status = MessageStatus.STREAMING if streaming else MessageStatus.COMPLETE
            if not streaming:
                # keep "stopped"/"failed": only the save note changes
                base = w.status.text().split(" · ")[0]
                note = self.tr("not saved yet")
                w.set_status(
                    (f"{base} · {note}" if base and base != note else note)
                    if unsaved
                    else ("" if base == note else base)
                )
                return
            self._set_status(w, msg_id, status)

    # -- links -------------------------------------------------------------------------
    def open_link(self, href: str) -> None:
        if self.confirm_link(href):
            QDesktopServices.openUrl(QUrl(href))

    def _ask_open_link(self, href: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Open link?"),
            self.tr("The model wrote a link to:\n\n{0}\n\nOpen it in your browser?").format(href),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.view,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box.exec() == QMessageBox.StandardButton.Yes
