"""The Docker page's model (no widgets): the engine's state, the compose options the user
chose, and start / stop / remove, each followed by a fresh look at the containers so what
the page shows is what the engine has.

Start picks a free port for the container (never the app's own server's port), writes the
compose file, runs `up`, and cleans up a failed `up` (the CLI does the `down`)."""

from __future__ import annotations

import platform
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import psutil
from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.setup.docker import (
    DEFAULT_PORT,
    LATEST,
    ComposeOptions,
    DockerContainer,
    compose_yaml,
)
from desktop.core.setup.docker_text import (
    DockerProblem,
    InstallWay,
    install_way,
    pick_port,
    version_choices,
)
from desktop.services.api_client import OllamaApi
from desktop.services.server.docker_cli import DockerCli, DockerError, DockerState
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task

CONTAINER_PORT = DEFAULT_PORT + 1  # the container's first choice: beside the native 11434


@dataclass(frozen=True)
class DockerOutcome:
    """What one action did: ``error`` None when it worked; ``state`` is the engine's
    state looked at right after it (also after a failure)."""

    action: str  # "state", "write", "up", "stop", "down"
    state: DockerState
    error: DockerError | None = None
    port: int = 0  # up: the host port the container is published on
    wanted_port: int = 0  # up: the port asked for (another when it was taken)
    answering: bool = False  # up: Ollama in the container answered its version


def wait_answering(url: str, seconds: float) -> bool:
    """Ollama at ``url`` answers /api/version within ``seconds`` (it starts in a second or
    two after `up`)."""
    deadline = time.monotonic() + seconds
    api = OllamaApi(url, timeout=2.0)
    try:
        while True:
            try:
                api.version()
                return True
            except OllamaError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.25)
    finally:
        api.close()


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Nothing listens on ``host:port`` (a bind test; docker-proxy's ports count as used)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def start_container(
    cli: DockerCli,
    options: ComposeOptions,
    compose_file: Path,
    avoid: set[int],
    is_free: Callable[[int], bool] = port_is_free,
    answer_wait: float = 30.0,
) -> DockerOutcome:
    """Choose the port, write the compose file, `up`; then look at the engine again."""
    wanted = options.port
    port = wanted
    try:
        if cli.compose_tool() is None:
            raise DockerError("no docker compose", DockerProblem.NO_COMPOSE)
        own = _own(cli.state().containers, options.container_name)
        if not (own is not None and own.running and wanted in own.host_ports):
            found = pick_port(wanted, lambda p: p not in avoid and is_free(p))
            if found is None:
                raise DockerError(f"no free port from {wanted}", DockerProblem.PORT_IN_USE)
            port = found
        text = compose_yaml(replace(options, port=port))
        compose_file.parent.mkdir(parents=True, exist_ok=True)
        compose_file.write_text(text, encoding="utf-8")
        cli.up(compose_file, project=options.container_name)
        error = None
    except DockerError as e:
        error = e
    except OSError as e:  # the compose file could not be written
        error = DockerError(str(e), DockerProblem.OTHER)
    answering = error is None and wait_answering(f"http://127.0.0.1:{port}", answer_wait)
    return DockerOutcome("up", cli.state(), error, port, wanted, answering)


def _own(containers: list[DockerContainer], name: str) -> DockerContainer | None:
    return next((c for c in containers if c.name == name), None)


def _act(cli: DockerCli, action: str, compose_file: Path, project: str) -> DockerOutcome:
    error = None
    try:
        if action == "stop":
            cli.stop(compose_file, project)
        elif action == "down":
            cli.down(compose_file, project)
    except DockerError as e:
        error = e
    return DockerOutcome(action, cli.state(), error)


class DockerModel(QObject):
    """stateChanged after every look at the engine; done(outcome) after each action."""

    stateChanged = Signal(DockerState)
    done = Signal(DockerOutcome)
    failed = Signal(OllamaError)  # only for what the CLI wrapper did not expect
    busyChanged = Signal(bool)

    def __init__(
        self,
        jobs: SetupService,
        settings: SettingsStore,
        compose_file: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.settings = settings
        self.compose_file = compose_file
        self.state: DockerState | None = None
        self.known_versions: list[str] = []  # Ollama versions found or released
        self.container_name = "ollama-desk"  # the compose file's (tests use their own)
        self.answer_wait = 30.0  # seconds Start waits for Ollama in the container to answer
        self._task: Task | None = None

    # -- what the page reads -------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    def version_choices(self) -> list[str]:
        tags = self.state.image_tags if self.state is not None else []
        return version_choices(tags, self.known_versions)

    def version(self) -> str:
        """The tag to pin: the user's choice, else the newest one known, else "latest"."""
        return self.settings.text("server_docker_version") or self.version_choices()[0]

    def default_memory_gb(self) -> float:
        return round(psutil.virtual_memory().total * 0.75 / 2**30, 1)

    def default_cpus(self) -> float:
        return float(psutil.cpu_count(logical=False) or psutil.cpu_count() or 1)

    def options(self) -> ComposeOptions:
        return ComposeOptions(
            version=self.version(),
            port=self.settings.integer("server_docker_port") or self._automatic_port(),
            memory_gb=self.settings.number("server_docker_memory_gb") or self.default_memory_gb(),
            cpus=self.settings.number("server_docker_cpus") or self.default_cpus(),
            context_length=self.settings.integer("server_context_length") or 4096,
            kv_cache_type=self.settings.text("server_kv_cache_type"),
            keep_alive=self.settings.text("server_keep_alive"),
            cloud=self.settings.flag("server_docker_cloud"),
            container_name=self.container_name,
        )

    def _automatic_port(self) -> int:
        """The port the app's container was given, else the first choice."""
        own = self.own()
        return own.host_ports[0] if own is not None and own.host_ports else CONTAINER_PORT

    def compose_text(self) -> str:
        """The compose file as it would be written now (ValueError: options unusable)."""
        return compose_yaml(self.options())

    def container(self) -> DockerContainer | None:
        """The app's container, else the first Ollama container the engine has."""
        if self.state is None or not self.state.containers:
            return None
        return self.own() or self.state.containers[0]

    def own(self) -> DockerContainer | None:
        """The container the app's compose file makes (by its name), if the engine has it."""
        if self.state is None:
            return None
        return _own(self.state.containers, self.container_name)

    def can_start(self) -> bool:
        st = self.state
        return bool(st and st.engine_running and st.compose is not None and not self.busy)

    # -- actions -------------------------------------------------------------------------
    def set_known_versions(self, versions: list[str]) -> None:
        self.known_versions = [v for v in versions if v and v != LATEST]

    def refresh(self) -> None:
        self._call("state", lambda d: DockerOutcome("state", d.state()))

    def write(self) -> str:
        """Write the compose file as shown (raises ValueError or OSError)."""
        text = self.compose_text()
        self.compose_file.parent.mkdir(parents=True, exist_ok=True)
        self.compose_file.write_text(text, encoding="utf-8")
        return text

    def start(self) -> None:
        try:
            options = self.options()
            compose_yaml(options)
        except ValueError as e:
            self.failed.emit(OllamaError(ErrorKind.BAD_REQUEST, str(e)))
            return
        avoid = {self.settings.integer("server_port")}
        path, wait = self.compose_file, self.answer_wait
        self._call("up", lambda d: start_container(d, options, path, avoid, answer_wait=wait))

    def stop(self) -> None:
        path, project = self.compose_file, self.container_name
        self._call("stop", lambda d: _act(d, "stop", path, project))

    def remove(self) -> None:
        path, project = self.compose_file, self.container_name
        self._call("down", lambda d: _act(d, "down", path, project))

    def _call(self, name: str, op: Callable[[DockerCli], DockerOutcome]) -> None:
        if self.busy:
            return
        self._task = self.jobs.docker_call(name, op, self._done, self._failed)
        self.busyChanged.emit(True)

    def _done(self, outcome: DockerOutcome) -> None:
        self._task = None
        self.state = outcome.state
        self.busyChanged.emit(False)
        self.stateChanged.emit(outcome.state)
        self.done.emit(outcome)

    def _failed(self, error: OllamaError) -> None:
        self._task = None
        self.busyChanged.emit(False)
        self.failed.emit(error)


def this_install_way() -> InstallWay:
    """How Docker's parts are installed here (reads /etc/os-release on Linux)."""
    try:
        release = platform.freedesktop_os_release()
    except OSError:
        release = {}
    return install_way(platform.system(), release)
