"""The docker command line, blocking (worker threads and the doctor only). Never through a
shell; every call has a timeout. Real Docker is optional: absent CLI, engine or Compose is
a state with its reason, not an error.

Compose is `docker compose` (v2) where the CLI has it, else the standalone
`docker-compose` (v1 1.x, or a standalone 2.x); which one is found before anything runs.
Containers are Ollama's by the app's label or by the image's repository (`Config.Image`
keeps the name it was created from; `docker ps` shows an image ID once the tag moved)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.setup.docker import (
    DockerContainer,
    DockerInfo,
    parse_info,
    parse_inspect,
)
from desktop.core.setup.docker_text import (
    ComposeKind,
    ComposeTool,
    DockerProblem,
    classify,
    compose_version,
    image_tags,
    summary_line,
)


@dataclass
class DockerState:
    cli: str | None = None  # path of the docker executable
    engine_running: bool = False
    engine_error: str = ""  # the CLI's own words (for Details and the doctor)
    problem: DockerProblem | None = None  # why the engine cannot be used
    info: DockerInfo | None = None
    containers: list[DockerContainer] = field(default_factory=list)
    compose: ComposeTool | None = None
    image_tags: list[str] = field(default_factory=list)  # ollama/ollama tags it has


PROJECT = "ollama-desk"  # the Compose project: its volume is "ollama-desk_ollama"


class DockerError(Exception):
    """A docker command that failed: ``problem`` (what kind), ``summary`` (the one line
    that says it) and ``detail`` (everything it printed)."""

    def __init__(self, detail: str, problem: DockerProblem | None = None) -> None:
        self.detail = detail.strip()
        self.problem = problem or classify(self.detail)
        self.summary = summary_line(self.detail)
        super().__init__(self.summary or self.problem.value)


class DockerCli:
    def __init__(
        self,
        executable: str | None = None,
        timeout: float = 20.0,
        compose_executable: str | None = None,
    ) -> None:
        self.executable = executable or shutil.which("docker")
        # the standalone docker-compose: looked up beside the docker found, then on PATH
        self.compose_executable = compose_executable
        self.timeout = timeout
        self._compose: ComposeTool | None = None

    def _exec(self, argv: list[str], timeout: float | None = None) -> str:
        try:
            out = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout or self.timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise DockerError(f"{Path(argv[0]).name} timed out", DockerProblem.TIMEOUT) from None
        except OSError as e:
            raise DockerError(str(e), DockerProblem.NOT_INSTALLED) from None
        if out.returncode != 0:
            # the complaint is on stderr (`docker info` also prints its client half on
            # stdout); stdout only when stderr says nothing (docker-compose 1.x at times)
            raise DockerError(out.stderr.strip() or out.stdout.strip() or f"exit {out.returncode}")
        return out.stdout

    def _run(self, *args: str, timeout: float | None = None) -> str:
        if not self.executable:
            raise DockerError("docker is not installed", DockerProblem.NOT_INSTALLED)
        return self._exec([self.executable, *args], timeout)

    # -- what there is -------------------------------------------------------------------
    def state(self) -> DockerState:
        st = DockerState(cli=self.executable)
        if not self.executable:
            st.problem = DockerProblem.NOT_INSTALLED
            return st
        st.compose = self.compose_tool()
        try:
            st.info = parse_info(self._run("info", "--format", "{{json .}}"))
            st.engine_running = not st.info.errors and bool(st.info.server_version)
            if st.info.errors:
                st.engine_error = "; ".join(st.info.errors)
                st.problem = classify(st.engine_error)
        except DockerError as e:
            st.engine_error, st.problem = e.detail, e.problem
            return st
        except ValueError as e:
            st.engine_error, st.problem = str(e), DockerProblem.OTHER
            return st
        if st.engine_running:
            try:
                st.containers = self.ollama_containers()
                st.image_tags = image_tags(
                    self._run("image", "ls", "--format", "{{json .}}", "ollama/ollama")
                )
            except DockerError as e:
                st.engine_error, st.problem = e.detail, e.problem
            except ValueError as e:
                st.engine_error, st.problem = str(e), DockerProblem.OTHER
        return st

    def compose_tool(self) -> ComposeTool | None:
        """`docker compose` (v2) or `docker-compose` (v1), whichever answers its version
        (a tool found is kept; a missing one is looked for again next time)."""
        if self._compose is not None or not self.executable:
            return self._compose
        try:
            v = compose_version(self._run("compose", "version", timeout=10))
            if v:
                self._compose = ComposeTool(ComposeKind.V2, v, (self.executable, "compose"))
                return self._compose
        except DockerError:
            pass
        beside = Path(self.executable).with_name("docker-compose")
        for exe in (self.compose_executable, str(beside), shutil.which("docker-compose")):
            if not exe or not Path(exe).is_file():
                continue
            try:
                v = compose_version(self._exec([exe, "version"], timeout=20))
            except DockerError:
                continue
            if v:
                self._compose = ComposeTool(ComposeKind.V1, v, (exe,))
                return self._compose
        return None

    def ollama_containers(self) -> list[DockerContainer]:
        ids = self._run("ps", "-a", "-q", "--no-trunc").split()
        if not ids:
            return []
        return [c for c in parse_inspect(self._run("inspect", *ids)) if c.is_ollama]

    # -- actions -------------------------------------------------------------------------
    def compose(self, compose_file: Path, *args: str, project: str = PROJECT) -> str:
        """Run Compose on ``compose_file`` as project ``project`` (named, not taken from
        the folder's name, so another project in a folder of that name is never touched)."""
        tool = self.compose_tool()
        if tool is None:
            raise DockerError("no docker compose and no docker-compose", DockerProblem.NO_COMPOSE)
        argv = [*tool.argv, "-p", project, "-f", str(compose_file), *args]
        return self._exec(argv, timeout=600)

    def up(self, compose_file: Path, project: str = PROJECT) -> str:
        """Create and start the container; a failed start is cleaned up (`down`), so no
        half-made container is left behind (the models volume is kept)."""
        try:
            return self.compose(compose_file, "up", "-d", project=project)
        except DockerError as e:
            if e.problem not in (DockerProblem.NO_COMPOSE, DockerProblem.NOT_INSTALLED):
                with contextlib.suppress(DockerError):
                    self.compose(compose_file, "down", project=project)
            raise

    def stop(self, compose_file: Path, project: str = PROJECT) -> str:
        return self.compose(compose_file, "stop", project=project)

    def down(self, compose_file: Path, project: str = PROJECT) -> str:
        """Remove the container; the models volume is kept."""
        return self.compose(compose_file, "down", project=project)

    def stats_memory_text(self, container: str) -> str:
        """`docker stats` of one container, one sample: its memory use as the CLI words it."""
        return self._run(
            "stats", "--no-stream", "--format", "{{.MemUsage}}", container, timeout=15
        ).strip()
