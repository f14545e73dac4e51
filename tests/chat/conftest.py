"""Chat test fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.hosts import parse_ollama_host
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
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


@pytest.fixture
def history(tmp_path: Path) -> Iterator[ChatHistory]:
    h = ChatHistory(tmp_path / "chats.sqlite3")
    yield h
    h.close()


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.json")


def read_store(path: Path) -> ChatStore:
    """A second connection, as a restarted app would open it."""
    return ChatStore(path)
