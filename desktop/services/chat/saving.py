"""AnswerSaver: an answer that could not be written (disk full) stays in memory and is
written as soon as the history takes it again (retry with backoff; a last try on quit)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context_rule import ContextNote
from desktop.core.chat.conversation import Energy, MessageStatus
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.history import ChatHistory

RETRY_MS = (1000, 2000, 5000, 10000, 30000)  # then every 30 s


@dataclass(frozen=True)
class FinalAnswer:
    """Everything the finished message row holds."""

    message_id: int
    content: str
    thinking: str
    status: MessageStatus
    stats: GenerationStats | None = None
    ttft_ms: float | None = None
    energy: Energy | None = None
    error: str = ""
    context: ContextNote | None = None


class AnswerSaver(QObject):
    """unsavedChanged(int, bool): message id, and whether part of it is not saved yet
    (True when a save failed, False once it is all written).
    failed(HistoryError): a save failed (each time the kind of failure changes)."""

    unsavedChanged = Signal(int, bool)
    failed = Signal(HistoryError)

    def __init__(
        self,
        history: ChatHistory,
        retry_ms: tuple[int, ...] = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.retry_ms = retry_ms
        self._waiting: dict[int, FinalAnswer] = {}  # message id -> its latest full state
        self._marked: set[int] = set()
        self._attempt = 0
        self._writing = False
        self._last_kind: object = None
        self.last_error: HistoryError | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._retry)

    @property
    def unsaved(self) -> list[FinalAnswer]:
        """Answers held in memory because writing them failed."""
        return list(self._waiting.values())

    def mark_unsaved(self, message_id: int, error: HistoryError) -> None:
        """A partial save of a streaming answer failed: the answer is whole in memory."""
        if message_id not in self._marked:
            self._marked.add(message_id)
            self.unsavedChanged.emit(message_id, True)
        self._report(error)

    def save(self, answer: FinalAnswer) -> None:
        """Write the finished answer; on failure keep it and try again later."""
        self._waiting[answer.message_id] = answer
        if not self._writing and not self._timer.isActive():
            self._write(answer)

    def _write(self, answer: FinalAnswer) -> None:
        self._writing = True
        a = answer
        self.history.call(
            "save answer",
            lambda s: s.finish_message(
                a.message_id,
                a.content,
                a.thinking,
                a.status,
                a.stats,
                a.ttft_ms,
                a.energy,
                a.error,
                a.context,
            ),
            on_success=lambda _r: self._written(a),
            on_failure=lambda e: self._not_written(a, e),
        )

    def _written(self, answer: FinalAnswer) -> None:
        self._writing = False
        self._attempt = 0
        self._last_kind = None
        if self._waiting.get(answer.message_id) is answer:
            del self._waiting[answer.message_id]
        if answer.message_id in self._marked:
            self._marked.discard(answer.message_id)
            self.unsavedChanged.emit(answer.message_id, False)
        self._next()

    def _not_written(self, answer: FinalAnswer, error: HistoryError) -> None:
        self._writing = False
        self.mark_unsaved(answer.message_id, error)
        delay = self.retry_ms[min(self._attempt, len(self.retry_ms) - 1)]
        self._attempt += 1
        self._timer.start(delay)

    def _retry(self) -> None:
        self._next()

    def _next(self) -> None:
        if self._waiting and not self._writing:
            self._write(next(iter(self._waiting.values())))

    def _report(self, error: HistoryError) -> None:
        self.last_error = error
        if error.kind is not self._last_kind:
            self._last_kind = error.kind
            self.failed.emit(error)

    def retry_now(self) -> None:
        """Try again at once (the user freed space and asked)."""
        self._timer.stop()
        self._attempt = 0
        self._next()

    def last_try(self, timeout_ms: int = 3000) -> list[FinalAnswer]:
        """On quit: one more try for every waiting answer; returns those still unsaved."""
        self._timer.stop()
        for answer in list(self._waiting.values()):
            self._write(answer)
            self.history.wait(timeout_ms)
            self._timer.stop()
        return self.unsaved
