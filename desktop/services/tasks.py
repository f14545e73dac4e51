"""One background-task API: run ``op`` in a worker thread, get results on the main thread.

``TaskRunner.run(name, op, on_success=..., on_failure=...)`` is the way to run blocking work
(HTTP, processes, sqlite, file I/O): the failure path is required, so no call can end without
its caller hearing. Network work runs in parallel; ``lane="..."`` runs tasks one at a time in
submission order (sqlite, settings files). Workers never touch widgets: they only call the
``report`` callback, which emits a Qt signal delivered, queued, on the main thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.cancel import CancelToken


class Task(QObject):
    """A running operation. Signals arrive on the main thread.

    progressed(object)  a progress value reported by the operation
    succeeded(object)   the operation's result
    failed(object)      an OllamaError (CANCELLED when the user stopped it)
    finished()          after succeeded or failed
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.lane: str | None = None
        self.cancel_token = CancelToken()
        self.done = False
        self.result: Any = None
        self.error: OllamaError | None = None
        self.finished.connect(self._mark_done)

    def cancel(self) -> None:
        """Stop promptly: the worker's socket is shut, its loop sees the flag."""
        self.cancel_token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled

    def _mark_done(self) -> None:
        self.done = True


Operation = Callable[[CancelToken, Callable[[Any], None]], Any]
SuccessHandler = Callable[[Any], None]
FailureHandler = Callable[[OllamaError], None]


class _Runnable(QRunnable):
    def __init__(self, task: Task, op: Operation) -> None:
        super().__init__()
        self.task = task
        self.op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        try:
            result = self.op(task.cancel_token, self._report)
        except OllamaError as e:
            task.error, task.done = e, True
            self._emit(task.failed, e)
        except Exception as e:  # noqa: BLE001 - a worker must always report back
            err = OllamaError(ErrorKind.UNEXPECTED, f"{type(e).__name__}: {e}")
            task.error, task.done = err, True
            self._emit(task.failed, err)
        else:
            # done is true by the time succeeded/failed is handled, so a handler may
            # start the next task of the same kind
            task.result, task.done = result, True
            self._emit(task.succeeded, result)
        self._emit(task.finished)

    def _report(self, value: Any) -> None:
        self._emit(self.task.progressed, value)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # the Task was deleted (its owner went away, e.g. on quit): nobody listens,
            # so stop the operation rather than fail in a worker thread
            self.task.cancel_token.cancel()


# The workers share Python's GIL with the GUI thread. At Python's default 5 ms, a worker in
# pure-Python work (pypdf reading a 300-page PDF) beside the fake server's and the monitor's
# threads kept the GUI from its own timer for 100-330 ms on a 2-core machine; at 1 ms the
# worst gap was 10-17 ms and the PDF took as long (benchmarks/test_attach_cost.py).
SWITCH_INTERVAL_S = 0.001


class TaskRunner(QObject):
    """Runs operations on a thread pool; network work in parallel, few threads."""

    def __init__(self, max_threads: int = 8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        # keep idle workers (and their HTTP clients and keep-alive connections) instead of
        # rebuilding them for every poll
        self.pool.setExpiryTimeout(-1)
        self._live: set[Task] = set()
        self._lanes: dict[str, QThreadPool] = {}

    def run(
        self,
        name: str,
        op: Operation,
        *,
        on_success: SuccessHandler,
        on_failure: FailureHandler,
        on_progress: Callable[[Any], None] | None = None,
        lane: str | None = None,
        context: QObject | None = None,
    ) -> Task:
        """Run ``op(cancel_token, report)`` off the main thread. Exactly one of
        ``on_success(result)`` / ``on_failure(OllamaError)`` is called on the main thread
        (CANCELLED when stopped). With ``lane``, tasks of that lane run one at a time in
        submission order. With ``context``, the handlers run only while that QObject lives
        (a closed dialog hears nothing, and its task is cancelled)."""

        def guarded(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            if context is None:
                return handler
            return lambda value: handler(value) if shiboken6.isValid(context) else None

        def connect(task: Task) -> None:
            task.succeeded.connect(guarded(on_success))
            task.failed.connect(guarded(on_failure))
            if on_progress is not None:
                task.progressed.connect(guarded(on_progress))
            if context is not None:
                context.destroyed.connect(task.cancel)

        return self.submit(name, op, connect, lane=lane)

    def submit(
        self,
        name: str,
        op: Operation,
        connect: Callable[[Task], None] | None = None,
        *,
        lane: str | None = None,
    ) -> Task:
        """Queue ``op`` and return its Task (prefer ``run``, which requires a failure
        handler); call from the main thread. The worker starts on the next turn of the
        event loop, so signals connected right after ``submit`` returns never miss a fast
        result (a queued signal emitted before anyone connected is lost)."""
        task = Task(name, self)
        task.lane = lane
        self._live.add(task)
        task.finished.connect(lambda: self._live.discard(task))
        if connect is not None:
            connect(task)
        runnable = _Runnable(task, op)
        pool = self.pool if lane is None else self._lane(lane)
        QTimer.singleShot(0, self, lambda: pool.start(runnable))
        return task

    def _lane(self, name: str) -> QThreadPool:
        pool = self._lanes.get(name)
        if pool is None:
            pool = self._lanes[name] = QThreadPool(self)
            pool.setMaxThreadCount(1)  # one at a time, in submission order
            pool.setExpiryTimeout(-1)
        return pool

    def wait_lane(self, lane: str, timeout_ms: int = 5000) -> bool:
        """Block until every task queued on ``lane`` has run (on quit: history writes)."""
        pool = self._lanes.get(lane)
        return True if pool is None else bool(pool.waitForDone(timeout_ms))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel everything and wait for the workers (on quit). Lane tasks are not
        cancelled: queued writes finish first."""
        for t in list(self._live):
            if t.lane is None:
                t.cancel()
        ok = bool(self.pool.waitForDone(timeout_ms))
        for pool in self._lanes.values():
            ok = bool(pool.waitForDone(timeout_ms)) and ok
        return ok
