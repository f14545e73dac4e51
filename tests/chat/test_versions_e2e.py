"""Editing and Regenerate never lose history (issue 20), as a person meets it: the edit bar
and its one way out, a new version on send, the "‹ 1/2 ›" switcher, and the same history
after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.message_view import MessageWidget
from tests.chat.conftest import drain, make_tab, read_store
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
    """Offscreen Qt drops the window's activation when a message widget is built."""
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)


def answers_with(fake: FakeOllama, tab: ChatTab, text: str) -> None:
    fake.state.installed[tab.picker.current_model().lower()].answer = text


def ask(qtbot: QtBot, tab: ChatTab, fake: FakeOllama, text: str, reply: str) -> None:
    answers_with(fake, tab, reply)
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    activate(qtbot, tab)


def shown(tab: ChatTab) -> list[str]:
    """The texts of the transcript, as on screen."""
    return [m.text() for m in tab.view.messages]


def switch(qtbot: QtBot, tab: ChatTab, message: MessageWidget, step: int) -> None:
    assert message._versions is not None
    button = message._versions[0 if step < 0 else 2]
    assert button.isEnabled() and not button.isHidden()
    with qtbot.waitSignal(tab.messages.conversationShown, timeout=5000):
        button.click()


def stored(qtbot: QtBot, tab: ChatTab) -> list[str]:
    """The chat as a restarted app reads it from the file."""
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        assert tab.conversations.conv is not None
        return [m.content for m in store.messages(tab.conversations.conv.id)]
    finally:
        store.close()


def test_edit_then_dismiss_keeps_the_whole_chat(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, fake_ollama, "first question", "first answer")
    ask(qtbot, tab, fake_ollama, "second question", "second answer")
    bar, box = tab.view.edit_bar, tab.view.composer
    box.setPlainText("a draft I was typing")
    tab.view.messages[0].edit_button.click()
    # one bar says so, with one way out; the general banner (with its Dismiss) stays away
    assert bar.isVisible() and "first question" in bar.label.text()
    assert tab.view.banner.isHidden()
    assert box.toPlainText() == "first question" and box.property("editing") is True
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc leaves edit mode for real
    assert bar.isHidden() and box.property("editing") is False
    assert tab.conversations.edit_from is None
    assert box.toPlainText() == "a draft I was typing"  # the draft comes back
    box.undo()
    assert box.toPlainText() == "first question"  # and Ctrl+Z brings the edit back
    # the same with the button; then the next message is just the next message
    tab.view.messages[0].edit_button.click()
    assert bar.isVisible()
    bar.cancel.click()
    assert bar.isHidden() and tab.conversations.edit_from is None
    ask(qtbot, tab, fake_ollama, "third question", "third answer")
    assert shown(tab) == [
        "first question",
        "first answer",
        "second question",
        "second answer",
        "third question",
        "third answer",
    ]
    assert stored(qtbot, tab) == shown(tab)
    assert all(m.version_text == "" for m in tab.view.messages)  # nothing was forked


def test_edit_then_send_keeps_the_old_version_switchable_across_a_restart(
    qtbot: QtBot,
    tab: ChatTab,
    fake_ollama: FakeOllama,
    service: OllamaService,
    settings: SettingsStore,
) -> None:
    ask(qtbot, tab, fake_ollama, "first question", "first answer")
    ask(qtbot, tab, fake_ollama, "second question", "second answer")
    tab.view.messages[0].edit_button.click()
    ask(qtbot, tab, fake_ollama, "first question, better put", "a better answer")
    assert tab.view.edit_bar.isHidden()
    assert shown(tab) == ["first question, better put", "a better answer"]
    assert tab.view.messages[0].version_text == "2/2"
    switch(qtbot, tab, tab.view.messages[0], -1)
    assert shown(tab) == ["first question", "first answer", "second question", "second answer"]
    assert tab.view.messages[0].version_text == "1/2"
    assert stored(qtbot, tab) == shown(tab)
    conv_id = tab.conversations.conv.id  # type: ignore[union-attr]
    # a restarted app on the same file shows the same chat and can switch on
    path = tab.history.path
    history2 = ChatHistory(service.runner, path)
    tab2 = make_tab(qtbot, service, settings, history2)
    qtbot.waitUntil(lambda: tab2.view.conversations.count() == 1, timeout=5000)
    with qtbot.waitSignal(tab2.messages.conversationShown, timeout=5000):
        tab2.conversations.open(conv_id)
    assert shown(tab2) == ["first question", "first answer", "second question", "second answer"]
    assert tab2.view.messages[0].version_text == "1/2"
    switch(qtbot, tab2, tab2.view.messages[0], +1)
    assert shown(tab2) == ["first question, better put", "a better answer"]
    history2.close()


def test_regenerate_twice_then_switch_back(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, fake_ollama, "name a colour", "red")
    for reply in ("green", "blue"):
        answers_with(fake_ollama, tab, reply)
        with qtbot.waitSignal(tab.session.finished, timeout=10000):
            tab.view.messages[-1].regen_button.click()
        activate(qtbot, tab)
    assert shown(tab) == ["name a colour", "blue"]
    assert tab.view.messages[1].version_text == "3/3"
    switch(qtbot, tab, tab.view.messages[1], -1)
    assert shown(tab) == ["name a colour", "green"]
    assert tab.view.messages[1].version_text == "2/3"
    switch(qtbot, tab, tab.view.messages[1], -1)
    assert shown(tab) == ["name a colour", "red"] and tab.view.messages[1].version_text == "1/3"
    back = tab.view.messages[1]._versions
    assert back is not None and not back[0].isEnabled() and back[2].isEnabled()
    assert stored(qtbot, tab) == ["name a colour", "red"]
    # the question that follows goes on from the version on screen
    ask(qtbot, tab, fake_ollama, "and another?", "yellow")
    assert shown(tab) == ["name a colour", "red", "and another?", "yellow"]
    assert tab.view.messages[1].version_text == "1/3"


def test_switching_is_refused_while_an_answer_streams(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    ask(qtbot, tab, fake_ollama, "q", "one")
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.view.messages[-1].regen_button.click()
    fake_ollama.token_delay = 0.05
    answers_with(fake_ollama, tab, "a slow answer " * 20)
    tab.view.messages[-1].regen_button.click()
    qtbot.waitUntil(lambda: tab.session.busy, timeout=5000)
    versions = tab.view.messages[-1]._versions
    assert versions is not None and not versions[0].isEnabled()  # greyed out while it streams
    assert not tab.conversations.switch_version(1, -1)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.composer.stop()
    assert tab.view.messages[-1].version_text == "3/3"
    assert versions[0].isEnabled()
