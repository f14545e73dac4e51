"""Attached files in the context meter, against the fake server (which counts a prompt and
fills the window as a real Ollama 0.33 does): the meter rises while a file waits in the
composer, a send that the files push past the window asks first, what was sent counts them,
they never teach the model a wrong tokens ratio, and only the version on screen counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.attachments.sending import sent_tokens
from desktop.core.chat.conversation import ChatParams
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.token_scale import SCALE_KEY
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.sources_view import SourcesBox
from tests.attachments import documents as d
from tests.chat.conftest import make_tab
from tests.fake_ollama import FakeOllama

MODEL = "gemma3-270m:latest"


@pytest.fixture
def tab(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> Iterator[ChatTab]:
    fake_ollama.state.installed[MODEL].answer = "Yes, I read the file and can help with it."
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


def attach(qtbot: QtBot, tab: ChatTab, *paths: Path) -> None:
    want = len(tab.attach.refs()) + len(paths)
    tab.attach.add_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: len(tab.attach.refs()) == want, timeout=20000)


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> Any:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def code_file(path: Path, functions: int) -> Path:
    path.write_text(
        "".join(
            f"def speed_{i}(tokens, seconds):\n    return tokens / max(seconds, {i + 1})\n\n"
            for i in range(functions)
        )
    )
    return path


def test_attached_files_move_the_meter_and_count_in_what_was_sent(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    meter, bar = tab.services.context, tab.view.context_bar
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(d.report_pdf(4))
    code = code_file(tmp_path / "speed.py", 30)
    assert meter.usage.fit.used == 0
    attach(qtbot, tab, pdf, code)
    refs = tab.attach.refs()
    files = sum(sent_tokens(r) for r in refs)
    assert meter.usage.fit.draft >= files > 300  # the meter rose with the files alone
    assert bar.figure.text() == f"{meter.usage.fit.used:,} of 4,096 tokens"
    tab.view.attachments.chips()[1].remove_button.click()  # type: ignore[union-attr]
    assert meter.usage.fit.draft < files  # and fell when one left the tray
    attach(qtbot, tab, code)
    outcome = ask(qtbot, tab, "What do these say?")
    assert not tab.attach.refs() and meter.usage.fit.draft == 0  # the tray is empty again
    # what was sent counted the files: the server's count is near it, no cut is claimed
    note = outcome.context
    assert note is not None and not note.truncated
    assert 0.6 < note.sent / note.seen < 1.5, (note.sent, note.seen)
    usage = meter.usage  # the conversation as the server counted it
    assert usage.conversation == outcome.stats.prompt_eval_count + outcome.stats.eval_count + 5


def test_a_document_longer_than_the_room_left_goes_as_passages_without_asking(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    meter, bar, choice = tab.services.context, tab.view.context_bar, tab.view.context_choice
    tab.conversations.set_params("", ChatParams(num_ctx=1024))
    ask(qtbot, tab, "Hello there.")
    attach(qtbot, tab, code_file(tmp_path / "speed.py", 60))  # ~2,000 tokens
    fit = meter.check("Explain speed_3")
    # not "will not fit": the passages that match are sent, within what the window leaves
    assert fit.as_passages and fit.fits and fit.documents > 1024
    assert fit.used <= 1024 - 512  # room is kept for the answer
    assert "best passages will be sent" in bar.warning.full_text()
    assert "red" not in bar.warning.styleSheet() and "#c62828" not in bar.warning.styleSheet()
    outcome = ask(qtbot, tab, "Explain speed_3")
    assert choice.isHidden()  # sent without asking
    sent = chat_bodies(fake_ollama)[-1]["messages"][-1]["content"]
    assert "(only the passages that match the question)" in sent
    qtbot.waitUntil(lambda: tab.view.messages[-1].findChild(SourcesBox) is not None)
    # the answer was judged by what was really sent (the passages): no cut is claimed
    note = outcome.context
    assert note is not None and not note.truncated
    assert 0.6 < note.sent / note.seen < 1.5, (note.sent, note.seen)
    assert meter.usage.fit.fits and meter.usage.conversation < 1024


def test_documents_that_find_no_room_ask_first(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    meter, choice = tab.services.context, tab.view.context_choice
    tab.conversations.set_params("", ChatParams(num_ctx=1024))
    ask(qtbot, tab, " ".join(f"word{i}" for i in range(150)))  # ~400 of the 1,024 tokens
    sent = len(chat_bodies(fake_ollama))
    attach(qtbot, tab, code_file(tmp_path / "speed.py", 60))
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window(), timeout=2000)
    tab.view.composer.setPlainText("Explain speed_3")
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    assert meter.check("Explain speed_3").no_room
    assert not choice.isHidden()
    assert "no room left in the window for the attached documents" in choice.label.text()
    assert len(chat_bodies(fake_ollama)) == sent  # nothing went out
    assert "2,048 tokens" in choice.bigger.text()  # a window with room for passages
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Escape)  # leave it: all stays
    assert choice.isHidden() and tab.attach.refs()
    assert tab.view.composer.toPlainText() == "Explain speed_3"
    qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    with qtbot.waitSignal(tab.session.finished, timeout=20000) as sig:
        choice.bigger.click()
    assert chat_bodies(fake_ollama)[-1]["options"]["num_ctx"] == 2048
    assert "--- File: speed.py" in chat_bodies(fake_ollama)[-1]["messages"][-1]["content"]
    assert not sig.args[0].context.truncated


def test_a_stopped_answer_leaves_its_question_counted_as_its_passages(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    meter = tab.services.context
    tab.conversations.set_params("", ChatParams(num_ctx=1024))
    attach(qtbot, tab, code_file(tmp_path / "speed.py", 60))
    fake_ollama.token_delay = 0.2
    tab.view.composer.setPlainText("Explain speed_3")
    with qtbot.waitSignal(tab.services.planner.chosen, timeout=20000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(tab.session.content), timeout=10000)
    with qtbot.waitSignal(tab.session.finished, timeout=5000) as sig:
        tab.view.stop_button.click()
    assert sig.args[0].stats.prompt_eval_count == 0  # the prompt was not counted
    # the question counts as the passages it went with, not as the whole file
    assert meter.usage.fit.fits and meter.usage.conversation < 1024 - 512
    assert tab.view.context_bar.warning.isHidden()


def test_attached_files_do_not_teach_the_model_a_wrong_tokens_ratio(
    qtbot: QtBot,
    tab: ChatTab,
    fake_ollama: FakeOllama,
    tmp_path: Path,
    settings: SettingsStore,
) -> None:
    text = "the cat sat on a warm mat and read maps of old towns by the sea " * 4
    fake_ollama.state.installed[MODEL].answer = text
    ask(qtbot, tab, text)
    plain = tab.services.context.scale(MODEL)
    assert settings.text(SCALE_KEY) and 0.5 < plain < 2  # learned from the question and answer
    settings.set(SCALE_KEY, "{}")
    tab.conversations.new_chat()
    attach(qtbot, tab, code_file(tmp_path / "speed.py", 40))  # ~1,000 tokens of code
    ask(qtbot, tab, text)
    # the file's tokens are not the question's text: about the same ratio is learned (it
    # would be 4, the highest a ratio may be, if they were taken for the question's)
    assert settings.text(SCALE_KEY)
    assert abs(tab.services.context.scale(MODEL) / plain - 1) < 0.15


def test_only_the_version_on_screen_counts(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    meter, c = tab.services.context, tab.conversations
    attach(qtbot, tab, code_file(tmp_path / "speed.py", 40))
    ask(qtbot, tab, "What does this do?")
    with_file = meter.usage.conversation
    assert with_file > 500
    tab.messages.editRequested.emit(0)  # edit the question: its file comes back to the tray
    assert c.edit_from == 0 and len(tab.attach.refs()) == 1
    assert meter.usage.fit.used > 500  # counted while it waits with the edit
    tab.view.attachments.chips()[0].remove_button.click()  # type: ignore[union-attr]
    assert meter.usage.fit.used < 100
    ask(qtbot, tab, "What does a speed function do?")
    without = meter.usage.conversation
    assert without < 100  # the older version, file and all, is kept aside: not counted
    with qtbot.waitSignal(c.opened, timeout=5000):
        assert c.switch_version(0, -1)
    assert meter.usage.conversation == with_file  # back on screen, counted again
