"""The everyday chat: settings that stay, a length cap, focus, shortcuts, banners."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.params_dialog import ParamsDialog
from tests.chat.conftest import make_tab
from tests.fake_ollama import FakeOllama


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    t = make_tab(qtbot, service, settings, history)
    t.resize(1100, 700)
    t.show()
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    activate(qtbot, t)
    yield t
    t.monitor.stop()


def activate(qtbot: QtBot, tab: ChatTab) -> None:
    """Offscreen Qt drops the window's activation when a message widget is built (not
    so on a desktop); key presses need an active window, so give it back."""
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)


def options(fake: FakeOllama) -> dict:  # type: ignore[type-arg]
    return [b for (_m, p, b) in fake.requests if p == "/api/chat"][-1]["options"]


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> object:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def apply_dialog(tab: ChatTab, *, seed: int, most: int, new_chats: bool) -> None:
    dialog: ParamsDialog = tab.chat_settings.make_dialog()
    dialog.seed.setValue(seed)
    dialog.num_predict.setValue(most)
    (dialog.new_chats if new_chats else dialog.this_chat).setChecked(True)
    tab.chat_settings.apply(dialog)
    dialog.deleteLater()


def test_settings_for_this_chat_stay_with_it_and_new_chats_start_from_defaults(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    button = tab.view.settings_button
    assert button.text() == "Chat settings…"
    ask(qtbot, tab, "first")
    assert options(fake_ollama) == {"temperature": 0.8, "num_predict": 2048}  # a sane cap
    apply_dialog(tab, seed=42, most=200, new_chats=False)
    assert "custom" in button.text() and "seed" in button.toolTip()
    ask(qtbot, tab, "second")
    assert options(fake_ollama)["seed"] == 42 and options(fake_ollama)["num_predict"] == 200
    activate(qtbot, tab)
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.messages == [] and tab.conversations.conv is None
    assert button.text() == "Chat settings…"  # the new chat starts from the defaults
    ask(qtbot, tab, "third")
    assert options(fake_ollama) == {"temperature": 0.8, "num_predict": 2048}
    # the defaults themselves: new chats get them, the open chat keeps its own
    apply_dialog(tab, seed=7, most=-1, new_chats=True)
    assert "custom" in button.text()  # this chat now differs from the new defaults
    ask(qtbot, tab, "fourth")
    assert options(fake_ollama) == {"temperature": 0.8, "num_predict": 2048}
    tab.composer.new_chat()
    ask(qtbot, tab, "fifth")
    assert options(fake_ollama) == {"temperature": 0.8, "seed": 7}  # no cap: lifted


def test_an_answer_cut_by_the_cap_says_so_and_offers_to_change_it(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_dialog(tab, seed=-1, most=5, new_chats=False)
    out = ask(qtbot, tab, "long please")
    assert out.status is MessageStatus.COMPLETE  # type: ignore[attr-defined]
    assert "limit of 5 tokens" in tab.banner.text
    opened: list[bool] = []
    monkeypatch.setattr(ParamsDialog, "exec", lambda self: opened.append(True) or 0)
    tab.view.banner.action.click()
    assert opened == [True]


def test_focus_is_in_the_message_box_at_launch_and_after_sending(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    composer = tab.view.composer
    assert QApplication.focusWidget() is composer  # at launch: type at once
    ask(qtbot, tab, "hello")
    tab.view.search.setFocus()
    tab.view.composer.setPlainText("again")
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.view.send_button.click()  # by mouse: the focus was elsewhere
    assert tab.focusWidget() is composer  # after sending: ready for the next question


def test_keyboard_shortcuts(qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama) -> None:
    composer = tab.view.composer
    ask(qtbot, tab, "first question")
    activate(qtbot, tab)
    # Ctrl+R regenerates the last answer
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(composer, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(tab.view.messages) == 2
    activate(qtbot, tab)
    # Esc stops a streaming answer
    fake_ollama.token_delay = 0.05
    composer.setPlainText("slow")
    tab.composer.send()
    qtbot.waitUntil(lambda: tab.session.busy, timeout=5000)
    activate(qtbot, tab)
    with qtbot.waitSignal(tab.session.finished, timeout=3000) as stopped:
        qtbot.keyClick(composer, Qt.Key.Key_Escape)
    assert stopped.args[0].status is MessageStatus.STOPPED
    activate(qtbot, tab)
    # Ctrl+F: search chats; Ctrl+Shift+M: the model picker
    qtbot.keyClick(composer, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.view.search
    qtbot.keyClick(
        tab.view.search,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.focusWidget() is tab.view.model
    listing = tab.show_shortcuts()
    text = listing.text()
    listing.close()
    for what in ("Stop the answer", "New chat", "Search chats", "Regenerate", "model"):
        assert what in text


def test_help_menu_lists_the_chat_shortcuts(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    desk = build_app(host=fake_ollama.url, config_dir=str(tmp_path / "cfg"), lang="en")
    try:
        chat = desk.window.chat_tab
        assert isinstance(chat, ChatTab)
        assert chat.shortcuts_action in desk.window.help_menu.actions()
    finally:
        desk.window.close()
        desk.shutdown()


def test_connection_lost_banner_goes_after_a_good_regenerate(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.add_fault("/api/chat", drop_after=4)
    out = ask(qtbot, tab, "hello")
    assert out.status is MessageStatus.ERROR  # type: ignore[attr-defined]
    assert "connection" in tab.banner.text.lower()
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as again:
        tab.view.messages[-1].regen_button.click()
    assert again.args[0].status is MessageStatus.COMPLETE
    assert tab.banner.text == ""


def test_the_thread_tuners_best_setting_is_used_unless_the_chat_sets_its_own(
    qtbot: QtBot, tab: ChatTab, settings: SettingsStore, fake_ollama: FakeOllama
) -> None:
    model = tab.picker.current_model()
    settings.set("model_num_thread", json.dumps({model.lower(): 2}))
    ask(qtbot, tab, "tuned")
    assert options(fake_ollama)["num_thread"] == 2  # the Benchmark tab's best for this model
    dialog: ParamsDialog = tab.chat_settings.make_dialog()
    dialog.num_thread.setValue(1)
    dialog.this_chat.setChecked(True)
    tab.chat_settings.apply(dialog)
    dialog.deleteLater()
    ask(qtbot, tab, "own setting")
    assert options(fake_ollama)["num_thread"] == 1  # the chat's own choice wins
