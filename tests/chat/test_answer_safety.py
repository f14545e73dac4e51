"""An answer is never lost: a full disk mid-answer, a quiet server, an odd final line."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.chat.conftest import drain, make_tab, open_history, read_store
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER, default_registry

LONG = "".join(f"Line {i}: the quick brown fox jumps over the lazy dog.\n" for i in range(150))


def long_model(fake: FakeOllama) -> str:
    m = default_registry()["qwen2.5:0.5b"]
    m.answer = LONG
    fake.install(m)
    return m.name


def ready(qtbot: QtBot, tab: ChatTab, model: str = "") -> ChatTab:
    tab.resize(1100, 700)
    qtbot.waitUntil(lambda: bool(tab.picker.models) and (not model or model in tab.picker.models))
    if model:
        tab.picker.select_model(model)
    tab.session.saver.retry_ms = (50, 100, 200)  # the test need not wait seconds
    return tab


def run(history: ChatHistory, sql: str) -> None:
    history.call("test", lambda s: s.db.execute(sql), on_success=lambda _r: None, on_failure=print)


def status_of(tab: ChatTab) -> str:
    return tab.view.messages[-1].status.text()


def test_full_database_keeps_the_answer_and_saves_it_when_space_returns(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    model = long_model(fake_ollama)
    tab = ready(qtbot, make_tab(qtbot, service, settings, history), model)
    fake_ollama.token_delay = 0.001
    tab.view.composer.setPlainText("write a lot")
    tab.composer.send()
    qtbot.waitUntil(lambda: tab.session.busy, timeout=5000)
    # a real sqlite failure: the database may not grow by one more page ("disk is full")
    history.call(
        "fill",
        lambda s: s.db.execute(
            f"PRAGMA max_page_count={s.db.execute('PRAGMA page_count').fetchone()[0]}"
        ),
        on_success=lambda _r: None,
        on_failure=print,
    )
    with qtbot.waitSignal(tab.session.finished, timeout=20000) as done:
        pass
    assert done.args[0].content == LONG and done.args[0].status is MessageStatus.COMPLETE
    qtbot.waitUntil(lambda: "not saved yet" in status_of(tab), timeout=5000)
    assert "could not be saved yet" in tab.banner.text and "disk is full" in tab.banner.text
    assert tab.view.messages[-1].text() == LONG  # all of it is on screen
    assert [a.content for a in tab.session.saver.unsaved] == [LONG]
    run(history, "PRAGMA max_page_count=1073741823")  # space is back
    qtbot.waitUntil(lambda: "not saved yet" not in status_of(tab), timeout=5000)
    assert tab.session.saver.unsaved == []
    drain(qtbot, history)
    store = read_store(history.path)
    try:
        conv = store.list_conversations()[0]
        answer = store.messages(conv.id)[-1]
    finally:
        store.close()
    assert (answer.content, answer.status) == (LONG, MessageStatus.COMPLETE)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB file system (tmpfs), when this test may mount one (root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root; the max_page_count test covers it")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_then_freed_space(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    fake_ollama: FakeOllama,
    tiny_disk: Path,
) -> None:
    history = ChatHistory(service.runner, tiny_disk / "chats.sqlite3")
    open_history(qtbot, history)
    model = long_model(fake_ollama)
    tab = ready(qtbot, make_tab(qtbot, service, settings, history), model)
    fake_ollama.token_delay = 0.001
    tab.view.composer.setPlainText("write a lot")
    tab.composer.send()
    qtbot.waitUntil(lambda: tab.session.busy, timeout=5000)
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:  # fill the disk to the last byte
        for size in (65536, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    with qtbot.waitSignal(tab.session.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: "not saved yet" in status_of(tab), timeout=5000)
    assert tab.view.messages[-1].text() == LONG
    filler.unlink()
    qtbot.waitUntil(lambda: "not saved yet" not in status_of(tab), timeout=10000)
    history.close()
    store = read_store(history.path)
    try:
        answer = store.messages(store.list_conversations()[0].id)[-1]
    finally:
        store.close()
    assert (answer.content, answer.status) == (LONG, MessageStatus.COMPLETE)


def test_quitting_with_an_unsaved_answer_warns_with_its_text(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    tab.session.saver.retry_ms = (60000,)
    tab.view.composer.setPlainText("q")
    with qtbot.waitSignal(tab.conversations.exchangeStarted, timeout=5000):
        tab.composer.send()
    run(history, "PRAGMA query_only=ON")  # the question is stored; nothing more can be
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        pass
    qtbot.waitUntil(lambda: bool(tab.session.saver.unsaved), timeout=5000)
    warned: list[list[str]] = []
    tab.warn_unsaved = warned.append
    tab.shutdown()  # what DeskApp.shutdown does: a last try, then the warning
    tab.shutdown()  # quitting twice warns once
    assert warned == [[DEFAULT_ANSWER]]
    box = tab.unsaved_warning(warned[0])
    assert "1 answer(s) could not be saved" in box.text() and "written to" in box.text()
    assert DEFAULT_ANSWER in box.detailedText()


def test_a_quiet_server_is_announced_and_can_be_stopped(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    tab.session.quiet_after_s = 0.3  # the app waits a few seconds; the test less
    fake_ollama.add_fault("/api/chat", stall=1.2, stall_after=4)
    tab.view.composer.setPlainText("hello")
    tab.composer.send()
    qtbot.waitUntil(lambda: "gone quiet" in tab.banner.text, timeout=5000)
    assert tab.banner.banner.action.text() == "Stop"
    # tokens flow again: the note goes by itself, and the answer completes
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as done:
        pass
    assert done.args[0].status is MessageStatus.COMPLETE
    assert "gone quiet" not in tab.banner.text
    # a server that says nothing at all: the user is told, and Stop stops it
    fake_ollama.add_fault("/api/chat", stall=2.0)
    tab.view.composer.setPlainText("again")
    tab.composer.send()
    qtbot.waitUntil(lambda: "No answer yet" in tab.banner.text, timeout=5000)
    with qtbot.waitSignal(tab.session.finished, timeout=3000) as stopped:
        tab.banner.banner.action.click()
    assert stopped.args[0].status is MessageStatus.STOPPED


def test_wrongly_typed_metric_keeps_the_answer(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    fake_ollama.add_fault("/api/chat", final_extra={"eval_count": {"n": 1}, "eval_duration": "x"})
    tab.view.composer.setPlainText("hi")
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as done:
        tab.composer.send()
    out = done.args[0]
    assert out.status is MessageStatus.COMPLETE and out.error is None
    assert tab.view.messages[-1].text() == DEFAULT_ANSWER
    assert status_of(tab) == "" and tab.banner.text == ""
    footer = tab.view.messages[-1].footer.text()
    assert footer.split(" · ")[1] == "—"  # the answer's speed: not available


def test_a_broken_frame_keeps_the_tokens_and_says_the_answer_broke(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    """Issue 24.3: three tokens came in the same read as a chunk whose size was not hex.
    None was kept, and the banner asked whether the server had been stopped."""
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    fake_ollama.add_fault("/api/chat", bad_chunk_after=3)
    tab.view.composer.setPlainText("hi")
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as done:
        tab.composer.send()
    out = done.args[0]
    assert out.status is MessageStatus.ERROR
    assert out.content == "Local models run"  # the three tokens, 16 characters
    assert tab.view.messages[-1].text() == out.content
    assert "arrived broken" in tab.banner.text and "Was the server stopped" not in tab.banner.text
    assert "The part of the answer that arrived is kept." in tab.banner.text
    drain(qtbot, history)
    store = read_store(history.path)
    try:
        answer = store.messages(store.list_conversations()[0].id)[-1]
    finally:
        store.close()
    assert (answer.content, answer.status) == (out.content, MessageStatus.ERROR)


def test_an_unstreamed_answer_cut_short_keeps_its_text_and_invents_no_counts(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    """Issue 24.11 (seen on a real server): the answer came as one JSON object, not a
    stream, with "done": false and no counts. Its text is kept, the user is told it was
    cut short, and the figures do not claim 1 token (it was one object of 41 words) or a
    first-token time (it came whole)."""
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    fake_ollama.add_fault("/api/chat", unstreamed={"done": False})
    tab.view.composer.setPlainText("hi")
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as done:
        tab.composer.send()
    out = done.args[0]
    assert out.status is MessageStatus.ERROR and out.content == DEFAULT_ANSWER
    assert "ended before it was complete" in tab.banner.text
    assert "The part of the answer that arrived is kept." in tab.banner.text
    assert out.tokens_received == 0 and out.ttft_ms is None and out.stats is None
    panel = tab.perf.panel
    assert (panel.tokens.text(), panel.speed.text(), panel.ttft.text()) == ("—", "—", "—")
    drain(qtbot, history)
    store = read_store(history.path)
    try:
        answer = store.messages(store.list_conversations()[0].id)[-1]
    finally:
        store.close()
    assert answer.content == DEFAULT_ANSWER and answer.stats is None


def test_a_server_that_trickles_is_announced_and_then_given_up_on(
    qtbot: QtBot,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
    fake_ollama: FakeOllama,
) -> None:
    """Issue 24.7: a byte every 20 ms (never silent, never a whole token line) held the
    answer for as long as the server liked: every timeout was per read. The "gone quiet"
    note comes (no token), and after the read timeout with no whole line the answer ends
    with a timeout; the tokens that came before are kept."""
    tab = ready(qtbot, make_tab(qtbot, service, settings, history))
    tab.session.quiet_after_s = 0.3
    service.api.stream_timeout = 2.5  # the app waits 300 s; the test less
    fake_ollama.add_fault("/api/chat", stall=0.0, trickle=0.02)
    tab.view.composer.setPlainText("hello")
    with qtbot.waitSignal(tab.session.finished, timeout=15000) as done:
        tab.composer.send()
        qtbot.waitUntil(lambda: "No answer yet" in tab.banner.text, timeout=5000)
    out = done.args[0]
    assert out.status is MessageStatus.ERROR and out.error is not None
    assert out.error.kind.value == "timeout"
