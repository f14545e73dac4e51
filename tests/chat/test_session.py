"""A chat answer against the fake server: assembled, measured, saved, and kept on failure."""

from __future__ import annotations

import sqlite3

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import ChatParams, MessageStatus
from desktop.core.errors import ErrorKind
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.ollama_service import OllamaService
from tests.chat.conftest import drain, read_store
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER, DEFAULT_THINKING, default_registry
from tests.fake_ollama.server import Fault

MODEL = "gemma3-270m:latest"


def start(
    qtbot: QtBot,
    service: OllamaService,
    history: ChatHistory,
    model: str = MODEL,
    think: bool | None = None,
) -> tuple[ChatSession, list[tuple[str, str]]]:
    def prep(s):  # type: ignore[no-untyped-def]
        conv = s.create_conversation("t", model, "", ChatParams(), True)
        s.add_message(conv.id, "user", "Explain local models.")
        return s.add_message(conv.id, "assistant", status=MessageStatus.STREAMING, model=model)

    got: list[object] = []
    history.call("prepare", prep, on_success=got.append, on_failure=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    msg = got[0]
    session = ChatSession(service, history)
    deltas: list[tuple[str, str]] = []
    session.delta.connect(lambda c, t: deltas.append((c, t)))
    session.start(
        msg.id,
        model,
        [{"role": "user", "content": "Explain local models."}],
        options={"temperature": 0.1},
        think=think,
    )
    return session, deltas


def stored(qtbot: QtBot, history: ChatHistory, session_msg: int):  # type: ignore[no-untyped-def]
    drain(qtbot, history)
    store = read_store(history.path)
    try:
        return store.message(session_msg)
    finally:
        store.close()


def test_streamed_answer_matches_final_chunk(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    session, deltas = start(qtbot, service, history)
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        pass
    out: Outcome = sig.args[0]
    assert out.status is MessageStatus.COMPLETE and out.error is None
    assert out.content == DEFAULT_ANSWER == "".join(c for c, _ in deltas)
    assert out.stats is not None
    assert out.stats.eval_count == out.tokens_received  # one token per streamed chunk
    assert out.stats.tokens_per_second == pytest.approx(
        out.stats.eval_count / out.stats.eval_duration * 1e9
    )
    assert out.ttft_ms is not None and out.ttft_ms >= 0
    # chunks were coalesced: fewer paints than tokens
    assert len(deltas) < out.tokens_received
    m = stored(qtbot, history, out.message_id)
    assert m.status is MessageStatus.COMPLETE and m.content == DEFAULT_ANSWER
    assert m.stats == out.stats
    body = next(b for (meth, p, b) in fake_ollama.requests if p == "/api/chat")
    assert body["options"] == {"temperature": 0.1} and "think" not in body


def test_reasoning_is_kept_apart(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    fake_ollama.install(default_registry()["qwen3:0.6b"])
    session, deltas = start(qtbot, service, history, "qwen3:0.6b", think=True)
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        pass
    out: Outcome = sig.args[0]
    assert out.thinking == DEFAULT_THINKING and out.content == DEFAULT_ANSWER
    assert "".join(t for _, t in deltas) == DEFAULT_THINKING
    m = stored(qtbot, history, out.message_id)
    assert (m.thinking, m.content) == (DEFAULT_THINKING, DEFAULT_ANSWER)


def test_stop_keeps_the_partial_answer_marked_stopped(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    fake_ollama.token_delay = 0.02
    session, deltas = start(qtbot, service, history)
    qtbot.waitUntil(lambda: len(session.content) > 20, timeout=10000)
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        session.stop()
    out: Outcome = sig.args[0]
    assert out.status is MessageStatus.STOPPED and out.error is None
    assert out.content and DEFAULT_ANSWER.startswith(out.content)
    assert len(out.content) < len(DEFAULT_ANSWER)
    m = stored(qtbot, history, out.message_id)
    assert m.status is MessageStatus.STOPPED and m.content == out.content


@pytest.mark.parametrize(
    "fault, kind",
    [
        ({"drop_after": 5}, ErrorKind.CONNECTION_LOST),
        (
            {"error_after": 5, "error": "model runner has unexpectedly stopped"},
            ErrorKind.RUNNER_STOPPED,
        ),
        ({"end_after": 5}, ErrorKind.INCOMPLETE_STREAM),
    ],
)
def test_server_failure_mid_stream_keeps_partial(
    qtbot: QtBot,
    fake_ollama: FakeOllama,
    service: OllamaService,
    history: ChatHistory,
    fault: dict[str, object],
    kind: ErrorKind,
) -> None:
    fake_ollama.add_fault("/api/chat", **fault)
    session, _ = start(qtbot, service, history)
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        pass
    out: Outcome = sig.args[0]
    assert out.status is MessageStatus.ERROR
    assert out.error is not None and out.error.kind is kind
    assert out.content and DEFAULT_ANSWER.startswith(out.content)
    assert out.tokens_received == 5
    m = stored(qtbot, history, out.message_id)
    assert m.status is MessageStatus.ERROR and m.content == out.content
    assert m.error.startswith(kind.value + "\n")  # its kind is stored with the words


def test_server_killed_mid_stream(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    fake_ollama.token_delay = 0.02
    session, _ = start(qtbot, service, history)
    qtbot.waitUntil(lambda: len(session.content) > 10, timeout=10000)
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        fake_ollama.stop()
    out: Outcome = sig.args[0]
    assert out.status is MessageStatus.ERROR and out.error is not None
    assert out.error.kind in (ErrorKind.CONNECTION_LOST, ErrorKind.INCOMPLETE_STREAM)
    assert stored(qtbot, history, out.message_id).content == out.content != ""


def test_unknown_model_is_reported_as_missing(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    session, _ = start(qtbot, service, history, "nosuch:1b")
    with qtbot.waitSignal(session.finished, timeout=10000) as sig:
        pass
    out: Outcome = sig.args[0]
    assert out.error is not None and out.error.is_model_missing
    assert out.status is MessageStatus.ERROR and out.content == ""


def test_partial_answer_is_saved_while_streaming(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    fake_ollama.token_delay = 0.06  # about 2.5 s: partial saves come every 0.5 s
    session, _ = start(qtbot, service, history)
    msg_id = session.message_id

    # read-only peeks must not recover the row: open without recovery
    def peek() -> str:
        db = sqlite3.connect(f"file:{history.path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT status FROM messages WHERE id=?", (msg_id,)).fetchone()
            parts = db.execute(
                "SELECT content FROM message_parts WHERE message_id=? ORDER BY id", (msg_id,)
            ).fetchall()
        finally:
            db.close()
        return "".join(p[0] for p in parts) if row and row[0] == "streaming" else ""

    qtbot.waitUntil(lambda: len(peek()) > 0, timeout=10000)
    partial = peek()
    assert DEFAULT_ANSWER.startswith(partial) and len(partial) < len(DEFAULT_ANSWER)
    with qtbot.waitSignal(session.finished, timeout=15000):
        session.stop()


def test_text_before_a_server_goes_quiet_is_saved_while_it_is_quiet(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    """The last batch before a long silence must not wait for the next token to be saved:
    a crash during the silence would lose it."""
    fake_ollama.faults.append(Fault(path="/api/chat", stall=30.0, stall_after=6))
    session, deltas = start(qtbot, service, history)
    msg_id = session.message_id
    now = [session.clock()]
    session.clock = lambda: now[0]  # the session's time stands still: no save is due

    def saved() -> str:
        db = sqlite3.connect(f"file:{history.path}?mode=ro", uri=True)
        try:
            parts = db.execute(
                "SELECT content FROM message_parts WHERE message_id=? ORDER BY id", (msg_id,)
            ).fetchall()
        finally:
            db.close()
        return "".join(p[0] for p in parts)

    def shown() -> str:
        return "".join(c for c, _ in deltas)

    qtbot.waitUntil(lambda: len(shown()) > 0, timeout=10000)
    qtbot.wait(300)  # the burst before the silence is all shown, none of it saved yet
    assert saved() == ""
    now[0] += 10.0  # ten silent seconds later: the next look saves what is shown
    qtbot.waitUntil(lambda: saved() == shown(), timeout=5000)
    assert DEFAULT_ANSWER.startswith(saved()) and len(saved()) < len(DEFAULT_ANSWER)
    with qtbot.waitSignal(session.finished, timeout=15000):
        session.stop()


def test_tokens_cross_threads_in_batches_and_partial_saves_append(
    qtbot: QtBot, fake_ollama: FakeOllama, service: OllamaService, history: ChatHistory
) -> None:
    """No signal per token from the network thread: each batch crosses once;
    each partial save inserts only the text that is new since the last one."""
    fake_ollama.token_delay = 0.005
    session, deltas = start(qtbot, service, history)
    task = session._task
    assert task is not None
    per_token: list[object] = []
    task.progressed.connect(per_token.append)
    msg_id = session.message_id
    with qtbot.waitSignal(session.finished, timeout=15000) as sig:
        pass
    out: Outcome = sig.args[0]
    assert per_token == []  # nothing crossed per token
    assert 1 <= len(deltas) < out.tokens_received
    assert "".join(c for c, _ in deltas) == DEFAULT_ANSWER
    drain(qtbot, history)
    peek = sqlite3.connect(f"file:{history.path}?mode=ro", uri=True)
    try:
        parts = peek.execute(
            "SELECT COUNT(*) FROM message_parts WHERE message_id=?", (msg_id,)
        ).fetchone()[0]
    finally:
        peek.close()
    m = stored(qtbot, history, msg_id)
    assert m.content == DEFAULT_ANSWER and parts == 0  # folded in when the answer ended


def test_the_end_of_an_answer_takes_the_workers_join_and_nothing_else() -> None:
    """The worker's joined answer replaces the pieces (no copy on the main thread at the
    end); one that is not the same text (other lengths) is ignored, the pieces stay."""
    from desktop.core.api_types import ChatChunk
    from desktop.services.chat.stream_buffer import StreamBuffer

    buffer = StreamBuffer()
    for piece in ("Hel", "lo", " you"):
        buffer.add(ChatChunk(content=piece, thinking="t"))
    joined = "Hello you"
    buffer.adopt(joined, "ttt")
    content, thinking = buffer.text()
    assert content is joined and thinking == "ttt"
    buffer.adopt("Hello", "ttt")  # not the answer the pieces make
    assert buffer.text() == ("Hello you", "ttt")
