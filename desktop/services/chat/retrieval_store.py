"""The chat database's record of which passages of long documents an answer was given
(schema.py's retrieval migration): one row per answer, the choice as JSON
(core/retrieval/choice.Retrieval). A reopened chat shows it under the answer, and the
question is sent again with the same passages when the conversation goes on; a Regenerate
is a new answer with a choice of its own. Functions on the store's connection, called
inside ChatStore's transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from desktop.core.chat.conversation import Message
from desktop.core.retrieval.choice import Retrieval

_BATCH = 500


def save(db: sqlite3.Connection, message_id: int, retrieval: Retrieval) -> None:
    """Keep ``retrieval`` with answer ``message_id`` (nothing when the answer is gone)."""
    db.execute(
        "INSERT OR REPLACE INTO message_retrievals(message_id, data)"
        " SELECT id, ? FROM messages WHERE id=?",
        (retrieval.to_text(), message_id),
    )


def with_retrievals(db: sqlite3.Connection, messages: Sequence[Message]) -> list[Message]:
    """``messages`` with their answers' choices filled in (one query per page); a row that
    cannot be read shows nothing rather than failing the page."""
    ids = [m.id for m in messages if m.role == "assistant"]
    found: dict[int, Retrieval] = {}
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i : i + _BATCH]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT message_id, data FROM message_retrievals WHERE message_id IN ({marks})",
            chunk,
        )
        for message_id, data in rows:
            retrieval = Retrieval.from_text(str(data))
            if retrieval is not None:
                found[int(message_id)] = retrieval
    if not found:
        return list(messages)
    return [m.with_(retrieval=found[m.id]) if m.id in found else m for m in messages]
