"""ChatSession: one answer at a time, streamed, coalesced, saved as it grows."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core.api_types import ChatResult, GenerationStats
from desktop.core.chat.context_rule import ContextNote, Expectation
from desktop.core.chat.conversation import Energy, MessageStatus
from desktop.core.chat.metrics import LiveMeter, LiveStats, counted_stats
from desktop.core.errors import ErrorKind, OllamaError, error_record
from desktop.services.batching import Batching
from desktop.services.chat.energy_meter import EnergyMeter, EnergySnapshot
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.saving import AnswerSaver, FinalAnswer
from desktop.services.chat.stream_buffer import StreamBuffer
from desktop.services.ollama_service import MessagesMaker, OllamaService
from desktop.services.tasks import Task

# The worker reads the stream in batches (services/batching.py): after a token that woke
# it, it hands what it has to the main thread and sleeps this long while the next tokens
# gather in the socket. A model slower than ~5 tok/s shows every token as it comes; a
# faster one shows new text five times a second, a few words at a time, and each thread
# wakes once per step instead of once per token (issue 13: every wake-up is taken from the
# model on a CPU-only laptop). Each step costs the reading thread about 1 ms whatever its
# size (cold caches; httpx, httpcore and h11 run ~75 Python calls per line): at 50 tok/s
# that thread went from 91 to 80 ms of CPU per 12 s when 0.15 s became 0.2 s.
BATCH_INTERVAL_S = 0.2
# Labels and tok/s figures change once a second, as a system monitor's do.
LIVE_INTERVAL_S = 1.0
# Crash safety vs. write load: a killed app loses at most this much of the answer. Each
# partial save is a task on the history lane and a sqlite commit (about 1 ms of CPU; once a
# second instead measured the same within noise, so the smaller loss wins).
SAVE_INTERVAL_S = 0.5
# With no token coming, the session still looks once a second (a quiet server).
TICK_MS = 1000
# No token for this long: tell the user the server has gone quiet (and offer Stop). The
# hard limit stays the HTTP client's read timeout (300 s): a large model's first token on
# a CPU can take minutes, so the app says so instead of giving up.
QUIET_AFTER_S = 5.0


@dataclass(frozen=True)
class Outcome:
    """How an answer ended."""

    message_id: int
    model: str
    status: MessageStatus
    content: str
    thinking: str
    stats: GenerationStats | None
    ttft_ms: float | None
    energy: Energy | None
    error: OllamaError | None
    tokens_received: int
    context: ContextNote | None = None  # what the prompt count says the model saw


class ChatSession(QObject):
    """Runs a chat request for one stored assistant message.

    delta(str, str)     new content and new reasoning, once per batch (five times a second,
                        or once per token for a slower model)
    live(LiveStats)     tokens, live tokens/s, time to first token (once a second)
    quiet(float, bool)  seconds without a token (0.0: tokens flow again), and whether any
                        token came yet (False: the model may still be loading)
    finished(Outcome)   once; the final save is under way (``saver`` retries it)
    """

    # by reference: a str signal converts each batch to UTF-16 and back for every slot
    delta = Signal(object, object)  # (content, reasoning): str, str
    live = Signal(LiveStats)
    quiet = Signal(float, bool)
    finished = Signal(Outcome)
    _batched = Signal()  # from the worker thread: a batch of tokens waits in the buffer

    def __init__(
        self,
        ollama: OllamaService,
        history: ChatHistory,
        energy: EnergyMeter | None = None,
        clock: Callable[[], float] = time.monotonic,
        quiet_after_s: float = QUIET_AFTER_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.history = history
        self.energy = energy
        self.clock = clock
        self.quiet_after_s = quiet_after_s
        self.saver = AnswerSaver(history, parent=self)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._flush)
        self._batched.connect(self._flush, Qt.ConnectionType.QueuedConnection)
        self._task: Task | None = None
        self._reset()

    def _reset(self) -> None:
        self.message_id = 0
        self.model = ""
        self._buffer = StreamBuffer(self.clock)
        self._meter = LiveMeter(self.clock())
        self._last_live = float("-inf")
        self._last_save = float("-inf")
        self._energy_start: EnergySnapshot | None = None
        self._watts = 0.0
        self._started = self.clock()
        self._last_token: float | None = None
        self._quiet_shown = 0  # whole seconds last announced (0: not quiet)
        # partial saves: text from the last confirmed offset on, in pieces
        self._expect: Expectation | None = None
        self._unsaved: tuple[list[str], list[str]] = ([], [])
        self._confirmed = (0, 0)
        self._in_flight = 0  # pieces of _unsaved[0]/[1] in the save under way (-1: none)
        self._saving = False

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def content(self) -> str:
        return self._buffer.text()[0]

    @property
    def thinking(self) -> str:
        return self._buffer.text()[1]

    def start(
        self,
        message_id: int,
        model: str,
        messages: Sequence[Mapping[str, Any]] | MessagesMaker,
        *,
        options: Mapping[str, Any] | None = None,
        think: bool | None = None,
        watts_per_core: float = 0.0,
        measure_energy: bool = True,
        expect: Expectation | None = None,
    ) -> None:
        """Stream an answer into stored message ``message_id`` (created by the caller).
        ``measure_energy`` is False for a remote server: this computer's counters would
        describe the wrong machine. ``expect``: what was sent, to judge by the answer's
        prompt count whether the model read all of it (core/chat/context.py)."""
        if self._task is not None:
            raise RuntimeError("an answer is already streaming")
        self._reset()
        self.message_id, self.model, self._watts = message_id, model, watts_per_core
        self._expect = expect
        if self.energy is not None and measure_energy:
            self._energy_start = self.energy.begin()
        self._meter = LiveMeter(self.clock())
        self._started = self.clock()
        task = self.ollama.chat(
            model,
            messages,
            options=options,
            think=think,
            on_chunk=self._buffer.add,
            batching=Batching(BATCH_INTERVAL_S, self._batched.emit),
        )
        self._task = task
        # only this task may end this answer: after Stop a late reply of a request that
        # never answered must not end the next one
        task.succeeded.connect(lambda r: self._on_done(r) if self._task is task else None)
        task.failed.connect(lambda e: self._on_failed(e) if self._task is task else None)
        self._last_save = self.clock()
        # a test may shorten quiet_after_s: look often enough to say so in time
        self._tick.start(max(20, min(TICK_MS, int(self.quiet_after_s * 500))))

    def revise(self, message_id: int, expect: Expectation) -> None:
        """What answer ``message_id`` was really sent, known once the request was made
        (the passages of a long document chosen for it): its prompt count is judged by
        this instead."""
        if self._task is not None and self.message_id == message_id:
            self._expect = expect

    def stop(self) -> None:
        """Stop the answer now; what arrived is kept and marked stopped. The request is
        cancelled too, but the answer ends at once even if the server has not replied at
        all yet (a model still loading): the user never waits on Stop."""
        if self._task is not None:
            self._task.cancel()
            self._on_failed(OllamaError(ErrorKind.CANCELLED))

    # -- streaming ---------------------------------------------------------------------
    def _flush(self, final: bool = False) -> None:
        """A batch arrived (or the slow tick): show what is new, save now and then."""
        if self._task is None and self._buffer.empty:
            return  # a late batch signal of an answer that has ended
        batch = self._buffer.take()
        now = self.clock()
        if batch.tokens:
            # a whole answer sent at once counts no tokens: its count is the server's to say
            self._meter.add(batch.counted, now)
            self._last_token = batch.last_token_at
            self._unsaved[0].append(batch.content)
            self._unsaved[1].append(batch.thinking)
            self.delta.emit(batch.content, batch.thinking)
        if now - self._last_save >= SAVE_INTERVAL_S and not final:
            self._last_save = now
            self._save_partial()  # nothing when nothing is new (a quiet server)
        if now - self._last_live >= LIVE_INTERVAL_S:
            self._last_live = now
            self.live.emit(self._meter.snapshot(now))
        self._check_quiet(now)

    def _check_quiet(self, now: float) -> None:
        since = self._last_token if self._last_token is not None else self._started
        silent = now - since
        if silent >= self.quiet_after_s and self._task is not None:
            whole = int(silent)
            if whole != self._quiet_shown:
                self._quiet_shown = whole
                self.quiet.emit(float(whole), self._last_token is not None)
        elif self._quiet_shown:
            self._quiet_shown = 0
            self.quiet.emit(0.0, self._last_token is not None)

    def _save_partial(self) -> None:
        if self._saving or not any(self._unsaved[0]) and not any(self._unsaved[1]):
            return
        pieces = len(self._unsaved[0])
        content, thinking = "".join(self._unsaved[0]), "".join(self._unsaved[1])
        (c_start, t_start), msg_id = self._confirmed, self.message_id
        self._saving = True

        def saved(_r: object) -> None:
            self._saving = False
            if msg_id != self.message_id:
                return
            self._confirmed = (c_start + len(content), t_start + len(thinking))
            del self._unsaved[0][:pieces], self._unsaved[1][:pieces]

        def failed(error: HistoryError) -> None:
            self._saving = False  # the next save sends this text again, and what is new
            self.saver.mark_unsaved(msg_id, error)

        self.history.call(
            "save partial answer",
            lambda s: s.append_partial(msg_id, c_start, content, t_start, thinking),
            on_success=saved,
            on_failure=failed,
        )

    # -- the end -----------------------------------------------------------------------
    def _on_done(self, result: ChatResult) -> None:
        if self._task is None:
            return
        # the worker joined the whole answer already: no second copy on this thread
        self._finish(MessageStatus.COMPLETE, result.stats, None, (result.content, result.thinking))

    def _on_failed(self, error: OllamaError) -> None:
        if self._task is None:
            return
        status = MessageStatus.STOPPED if error.kind is ErrorKind.CANCELLED else MessageStatus.ERROR
        self._finish(status, None, None if status is MessageStatus.STOPPED else error)

    def _finish(
        self,
        status: MessageStatus,
        stats: GenerationStats | None,
        error: OllamaError | None,
        joined: tuple[str, str] | None = None,
    ) -> None:
        self._tick.stop()
        self._last_live = float("-inf")
        self._flush(final=True)
        self._task = None
        if self._quiet_shown:
            self._quiet_shown = 0
            self.quiet.emit(0.0, self._last_token is not None)
        now = self.clock()
        live = self._meter.snapshot(now)
        if stats is None:  # stopped or cut off: keep what the app counted itself
            stats = counted_stats(live)
        ttft_ms = live.ttft_s * 1000 if live.ttft_s is not None else None
        energy = None
        if self.energy is not None and self._energy_start is not None and live.tokens:
            energy = self.energy.end(self._energy_start, self._watts)
        if joined is not None:
            self._buffer.adopt(*joined)
        content, thinking = self._buffer.text()
        note = self._expect.judge(stats) if self._expect is not None else None
        outcome = Outcome(
            self.message_id,
            self.model,
            status,
            content,
            thinking,
            stats,
            ttft_ms,
            energy,
            error,
            live.tokens,
            note,
        )
        error_text = error_record(error) if error is not None else ""
        self.saver.save(
            FinalAnswer(
                outcome.message_id,
                content,
                thinking,
                status,
                stats,
                ttft_ms,
                energy,
                error_text,
                note,
            )
        )
        self.finished.emit(outcome)

    def keep_on_quit(self) -> None:
        """On quit mid-answer: stop it and queue its text as a stopped answer."""
        self.stop()
