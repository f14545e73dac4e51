"""NDJSON stream decoding with Ollama's rules: every line may be an error line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from desktop.core.errors import ErrorKind, OllamaError


def decode_line(line: bytes | str) -> dict[str, Any] | None:
    """Decode one line; None for a blank line. Raise OllamaError on a bad or error line."""
    text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
    text = text.strip()
    if not text:
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        raise OllamaError(ErrorKind.MALFORMED, text[:200]) from None
    if not isinstance(obj, dict):
        raise OllamaError(ErrorKind.MALFORMED, text[:200])
    if "error" in obj:
        raise OllamaError(ErrorKind.STREAM_ERROR, str(obj["error"]))
    return obj


def iter_objects(lines: Iterable[bytes | str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        obj = decode_line(line)
        if obj is not None:
            yield obj
