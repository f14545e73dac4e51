"""The context meter as a user meets it, against the fake server (which fills and
overflows the window as the real one does: tests/fake/test_fake_context_matches_recording.py):
the figure, the choice before a send that will not fit, and the note under an answer whose
prompt the server cut."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.chat.context_window import WindowSource
from desktop.core.chat.conversation import ChatParams
from desktop.core.models.forecast import GIB, MIB, MachineMemory
from desktop.core.setup.server_env import ServerOptions
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.chat.conftest import drain, make_tab, read_store
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.context import chat_prompt_count

MODEL = "gemma3-270m:latest"
SHORT_ANSWER = "Yes, I see it and I can help with that."


@pytest.fixture
def tab(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> Iterator[ChatTab]:
    fake_ollama.state.installed[MODEL].answer = SHORT_ANSWER
    monitor = SystemMonitor(interval=0.05)
    t = make_tab(qtbot, service, settings, history, monitor)
    t.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    meter = t.services.context
    qtbot.waitUntil(lambda: meter.facts.version != "" and meter.model_facts is not None)
    yield t
    monitor.stop()


def chat_bodies(fake: FakeOllama) -> list[dict[str, Any]]:
    return [b for (_m, p, b) in fake.requests if p == "/api/chat"]


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> Any:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def words(n: int, seed: int = 0) -> str:
    w = [
        "the",
        "cat",
        "sat",
        "on",
        "a",
        "warm",
        "mat",
        "and",
        "read",
        "maps",
        "of",
        "old",
        "towns",
        "by",
        "the",
        "sea",
    ]
    return " ".join(w[(i + seed) % len(w)] for i in range(n))


def test_the_meter_shows_what_the_server_counted(qtbot: QtBot, tab: ChatTab) -> None:
    meter, bar = tab.services.context, tab.view.context_bar
    usage = meter.usage
    assert usage.window.tokens == 4096 and usage.window.source is WindowSource.DEFAULT
    assert bar.figure.text() == "0 of 4,096 tokens"
    first = ask(qtbot, tab, "What is a local model, and why does memory bandwidth matter?")
    second = ask(qtbot, tab, words(80))
    usage = meter.usage
    # the whole conversation: the last prompt as counted, and the answer with its template
    assert usage.conversation == second.stats.prompt_eval_count + second.stats.eval_count + 5
    assert usage.measured == usage.messages == 4
    assert usage.window.source is WindowSource.LOADED  # /api/ps: the model runs with 4096
    assert bar.figure.text() == f"{usage.conversation:,} of 4,096 tokens"
    assert first.context is not None and not first.context.truncated
    assert bar.warning.isHidden()


def test_typing_moves_the_meter_once_it_pauses_without_walking_the_chat(
    qtbot: QtBot, tab: ChatTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask(qtbot, tab, words(30))
    meter = tab.services.context
    qtbot.waitUntil(lambda: meter.usage.window.source is WindowSource.LOADED)  # /api/ps came
    import desktop.services.chat.context_meter as module

    sizings: list[int] = []
    real = module.size_messages
    monkeypatch.setattr(module, "size_messages", lambda *a, **k: sizings.append(1) or real(*a, **k))
    changes: list[object] = []
    meter.changed.connect(changes.append)
    before = meter.usage.fit.used
    qtbot.keyClicks(tab.view.composer, "and one more question about old towns")
    assert changes == []  # not per key
    qtbot.waitUntil(lambda: bool(changes), timeout=3000)
    assert len(changes) == 1 and meter.usage.fit.used > before and meter.usage.fit.draft > 0
    assert sizings == []  # the conversation was not sized again for the draft


def test_a_send_that_will_not_fit_asks_first_and_the_answer_says_what_was_lost(
    qtbot: QtBot,
    tab: ChatTab,
    fake_ollama: FakeOllama,
    history: ChatHistory,
    service: OllamaService,
    settings: SettingsStore,
) -> None:
    c = tab.conversations
    c.set_params("Be brief.", ChatParams(num_ctx=256))
    for i in range(3):
        ask(qtbot, tab, words(40, i))
    sent = len(chat_bodies(fake_ollama))
    tab.view.composer.setPlainText(words(120, 9))
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    choice = tab.view.context_choice
    assert not choice.isHidden()
    assert "no longer fit: the model will not see them." in choice.label.text()
    assert len(chat_bodies(fake_ollama)) == sent  # nothing went out
    assert tab.view.composer.toPlainText() == words(120, 9)  # nothing lost either
    foreseen = tab.services.context.check(words(120, 9)).dropped
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.mouseClick(choice.send_anyway, Qt.MouseButton.LeftButton)
    assert choice.isHidden()
    outcome = sig.args[0]
    body = chat_bodies(fake_ollama)[-1]
    seen, dropped = chat_prompt_count(body["messages"], 256)  # what the server did
    assert outcome.stats.prompt_eval_count == seen and dropped >= 2
    assert outcome.context.dropped == dropped  # read from the count: exact
    assert abs(foreseen - dropped) <= 1  # foreseen from estimates: near
    footer = tab.view.messages[-1].footer.text()
    assert f"did not see the first {dropped} messages" in footer
    assert not tab.view.context_bar.warning.isHidden()  # and the meter keeps saying so
    drain(qtbot, history)
    stored = read_store(history.path).messages(c.conv.id)[-1]
    assert stored.context is not None and stored.context.dropped == dropped
    # a chat opened again shows the same note under that answer
    other = make_tab(qtbot, service, settings, history)
    other.conversations.open(c.conv.id)
    qtbot.waitUntil(lambda: len(other.view.messages) == 8, timeout=5000)
    assert f"did not see the first {dropped} messages" in other.view.messages[-1].footer.text()


def test_a_bigger_window_says_its_memory_and_is_refused_when_it_would_not_fit(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    meter, choice = tab.services.context, tab.view.context_choice
    tab.conversations.set_params("", ChatParams(num_ctx=256))
    meter.machine = lambda: MachineMemory(total=8 * GIB, available=200 * MIB)
    tab.view.composer.setPlainText(words(400))
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    assert not choice.isHidden() and "alone does not fit" in choice.label.text()
    assert not choice.bigger.isEnabled()
    assert "is free on this computer" in choice.window_note.text()
    qtbot.mouseClick(choice.cancel, Qt.MouseButton.LeftButton)
    assert choice.isHidden() and chat_bodies(fake_ollama) == []
    meter.machine = lambda: MachineMemory(total=8 * GIB, available=6 * GIB)
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    assert choice.bigger.isEnabled() and "2,048 tokens (+" in choice.bigger.text()
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.mouseClick(choice.bigger, Qt.MouseButton.LeftButton)
    assert chat_bodies(fake_ollama)[-1]["options"]["num_ctx"] == 2048
    assert tab.conversations.current_params()[1].num_ctx == 2048
    assert sig.args[0].context is not None and not sig.args[0].context.truncated


def test_a_new_chat_carries_a_summary_the_user_can_edit(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    c = tab.conversations
    c.set_params("Be brief.", ChatParams(num_ctx=256))
    for i in range(3):
        ask(qtbot, tab, words(50, i))
    old = c.conv.id
    fake_ollama.state.installed[MODEL].answer = "The user asked about cats and old towns."
    draft = words(150, 2)
    tab.view.composer.setPlainText(draft)
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    tab.view.context_choice.summary.click()
    dialog = tab.context.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=10000)
    assert "cats and old towns" in dialog.editor.toPlainText()
    dialog.editor.setPlainText("Summary of our earlier conversation:\nCats. Towns. Edited.")
    dialog.start.click()
    assert c.conv is None  # a new chat, not yet stored: it starts with the next message
    system, params = c.current_params()
    assert system == "Be brief.\n\nSummary of our earlier conversation:\nCats. Towns. Edited."
    assert params.num_ctx == 256
    assert tab.view.composer.toPlainText() == draft  # the message waits to be sent
    summaries = [b for b in chat_bodies(fake_ollama) if "summar" in str(b["messages"][0])]
    assert len(summaries) >= 2  # written in parts, each within the window
    for body in summaries:
        seen, dropped = chat_prompt_count(body["messages"], body["options"]["num_ctx"])
        assert dropped == 0 and seen < 256
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    assert c.conv is not None and c.conv.id != old
    assert chat_bodies(fake_ollama)[-1]["messages"][0]["content"].endswith("Edited.")


def test_the_window_comes_from_the_chat_the_server_or_the_model(qtbot: QtBot, tab: ChatTab) -> None:
    meter = tab.services.context
    meter.own_server = lambda: ServerOptions(context_length=8192)
    tab.conversations.set_params("", ChatParams())
    assert meter.window.tokens == 8192 and meter.window.source is WindowSource.SERVER
    tab.conversations.set_params("", ChatParams(num_ctx=100_000))
    assert meter.window.tokens == 32768 and meter.window.capped  # the trained length
    assert "32,768 tokens the model was trained for" in tab.view.context_bar.toolTip()
    tab.conversations.set_params("", ChatParams(num_ctx=1024))
    assert meter.window.tokens == 1024 and meter.window.source is WindowSource.CHAT


def test_editing_an_earlier_message_counts_only_what_comes_before_it(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    c = tab.conversations
    c.set_params("", ChatParams(num_ctx=256))
    for i in range(3):
        ask(qtbot, tab, words(40, i))
    meter = tab.services.context
    assert not meter.check(words(150)).fits  # after the whole chat it would not fit
    tab.messages.editRequested.emit(2)  # the second question: it and all after it go
    assert c.edit_from == 2
    assert meter.check(words(150)).fits  # after the first exchange alone it does
    tab.view.composer.setPlainText(words(150))
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    assert tab.view.context_choice.isHidden()  # sent without asking
    assert len(chat_bodies(fake_ollama)[-1]["messages"]) == 3  # first exchange + the edit
    assert not sig.args[0].context.truncated


def test_a_model_loaded_at_another_chats_context_length_is_not_this_chats_window(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    """A real Ollama 0.33 loads a model again at its own window (4,096) when a request
    without num_ctx follows one with num_ctx 1,024; /api/ps says 1,024 until then."""
    meter, c = tab.services.context, tab.conversations
    c.set_params("", ChatParams(num_ctx=1024))
    ask(qtbot, tab, "Hello there.")
    qtbot.waitUntil(lambda: meter.facts.loaded(MODEL) is not None, timeout=5000)
    assert meter.facts.loaded(MODEL).context == 1024  # type: ignore[union-attr]
    c.new_chat()  # the default settings: no num_ctx
    assert meter.window.tokens == 4096 and meter.window.source is WindowSource.DEFAULT
    meter._asked.clear()  # as after a restart: still not the loaded 1,024
    meter.refresh()
    assert meter.window.tokens == 4096 and meter.window.source is WindowSource.DEFAULT
    outcome = ask(qtbot, tab, "Hello again.")
    assert chat_bodies(fake_ollama)[-1]["options"].get("num_ctx") is None
    qtbot.waitUntil(lambda: meter.window.source is WindowSource.LOADED, timeout=5000)
    assert meter.window.tokens == 4096  # the server did load it again at its own window
    assert not outcome.context.truncated
