"""What a real Ollama does with a prompt longer than its context window, and how the app
reads it afterwards from the answer's own count.

Ollama 0.33 (server/prompt.go ``chatPrompt``, routes.go ``truncateNativeChatMessages``,
llm/llama_server.go ``completionPromptForRequest``; recorded in
tests/fixtures/context-truncation/, checked by tests/contract/test_context.py):

- ``prompt_eval_count`` is the whole prompt as the model read it, cached tokens included
  (llama-server's ``cache_n + prompt_n``): a follow-up turn counts the whole conversation.
- A prompt longer than ``num_ctx`` loses messages from the front, one at a time, until it fits
  (at most ``num_ctx`` tokens); every system message stays, and so does the last message.
- If what is left is still ``num_ctx - 1`` tokens or more, the runner keeps its first
  ``num_keep`` (4) tokens plus the BOS and the end, down to ``num_ctx - (num_ctx - 5) // 2``
  tokens: about half the window.
- Nothing in the answer says so; ``prompt_eval_count`` is the count after dropping.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from desktop.core.api_types import GenerationStats

# Template tokens around one message (Gemma: "<start_of_turn>user\n" ... "<end_of_turn>\n"),
# and around the whole prompt (BOS, and "<start_of_turn>model\n" that opens the answer).
MESSAGE_OVERHEAD = 5
PROMPT_OVERHEAD = 4
NUM_KEEP = 4  # Ollama's default num_keep; the runner keeps the BOS besides
# how far an estimate of text may be from the server's count (Gemma 3 on Ollama 0.33:
# English -4 %, Japanese +26 %, code +/-5 %; a document's estimate up to +46 %)
ESTIMATE_ERROR = 0.35


def cut_limit(window: int, num_keep: int = NUM_KEEP) -> int:
    """What the runner keeps of a prompt that alone does not fit ``window`` tokens."""
    keep = min(num_keep + 1, window - 1)
    return window - max((window - keep) // 2, 1)


@dataclass(frozen=True)
class ContextNote:
    """What an answer's prompt count said about what the model saw, stored with the answer.

    ``sent``: the tokens the app expected the prompt to be; ``seen``: the server's
    prompt_eval_count; ``dropped``: how many of the oldest messages it left out; ``cut``:
    the newest message itself was cut (it alone was longer than the window)."""

    seen: int
    sent: int
    window: int = 0
    dropped: int = 0
    cut: bool = False

    @property
    def truncated(self) -> bool:
        return self.dropped > 0 or self.cut

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"seen": self.seen, "sent": self.sent, "window": self.window}
        if self.dropped:
            out["dropped"] = self.dropped
        if self.cut:
            out["cut"] = True
        return out

    @classmethod
    def from_json(cls, d: Any) -> ContextNote | None:
        if not isinstance(d, Mapping):
            return None
        try:
            return cls(
                seen=max(0, int(d.get("seen", 0))),
                sent=max(0, int(d.get("sent", 0))),
                window=max(0, int(d.get("window", 0))),
                dropped=max(0, int(d.get("dropped", 0))),
                cut=d.get("cut") is True,
            )
        except (TypeError, ValueError, OverflowError):
            return None


class Sized(NamedTuple):
    position: int  # -1: the system prompt
    role: str
    tokens: int
    measured: bool


@dataclass(frozen=True)
class ContextFit:
    """How the next prompt fits the window.

    ``used``: tokens of the whole conversation with the message being written; ``dropped``:
    how many of the oldest messages the server will leave out; ``cut``: the newest message
    alone does not fit and will be cut to about half the window.

    The message's documents (``documents`` tokens whole) may be too long for the room the
    window leaves them (core/retrieval/budget.py): then ``passages`` is what their chosen
    passages may take instead (counted in ``used``), and ``no_room`` says that not even
    one passage fits."""

    used: int
    window: int
    dropped: int = 0
    cut: bool = False
    draft: int = 0  # tokens of the message being written (estimated)
    documents: int = 0
    passages: int = 0
    no_room: bool = False

    @property
    def fits(self) -> bool:
        return not self.dropped and not self.cut and not self.no_room

    @property
    def as_passages(self) -> bool:
        """The documents go as the passages that match the question, not whole."""
        return self.documents > 0 and (self.passages > 0 or self.no_room)

    @property
    def share(self) -> float:
        return self.used / self.window if self.window > 0 else 0.0


class Fitter:
    """The server's dropping rule over one conversation, set up once (linear) so that each
    question "and with a new message of n tokens?" costs O(log n): typing never walks the
    conversation. The rule: drop the first i messages but keep the system ones among
    them, for the smallest i that leaves the prompt within the window; the newest message
    always stays (see the module's docstring)."""

    def __init__(self, messages: Sequence[Sized]) -> None:
        self.count = len(messages)
        # prefix sums in C (accumulate): 10,000 messages in about a millisecond
        droppable = [m.role != "system" for m in messages]
        tokens = [m.tokens * d for m, d in zip(messages, droppable, strict=True)]
        self.tokens = sum(m.tokens for m in messages)
        # tokens left out when the first i messages are dropped, and how many messages
        # that is (system ones stay)
        self._removed = [0, *itertools.accumulate(tokens)]
        self._dropped = [0, *itertools.accumulate(map(int, droppable))]

    def fit(self, window: int, draft: int = 0) -> ContextFit:
        """How the conversation plus a new message of ``draft`` tokens (0: none; then the
        newest stored message is the one kept) fits ``window`` tokens."""
        n = self.count + (1 if draft else 0)
        used = self.tokens + draft + (PROMPT_OVERHEAD if n else 0)
        if window <= 0 or used <= window:
            return ContextFit(used, window, 0, used >= window > 0, draft)
        last = self.count if draft else max(0, self.count - 1)  # droppable: [0, last)
        need = used - window
        i = bisect.bisect_left(self._removed, need, 0, last + 1)
        i = min(i, last)
        kept = used - self._removed[i]
        return ContextFit(used, window, self._dropped[i], kept >= window, draft)


def fit(messages: Sequence[Sized], window: int, draft: int = 0) -> ContextFit:
    """What the server will do with these messages (and a new one of ``draft`` tokens, if
    any) in a window of ``window`` tokens."""
    return Fitter(messages).fit(window, draft)


@dataclass(frozen=True)
class Expectation:
    """What was sent with an answer, to judge its prompt count by when it ends."""

    sizes: tuple[Sized, ...]  # the messages sent, as sized (system prompt first)
    window: int  # the window the app expected the server to use

    @property
    def sent(self) -> int:
        return sum(m.tokens for m in self.sizes) + PROMPT_OVERHEAD

    def judge(self, stats: GenerationStats | None) -> ContextNote | None:
        """The note to store with the answer: what its prompt count says the model saw.

        The count is the prompt after dropping, so each number of dropped messages d
        implies a size for what the app only estimated (the new message, mostly); the d
        whose implied remainder is nearest to the estimate wins, among those the server's
        rule allows (it drops only while the prompt does not fit, so dropping one message
        fewer must not have fitted: count + that message > window), if it explains the
        count clearly better than no drop at all."""
        if stats is None or stats.prompt_eval_count <= 0:
            return None
        seen, sent = stats.prompt_eval_count, self.sent
        sizes = [m.tokens for m in self.sizes]
        system = [m.role == "system" for m in self.sizes]
        candidates = _drops(sizes, system)
        least = candidates[-1][1]  # what must stay: the system messages and the newest
        if self.window > 0 and least >= self.window and seen < 0.8 * least:
            return ContextNote(seen, sent, self.window, candidates[-1][0], True)
        window = self.window

        def allowed(c: tuple[int, int, int]) -> bool:
            return window <= 0 or seen + c[2] > window

        pool = [c for c in candidates[1:] if allowed(c)]
        if not pool:
            # by the window as the app knows it nothing was dropped: a drop is claimed only
            # where the count is further below the estimate than the estimated part of it
            # can be wrong (a server whose real window is smaller); measured sizes are exact
            guessed = sum(m.tokens for m in self.sizes if not m.measured)
            if sent - seen <= ESTIMATE_ERROR * guessed:
                return ContextNote(seen, sent, self.window)
            pool = candidates[1:]
        if not pool:
            return ContextNote(seen, sent, self.window)
        best = min(pool, key=lambda c: (abs(c[1] - seen), c[0]))
        # a drop is claimed only where it explains the count clearly better than none:
        # an estimate a little high near the window is no reason to alarm anyone
        if abs(best[1] - seen) < 0.5 * abs(sent - seen):
            return ContextNote(seen, sent, self.window, best[0], False)
        return ContextNote(seen, sent, self.window)


def _drops(sizes: Sequence[int], system: Sequence[bool]) -> list[tuple[int, int, int]]:
    """(messages dropped, tokens kept, size of the last one dropped) for each number of
    oldest messages the server may leave out (system ones stay, the newest stays)."""
    kept = sum(sizes) + PROMPT_OVERHEAD
    out = [(0, kept, 0)]
    for i in range(len(sizes) - 1):
        if not system[i]:
            kept -= sizes[i]
            out.append((out[-1][0] + 1, kept, sizes[i]))
    return out
