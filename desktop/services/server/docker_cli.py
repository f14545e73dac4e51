"""The docker command line, blocking (worker threads and the doctor only). Never through a
shell; every call has a timeout. Real Docker is optional: absent CLI or engine is a state,
not an error."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.setup.docker import (
    DockerContainer,
    DockerInfo,
    is_ollama_image,
    parse_info,
    parse_inspect,
)


@dataclass
class DockerState:
    cli: str | None = None  # path of the docker executable
    engine_running: bool = False
    engine_error: str = ""
    info: DockerInfo | None = None
    containers: list[DockerContainer] = field(default_factory=list)


class DockerError(Exception):
    pass


class DockerCli:
    def __init__(self, executable: str | None = None, timeout: float = 20.0) -> None:
        self.executable = executable or shutil.which("docker")
        self.timeout = timeout

    def _run(self, *args: str, timeout: float | None = None) -> str:
        if not self.executable:
            raise DockerError("docker is not installed")
        try:
            out = subprocess.run(
                [self.executable, *args],
                capture_output=True,
                text=True,
                timeout=timeout or self.timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError) as e:
            raise DockerError(str(e)) from None
        if out.returncode != 0:
            raise DockerError((out.stderr or out.stdout).strip() or f"exit {out.returncode}")
        return out.stdout

    def state(self) -> DockerState:
        st = DockerState(cli=self.executable)
        if not self.executable:
            return st
        try:
            st.info = parse_info(self._run("info", "--format", "{{json .}}"))
            st.engine_running = not st.info.errors and bool(st.info.server_version)
            if st.info.errors:
                st.engine_error = "; ".join(st.info.errors)
        except (DockerError, ValueError) as e:
            st.engine_error = str(e)
            return st
        if st.engine_running:
            try:
                st.containers = self.ollama_containers()
            except (DockerError, ValueError) as e:
                st.engine_error = str(e)
        return st

    def ollama_containers(self) -> list[DockerContainer]:
        rows = self._run("ps", "-a", "--no-trunc", "--format", "{{json .}}")
        ids: list[str] = []
        for line in rows.splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and is_ollama_image(str(row.get("Image", ""))):
                ids.append(str(row.get("ID")))
        if not ids:
            return []
        return parse_inspect(self._run("inspect", *ids))

    def compose(self, compose_file: Path, *args: str) -> str:
        return self._run("compose", "-f", str(compose_file), *args, timeout=600)

    def up(self, compose_file: Path) -> str:
        return self.compose(compose_file, "up", "-d")

    def stop(self, compose_file: Path) -> str:
        return self.compose(compose_file, "stop")

    def down(self, compose_file: Path) -> str:
        """Remove the container; the models volume is kept."""
        return self.compose(compose_file, "down")
