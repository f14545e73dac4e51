"""The benchmark's Docker side: the running Ollama container to compare with native, and
its own figures (CPU time and memory from its cgroup, or `docker stats`), never the whole
machine's. Blocking: worker threads and the command line."""

from __future__ import annotations

from pathlib import Path

from desktop.core.bench.protocol import REPEATS
from desktop.core.setup.docker import DockerContainer
from desktop.services.api_client import OllamaApi
from desktop.services.bench.procedure import BenchSetup
from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.server.docker_cli import DockerCli
from desktop.services.server.docker_meter import ContainerMeter

NO_POWERCAP = Path("/nonexistent-powercap")  # RAPL is the whole package's, not the container's


def compared_container(
    containers: list[DockerContainer], native_url: str
) -> DockerContainer | None:
    """The first running Ollama container with a published address that is not the server
    already called native (then there is no second server to compare with)."""
    for c in containers:
        url = c.url
        if c.running and url and url.rstrip("/") != native_url.rstrip("/"):
            return c
    return None


def docker_setups(
    exe: str | None,
    native_url: str,
    fingerprint: str,
    watts: float,
    repeats: int = REPEATS,
    timeout: float = 10.0,
) -> list[BenchSetup]:
    """[the Docker setup] when an Ollama container runs, else []."""
    cli = DockerCli(exe, timeout=timeout)
    container = compared_container(cli.state().containers, native_url)
    if container is None or not container.url:
        return []
    meter = ContainerMeter(cli, container)
    energy = EnergyMeter(meter.cpu_seconds, NO_POWERCAP) if meter.cpu_seconds() else None
    return [
        BenchSetup(
            OllamaApi(container.url, timeout=timeout),
            "docker",
            fingerprint,
            energy,
            watts,
            repeats,
            memory=meter.memory,
        )
    ]
