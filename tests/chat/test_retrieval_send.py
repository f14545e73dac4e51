"""A document bigger than the window, through the chat tab against the fake server over
real HTTP: the model receives the passages that matter with their places instead of the
whole text; the answer shows which; the choice is kept (reopened chat), reused when the
chat goes on, made again on Regenerate; a small document still goes whole; Stop while
passages are chosen ends the answer at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.sources_view import SourcesBox
from tests.chat.conftest import drain, make_tab, read_store
from tests.fake_ollama import FakeOllama, all_minilm

NEEDLE = "The spare key is kept under the blue flowerpot by the garden door."
TOPICS = [
    "boilers",
    "invoices",
    "lighthouses",
    "canteens",
    "laptops",
    "parking",
    "printers",
    "visitors",
]


def manual(path: Path, paragraphs: int = 400) -> Path:
    """About 30,000 tokens of text with one paragraph that answers the question."""
    parts = []
    for i in range(paragraphs):
        topic = TOPICS[i % len(TOPICS)]
        parts.append(
            f"Section {i} covers {topic}. The {topic} rules of part {i} are written here in "
            f"full, with the usual remarks about {topic} number {i} and its schedule."
        )
        if i == 287:
            parts.append(NEEDLE)
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


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


def chats(fake: FakeOllama) -> list[dict]:  # type: ignore[type-arg]
    return [b for (_m, p, b) in fake.requests if p == "/api/chat"]


def attach(qtbot: QtBot, tab: ChatTab, *paths: Path) -> None:
    tab.attach.add_paths([str(p) for p in paths])
    qtbot.waitUntil(
        lambda: not tab.attach.jobs.busy and bool(tab.attach.attachments()), timeout=20000
    )


def send(qtbot: QtBot, tab: ChatTab, text: str) -> object:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=20000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def test_a_long_document_goes_as_its_passages_and_the_answer_says_which(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    attach(qtbot, tab, manual(tmp_path / "manual.txt"))
    send(qtbot, tab, "Where is the spare key kept?")
    content = chats(fake_ollama)[-1]["messages"][-1]["content"]
    assert content.startswith("Where is the spare key kept?\n--- File: manual.txt (only the")
    assert NEEDLE in content and "--- Lines " in content
    assert len(content) < 4096 * 4  # what the default window of 4,096 tokens can hold
    assert "Section 3 covers" not in content  # not the whole text
    # under the answer: which passages, with their places, as plain text
    answer = tab.view.messages[-1]
    box = answer.findChild(SourcesBox)
    assert box is not None and "manual.txt" in box.toggle.text()
    box.toggle.click()
    texts = [lbl.text() for lbl in box.findChildren(QLabel)]
    assert any(t.startswith("manual.txt, lines ") for t in texts)
    assert any(NEEDLE in t for t in texts)
    # kept with the answer: a restarted app reads it back
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        messages = store.messages(tab.conversations.conv.id)  # type: ignore[union-attr]
    finally:
        store.close()
    kept = messages[-1].retrieval
    assert kept is not None and any(NEEDLE in p.place.text for p in kept.passages)
    assert kept.method == "bm25" and kept.docs[0][1] == "manual.txt"


def test_the_conversation_goes_on_with_the_same_passages_and_regenerate_chooses_again(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    attach(qtbot, tab, manual(tmp_path / "manual.txt"))
    send(qtbot, tab, "Where is the spare key kept?")
    first = chats(fake_ollama)[-1]["messages"][-1]["content"]
    send(qtbot, tab, "Thanks. And who wrote the section?")
    again = chats(fake_ollama)[-1]["messages"]
    assert again[0]["content"] == first  # the first question as the model saw it
    assert again[-1]["content"] == "Thanks. And who wrote the section?"
    # Regenerate the last answer: its question has no file; the first is sent as it was
    drain(qtbot, tab.history)
    with qtbot.waitSignal(tab.session.finished, timeout=20000):
        tab.view.messages[-1].regen_button.click()
    regenerated = chats(fake_ollama)[-1]["messages"]
    assert regenerated[-1]["content"] == "Thanks. And who wrote the section?"
    assert regenerated[0]["content"] == first
    assert tab.view.messages[-1].findChild(SourcesBox) is None  # the last question had no file


def test_regenerate_of_the_question_with_the_file_chooses_again(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    attach(qtbot, tab, manual(tmp_path / "manual.txt"))
    send(qtbot, tab, "Where is the spare key kept?")
    drain(qtbot, tab.history)
    with qtbot.waitSignal(tab.session.finished, timeout=20000):
        tab.view.messages[-1].regen_button.click()
    content = chats(fake_ollama)[-1]["messages"][-1]["content"]
    assert NEEDLE in content and "(only the passages that match the question)" in content
    qtbot.waitUntil(lambda: tab.view.messages[-1].findChild(SourcesBox) is not None, timeout=5000)
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        messages = store.messages(tab.conversations.conv.id)  # type: ignore[union-attr]
    finally:
        store.close()
    assert messages[-1].retrieval is not None  # the new answer's own choice


def test_a_small_document_still_goes_whole(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    attach(qtbot, tab, manual(tmp_path / "short.txt", paragraphs=12))
    send(qtbot, tab, "What is in section 3?")
    content = chats(fake_ollama)[-1]["messages"][-1]["content"]
    assert "--- File: short.txt ---" in content and "Section 11 covers" in content
    assert tab.view.messages[-1].findChild(SourcesBox) is None


def test_a_smaller_window_leaves_fewer_passages(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    system, params = tab.conversations.current_params()
    tab.conversations.set_params(system, params.__class__(**{**params.to_json(), "num_ctx": 1024}))
    attach(qtbot, tab, manual(tmp_path / "manual.txt"))
    send(qtbot, tab, "Where is the spare key kept?")
    content = chats(fake_ollama)[-1]["messages"][-1]["content"]
    assert NEEDLE in content and len(content) < 1024 * 4
    assert chats(fake_ollama)[-1]["options"]["num_ctx"] == 1024


def test_hybrid_with_an_installed_embedding_model_and_stop_while_choosing(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    fake_ollama.install(all_minilm())
    tab.picker.refresh()
    qtbot.waitUntil(lambda: len(tab.picker.models) >= 1, timeout=5000)
    assert "all-minilm:l6-v2" not in tab.picker.models  # not offered for chat
    attach(qtbot, tab, manual(tmp_path / "manual.txt"))
    send(qtbot, tab, "Where is the spare key kept?")
    paths = fake_ollama.paths_requested()
    assert "/api/embed" in paths and paths.index("/api/embed") < len(paths) - 1
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        kept = store.messages(tab.conversations.conv.id)[-1].retrieval  # type: ignore[union-attr]
    finally:
        store.close()
    assert kept is not None and kept.method == "hybrid" and kept.model == "all-minilm:l6-v2"
    # a server slow to embed: Stop ends the answer at once, nothing is asked of the model
    fake_ollama.add_fault("/api/embed", stall=30)
    asked = len(chats(fake_ollama))
    attach(qtbot, tab, manual(tmp_path / "other.txt", paragraphs=390))
    tab.view.composer.setPlainText("Which section covers printers?")
    with qtbot.waitSignal(tab.services.planner.searching, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    with qtbot.waitSignal(tab.session.finished, timeout=5000) as sig:
        tab.view.stop_button.click()
    assert sig.args[0].status is MessageStatus.STOPPED
    assert len(chats(fake_ollama)) == asked
