"""A history that cannot be opened or written: the user is told, nothing typed is lost,
the file is never changed without the user's choice, and nothing stays stuck."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import ChatParams
from desktop.services.chat.history import ChatHistory, HistoryMode
from desktop.services.chat.schema import MIGRATIONS
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.chat.conftest import drain, make_services, make_tab, read_store
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER

MODEL = "gemma3-270m:latest"


def ready(qtbot: QtBot, tab: ChatTab) -> ChatTab:
    tab.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(tab.picker.models), timeout=5000)
    return tab


def send(tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    tab.composer.send()


def answered(qtbot: QtBot, tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.composer.send()


def test_one_failed_write_does_not_stop_sending(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    # a real sqlite failure: the connection refuses every write from now on
    history.call(
        "break",
        lambda s: s.db.execute("PRAGMA query_only=ON"),
        on_success=lambda _r: None,
        on_failure=lambda _e: None,
    )
    drain(qtbot, history)
    with qtbot.waitSignal(tab.conversations.sendFailed, timeout=5000):
        send(tab, "Will this be lost?")
    assert tab.view.composer.toPlainText() == "Will this be lost?"  # kept for the user
    assert "could not be saved" in tab.banner.text and "text is kept" in tab.banner.text
    assert not tab.view.send_button.isHidden() or not tab.isVisible()
    assert tab.view.messages == [] and tab.conversations.can_send
    history.call(
        "mend",
        lambda s: s.db.execute("PRAGMA query_only=OFF"),
        on_success=lambda _r: None,
        on_failure=lambda _e: None,
    )
    # the very next Send works (it used to do nothing, silently, for good)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.composer.send()
    assert [m.text() for m in tab.view.messages] == ["Will this be lost?", DEFAULT_ANSWER]
    assert tab.view.composer.toPlainText() == ""
    drain(qtbot, history)
    store = read_store(history.path)
    try:
        conv = store.list_conversations()[0]
        assert [m.content for m in store.messages(conv.id)] == [
            "Will this be lost?",
            DEFAULT_ANSWER,
        ]
    finally:
        store.close()


def test_damaged_history_is_explained_kept_and_moved_aside_only_when_asked(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, tmp_path: Path
) -> None:
    path = tmp_path / "chats.sqlite3"
    garbage = b"not a database, maybe a half-copied file\n" * 64
    path.write_bytes(garbage)
    history = ChatHistory(service.runner, path)
    services = make_services(service, settings, history)
    # the history answers before the tab exists (as at start-up): nothing may get lost
    services.conversations.start()
    qtbot.waitUntil(lambda: history.mode is HistoryMode.UNAVAILABLE, timeout=5000)
    tab = ChatTab(service, settings, services)
    qtbot.addWidget(tab)
    ready(qtbot, tab)
    notice = tab.notice
    assert not notice.isHidden()
    assert str(path) in notice.label.text() and "damaged" in notice.label.text()
    assert "left exactly as it is" in notice.label.text()
    assert notice.label.textFormat() is Qt.TextFormat.PlainText
    assert notice.read_only.isHidden() and not notice.move_aside.isHidden()
    with qtbot.waitSignal(tab.conversations.sendFailed, timeout=5000):
        send(tab, "keep me")
    assert tab.view.composer.toPlainText() == "keep me"
    assert "could not be saved" in tab.banner.text
    assert path.read_bytes() == garbage  # untouched
    with qtbot.waitSignal(tab.conversations.historyChanged, timeout=5000):
        notice.move_aside.click()
    qtbot.waitUntil(lambda: history.mode is HistoryMode.OPEN, timeout=5000)
    assert notice.isHidden()
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("chats.unusable-")]
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    answered(qtbot, tab, "keep me")
    assert tab.view.messages[-1].text() == DEFAULT_ANSWER
    history.close()


def test_newer_history_can_be_read_but_not_written(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, tmp_path: Path
) -> None:
    path = tmp_path / "chats.sqlite3"
    store = read_store(path)
    conv = store.create_conversation("From the future", MODEL, "", ChatParams(), True)
    store.add_message(conv.id, "user", "hello")
    store.close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    db.close()
    before = path.read_bytes()
    history = ChatHistory(service.runner, path)
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    qtbot.waitUntil(lambda: not tab.notice.isHidden(), timeout=5000)
    assert "newer version" in tab.notice.label.text()
    assert tab.view.conversations.count() == 0
    tab.notice.read_only.click()
    lst = tab.view.conversations
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=5000)
    assert lst.item(0).text() == "From the future"
    assert "read-only" in tab.notice.label.text()
    with qtbot.waitSignal(tab.conversations.sendFailed, timeout=5000):
        send(tab, "a new question")
    assert tab.view.composer.toPlainText() == "a new question"
    history.close()
    assert path.read_bytes() == before


def test_history_damaged_while_in_use_is_explained(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, tmp_path: Path
) -> None:
    path = tmp_path / "chats.sqlite3"
    store = read_store(path)
    conv = store.create_conversation("long chat", MODEL, "", ChatParams(), True)
    for i in range(300):
        store.add_message(conv.id, "user", f"message {i} " * 40)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # a copy that stopped a third of the way
    cut = path.read_bytes()
    history = ChatHistory(service.runner, path)
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    lst = tab.view.conversations
    qtbot.waitUntil(lambda: not tab.notice.isHidden() or lst.count() == 1, timeout=5000)
    if tab.notice.isHidden():  # the first pages were whole: the damage shows on reading
        tab.conversations.open(conv.id)
        qtbot.waitUntil(lambda: not tab.notice.isHidden(), timeout=5000)
    assert "damaged" in tab.notice.label.text() and str(path) in tab.notice.label.text()
    assert path.read_bytes() == cut
    history.close()


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system mounted read-only (tmpfs), when this test may mount one."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting needs root (as root, permissions alone cannot refuse a write)")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)])
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_read_only_folder_is_explained_and_can_be_read(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, read_only_disk: Path
) -> None:
    path = read_only_disk / "chats.sqlite3"
    store = read_store(path)
    store.create_conversation("written before", MODEL, "", ChatParams(), True)
    store.db.execute("PRAGMA journal_mode=DELETE")  # a clean close leaves no -wal/-shm
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_disk)], check=True)
    history = ChatHistory(service.runner, path)
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    qtbot.waitUntil(lambda: not tab.notice.isHidden(), timeout=5000)
    assert "cannot be written to" in tab.notice.label.text()
    assert not tab.notice.read_only.isHidden()
    tab.notice.read_only.click()
    lst = tab.view.conversations
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=5000)
    assert lst.item(0).text() == "written before"
    with qtbot.waitSignal(tab.conversations.sendFailed, timeout=5000):
        send(tab, "new words")
    assert tab.view.composer.toPlainText() == "new words"
    history.close()
