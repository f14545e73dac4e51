"""Puts the conversation's messages in the transcript (ui/chat/transcript.py: rows built only
where the user looks, pages read as they scroll) and streams the answer into it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from desktop.core.attachments.refs import AttachmentRef
from desktop.core.chat.conversation import Energy, Message, MessageStatus
from desktop.core.chat.metrics import FinalStats
from desktop.core.chat.versions import Fork
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.exchange import Exchange, Opening
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import context_text
from desktop.ui.chat import format as fmt
from desktop.ui.chat.attach_text import no_vision_error
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript import PAGE, Fetch
from desktop.ui.chat.transcript_links import confirm_link
from desktop.ui.chat.transcript_rows import meta_of, status_text
from desktop.ui.common.messages import error_details, error_message


class MessagesPresenter(QObject):
    """editRequested(int) / regenerateRequested(int): a message's button, by position.
    conversationShown(int): a stored conversation is on screen (its id).
    imageRequested(AttachmentRef): show a stored image (a chip in the transcript)."""

    editRequested = Signal(int)
    imageRequested = Signal(AttachmentRef)
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
        self._unsaved: set[int] = set()
        self.confirm_link: Callable[[str], bool] = self._ask_open_link
        # a model that can read images, for the sentence when one cannot (chat_tab sets it)
        self.vision_suggestion: Callable[[], tuple[str, bool] | None] = lambda: None
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        c, s, t = self.conversations, self.session, self.view.transcript
        c.opened.connect(self._on_opened)
        c.cleared.connect(self._on_cleared)
        c.exchangeStarted.connect(self._on_exchange)
        s.delta.connect(self._on_delta)
        s.finished.connect(self._on_finished)
        s.saver.unsavedChanged.connect(self._on_unsaved)
        t.linkClicked.connect(self.open_link)
        t.editRequested.connect(self.editRequested)
        t.regenerateRequested.connect(self.regenerateRequested)
        t.attachmentOpened.connect(self.imageRequested)
        t.versionRequested.connect(c.switch_version)

    # -- whole conversations -----------------------------------------------------------
    @property
    def answer(self) -> MessageWidget | None:
        """The streaming answer's widget (the transcript keeps it while it streams)."""
        return self.view.transcript.streaming_widget()

    def _fetch(self, conv_id: int) -> Fetch:
        def fetch(first: int, last: int, done: Callable[[list[Message]], None]) -> None:
            self.conversations.fetch(
                conv_id, first, last, done, lambda _error: done([]), context=self.view
            )

        return fetch

    def _on_opened(self, opening: Opening) -> None:
        t = self.view.transcript
        t.grid_g_per_kwh = self.settings.number("chat_grid_g_per_kwh")
        fetch = self._fetch(opening.conversation.id)
        t.show_conversation(opening.index, opening.messages, fetch, opening.forks, opening.anchor)
        self.conversationShown.emit(opening.conversation.id)

    def _on_cleared(self) -> None:
        self.view.clear_messages()

    def _render(self, conv_id: int, messages: Sequence[Message], forks: Mapping[int, Fork]) -> None:
        t = self.view.transcript
        t.grid_g_per_kwh = self.settings.number("chat_grid_g_per_kwh")
        metas = [meta_of(m) for m in messages]
        t.show_conversation(metas, messages[-PAGE:], self._fetch(conv_id), forks)

    def _footer(self, stats: FinalStats, ttft: float | None, energy: Energy | None) -> str:
        grid = self.settings.number("chat_grid_g_per_kwh")
        text = fmt.energy_text(energy, stats.tokens, grid)
        return " · ".join(x for x in (fmt.footer(stats, ttft), text) if x)

    def status_text(self, status: MessageStatus) -> str:
        return status_text(status)

    def last_answer_position(self) -> int | None:
        last = next((w for w in reversed(self.view.messages) if w.role == "assistant"), None)
        return None if last is None else last.position

    def message_text(self, position: int) -> str | None:
        return self.view.transcript.message_text(position)

    def message_attachments(self, position: int) -> tuple[AttachmentRef, ...]:
        return self.view.transcript.message_attachments(position)

    # -- one exchange ------------------------------------------------------------------
    def _on_exchange(self, exchange: Exchange) -> None:
        messages = exchange.messages
        answer = messages[-1]
        t = self.view.transcript
        if exchange.replaced or len(messages) < 2:
            self._render(exchange.conversation.id, messages[:-1], exchange.forks)
        else:
            t.add_message(messages[-2])
        t.begin_answer(answer)
        self.view.set_streaming(True)

    def _on_delta(self, content: str, thinking: str) -> None:
        self.view.transcript.append(content, thinking)

    def _on_finished(self, outcome: Outcome) -> None:
        self.view.set_streaming(False)
        footer = ""
        if outcome.stats is not None:
            stats = FinalStats.from_stats(outcome.stats)
            ttft = outcome.ttft_ms / 1000 if outcome.ttft_ms is not None else None
            footer = self._footer(stats, ttft, outcome.energy)
            lost = context_text.note(outcome.context)
            footer = f"{lost}\n{footer}" if lost else footer
        details = ""
        if outcome.error is not None:
            footer = no_vision_error(
                outcome.error, outcome.model, self.vision_suggestion()
            ) or error_message(outcome.error, self.ollama.host.display, outcome.model)
            details = error_details(outcome.error)
        self.view.transcript.finish_answer(
            self._with_note(outcome.message_id, self.status_text(outcome.status)),
            footer,
            details,
            outcome.content,
        )

    def _with_note(self, msg_id: int, text: str) -> str:
        if msg_id in self._unsaved:
            note = self.tr("not saved yet")
            return f"{text} · {note}" if text else note
        return text

    def _on_unsaved(self, msg_id: int, unsaved: bool) -> None:
        if unsaved:
            self._unsaved.add(msg_id)
        else:
            self._unsaved.discard(msg_id)
        t = self.view.transcript
        current = t.status_of(msg_id)
        if current is None:
            return
        # keep "answering…" / "stopped" / "failed": only the save note changes
        note = self.tr("not saved yet")
        base = current.split(" · ")[0]
        base = "" if base == note else base
        t.set_status_of(msg_id, self._with_note(msg_id, base))

    # -- links -------------------------------------------------------------------------
    def open_link(self, href: str) -> None:
        if self.confirm_link(href):
            QDesktopServices.openUrl(QUrl(href))

    def _ask_open_link(self, href: str) -> bool:
        return confirm_link(self.view, href)
