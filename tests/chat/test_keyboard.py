"""The Chat tab by keyboard alone (issue 20): Tab reaches every control in the order they
are seen, the messages' buttons included; the shortcut list is complete and readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
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


def activate(qtbot: QtBot, w: QWidget) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w.window(), timeout=2000)


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)


def walk(qtbot: QtBot, start: QWidget, presses: int, back: bool = False) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(presses):
        current = QApplication.focusWidget()
        assert current is not None
        if back:
            qtbot.keyClick(current, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(current, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        seen.append(focus)
    return seen


def test_tab_reaches_every_control_in_the_order_they_are_seen(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, "first question")
    activate(qtbot, tab)
    v = tab.view
    first, answer = v.messages
    expected = [
        v.new_button,
        v.search,
        v.conversations,
        v.model,
        v.refresh_models,
        v.perf_toggle,
        v.settings_button,
        v.export_button,
        v.transcript,
        first.copy_button,
        first.edit_button,
        answer.copy_button,
        answer.regen_button,
        v.composer,
        v.attach_file,  # Image… is off: this model cannot see
        v.send_button,
        v.perf.strip.details_button,  # the figures strip under the message box
    ]
    assert v.think.isHidden()  # this model cannot reason: no stop there
    assert not v.attach_image.isEnabled()  # nor see images: greyed out, skipped
    assert walk(qtbot, v.new_button, len(expected) - 1) == expected
    last = v.perf.strip.details_button
    assert walk(qtbot, last, len(expected) - 1, back=True) == expected[::-1]


def test_the_edit_bar_and_a_version_switcher_are_on_the_way(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, "first question")
    activate(qtbot, tab)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.view.messages[-1].regen_button.click()
    activate(qtbot, tab)
    tab.view.messages[0].edit_button.click()
    first, answer = tab.view.messages
    back, _label, forward = answer._versions  # type: ignore[misc]
    seen = walk(qtbot, tab.view.transcript, 9)
    assert seen == [
        tab.view.transcript,
        first.copy_button,
        first.edit_button,
        back,  # "‹": the previous answer (› is greyed out: this is the newest)
        answer.copy_button,
        answer.regen_button,
        tab.view.edit_bar.cancel,
        tab.view.composer,
        tab.view.attach_file,
        tab.view.send_button,
    ]
    assert not forward.isEnabled()


def test_the_shortcut_list_is_complete_and_its_columns_do_not_overlap(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    desk = build_app(host=fake_ollama.url, config_dir=str(tmp_path / "cfg"), lang="en")
    try:
        chat = desk.window.chat_tab
        assert isinstance(chat, ChatTab)
        box = chat.show_shortcuts()
        qtbot.waitExposed(box)
        text = box.text()
        for keys, what in (
            ("Enter", "Send"),
            ("Shift+Enter", "New line"),
            ("Esc", "Stop"),
            ("Ctrl+N", "New chat"),
            ("Ctrl+F", "Search"),
            ("Ctrl+R", "Regenerate"),
            ("Ctrl+Shift+M", "model"),
            ("Ctrl+Shift+E", "Export"),
            ("Tab / Shift+Tab", "control"),
            ("PgUp / PgDown", "Scroll"),
            ("Ctrl+Tab / Ctrl+Shift+Tab", "tab"),
            ("Ctrl+O", "Import GGUF"),
            ("Ctrl+Q", "Quit"),
        ):
            assert any(
                line.startswith(keys + "\t") and what in line for line in text.splitlines()
            ), (keys, text)
        labels = [w for w in box.findChildren(QLabel) if w.isVisible()]
        for a in labels:
            for b in labels:
                if a is not b:
                    assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())
        box.close()
    finally:
        desk.window.close()
        desk.shutdown()


def test_the_focus_ring_follows_the_tab_key_and_survives_a_closed_chat(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    desk = build_app(host=fake_ollama.url, config_dir=str(tmp_path / "cfg"), lang="en")
    try:
        desk.window.show()
        activate(qtbot, desk.window)
        chat = desk.window.chat_tab
        assert isinstance(chat, ChatTab)
        qtbot.waitUntil(lambda: bool(chat.picker.models), timeout=5000)
        ask(qtbot, chat, "hello")
        activate(qtbot, desk.window)
        ring = desk.window.focus_ring
        seen = walk(qtbot, chat.view.transcript, 1)
        button = seen[-1]
        assert button is chat.view.messages[0].copy_button
        frame = ring.frame
        assert frame is not None and frame.isVisible()
        assert frame.parentWidget() is button.parentWidget()
        assert frame.geometry().contains(button.geometry())  # drawn around it
        chat.new_chat()  # the messages (and the ring's parent) go
        walk(qtbot, chat.view.new_button, 1)  # the search field: Fusion outlines it itself
        assert ring.frame is not None and not ring.frame.isVisible()
        walk(qtbot, chat.view.model, 1)  # the Refresh button
        assert ring.frame.isVisible()
        assert ring.frame.geometry().contains(chat.view.refresh_models.geometry())
    finally:
        desk.window.close()
        desk.shutdown()
