"""A fake Ollama server: real HTTP on 127.0.0.1, the API as the reference and the recorded
responses describe it, state that changes (pull adds, delete removes, create registers), and
fault injection per request.

Usage::

    with FakeOllama() as fake:
        fake.add_fault("/api/chat", drop_after=3)
        ... talk to fake.url ...
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import registry_pull
from .gguf import GGUFError, read_metadata
from .models import FakeModel, Layer, default_registry, gemma3_270m
from .other_registry import pull_from_registry

_NAME_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
_DIGEST = re.compile(r"^sha256[:-][0-9a-fA-F]{64}$")
_TOKEN = re.compile(r"\s*\S+|\s+")


@dataclass
class Fault:
    """What to do wrong on the next ``times`` requests to ``path`` (``times=-1``: always).

    status/error   answer this HTTP status with {"error": error} before streaming
    stall          seconds of silence: before the answer, or after ``stall_after`` lines
    drop_after     abort the connection after this many lines (0: before any byte)
    malformed_at   send a line that is not JSON after this many lines, then go on
    error_after    send {"error": error} after this many lines and end the stream
    end_after      end the stream cleanly after this many lines, without done/success
    final_extra    fields merged into the final (done) line, e.g. a wrongly typed metric
    """

    path: str
    method: str | None = None
    status: int | None = None
    error: str = "fault injected"
    stall: float = 0.0
    stall_after: int | None = None
    drop_after: int | None = None
    malformed_at: int | None = None
    error_after: int | None = None
    end_after: int | None = None
    final_extra: dict[str, Any] | None = None
    times: int = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            (self.path in (path, "*"))
            and (self.method in (None, method))
            and (self.times < 0 or self.hits < self.times)
        )


class _DroppedError(Exception):
    """The connection was aborted on purpose (fault or kill)."""


def _now_rfc3339(offset: timedelta = timedelta()) -> str:
    t = datetime.now(UTC) + offset
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}000Z"


def _normalise_name(name: str) -> str | None:
    """Return the display name `model:tag` (lower-cased key) or None when invalid."""
    n = name.strip()
    tag = "latest"
    colon, slash = n.rfind(":"), n.rfind("/")
    if colon > slash:
        n, tag = n[:colon], n[colon + 1 :]
    parts = n.split("/")
    if len(parts) > 3 or not all(parts) or not _NAME_PART.match(tag):
        return None
    if not all(_NAME_PART.match(p) or (i == 0 and len(parts) == 3) for i, p in enumerate(parts)):
        return None
    default_ns = len(parts) == 2 and parts[0] == "library"
    if parts[:2] == ["registry.ollama.ai", "library"] or default_ns:
        parts = parts[-1:]
    return "/".join(parts) + ":" + tag


@dataclass
class FakeState:
    installed: dict[str, FakeModel] = field(default_factory=dict)
    registry: dict[str, FakeModel] = field(default_factory=dict)
    running: dict[str, tuple[FakeModel, datetime, int]] = field(default_factory=dict)
    blobs: dict[str, bytes | int] = field(default_factory=dict)  # digest -> data or size
    partials: dict[str, int] = field(default_factory=dict)  # digest -> bytes already fetched


class FakeOllama:
    def __init__(
        self,
        *,
        version: str = "0.33.0-rc2",
        installed: list[FakeModel] | None = None,
        registry: dict[str, FakeModel] | None = None,
        token_delay: float = 0.0,
        pull_step_bytes: int = 100 * 1024 * 1024,
        pull_step_delay: float = 0.002,
    ) -> None:
        self.version = version
        self.token_delay = token_delay
        self.pull_step_bytes = pull_step_bytes
        self.pull_step_delay = pull_step_delay
        self.offline = False  # pulls fail as with no route to the registry
        self.upstream = ""  # a registry URL that plays registry.ollama.ai (registry_pull.py)
        self.blob_data: dict[str, bytearray] = {}  # bytes pulled from upstream, by digest
        # per-model generation speed (set_speed): the durations an answer reports
        self.speeds: dict[str, tuple[float, dict[int, float]]] = {}
        self.state = FakeState(registry=registry if registry is not None else default_registry())
        for m in installed if installed is not None else [gemma3_270m()]:
            self._install(m)
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.lock = threading.RLock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeOllama:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._stopping.clear()
        self._httpd = _QuietServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and cut every open connection (a server killed mid-stream)."""
        self._stopping.set()
        with self.lock:
            conns = list(self._connections)
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
        with self.lock:
            httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()

    kill = stop

    def __enter__(self) -> FakeOllama:
        return self.start() if self._httpd is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- test controls -----------------------------------------------------------------
    def add_fault(self, path: str, **kwargs: Any) -> Fault:
        fault = Fault(path=path, **kwargs)
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for f in self.faults:
                if f.matches(method, path):
                    f.hits += 1
                    return f
        return None

    def pause_between_chunks(self) -> None:
        """Pace a pull from upstream like the in-memory one (pull_step_delay)."""
        self._stopping.wait(self.pull_step_delay)

    def store_blob(self, digest: str, data: bytes) -> None:
        with self.lock:
            self.state.blobs[digest] = data

    def set_speed(
        self, name: str, tokens_per_s: float, per_thread: dict[int, float] | None = None
    ) -> None:
        """Answers of ``name`` report this generation rate (eval_duration = tokens / rate),
        or ``per_thread[num_thread]`` when the request sets that num_thread. Prompts report
        ten times the rate. The wall time is not stretched: use token_delay for that."""
        with self.lock:
            self.speeds[name.lower()] = (tokens_per_s, dict(per_thread or {}))

    def reported_rate(self, name: str, options: dict[str, Any]) -> float | None:
        with self.lock:
            speed = self.speeds.get(name.lower())
        if speed is None:
            return None
        return speed[1].get(int(options.get("num_thread") or 0), speed[0])

    def install(self, model: FakeModel) -> None:
        with self.lock:
            self._install(model)

    def _install(self, model: FakeModel) -> None:
        self.state.installed[model.name.lower()] = model
        for layer in model.layers:
            self.state.blobs.setdefault(layer.digest, layer.size)

    def installed_names(self) -> list[str]:
        with self.lock:
            return [m.name for m in self.state.installed.values()]

    def running_names(self) -> list[str]:
        with self.lock:
            return [m.name for m, _, _ in self.state.running.values()]

    def paths_requested(self) -> list[str]:
        with self.lock:
            return [p for _, p, _ in self.requests]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-request are part of the tests


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOllama
    protocol_version = "HTTP/1.1"
    # Go sets TCP_NODELAY on every connection, so a real Ollama sends each token in a
    # packet of its own the moment it is flushed; without this, Nagle's algorithm would
    # hold tokens back and deliver them in bursts no real server sends.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    # -- dispatch ----------------------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        with self.server_fake.lock:
            self.server_fake._connections.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.server_fake.lock:
            self.server_fake._connections.discard(self.connection)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        fake = self.server_fake
        path = self.path.split("?", 1)[0]
        raw = self._read_body()
        body: Any = None
        bad_json = False
        if raw and not path.startswith("/api/blobs/"):
            try:
                body = json.loads(raw)
            except ValueError:
                bad_json = True
        with fake.lock:
            fake.requests.append((method, path, body))
        self.fault = fake.take_fault(method, path)
        self.lines_sent = 0
        self.streaming = False
        try:
            if self.fault is not None:
                if self.fault.drop_after == 0:
                    raise _DroppedError
                if self.fault.stall and self.fault.stall_after is None:
                    self._sleep(self.fault.stall)
                if self.fault.status is not None:
                    return self._json(
                        self.fault.status, {"error": self.fault.error}, head=method == "HEAD"
                    )
            if bad_json:
                return self._error(400, "unexpected EOF")
            self._route(method, path, body if isinstance(body, dict) else {}, raw)
        except _DroppedError:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _route(self, method: str, path: str, body: dict[str, Any], raw: bytes) -> None:
        if path == "/" and method in ("GET", "HEAD"):
            return self._text(200, "Ollama is running", head=method == "HEAD")
        if path == "/api/version" and method in ("GET", "HEAD"):
            return self._json(200, {"version": self.server_fake.version}, head=method == "HEAD")
        if path == "/api/tags" and method in ("GET", "HEAD"):
            return self._tags(head=method == "HEAD")
        routes = {
            ("GET", "/api/ps"): self._ps,
            ("POST", "/api/show"): self._show,
            ("POST", "/api/pull"): self._pull,
            ("DELETE", "/api/delete"): self._delete,
            ("POST", "/api/copy"): self._copy,
            ("POST", "/api/create"): self._create,
            ("POST", "/api/chat"): self._chat,
            ("POST", "/api/generate"): self._generate,
        }
        handler = routes.get((method, path))
        if handler is not None:
            return handler(body)
        if path.startswith("/api/blobs/") and method in ("HEAD", "POST"):
            return self._blob(method, path[len("/api/blobs/") :], raw)
        return self._text(404, "404 page not found")

    # -- I/O helpers -------------------------------------------------------------------
    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            return self.rfile.read(length)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        return b""

    def _sleep(self, seconds: float) -> None:
        if self.server_fake._stopping.wait(seconds):
            raise _DroppedError

    def _send(self, status: int, ctype: str, data: bytes, head: bool = False) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _text(self, status: int, text: str, head: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode(), head)

    def _json(self, status: int, obj: Any, head: bool = False) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(obj).encode(), head)

    def _empty(self, status: int = 200) -> None:
        self._send(status, "", b"")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _begin_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.streaming = True

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _line(self, obj: dict[str, Any]) -> bool:
        """Send one NDJSON line, applying the fault. False: the stream must end now."""
        f = self.fault
        n = self.lines_sent
        if self.server_fake._stopping.is_set():
            raise _DroppedError
        if f is not None:
            if f.drop_after is not None and n >= f.drop_after:
                raise _DroppedError
            if f.stall and f.stall_after is not None and n == f.stall_after:
                self._sleep(f.stall)
            if f.malformed_at is not None and n == f.malformed_at:
                self._chunk(b'{"status": "pulling\n')
            if f.error_after is not None and n >= f.error_after:
                self._chunk(json.dumps({"error": f.error}).encode() + b"\n")
                return False
            if f.end_after is not None and n >= f.end_after:
                return False
        self._chunk(json.dumps(obj).encode() + b"\n")
        self.lines_sent += 1
        return True

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _stream(self, lines: Any) -> None:
        """Send an iterable of line objects (a generator may sleep between them). An
        {"error": ...} object is the server's own failure: sent as is, and the stream ends."""
        self._begin_stream()
        for obj in lines:
            if "error" in obj:
                self._chunk(json.dumps(obj).encode() + b"\n")
                break
            if not self._line(obj):
                break
        self._end_stream()

    # -- model lookups -----------------------------------------------------------------
    def _find(self, body: dict[str, Any]) -> tuple[str, FakeModel | None]:
        name = str(body.get("model") or body.get("name") or "")
        key = _normalise_name(name)
        with self.server_fake.lock:
            model = self.server_fake.state.installed.get(key.lower()) if key else None
        return name, model

    def _not_found(self, name: str) -> None:
        shown = name if ":" in name else f"{name}:latest"
        self._error(404, f"model '{shown}' not found")

    # -- endpoints ---------------------------------------------------------------------
    def _tags(self, head: bool) -> None:
        with self.server_fake.lock:
            models = [m.tags_entry() for m in self.server_fake.state.installed.values()]
        self._json(200, {"models": models}, head=head)

    def _ps(self, body: dict[str, Any]) -> None:
        now = datetime.now(UTC)
        out = []
        with self.server_fake.lock:
            running = self.server_fake.state.running
            for key, (m, expires, ctx) in list(running.items()):
                if expires <= now:
                    del running[key]
                    continue
                entry = {
                    "name": m.name,
                    "model": m.name,
                    "size": int(m.size * 1.13),
                    "digest": m.manifest_digest,
                    "details": m.details_without_lengths(),
                    "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "size_vram": 0,
                    "context_length": ctx,
                }
                out.append((expires, entry))
        out.sort(key=lambda e: e[0], reverse=True)
        self._json(200, {"models": [e for _, e in out]})

    def _show(self, body: dict[str, Any]) -> None:
        name, model = self._find(body)
        if model is None:
            return self._not_found(name)
        self._json(200, model.show_entry())

    def _delete(self, body: dict[str, Any]) -> None:
        name, model = self._find(body)
        if model is None:
            return self._not_found(name)
        fake = self.server_fake
        with fake.lock:
            del fake.state.installed[model.name.lower()]
            fake.state.running.pop(model.name.lower(), None)
            used = {lay.digest for m in fake.state.installed.values() for lay in m.layers}
            for layer in model.layers:
                if layer.digest not in used:
                    fake.state.blobs.pop(layer.digest, None)
        self._empty()

    def _copy(self, body: dict[str, Any]) -> None:
        src, model = self._find({"model": body.get("source", "")})
        dest = _normalise_name(str(body.get("destination") or ""))
        if not dest:
            return self._error(400, "invalid model name")
        if model is None:
            return self._not_found(src)
        self.server_fake.install(model.renamed(dest))
        self._empty()

    def _pull(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        key = _normalise_name(str(body.get("model") or body.get("name") or ""))
        if key is None:
            return self._error(400, "invalid model name")
        model = fake.state.registry.get(key.lower()) or fake.state.registry.get(key)
        if body.get("stream") is False:
            return self._error(400, "non-streaming pull is not used by this fake")
        parts = key.split("/")
        if len(parts) == 3 and parts[0].lower() != "registry.ollama.ai":  # another registry
            return self._stream(
                pull_from_registry(key, body.get("insecure") is True, fake.store_blob, fake.install)
            )

        if fake.upstream and not fake.offline:
            return self._stream(registry_pull.pull_lines(fake, key))

        def lines() -> Any:
            yield {"status": "pulling manifest"}
            if fake.offline:
                host = "registry.ollama.ai"
                yield {
                    "error": f'pull model manifest: Get "https://{host}/v2/library/'
                    f'{key.split(":")[0]}/manifests/{key.split(":")[1]}": dial tcp:'
                    f" lookup {host} on 127.0.0.53:53: no such host"
                }
                return
            if model is None:
                yield {"error": "pull model manifest: file does not exist"}
                return
            for layer in model.layers:
                yield from self._pull_layer(layer)
            yield {"status": "verifying sha256 digest"}
            yield {"status": "writing manifest"}
            fake.install(model.renamed(key))
            yield {"status": "success"}

        self._stream(lines())

    def _pull_layer(self, layer: Layer) -> Any:
        fake = self.server_fake
        short = layer.digest.split(":")[1][:12]
        line = {"status": f"pulling {short}", "digest": layer.digest, "total": layer.size}
        with fake.lock:
            present = layer.digest in fake.state.blobs
            done = fake.state.partials.get(layer.digest, 0)
        if present:
            yield {**line, "completed": layer.size}
            return
        # Like the real server: progress lines while bytes arrive, none at 100 %, and
        # small layers finish before any line is printed.
        while done < layer.size:
            self._sleep(fake.pull_step_delay)
            done = min(layer.size, done + fake.pull_step_bytes)
            with fake.lock:
                fake.state.partials[layer.digest] = done
            if done < layer.size:
                yield {**line, "completed": done}
        with fake.lock:
            fake.state.partials.pop(layer.digest, None)
            fake.state.blobs[layer.digest] = layer.size

    def _blob(self, method: str, digest: str, raw: bytes) -> None:
        fake = self.server_fake
        if not _DIGEST.match(digest):
            return self._json(400, {"error": "invalid digest format"}, head=method == "HEAD")
        digest = "sha256:" + digest[7:].lower()
        with fake.lock:
            present = digest in fake.state.blobs
        if method == "HEAD":
            if present:
                return self._empty(200)
            return self._json(404, {"error": f"blob {digest} not found"}, head=True)
        actual = "sha256:" + hashlib.sha256(raw).hexdigest()
        if actual != digest:
            return self._error(400, f'digest mismatch, expected "{digest}", got "{actual}"')
        if present:
            return self._empty(200)
        with fake.lock:
            fake.state.blobs[digest] = raw
        self._empty(201)

    def _create(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        key = _normalise_name(str(body.get("model") or body.get("name") or ""))
        if key is None:
            return self._error(400, "invalid model name")
        files = body.get("files") or {}
        if not files and not body.get("from"):
            return self._error(400, "neither 'from' or 'files' was specified")
        blobs: list[tuple[str, bytes | int]] = []
        for fname, digest in files.items():
            if not isinstance(digest, str) or not _DIGEST.match(digest):
                return self._error(400, "invalid digest")
            with fake.lock:
                data = fake.state.blobs.get("sha256:" + digest[7:].lower())
            if data is None or fname.startswith(("/", "..")):
                return self._error(400, f"blob {digest} not found")
            blobs.append((digest, data))

        def lines() -> Any:
            yield {"status": "parsing GGUF"}
            meta: dict[str, Any] = {}
            for _digest, data in blobs:
                if isinstance(data, bytes):
                    try:
                        meta = read_metadata(data)
                    except GGUFError as e:
                        yield {"error": str(e)}
                        return
            yield {"status": "verifying conversion"}
            for digest, _ in blobs:
                yield {"status": f"using existing layer {digest}"}
            yield {"status": "writing manifest"}
            arch = str(meta.get("general.architecture", ""))
            count = int(meta.get("general.parameter_count", 0) or 0)
            model = FakeModel(
                name=key,
                layers=[Layer("model", d, len(b) if isinstance(b, bytes) else b) for d, b in blobs],
                details={
                    "parent_model": "",
                    "format": "gguf",
                    "family": arch,
                    "families": [arch] if arch else None,
                    "parameter_size": f"{count / 1e9:.1f}B" if count else "",
                    "quantization_level": "Q4_K_M"
                    if meta.get("general.file_type") == 15
                    else "unknown",
                },
                model_info={k: v for k, v in meta.items() if not k.startswith("gguf.")},
                modified_at=_now_rfc3339(),
            )
            model.details = {k: v for k, v in model.details.items() if v is not None}
            fake.install(model)
            yield {"status": "success"}

        self._stream(lines())

    # -- chat / generate ---------------------------------------------------------------
    def _check_options(self, body: dict[str, Any]) -> str | None:
        options = body.get("options") or {}
        for key in ("num_ctx", "num_predict", "num_thread", "seed", "top_k"):
            if key in options and not isinstance(options[key], int):
                return f'option "{key}" must be of type integer'
        for key in ("temperature", "top_p"):
            if key in options and not isinstance(options[key], int | float):
                return f'option "{key}" must be of type float'
        return None

    def _keep_alive(self, body: dict[str, Any]) -> timedelta | None:
        ka = body.get("keep_alive")
        if ka is None:
            return timedelta(minutes=5)
        if isinstance(ka, int | float):
            return timedelta(seconds=ka) if ka >= 0 else timedelta(days=3650)
        m = re.fullmatch(r"(-?\d+)([smh])", str(ka))
        if not m:
            return timedelta(minutes=5)
        n = int(m.group(1))
        if n < 0:
            return timedelta(days=3650)
        return timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours"}[m.group(2)]: n})

    def _load(self, model: FakeModel, body: dict[str, Any]) -> tuple[int, bool]:
        """Load (or refresh) the model in `running`; return (load ns, unloaded)."""
        fake = self.server_fake
        ka = self._keep_alive(body)
        ctx = int((body.get("options") or {}).get("num_ctx") or 4096)
        start = time.monotonic_ns()
        with fake.lock:
            was_loaded = model.name.lower() in fake.state.running
            if ka is not None and ka.total_seconds() == 0:
                fake.state.running.pop(model.name.lower(), None)
                return 0, True
            fake.state.running[model.name.lower()] = (model, datetime.now(UTC) + ka, ctx)
        if not was_loaded:
            self._sleep(0.001)
        return max(1, time.monotonic_ns() - start), False

    def _chat(self, body: dict[str, Any]) -> None:
        self._answer(body, chat=True)

    def _generate(self, body: dict[str, Any]) -> None:
        self._answer(body, chat=False)

    def _answer(self, body: dict[str, Any], *, chat: bool) -> None:
        fake = self.server_fake
        started = time.monotonic_ns()
        name, model = self._find(body)
        if not name:
            return self._error(400, "model is required")
        if _normalise_name(name) is None:
            return self._error(400, "invalid model name")
        if model is None:
            return self._not_found(name)
        problem = self._check_options(body)
        if problem:
            return self._error(500, problem)
        think = body.get("think")
        thinks = "thinking" in model.capabilities
        if think not in (None, False) and not thinks:
            return self._error(400, f'"{name}" does not support thinking')
        messages = body.get("messages") if chat else None
        prompt = body.get("prompt") if not chat else None
        load_ns, unloaded = self._load(model, body)
        base = {"model": name, "created_at": _now_rfc3339()}
        empty = (chat and not messages) or (not chat and not prompt)
        if empty:
            reply: dict[str, Any] = {**base}
            if chat:
                reply["message"] = {"role": "assistant", "content": ""}
            else:
                reply["response"] = ""
            reply["done"] = True
            reply["done_reason"] = "unload" if unloaded else "load"
            return self._json(200, reply)
        text_in = json.dumps(messages) if chat else str(prompt)
        prompt_count = max(1, len(text_in.split()))
        options = body.get("options") or {}
        limit = int(options.get("num_predict", -1))
        thinking_tokens = _TOKEN.findall(model.thinking) if thinks and think is not False else []
        tokens = _TOKEN.findall(model.answer)
        reason = "stop"
        if 0 <= limit < len(thinking_tokens) + len(tokens):
            reason = "length"
            keep = max(0, limit - len(thinking_tokens))
            thinking_tokens = thinking_tokens[:limit]
            tokens = tokens[:keep]
        prompt_ns = 1_000_000 * prompt_count
        rate = fake.reported_rate(model.name, options)
        if rate:
            prompt_ns = int(prompt_count / (rate * 10) * 1e9)

        def piece(content: str, thinking: str) -> dict[str, Any]:
            out: dict[str, Any] = {**base, "created_at": _now_rfc3339()}
            if chat:
                msg: dict[str, Any] = {"role": "assistant", "content": content}
                if thinking:
                    msg["thinking"] = thinking
                out["message"] = msg
            else:
                out["response"] = content
                if thinking:
                    out["thinking"] = thinking
            out["done"] = False
            return out

        def final(eval_ns: int) -> dict[str, Any]:
            out = piece("", "")
            out["done"] = True
            out["done_reason"] = reason
            if not chat:
                out["context"] = list(range(prompt_count + len(tokens)))
            out["total_duration"] = time.monotonic_ns() - started
            out["load_duration"] = load_ns
            out["prompt_eval_count"] = prompt_count
            out["prompt_eval_duration"] = prompt_ns
            count = len(tokens) + len(thinking_tokens)
            if count:
                out["eval_count"] = count
                out["eval_duration"] = int(count / rate * 1e9) if rate else max(eval_ns, 1)
            if self.fault is not None and self.fault.final_extra:
                out.update(self.fault.final_extra)
            return out

        if body.get("stream") is False:
            t0 = time.monotonic_ns()
            reply = piece("".join(tokens), "".join(thinking_tokens))
            reply.update(
                {
                    k: v
                    for k, v in final(time.monotonic_ns() - t0).items()
                    if k not in ("message", "response", "created_at", "model")
                }
            )
            return self._json(200, reply)

        def lines() -> Any:
            t0 = time.monotonic_ns()
            for tok in thinking_tokens:
                if fake.token_delay:
                    self._sleep(fake.token_delay)
                yield piece("", tok)
            for tok in tokens:
                if fake.token_delay:
                    self._sleep(fake.token_delay)
                yield piece(tok, "")
            yield final(time.monotonic_ns() - t0)

        self._stream(lines())
