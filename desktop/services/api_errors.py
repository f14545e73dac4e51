"""How the API client turns HTTP failures into OllamaError kinds (httpx and LineStream alike)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import httpx

from desktop.core.errors import ErrorKind, OllamaError, kind_for_status, server_message
from desktop.services.cancel import CancelToken


def error_from_response(response: httpx.Response) -> OllamaError:
    """An httpx response with a refusal status as one OllamaError."""
    try:
        body = response.read().decode("utf-8", "replace")
    except httpx.HTTPError:
        body = ""
    return error_from_body(response.status_code, body)


def error_from_body(status: int, body: str) -> OllamaError:
    """A refusal as one OllamaError: the server's {"error": ...} message (unwrapped when it
    is itself a JSON document), else its body; the body as it came stays in ``raw``."""
    message = body.strip()
    with contextlib.suppress(ValueError, AttributeError, RecursionError):
        parsed = json.loads(body)
        if isinstance(parsed, dict) and "error" in parsed:
            message = server_message(parsed["error"])
    return OllamaError(kind_for_status(status, message), message, status, raw=body)


@contextlib.contextmanager
def translate_errors(cancel: CancelToken | None = None) -> Iterator[None]:
    """httpx's failures as one OllamaError kind each; any of them after a cancel is the
    cancel."""
    try:
        yield
    except OllamaError:
        raise
    except httpx.ConnectError as e:
        raise OllamaError(ErrorKind.CONNECTION_REFUSED, str(e)) from None
    except httpx.TimeoutException as e:
        if cancel is not None and cancel.cancelled:
            raise OllamaError(ErrorKind.CANCELLED) from None
        raise OllamaError(ErrorKind.TIMEOUT, str(e) or type(e).__name__) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
        if cancel is not None and cancel.cancelled:
            raise OllamaError(ErrorKind.CANCELLED) from None
        raise OllamaError(_lost_or_broken(e), str(e)) from None
    except httpx.HTTPError as e:
        if cancel is not None and cancel.cancelled:
            raise OllamaError(ErrorKind.CANCELLED) from None
        raise OllamaError(ErrorKind.UNEXPECTED, str(e)) from None


def _lost_or_broken(e: httpx.HTTPError) -> ErrorKind:
    """A protocol error is a broken answer (bad framing), unless the server only closed the
    connection early (h11 says "peer closed" or "incomplete"): that is a lost connection."""
    if not isinstance(e, httpx.RemoteProtocolError):
        return ErrorKind.CONNECTION_LOST
    words = str(e).lower()
    closed = ("peer closed", "incomplete", "server disconnected", "connection closed")
    return ErrorKind.CONNECTION_LOST if any(w in words for w in closed) else ErrorKind.BROKEN_ANSWER
