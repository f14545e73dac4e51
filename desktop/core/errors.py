"""One error type for everything that can go wrong talking to Ollama.

Core has no Qt, so it carries a *kind* and the server's own words; the UI turns a kind
into a translated sentence for people (desktop/ui/common/messages.py) and shows the words
only in a "Details" view.

A kind says what happened as precisely as the server's words allow: an HTTP status or an
error line gives a first kind, and ``refine_kind`` recognises the failures people meet
(a full disk, a model that cannot read images, a registry Ollama cannot pull from) so that
each gets a sentence that says what to do. ``server_message`` unwraps the JSON documents
some servers put inside their error text, so nobody is shown braces.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any


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
    # recognised from the server's words (refine_kind)
    NO_VISION = "no_vision"  # images sent to a model that cannot read them
    DISK_FULL = "disk_full"  # the server's disk is full (a pull, a model create)
    OUT_OF_MEMORY = "out_of_memory"  # the model needs more memory than is free
    RUNNER_STOPPED = "runner_stopped"  # the model's process ended mid-answer
    REGISTRY_INCOMPATIBLE = "registry_incompatible"  # blobs served without a redirect
    REGISTRY_UNREACHABLE = "registry_unreachable"  # Ollama could not reach the registry
    REGISTRY_PLAIN_HTTP = "registry_plain_http"  # HTTPS was asked of a plain-HTTP registry


class OllamaError(Exception):
    """A failed Ollama request. ``detail`` is the server's message when it sent one (a
    JSON document inside it unwrapped to its message); ``raw`` is what arrived as it was,
    for a "Details" view (the detail when nothing more was received)."""

    def __init__(
        self, kind: ErrorKind, detail: str = "", status: int | None = None, raw: str = ""
    ) -> None:
        super().__init__(f"{kind.value}: {detail[:500]}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.status = status
        self._raw = raw

    @property
    def raw(self) -> str:
        return self._raw or self.detail

    @property
    def is_model_missing(self) -> bool:
        """True when the answer means "this model is not installed" (offer to pull it)."""
        return self.kind is ErrorKind.NOT_FOUND or (
            self.kind is ErrorKind.STREAM_ERROR and "not found" in self.detail.lower()
        )


def kind_for_status(status: int, message: str) -> ErrorKind:
    """Map an HTTP error status (and, for 400, the message) to an ErrorKind."""
    if status == 400:
        kind = (
            ErrorKind.INVALID_NAME
            if "invalid model name" in message.lower()
            else (ErrorKind.BAD_REQUEST)
        )
    elif status == 403:
        kind = ErrorKind.FORBIDDEN
    elif status == 404:
        kind = ErrorKind.NOT_FOUND
    elif status == 503:
        kind = ErrorKind.BUSY
    elif status >= 500:
        kind = ErrorKind.SERVER_ERROR
    else:
        kind = ErrorKind.UNEXPECTED
    return refine_kind(kind, message)


# -- the server's words ----------------------------------------------------------------------

CLASSIFY_CHARS = 8192  # the words that name a failure come first; the rest is paths and noise
# (words any of which, in lower case, name the failure). Plain substring tests: linear in the
# message, nothing that can backtrack.
_WORDS: tuple[tuple[ErrorKind, tuple[str, ...]], ...] = (
    (ErrorKind.REGISTRY_INCOMPATIBLE, ("no location header in response",)),
    (
        ErrorKind.NO_VISION,
        (
            "does not support multimodal",
            "multimodal data provided",
            "does not support images",
            "does not support vision",
            "image input is not supported",
        ),
    ),
    (
        ErrorKind.DISK_FULL,
        (
            "no space left on device",
            "not enough space on the disk",  # Windows: ERROR_DISK_FULL
            "there is not enough space",
            "disk quota exceeded",
            "database or disk is full",
            "insufficient disk space",
        ),
    ),
    (
        ErrorKind.OUT_OF_MEMORY,
        (
            "requires more system memory",
            "cudamalloc failed: out of memory",
            "unable to allocate",
            "insufficient memory",
        ),
    ),
    (
        ErrorKind.RUNNER_STOPPED,
        (
            "model runner has unexpectedly stopped",
            "llama runner process has terminated",
            "llama runner process no longer running",
        ),
    ),
    (ErrorKind.REGISTRY_PLAIN_HTTP, ("server gave http response to https client",)),
)
# an unreachable registry: only in the answer to a pull (Ollama's own runner is reached by
# "dial tcp 127.0.0.1:..." too, and that is a stopped model, not a network problem)
_PULL_MARKS = ("pull model manifest", "pulling ", "registry", "manifests/", "/blobs/")
_NO_ROUTE = (
    "no such host",
    "dial tcp",
    "network is unreachable",
    "no route to host",
    "tls handshake timeout",
    "i/o timeout",
    "temporary failure in name resolution",
)
# kinds the server's words may make more precise (never a cancel, a timeout, a bad name)
_REFINABLE = frozenset(
    (
        ErrorKind.BAD_REQUEST,
        ErrorKind.SERVER_ERROR,
        ErrorKind.STREAM_ERROR,
        ErrorKind.UNEXPECTED,
        ErrorKind.NOT_FOUND,
        ErrorKind.LOCAL_IO,
    )
)


def refine_kind(kind: ErrorKind, message: str) -> ErrorKind:
    """A more precise kind when the server's words name a failure people meet, else
    ``kind``. Looks at the first CLASSIFY_CHARS characters, once each."""
    if kind not in _REFINABLE or not message:
        return kind
    words = message[:CLASSIFY_CHARS].lower()
    for precise, marks in _WORDS:
        if any(m in words for m in marks):
            return precise
    if any(m in words for m in _NO_ROUTE) and any(m in words for m in _PULL_MARKS):
        return ErrorKind.REGISTRY_UNREACHABLE
    return kind


def url_host(text: str) -> str:
    """The host of the first http(s) address in ``text`` ("" if none): the registry a pull
    could not reach. A bounded scan, no pattern that can backtrack."""
    head = text[:CLASSIFY_CHARS]
    for scheme in ("https://", "http://"):
        at = head.find(scheme)
        if at >= 0:
            start = end = at + len(scheme)
            while end < len(head) and end - start < 255 and head[end] not in "/\"' \t\n?#":
                end += 1
            return head[start:end]
    return ""


UNWRAP_DEPTH = 12  # steps (a JSON text, then its object, is two); a few levels, never more
_MESSAGE_KEYS = ("error", "message", "detail", "msg", "reason")


def server_message(value: Any) -> str:
    """The human message inside an error value: a string, or a JSON document (an object
    with "error"/"message"..., possibly itself JSON text, as Ollama passes on its runner's
    OpenAI-style errors). What cannot be unwrapped is returned as text."""
    text = ""
    for _ in range(UNWRAP_DEPTH):
        if isinstance(value, str):
            text = value
            stripped = value.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return value
            try:
                value = json.loads(stripped)
            except (ValueError, RecursionError):
                return text
            continue
        if isinstance(value, dict):
            found = next((value[k] for k in _MESSAGE_KEYS if value.get(k)), None)
            if found is None:
                break
            value = found
            continue
        break
    if isinstance(value, str):
        return value
    if text:
        return text
    try:
        return json.dumps(value, ensure_ascii=False)[:2000]
    except (TypeError, ValueError, RecursionError):
        return ""


# -- stored with a failed chat answer -----------------------------------------------------


RECORD_CHARS = 65536  # of the server's words kept with a failed answer


def error_record(error: OllamaError) -> str:
    """How a failed answer's error is stored: its kind, a newline, what the server said
    (its first RECORD_CHARS characters)."""
    return f"{error.kind.value}\n{error.raw[:RECORD_CHARS]}"


def error_from_record(record: str) -> OllamaError:
    """A stored error back as an OllamaError. Records written before kinds were stored hold
    the server's words alone (or only a kind's name): their kind is found from the words."""
    head, sep, rest = record.partition("\n")
    for kind in ErrorKind:
        if head == kind.value:
            return OllamaError(kind, server_message(rest) if sep else "", raw=rest)
    kind = refine_kind(ErrorKind.STREAM_ERROR, record)
    return OllamaError(kind, server_message(record), raw=record)
