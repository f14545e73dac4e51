"""How many tokens the attached documents of a question may take: the model's window less
the conversation so far and room for the answer.

A small estimate of its own, kept apart so the chat's context meter (issue 21, item 1:
the server's own counts, Ollama's window rules) can replace ``Window`` and
``conversation_tokens`` at merge without touching the retrieval engine, which only ever
sees the one number ``documents_budget`` returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.attachments.model import estimate_tokens

# Ollama's num_ctx when nothing sets it, on a computer without a large GPU (0.6.7 and later;
# from 0.15.5 on it is bigger only with 23 GiB or more of GPU memory)
DEFAULT_WINDOW = 4096
MESSAGE_OVERHEAD = 8  # the template's turn markers around each message
MIN_ANSWER_ROOM = 512
MAX_ANSWER_ROOM = 2048


@dataclass(frozen=True)
class Window:
    """The window the next answer gets: the chat's num_ctx, else the default; never more
    than the model was trained for (``trained``, 0: unknown)."""

    num_ctx: int = 0
    trained: int = 0

    @property
    def tokens(self) -> int:
        size = self.num_ctx if self.num_ctx > 0 else DEFAULT_WINDOW
        return min(size, self.trained) if self.trained > 0 else size


def answer_room(window: int, num_predict: int = -1) -> int:
    """Tokens kept free for the answer: the chat's cap when it has one, else an eighth of
    the window (between 512 and 2048), and never more than half of it."""
    room = num_predict if num_predict > 0 else window // 8
    return min(max(room, min(MIN_ANSWER_ROOM, window // 2)), MAX_ANSWER_ROOM, window // 2)


def conversation_tokens(texts: Sequence[str]) -> int:
    """The conversation as sent without the documents in question: its messages' text
    (system prompt, earlier turns, the question) with the template's overhead."""
    return sum(estimate_tokens(t) + MESSAGE_OVERHEAD for t in texts)


def documents_budget(window: int, conversation: int, num_predict: int = -1) -> int:
    """Tokens left for the documents (0 when the conversation alone fills the window)."""
    return max(0, window - conversation - answer_room(window, num_predict))
