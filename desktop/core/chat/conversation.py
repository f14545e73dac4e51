"""Conversations and messages as stored and as sent to /api/chat."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from desktop.core.api_types import GenerationStats
from desktop.core.attachments.refs import Attachment, AttachmentRef
from desktop.core.attachments.sending import Excerpts, user_content
from desktop.core.chat.context_rule import ContextNote
from desktop.core.retrieval.choice import Retrieval


class MessageStatus(Enum):
    COMPLETE = "complete"
    STREAMING = "streaming"  # being written; found so on start-up it means the app died
    STOPPED = "stopped"  # the user pressed Stop
    INTERRUPTED = "interrupted"  # the app died while this answer streamed
    ERROR = "error"  # the server failed mid-answer; the text so far is kept


@dataclass(frozen=True)
class ChatParams:
    """Per-chat generation parameters. ``0``/``-1`` mean "the server's default"."""

    temperature: float = 0.8
    num_ctx: int = 0
    num_thread: int = 0
    seed: int = -1
    num_predict: int = -1

    def to_options(self) -> dict[str, Any]:
        """The `options` object; defaults are left out so the model is not reloaded."""
        out: dict[str, Any] = {"temperature": float(self.temperature)}
        if self.num_ctx > 0:
            out["num_ctx"] = int(self.num_ctx)
        if self.num_thread > 0:
            out["num_thread"] = int(self.num_thread)
        if self.seed >= 0:
            out["seed"] = int(self.seed)
        if self.num_predict > 0:
            out["num_predict"] = int(self.num_predict)
        return out

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, d: Any) -> ChatParams:
        if not isinstance(d, Mapping):
            return cls()
        base = cls()
        kwargs: dict[str, Any] = {}
        for key, default in base.__dict__.items():
            value = d.get(key, default)
            try:
                kwargs[key] = type(default)(value)
            except (TypeError, ValueError):
                kwargs[key] = default
        return cls(**kwargs)


@dataclass(frozen=True)
class Energy:
    """Energy used by one answer. ``source`` is "measured" (RAPL) or "estimate"."""

    joules: float
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"joules": self.joules, "source": self.source}

    @classmethod
    def from_json(cls, d: Any) -> Energy | None:
        if not isinstance(d, Mapping) or "joules" not in d:
            return None
        try:
            return cls(float(d["joules"]), str(d.get("source") or "estimate"))
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: int
    position: int
    role: str  # "user" | "assistant" | "system"
    content: str = ""
    thinking: str = ""
    status: MessageStatus = MessageStatus.COMPLETE
    model: str = ""
    stats: GenerationStats | None = None
    ttft_ms: float | None = None
    energy: Energy | None = None
    error: str = ""
    created_at: float = 0.0
    attachments: tuple[AttachmentRef, ...] = ()  # files and images, without their payload
    context: ContextNote | None = None  # what the answer's prompt count said the model saw
    retrieval: Retrieval | None = None  # an answer's passages of documents too long to send

    def with_(self, **changes: Any) -> Message:
        return replace(self, **changes)


@dataclass(frozen=True)
class MessageMeta:
    """What a transcript needs to lay out a message it has not read yet: its id, place,
    role and length in characters (a few bytes each, so 10,000 cost next to nothing)."""

    id: int
    position: int
    role: str
    chars: int


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    model: str = ""
    system_prompt: str = ""
    params: ChatParams = field(default_factory=ChatParams)
    think: bool = True
    created_at: float = 0.0
    updated_at: float = 0.0

    def with_(self, **changes: Any) -> Conversation:
        return replace(self, **changes)


def api_messages(
    system_prompt: str,
    history: Sequence[Message],
    attached: Mapping[int, Sequence[Attachment]] | None = None,
    excerpts: Mapping[int, Excerpts] | None = None,
) -> list[dict[str, Any]]:
    """The `messages` array for /api/chat. Failed or empty assistant turns are skipped, and
    reasoning is not sent back (models are trained without their old thoughts). A user
    message's files and images (``attached``, by message id) go with it every time; a
    document too long for the window as the passages chosen for it (``excerpts``, by
    message id: core/retrieval)."""
    out: list[dict[str, Any]] = []
    if system_prompt.strip():
        out.append({"role": "system", "content": system_prompt})
    for m in history:
        if m.role == "assistant" and not m.content:
            continue
        if m.role == "user" and attached and attached.get(m.id):
            chosen = excerpts.get(m.id) if excerpts else None
            content, images = user_content(m.content, attached[m.id], chosen)
            item: dict[str, Any] = {"role": "user", "content": content}
            if images:
                item["images"] = images
            out.append(item)
        elif m.role in ("user", "assistant"):
            out.append({"role": m.role, "content": m.content})
    return out


TITLE_CHARS = 48


def title_from(text: str) -> str:
    """A conversation title from its first question: first line, shortened."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= TITLE_CHARS:
        return line
    return line[: TITLE_CHARS - 1].rstrip() + "…"
