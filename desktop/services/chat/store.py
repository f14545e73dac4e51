"""Chat history in sqlite (stdlib): numbered migrations, WAL, crash-safe partial answers.

This class is synchronous and bound to the thread that opened it; the app uses it through
ChatHistory (history.py), which runs every call on the "chat-db" task lane.

The file is never changed before it is known to be a chat database this version can read:
a damaged file or one from a newer version raises (sqlite3.DatabaseError, NewerSchemaError)
and is left exactly as it was. ``read_only=True`` opens without writing anything at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context_rule import ContextNote
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Energy,
    Message,
    MessageMeta,
    MessageStatus,
)
from desktop.services.chat import attachment_store, retrieval_store
from desktop.services.chat.errors import NewerSchemaError
from desktop.services.chat.schema import (
    MIGRATIONS,
    conversation_from,
    message_from,
    read_only_shims,
)

PRIVATE = 0o600  # the history is the user's own words: not for other accounts (POSIX)


class StoreError(Exception):
    pass


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _create_private(path: Path) -> None:
    """Create a new database file 0600 before sqlite does (sqlite gives its -wal and -shm
    files the database's own mode)."""
    if os.name == "posix" and not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE))


def _make_private(path: Path) -> None:
    """Tighten the files of a database known to be ours (never one that failed to open:
    that file is left exactly as it was)."""
    if os.name != "posix":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        # best effort: a file we may write but not chmod (another owner) is still used
        with contextlib.suppress(OSError):
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(PRIVATE)


class ChatStore:
    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        memory = str(path) == ":memory:"
        if read_only:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            if not memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _create_private(self.path)
            # one lane thread at a time uses it (the lane serialises), not always the same one
            self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            self._open()
        except BaseException:
            self.db.close()
            raise

    def _open(self) -> None:
        self.db.row_factory = sqlite3.Row
        # reads the header first: garbage raises "file is not a database" here, before
        # anything is written
        version = self.schema_version
        if version > len(MIGRATIONS) and not self.read_only:
            raise NewerSchemaError(f"chat history is from a newer version (schema {version})")
        self.db.execute("PRAGMA busy_timeout=3000")
        if self.read_only:
            self.recovered = 0
            if shims := read_only_shims(version):
                self.db.executescript(shims)
            return
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL: a commit survives the app being killed (it is in the OS cache);
        # only a power cut can lose the last commits.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate(version)
        self.recovered = self._recover_interrupted()
        attachment_store.drop_unused(self.db)
        if str(self.path) != ":memory:":
            _make_private(self.path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All of the block's writes or none (nested blocks join the outer one). A failed
        commit (disk full) is rolled back, so the next call starts clean."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    # -- schema ------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, version: int) -> None:
        for number in range(version + 1, len(MIGRATIONS) + 1):
            script = MIGRATIONS[number - 1]
            self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def _recover_interrupted(self) -> int:
        """Answers still marked streaming were cut off when the app died: fold their saved
        parts into them and mark them interrupted."""
        rows = self.db.execute(
            "SELECT id FROM messages WHERE status=?", (MessageStatus.STREAMING.value,)
        ).fetchall()
        for row in rows:
            content, thinking = self.partial(int(row["id"]))
            self.finish_message(int(row["id"]), content, thinking, MessageStatus.INTERRUPTED)
        return len(rows)

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
        return conversation_from(row)

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
                " SELECT 1 FROM messages m WHERE m.conversation_id=c.id AND m.branch=0"
                " AND m.content LIKE ? ESCAPE '\\')"
                " ORDER BY updated_at DESC, id DESC LIMIT ?",
                (like, like, limit),
            ).fetchall()
        return [conversation_from(r) for r in rows]

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
        with self.transaction():
            pos_row = self.db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages"
                " WHERE conversation_id=? AND branch=0",
                (conv_id,),
            ).fetchone()
            cur = self.db.execute(
                "INSERT INTO messages(conversation_id, position, role, content, status, model,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (conv_id, int(pos_row[0]), role, content, status.value, model, now, now),
            )
            self.db.execute("UPDATE conversations SET updated_at=? WHERE id=?", (now, conv_id))
        return self.message(int(cur.lastrowid or 0))

    def _filled(self, messages: list[Message]) -> list[Message]:
        """Messages with what other tables hold of them: files, chosen passages."""
        return retrieval_store.with_retrievals(
            self.db, attachment_store.with_refs(self.db, messages)
        )

    def message(self, msg_id: int) -> Message:
        row = self.db.execute("SELECT * FROM messages WHERE id=?", (msg_id,)).fetchone()
        if row is None:
            raise StoreError(f"no message {msg_id}")
        return self._filled([message_from(row)])[0]

    # Every read below is of the chat on screen (branch 0); its other versions, set aside
    # by an edit or a Regenerate, are read and switched by branches.py.
    def messages(self, conv_id: int) -> list[Message]:
        """Every message of a conversation, in order (prefer load_page for long chats)."""
        rows = self.db.execute(
            "SELECT * FROM messages WHERE conversation_id=? AND branch=0 ORDER BY position",
            (conv_id,),
        ).fetchall()
        return self._filled([message_from(r) for r in rows])

    def count_messages(self, conv_id: int) -> int:
        """How many messages the conversation has (cheap: an index count)."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM messages WHERE conversation_id=? AND branch=0", (conv_id,)
        ).fetchone()
        return int(row[0])

    def load_page(self, conv_id: int, before: int | None = None, limit: int = 50) -> list[Message]:
        """Up to ``limit`` messages that come just before position ``before`` (the newest
        ones when ``before`` is None), returned oldest first, ready to show. To read further
        back, pass the first returned message's ``position`` as the next ``before``; an
        empty or short page means the start of the chat was reached. One indexed range
        read: the cost depends on ``limit``, not on the chat's length."""
        bound = before if before is not None else 1 << 62
        rows = self.db.execute(
            "SELECT * FROM messages WHERE conversation_id=? AND branch=0 AND position<?"
            " ORDER BY position DESC LIMIT ?",
            (conv_id, bound, max(0, limit)),
        ).fetchall()
        return self._filled([message_from(r) for r in reversed(rows)])

    def message_index(self, conv_id: int) -> list[MessageMeta]:
        """Every message's id, position, role and length, in order, without the text."""
        rows = self.db.execute(
            "SELECT id, position, role, length(content) FROM messages"
            " WHERE conversation_id=? AND branch=0 ORDER BY position",
            (conv_id,),
        ).fetchall()
        return [MessageMeta(int(r[0]), int(r[1]), str(r[2]), int(r[3] or 0)) for r in rows]

    def messages_page(self, conv_id: int, first_position: int, last_position: int) -> list[Message]:
        """The messages whose position is in [first_position, last_position], in order."""
        rows = self.db.execute(
            "SELECT * FROM messages WHERE conversation_id=? AND branch=0"
            " AND position BETWEEN ? AND ?"
            " ORDER BY position",
            (conv_id, first_position, last_position),
        ).fetchall()
        return self._filled([message_from(r) for r in rows])

    def append_partial(
        self, msg_id: int, content_start: int, content: str, thinking_start: int, thinking: str
    ) -> None:
        """Save what streamed in since the last save: ``content`` is the answer's text from
        character ``content_start`` on (likewise the reasoning). An insert of only the new
        text, so saving every few hundred milliseconds costs the same at any length. A
        part that starts before the end of what is saved overwrites from there (a retry
        after a failed save)."""
        self.db.execute(
            "INSERT INTO message_parts(message_id, content_start, content, thinking_start,"
            " thinking) VALUES (?,?,?,?,?)",
            (msg_id, content_start, content, thinking_start, thinking),
        )

    def partial(self, msg_id: int) -> tuple[str, str]:
        """The message's text with its saved parts folded in: (content, reasoning)."""
        row = self.db.execute(
            "SELECT content, thinking FROM messages WHERE id=?", (msg_id,)
        ).fetchone()
        content, thinking = (str(row[0]), str(row[1])) if row else ("", "")
        for part in self.db.execute(
            "SELECT content_start, content, thinking_start, thinking FROM message_parts"
            " WHERE message_id=? ORDER BY id",
            (msg_id,),
        ):
            content = _splice(content, int(part[0]), str(part[1]))
            thinking = _splice(thinking, int(part[2]), str(part[3]))
        return content, thinking

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
        context: ContextNote | None = None,
    ) -> None:
        extra: dict[str, Any] = {}
        if stats is not None:
            extra["stats"] = stats.to_json()
        if ttft_ms is not None:
            extra["ttft_ms"] = ttft_ms
        if energy is not None:
            extra["energy"] = energy.to_json()
        if context is not None:
            extra["context"] = context.to_json()
        with self.transaction():
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
            self.db.execute("DELETE FROM message_parts WHERE message_id=?", (msg_id,))


def _splice(text: str, start: int, part: str) -> str:
    """``part`` placed at ``start``; a part beyond the end (after a lost save) is skipped."""
    if not part or start > len(text):
        return text
    return text[:start] + part
