"""Fault injection for the fake Ollama server: what to do wrong, on which requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    """What to do wrong on the next ``times`` requests to ``path`` (``times=-1``: always).

    status/error   answer this HTTP status with {"error": error} before streaming
    stall          seconds of silence: before the answer, or after ``stall_after`` lines
    drop_after     abort the connection after this many lines (0: before any byte)
    malformed_at   send a line that is not JSON after this many lines, then go on
    error_after    send {"error": error} after this many lines and end the stream
    end_after      end the stream cleanly after this many lines, without done/success
    final_extra    fields merged into the final (done) line, e.g. a wrongly typed metric
    bad_chunk_after  hold the first this many lines back, then send them in one write with a
                   chunk whose size is not hex after them, and close (one read: the lines
                   and the broken frame arrive together)
    trickle        send the answer's bytes one at a time, this many seconds apart
    unstreamed     answer a streamed chat with one JSON object (application/json) holding
                   the whole text and these fields (e.g. {"done": False}: cut short)
    """

    path: str
    method: str | None = None
    status: int | None = None
    error: str = "fault injected"
    stall: float = 0.0
    stall_after: int | None = None
    drop_after: int | None = None
    malformed_at: int | None = None
    error_after: int | None = None
    end_after: int | None = None
    final_extra: dict[str, Any] | None = None
    bad_chunk_after: int | None = None
    trickle: float = 0.0
    unstreamed: dict[str, Any] | None = None
    times: int = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            (self.path in (path, "*"))
            and (self.method in (None, method))
            and (self.times < 0 or self.hits < self.times)
        )


class _DroppedError(Exception):
    """The connection was aborted on purpose (fault or kill)."""
