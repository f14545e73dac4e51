"""Blocking detection, no Qt: servers that answer, native installs with versions, the
app's own installs, Docker. Used by the Server tab (in a worker) and `ollama-desk doctor`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostError, parse_ollama_host
from desktop.core.setup import installs
from desktop.services.api_client import OllamaApi
from desktop.services.server.docker_cli import DockerCli, DockerState
from desktop.services.server.installer import binary_version


@dataclass(frozen=True)
class ServerProbe:
    url: str
    display: str
    version: str | None
    error: str = ""
    source: str = "configured"  # configured | profile | docker | managed
    loopback: bool = True

    @property
    def answering(self) -> bool:
        return self.version is not None


@dataclass(frozen=True)
class NativeInstall:
    path: str
    version: str | None
    app_made: bool = False
    cpu_only: bool = False


@dataclass
class DetectionReport:
    servers: list[ServerProbe] = field(default_factory=list)
    installs: list[NativeInstall] = field(default_factory=list)
    docker: DockerState = field(default_factory=DockerState)

    def first_answering(self) -> ServerProbe | None:
        return next((s for s in self.servers if s.answering), None)


def probe_server(url: str, source: str = "configured", timeout: float = 2.0) -> ServerProbe:
    try:
        host = parse_ollama_host(url)
    except HostError as e:  # a saved address the app cannot use: shown, never fatal
        return ServerProbe(url, repr(url), None, f"bad_address ({e.kind.value})", source, False)
    api = OllamaApi(host.base_url, timeout=timeout)
    try:
        return ServerProbe(
            host.base_url, host.display, api.version(), source=source, loopback=host.is_loopback
        )
    except OllamaError as e:
        return ServerProbe(
            host.base_url, host.display, None, e.kind.value, source, host.is_loopback
        )
    finally:
        api.close()


def any_install_known(data_dir: Path, saved_binary: str = "") -> bool:
    """Cheap (no program is run): an app-made install, the saved choice, or an `ollama` on
    PATH or in a standard place. Blocking file look-ups: call from a worker."""
    if installs.list_installs(data_dir) or (saved_binary and Path(saved_binary).is_file()):
        return True
    return bool(find_ollama_binaries())


def find_installs(data_dir: Path) -> list[NativeInstall]:
    out: list[NativeInstall] = []
    seen: set[Path] = set()
    for rec in installs.list_installs(data_dir):
        p = rec.binary_path.resolve()
        seen.add(p)
        out.append(NativeInstall(str(p), rec.version, app_made=True, cpu_only=rec.cpu_only))
    for p in find_ollama_binaries():
        if p not in seen:
            seen.add(p)
            out.append(NativeInstall(str(p), binary_version(p)))
    return out


def detect(
    urls: list[tuple[str, str]],
    data_dir: Path,
    *,
    docker: DockerCli | None = None,
    timeout: float = 2.0,
) -> DetectionReport:
    """``urls``: (url, source) pairs — the configured host first, then saved profiles."""
    report = DetectionReport()
    seen: set[str] = set()
    for url, source in urls:
        probe = probe_server(url, source, timeout)
        if probe.url not in seen:
            seen.add(probe.url)
            report.servers.append(probe)
    report.installs = find_installs(data_dir)
    report.docker = (docker or DockerCli()).state()
    for c in report.docker.containers:
        if c.running and c.url:
            probe = probe_server(c.url, "docker", timeout)
            if probe.url in seen:
                continue
            seen.add(probe.url)
            report.servers.append(probe)
    return report
