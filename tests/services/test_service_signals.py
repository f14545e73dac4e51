"""The Qt service layer: work runs off the UI thread and reports by signals."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from desktop.core.errors import ErrorKind
from desktop.core.hosts import parse_ollama_host
from desktop.services.connection import ConnectionMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import TaskRunner
from desktop.ui.common.messages import error_message
from tests.fake_ollama import FakeOllama


def make_service(url: str) -> OllamaService:
    return OllamaService(TaskRunner(), parse_ollama_host(url), timeout=2.0)


def test_task_runs_off_the_main_thread(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    service = make_service(fake_ollama.url)
    seen_thread: list[threading.Thread] = []
    task = service.runner.submit(
        "probe", lambda t, r: seen_thread.append(threading.current_thread()) or 42
    )
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen_thread[0] is not threading.main_thread()


def test_list_and_models_changed_after_copy(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    service = make_service(fake_ollama.url)
    with qtbot.waitSignal(service.modelsChanged, timeout=10000):
        service.copy("gemma3-270m:latest", "mine:1")
    listed = service.list_models()
    with qtbot.waitSignal(listed.succeeded, timeout=5000) as blocker:
        pass
    assert "mine:1" in {m.name for m in blocker.args[0]}


def test_failure_signal_carries_clear_message(qtbot: QtBot, dead_url: str) -> None:
    service = make_service(dead_url)
    task = service.list_models()
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    err = blocker.args[0]
    assert err.kind is ErrorKind.CONNECTION_REFUSED
    msg = error_message(err, service.host.display)
    assert "not running" in msg and service.host.display in msg


def test_chat_chunks_arrive_as_progress(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    service = make_service(fake_ollama.url)
    chunks: list[str] = []
    task = service.chat("gemma3-270m", [{"role": "user", "content": "hi"}])
    task.progressed.connect(lambda c: chunks.append(c.content))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert "".join(chunks) == blocker.args[0].content


def test_monitor_follows_the_server(qtbot: QtBot) -> None:
    fake = FakeOllama().start()
    service = make_service(fake.url)
    monitor = ConnectionMonitor(service, interval_s=0.1)
    with qtbot.waitSignal(
        monitor.stateChanged,
        timeout=5000,
        check_params_cb=lambda s: s.status is ServerStatus.CONNECTED,
    ):
        monitor.start()
    assert monitor.state.version == "0.33.0-rc2"
    with qtbot.waitSignal(
        monitor.stateChanged,
        timeout=5000,
        check_params_cb=lambda s: s.status is not ServerStatus.CONNECTED,
    ):
        fake.stop()
    assert monitor.state.status in (ServerStatus.NOT_RUNNING, ServerStatus.NOT_INSTALLED)
    monitor.stop()
    service.runner.shutdown()


def test_monitor_reports_non_ollama_answer(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    fake_ollama.add_fault("/api/version", status=404, error="404 page not found", times=-1)
    service = make_service(fake_ollama.url)
    monitor = ConnectionMonitor(service, interval_s=10)
    with qtbot.waitSignal(monitor.stateChanged, timeout=5000):
        monitor.start()
    assert monitor.state.status is ServerStatus.NOT_OLLAMA
    monitor.stop()
