"""The Chat tab: the view and its presenters over the chat services (built in app.py).
It exposes the two signals the app wires (pullRequested, generationFinished)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from desktop.core.api_types import GenerationStats
from desktop.services.attachments.jobs import AttachJobs
from desktop.services.chat.bundle import ChatServices
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import history_text
from desktop.ui.chat.attach_presenter import AttachPresenter
from desktop.ui.chat.banner_presenter import BannerPresenter
from desktop.ui.chat.chat_keys import ChatKeys, ChatKeySlots
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.context_presenter import ContextPresenter
from desktop.ui.chat.conversation_list import ConversationList
from desktop.ui.chat.edit_mode import EditMode
from desktop.ui.chat.history_notice import HistoryNotice, HistoryNoticePresenter
from desktop.ui.chat.messages_presenter import MessagesPresenter
from desktop.ui.chat.model_picker import ModelPicker
from desktop.ui.chat.perf_presenter import PerfPresenter
from desktop.ui.chat.send_presenter import SendPresenter
from desktop.ui.chat.settings_presenter import ChatSettingsPresenter
from desktop.ui.chat.shortcuts import ShortcutList
from desktop.ui.chat.sources_presenter import SourcesPresenter
from desktop.ui.common.caret import CaretRest


class ChatTab(QWidget):
    """pullRequested(str): the user accepted to download a model the server lacks.
    generationFinished(str, GenerationStats): model name and figures of a finished answer."""

    pullRequested = Signal(str)
    generationFinished = Signal(str, GenerationStats)
    raiseRequested = Signal()  # the File menu acted on the chat: show this tab

    def __init__(
        self,
        ollama: OllamaService,
        settings: SettingsStore,
        services: ChatServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.conversations = services.conversations
        self.session = services.session
        self.monitor = services.monitor
        self.history = services.history
        self.notice = HistoryNotice()
        self.view = ChatView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        c = self.conversations
        self.banner = BannerPresenter(self.view.banner, self)
        self.notice_presenter = HistoryNoticePresenter(self.notice, c, self)
        self.picker = ModelPicker(
            self.view, ollama, settings, c, self, installed=services.installed
        )
        self.chats = ConversationList(self.view, c, self)
        self.messages = MessagesPresenter(self.view, c, ollama, settings, self)
        self.perf = PerfPresenter(
            self.view.perf, self.monitor, self.session, ollama, settings, self
        )
        self.perf.bind(self.view.perf_toggle)
        self.perf_action = self.perf.action  # the View menu's entry (app.py puts it there)
        jobs = services.attach or AttachJobs(services.history.runner, self)
        self.attach = AttachPresenter(self.view, jobs, c, self.picker, self.banner, self)
        self.messages.vision_suggestion = self.attach.suggestion
        self.messages.imageRequested.connect(self.attach.open_stored)
        self.composer = SendPresenter(
            self.view,
            c,
            ollama,
            self.picker,
            self.messages,
            self.perf,
            self.banner,
            self.attach,
            self,
        )
        if services.planner is not None:
            self.sources = SourcesPresenter(self.view, services.planner, self.banner, self)
        self.chat_settings = ChatSettingsPresenter(self.view, c, settings, self)
        self.chat_settings.next_model = self.picker.current_model
        self.context = ContextPresenter(
            self.view, services.context, c, self.picker, ollama, services.summarizer, self
        )
        self.composer.guard = self.context.intercept
        self.edit = EditMode(self.view.edit_bar, self.view.composer, c, self)
        self.keys = ChatKeys(
            self,
            ChatKeySlots(
                self._esc,
                self.new_chat,
                self.export_chat,
                self.chats.focus_search,
                self.regenerate_last,
                self.picker.focus,
            ),
            self,
        )
        self.shortcuts_action = self.keys.list_action  # the Help menu's entry
        self._connect_callbacks()
        self.setFocusProxy(self.view.composer)  # the message box: where typing goes
        self._focused_once = False
        self._watched: QWidget | None = None
        self._warned = False
        self.warn_unsaved: Callable[[list[str]], None] = self._warn_unsaved  # tests replace it

    def attach_caret(self, caret: CaretRest) -> None:
        """The cursor blinks while the user types and rests once a question is sent: the
        answer is what to look at then, and each blink is a repaint taken from the model
        (0.15 % of a core over an answer at 50 tok/s)."""
        self.view.composer.textChanged.connect(caret.wake)
        self.view.composer.cursorPositionChanged.connect(caret.wake)
        # after SendPresenter's own handler, which empties the box (a change: a wake)
        self.conversations.exchangeStarted.connect(caret.rest)

    def show_shortcuts(self) -> ShortcutList:
        return self.keys.show_list()

    def export_chat(self) -> None:
        conv = self.conversations.conv
        if conv is not None:
            self.raiseRequested.emit()  # File > Export… from another tab: this chat, seen
            self.chats.exporter.ask(conv.id, conv.title)

    def _can_export(self) -> None:
        on = self.conversations.conv is not None
        self.keys.export_action.setEnabled(on)
        self.view.export_button.setEnabled(on)

    def _esc(self) -> None:
        if self.session.busy:
            self.composer.stop()
        elif self.view.context_choice.isVisible():
            self.context.close_choice()  # the message stays in the box, unsent
        elif self.edit.active:
            self.edit.cancel()

    def new_chat(self) -> None:
        self.raiseRequested.emit()
        self.composer.new_chat()

    def edit_message(self, position: int) -> None:
        text = self.messages.message_text(position)
        if text is not None and self.edit.start(position, text):
            self.attach.load(self.messages.message_attachments(position))

    def _on_edit_changed(self, position: int) -> None:
        if position < 0 and not self.conversations.preparing:
            self.attach.clear()  # the edited message's files leave with the edit

    def regenerate_last(self) -> None:
        position = self.messages.last_answer_position()
        if position is not None:
            self.composer.regenerate(position)

    def open_new_chat(self, model: str) -> None:
        """A new chat with ``model`` picked (once the server lists it) and the message box
        focused, ready to type (the Start-here card's last step)."""
        self.composer.new_chat()
        self.picker.want(model)
        self.view.composer.setFocus()

    def _connect_callbacks(self) -> None:
        c = self.conversations
        self.composer.settingsRequested.connect(self.chat_settings.edit)
        self.messages.editRequested.connect(self.edit_message)
        self.conversations.editChanged.connect(self._on_edit_changed)
        # the files going with the next question count in the context meter
        meter = self.services.context
        self.attach.changed.connect(lambda: meter.set_attached(self.attach.refs()))
        c.opened.connect(self.perf.show_opening)
        self.view.export_button.clicked.connect(self.export_chat)
        for changed in (c.opened, c.cleared, c.exchangeStarted):
            changed.connect(lambda *_a: self._can_export())
        self.composer.pullRequested.connect(self.pullRequested)
        self.composer.generationFinished.connect(self.generationFinished)
        c.failed.connect(lambda e: self.banner.show(history_text.call_failed(e), details=e.detail))
        c.exported.connect(lambda p: self.banner.show(self.tr("Saved {0}").format(p)))
        c.historyChanged.connect(self._on_history)
        self.session.saver.failed.connect(
            lambda e: self.banner.show(history_text.answer_unsaved(e), details=e.detail)
        )
        self._on_history()

    def shutdown(self) -> None:
        """On quit (DeskApp.shutdown): the services' last try to save; if answers still
        cannot be written, say so clearly before they are lost."""
        unsaved = self.services.shutdown()
        if unsaved and not self._warned:
            self._warned = True
            self.warn_unsaved(unsaved)

    def unsaved_warning(self, texts: list[str]) -> QMessageBox:
        error = self.session.saver.last_error
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Answers not saved"),
            self.tr(
                "{0} answer(s) could not be saved to the chat history ({1}) and are lost "
                "when the app closes. Their text is below: copy what you need."
            ).format(len(texts), history_text.reason(error) if error else ""),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText("\n\n----------\n\n".join(texts))
        return box

    def _warn_unsaved(self, texts: list[str]) -> None:
        self.unsaved_warning(texts).exec()

    def _on_history(self) -> None:
        n = self.conversations.interrupted
        if n:
            self.conversations.interrupted = 0  # said once
            self.banner.show(
                self.tr(
                    "{0} answer(s) were cut off when the app closed "
                    "unexpectedly; what was shown is kept."
                ).format(n)
            )

    # -- visibility: sample the machine only while the tab is seen ----------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        window = self.window()
        handle = window.windowHandle()
        if window is not self._watched and window is not self and handle is not None:
            # a signal, not an event filter: a filter would run Python for every event the
            # window gets (each repaint request included)
            handle.windowStateChanged.connect(self._on_window_state)
            self._watched = window
        self.perf.set_visible(not window.isMinimized())
        if not self._focused_once:
            self._focused_once = True
            self.view.composer.setFocus()  # at launch, typing goes to the message box

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.perf.set_visible(False)

    def _on_window_state(self, state: Qt.WindowState) -> None:
        minimized = bool(state & Qt.WindowState.WindowMinimized) or self.window().isMinimized()
        self.perf.set_visible(self.isVisible() and not minimized)
