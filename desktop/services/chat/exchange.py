"""The chat's database transactions and the values they hand back, kept apart from the
feature model so each reads on its own: storing a question (with its empty answer) all at
once or not at all, and the settings new chats start from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.core.attachments.refs import Attachment
from desktop.core.chat.context_rule import Expectation
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Message,
    MessageMeta,
    MessageStatus,
    api_messages,
)
from desktop.core.chat.threads import threads_sent
from desktop.core.chat.versions import Fork
from desktop.services.chat import attachment_store, branches
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import MessagesMaker
from desktop.services.settings_store import SettingsStore

PAGE = 200  # messages read when a chat opens (older ones: ChatStore.load_page / fetch)


@dataclass(frozen=True)
class Exchange:
    """A stored question (or a regenerate) whose answer starts streaming now.

    ``messages`` ends with the empty assistant message being streamed into; ``replaced``
    is True when earlier messages changed (edit, regenerate): show them all again, with
    the ``forks`` where the chat now has other versions. ``attached``: the files and
    images of those messages, with their payloads, by message id (read on the history
    lane: they are sent again with every question)."""

    conversation: Conversation
    messages: list[Message]
    replaced: bool
    attached: dict[int, list[Attachment]] = field(default_factory=dict)
    forks: Mapping[int, Fork] = field(default_factory=dict)


@dataclass(frozen=True)
class Opening:
    """A conversation opened: it, its newest messages (up to PAGE, oldest first), how
    many it has in all, and the index of every message (id, position, role, length) so a
    transcript can lay out the rest and read it with ``fetch`` as the user scrolls; the
    positions where it has other versions (``forks``); and, after a switch of versions,
    the position the user was looking at (``anchor``, to keep it in view)."""

    conversation: Conversation
    messages: list[Message]
    total: int
    index: list[MessageMeta]
    forks: Mapping[int, Fork] = field(default_factory=dict)
    anchor: int | None = None


def load_opening(s: ChatStore, conv_id: int, anchor: int | None = None) -> Opening:
    """What a transcript needs to show a stored chat (on the history lane: no write comes
    between these reads)."""
    index = s.message_index(conv_id)
    return Opening(
        s.conversation(conv_id),
        s.load_page(conv_id, limit=PAGE),
        len(index),
        index,
        branches.forks(s, conv_id),
        anchor,
    )


@dataclass(frozen=True)
class NewChat:
    """What a conversation created by its first question starts with."""

    title: str
    system_prompt: str
    params: ChatParams


def store_question(
    s: ChatStore,
    conv_id: int,
    new: NewChat,
    model: str,
    think: bool,
    text: str,
    edit_from: int | None,
    attachments: Sequence[Attachment] = (),
) -> Exchange:
    """Store a question and the empty answer to stream into, in conversation ``conv_id``
    (0: a new one). When editing, the messages from position ``edit_from`` on are kept as
    an older version and the question starts a new one there. All of it or nothing: a
    failed write leaves no half exchange behind."""
    with s.transaction():
        if conv_id:
            conv = s.conversation(conv_id).with_(model=model, think=think)
            s.update_conversation(conv)
        else:
            conv = s.create_conversation(new.title, model, new.system_prompt, new.params, think)
        if edit_from is not None:
            branches.set_aside(s, conv.id, edit_from)
        question = s.add_message(conv.id, "user", text)
        attachment_store.add(s.db, question.id, attachments)
        s.add_message(conv.id, "assistant", status=MessageStatus.STREAMING, model=model)
    return _exchange(s, conv, edit_from is not None)


def store_regenerate(s: ChatStore, conv_id: int, position: int, model: str) -> Exchange:
    """Answer again at ``position``: the answer there (and anything after it) is kept as
    an older version, and an empty answer starts the new one."""
    with s.transaction():
        branches.set_aside(s, conv_id, position)
        s.add_message(conv_id, "assistant", status=MessageStatus.STREAMING, model=model)
    return _exchange(s, s.conversation(conv_id), True)


def _exchange(s: ChatStore, conv: Conversation, replaced: bool) -> Exchange:
    messages = s.load_page(conv.id, limit=PAGE)
    return Exchange(
        conv,
        messages,
        replaced,
        attachment_store.payloads(s.db, messages),
        branches.forks(s, conv.id),
    )


_KEYS = ("temperature", "num_ctx", "num_thread", "seed", "num_predict")


def read_defaults(settings: SettingsStore) -> tuple[str, ChatParams]:
    return settings.text("chat_system_prompt"), ChatParams(
        temperature=settings.number("chat_temperature"),
        num_ctx=settings.integer("chat_num_ctx"),
        num_thread=settings.integer("chat_num_thread"),
        seed=settings.integer("chat_seed"),
        num_predict=settings.integer("chat_num_predict"),
    )


def answer_options(conv: Conversation, settings: SettingsStore) -> dict[str, Any]:
    """The chat's options for /api/chat; without a thread count of its own, the model's
    best one as saved by the Benchmark tab's thread tuner (Ollama decides when there is
    none): the same choice the chat settings dialog shows (core/chat/threads.py)."""
    options = conv.params.to_options()
    tuned = settings.text("model_num_thread")
    choice = threads_sent(conv.params.num_thread, tuned, conv.model)
    if choice.threads:
        options["num_thread"] = choice.threads
    return options


def write_defaults(settings: SettingsStore, system: str, params: ChatParams) -> None:
    settings.set("chat_system_prompt", system)
    for key in _KEYS:
        settings.set(f"chat_{key}", getattr(params, key))


# makes an answer's messages, knowing what the context meter expects the prompt to hold
# (services/retrieval/planner.py: documents too long for the window as their passages)
Composer = Callable[
    [Conversation, Exchange, Expectation | None], list[dict[str, Any]] | MessagesMaker
]


def plain_messages(
    conv: Conversation, exchange: Exchange, _expect: Expectation | None = None
) -> list[dict[str, Any]]:
    """An answer's messages as stored, every file whole."""
    return api_messages(conv.system_prompt, exchange.messages[:-1], exchange.attached)
