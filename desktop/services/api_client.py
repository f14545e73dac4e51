"""A blocking Ollama API client: every call is one HttpExchange (http_exchange.py: h11 on a
socket the app owns, with deadlines measured from progress, a prompt cancel, and answers read
capped). Runs in worker threads only; no Qt here.

Why not the official `ollama` package: it has no version call and no blob HEAD, gives no
upload progress, cannot interrupt a read that is blocked on a stalled server, reports a
malformed line as a bare JSONDecodeError and a stream that ends without `done` as success,
and its pydantic types drop fields we show (e.g. `details.context_length`). This module is
about as long as its wrapper and maps every failure to one OllamaError kind. The contract
tests still run the official client against the fake server to keep the fake honest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import ssl
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import certifi

from desktop.core.api_types import (
    ChatChunk,
    ChatResult,
    GenerationStats,
    LocalModel,
    ModelShow,
    ProgressEvent,
    RunningModel,
)
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.names import InvalidNameError, is_valid_digest, parse_model_name
from desktop.core.pull import PullAggregator, PullProgress
from desktop.services.api_errors import error_from_body, json_object
from desktop.services.batching import Batching, read_objects
from desktop.services.cancel import CancelToken
from desktop.services.http_exchange import HttpExchange

UPLOAD_CHUNK = 1 << 20
# The most of an answer read whole (issue 24.8: a peer's body is never read without end).
# /api/tags and /api/show of real servers are 0.4-20 KB (tests/fixtures); a list of
# thousands of models, or a show with a long licence, stays far below MAX_ANSWER.
MAX_ANSWER = 16 << 20
MAX_SMALL_ANSWER = 256 << 10  # version, load, unload, copy, delete, an upload's reply


def check_name(name: str, *, allow_host: bool = True) -> str:
    """Validate a model name against Ollama's grammar before any request is sent."""
    try:
        parse_model_name(name, allow_host=allow_host)
    except InvalidNameError as e:
        raise OllamaError(ErrorKind.INVALID_NAME, f"{name!r}: {e.reason}") from None
    return name.strip()


_SSL_CONTEXT: ssl.SSLContext | None = None


def _ssl_context() -> ssl.SSLContext:
    """One certificate store for all calls: building it costs ~20 ms of CPU each time,
    which an idle app polling every few seconds must not pay per poll."""
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:
        _SSL_CONTEXT = ssl.create_default_context(cafile=certifi.where())
    return _SSL_CONTEXT


def _dump(body: Mapping[str, Any]) -> bytes:
    return json.dumps(dict(body), ensure_ascii=False, separators=(",", ":")).encode()


class OllamaApi:
    """Blocking calls to one Ollama server. Thread-safe: nothing is shared between calls
    (one connection per call). ``tls``: the certificates an https:// server is checked
    against (default: certifi's)."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        stream_timeout: float = 300.0,
        stall_timeout: float = 60.0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.stream_timeout = stream_timeout
        self.stall_timeout = stall_timeout
        self._tls = tls

    # -- plumbing ----------------------------------------------------------------------
    def close(self) -> None:
        """Nothing stays open between calls; kept for the callers' symmetry."""

    @contextlib.contextmanager
    def _exchange(
        self,
        method: str,
        path: str,
        token: CancelToken,
        *,
        body: bytes | Iterable[bytes] = b"",
        length: int | None = None,
        content_type: str = "application/json",
        read_timeout: float,
        send_timeout: float | None = None,
        refuse: bool = True,
    ) -> Iterator[HttpExchange]:
        """One request, its head read; with ``refuse``, a status >= 400 is raised as the
        OllamaError its body names."""
        tls = None
        if self.base_url.startswith("https://"):
            tls = self._tls or _ssl_context()
        with HttpExchange(
            self.base_url,
            path,
            token,
            method=method,
            body=body,
            length=length,
            content_type=content_type,
            timeout=self.timeout,
            send_timeout=send_timeout,
            read_timeout=read_timeout,
            tls=tls,
        ) as exchange:
            exchange.open()
            if refuse and exchange.status >= 400:
                refusal = exchange.error_body()
                token.check()  # a cancel while the refusal was read is the cancel
                raise error_from_body(exchange.status, refusal)
            yield exchange

    def _request(
        self, method: str, path: str, body: Mapping[str, Any] | None = None, limit: int = 0
    ) -> bytes:
        """The whole answer (at most ``limit`` bytes, MAX_SMALL_ANSWER by default)."""
        return self._read(method, path, body, limit, CancelToken(), self.timeout)

    def _read(
        self, method: str, path: str, body: Mapping[str, Any] | None, limit: int,
        token: CancelToken, read_timeout: float,
    ) -> bytes:  # fmt: skip
        payload = b"" if body is None else _dump(body)
        with self._exchange(method, path, token, body=payload, read_timeout=read_timeout) as ex:
            return ex.read(limit or MAX_SMALL_ANSWER)

    def _json(
        self, method: str, path: str, body: Mapping[str, Any] | None = None, limit: int = 0
    ) -> dict[str, Any]:
        return json_object(self._request(method, path, body, limit))

    def post_json(
        self, path: str, body: Mapping[str, Any], token: CancelToken, read_timeout: float,
        limit: int,
    ) -> dict[str, Any]:  # fmt: skip
        """POST and read one JSON object of at most ``limit`` bytes; Stop (``token``) shuts
        the socket at once, a slow answer may take ``read_timeout`` between bytes."""
        return json_object(self._read("POST", path, body, limit, token, read_timeout))

    def _stream(
        self,
        path: str,
        body: Mapping[str, Any],
        cancel: CancelToken | None,
        read_timeout: float,
        on_object: Callable[[dict[str, Any]], bool],
        batching: Batching | None = None,
        on_whole: Callable[[], None] | None = None,
    ) -> None:
        """POST and feed each NDJSON object to ``on_object`` until it returns True (the
        end marker). A stream that ends before that is INCOMPLETE_STREAM. ``on_whole`` is
        called first when the server answered with one JSON object, not a stream."""
        token = cancel or CancelToken()
        token.check()
        with self._exchange(
            "POST", path, token, body=_dump(body), read_timeout=read_timeout
        ) as exchange:
            kind = exchange.headers.get("content-type", "").lower()
            if on_whole is not None and kind.startswith("application/json"):
                on_whole()

            def waited_at() -> float:  # the reader knows when it waited for the network
                return exchange.waited_at

            if read_objects(exchange.lines(), token, on_object, batching, waited_at):
                return
            token.check()
        raise OllamaError(ErrorKind.INCOMPLETE_STREAM, f"{path}: the answer ended unfinished")

    # -- simple calls ------------------------------------------------------------------
    def version(self) -> str:
        return str(self._json("GET", "/api/version").get("version", ""))

    def list_models(self) -> list[LocalModel]:
        data = self._json("GET", "/api/tags", limit=MAX_ANSWER)
        return [LocalModel.from_json(m) for m in data.get("models") or [] if isinstance(m, dict)]

    def running_models(self) -> list[RunningModel]:
        data = self._json("GET", "/api/ps", limit=MAX_ANSWER)
        return [RunningModel.from_json(m) for m in data.get("models") or [] if isinstance(m, dict)]

    def show(self, name: str) -> ModelShow:
        name = check_name(name)
        show = self._json("POST", "/api/show", {"model": name}, MAX_ANSWER)
        return ModelShow.from_json(name, show)

    def delete(self, name: str) -> None:
        self._request("DELETE", "/api/delete", {"model": check_name(name)})

    def copy(self, source: str, destination: str) -> None:
        body = {"source": check_name(source), "destination": check_name(destination)}
        self._request("POST", "/api/copy", body)

    # -- pull --------------------------------------------------------------------------
    def pull(
        self,
        name: str,
        on_progress: Callable[[ProgressEvent, PullProgress], None] | None = None,
        cancel: CancelToken | None = None,
        *,
        allow_host: bool = False,
        insecure: bool = False,
        stall_timeout: float | None = None,
    ) -> PullProgress:
        """Pull a model; ``on_progress`` gets each line and the per-digest aggregate.
        Ends on `success`; progress short of 100 % before it is normal. ``insecure`` lets
        Ollama fetch from a plain-HTTP registry (the user must have agreed to it);
        ``stall_timeout`` overrides how long a silent stream is waited for."""
        name = check_name(name, allow_host=allow_host)
        agg = PullAggregator()

        def handle(obj: dict[str, Any]) -> bool:
            event = ProgressEvent.from_json(obj)
            progress = agg.feed(event)
            if on_progress is not None:
                on_progress(event, progress)
            return event.status == "success"

        body: dict[str, Any] = {"model": name, "stream": True}
        if insecure:
            body["insecure"] = True
        read_timeout = self.stall_timeout if stall_timeout is None else stall_timeout
        self._stream("/api/pull", body, cancel, read_timeout, handle)
        return agg.snapshot()

    # -- blobs and create --------------------------------------------------------------
    def blob_exists(self, digest: str) -> bool:
        if not is_valid_digest(digest):
            raise OllamaError(ErrorKind.INVALID_DIGEST, digest)
        path = f"/api/blobs/{digest}"
        with self._exchange(
            "HEAD", path, CancelToken(), read_timeout=self.timeout, refuse=False
        ) as exchange:
            if exchange.status == 200:
                return True
            if exchange.status == 404:
                return False
            raise error_from_body(exchange.status, "")

    def upload_blob(
        self,
        path: str | Path,
        digest: str,
        on_progress: Callable[[int, int], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        """POST a file as a blob (streamed). The server hashes it and refuses a mismatch."""
        if not is_valid_digest(digest):
            raise OllamaError(ErrorKind.INVALID_DIGEST, digest)
        token = cancel or CancelToken()
        p = Path(path)
        try:
            total = p.stat().st_size
        except OSError as e:
            raise OllamaError(ErrorKind.LOCAL_IO, str(e)) from None

        def chunks() -> Iterator[bytes]:
            sent = 0
            try:
                with p.open("rb") as f:
                    while chunk := f.read(UPLOAD_CHUNK):
                        token.check()
                        yield chunk
                        sent += len(chunk)
                        if on_progress is not None:
                            on_progress(sent, total)
            except OSError as e:
                raise OllamaError(ErrorKind.LOCAL_IO, str(e)) from None

        # each piece must leave within stall_timeout; the server hashes the whole file
        # before it answers (stream_timeout)
        with self._exchange(
            "POST",
            f"/api/blobs/{digest}",
            token,
            body=chunks(),
            length=total,
            content_type="application/octet-stream",
            read_timeout=self.stream_timeout,
            send_timeout=self.stall_timeout,
        ) as exchange:
            exchange.read(MAX_SMALL_ANSWER)

    def create(
        self,
        name: str,
        body: Mapping[str, Any],
        on_status: Callable[[ProgressEvent], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        """POST /api/create with ``body`` (e.g. {"files": {"model.gguf": digest}})."""
        request = {**body, "model": check_name(name), "stream": True}

        def handle(obj: dict[str, Any]) -> bool:
            event = ProgressEvent.from_json(obj)
            if on_status is not None:
                on_status(event)
            return event.status == "success"

        self._stream("/api/create", request, cancel, self.stream_timeout, handle)

    # -- chat --------------------------------------------------------------------------
    def chat(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        on_chunk: Callable[[ChatChunk], None] | None = None,
        cancel: CancelToken | None = None,
        *,
        options: Mapping[str, Any] | None = None,
        think: bool | str | None = None,
        keep_alive: str | int | None = None,
        batching: Batching | None = None,
    ) -> ChatResult:
        """Stream a chat answer. A cancel raises CANCELLED; the caller keeps what it got.
        With ``batching``, ``on_chunk`` still gets every chunk, but the thread wakes once per
        batch of tokens, and ``batching.on_batch`` says when a batch is complete."""
        request: dict[str, Any] = {
            "model": check_name(model),
            "messages": list(messages),
            "stream": True,
        }
        if options:
            request["options"] = dict(options)
        if think is not None:
            request["think"] = think
        if keep_alive is not None:
            request["keep_alive"] = keep_alive
        result = ChatResult()
        content: list[str] = []  # joined once at the end: linear in the answer's length
        thinking: list[str] = []
        whole: list[bool] = []  # the server sent one object: a whole answer, not a token

        def handle(obj: dict[str, Any]) -> bool:
            chunk = ChatChunk.from_json(obj)
            if whole:
                chunk = dataclasses.replace(chunk, whole=True)
            if chunk.content:
                content.append(chunk.content)
            if chunk.thinking:
                thinking.append(chunk.thinking)
            result.chunks += 1
            if chunk.stats is not None:
                result.stats = chunk.stats
            if on_chunk is not None:
                on_chunk(chunk)
            return chunk.done

        self._stream(
            "/api/chat",
            request,
            cancel,
            self.stream_timeout,
            handle,
            batching,
            on_whole=lambda: whole.append(True),
        )
        result.content, result.thinking = "".join(content), "".join(thinking)
        return result

    def preload(self, model: str, keep_alive: str | int | None = None) -> GenerationStats:
        body: dict[str, Any] = {"model": check_name(model), "messages": [], "stream": False}
        if keep_alive is not None:
            body["keep_alive"] = keep_alive
        return GenerationStats.from_json(self._json("POST", "/api/chat", body))

    def unload(self, model: str) -> None:
        body = {"model": check_name(model), "messages": [], "keep_alive": 0, "stream": False}
        self._json("POST", "/api/chat", body)
