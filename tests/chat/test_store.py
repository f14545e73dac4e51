"""History in sqlite: migrations, WAL, search, rename, delete, crash recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import ChatParams, Energy, MessageStatus
from desktop.services.chat.store import MIGRATIONS, ChatStore, StoreError


def make(path: Path) -> ChatStore:
    return ChatStore(path)


def test_new_database_is_migrated_and_in_wal(tmp_path: Path) -> None:
    store = make(tmp_path / "c.db")
    assert store.schema_version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_newer_schema_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        make(path)


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
    store.save_partial(msg.id, "half an ans", "thought")
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
    store.delete_from(conv.id, 0)
    assert store.messages(conv.id) == []
    store.close()
