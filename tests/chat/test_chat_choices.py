"""What the chat remembers and tells (issue 20): the model of new chats after a restart,
the CPU threads actually sent and who chose them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.chat.conftest import make_tab
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import default_registry

FIRST = "gemma3-270m:latest"  # the fake's first installed model, by name


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    t = make_tab(qtbot, service, settings, history)
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    yield t
    t.monitor.stop()


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)


def restarted(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> ChatTab:
    """The chat tab of the next launch: the same settings file and history file."""
    again = make_tab(
        qtbot,
        service,
        SettingsStore(settings.path),
        ChatHistory(service.runner, history.path),
    )
    qtbot.waitUntil(lambda: bool(again.picker.models), timeout=5000)
    return again


def test_new_chats_after_a_restart_take_the_last_model_used_not_the_newest(
    qtbot: QtBot,
    tab: ChatTab,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    assert tab.picker.current_model() == FIRST  # never picked: the first one is used
    ask(qtbot, tab, "hello")
    newest = default_registry()["qwen2.5:0.5b"].renamed("aaa-newest:1b")
    fake_ollama.install(newest)  # downloaded since: it sorts first
    again = restarted(qtbot, service, settings, history)
    assert "aaa-newest:1b" in again.picker.models
    assert again.picker.current_model() == FIRST
    again.history.close()


def test_the_remembered_model_is_picked_when_it_is_listed_late(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    settings.set("chat_model", "qwen3:0.6b")  # used last time; the server lists it late
    t = make_tab(qtbot, service, settings, history)
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    assert t.picker.current_model() == FIRST  # for want of it, meanwhile
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    service.modelsChanged.emit()
    qtbot.waitUntil(lambda: t.picker.current_model() == "qwen3:0.6b", timeout=5000)
    t.monitor.stop()


def test_open_new_chat_picks_a_model_the_server_lists_only_later(
    qtbot: QtBot, tab: ChatTab, service: OllamaService, fake_ollama: FakeOllama
) -> None:
    tab.open_new_chat("qwen3:0.6b")  # the Start-here card, right after its download
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    service.modelsChanged.emit()
    qtbot.waitUntil(lambda: tab.picker.current_model() == "qwen3:0.6b", timeout=5000)


def test_a_model_picked_by_hand_stays_picked_when_the_list_changes(
    qtbot: QtBot, tab: ChatTab, service: OllamaService, fake_ollama: FakeOllama
) -> None:
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    service.modelsChanged.emit()
    qtbot.waitUntil(lambda: "qwen3:0.6b" in tab.picker.models, timeout=5000)
    tab.picker.select_model("qwen3:0.6b")
    tab.picker.show_models(list(tab.picker.models.values()))  # the next refresh
    assert tab.picker.current_model() == "qwen3:0.6b"


def test_the_settings_show_the_threads_actually_sent_and_who_chose_them(
    qtbot: QtBot, tab: ChatTab, settings: SettingsStore, fake_ollama: FakeOllama
) -> None:
    dialog = tab.chat_settings.make_dialog()
    assert "Ollama" in dialog.num_thread.text() and "Ollama" in dialog.threads_note.text()
    dialog.deleteLater()
    settings.set("model_num_thread", json.dumps({FIRST: 2}))  # the Benchmark tab's tuner
    dialog = tab.chat_settings.make_dialog()
    shown, note = dialog.num_thread.text(), dialog.threads_note.text()
    assert "2" in shown and "tuner" in shown  # not a bare "automatic"
    assert "2 threads" in note and FIRST in note
    dialog.num_thread.setValue(3)
    assert dialog.threads_note.text() == "Sent: 3 threads, as set here."
    dialog.deleteLater()
    ask(qtbot, tab, "tuned")  # and that is what goes to the server
    body = [b for (_m, p, b) in fake_ollama.requests if p == "/api/chat"][-1]
    assert body["options"]["num_thread"] == 2


def test_after_stop_the_figures_counted_so_far_stay_and_each_chat_shows_its_own(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    perf = tab.view.perf
    ask(qtbot, tab, "a whole answer")
    whole = perf.tokens.text()
    assert int(whole) > 0 and perf.load.text() != "—"
    first_chat = tab.conversations.conv.id  # type: ignore[union-attr]
    tab.composer.new_chat()
    assert perf.tokens.text() == "—"  # a new chat: nothing yet
    fake_ollama.token_delay = 0.03
    readings = iter([{1: 10.0}, {1: 11.0}])  # Ollama used 1 CPU second meanwhile
    tab.session.energy = EnergyMeter(lambda: next(readings), powercap=Path("/nonexistent"))
    tab.view.composer.setPlainText("stop me")
    tab.composer.send()
    qtbot.waitUntil(lambda: tab.session.busy and len(tab.session.content) > 20, timeout=5000)
    with qtbot.waitSignal(tab.session.finished, timeout=5000) as done:
        tab.view.stop_button.click()
    assert done.args[0].status is MessageStatus.STOPPED
    counted = perf.tokens.text()
    assert int(counted) > 1 and "tok/s" in perf.speed.text()
    assert perf.energy.text().endswith("(estimate)")  # not "—"
    assert perf.load.text() == "not reported" and perf.prompt.text() == "not reported"
    assert "Ollama" in perf.load.toolTip()
    footer = tab.view.messages[-1].footer.text()
    assert f"{counted} tokens" in footer and "tok/s" in footer
    stopped_chat = tab.conversations.conv.id  # type: ignore[union-attr]
    # switching chats shows that chat's figures (read back from the history)
    with qtbot.waitSignal(tab.messages.conversationShown, timeout=5000):
        tab.conversations.open(first_chat)
    assert perf.tokens.text() == whole and perf.load.text() != "not reported"
    with qtbot.waitSignal(tab.messages.conversationShown, timeout=5000):
        tab.conversations.open(stopped_chat)
    assert perf.tokens.text() == counted and perf.load.text() == "not reported"
