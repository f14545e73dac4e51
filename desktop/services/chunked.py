"""The chunked framing of a streamed answer, decoded by hand: the one hot path h11 does not
take (http_exchange.py hands it the bytes after the head h11 has parsed and checked).

Why by hand: Ollama sends one chunk per token, and h11 spends an event (~6 us hot, more on
cold caches) on each. At 50 tok/s that took the whole app from a median of 1.77 % to 1.96 %
of a core (8 interleaved runs each on the shared 2-core machine; single runs up to 2.05 %):
the 2 % budget would not hold. This decoder makes one ``bytes.find``/slice pass over what each recv
brought. It is fuzzed (tests/fuzz/test_http_exchange.py: any framing, any cut, any break).
What came before a broken chunk is handed over before the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

MAX_SIZE_LINE = 1024  # one chunk-size line, extensions included
_HEX = b"0123456789abcdefABCDEF"


class ChunkError(Exception):
    """The chunked framing is broken: a bad size line, or data longer than its size."""


class ChunkCutError(Exception):
    """The connection ended before the last chunk."""


def chunked_pieces(start: bytes, recv: Callable[[], bytes]) -> Iterator[bytes]:
    """The data of every chunk, joined per read: one piece per wake-up, whatever the number
    of chunks (tokens) it brought. ``start``: bytes already read past the head; ``recv``:
    the next bytes (b"" at the end of the connection). Trailers are of no use here."""
    buf = start
    remaining = 0  # data bytes still due in the current chunk
    after_data = False  # the CRLF that ends a chunk's data is due
    while True:
        out: list[bytes] = []
        pos, n = 0, len(buf)
        try:
            while pos < n:
                if remaining:
                    take = min(remaining, n - pos)
                    out.append(buf[pos : pos + take])
                    pos += take
                    remaining -= take
                    after_data = not remaining
                elif after_data:
                    if n - pos < 2:
                        break
                    if buf[pos : pos + 2] != b"\r\n":
                        raise ChunkError("a chunk longer than its size")
                    pos += 2
                    after_data = False
                else:
                    end = buf.find(b"\r\n", pos, pos + MAX_SIZE_LINE + 2)
                    if end < 0:
                        if n - pos >= MAX_SIZE_LINE + 2:
                            raise ChunkError("a chunk size line that does not end")
                        break
                    size = _chunk_size(buf[pos:end])
                    pos = end + 2
                    if size == 0:  # the last chunk
                        if out:
                            yield b"".join(out)
                        return
                    remaining = size
        except ChunkError:
            if out:  # what came before the break is kept
                yield b"".join(out)
            raise
        if out:
            yield b"".join(out)
        more = recv()
        if not more:
            raise ChunkCutError("the server closed the connection before the end of the answer")
        buf = buf[pos:] + more  # what is kept is under two bytes or a partial size line


def _chunk_size(line: bytes) -> int:
    digits = line.split(b";", 1)[0].strip()
    if not digits or len(digits) > 15 or digits.strip(_HEX):
        raise ChunkError(f"a malformed chunk size: {line[:40]!r}")
    return int(digits, 16)
