"""Renaming, deleting and exporting a chat the way a person does it: right-click the chat
in the list, pick the menu entry, answer the dialog. The dialogs' static methods are
replaced by answers (a real modal dialog would wait for a human); the menu is real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QListWidgetItem,
    QMenu,
)
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.answer_box import answer_next_box
from tests.chat.conftest import make_tab, read_store
from tests.fake_ollama.models import DEFAULT_ANSWER


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    monitor = SystemMonitor(interval=0.05)
    t = make_tab(qtbot, service, settings, history, monitor)
    t.resize(1100, 700)
    t.show()
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    yield t
    monitor.stop()


def chat_once(qtbot: QtBot, tab: ChatTab, text: str) -> int:
    """Send a message, wait for the answer; returns the conversation's id."""
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    conv = tab.conversations.conv
    assert conv is not None
    qtbot.waitUntil(lambda: item_for(tab, conv.id) is not None, timeout=3000)
    return conv.id


def item_for(tab: ChatTab, conv_id: int) -> QListWidgetItem | None:
    lst = tab.view.conversations
    for i in range(lst.count()):
        item = lst.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == conv_id:
            return item
    return None


def right_click_and_pick(tab: ChatTab, conv_id: int, entry: str) -> list[str]:
    """Right-click the chat's row and choose ``entry`` from the menu that opens (a real,
    modal QMenu: a timer picks the entry from inside its event loop); returns the entries
    the menu offered."""
    offered: list[str] = []

    def pick(tries: int = 200) -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if tries:
                QTimer.singleShot(5, lambda: pick(tries - 1))
            return
        actions = [a for a in menu.actions() if not a.isSeparator()]
        offered.extend(a.text() for a in actions)
        chosen = [a for a in actions if a.text() == entry]
        menu.close()  # the menu's exec() returns
        if chosen:
            chosen[0].trigger()

    item = item_for(tab, conv_id)
    assert item is not None
    lst = tab.view.conversations
    QTimer.singleShot(0, pick)
    lst.customContextMenuRequested.emit(lst.visualItemRect(item).center())
    assert entry in offered, (entry, offered)
    return offered


def answer_with(
    monkeypatch: pytest.MonkeyPatch, cls: type, name: str, answer: Any
) -> list[tuple[Any, ...]]:
    """Make ``cls.name(...)`` (a static dialog) return ``answer``; records the calls."""
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls.append(args + tuple(kwargs.values()))
        return answer(*args, **kwargs) if callable(answer) else answer

    monkeypatch.setattr(cls, name, staticmethod(fake))
    return calls


def in_a_home_with_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user whose home folder has a Documents folder (Qt finds it through $HOME)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home / "Documents"


def drain(qtbot: QtBot, tab: ChatTab) -> None:
    """Wait for a round trip through the history thread, then for the list to reload:
    whatever the dialog's answer queued is done by then."""
    for _ in range(2):
        done: list[bool] = []
        tab.history.barrier(lambda d=done: d.append(True))  # type: ignore[misc]
        qtbot.waitUntil(lambda d=done: bool(d), timeout=3000)  # type: ignore[misc]


def titles(tab: ChatTab) -> list[str]:
    lst = tab.view.conversations
    return [lst.item(i).text() for i in range(lst.count())]


def test_rename_from_the_context_menu(
    qtbot: QtBot, tab: ChatTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv_id = chat_once(qtbot, tab, "How do llamas sleep?")
    old_title = item_for(tab, conv_id).text()  # type: ignore[union-attr]
    calls = answer_with(monkeypatch, QInputDialog, "getText", ("  Llama naps  ", True))
    offered = right_click_and_pick(tab, conv_id, "Rename…")
    assert offered == ["Rename…", "Export as Markdown…", "Export as JSON…", "Delete…"]
    assert calls and old_title in calls[0]  # the dialog starts from the current title
    qtbot.waitUntil(lambda: titles(tab) == ["Llama naps"], timeout=3000)
    store = read_store(tab.history.path)
    try:
        assert store.conversation(conv_id).title == "Llama naps"  # trimmed, and stored
    finally:
        store.close()
    assert tab.conversations.conv is not None and tab.conversations.conv.title == "Llama naps"


@pytest.mark.parametrize("answer", [("", True), ("   ", True), ("Ignored", False)])
def test_rename_cancelled_or_blank_changes_nothing(
    qtbot: QtBot, tab: ChatTab, monkeypatch: pytest.MonkeyPatch, answer: tuple[str, bool]
) -> None:
    conv_id = chat_once(qtbot, tab, "Hello")
    old_title = item_for(tab, conv_id).text()  # type: ignore[union-attr]
    calls = answer_with(monkeypatch, QInputDialog, "getText", answer)
    right_click_and_pick(tab, conv_id, "Rename…")
    assert calls
    drain(qtbot, tab)
    assert titles(tab) == [old_title]
    store = read_store(tab.history.path)
    try:
        assert store.conversation(conv_id).title == old_title
    finally:
        store.close()


@pytest.mark.parametrize("confirm", [True, False])
def test_delete_asks_first_and_removes_the_chat_with_its_messages(
    qtbot: QtBot, tab: ChatTab, monkeypatch: pytest.MonkeyPatch, confirm: bool
) -> None:
    keep = chat_once(qtbot, tab, "Keep this one")
    tab.composer.new_chat()
    doomed = chat_once(qtbot, tab, "Delete this one")
    doomed_title = item_for(tab, doomed).text()  # type: ignore[union-attr]
    # a real box, answered as a person does: the Delete button, or Enter by habit
    asked = answer_next_box(click="Delete" if confirm else None)
    right_click_and_pick(tab, doomed, "Delete…")
    assert doomed_title in asked.text  # names it
    assert asked.default == "Cancel"  # Enter keeps the chat
    if confirm:
        qtbot.waitUntil(lambda: item_for(tab, doomed) is None, timeout=3000)
        # the open chat was the deleted one: the view starts a new chat
        assert tab.conversations.conv is None or tab.conversations.conv.id != doomed
        assert tab.view.messages == []
    else:
        drain(qtbot, tab)
        assert item_for(tab, doomed) is not None
        assert tab.conversations.conv is not None and tab.conversations.conv.id == doomed
    assert item_for(tab, keep) is not None
    store = read_store(tab.history.path)
    try:
        ids = [c.id for c in store.list_conversations()]
        assert keep in ids and (doomed in ids) is not confirm
        assert len(store.messages(keep)) == 2
        assert len(store.messages(doomed)) == (0 if confirm else 2)
    finally:
        store.close()


def test_export_markdown_and_json_from_the_menu(
    qtbot: QtBot, tab: ChatTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = in_a_home_with_documents(tmp_path, monkeypatch)
    conv_id = chat_once(qtbot, tab, "Explain quantization")
    for entry, name in (("Export as Markdown…", "out.md"), ("Export as JSON…", "out.json")):
        target = tmp_path / "exports" / name
        target.parent.mkdir(exist_ok=True)
        calls = answer_with(monkeypatch, QFileDialog, "getSaveFileName", (str(target), "filter"))
        right_click_and_pick(tab, conv_id, entry)
        # it starts in Documents, named after the chat
        assert calls and calls[0][2] == str(documents / f"Explain quantization.{name[4:]}")
        qtbot.waitUntil(target.exists, timeout=3000)
        # the user is told where it went
        qtbot.waitUntil(
            lambda t=target: str(t) in tab.view.banner.label.text(),  # type: ignore[misc]
            timeout=3000,
        )
    md = (tmp_path / "exports" / "out.md").read_text(encoding="utf-8")
    assert "Explain quantization" in md and DEFAULT_ANSWER.splitlines()[0] in md
    doc = json.loads((tmp_path / "exports" / "out.json").read_text(encoding="utf-8"))
    assert doc["format"] == "ollama-desk-chat"
    assert [m["role"] for m in doc["messages"]] == ["user", "assistant"]
    assert doc["messages"][0]["content"] == "Explain quantization"
    assert doc["messages"][1]["content"] == DEFAULT_ANSWER
    assert doc["messages"][1]["status"] == MessageStatus.COMPLETE.value


def test_export_cancelled_writes_nothing(
    qtbot: QtBot, tab: ChatTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv_id = chat_once(qtbot, tab, "Hi")
    before = set(tmp_path.rglob("*"))
    calls = answer_with(monkeypatch, QFileDialog, "getSaveFileName", ("", ""))
    right_click_and_pick(tab, conv_id, "Export as JSON…")
    assert calls
    drain(qtbot, tab)
    written = {p for p in set(tmp_path.rglob("*")) - before if p.suffix in (".md", ".json")}
    assert not written


def test_right_click_outside_a_chat_opens_no_menu(qtbot: QtBot, tab: ChatTab) -> None:
    chat_once(qtbot, tab, "Hi")
    opened: list[object] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        opened.append(popup)
        if popup is not None:
            popup.close()  # a menu that opened must not block the test

    QTimer.singleShot(0, look)
    lst = tab.view.conversations
    lst.customContextMenuRequested.emit(lst.viewport().rect().bottomRight())
    qtbot.waitUntil(lambda: bool(opened), timeout=1000)  # returned at once: no modal menu
    assert opened == [None]
