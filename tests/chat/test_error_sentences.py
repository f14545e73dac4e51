"""What the chat says when the server fails, over real HTTP to the fake server: a sentence
that says what happened and what to do, never the server's braces or raw words (those are
in the Details); the same sentence when the failed answer is opened again after a restart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.chat.conftest import drain, make_tab
from tests.fake_ollama import FakeOllama

MODEL = "gemma3-270m:latest"
# the real 400 of a model without vision (shared/fixtures/images/README.md): its error text
# is itself a JSON document
VISION_ERROR = json.dumps(
    {
        "error": {
            "code": 400,
            "message": "Multimodal data provided, but model does not support multimodal requests.",
            "type": "invalid_request_error",
        }
    }
)


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    t = make_tab(qtbot, service, settings, history)
    t.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    yield t


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)


def test_json_inside_a_refusal_is_a_sentence_naming_the_model(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.add_fault("/api/chat", status=400, error=VISION_ERROR)
    ask(qtbot, tab, "what is in this picture?")
    label = tab.view.banner.label
    assert f"{MODEL} cannot read images" in label.text()
    assert not any(c in label.shown_text() for c in '{}\\"')
    assert "Multimodal data provided" in label.details() and label.has_details


def test_a_broken_answer_is_not_called_a_stopped_server(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    fake_ollama.add_fault("/api/chat", malformed_at=4)
    ask(qtbot, tab, "hello")
    text = tab.view.banner.label.text()
    assert "arrived broken" in text and "stopped or restarted" not in text


def test_a_failed_answer_says_the_same_after_a_restart(
    qtbot: QtBot,
    tab: ChatTab,
    service: OllamaService,
    settings: SettingsStore,
    fake_ollama: FakeOllama,
) -> None:
    fake_ollama.add_fault(
        "/api/chat", error_after=3, error="write /models/blob-partial: no space left on device"
    )
    ask(qtbot, tab, "hello")
    live = tab.view.messages[-1].footer
    assert "disk" in live.text() and "no space left" not in live.text()
    drain(qtbot, tab.history)
    again = make_tab(qtbot, service, settings, ChatHistory(service.runner, tab.history.path))
    lst = again.view.conversations
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=5000)
    with qtbot.waitSignal(again.messages.conversationShown, timeout=5000):
        again.conversations.open(int(lst.item(0).data(Qt.ItemDataRole.UserRole)))
    stored = again.view.messages[-1].footer
    assert stored.text() == live.text()  # the sentence, not the stored raw words
    assert "no space left on device" in stored.details()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB file system (tmpfs), when this test may mount one (root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"x" * 4096)
        except OSError:
            pass
    return filler


def test_a_full_disk_under_existing_history_says_so_and_offers_try_again(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    fake_ollama: FakeOllama,
    tiny_disk: Path,
) -> None:
    """SQLite reports it as "disk I/O error" (SQLITE_IOERR_SHMSIZE): that was shown as is,
    with no way to try again (issue 24.11)."""
    path = tiny_disk / "chats.sqlite3"
    first = ChatHistory(service.runner, path)
    tab = make_tab(qtbot, service, settings, first)
    tab.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(tab.picker.models), timeout=5000)
    ask(qtbot, tab, "hello")
    drain(qtbot, first)
    first.close()
    filler = _fill(tiny_disk)

    history = ChatHistory(service.runner, path)  # the next start, on the full disk
    again = make_tab(qtbot, service, settings, history)
    notice = again.notice
    qtbot.waitUntil(lambda: not notice.isHidden(), timeout=5000)
    assert "the disk is full" in notice.label.text()
    assert "disk I/O error" not in notice.label.shown_text()
    assert "disk I/O error" in notice.label.details()
    assert not notice.retry.isHidden()

    filler.unlink()  # space again: Try again opens it, nothing lost
    notice.retry.click()
    qtbot.waitUntil(lambda: notice.isHidden(), timeout=5000)
    qtbot.waitUntil(lambda: again.view.conversations.count() == 1, timeout=5000)
