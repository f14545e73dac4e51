"""The transcript of a long chat: widgets only where the user looks, older pages read from
sqlite as they scroll, a streaming answer followed unless the user scrolled up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import ChatParams
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.transcript import MAX_LIVE
from desktop.ui.chat.transcript_links import link_question
from tests.chat.conftest import make_tab
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import default_registry

MODEL = "qwen2.5:0.5b"


def seed(path: Path, count: int) -> int:
    """A stored chat of ``count`` messages, written as another app run would have."""
    store = ChatStore(path)
    conv = store.create_conversation("long", MODEL, "", ChatParams(), False)
    now = time.time()
    store.db.executemany(
        "INSERT INTO messages(conversation_id, position, role, content, model, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?,?)",
        [
            (
                conv.id,
                i,
                "user" if i % 2 == 0 else "assistant",
                f"message {i}: " + "some **words** that wrap " * (1 + i % 7),
                MODEL,
                now,
                now,
            )
            for i in range(count)
        ],
    )
    store.close()
    return conv.id


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


def open_chat(qtbot: QtBot, tab: ChatTab, conv_id: int) -> None:
    with qtbot.waitSignal(tab.messages.conversationShown, timeout=10000):
        tab.conversations.open(conv_id)


def test_a_long_chat_opens_at_its_end_with_widgets_only_for_what_is_seen(
    qtbot: QtBot, tab: ChatTab, tmp_path: Path
) -> None:
    conv_id = seed(tab.history.path, 3000)
    open_chat(qtbot, tab, conv_id)
    t = tab.view.transcript
    assert t.row_count() == 3000
    qtbot.waitUntil(lambda: 2999 in t.live_rows(), timeout=5000)
    assert 0 < len(t.live_rows()) <= MAX_LIVE
    last = t.widget_at(2999)
    assert last is not None and last.text().startswith("message 2999:")
    bar = t.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    assert not t.jump.isVisible()  # at the end already


def test_scrolling_up_reads_older_pages(qtbot: QtBot, tab: ChatTab) -> None:
    conv_id = seed(tab.history.path, 1000)
    open_chat(qtbot, tab, conv_id)
    t = tab.view.transcript
    bar = t.verticalScrollBar()
    assert t.widget_at(0) is None  # not read yet: only the newest page came with the chat

    def at_top() -> bool:
        bar.setValue(0)
        w = t.widget_at(0) if 0 in t.live_rows() else None
        return w is not None and bar.value() == 0

    qtbot.waitUntil(at_top, timeout=10000)
    first, answer = t.widget_at(0), t.widget_at(1)
    assert first is not None and first.text().startswith("message 0:")
    assert first.body.toPlainText().startswith("message 0: some **words**")  # typed text
    assert answer is not None and answer.body.toPlainText().startswith("message 1: some words")
    assert len(t.live_rows()) <= MAX_LIVE
    assert t.jump.isVisible()  # far from the latest message: a way back


def test_the_view_follows_the_answer_unless_the_user_scrolled_up(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    model = default_registry()[MODEL]
    model.answer = "\n\n".join(f"Paragraph {i} of a long answer." for i in range(120))
    fake_ollama.install(model)
    tab.picker.refresh()
    qtbot.waitUntil(lambda: MODEL in tab.picker.models, timeout=5000)
    tab.picker.select_model(MODEL)
    fake_ollama.token_delay = 0.004
    t = tab.view.transcript
    bar = t.verticalScrollBar()
    tab.view.composer.setPlainText("a long answer please")
    tab.composer.send()
    qtbot.waitUntil(lambda: bar.maximum() > 200, timeout=10000)
    assert bar.value() == bar.maximum() and t.following  # it follows the answer
    bar.setValue(0)  # the user scrolls up to reread the question
    assert not t.following and t.jump.isVisible()
    grown = bar.maximum()
    qtbot.waitUntil(lambda: bar.maximum() > grown + 100, timeout=10000)
    assert bar.value() == 0  # the answer grows below; the view stays where the user is
    t.jump.click()
    assert t.following and bar.value() == bar.maximum() and not t.jump.isVisible()
    with qtbot.waitSignal(tab.session.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=5000)


def test_the_link_question_shows_what_a_spoofed_link_really_is() -> None:
    text = link_question("https://example.com/\u202egpj.exe")
    assert "\u202e" not in text and "\\u202e" in text
    assert "\nSite: https://example.com\n" in text
    assert "invisible" in text
    zero_width = link_question("https://ex\u200bample.com/")
    assert "ex\\u200bample.com" in zero_width and "\u200b" not in zero_width
    plain = link_question("https://ollama.com/library")
    assert "invisible" not in plain and "Full link: https://ollama.com/library" in plain
