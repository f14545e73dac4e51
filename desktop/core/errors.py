"""One error type for everything that can go wrong talking to Ollama.

Core has no Qt, so it carries a *kind* and the server's own words; the UI turns a kind
into a translated sentence for people (desktop/ui/common/messages.py).
"""

from __future__ import annotations

from enum import Enum


class ErrorKind(Enum):
    CONNECTION_REFUSED = "connection_refused"  # nothing listens at the host
    TIMEOUT = "timeout"  # connected, but no answer (or no progress) in time
    CONNECTION_LOST = "connection_lost"  # the connection dropped mid-request
    INVALID_NAME = "invalid_name"  # refused before sending, or HTTP 400 "invalid model name"
    INVALID_DIGEST = "invalid_digest"
    NOT_FOUND = "not_found"  # HTTP 404: model (or blob) missing
    BAD_REQUEST = "bad_request"  # other HTTP 400 (e.g. "does not support thinking")
    FORBIDDEN = "forbidden"  # HTTP 403: Host-header check
    BUSY = "busy"  # HTTP 503: queue full
    SERVER_ERROR = "server_error"  # HTTP 5xx (wrong option type gives 500)
    STREAM_ERROR = "stream_error"  # {"error": ...} line after HTTP 200
    INCOMPLETE_STREAM = "incomplete_stream"  # stream ended without done/success
    MALFORMED = "malformed"  # a line that is not a JSON object
    BROKEN_ANSWER = "broken_answer"  # the answer's HTTP framing broke (not a lost server)
    CANCELLED = "cancelled"  # the user stopped it
    LOCAL_IO = "local_io"  # reading a local file failed
    UNEXPECTED = "unexpected"


class OllamaError(Exception):
    """A failed Ollama request. ``detail`` is the server's message when it sent one."""

    def __init__(self, kind: ErrorKind, detail: str = "", status: int | None = None) -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.status = status

    @property
    def is_model_missing(self) -> bool:
        """True when the answer means "this model is not installed" (offer to pull it)."""
        return self.kind is ErrorKind.NOT_FOUND or (
            self.kind is ErrorKind.STREAM_ERROR and "not found" in self.detail.lower()
        )


def kind_for_status(status: int, message: str) -> ErrorKind:
    """Map an HTTP error status (and, for 400, the message) to an ErrorKind."""
    if status == 400:
        return (
            ErrorKind.INVALID_NAME
            if "invalid model name" in message.lower()
            else (ErrorKind.BAD_REQUEST)
        )
    if status == 403:
        return ErrorKind.FORBIDDEN
    if status == 404:
        return ErrorKind.NOT_FOUND
    if status == 503:
        return ErrorKind.BUSY
    if status >= 500:
        return ErrorKind.SERVER_ERROR
    return ErrorKind.UNEXPECTED
