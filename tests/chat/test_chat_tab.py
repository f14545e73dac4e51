"""The Chat tab as a user meets it, against the fake server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import ChatParams, MessageStatus
from desktop.core.chat.processes import MachineSample
from desktop.core.hosts import parse_ollama_host
from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.common import caret
from desktop.ui.common.caret import CaretRest
from tests.chat.conftest import drain, make_tab, read_store
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER, DEFAULT_THINKING, default_registry

MODEL = "gemma3-270m:latest"


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    monitor = SystemMonitor(interval=0.05)
    t = make_tab(qtbot, service, settings, history, monitor)
    t.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    yield t
    monitor.stop()


def chat_bodies(fake: FakeOllama) -> list[dict]:  # type: ignore[type-arg]
    return [b for (_m, p, b) in fake.requests if p == "/api/chat"]


def ask(qtbot: QtBot, tab: ChatTab, text: str, timeout: int = 10000) -> object:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=timeout) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def test_model_picker_shows_size_and_quantization(tab: ChatTab) -> None:
    text = tab.view.model.itemText(0)
    assert MODEL in text and "MiB" in text and "Q4_K_M" in text
    assert tab.picker.current_model() == MODEL


def test_enter_sends_and_markdown_streams_in(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    finished: list[tuple[str, object]] = []
    tab.generationFinished.connect(lambda m, s: finished.append((m, s)))
    ask(qtbot, tab, "What is a local model?")
    assert tab.view.composer.toPlainText() == ""
    user, answer = tab.view.messages
    assert user.body.toPlainText() == "What is a local model?"
    shown = answer.body.toPlainText()
    assert "print('hello')" in shown and "```" not in shown  # the fence became a code block
    assert answer.text() == DEFAULT_ANSWER
    assert "tok/s" in answer.footer.text() and "tokens" in answer.footer.text()
    assert finished and finished[0][0] == MODEL
    assert isinstance(finished[0][1], GenerationStats)
    assert tab.view.perf.speed.text().endswith("tok/s")
    assert not tab.view.stop_button.isVisible() or not tab.isVisible()


def test_shift_enter_breaks_the_line(qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama) -> None:
    qtbot.keyClicks(tab.view.composer, "line one")
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(tab.view.composer, "line two")
    assert tab.view.composer.toPlainText() == "line one\nline two"
    assert chat_bodies(fake_ollama) == []


def test_code_copy_and_link_confirmation(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask(qtbot, tab, "code please")
    answer = tab.view.messages[-1]
    answer.body.linkClicked.emit("copy:0")
    assert QGuiApplication.clipboard().text() == "print('hello')"
    opened: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.chat.messages_presenter.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    asked: list[str] = []
    tab.messages.confirm_link = lambda href: asked.append(href) is not None  # refuse
    answer.body.linkClicked.emit("https://ollama.com/library")
    assert asked == ["https://ollama.com/library"] and opened == []
    tab.messages.confirm_link = lambda href: True
    answer.body.linkClicked.emit("https://ollama.com/library")
    assert opened == ["https://ollama.com/library"]


def test_model_output_never_loads_remote_resources(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    m = default_registry()["qwen2.5:0.5b"]
    m.answer = (
        '![x](https://example.com/x.png) <img src="https://example.com/y.png">\n'
        "[site](https://example.com)"
    )
    fake_ollama.install(m)
    tab.picker.refresh()
    qtbot.waitUntil(lambda: "qwen2.5:0.5b" in tab.picker.models, timeout=5000)
    tab.picker.select_model("qwen2.5:0.5b")
    ask(qtbot, tab, "pictures")
    body = tab.view.messages[-1].body
    views = body.browsers()
    html = "".join(v.document().toHtml() for v in views)
    assert "<img" not in html.replace("&lt;img", "")
    assert '<img src="https://example.com/y.png">' in body.toPlainText()  # shown as text
    assert views and all(v.loadResource(2, "https://example.com/x.png") is None for v in views)


def test_reasoning_is_collapsible_and_think_switch_is_sent(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    tab.picker.refresh()
    qtbot.waitUntil(lambda: "qwen3:0.6b" in tab.picker.models, timeout=5000)
    tab.picker.select_model("qwen3:0.6b")
    assert not tab.view.think.isHidden()
    tab.view.think.setChecked(True)
    ask(qtbot, tab, "think first")
    answer = tab.view.messages[-1]
    assert answer.thinking_text() == DEFAULT_THINKING
    assert answer.body.toPlainText().startswith("Local models")
    assert not answer.think_toggle.isHidden() and answer.thinking.isHidden()
    answer.think_toggle.click()
    assert not answer.thinking.isHidden()
    assert chat_bodies(fake_ollama)[-1]["think"] is True
    tab.view.think.setChecked(False)
    ask(qtbot, tab, "now without")
    assert chat_bodies(fake_ollama)[-1]["think"] is False
    assert tab.view.messages[-1].thinking_text() == ""
    tab.picker.select_model(MODEL)
    assert tab.view.think.isHidden()


def test_per_chat_system_prompt_and_parameters(
    qtbot: QtBot, tab: ChatTab, settings: SettingsStore, fake_ollama: FakeOllama
) -> None:
    settings.set("chat_temperature", 0.4)
    ask(qtbot, tab, "first")
    assert chat_bodies(fake_ollama)[-1]["options"] == {"temperature": 0.4, "num_predict": 2048}
    tab.conversations.set_params(
        "Answer in French.",
        ChatParams(temperature=0.1, num_ctx=2048, num_thread=2, seed=42, num_predict=16),
    )
    ask(qtbot, tab, "second")
    body = chat_bodies(fake_ollama)[-1]
    assert body["options"] == {
        "temperature": 0.1,
        "num_ctx": 2048,
        "num_thread": 2,
        "seed": 42,
        "num_predict": 16,
    }
    assert body["messages"][0] == {"role": "system", "content": "Answer in French."}
    assert [m["role"] for m in body["messages"]] == ["system", "user", "assistant", "user"]


def test_stop_keeps_partial_and_marks_it(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.token_delay = 0.02
    tab.view.composer.setPlainText("long answer")
    tab.composer.send()
    qtbot.waitUntil(lambda: len(tab.session.content) > 15, timeout=5000)
    with qtbot.waitSignal(tab.session.finished, timeout=5000):
        tab.view.stop_button.click()
    answer = tab.view.messages[-1]
    assert answer.status.text() == "stopped"
    assert answer.text() and DEFAULT_ANSWER.startswith(answer.text())


def test_server_error_mid_answer_is_explained_and_text_kept(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.add_fault("/api/chat", error_after=6, error="model runner has unexpectedly stopped")
    ask(qtbot, tab, "hello")
    banner = tab.view.banner
    assert not banner.isHidden()
    # a sentence that says what happened and what to do; the server's words in Details
    assert "stopped unexpectedly" in banner.label.text()
    assert "model runner" not in banner.label.text()
    assert "model runner has unexpectedly stopped" in banner.label.details()
    assert banner.label.has_details
    assert "kept" in banner.label.text()
    answer = tab.view.messages[-1]
    assert answer.status.text() == "failed" and answer.text()


def test_missing_model_offers_download(qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama) -> None:
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    tab.picker.refresh()
    qtbot.waitUntil(lambda: "qwen3:0.6b" in tab.picker.models, timeout=5000)
    tab.picker.select_model("qwen3:0.6b")
    with fake_ollama.lock:  # removed behind the app's back (e.g. `ollama rm`)
        del fake_ollama.state.installed["qwen3:0.6b"]
    ask(qtbot, tab, "hi")
    banner = tab.view.banner
    assert "qwen3:0.6b" in banner.label.text() and not banner.action.isHidden()
    with qtbot.waitSignal(tab.pullRequested, timeout=2000) as sig:
        banner.action.click()
    assert sig.args == ["qwen3:0.6b"]


def test_history_survives_restart_and_can_be_managed(
    qtbot: QtBot,
    tab: ChatTab,
    service: OllamaService,
    settings: SettingsStore,
    fake_ollama: FakeOllama,
    tmp_path: Path,
) -> None:
    ask(qtbot, tab, "東京について教えて")
    ask(qtbot, tab, "Second question")
    path = tab.history.path
    drain(qtbot, tab.history)
    # a restarted app: new history object on the same file, new tab
    history2 = ChatHistory(service.runner, path)
    tab2 = make_tab(qtbot, service, settings, history2)
    lst = tab2.view.conversations
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=5000)
    assert lst.item(0).text() == "東京について教えて"
    conv_id = int(lst.item(0).data(Qt.ItemDataRole.UserRole))
    with qtbot.waitSignal(tab2.messages.conversationShown, timeout=5000):
        tab2.conversations.open(conv_id)
    assert len(tab2.view.messages) == 4
    assert tab2.view.messages[1].text() == DEFAULT_ANSWER
    assert "tok/s" in tab2.view.messages[1].footer.text()
    # search, rename, export, delete
    tab2.view.search.setText("Second")
    qtbot.waitUntil(lambda: lst.count() == 1 and tab2.view.search.text() == "Second", timeout=3000)
    tab2.view.search.setText("no such words")
    qtbot.waitUntil(lambda: lst.count() == 0, timeout=3000)
    tab2.view.search.clear()
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=3000)
    tab2.conversations.rename(conv_id, "Tokyo")
    qtbot.waitUntil(lambda: lst.count() == 1 and lst.item(0).text() == "Tokyo", timeout=3000)
    out: list[object] = []
    tab2.conversations.exported.connect(out.append)
    tab2.conversations.export(conv_id, tmp_path / "chat.md", "md")
    tab2.conversations.export(conv_id, tmp_path / "chat.json", "json")
    qtbot.waitUntil(lambda: len(out) == 2, timeout=3000)
    assert "# Tokyo" in (tmp_path / "chat.md").read_text(encoding="utf-8")
    assert '"東京について教えて"' in (tmp_path / "chat.json").read_text(encoding="utf-8")
    tab2.conversations.delete(conv_id)
    qtbot.waitUntil(lambda: lst.count() == 0, timeout=3000)
    assert tab2.view.messages == []
    history2.close()


def test_regenerate_and_edit_and_resend(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, "first question")
    ask(qtbot, tab, "second question")
    assert len(tab.view.messages) == 4
    last = tab.view.messages[-1]
    assert not last.regen_button.isHidden() and tab.view.messages[1].regen_button.isHidden()
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        last.regen_button.click()
    assert len(tab.view.messages) == 4
    assert [m["content"] for m in chat_bodies(fake_ollama)[-1]["messages"]] == [
        "first question",
        DEFAULT_ANSWER,
        "second question",
    ]
    # edit the first question: it and everything after it are replaced
    tab.view.messages[0].edit_button.click()
    assert tab.view.composer.toPlainText() == "first question"
    answer = ask(qtbot, tab, "edited question")
    assert [m.text() for m in tab.view.messages][:1] == ["edited question"]
    assert len(tab.view.messages) == 2
    assert [m["content"] for m in chat_bodies(fake_ollama)[-1]["messages"]] == ["edited question"]
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        texts = [m.content for m in store.messages(tab.conversations.conv.id)]  # type: ignore
    finally:
        store.close()
    assert texts == ["edited question", DEFAULT_ANSWER]
    assert answer is not None


def test_remote_host_marks_machine_stats_unavailable(
    qtbot: QtBot, tab: ChatTab, service: OllamaService, fake_ollama: FakeOllama
) -> None:
    tab.show()
    qtbot.waitUntil(lambda: tab.monitor.active, timeout=2000)
    # another computer's server (reached, in this test, at the fake's address)
    service.host = parse_ollama_host("http://gpu-box.example:11434")
    service.hostChanged.emit(service.host)
    assert not tab.monitor.active
    perf = tab.view.perf
    assert not perf.remote_note.isHidden() and perf.cpu.text() == "not available"
    assert perf.cpu_chart.isHidden()
    out = ask(qtbot, tab, "remote")
    assert out.energy is None  # type: ignore[attr-defined]
    assert perf.speed.text().endswith("tok/s")  # from the server's own durations
    assert perf.cpu.text() == "not available"


def test_monitor_runs_only_while_visible(qtbot: QtBot, tab: ChatTab) -> None:
    assert not tab.monitor.active
    tab.show()
    qtbot.waitUntil(lambda: tab.monitor.active, timeout=2000)
    with qtbot.waitSignal(tab.monitor.sampled, timeout=3000):
        pass
    qtbot.waitUntil(lambda: tab.view.perf.cpu.text().endswith("%"), timeout=3000)
    tab.window().showMinimized()
    qtbot.waitUntil(lambda: not tab.monitor.active, timeout=2000)
    tab.window().showNormal()
    qtbot.waitUntil(lambda: tab.monitor.active, timeout=2000)
    tab.hide()
    assert not tab.monitor.active
    taken = tab.monitor.samples_taken
    with qtbot.assertNotEmitted(tab.monitor.sampled, wait=200):
        pass
    assert tab.monitor.samples_taken - taken <= 1


def test_interrupted_answers_are_announced(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, tmp_path: Path
) -> None:
    path = tmp_path / "crashed.sqlite3"
    store = read_store(path)
    conv = store.create_conversation("t", MODEL, "", ChatParams(), True)
    msg = store.add_message(conv.id, "assistant", "half", status=MessageStatus.STREAMING)
    del store  # the app died without closing
    history = ChatHistory(service.runner, path)
    t = make_tab(qtbot, service, settings, history)
    qtbot.waitUntil(lambda: not t.view.banner.isHidden(), timeout=5000)
    assert "cut off" in t.view.banner.label.text()
    history.close()
    assert read_store(path).message(msg.id).status is MessageStatus.INTERRUPTED


def test_energy_is_labelled_estimate_or_not_available(
    qtbot: QtBot, tab: ChatTab, settings: SettingsStore, fake_ollama: FakeOllama
) -> None:
    ask(qtbot, tab, "no local ollama process in this test")
    perf = tab.view.perf
    assert perf.energy.text() == "not available"  # the fake server is not `ollama serve`
    readings = iter([{1: 10.0}, {1: 12.0}])  # Ollama used 2 CPU seconds for this answer
    tab.session.energy = EnergyMeter(lambda: next(readings), powercap=Path("/nonexistent"))
    settings.set("chat_watts_per_core", 4.5)
    settings.set("chat_grid_g_per_kwh", 360.0)
    ask(qtbot, tab, "with an estimate")
    # 2 s x 4.5 W = 9 J = 0.0025 Wh; 35 tokens; 9 J at 360 g/kWh = 0.9 mg
    assert perf.energy.text() == "0.0025 Wh (estimate)"
    assert perf.per_token.text() == "0.257 J/token"
    assert perf.co2.text() == "0.9 mg CO₂"
    assert "0.0025 Wh (estimate)" in tab.view.messages[-1].footer.text()
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        last = store.messages(tab.conversations.conv.id)[-1]  # type: ignore[union-attr]
    finally:
        store.close()
    assert last.energy is not None and last.energy.joules == 9.0


def test_ime_composition_does_not_send(qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama) -> None:
    composer = tab.view.composer
    composer.setFocus()
    preedit = QInputMethodEvent("にほんご", [])
    QApplication.sendEvent(composer, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("日本語")  # the user pressed Enter inside the IME to accept
    QApplication.sendEvent(composer, commit)
    assert composer.toPlainText() == "日本語" and chat_bodies(fake_ollama) == []
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert chat_bodies(fake_ollama)[-1]["messages"][-1]["content"] == "日本語"


def test_model_list_follows_models_changed(
    qtbot: QtBot, tab: ChatTab, service: OllamaService, fake_ollama: FakeOllama
) -> None:
    assert tab.view.model.findData("qwen3:0.6b") < 0
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    service.modelsChanged.emit()  # e.g. the Models tab finished a pull
    qtbot.waitUntil(lambda: tab.view.model.findData("qwen3:0.6b") >= 0, timeout=5000)
    assert tab.picker.current_model() == MODEL  # the user's choice is kept


def test_swap_growth_during_an_answer_warns(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    def sample(swap: int) -> MachineSample:
        return MachineSample(
            t=0.0,
            cpu_percent=50.0,
            ram_used=1 << 30,
            ram_total=8 << 30,
            swap_used=swap,
            swap_total=4 << 30,
            server=None,
            runners=(),
        )

    tab.monitor.sampled.emit(sample(100 << 20))
    fake_ollama.token_delay = 0.02
    tab.view.composer.setPlainText("q")
    tab.composer.send()
    qtbot.waitUntil(lambda: tab.session.busy and bool(tab.session.content), timeout=5000)
    tab.monitor.sampled.emit(sample(110 << 20))
    assert tab.view.perf.swap_warning.isHidden()  # 10 MB is noise
    tab.monitor.sampled.emit(sample(600 << 20))
    assert not tab.view.perf.swap_warning.isHidden()
    assert tab.view.perf.swap.text() == "600.0 MiB"
    # a server that answers but is no process here (Docker, another user): not "not found"
    assert tab.view.perf.server.text() == "not visible here"  # not "not on this computer"
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.composer.stop()


def test_reasoning_is_open_while_the_model_thinks(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    tab.picker.refresh()
    qtbot.waitUntil(lambda: "qwen3:0.6b" in tab.picker.models, timeout=5000)
    tab.picker.select_model("qwen3:0.6b")
    tab.view.think.setChecked(True)
    fake_ollama.token_delay = 0.03
    tab.view.composer.setPlainText("think")
    tab.composer.send()
    qtbot.waitUntil(
        lambda: tab.messages.answer is not None and bool(tab.messages.answer.thinking_text()),
        timeout=5000,
    )
    answer = tab.messages.answer
    assert answer is not None and not answer.thinking.isHidden()  # visible while thinking
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        pass
    assert answer.thinking.isHidden()  # folded once the answer came


def test_quitting_mid_answer_keeps_it_as_stopped(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.token_delay = 0.03
    tab.view.composer.setPlainText("q")
    tab.composer.send()
    qtbot.waitUntil(lambda: len(tab.session.content) > 10, timeout=5000)
    msg_id = tab.session.message_id
    tab.services.shutdown()  # what DeskApp.shutdown runs on quit
    store = read_store(tab.history.path)
    try:
        m = store.message(msg_id)
    finally:
        store.close()
    assert m.status is MessageStatus.STOPPED and m.content
    assert DEFAULT_ANSWER.startswith(m.content)


def test_the_cursor_rests_once_a_question_is_sent(qtbot: QtBot, tab: ChatTab) -> None:
    """Typing makes it blink; sending makes it rest (lit), so no blink repaints the message
    box while the answer streams; the next key makes it blink again."""
    hints = QGuiApplication.styleHints()
    hints.setCursorFlashTime(caret._os_flash_ms or hints.cursorFlashTime() or 1000)
    rest = CaretRest(tab)
    if rest._flash <= 0:
        pytest.skip("this platform does not blink the cursor")
    tab.attach_caret(rest)
    tab.view.composer.setPlainText("a question")
    assert not rest.resting
    ask(qtbot, tab, "a question")
    assert rest.resting
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_A)
    assert not rest.resting
