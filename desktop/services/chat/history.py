"""ChatHistory: the chat store on the one task API, one call at a time on the "chat-db" lane.

Every call ends in ``on_success(result)`` or ``on_failure(HistoryError)`` on the main
thread, never in silence: a failed write, a history that could not be opened, or one that
is closed all reach the caller. Nothing is emitted on its own, so no failure can happen
before anyone listens: whoever opens the history hears how the opening went.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject

from desktop.core.errors import OllamaError
from desktop.services.chat.errors import HistoryError, HistoryErrorKind, classify
from desktop.services.chat.store import ChatStore
from desktop.services.tasks import Task, TaskRunner

T = TypeVar("T")
LANE = "chat-db"


class HistoryMode(Enum):
    CLOSED = "closed"  # not opened yet, or closed on quit
    OPEN = "open"
    READ_ONLY = "read_only"  # the user chose to look at a file that cannot be written
    UNAVAILABLE = "unavailable"  # opening failed: calls fail with UNAVAILABLE


@dataclass(frozen=True)
class Opened:
    """How an opening went: the mode, and how many answers were found cut off."""

    mode: HistoryMode
    interrupted: int = 0


@dataclass(frozen=True)
class _Failed:
    error: HistoryError


class ChatHistory(QObject):
    """The chat database for the app. ``open()`` first; then ``call()`` for each job."""

    def __init__(self, runner: TaskRunner, path: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.path = Path(path)
        self.mode = HistoryMode.CLOSED
        self.problem: HistoryError | None = None  # why opening failed, while it has
        self._store: ChatStore | None = None
        self._pending: set[Task] = set()
        self._unusable = False  # found damaged while open: calls refused until reopened

    # -- opening -----------------------------------------------------------------------
    def open(
        self,
        on_success: Callable[[Opened], None],
        on_failure: Callable[[HistoryError], None],
        *,
        read_only: bool = False,
    ) -> None:
        """Open (or create) the database. A file that cannot be used is left untouched;
        ``on_failure`` says why, and later calls fail with UNAVAILABLE until a new open."""
        path = self.path

        def op(_store: ChatStore | None) -> Opened:
            if self._store is not None:
                self._store.close()
                self._store = None
            store = ChatStore(path, read_only=read_only)
            self._store, self._unusable = store, False
            mode = HistoryMode.READ_ONLY if read_only else HistoryMode.OPEN
            return Opened(mode, store.recovered)

        def done(opened: Opened) -> None:
            self.mode, self.problem = opened.mode, None
            on_success(opened)

        def failed(error: HistoryError) -> None:
            self.mode, self.problem = HistoryMode.UNAVAILABLE, error
            on_failure(error)

        self._submit("open history", op, done, failed, None, needs_store=False)

    def mark_unusable(self, error: HistoryError) -> None:
        """A call found the open file damaged: stop using it (calls fail with UNAVAILABLE)
        until the user chooses what to do (open read-only, or move it aside)."""
        self.mode, self.problem = HistoryMode.UNAVAILABLE, error
        self._unusable = True

    def move_aside(
        self, on_success: Callable[[Path], None], on_failure: Callable[[HistoryError], None]
    ) -> None:
        """The user's choice for a file that cannot be used: rename it (and its -wal and
        -shm) to a timestamped copy beside it, untouched; then ``open()`` starts afresh.
        ``on_success`` gets the copy's path."""
        path = self.path

        def op(_store: ChatStore | None) -> Path:
            if self._store is not None:
                self._store.close()
                self._store = None
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = path.with_name(f"{path.stem}.unusable-{stamp}{path.suffix}")
            n = 1
            while target.exists():
                n += 1
                target = path.with_name(f"{path.stem}.unusable-{stamp}-{n}{path.suffix}")
            for suffix in ("-wal", "-shm"):
                side = Path(f"{path}{suffix}")
                if side.exists():
                    side.rename(Path(f"{target}{suffix}"))
            if path.exists():
                path.rename(target)
            return target

        self._submit("move history aside", op, on_success, on_failure, None, needs_store=False)

    # -- calls -------------------------------------------------------------------------
    def call(
        self,
        name: str,
        fn: Callable[[ChatStore], T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[HistoryError], None],
        context: QObject | None = None,
    ) -> None:
        """Run ``fn(store)`` on the history lane, after every call made before it. Exactly
        one of the handlers runs on the main thread (while ``context`` lives, if given)."""
        self._submit(name, fn, on_success, on_failure, context, needs_store=True)

    def barrier(self, on_done: Callable[[], None]) -> None:
        """``on_done()`` once every call made so far has ended (tests, quit)."""
        self._submit(
            "barrier", lambda _s: None, lambda _r: on_done(), lambda _e: on_done(), None, False
        )

    def _submit(
        self,
        name: str,
        fn: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[HistoryError], None],
        context: QObject | None,
        needs_store: bool,
    ) -> None:
        path = str(self.path)

        def op(_token: object, _report: object) -> Any:
            store = self._store
            if needs_store and (store is None or self._unusable):
                return _Failed(
                    self.problem or HistoryError(HistoryErrorKind.UNAVAILABLE, path, "not open")
                )
            try:
                return fn(store)
            except Exception as e:  # noqa: BLE001 - every failure goes to on_failure
                return _Failed(classify(e, path))

        def succeeded(result: Any) -> None:
            if isinstance(result, _Failed):
                on_failure(result.error)
            else:
                on_success(result)

        def crashed(error: OllamaError) -> None:  # the task API's own failure path
            on_failure(HistoryError(HistoryErrorKind.IO, path, error.detail or str(error)))

        task = self.runner.run(
            name, op, on_success=succeeded, on_failure=crashed, lane=LANE, context=context
        )
        self._pending.add(task)
        task.finished.connect(lambda: self._pending.discard(task))

    # -- quit --------------------------------------------------------------------------
    def wait(self, timeout_ms: int = 5000) -> bool:
        """Block until every call made so far has run and been answered (on quit, where
        the event loop may no longer turn by itself)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            self.runner.wait_lane(LANE, 20)
        return not self._pending

    def close(self, timeout_ms: int = 5000) -> None:
        """Finish queued writes, then close the database (on quit)."""
        if self.mode is HistoryMode.CLOSED and self._store is None and not self._pending:
            return

        def shut(_store: ChatStore | None) -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._submit("close history", shut, lambda _r: None, lambda _e: None, None, False)
        self.wait(timeout_ms)
        self.mode = HistoryMode.CLOSED
