"""Where a streaming answer's tokens wait between the network thread and the main thread.

The worker appends each chunk here (a lock and two list appends: no Qt signal per token);
the main thread takes what is new once per batch (services/batching.py). The whole answer
is kept as a list of pieces and joined only when it is asked for, so building it is linear
in its length.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.api_types import ChatChunk


@dataclass(frozen=True)
class Batch:
    """What arrived since the last take: new text, new reasoning, how many chunks brought
    text, and how many of them were tokens (a whole answer sent at once is not one)."""

    content: str
    thinking: str
    tokens: int
    last_token_at: float | None  # clock() of the newest chunk with text, None if none yet
    counted: int  # tokens among them


class StreamBuffer:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._content: list[str] = []
        self._thinking: list[str] = []
        self._new_content: list[str] = []
        self._new_thinking: list[str] = []
        self._new_tokens = 0
        self._new_whole = 0
        self._last: float | None = None
        self._lengths = [0, 0]  # of all the content and reasoning added

    def add(self, chunk: ChatChunk) -> None:
        """Called in the worker thread for every chunk."""
        if not (chunk.content or chunk.thinking):
            return
        now = self._clock()
        with self._lock:
            self._lengths[0] += len(chunk.content)
            self._lengths[1] += len(chunk.thinking)
            if chunk.content:
                self._content.append(chunk.content)
                self._new_content.append(chunk.content)
            if chunk.thinking:
                self._thinking.append(chunk.thinking)
                self._new_thinking.append(chunk.thinking)
            self._new_tokens += 1
            self._new_whole += chunk.whole
            self._last = now

    @property
    def empty(self) -> bool:
        """Nothing new since the last take."""
        return self._new_tokens == 0

    def take(self) -> Batch:
        """What is new since the last take (main thread, once per tick)."""
        with self._lock:
            batch = Batch(
                "".join(self._new_content),
                "".join(self._new_thinking),
                self._new_tokens,
                self._last,
                self._new_tokens - self._new_whole,
            )
            self._new_content.clear()
            self._new_thinking.clear()
            self._new_tokens = self._new_whole = 0
        return batch

    def adopt(self, content: str, thinking: str) -> None:
        """The whole answer, joined by the worker that read it (the same pieces in the same
        order): kept as the one piece, so the main thread copies nothing at the end.
        Anything else (not the same lengths) is ignored: the pieces stay the answer."""
        with self._lock:
            if [len(content), len(thinking)] != self._lengths:
                return
            self._content[:] = [content] if content else []
            self._thinking[:] = [thinking] if thinking else []

    def text(self) -> tuple[str, str]:
        """The whole answer so far: (content, reasoning)."""
        with self._lock:
            content, thinking = "".join(self._content), "".join(self._thinking)
            # keep one piece each: the next join copies nothing twice
            self._content[:] = [content] if content else []
            self._thinking[:] = [thinking] if thinking else []
        return content, thinking
