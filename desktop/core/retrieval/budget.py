"""Whether the documents attached to a question go whole or as their passages, and how many
tokens the passages may take: the model's window less the conversation and room for the
answer.

The window and the conversation's size are the context meter's (the server's own counts,
Ollama's window rules: services/chat/context_meter.py). This module holds only the rule,
which the meter applies before a send (so the figure and the choice before a send say what
will happen) and the planner applies while sending (services/retrieval/planner.py): the two
never disagree. The retrieval engine only ever sees the one number, the budget.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.retrieval.choice import MARKER_TOKENS
from desktop.core.retrieval.passages import TARGET_TOKENS

MIN_ANSWER_ROOM = 512
MAX_ANSWER_ROOM = 2048
# less than this left for the passages is no room at all: not one passage would fit
MIN_PASSAGES = TARGET_TOKENS + MARKER_TOKENS
# a window offered for documents that found no room holds about this many of their tokens
PASSAGES_WANTED = 2 * MIN_PASSAGES


def answer_room(window: int, num_predict: int = -1) -> int:
    """Tokens kept free for the answer: the chat's cap when it has one, else an eighth of
    the window (between 512 and 2048), and never more than half of it."""
    room = num_predict if num_predict > 0 else window // 8
    return min(max(room, min(MIN_ANSWER_ROOM, window // 2)), MAX_ANSWER_ROOM, window // 2)


def documents_budget(window: int, conversation: int, num_predict: int = -1) -> int:
    """Tokens left for the documents (0 when the conversation alone fills the window)."""
    return max(0, window - conversation - answer_room(window, num_predict))


@dataclass(frozen=True)
class DocumentsPlan:
    """How a question's documents (``documents`` tokens whole) are sent, given the
    ``budget`` the window leaves them."""

    documents: int
    budget: int

    @property
    def whole(self) -> bool:
        return self.documents <= self.budget

    @property
    def room(self) -> bool:
        """There is room for their passages (at least one) when they do not go whole."""
        return self.whole or self.budget >= MIN_PASSAGES

    @property
    def sent(self) -> int:
        """Tokens they take in the prompt: all of them, or at most the budget."""
        return self.documents if self.whole else self.budget


def plan_documents(
    window: int, conversation: int, documents: int, num_predict: int = -1
) -> DocumentsPlan:
    """The plan for ``documents`` tokens of a question's documents in ``window`` tokens,
    beside ``conversation`` tokens of everything else the prompt holds (the system prompt,
    the earlier turns, the question's own text and images)."""
    return DocumentsPlan(documents, documents_budget(window, conversation, num_predict))
