"""The File menu (New chat, Export chat…, Import GGUF…, Quit) and the chat's Export…
button, in the whole app against the fake server (issue 20)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.ui.chat import ChatTab
from desktop.ui.models import ModelsTab
from desktop.ui.models.import_dialog import ImportDialog
from tests.chat.test_conversation_dialogs import answer_with, in_a_home_with_documents
from tests.fake_ollama import FakeOllama


@pytest.fixture
def desk(qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path) -> Iterator[DeskApp]:
    d = build_app(host=fake_ollama.url, config_dir=str(tmp_path / "cfg"), lang="en")
    d.window.show()
    chat = d.window.chat_tab
    assert isinstance(chat, ChatTab)
    qtbot.waitUntil(lambda: bool(chat.picker.models), timeout=5000)
    yield d
    d.window.close()
    d.shutdown()


def entries(desk: DeskApp) -> list[str]:
    return [a.text() for a in desk.window.file_menu.actions() if not a.isSeparator()]


def chat_of(desk: DeskApp) -> ChatTab:
    chat = desk.window.chat_tab
    assert isinstance(chat, ChatTab)
    return chat


def test_the_file_menu_comes_first_with_its_four_entries(desk: DeskApp) -> None:
    menus = [a.text() for a in desk.window.menuBar().actions()]
    assert menus[0] == "&File"
    assert entries(desk) == ["New chat", "Export chat…", "Import GGUF…", "Quit"]
    keys = {a.text(): a.shortcut().toString() for a in desk.window.file_menu.actions()}
    assert keys["New chat"] == "Ctrl+N" and keys["Quit"] == "Ctrl+Q"


def test_export_starts_in_documents_named_after_the_chat(
    qtbot: QtBot, desk: DeskApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = in_a_home_with_documents(tmp_path, monkeypatch)
    chat = chat_of(desk)
    export = chat.keys.export_action
    assert not export.isEnabled() and not chat.view.export_button.isEnabled()  # nothing yet
    chat.view.composer.setPlainText("How fast is a 1B model?")
    with qtbot.waitSignal(chat.session.finished, timeout=10000):
        chat.composer.send()
    assert export.isEnabled() and chat.view.export_button.isEnabled()
    target = tmp_path / "out" / "my chat"  # no ending typed: the chosen type adds it
    target.parent.mkdir()
    shown_then: list[object] = []

    def save_as(*_args: Any) -> tuple[str, str]:
        shown_then.append(desk.window.tabs.currentWidget())
        return (str(target), "JSON (*.json)")

    calls = answer_with(monkeypatch, QFileDialog, "getSaveFileName", save_as)
    desk.window.tabs.setCurrentIndex(1)  # from another tab: the chat comes to the front
    export.trigger()
    assert shown_then == [chat]  # the chat is in front before the dialog asks
    start: Any = calls[0][2]
    assert start == str(documents / "How fast is a 1B model.md")  # "?" is no file name
    written = target.with_name("my chat.json")
    qtbot.waitUntil(written.exists, timeout=5000)
    doc = json.loads(written.read_text(encoding="utf-8"))
    assert doc["messages"][0]["content"] == "How fast is a 1B model?"
    calls.clear()
    chat.view.export_button.click()  # the button above the chat does the same
    assert calls and calls[0][2] == start


def test_new_chat_from_another_tab(qtbot: QtBot, desk: DeskApp) -> None:
    chat = chat_of(desk)
    chat.view.composer.setPlainText("hello")
    with qtbot.waitSignal(chat.session.finished, timeout=10000):
        chat.composer.send()
    desk.window.tabs.setCurrentIndex(2)
    chat.keys.new_chat_action.trigger()
    assert desk.window.tabs.currentWidget() is chat
    assert chat.conversations.conv is None and chat.view.messages == []


def test_import_gguf_opens_the_models_tabs_import(qtbot: QtBot, desk: DeskApp) -> None:
    desk.window.import_action.trigger()
    models = desk.window.models_tab
    assert isinstance(models, ModelsTab)
    assert desk.window.tabs.currentWidget() is models
    assert models.tabs.currentWidget() is models.installed
    dialog = models.installed_presenter.import_dialog
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)  # open, not blocking the window
    desk.window.import_action.trigger()  # asked again: the same dialog, not a second one
    assert models.installed_presenter.import_dialog is dialog
    dialog.reject()


def test_quit_closes_the_window_as_its_close_button_does(qtbot: QtBot, desk: DeskApp) -> None:
    with qtbot.waitSignal(desk.window.closing, timeout=2000):
        desk.window.quit_action.trigger()
    assert not desk.window.isVisible()


def test_file_names_every_system_accepts() -> None:
    from desktop.core.chat.export import file_name

    assert file_name('a/b\\c:d*e?f"g<h>i|j') == "a b c d e f g h i j"
    assert file_name("  ...  ") == "chat" and file_name("CON") == "chat CON"
    assert file_name("東京について教えて") == "東京について教えて"
    assert len(file_name("x" * 500)) == 80 and file_name("tab\there.") == "tab here"
