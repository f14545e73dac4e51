"""History in sqlite: migrations, WAL, search, rename, delete, crash recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import ChatParams, Energy, MessageStatus
from desktop.services.chat.errors import HistoryErrorKind, NewerSchemaError, classify
from desktop.services.chat.schema import MIGRATIONS
from desktop.services.chat.store import ChatStore


def make(path: Path) -> ChatStore:
    return ChatStore(path)


def test_new_database_is_migrated_and_in_wal(tmp_path: Path) -> None:
    store = make(tmp_path / "c.db")
    assert store.schema_version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_newer_schema_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = make(path)
    store.create_conversation("kept", "m", "", ChatParams(), True)
    store.close()
    db = sqlite3.connect(path)  # a newer version added a column and moved the schema on
    db.execute("ALTER TABLE conversations ADD COLUMN folder TEXT")
    db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 5}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer") as raised:
        make(path)
    assert classify(raised.value).kind is HistoryErrorKind.NEWER
    assert path.read_bytes() == before
    ro = ChatStore(path, read_only=True)  # the user may still read it
    assert [c.title for c in ro.list_conversations()] == ["kept"]
    with pytest.raises(sqlite3.OperationalError) as write:
        ro.rename(1, "changed")
    assert classify(write.value).kind is HistoryErrorKind.READ_ONLY
    ro.close()
    assert path.read_bytes() == before


def test_conversation_round_trip_search_rename_delete(tmp_path: Path) -> None:
    store = make(tmp_path / "c.db")
    a = store.create_conversation(
        "Rust question",
        "qwen3:0.6b",
        "Be brief.",
        ChatParams(temperature=0.3, num_ctx=8192),
        think=False,
    )
    b = store.create_conversation("東京の天気", "gemma3:270m", "", ChatParams(), think=True)
    store.add_message(a.id, "user", "How do lifetimes work?")
    store.add_message(b.id, "user", "明日は雨ですか？ 100% sure_thing")
    got = store.conversation(a.id)
    assert got.params.num_ctx == 8192 and got.system_prompt == "Be brief." and not got.think
    assert [c.id for c in store.list_conversations("lifetimes")] == [a.id]
    assert [c.id for c in store.list_conversations("雨")] == [b.id]
    assert [c.id for c in store.list_conversations("東京")] == [b.id]
    assert [c.id for c in store.list_conversations("100%")] == [b.id]  # % is literal
    assert store.list_conversations("_thing") and not store.list_conversations("x_thing")
    store.rename(a.id, "Lifetimes")
    assert store.conversation(a.id).title == "Lifetimes"
    store.delete_conversation(b.id)
    assert [c.id for c in store.list_conversations()] == [a.id]
    assert (
        store.db.execute(
            "SELECT COUNT(*) FROM messages WHERE conversation_id=?", (b.id,)
        ).fetchone()[0]
        == 0
    )
    store.close()


def test_streaming_answer_found_interrupted_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = make(path)
    conv = store.create_conversation("t", "m", "", ChatParams(), True)
    store.add_message(conv.id, "user", "q")
    msg = store.add_message(conv.id, "assistant", status=MessageStatus.STREAMING, model="m")
    store.append_partial(msg.id, 0, "half an ans", 0, "thought")
    # no close(): the process dies here
    reopened = make(path)
    assert reopened.recovered == 1
    m = reopened.message(msg.id)
    assert (m.content, m.thinking, m.status) == (
        "half an ans",
        "thought",
        MessageStatus.INTERRUPTED,
    )
    store.close()
    reopened.close()


def test_finished_message_keeps_stats_and_energy(tmp_path: Path) -> None:
    store = make(tmp_path / "c.db")
    conv = store.create_conversation("t", "m", "", ChatParams(), True)
    msg = store.add_message(conv.id, "assistant", status=MessageStatus.STREAMING)
    stats = GenerationStats(eval_count=200, eval_duration=3_386_743_000, done_reason="length")
    store.finish_message(
        msg.id, "answer", "", MessageStatus.COMPLETE, stats, 120.0, Energy(12.5, "estimate")
    )
    m = store.message(msg.id)
    assert m.stats == stats and m.ttft_ms == 120.0 and m.energy == Energy(12.5, "estimate")
    store.close()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 100, b"SQLite format 3\x00" + b"\xff" * 200],
)
def test_garbage_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "chats.sqlite3"
    path.write_bytes(content)
    path.chmod(0o644)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        make(path)
    assert classify(raised.value).kind is HistoryErrorKind.DAMAGED
    assert path.read_bytes() == content
    assert path.stat().st_mode & 0o777 == 0o644  # not even its mode is changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chats.sqlite3"]


def test_truncated_database_is_reported_damaged(tmp_path: Path) -> None:
    path = tmp_path / "chats.sqlite3"
    store = make(path)
    conv = store.create_conversation("t", "m", "", ChatParams(), True)
    for i in range(200):
        store.add_message(conv.id, "user", f"message {i} " * 50)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(sqlite3.DatabaseError) as raised:
        s = make(path)
        s.messages(conv.id)
    assert classify(raised.value).kind is HistoryErrorKind.DAMAGED


def test_database_and_its_wal_are_private(tmp_path: Path) -> None:
    path = tmp_path / "chats.sqlite3"
    store = make(path)
    store.create_conversation("t", "m", "", ChatParams(), True)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert p.exists() and p.stat().st_mode & 0o777 == 0o600, p
    store.close()
    path.chmod(0o644)  # made by an older version
    make(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_partial_saves_append_and_fold_in_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = make(path)
    conv = store.create_conversation("t", "m", "", ChatParams(), True)
    msg = store.add_message(conv.id, "assistant", status=MessageStatus.STREAMING)
    store.append_partial(msg.id, 0, "Hello", 0, "hm")
    store.append_partial(msg.id, 5, ", wor", 2, "")
    store.append_partial(msg.id, 12, "LOST", 2, "")  # a gap: a save failed before it
    store.append_partial(msg.id, 7, "world and more", 2, " ok")  # the retry covers it
    assert store.partial(msg.id) == ("Hello, world and more", "hm ok")
    assert store.message(msg.id).content == ""  # the row itself is not rewritten
    reopened = make(path)  # the app died; the next start folds the parts in
    m = reopened.message(msg.id)
    assert (m.content, m.thinking, m.status) == (
        "Hello, world and more",
        "hm ok",
        MessageStatus.INTERRUPTED,
    )
    assert reopened.db.execute("SELECT COUNT(*) FROM message_parts").fetchone()[0] == 0
    store.close()
    reopened.close()


def test_pages_read_back_from_the_newest(tmp_path: Path) -> None:
    store = make(tmp_path / "c.db")
    conv = store.create_conversation("t", "m", "", ChatParams(), True)
    for i in range(25):
        store.add_message(conv.id, "user" if i % 2 == 0 else "assistant", f"m{i}")
    assert store.count_messages(conv.id) == 25
    page = store.load_page(conv.id, limit=10)
    assert [m.content for m in page] == [f"m{i}" for i in range(15, 25)]
    older = store.load_page(conv.id, before=page[0].position, limit=10)
    assert [m.content for m in older] == [f"m{i}" for i in range(5, 15)]
    oldest = store.load_page(conv.id, before=older[0].position, limit=10)
    assert [m.content for m in oldest] == [f"m{i}" for i in range(5)]
    assert store.load_page(conv.id, before=oldest[0].position, limit=10) == []
    index = store.message_index(conv.id)
    assert [(m.position, m.role, m.chars) for m in index[:3]] == [
        (0, "user", 2),
        (1, "assistant", 2),
        (2, "user", 2),
    ]
    assert len(index) == 25 and index[-1].chars == 3
    middle = store.messages_page(conv.id, index[10].position, index[12].position)
    assert [m.content for m in middle] == ["m10", "m11", "m12"]
    store.close()
