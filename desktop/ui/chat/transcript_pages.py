"""Reading a chat for the transcript a page at a time, on the history's database thread.

The store's paged reads (``message_index``, ``messages_page``) belong to the chat service;
until every store has them this adapter falls back to the same two queries itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from desktop.core.chat.conversation import Conversation, Message
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.store import ChatStore
from desktop.ui.chat.transcript import PAGE, Fetch
from desktop.ui.chat.transcript_rows import RowMeta

Opened = tuple[Conversation, list[RowMeta], list[Message]]


def message_index(store: ChatStore, conv_id: int) -> list[RowMeta]:
    """One small record per message, in order, from the (conversation, position) index
    alone: reading 10,000 rows' text to open a chat is what made it take seconds."""
    rows = store.db.execute(
        "SELECT position FROM messages WHERE conversation_id=? ORDER BY position", (conv_id,)
    ).fetchall()
    return [RowMeta(0, int(r[0])) for r in rows]


def messages_page(store: ChatStore, conv_id: int, first: int, last: int) -> list[Message]:
    """The messages with positions first..last (inclusive)."""
    own = getattr(store, "messages_page", None)
    if callable(own):
        return list(own(conv_id, first, last))
    from desktop.services.chat.store import _message  # the store's own row reader

    rows = store.db.execute(
        "SELECT * FROM messages WHERE conversation_id=? AND position BETWEEN ? AND ?"
        " ORDER BY position",
        (conv_id, first, last),
    ).fetchall()
    return [_message(r) for r in rows]


def open_chat(store: ChatStore, conv_id: int) -> Opened:
    """The conversation, its row index and the text of its last page (one db call)."""
    conv = store.conversation(conv_id)
    metas = message_index(store, conv_id)
    tail = metas[-PAGE:]
    page = messages_page(store, conv_id, tail[0].position, tail[-1].position) if tail else []
    return conv, metas, page


def fetcher(history: ChatHistory, conv_id: int, context: QObject | None = None) -> Fetch:
    """``fetch(first, last, on_done)`` for Transcript.show_conversation."""

    def fetch(first: int, last: int, on_done: Callable[[list[Message]], None]) -> None:
        def done(result: Any) -> None:
            on_done(result or [])

        history.call(lambda s: messages_page(s, conv_id, first, last), done, context=context)

    return fetch
