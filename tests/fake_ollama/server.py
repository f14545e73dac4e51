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
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import ThreadingHTTPServer
from typing import Any

from .chat_endpoints import _AnswerEndpoints
from .context import DEFAULT_CONTEXT
from .embed_endpoint import _EmbedEndpoint
from .faults import Fault, _DroppedError
from .model_endpoints import _ModelEndpoints
from .models import FakeModel, default_registry, gemma3_270m

__all__ = ["FakeOllama", "FakeState", "Fault"]  # Fault: tests import it from here


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
        tls: ssl.SSLContext | None = None,
    ) -> None:
        """``tls``: a server context; the fake then speaks https (``url`` says so)."""
        self.tls = tls
        self.version = version
        self.token_delay = token_delay
        # the server's window without a num_ctx in the request (OLLAMA_CONTEXT_LENGTH, else
        # Ollama 0.33's default on a computer without a large GPU)
        self.context_length = DEFAULT_CONTEXT
        self.pull_step_bytes = pull_step_bytes
        self.pull_step_delay = pull_step_delay
        self.offline = False  # pulls fail as with no route to the registry
        # pulls from another registry that serves blobs itself (a stock docker-registry)
        # fail with Go's "no Location header" as the real server's do (ollama#7244); off by
        # default: the tests that pull from Debian's docker-registry would all fail
        self.blob_redirects_required = False
        self.upstream = ""  # a registry URL that plays registry.ollama.ai (registry_pull.py)
        self.blob_data: dict[str, bytearray] = {}  # bytes pulled from upstream, by digest
        # per-model generation speed (set_speed): the durations an answer reports
        self.speeds: dict[str, tuple[float, dict[int, float]]] = {}
        self.state = FakeState(registry=registry if registry is not None else default_registry())
        for m in installed if installed is not None else [gemma3_270m()]:
            self._install(m)
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.prompts: list[tuple[str, str]] = []  # (model, the chat as its template formats it)
        self.lock = threading.RLock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, port: int = 0, host: str = "127.0.0.1") -> FakeOllama:
        """Listen on ``host:port`` (0.0.0.0 only inside a container: tests/docker_engine)."""
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._stopping.clear()
        self._httpd = _QuietServer((host, port), Handler)
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
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

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


class _Handler(_ModelEndpoints, _AnswerEndpoints, _EmbedEndpoint):
    # The endpoints live in their mixins (model_endpoints.py, chat_endpoints.py) over
    # the shared plumbing (wire.py); this class holds the socket settings and the routing.
    # benchmarks/pacer.py replaces _Handler._sleep to pace tokens on a schedule.
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
        if self.server_fake.tls is not None:
            self.request = self.server_fake.tls.wrap_socket(self.request, server_side=True)
        super().setup()
        with self.server_fake.lock:
            self.server_fake._connections.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        if self.server_fake.tls is not None:  # the wrapped socket is ours to close
            with contextlib.suppress(OSError):
                self.connection.close()
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
        self.held = b""
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
            ("POST", "/api/embed"): self._embed,
        }
        handler = routes.get((method, path))
        if handler is not None:
            return handler(body)
        if path.startswith("/api/blobs/") and method in ("HEAD", "POST"):
            return self._blob(method, path[len("/api/blobs/") :], raw)
        return self._text(404, "404 page not found")
