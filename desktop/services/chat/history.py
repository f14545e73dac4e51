"""ChatHistory: the chat store behind one worker thread, results on the main thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.services.chat.store import ChatStore

T = TypeVar("T")


class ChatHistory(QObject):
    """Every call runs on one thread in submission order (a serial database executor), so a
    slot never waits on sqlite. ``on_done`` receives the result on the main thread.

    failed(str)   a database call raised; the message says what
    ready(int)    the store is open; the int is how many answers were found interrupted
    """

    failed = Signal(str)
    ready = Signal(int)
    _delivered = Signal(object, object)

    def __init__(self, path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._store: ChatStore | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chat-db")
        self._closed = False
        self._delivered.connect(self._deliver)
        self._executor.submit(self._open)

    def _open(self) -> None:
        try:
            self._store = ChatStore(self.path)
        except Exception as e:  # noqa: BLE001 - reported to the user, app keeps running
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.ready.emit(self._store.recovered)

    def call(
        self,
        fn: Callable[[ChatStore], T],
        on_done: Callable[[T], None] | None = None,
        context: QObject | None = None,
    ) -> Future[T | None]:
        """Run ``fn(store)`` on the database thread; ``on_done(result)`` on the main one,
        unless ``context`` (the widget that asked) has been deleted by then."""
        if self._closed:
            done: Future[T | None] = Future()
            done.set_result(None)
            return done

        def run() -> T | None:
            if self._store is None:
                return None
            try:
                result = fn(self._store)
            except Exception as e:  # noqa: BLE001
                self.failed.emit(f"{type(e).__name__}: {e}")
                return None
            if on_done is not None:
                self._delivered.emit((on_done, context), result)
            return result

        return self._executor.submit(run)

    def _deliver(self, target: Any, result: Any) -> None:
        callback, context = target
        if context is not None and not shiboken6.isValid(context):
            return
        callback(result)

    def flush(self) -> Future[None]:
        """A future that completes when every call submitted so far has run."""
        return self._executor.submit(lambda: None)

    def close(self) -> None:
        """Finish queued writes and close the database (on quit)."""
        if self._closed:
            return
        self._closed = True

        def shut() -> None:
            if self._store is not None:
                with contextlib.suppress(Exception):
                    self._store.close()
                self._store = None

        self._executor.submit(shut)
        self._executor.shutdown(wait=True)
