"""ContextMeter: how much of the model's context window the open chat fills, and what the
next prompt will lose. The feature model behind the meter, the check before a send and the
note under an answer whose prompt the server cut (core/chat/context.py has the arithmetic).

It works on events only: a chat opened or cleared, a question stored, an answer finished,
the model or the chat's settings changed (each sizes the conversation once, linear in its
length), and the text being typed (``set_draft``: linear in that text alone, then a
logarithmic look-up: typing never walks the conversation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.attachments.refs import AttachmentRef
from desktop.core.attachments.sending import attached_tokens, sent_tokens
from desktop.core.chat.context import (
    CHAR_RATE,
    Entry,
    Sizing,
    entry_of,
    fit_draft,
    raw_tokens,
    size_messages,
)
from desktop.core.chat.context_rule import MESSAGE_OVERHEAD, ContextFit, Expectation, Fitter
from desktop.core.chat.context_window import (
    Window,
    WindowOffer,
    bigger_window,
    kv_cache_type,
    ollama_default_context,
    resolve_window,
    window_cost,
)
from desktop.core.chat.conversation import Message, MessageMeta
from desktop.core.machine import machine_memory
from desktop.core.models.forecast import MachineMemory
from desktop.core.retrieval.choice import Retrieval
from desktop.core.setup.server_env import ServerOptions
from desktop.services.chat.context_facts import ModelFacts, ServerFacts
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.exchange import Exchange, Opening
from desktop.services.chat.session import Outcome
from desktop.services.chat.token_scale import TokenScales
from desktop.services.settings_store import SettingsStore


@dataclass(frozen=True)
class ContextUsage:
    """What the meter shows: ``fit.used`` of ``window.tokens`` tokens (the conversation
    and the message being written), how many of the oldest messages the model will not
    see, and how much of it the server measured (the rest is estimated)."""

    model: str
    fit: ContextFit
    window: Window
    conversation: int  # tokens of the chat as stored (without the message being written)
    messages: int  # messages sent with the next question (the system prompt included)
    measured: int  # of these, sized by the server's own counts


def _older(index: Sequence[MessageMeta], before: int) -> list[tuple[int, str, float]]:
    """The sent messages before position ``before`` as (position, role, raw tokens), from
    the chat's index (lengths only): one comprehension, for chats of 10,000 messages."""
    return [
        (m.position, m.role, m.chars * CHAR_RATE)
        for m in index
        if m.position < before and (m.role == "user" or (m.role == "assistant" and m.chars))
    ]


class ContextMeter(QObject):
    """changed(ContextUsage): the figure moved (never per streamed token).

    ``own_server()`` (wired by app.py): the options of the app's own `ollama serve` when
    it is the server in use, else None."""

    changed = Signal(ContextUsage)

    def __init__(
        self,
        conversations: ChatConversations,
        settings: SettingsStore,
        facts: ServerFacts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.conversations = conversations
        self.settings = settings
        self.facts = facts
        self.own_server: Callable[[], ServerOptions | None] = lambda: None
        self.machine: Callable[[], MachineMemory] = machine_memory
        self.model = ""
        self._rows: list[tuple[int, Entry]] = []  # (message id, entry), by position
        self._refs: dict[int, tuple[AttachmentRef, ...]] = {}  # a row's files, by its id
        self._older: list[tuple[int, str, float]] = []  # before the rows, by length only
        self._sizing = Sizing(())
        self._fitter = Fitter(())
        self._edit: tuple[int, Fitter] | None = None  # (edit position, its fitter)
        self._window = resolve_window()
        self._draft = 0.0  # raw tokens of the text being written (core/chat/context.py)
        self._extras: dict[str, int] = {}  # tokens it carries besides its text, by source
        self._documents = 0  # tokens of its documents whole (they may go as passages)
        self._num_predict = -1  # the chat's cap on an answer (room kept for it)
        self._sent: Exchange | None = None  # the exchange whose answer streams
        self._asked: dict[str, int] = {}  # the num_ctx this app's chats last sent, by model
        self._usage: ContextUsage | None = None
        self.scales = TokenScales(settings)
        c = conversations
        c.opened.connect(self._on_opened)
        c.cleared.connect(self._on_cleared)
        c.exchangeStarted.connect(self._apply)
        c.paramsChanged.connect(self._recompute)
        c.session.finished.connect(self._on_finished)
        facts.changed.connect(self._recompute)
        conversations.expect = self.expect

    # -- what the meter shows ----------------------------------------------------------
    @property
    def usage(self) -> ContextUsage:
        if self._usage is None:
            self._usage = self._make_usage()
        return self._usage

    def refresh(self) -> None:
        """Something the window depends on changed elsewhere (the app's own server)."""
        self._recompute()

    def set_model(self, name: str) -> None:
        """The model the next question goes to (the picker's choice)."""
        if name != self.model:
            self.model = name
            self._recompute()

    def set_draft(self, text: str) -> None:
        """The message being written changed (call it debounced, not per key): linear in
        ``text``, then a look-up; the conversation is not walked again."""
        self._draft = raw_tokens(text.strip())
        self._publish()

    def set_attached(self, refs: Sequence[AttachmentRef]) -> None:
        """The files and images going with the message being written (their size as
        sent: core/attachments/sending.py). Documents too long for the room the window
        leaves them count as the passages that will be sent instead."""
        self._documents = sum(sent_tokens(r) for r in refs if not r.is_image)
        self.set_extra("images", sum(sent_tokens(r) for r in refs if r.is_image))

    def set_extra(self, source: str, tokens: int) -> None:
        """Tokens the message being written carries besides its text, e.g. the text and
        images of its attachments (0 removes them). ``source`` names the contributor."""
        if tokens > 0:
            self._extras[source] = int(tokens)
        else:
            self._extras.pop(source, None)
        self._publish()

    def _draft_size(self, raw: float) -> int:
        """The new message's text and images (its documents apart: they may be cut)."""
        extra = sum(self._extras.values())
        if not raw and not extra and not self._documents:
            return 0
        return round(raw * self.scale(self.model)) + extra + MESSAGE_OVERHEAD

    def _fit(self, raw: float) -> ContextFit:
        base = self._draft_size(raw)
        return fit_draft(
            self._current_fitter(), self._window.tokens, base, self._documents, self._num_predict
        )

    def check(self, text: str) -> ContextFit:
        """How the conversation with ``text`` as its next message fits, right now (the
        check before a send)."""
        return self._fit(raw_tokens(text.strip()))

    def _current_fitter(self) -> Fitter:
        """The conversation the next message joins: all of it, or while an earlier message
        is edited, what comes before it (sending replaces it and all after it). Built once
        per edit, not per key."""
        edit_from = self.conversations.edit_from
        if edit_from is None:
            return self._fitter
        if self._edit is None or self._edit[0] != edit_from:
            before = [m for m in self._sizing.messages if m.position < edit_from]
            self._edit = (edit_from, Fitter(before))
        return self._edit[1]

    @property
    def window(self) -> Window:
        return self._window

    def bigger(self, needed: int, weights: int, local: bool) -> WindowOffer | None:
        """A window that holds ``needed`` tokens and an answer, and what it would cost in
        memory on this computer (the forecast of the Models tab) for a model of
        ``weights`` bytes; None when the model was not trained for that many tokens.
        ``local``: the server runs on this computer (else its memory is unknown here)."""
        facts = self.model_facts
        trained = facts.trained if facts else 0
        tokens = bigger_window(needed, self._window.tokens, trained)
        if tokens is None or tokens < needed:
            return None
        if not local or weights <= 0:
            return WindowOffer(tokens)
        own = self.own_server()
        cache = kv_cache_type(own.kv_cache_type, own.flash_attention) if own else "f16"
        loaded = self.facts.loaded(self.model)
        cost = window_cost(
            weights,
            facts.arch if facts else None,
            self._window.tokens,
            tokens,
            self.machine(),
            loaded_bytes=loaded.size if loaded else 0,
            cache_type=cache,
        )
        return WindowOffer(tokens, cost)

    @property
    def model_facts(self) -> ModelFacts | None:
        return self.facts.model(self.model) if self.model else None

    # -- the conversation ----------------------------------------------------------------
    def _entries(self, messages: Sequence[Message]) -> list[tuple[int, Entry]]:
        """Rows for ``messages``: a question's files are sent with it every time, whole,
        or (when its answer was given passages of them) as those passages."""
        out = []
        for i, m in enumerate(messages):
            extra = 0
            if m.attachments:
                self._refs[m.id] = m.attachments
                nxt = messages[i + 1] if i + 1 < len(messages) else None
                chosen = nxt.retrieval if nxt is not None and nxt.role == "assistant" else None
                extra = attached_tokens(m.attachments, chosen.excerpts() if chosen else None)
            entry = entry_of(
                m.position, m.role, m.content, m.thinking, m.model, m.stats, m.context, extra
            )
            out.append((m.id, entry))
        return out

    def _on_opened(self, opening: Opening) -> None:
        first = opening.messages[0].position if opening.messages else 1 << 62
        self._older = _older(opening.index, first)
        self._refs = {}
        self._rows = self._entries(opening.messages)
        self._recompute()

    def _on_cleared(self) -> None:
        self._rows, self._older, self._refs = [], [], {}
        self._recompute()

    def _apply(self, exchange: Exchange) -> None:
        """A question was stored: the newest page of messages replaces what the meter had
        from its first position on (an edit or a regenerate removed what followed)."""
        self._take(exchange.messages)
        self._recompute()

    def _take(self, messages: Sequence[Message]) -> None:
        if not messages:
            return
        first = messages[0].position
        keep = [r for r in self._rows if r[1].position < first]
        self._rows = keep + self._entries(messages)
        if self._older and self._older[-1][0] >= first:  # an edit far back in a long chat
            self._older = [o for o in self._older if o[0] < first]

    def _on_finished(self, outcome: Outcome) -> None:
        for i, (msg_id, e) in enumerate(self._rows):
            if msg_id == outcome.message_id:
                o = outcome
                answer = entry_of(
                    e.position, "assistant", o.content, o.thinking, o.model, o.stats, o.context
                )
                self._rows[i] = (msg_id, answer)
                break
        self._recompute()
        if outcome.model == self.model:
            self.scales.learn(outcome.model, self._sizing)

    # -- arithmetic --------------------------------------------------------------------
    def _size(self, model: str, system: str) -> Sizing:
        system_raw = raw_tokens(system) if system.strip() else 0.0
        entries = (e for _i, e in self._rows)
        return size_messages(entries, system_raw, self.scale(model), model, self._older)

    def window_for(self, model: str, num_ctx: int) -> Window:
        facts = self.facts.model(model) if model else None
        loaded = self.facts.loaded(model) if model else None
        own = self.own_server()
        running = loaded.context if loaded else 0
        if running and (
            running == self._asked.get(model.lower())
            or running < ollama_default_context(self.facts.version)
        ):
            # loaded at a chat's own num_ctx (this app's, or one before a restart): a
            # request without one makes a real server load it again at its own window
            # (Ollama 0.33: 1,024 -> 4,096); a window above the default is the server's
            # setting (OLLAMA_CONTEXT_LENGTH), which the request gets too
            running = 0
        return resolve_window(
            chat_num_ctx=num_ctx,
            loaded=running,
            modelfile=facts.modelfile_ctx if facts else 0,
            server_setting=own.context_length if own else 0,
            version=self.facts.version,
            trained=facts.trained if facts else 0,
        )

    def _recompute(self) -> None:
        system, params = self.conversations.current_params()
        num_ctx = params.num_ctx
        self._num_predict = params.num_predict
        self._sizing = self._size(self.model, system)
        self._fitter = Fitter(self._sizing.messages)
        self._edit = None
        self._window = self.window_for(self.model, num_ctx)
        self._publish()

    def _make_usage(self) -> ContextUsage:
        sizing = self._sizing
        return ContextUsage(
            self.model,
            self._fit(self._draft),
            self._window,
            sizing.total,
            len(sizing.messages),
            sizing.measured,
        )

    def _publish(self) -> None:
        usage = self._make_usage()
        if usage != self._usage:
            self._usage = usage
            self.changed.emit(usage)

    def expect(self, exchange: Exchange) -> Expectation:
        """What the answer about to stream was sent: the sizes of its messages (measured
        where earlier counts tell) and the window (ChatConversations asks this before each
        request; ChatSession judges the answer's prompt count by it)."""
        self._take(exchange.messages)
        self._sent = exchange
        conv = exchange.conversation
        if conv.params.num_ctx > 0:
            self._asked[conv.model.lower()] = conv.params.num_ctx
        return self._expectation(exchange)

    def _expectation(self, exchange: Exchange) -> Expectation:
        conv = exchange.conversation
        sizing = self._size(conv.model, conv.system_prompt)
        window = self.window_for(conv.model, conv.params.num_ctx)
        return Expectation(sizing.messages, window.tokens)

    def passages_chosen(self, answer_id: int, retrieval: Retrieval) -> None:
        """The question of answer ``answer_id`` goes with these passages of its documents
        instead of their whole text (the planner, just before the request): it counts
        them, and the answer's prompt count is judged by what was really sent."""
        at = next((i for i, r in enumerate(self._rows) if r[0] == answer_id), 0)
        if at > 0:
            q_id, q = self._rows[at - 1]
            refs = self._refs.get(q_id)
            if q.role == "user" and refs:
                extra = attached_tokens(refs, retrieval.excerpts())
                self._rows[at - 1] = (q_id, q._replace(extra=extra))
                self._recompute()
        sent = self._sent
        if sent is not None and sent.messages and sent.messages[-1].id == answer_id:
            self.conversations.session.revise(answer_id, self._expectation(sent))

    def scale(self, model: str) -> float:
        """Counted tokens per estimated token for ``model`` (1.0 until its counts say)."""
        return self.scales.of(model)
