"""The message box and its buttons: send, stop, regenerate; and what the banner says about
an answer (errors, a quiet server, a missing model). Editing an earlier question:
edit_mode.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import MessageStatus
from desktop.core.errors import OllamaError
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.exchange import Exchange
from desktop.services.chat.session import Outcome
from desktop.services.ollama_service import OllamaService
from desktop.ui.chat import history_text
from desktop.ui.chat.attach_presenter import AttachPresenter
from desktop.ui.chat.attach_text import no_vision_error
from desktop.ui.chat.banner_presenter import BannerPresenter
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.messages_presenter import MessagesPresenter
from desktop.ui.chat.model_picker import ModelPicker
from desktop.ui.chat.perf_presenter import PerfPresenter
from desktop.ui.common.messages import error_details, error_message

QUIET, ANSWER = "quiet", "answer"  # banner topics


class SendPresenter(QObject):
    """pullRequested(str): the user accepted to download a model the server lacks.
    generationFinished(str, GenerationStats): a complete answer's model and figures.
    settingsRequested(): the user wants to change the chat's settings (e.g. its length cap)."""

    pullRequested = Signal(str)
    generationFinished = Signal(str, GenerationStats)
    settingsRequested = Signal()

    def __init__(
        self,
        view: ChatView,
        conversations: ChatConversations,
        ollama: OllamaService,
        picker: ModelPicker,
        messages: MessagesPresenter,
        perf: PerfPresenter,
        banner: BannerPresenter,
        attach: AttachPresenter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.conversations = conversations
        self.session = conversations.session
        self.ollama = ollama
        self.picker = picker
        self.messages = messages
        self.perf = perf
        self.banner = banner
        self.attach = attach
        self._sent_attachments = False
        # asked before each send: True when it holds the message back to ask the user
        # first (the context meter, when the message will not fit); the callable sends
        self.guard: Callable[[str, Callable[[], None]], bool] | None = None
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        v, c, s = self.view, self.conversations, self.session
        v.composer.submitted.connect(self.send)
        v.send_button.clicked.connect(self.send)
        v.stop_button.clicked.connect(self.stop)
        v.new_button.clicked.connect(self.new_chat)
        c.exchangeStarted.connect(self._on_exchange)
        c.sendFailed.connect(self._on_send_failed)
        c.opened.connect(lambda _o: self.banner.hide())
        s.quiet.connect(self._on_quiet)
        s.finished.connect(self._on_finished)
        self.messages.regenerateRequested.connect(self.regenerate)

    def send(self, *, checked: bool = False) -> None:
        text = self.view.composer.toPlainText().strip()
        if not (text or self.attach.attachments()) or not self.conversations.can_send:
            return
        model = self.picker.current_model()
        if not model:
            self.banner.show(
                self.tr(
                    "No model is installed yet. Download one in the Models tab, then pick it above."
                )
            )
            return
        problem = self.attach.send_problem(model)
        if problem:
            self.banner.show(problem)
            return
        # asked after the attachments' own checks: a file still being read has no size yet
        if not checked and self.guard is not None and self.guard(text, self.send_checked):
            return
        # the text and the files stay until they are stored: if they cannot be, nothing is lost
        attachments = self.attach.attachments()
        if self.conversations.send(
            text, model, self.picker.think_on(), self.picker.supports_thinking(model), attachments
        ):
            self._sent_attachments = True
            self.view.set_streaming(True)

    def send_checked(self) -> None:
        """Send what the box holds now, without asking the guard again."""
        self.send(checked=True)

    def regenerate(self, position: int) -> None:
        model = self.picker.current_model()
        if self.conversations.regenerate(position, model, self.picker.supports_thinking()):
            self.view.set_streaming(True)

    def stop(self) -> None:
        self.session.stop()

    def new_chat(self) -> None:
        if self.conversations.new_chat():
            self.banner.hide()
            self.perf.clear()
            self.view.composer.setFocus()

    # -- what the model says back ------------------------------------------------------
    def _on_exchange(self, exchange: Exchange) -> None:
        question = exchange.messages[-2].content if len(exchange.messages) > 1 else ""
        if self.view.composer.toPlainText().strip() == question.strip():
            self.view.composer.clear()
        if self._sent_attachments:  # stored with the question: the tray is empty again
            self._sent_attachments = False
            self.attach.clear()
        self.banner.hide()
        self.perf.answer_started()
        self.view.composer.setFocus()

    def _on_send_failed(self, text: str, error: HistoryError) -> None:
        self._sent_attachments = False
        self.view.set_streaming(False)
        if text and not self.view.composer.toPlainText().strip():
            self.view.composer.setPlainText(text)  # handed back: never lost
        # a full disk may have room again: Try again sends the kept text once more
        self.banner.show(
            history_text.not_saved(error), self.tr("Try again"), self.send, details=error.detail
        )

    def _on_quiet(self, seconds: float, started: bool) -> None:
        if not seconds:
            self.banner.hide(QUIET)
            return
        n = int(seconds)
        text = (
            self.tr("The server has gone quiet: no new text for {0} s.").format(n)
            if started
            else self.tr(
                "No answer yet after {0} s. The model may still be loading; a large one "
                "can take minutes on a CPU."
            ).format(n)
        )
        self.banner.show(text, self.tr("Stop"), self.stop, topic=QUIET)

    def _on_finished(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self._show_error(outcome.error, outcome.model, bool(outcome.content))
        elif outcome.status is MessageStatus.COMPLETE:
            self.banner.hide(ANSWER)  # e.g. "connection lost" after a good regenerate
            if outcome.stats is not None and outcome.stats.done_reason == "length":
                self._show_cap()
        if outcome.status is MessageStatus.COMPLETE and outcome.stats is not None:
            self.generationFinished.emit(outcome.model, outcome.stats)

    def _show_cap(self) -> None:
        limit = self.conversations.current_params()[1].num_predict
        self.banner.show(
            self.tr(
                "The answer stopped at this chat's limit of {0} tokens. You can raise or "
                "remove the limit in the chat settings."
            ).format(limit),
            self.tr("Change the limit…"),
            self.settingsRequested.emit,
            topic=ANSWER,
        )

    def _show_error(self, error: OllamaError, model: str, kept: bool) -> None:
        if error.is_model_missing:
            self.banner.show(
                self.tr("The model {0} is not installed on the server. Download it now?").format(
                    model
                ),
                self.tr("Download"),
                lambda: self.pullRequested.emit(model),
                topic=ANSWER,
            )
            return
        vision = no_vision_error(error, model, self.attach.suggestion())
        if vision:
            self.banner.show(vision, topic=ANSWER, details=error_details(error))
            return
        text = error_message(error, self.ollama.host.display, model)
        if kept:
            text += " " + self.tr("The part of the answer that arrived is kept.")
        self.banner.show(text, topic=ANSWER, details=error_details(error))
