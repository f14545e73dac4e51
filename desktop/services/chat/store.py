"""Chat history in sqlite (stdlib): numbered migrations, WAL, crash-safe partial answers.

This class is synchronous and bound to the thread that opened it; the app uses it through
ChatHistory (history.py), which runs every call on one worker thread.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Energy,
    Message,
    MessageStatus,
)

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
)


class StoreError(Exception):
    pass


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ChatStore:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL: a commit survives the app being killed (it is in the OS cache);
        # only a power cut can lose the last commits.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=3000")
        self._migrate()
        self.recovered = self._recover_interrupted()

    def close(self) -> None:
        self.db.close()

    # -- schema ------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(f"chat history is from a newer version (schema {version})")
        for number in range(version + 1, len(MIGRATIONS) + 1):
            script = MIGRATIONS[number - 1]
            self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def _recover_interrupted(self) -> int:
        """Answers still marked streaming were cut off when the app died."""
        cur = self.db.execute(
            "UPDATE messages SET status=? WHERE status=?",
            (MessageStatus.INTERRUPTED.value, MessageStatus.STREAMING.value),
        )
        return int(cur.rowcount)

    # -- conversations -----------------------------------------------------------------
    def create_conversation(
        self, title: str, model: str, system_prompt: str, params: ChatParams, think: bool
    ) -> Conversation:
        now = time.time()
        cur = self.db.execute(
            "INSERT INTO conversations(title, model, system_prompt, params, think, created_at,"
            " updated_at) VALUES (?,?,?,?,?,?,?)",
            (title, model, system_prompt, json.dumps(params.to_json()), int(think), now, now),
        )
        return self.conversation(int(cur.lastrowid or 0))

    def conversation(self, conv_id: int) -> Conversation:
        row = self.db.execute("SELECT * FROM conversations WHERE id=?", (conv_id,)).fetchone()
        if row is None:
            raise StoreError(f"no conversation {conv_id}")
        return _conversation(row)

    def update_conversation(self, conv: Conversation) -> None:
        self.db.execute(
            "UPDATE conversations SET title=?, model=?, system_prompt=?, params=?, think=?,"
            " updated_at=? WHERE id=?",
            (
                conv.title,
                conv.model,
                conv.system_prompt,
                json.dumps(conv.params.to_json()),
                int(conv.think),
                time.time(),
                conv.id,
            ),
        )

    def rename(self, conv_id: int, title: str) -> None:
        self.db.execute("UPDATE conversations SET title=? WHERE id=?", (title, conv_id))

    def delete_conversation(self, conv_id: int) -> None:
        self.db.execute("DELETE FROM conversations WHERE id=?", (conv_id,))

    def list_conversations(self, query: str = "", limit: int = 500) -> list[Conversation]:
        """Newest first; ``query`` matches titles and message text (any language)."""
        if not query.strip():
            rows = self.db.execute(
                "SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT ?", (limit,)
            ).fetchall()
        else:
            like = f"%{_escape_like(query.strip())}%"
            rows = self.db.execute(
                "SELECT * FROM conversations c WHERE c.title LIKE ? ESCAPE '\\' OR EXISTS ("
                " SELECT 1 FROM messages m WHERE m.conversation_id=c.id"
                " AND m.content LIKE ? ESCAPE '\\')"
                " ORDER BY updated_at DESC, id DESC LIMIT ?",
                (like, like, limit),
            ).fetchall()
        return [_conversation(r) for r in rows]

    # -- messages ----------------------------------------------------------------------
    def add_message(
        self,
        conv_id: int,
        role: str,
        content: str = "",
        *,
        status: MessageStatus = MessageStatus.COMPLETE,
        model: str = "",
    ) -> Message:
        now = time.time()
        with self.db:
            pos_row = self.db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id=?",
                (conv_id,),
            ).fetchone()
            cur = self.db.execute(
                "INSERT INTO messages(conversation_id, position, role, content, status, model,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (conv_id, int(pos_row[0]), role, content, status.value, model, now, now),
            )
            self.db.execute("UPDATE conversations SET updated_at=? WHERE id=?", (now, conv_id))
        return self.message(int(cur.lastrowid or 0))

    def message(self, msg_id: int) -> Message:
        row = self.db.execute("SELECT * FROM messages WHERE id=?", (msg_id,)).fetchone()
        if row is None:
            raise StoreError(f"no message {msg_id}")
        return _message(row)

    def messages(self, conv_id: int) -> list[Message]:
        rows = self.db.execute(
            "SELECT * FROM messages WHERE conversation_id=? ORDER BY position", (conv_id,)
        ).fetchall()
        return [_message(r) for r in rows]

    def save_partial(self, msg_id: int, content: str, thinking: str) -> None:
        """Called while an answer streams (a few times a second at most)."""
        self.db.execute(
            "UPDATE messages SET content=?, thinking=?, updated_at=? WHERE id=?",
            (content, thinking, time.time(), msg_id),
        )

    def finish_message(
        self,
        msg_id: int,
        content: str,
        thinking: str,
        status: MessageStatus,
        stats: GenerationStats | None = None,
        ttft_ms: float | None = None,
        energy: Energy | None = None,
        error: str = "",
    ) -> None:
        extra: dict[str, Any] = {}
        if stats is not None:
            extra["stats"] = stats.to_json()
        if ttft_ms is not None:
            extra["ttft_ms"] = ttft_ms
        if energy is not None:
            extra["energy"] = energy.to_json()
        self.db.execute(
            "UPDATE messages SET content=?, thinking=?, status=?, stats=?, error=?,"
            " updated_at=? WHERE id=?",
            (
                content,
                thinking,
                status.value,
                json.dumps(extra) if extra else "",
                error,
                time.time(),
                msg_id,
            ),
        )

    def update_content(self, msg_id: int, content: str) -> None:
        self.db.execute(
            "UPDATE messages SET content=?, updated_at=? WHERE id=?", (content, time.time(), msg_id)
        )

    def delete_from(self, conv_id: int, position: int) -> None:
        """Remove the message at ``position`` and everything after it (regenerate/edit)."""
        self.db.execute(
            "DELETE FROM messages WHERE conversation_id=? AND position>=?", (conv_id, position)
        )

    def bulk_insert(self, conv_id: int, items: Sequence[tuple[str, str]]) -> None:
        """(role, content) pairs; for imports and benchmarks."""
        now = time.time()
        with self.db:
            start = self.db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id=?",
                (conv_id,),
            ).fetchone()[0]
            self.db.executemany(
                "INSERT INTO messages(conversation_id, position, role, content, created_at,"
                " updated_at) VALUES (?,?,?,?,?,?)",
                [
                    (conv_id, start + i, role, text, now, now)
                    for i, (role, text) in enumerate(items)
                ],
            )


def _conversation(row: sqlite3.Row) -> Conversation:
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


def _message(row: sqlite3.Row) -> Message:
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
    )
