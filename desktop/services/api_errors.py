"""How the API client turns an HTTP refusal into an OllamaError kind (the transport's own
failures are http_exchange.py's)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from desktop.core.errors import ErrorKind, OllamaError, kind_for_status, server_message


def error_from_body(status: int, body: str) -> OllamaError:
    """A refusal as one OllamaError: the server's {"error": ...} message (unwrapped when it
    is itself a JSON document), else its body; the body as it came stays in ``raw``."""
    message = body.strip()
    with contextlib.suppress(ValueError, AttributeError, RecursionError):
        parsed = json.loads(body)
        if isinstance(parsed, dict) and "error" in parsed:
            message = server_message(parsed["error"])
    return OllamaError(kind_for_status(status, message), message, status, raw=body)


def json_object(raw: bytes) -> dict[str, Any]:
    """An answer that must be one JSON object; MALFORMED (with its first 200 bytes) if not."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: [[[[... nested 1,000 deep
        raise OllamaError(ErrorKind.MALFORMED, _excerpt(raw)) from None
    if not isinstance(data, dict):
        raise OllamaError(ErrorKind.MALFORMED, _excerpt(raw))
    return data


def _excerpt(raw: bytes) -> str:
    return raw[:200].decode("utf-8", "replace")
