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
    # 3: versions (branches.py): an edit or a Regenerate sets the old turns aside instead of
    # deleting them. The chat on screen is branch 0; the index puts it first, so reading it
    # costs what it did.
    """
    ALTER TABLE messages ADD COLUMN branch INTEGER NOT NULL DEFAULT 0;
    DROP INDEX messages_by_conversation;
    CREATE INDEX messages_by_branch ON messages(conversation_id, branch, position);
    CREATE TABLE branches (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,
        number INTEGER NOT NULL
    );
    CREATE INDEX branches_by_fork ON branches(conversation_id, parent, position);
    """,
    # 4: attached files and images (issue 21): a message's attachments keyed by its id (rows
    # that move between branches keep them); payloads stored once by their SHA-256 (a
    # document's passages as JSON, an image as sent) and dropped when nothing uses them
    """
    CREATE TABLE attachment_blobs (
        sha256 TEXT PRIMARY KEY,
        data BLOB NOT NULL
    );
    CREATE TABLE message_attachments (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        format TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        chars INTEGER NOT NULL DEFAULT 0,
        tokens INTEGER NOT NULL DEFAULT 0,
        counted INTEGER NOT NULL DEFAULT 0,
        info TEXT NOT NULL DEFAULT '{}',
        thumb BLOB,
        blob TEXT NOT NULL REFERENCES attachment_blobs(sha256)
    );
    CREATE INDEX message_attachments_by_message ON message_attachments(message_id, ord);
    CREATE INDEX message_attachments_by_blob ON message_attachments(blob);
    """,
    # 5: which passages of documents too long for the window an answer was given (issue
    # 21, retrieval_store.py): one row per answer, kept when the answer moves to another
    # version, gone with it
    """
    CREATE TABLE message_retrievals (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        data TEXT NOT NULL
    );
    """,
)


# the migrations that added versions (messages.branch, branches) and attachments
BRANCHES = next(n for n, m in enumerate(MIGRATIONS, 1) if "CREATE TABLE branches" in m)
ATTACHMENTS = next(n for n, m in enumerate(MIGRATIONS, 1) if "CREATE TABLE attachment_blobs" in m)
RETRIEVALS = next(n for n, m in enumerate(MIGRATIONS, 1) if "CREATE TABLE message_retrievals" in m)


def read_only_shims(version: int) -> str:
    """A file opened read-only at an older schema cannot be migrated: temporary stand-ins
    (in the connection's own TEMP schema, which shadows the file's names) for what later
    migrations added, so the app's queries read it as it is."""
    shims = ""
    if version < BRANCHES:
        shims += """
    CREATE TEMP VIEW messages AS SELECT *, 0 AS branch FROM main.messages;
    CREATE TEMP TABLE branches (
        id INTEGER PRIMARY KEY, conversation_id INTEGER, parent INTEGER, position INTEGER,
        number INTEGER
    );
    """
    if version < ATTACHMENTS:
        shims += """
    CREATE TEMP TABLE attachment_blobs (sha256 TEXT PRIMARY KEY, data BLOB);
    CREATE TEMP TABLE message_attachments (
        id INTEGER PRIMARY KEY, message_id INTEGER, ord INTEGER, kind TEXT, name TEXT,
        format TEXT, size INTEGER, chars INTEGER, tokens INTEGER, counted INTEGER,
        info TEXT, thumb BLOB, blob TEXT
    );
    """
    if version < RETRIEVALS:
        shims += """
    CREATE TEMP TABLE message_retrievals (message_id INTEGER PRIMARY KEY, data TEXT);
    """
    return shims


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
