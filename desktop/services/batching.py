"""Reading a token stream in batches: one wake-up of the reading thread per batch of tokens.

A CPU-bound model sends one NDJSON line per token, 5-50 a second. Waking a thread for each
costs more than everything the line is used for: on the 2-core CI machine a bare httpx
client spends about 0.3 ms of CPU per line when every line wakes it, and 0.03 ms when the
lines come in bulk. api_client reads every stream through ``read_objects``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.ndjson import decode_line
from desktop.services.cancel import CancelToken

# A read that took longer than this waited for the network: the stream is slower than we
# read it, and the thread was woken for one line.
WOKEN_AFTER_S = 0.002


@dataclass(frozen=True)
class Batching:
    """Read a token stream in batches instead of waking for every token.

    A CPU-bound model sends one line per token, 5-50 a second; waking a thread for each one
    costs more than everything the line is used for. After a read that waited for the
    network, the reader hands over what it has (``on_batch``) and sleeps ``interval_s``
    while the next lines gather in the socket, then reads them all at once. A stream faster
    than that never waits and is read at full speed, handed over every ``interval_s``.
    """

    interval_s: float
    on_batch: Callable[[], None]


def read_objects(
    lines: Iterator[bytes],
    token: CancelToken,
    on_object: Callable[[dict[str, Any]], bool],
    batching: Batching | None = None,
    waited_at: Callable[[], float] | None = None,
) -> bool:
    """Feed each NDJSON object to ``on_object`` until it returns True (the end marker:
    returns True); False when the lines end first. With ``batching``, read in batches.
    ``waited_at``: when the reader's last read that waited for the network returned (the
    reader knows; without it, a line that took over WOKEN_AFTER_S is taken to have waited,
    which a garbage collection or a long parse inside the reader can fake)."""
    clock = time.monotonic
    handed = waiting_since = clock()
    for line in lines:
        now = clock()
        token.check()
        obj = decode_line(line)
        if obj is not None and on_object(obj):
            return True
        if batching is None:
            continue
        if waited_at is not None:
            woken = waited_at() > waiting_since  # this line had to be waited for
        else:
            woken = now - waiting_since > WOKEN_AFTER_S
        if woken or now - handed >= batching.interval_s:
            batching.on_batch()
            handed = now
            if woken:
                token.wait(batching.interval_s)
                handed = clock()  # what gathered meanwhile joins the next batch
        waiting_since = clock()
    return False
