"""Chat test fixtures."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest

from desktop.core.hosts import parse_ollama_host
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from tests.fake_ollama import FakeOllama

# PySide6 6.12.0 on Python 3.11 returns None (and True/False) from Qt methods without
# taking a reference (these are immortal only from Python 3.12), so their refcounts fall by
# one per call and the interpreter aborts ("none_dealloc"/"bool_dealloc") after ~5,000
# calls. Streaming tests make far more. Spare references that are never given back (a list
# would be freed at exit and the crash would come back then) keep these tests running; the
# app itself needs the dependency pinned below 6.12.0 (6.11.3 is clean; reported to lead).
if PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12):
    for _obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_obj)).value += 1 << 40


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
