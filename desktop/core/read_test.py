"""How fast this machine's cores read memory together: the figure the speed forecast's
memory term rests on (core/models/calibration.py). Blocking: call it off the UI thread.

Generating a token reads every weight once, on every thread Ollama runs (by default one per
physical core), and writes almost nothing. A one-thread copy measures something else: on
the 2-core EPYC these forecasts were checked on, one thread copied 20 GB/s while two
threads read 35-62 GB/s (about 45), and a 4B model at 4 bits read 27 GB/s while generating,
so a memory term resting on the copy figure called every model there memory-bound, which
none was.

So each thread scans a buffer of its own with the C library's ``memchr`` for a byte that is
not there (the vectorised loop reads at the memory's pace and writes nothing); ctypes
releases the GIL during the call, so the threads run at once. Where no C library answers,
``ctypes.memmove`` copies instead and only the bytes read are counted (a lower figure).
The buffers together are larger than any CPU's last-level cache.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import sys
import threading
import time
from collections.abc import Callable

TOTAL_BYTES = 256 << 20  # all threads' buffers: larger than any last-level cache
MIN_BLOCK = 8 << 20  # per thread (64 cores: 512 MiB in all)
PASSES = 2  # scans of its buffer per thread in one timed round
MAX_ROUNDS = 50


@functools.cache
def _memchr() -> Callable[[int, int, int], int | None] | None:
    names = ["msvcrt"] if sys.platform == "win32" else [None, ctypes.util.find_library("c")]
    for name in names:
        with contextlib.suppress(OSError, AttributeError, TypeError):
            lib = ctypes.CDLL(name) if name != "msvcrt" else ctypes.cdll.msvcrt
            fn = lib.memchr
            fn.restype = ctypes.c_void_p
            fn.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
            return fn
    return None


def _scanner(block: int) -> Callable[[], None]:
    """One thread's work for a pass: read ``block`` bytes (its own buffer, pages touched)."""
    buf = ctypes.create_string_buffer(block)
    ctypes.memset(buf, 0x5A, block)  # every page mapped: no page faults in the timing
    memchr = _memchr()
    if memchr is not None:
        found = memchr

        def scan() -> None:
            found(ctypes.addressof(buf), 0, block)

        return scan
    dst = ctypes.create_string_buffer(block)
    ctypes.memset(dst, 0, block)

    def copy() -> None:
        ctypes.memmove(dst, buf, block)

    return copy


def measure_read(
    threads: int,
    duration: float = 0.3,
    total: int = TOTAL_BYTES,
    should_stop: Callable[[], bool] | None = None,
) -> float:
    """Bytes per second ``threads`` threads read together, best of rounds over about
    ``duration`` seconds (at least three)."""
    n = max(1, threads)
    block = max(MIN_BLOCK if total >= MIN_BLOCK else 1 << 20, total // n)
    scans = [_scanner(block) for _ in range(n)]
    start = threading.Barrier(n + 1)
    done = threading.Barrier(n + 1)
    rounds = 0

    def work(scan: Callable[[], None]) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):  # the end: aborted
            while True:
                start.wait()
                for _ in range(PASSES):
                    scan()
                done.wait()

    workers = [threading.Thread(target=work, args=(s,), daemon=True) for s in scans]
    for w in workers:
        w.start()
    best = 0.0
    deadline = time.perf_counter() + duration
    try:
        while rounds < 3 or time.perf_counter() < deadline:
            if rounds >= MAX_ROUNDS or (should_stop is not None and should_stop()):
                break
            start.wait()
            t0 = time.perf_counter()
            done.wait()
            dt = time.perf_counter() - t0
            if dt > 0:
                best = max(best, n * PASSES * block / dt)
            rounds += 1
    finally:  # every worker waits at `start` (or is mid-round after an error): release them
        start.abort()
        done.abort()
        for w in workers:
            w.join()
    return best
