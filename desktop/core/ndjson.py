"""NDJSON stream decoding with Ollama's rules: every line may be an error line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from desktop.core.errors import ErrorKind, OllamaError, refine_kind, server_message


def decode_line(line: bytes | str) -> dict[str, Any] | None:
    """Decode one line; None for a blank line. Raise OllamaError (and nothing else, whatever
    the bytes) on a bad or error line: MALFORMED, or STREAM_ERROR with the server's text."""
    text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
    text = text.strip()
    if not text:
        return None
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):  # bad JSON, a 5,000-digit number, [[[[... nesting
        raise OllamaError(ErrorKind.MALFORMED, text[:200]) from None
    if not isinstance(obj, dict):
        raise OllamaError(ErrorKind.MALFORMED, text[:200])
    if "error" in obj:
        message = server_message(obj["error"]) or "(unreadable error)"
        kind = refine_kind(ErrorKind.STREAM_ERROR, message)
        raise OllamaError(kind, message, raw=text)
    return obj


def iter_objects(lines: Iterable[bytes | str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        obj = decode_line(line)
        if obj is not None:
            yield obj


# One NDJSON line at most; Ollama's longest (a /api/generate context) is < 2 MiB.
MAX_LINE = 16 << 20


def split_lines(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The lines (without ``\\n``) of a body that arrives in pieces; a last line without a
    newline is a line too. Linear in the body, however it is cut; a line over MAX_LINE is
    MALFORMED."""
    parts: list[bytes] = []
    held = 0
    for piece in pieces:
        end = piece.rfind(b"\n")
        if end < 0:
            if not piece:
                continue
            parts.append(piece)
            held += len(piece)
            if held > MAX_LINE:
                raise OllamaError(ErrorKind.MALFORMED, f"a line longer than {MAX_LINE} bytes")
            continue
        if parts:
            parts.append(piece[:end])
            head = b"".join(parts)
            parts.clear()
        else:
            head = piece[:end]
        yield from head.split(b"\n")
        rest = piece[end + 1 :]
        held = len(rest)
        if rest:
            parts.append(rest)
    if parts:
        yield b"".join(parts)
