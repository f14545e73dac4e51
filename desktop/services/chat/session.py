"""ChatSession: one answer at a time, streamed, coalesced, saved as it grows."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.api_types import ChatChunk, ChatResult, GenerationStats
from desktop.core.chat.conversation import Energy, MessageStatus
from desktop.core.chat.metrics import LiveMeter
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.chat.energy_meter import EnergyMeter, EnergySnapshot
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.tasks import Task

# Paint at ~25 Hz: smooth to the eye, and at 30-60 tok/s it batches 1-3 tokens per repaint
# instead of waking the layout for every token.
PAINT_INTERVAL_MS = 40
# Labels and tok/s figures change 4 times a second: readable, and cheap.
LIVE_INTERVAL_S = 0.25
# Crash safety vs. write load: a killed app loses at most this much of the answer.
SAVE_INTERVAL_MS = 300


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


class ChatSession(QObject):
    """Runs OllamaService.chat for one stored assistant message.

    delta(str, str)   new content and new reasoning since the last paint (every 40 ms)
    live(LiveStats)   tokens, live tokens/s, time to first token (with each paint)
    finished(Outcome) once; the message is already saved with its final status
    """

    delta = Signal(str, str)
    live = Signal(object)
    finished = Signal(object)

    def __init__(
        self,
        ollama: OllamaService,
        history: ChatHistory,
        energy: EnergyMeter | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.history = history
        self.energy = energy
        self.clock = clock
        self._paint = QTimer(self)
        self._paint.setInterval(PAINT_INTERVAL_MS)
        self._paint.timeout.connect(self._flush)
        self._save = QTimer(self)
        self._save.setInterval(SAVE_INTERVAL_MS)
        self._save.timeout.connect(self._save_partial)
        self._task: Task | None = None
        self._reset()

    def _reset(self) -> None:
        self.message_id = 0
        self.model = ""
        self._content: list[str] = []
        self._thinking: list[str] = []
        self._pending_content: list[str] = []
        self._pending_thinking: list[str] = []
        self._dirty = False
        self._meter = LiveMeter(self.clock())
        self._last_live = float("-inf")
        self._energy_start: EnergySnapshot | None = None
        self._watts = 0.0

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def content(self) -> str:
        return "".join(self._content)

    @property
    def thinking(self) -> str:
        return "".join(self._thinking)

    def start(
        self,
        message_id: int,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        *,
        options: Mapping[str, Any] | None = None,
        think: bool | None = None,
        watts_per_core: float = 0.0,
        measure_energy: bool = True,
    ) -> None:
        """Stream an answer into stored message ``message_id`` (created by the caller).
        ``measure_energy`` is False for a remote server: this computer's counters would
        describe the wrong machine."""
        if self._task is not None:
            raise RuntimeError("an answer is already streaming")
        self._reset()
        self.message_id, self.model, self._watts = message_id, model, watts_per_core
        if self.energy is not None and measure_energy:
            self._energy_start = self.energy.begin()
        self._meter = LiveMeter(self.clock())
        task = self.ollama.chat(model, messages, options=options, think=think)
        self._task = task
        task.progressed.connect(self._on_chunk)
        task.succeeded.connect(self._on_done)
        task.failed.connect(self._on_failed)
        self._paint.start()
        self._save.start()

    def stop(self) -> None:
        """Stop the answer; what arrived is kept and marked stopped."""
        if self._task is not None:
            self._task.cancel()

    # -- streaming ---------------------------------------------------------------------
    def _on_chunk(self, chunk: ChatChunk) -> None:
        if chunk.content:
            self._content.append(chunk.content)
            self._pending_content.append(chunk.content)
        if chunk.thinking:
            self._thinking.append(chunk.thinking)
            self._pending_thinking.append(chunk.thinking)
        if chunk.content or chunk.thinking:
            self._meter.add(1, self.clock())
            self._dirty = True

    def _flush(self) -> None:
        if self._pending_content or self._pending_thinking:
            content, thinking = "".join(self._pending_content), "".join(self._pending_thinking)
            self._pending_content.clear()
            self._pending_thinking.clear()
            self.delta.emit(content, thinking)
        now = self.clock()
        if now - self._last_live >= LIVE_INTERVAL_S:
            self._last_live = now
            self.live.emit(self._meter.snapshot(now))

    def _save_partial(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        msg_id, content, thinking = self.message_id, self.content, self.thinking
        self.history.call(lambda s: s.save_partial(msg_id, content, thinking))

    # -- the end -----------------------------------------------------------------------
    def _on_done(self, result: ChatResult) -> None:
        if self._task is None:
            return
        self._finish(MessageStatus.COMPLETE, result.stats, None)

    def _on_failed(self, error: OllamaError) -> None:
        if self._task is None:
            return
        status = (
            MessageStatus.STOPPED if error.kind is ErrorKind.CANCELLED else (MessageStatus.ERROR)
        )
        self._finish(status, None, None if status is MessageStatus.STOPPED else error)

    def _finish(
        self, status: MessageStatus, stats: GenerationStats | None, error: OllamaError | None
    ) -> None:
        self._paint.stop()
        self._save.stop()
        self._last_live = float("-inf")
        self._flush()
        self._task = None
        now = self.clock()
        live = self._meter.snapshot(now)
        ttft_ms = live.ttft_s * 1000 if live.ttft_s is not None else None
        energy = None
        if self.energy is not None and self._energy_start is not None and live.tokens:
            energy = self.energy.end(self._energy_start, self._watts)
        outcome = Outcome(
            self.message_id,
            self.model,
            status,
            self.content,
            self.thinking,
            stats,
            ttft_ms,
            energy,
            error,
            live.tokens,
        )
        error_text = error.detail or error.kind.value if error is not None else ""
        self.history.call(
            lambda s: s.finish_message(
                outcome.message_id,
                outcome.content,
                outcome.thinking,
                status,
                stats,
                ttft_ms,
                energy,
                error_text,
            )
        )
        self.finished.emit(outcome)
