"""ChatSummarizer: a chat's model writes a summary of it (core/chat/summary.py) for a new
chat to start from, when the chat no longer fits the model's window. The messages are read
on the history lane, the summary is written on the network side of the task API, part by
part; cancelling stops the request in flight."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.chat.conversation import Message
from desktop.core.chat.summary import Line, answer_room, passages, request
from desktop.core.errors import OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.tasks import Task


class ChatSummarizer(QObject):
    """progressed(int, int)        part n of N is being written
    finished(str)                  the summary (not empty)
    failed(OllamaError)            the server failed (or the model wrote nothing: EMPTY)
    historyFailed(HistoryError)    the chat could not be read"""

    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(OllamaError)
    historyFailed = Signal(HistoryError)

    def __init__(
        self, history: ChatHistory, ollama: OllamaService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.ollama = ollama
        self._task: Task | None = None
        self._run = 0  # a cancelled run's late answers are ignored

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(
        self,
        conv_id: int,
        model: str,
        window: int,
        scale: float,
        options: dict[str, Any] | None = None,
    ) -> None:
        """Summarise conversation ``conv_id`` with ``model`` in requests that fit
        ``window`` tokens (estimated with ``scale``, the model's learned tokens ratio)."""
        self.cancel()
        self._run += 1
        run = self._run

        def read_failed(error: HistoryError) -> None:
            if run == self._run:
                self.historyFailed.emit(error)

        self.history.call(
            "read chat for summary",
            lambda s: s.messages(conv_id),
            on_success=lambda msgs: self._write(run, msgs, model, window, scale, options or {}),
            on_failure=read_failed,
        )

    def cancel(self) -> None:
        self._run += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _write(
        self,
        run: int,
        messages: list[Message],
        model: str,
        window: int,
        scale: float,
        options: dict[str, Any],
    ) -> None:
        if run != self._run:
            return
        lines = [
            Line(m.role, m.content)
            for m in messages
            if m.role in ("user", "assistant") and m.content.strip()
        ]
        parts = passages(lines, window, scale)
        opts = {**options, "num_ctx": window, "num_predict": answer_room(window)}

        def op(api: OllamaApi, token: CancelToken, report: Any) -> str:
            summary = ""
            for i, passage in enumerate(parts, 1):
                token.check()
                report((i, len(parts)))
                asked = request(summary, passage, i, len(parts))
                result = api.chat(model, asked, None, token, options=opts)
                summary = result.content.strip() or summary
            return summary

        api = self.ollama.api
        self._task = self.ollama.runner.run(
            "summarise chat",
            lambda t, r: op(api, t, r),
            on_success=lambda s: self._done(run, s),
            on_failure=lambda e: self._failed(run, e),
            on_progress=lambda p: self._progress(run, p),
        )

    def _progress(self, run: int, p: object) -> None:
        if run == self._run and isinstance(p, tuple):
            self.progressed.emit(int(p[0]), int(p[1]))

    def _done(self, run: int, summary: object) -> None:
        if run == self._run:
            self._task = None
            self.finished.emit(str(summary))

    def _failed(self, run: int, error: OllamaError) -> None:
        if run == self._run:
            self._task = None
            self.failed.emit(error)
