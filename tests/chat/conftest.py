"""Chat test fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.hosts import parse_ollama_host
from desktop.services.chat.bundle import ChatServices
from desktop.services.chat.history import ChatHistory, HistoryMode
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.chat import ChatTab
from tests.fake_ollama import FakeOllama


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def service(fake_ollama: FakeOllama, runner: TaskRunner) -> Iterator[OllamaService]:
    s = OllamaService(runner, parse_ollama_host(fake_ollama.url))
    yield s
    s.api.close()


def open_history(qtbot: QtBot, history: ChatHistory, read_only: bool = False) -> None:
    """Open and wait for the answer (either one)."""
    done: list[object] = []
    history.open(done.append, done.append, read_only=read_only)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)


@pytest.fixture
def history(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> Iterator[ChatHistory]:
    h = ChatHistory(runner, tmp_path / "chats.sqlite3")
    open_history(qtbot, h)
    assert h.mode is HistoryMode.OPEN
    yield h
    h.close()


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.json")


def drain(qtbot: QtBot, history: ChatHistory) -> None:
    """Wait until every history call made so far has ended (and been answered)."""
    done: list[bool] = []
    history.barrier(lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)


def make_services(
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    monitor: SystemMonitor | None = None,
) -> ChatServices:
    """What app.py's _build_chat builds (documents too long for the window are searched in
    an index beside the history)."""
    return ChatServices.build(service, settings, history, monitor or SystemMonitor())


def make_tab(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    monitor: SystemMonitor | None = None,
) -> ChatTab:
    """A chat tab as the app builds it: services first, the tab, then the history opens
    (or, when the fixture opened it already, the list is read)."""
    services = make_services(service, settings, history, monitor)
    tab = ChatTab(service, settings, services)
    qtbot.addWidget(tab)
    if history.mode is HistoryMode.CLOSED:
        services.conversations.start()
    else:
        services.conversations.reload()
    return tab


def read_store(path: Path) -> ChatStore:
    """A second connection, as a restarted app would open it."""
    return ChatStore(path)
