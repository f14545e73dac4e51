"""The context meter in the Chat tab: the figure under the transcript, the choice before a
send that will not fit (send anyway, a bigger window, a new chat with a summary), and the
summary dialog. The arithmetic is the ContextMeter's; this only words and wires it."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer

from desktop.core.chat.context_rule import ContextFit
from desktop.core.chat.context_window import WindowOffer
from desktop.core.retrieval.budget import PASSAGES_WANTED
from desktop.core.units import human_bytes
from desktop.services.chat.context_meter import ContextMeter, ContextUsage
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.summary import ChatSummarizer
from desktop.services.ollama_service import OllamaService
from desktop.ui.chat import context_text, history_text
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.model_picker import ModelPicker
from desktop.ui.chat.summary_dialog import SummaryDialog
from desktop.ui.common.messages import error_message

DRAFT_DEBOUNCE_MS = 400  # the meter follows typing once it pauses, never per key


class ContextPresenter(QObject):
    def __init__(
        self,
        view: ChatView,
        meter: ContextMeter,
        conversations: ChatConversations,
        picker: ModelPicker,
        ollama: OllamaService,
        summarizer: ChatSummarizer,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.meter = meter
        self.conversations = conversations
        self.picker = picker
        self.ollama = ollama
        self.summarizer = summarizer
        self.bar = view.context_bar
        self.choice = view.context_choice
        self.dialog: SummaryDialog | None = None
        self._proceed: Callable[[], None] | None = None
        self._offer: WindowOffer | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DRAFT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._draft_changed)
        self._connect_callbacks()
        self._model_changed()
        self.show_usage(meter.usage)

    def _connect_callbacks(self) -> None:
        v, c, s = self.view, self.conversations, self.summarizer
        self.meter.changed.connect(self.show_usage)
        v.composer.textChanged.connect(self._debounce.start)
        v.model.currentIndexChanged.connect(lambda _i: self._model_changed())
        # the picker refills its list with the combo's signals blocked: its item model
        # still says so, and the choice is made by the time the event loop turns again
        items = v.model.model()
        items.rowsInserted.connect(lambda *_a: QTimer.singleShot(0, self, self._model_changed))
        items.modelReset.connect(lambda: QTimer.singleShot(0, self, self._model_changed))
        self.choice.send_anyway.clicked.connect(self._send_anyway)
        self.choice.bigger.clicked.connect(self._use_bigger)
        self.choice.summary.clicked.connect(self._summarise)
        self.choice.cancel.clicked.connect(self.close_choice)
        c.opened.connect(lambda _o: self.close_choice())
        c.cleared.connect(self.close_choice)
        c.exchangeStarted.connect(lambda _e: self.close_choice())
        s.progressed.connect(self._summary_progress)
        s.finished.connect(self._summary_done)
        s.failed.connect(lambda e: self._summary_failed(error_message(e, self.ollama.host.display)))
        s.historyFailed.connect(self._history_failed)

    # -- the meter -----------------------------------------------------------------------
    def _model_changed(self) -> None:
        self.meter.set_model(self.picker.current_model())

    def _draft_changed(self) -> None:
        self.meter.set_draft(self.view.composer.toPlainText())

    def show_usage(self, usage: ContextUsage) -> None:
        tip = context_text.tooltip(usage)
        self.bar.show_usage(
            context_text.figure(usage),
            usage.fit.share,
            context_text.lost_short(usage.fit),
            "<p>" + html.escape(tip).replace("\n", "<br>") + "</p>",  # text, never markup
            context_text.passages_short(usage.fit),
        )

    # -- before a send ---------------------------------------------------------------------
    def intercept(self, text: str, proceed: Callable[[], None]) -> bool:
        """SendPresenter asks before each send: True when the message will not fit and the
        user is asked first (``proceed`` sends it if they choose so)."""
        fit = self.meter.check(text)
        if fit.fits:
            return False
        self._proceed = proceed
        self._ask(fit)
        return True

    def _ask(self, fit: ContextFit) -> None:
        local = self.ollama.host.is_loopback
        model = self.picker.models.get(self.picker.current_model())
        needed = fit.used
        if fit.no_room:  # a window with room for some of the documents' passages
            needed += min(fit.documents, PASSAGES_WANTED) - fit.passages
        offer = self.meter.bigger(needed, model.size if model else 0, local)
        self._offer = offer
        label, note = "", ""
        if offer is None:
            trained = self.meter.window.trained
            if trained:
                note = self.tr(
                    "This model was trained for at most {0} tokens: a bigger window cannot help."
                ).format(context_text.tokens(trained))
        elif offer.cost is None:
            label = self.tr("Use a window of {0} tokens").format(context_text.tokens(offer.tokens))
            note = self.tr(
                "The server runs on another computer: how much memory it has free is not "
                "known here."
            )
        elif offer.cost.fits:
            label = self.tr("Use a window of {0} tokens (+{1} of memory)").format(
                context_text.tokens(offer.tokens), human_bytes(offer.cost.extra)
            )
        else:
            label = self.tr("Use a window of {0} tokens").format(context_text.tokens(offer.tokens))
            note = self.tr(
                "A window of {0} tokens needs about {1} of memory for this model; only {2} "
                "is free on this computer."
            ).format(
                context_text.tokens(offer.tokens),
                human_bytes(offer.cost.needed),
                human_bytes(offer.cost.available),
            )
        what = (
            context_text.no_room(fit)
            if fit.no_room
            else self.tr("This chat and your message need {0} tokens; the model reads {1}.").format(
                context_text.tokens(fit.used), context_text.tokens(fit.window)
            )
        )
        passages = context_text.passages(fit)
        self.choice.ask(
            "\n".join(x for x in (context_text.lost(fit), what, passages) if x),
            label,
            offer is not None and offer.allowed,
            note,
        )
        self.choice.summary.setEnabled(self.conversations.conv is not None)

    def close_choice(self) -> None:
        self.choice.hide()
        self._proceed = None

    def _send_anyway(self) -> None:
        proceed = self._proceed
        self.close_choice()
        if proceed is not None:
            proceed()

    def _use_bigger(self) -> None:
        offer = self._offer
        if offer is None or not offer.allowed:
            return
        system, params = self.conversations.current_params()
        self.conversations.set_params(system, replace(params, num_ctx=offer.tokens))
        self._send_anyway()

    # -- a new chat from a summary ---------------------------------------------------------
    def _summarise(self) -> None:
        conv = self.conversations.conv
        if conv is None:
            return
        self.choice.hide()
        dialog = self.dialog = SummaryDialog(self.view)
        model = self.picker.current_model() or conv.model
        self.summarizer.start(conv.id, model, self.meter.window.tokens, self.meter.scale(model))
        dialog.accepted.connect(lambda: self._start_new_chat(dialog.text()))
        dialog.rejected.connect(self.summarizer.cancel)
        dialog.open()

    def _summary_progress(self, part: int, parts: int) -> None:
        if self.dialog is not None:
            self.dialog.working(part, parts)

    def _summary_done(self, summary: str) -> None:
        if self.dialog is None:
            return
        if not summary:
            self.dialog.show_problem(
                self.tr("The model wrote no summary. Try again, or start a new chat yourself.")
            )
            return
        self.dialog.show_summary(self.tr("Summary of our earlier conversation:") + "\n" + summary)

    def _summary_failed(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.show_problem(text)

    def _history_failed(self, error: HistoryError) -> None:
        self._summary_failed(history_text.call_failed(error))

    def _start_new_chat(self, summary: str) -> None:
        """A new chat whose system prompt carries the summary (system messages are never
        dropped by the server); the message being written stays in the box, ready."""
        system, params = self.conversations.current_params()
        if not summary or not self.conversations.new_chat():
            return
        carried = f"{system.strip()}\n\n{summary}" if system.strip() else summary
        self.conversations.set_params(carried, params)
        self.close_choice()
        self.view.composer.setFocus()
