"""A summary of a chat that no longer fits its model's window, written by that model in
parts that each fit: the conversation is cut into passages of whole messages (a message
longer than a passage is split), and each request carries the summary so far and the next
passage. Each prompt is sized with the same estimate as the context meter, with a margin, so
that the server never silently cuts a request of the summary itself."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.chat.context import raw_tokens
from desktop.core.chat.context_rule import MESSAGE_OVERHEAD, PROMPT_OVERHEAD

INSTRUCTION = (
    "You write summaries of conversations between a user and an assistant. Summarise the "
    "conversation you are given so that it can go on without it: what the user wants, the "
    "facts, names, numbers, decisions, code and open questions. Be concise. Write in the "
    "language of the conversation. Add nothing that is not in it."
)
MARGIN = 1.2  # estimates may run low: leave a fifth of the room unused
MAX_ANSWER = 512  # tokens of summary per request


@dataclass(frozen=True)
class Line:
    role: str  # "user" | "assistant"
    text: str


def answer_room(window: int) -> int:
    """Tokens each request leaves for the summary (its num_predict)."""
    return max(64, min(MAX_ANSWER, window // 4))


def passage_budget(window: int, scale: float) -> int:
    """Estimated tokens of conversation one request can carry, besides the instruction,
    the summary so far and the room for the new one."""
    fixed = raw_tokens(INSTRUCTION) * scale + 2 * MESSAGE_OVERHEAD + PROMPT_OVERHEAD + 60
    room = window - 2 * answer_room(window) - fixed
    return max(32, int(room / MARGIN))


def _split(text: str, budget: int, scale: float) -> list[str]:
    """A text too long for one passage, in pieces that each fit (cut at a line end or a
    space near the limit when there is one)."""
    per_char = max(raw_tokens(text) * scale / max(1, len(text)), 1e-6)
    step = max(1, int(budget / per_char))
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + step)
        if end < len(text):
            cut = max(
                text.rfind("\n", start + step // 2, end), text.rfind(" ", start + step // 2, end)
            )
            if cut > start:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def passages(lines: Sequence[Line], window: int, scale: float) -> list[list[Line]]:
    """The conversation in passages of at most ``passage_budget`` estimated tokens."""
    budget = passage_budget(window, scale)
    out: list[list[Line]] = []
    current: list[Line] = []
    used = 0.0
    for line in lines:
        cost = raw_tokens(line.text) * scale + 3
        pieces = _split(line.text, budget - 3, scale) if cost > budget else [line.text]
        for piece in pieces:
            c = raw_tokens(piece) * scale + 3
            if current and used + c > budget:
                out.append(current)
                current, used = [], 0.0
            current.append(Line(line.role, piece))
            used += c
    if current:
        out.append(current)
    return out


def request(summary: str, passage: Sequence[Line], part: int, parts: int) -> list[dict[str, str]]:
    """The messages of one summary request."""
    convo = "\n\n".join(
        f"{'User' if line.role == 'user' else 'Assistant'}: {line.text}" for line in passage
    )
    head = f"Summary so far:\n{summary}\n\n" if summary else ""
    where = f" (part {part} of {parts})" if parts > 1 else ""
    ask = "Write the updated summary." if summary else "Write the summary."
    return [
        {"role": "system", "content": INSTRUCTION},
        {"role": "user", "content": f"{head}Conversation{where}:\n{convo}\n\n{ask}"},
    ]


def request_tokens(messages: Sequence[dict[str, str]], scale: float) -> int:
    """Estimated size of a request, as the context meter would count it."""
    return PROMPT_OVERHEAD + sum(
        math.ceil(raw_tokens(m["content"]) * scale) + MESSAGE_OVERHEAD for m in messages
    )
