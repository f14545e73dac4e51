"""The chat database's schema (numbered migrations) and how its rows become objects."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context_rule import ContextNote
from desktop.core.chat.conversation import ChatParams, Conversation, Energy, Message, MessageStatus

MIGRATIONS: tuple[str, ...] = (
    # 1: conversations and their messages
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        params TEXT NOT NULL DEFAULT '{}',
        think INTEGER NOT NULL DEFAULT 1,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        thinking TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'complete',
        model TEXT NOT NULL DEFAULT '',
        stats TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX messages_by_conversation ON messages(conversation_id, position);
    CREATE INDEX conversations_by_update ON conversations(updated_at);
    """,
    # 2: a streaming answer is saved by appending its new text as small parts (an insert of
    # a few hundred bytes, not a rewrite of the whole answer); they are folded into the
    # message when it ends, or on the next start if the app died
    """
    CREATE TABLE message_parts (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        content_start INTEGER NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        thinking_start INTEGER NOT NULL,
        thinking TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX message_parts_by_message ON message_parts(message_id, id);
    """,
)


def conversation_from(row: sqlite3.Row) -> Conversation:
    try:
        params = ChatParams.from_json(json.loads(row["params"] or "{}"))
    except ValueError:
        params = ChatParams()
    return Conversation(
        id=int(row["id"]),
        title=str(row["title"]),
        model=str(row["model"]),
        system_prompt=str(row["system_prompt"]),
        params=params,
        think=bool(row["think"]),
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
    )


def message_from(row: sqlite3.Row) -> Message:
    extra: dict[str, Any] = {}
    if row["stats"]:
        try:
            loaded = json.loads(row["stats"])
            extra = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            extra = {}
    try:
        status = MessageStatus(row["status"])
    except ValueError:
        status = MessageStatus.COMPLETE
    stats = (
        GenerationStats.from_json(extra["stats"]) if isinstance(extra.get("stats"), dict) else None
    )
    ttft = extra.get("ttft_ms")
    return Message(
        id=int(row["id"]),
        conversation_id=int(row["conversation_id"]),
        position=int(row["position"]),
        role=str(row["role"]),
        content=str(row["content"]),
        thinking=str(row["thinking"]),
        status=status,
        model=str(row["model"]),
        stats=stats,
        ttft_ms=float(ttft) if isinstance(ttft, int | float) else None,
        energy=Energy.from_json(extra.get("energy")),
        error=str(row["error"]),
        created_at=float(row["created_at"]),
        context=ContextNote.from_json(extra.get("context")),
    )
