"""The one background-task API: every call ends in success or failure that its caller hears;
lanes run one at a time in order; a handler whose owner is gone is not called."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.tasks import TaskRunner


def test_failure_reaches_the_caller(qtbot: QtBot) -> None:
    runner = TaskRunner()
    heard: list[Any] = []

    def boom(_token: Any, _report: Any) -> None:
        raise ValueError("disk on fire")

    task = runner.run("boom", boom, on_success=heard.append, on_failure=heard.append)
    qtbot.waitUntil(lambda: task.done and bool(heard), timeout=5000)
    assert isinstance(heard[0], OllamaError)
    assert heard[0].kind is ErrorKind.UNEXPECTED
    assert "disk on fire" in str(heard[0])
    runner.shutdown()


def test_lane_runs_in_order_one_at_a_time(qtbot: QtBot) -> None:
    runner = TaskRunner()
    active = [0]
    most = [0]
    lock = threading.Lock()
    order: list[int] = []

    def make(i: int) -> Any:
        def op(_token: Any, _report: Any) -> int:
            with lock:
                active[0] += 1
                most[0] = max(most[0], active[0])
            time.sleep(0.01)
            with lock:
                active[0] -= 1
            return i

        return op

    for i in range(8):
        runner.run(
            f"w{i}",
            make(i),
            on_success=order.append,
            on_failure=lambda e: order.append(-1),
            lane="db",
        )
    qtbot.waitUntil(lambda: len(order) == 8, timeout=5000)
    assert order == list(range(8))
    assert most[0] == 1
    runner.shutdown()


def test_handlers_of_a_deleted_owner_are_not_called(qtbot: QtBot) -> None:
    runner = TaskRunner()
    owner = QObject()
    heard: list[Any] = []
    gate = threading.Event()

    def op(token: Any, _report: Any) -> str:
        gate.wait(5)
        return "late"

    task = runner.run("late", op, on_success=heard.append, on_failure=heard.append, context=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.cancelled, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    qtbot.wait(50)
    assert heard == []
    runner.shutdown()
