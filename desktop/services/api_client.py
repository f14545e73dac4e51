"""A blocking Ollama API client on httpx; its NDJSON streams from a plain-http server (the
usual local one) are read by the lean LineStream (http_lines.py), which costs a third of
httpx's CPU per token. Runs in worker threads only; no Qt here.

Why not the official `ollama` package: it has no version call and no blob HEAD, gives no
upload progress, cannot interrupt a read that is blocked on a stalled server, reports a
malformed line as a bare JSONDecodeError and a stream that ends without `done` as success,
and its pydantic types drop fields we show (e.g. `details.context_length`). This module is
about as long as its wrapper and maps every failure to one OllamaError kind. The contract
tests still run the official client against the fake server to keep the fake honest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import certifi
import httpx

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
from desktop.services.api_errors import error_from_body, error_from_response, translate_errors
from desktop.services.batching import Batching, read_objects
from desktop.services.cancel import CancelToken
from desktop.services.http_lines import LineStream, split_lines

UPLOAD_CHUNK = 1 << 20


def check_name(name: str, *, allow_host: bool = True) -> str:
    """Validate a model name against Ollama's grammar before any request is sent."""
    try:
        parse_model_name(name, allow_host=allow_host)
    except InvalidNameError as e:
        raise OllamaError(ErrorKind.INVALID_NAME, f"{name!r}: {e.reason}") from None
    return name.strip()


_SSL_CONTEXT: ssl.SSLContext | None = None


def _ssl_context() -> ssl.SSLContext:
    """One certificate store for all clients: building it costs ~20 ms of CPU each time,
    which an idle app polling every few seconds must not pay per poll."""
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:
        _SSL_CONTEXT = ssl.create_default_context(cafile=certifi.where())
    return _SSL_CONTEXT


class OllamaApi:
    """Blocking calls to one Ollama server. Thread-safe: each thread gets its own client."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        stream_timeout: float = 300.0,
        stall_timeout: float = 60.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.stream_timeout = stream_timeout
        self.stall_timeout = stall_timeout
        self.lean_streams = self.base_url.startswith("http://")  # else httpx (https)
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()

    # -- plumbing ----------------------------------------------------------------------
    def _client(self) -> httpx.Client:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(
                base_url=self.base_url,
                verify=_ssl_context(),
                timeout=httpx.Timeout(self.timeout),
                headers={"User-Agent": "ollama-desk"},
                trust_env=False,  # a system proxy must never see local API traffic
            )
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client

    def close(self) -> None:
        with self._clients_lock:
            clients, self._clients = self._clients, []
        for c in clients:
            c.close()

    def _request(self, method: str, path: str, *, body: Any = None) -> httpx.Response:
        with translate_errors():
            kwargs: dict[str, Any] = {}
            if body is not None:
                kwargs["json"] = body
            response = self._client().request(method, path, **kwargs)
            if response.status_code >= 400:
                raise error_from_response(response)
            return response

    def _json(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        response = self._request(method, path, body=body)
        try:
            data = response.json()
        except (ValueError, RecursionError):  # RecursionError: [[[[... nested 1,000 deep
            raise OllamaError(ErrorKind.MALFORMED, response.text[:200]) from None
        if not isinstance(data, dict):
            raise OllamaError(ErrorKind.MALFORMED, response.text[:200])
        return data

    def _stream(
        self,
        path: str,
        body: Mapping[str, Any],
        cancel: CancelToken | None,
        read_timeout: float,
        on_object: Callable[[dict[str, Any]], bool],
        batching: Batching | None = None,
    ) -> None:
        """POST and feed each NDJSON object to ``on_object`` until it returns True (the
        end marker). A stream that ends before that is INCOMPLETE_STREAM."""
        token = cancel or CancelToken()
        token.check()
        with self._lines(path, body, token, read_timeout) as lines:
            if read_objects(lines, token, on_object, batching):
                return
            token.check()
        raise OllamaError(ErrorKind.INCOMPLETE_STREAM, path)

    @contextlib.contextmanager
    def _lines(
        self, path: str, body: Mapping[str, Any], token: CancelToken, read_timeout: float
    ) -> Iterator[Iterator[bytes]]:
        """POST and give the answer's lines. Plain http (a local server) is read by the lean
        LineStream, https by httpx; both split lines on ``\n`` only."""
        if not self.lean_streams:
            timeout = httpx.Timeout(self.timeout, read=read_timeout)
            with (
                translate_errors(token),
                self._client().stream("POST", path, json=dict(body), timeout=timeout) as resp,
                token.watching(resp),
            ):
                if resp.status_code >= 400:
                    raise error_from_response(resp)
                yield split_lines(resp.iter_bytes())
            return
        payload = json.dumps(dict(body), ensure_ascii=False, separators=(",", ":"))
        with LineStream(
            self.base_url,
            path,
            payload.encode(),
            token,
            timeout=self.timeout,
            read_timeout=read_timeout,
        ) as stream:
            stream.open()
            if stream.status >= 400:
                refusal = stream.error_body()
                token.check()  # a cancel while the refusal was read is the cancel
                raise error_from_body(stream.status, refusal)
            yield stream.lines()

    # -- simple calls ------------------------------------------------------------------
    def version(self) -> str:
        return str(self._json("GET", "/api/version").get("version", ""))

    def list_models(self) -> list[LocalModel]:
        data = self._json("GET", "/api/tags")
        return [LocalModel.from_json(m) for m in data.get("models") or [] if isinstance(m, dict)]

    def running_models(self) -> list[RunningModel]:
        data = self._json("GET", "/api/ps")
        return [RunningModel.from_json(m) for m in data.get("models") or [] if isinstance(m, dict)]

    def show(self, name: str) -> ModelShow:
        name = check_name(name)
        return ModelShow.from_json(name, self._json("POST", "/api/show", {"model": name}))

    def delete(self, name: str) -> None:
        self._request("DELETE", "/api/delete", body={"model": check_name(name)})

    def copy(self, source: str, destination: str) -> None:
        body = {"source": check_name(source), "destination": check_name(destination)}
        self._request("POST", "/api/copy", body=body)

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
        with translate_errors():
            response = self._client().head(f"/api/blobs/{digest}")
        if response.status_code == 200:
            return True
        if response.status_code == 404:
            return False
        raise error_from_response(response)

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
            with p.open("rb") as f:
                while chunk := f.read(UPLOAD_CHUNK):
                    token.check()
                    yield chunk
                    sent += len(chunk)
                    if on_progress is not None:
                        on_progress(sent, total)

        timeout = httpx.Timeout(self.timeout, read=self.stream_timeout, write=self.stall_timeout)
        with translate_errors(token):
            response = self._client().post(
                f"/api/blobs/{digest}",
                content=chunks(),
                timeout=timeout,
                headers={"Content-Length": str(total)},
            )
        if response.status_code >= 400:
            raise error_from_response(response)

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

        def handle(obj: dict[str, Any]) -> bool:
            chunk = ChatChunk.from_json(obj)
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

        self._stream("/api/chat", request, cancel, self.stream_timeout, handle, batching)
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


def sha256_file(
    path: str | Path,
    cancel: CancelToken | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> str:
    """`sha256:<hex>` of a file, read in chunks (cancellable, with progress)."""
    p = Path(path)
    h = hashlib.sha256()
    try:
        total = p.stat().st_size
        done = 0
        with p.open("rb") as f:
            while chunk := f.read(UPLOAD_CHUNK):
                if cancel is not None:
                    cancel.check()
                h.update(chunk)
                done += len(chunk)
                if on_progress is not None:
                    on_progress(done, total)
    except OSError as e:
        raise OllamaError(ErrorKind.LOCAL_IO, str(e)) from None
    return "sha256:" + h.hexdigest()
