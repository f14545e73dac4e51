"""Docker, as text: a compose file for CPU use (reference §4) and what the docker CLI says.

The compose file pins an image tag, publishes on 127.0.0.1 only (the image listens on
0.0.0.0 inside), labels the container as the app's, and sets only what has a real effect on
CPU: memory limit, cpus (with a matching num_thread hint), context length, KV cache type,
parallel 1. memlock and shm_size are left out on purpose: current Ollama uses neither.
Parsing of the CLI's other answers (compose versions, errors, image tags) is in
docker_text.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from desktop.core.setup.platforms import normalize_version

IMAGE = "ollama/ollama"
IMAGE_REPOS = (IMAGE, f"docker.io/{IMAGE}", f"index.docker.io/{IMAGE}")
LABEL = "io.github.ollama-desk.server"  # written on the app's containers, value "ollama"
LATEST = "latest"
DEFAULT_PORT = 11434
_SAFE_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")  # Docker's own rule for a tag


@dataclass(frozen=True)
class ComposeOptions:
    version: str  # an image tag: "0.12.3", "latest", or any tag the engine has
    port: int = DEFAULT_PORT
    memory_gb: float = 4.0
    cpus: float = 2.0
    context_length: int = 4096
    kv_cache_type: str = "q8_0"
    keep_alive: str = "5m"
    container_name: str = "ollama-desk"
    volume: str = "ollama"
    expose_lan: bool = False  # only by explicit user choice
    cloud: bool = False  # Ollama's cloud models and sign-in; off unless the user wants them


def num_thread_for(cpus: float) -> int:
    return max(1, int(cpus))


def image_tag(version: str) -> str:
    """The image tag for ``version``: 'v0.12.3' -> '0.12.3', 'latest', or a tag as Docker
    allows it; ValueError otherwise (and for an empty one)."""
    tag = normalize_version(version)
    if not _TAG.match(tag):
        raise ValueError(f"choose an image version like 0.12.3 or latest, not {version!r}")
    return tag


def _q(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def compose_yaml(o: ComposeOptions) -> str:
    tag = image_tag(o.version)
    if not _SAFE_NAME.match(o.container_name) or not _SAFE_NAME.match(o.volume):
        raise ValueError("container and volume names: letters, digits, _ . -")
    if not 1 <= o.port <= 65535:
        raise ValueError("port out of range")
    bind = "0.0.0.0" if o.expose_lan else "127.0.0.1"
    env = {
        "OLLAMA_CONTEXT_LENGTH": str(o.context_length),
        "OLLAMA_NUM_PARALLEL": "1",
        "OLLAMA_MAX_LOADED_MODELS": "1",
        "OLLAMA_KEEP_ALIVE": o.keep_alive,
        "OLLAMA_NOPRUNE": "1",
    }
    if not o.cloud:
        env["OLLAMA_NO_CLOUD"] = "1"
    if o.kv_cache_type in ("q8_0", "q4_0"):
        env["OLLAMA_FLASH_ATTENTION"] = "1"
        env["OLLAMA_KV_CACHE_TYPE"] = o.kv_cache_type
    lines = [
        "# Written by Ollama Desk. Ollama inside Docker, CPU only.",
        f"# Requests should set options.num_thread = {num_thread_for(o.cpus)} to match cpus.",
        "services:",
        "  ollama:",
        f"    image: {_q(f'{IMAGE}:{tag}')}",
        f"    container_name: {_q(o.container_name)}",
        "    labels:",
        f"      {LABEL}: {_q('ollama')}",  # a plain key: letters, dots, a dash
        "    ports:",
        f"      - {_q(f'{bind}:{o.port}:11434')}",
        "    volumes:",
        f"      - {_q(f'{o.volume}:/root/.ollama')}",
        "    environment:",
    ]
    lines += [f"      {k}: {_q(v)}" for k, v in env.items()]
    lines += [
        f"    mem_limit: {_q(f'{max(0.5, o.memory_gb):g}g')}",
        f"    cpus: {max(0.5, o.cpus):g}",
        f"    restart: {_q('unless-stopped')}",
        "volumes:",
        f"  {o.volume}: {{}}",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PublishedPort:
    host_ip: str
    host_port: int
    container_port: int

    @property
    def all_interfaces(self) -> bool:
        return self.host_ip in ("", "0.0.0.0", "::")


@dataclass(frozen=True)
class DockerContainer:
    name: str
    image: str  # the reference it was created from (Config.Image), kept when a tag moves
    running: bool
    status: str
    ports: tuple[PublishedPort, ...] = ()
    volumes: tuple[str, ...] = ()
    id: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    pid: int = 0  # the main process, as the engine sees it (0: not running)

    @property
    def tag(self) -> str:
        name = self.image.split("@")[0]
        return name.rpartition(":")[2] if ":" in name.rpartition("/")[2] else LATEST

    @property
    def managed(self) -> bool:
        """Started from a compose file the app wrote (it carries the app's label)."""
        return dict(self.labels).get(LABEL) == "ollama"

    @property
    def is_ollama(self) -> bool:
        return self.managed or is_ollama_image(self.image)

    @property
    def exposed_on_all_interfaces(self) -> bool:
        return any(p.all_interfaces for p in self.ports)

    @property
    def host_ports(self) -> tuple[int, ...]:
        return tuple(p.host_port for p in self.ports if p.host_port)

    @property
    def url(self) -> str | None:
        for p in self.ports:
            if p.container_port == 11434 and p.host_port:
                host = "127.0.0.1" if p.all_interfaces else p.host_ip
                if ":" in host:
                    host = f"[{host}]"
                return f"http://{host}:{p.host_port}"
        return None


def is_ollama_image(image: str) -> bool:
    """True for the ollama/ollama repository at any tag or digest (not for an image ID)."""
    name = image.split("@")[0]
    repo = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    return repo in IMAGE_REPOS


def _ports(c: dict[str, Any]) -> tuple[PublishedPort, ...]:
    ports: list[PublishedPort] = []
    bindings = (c.get("HostConfig") or {}).get("PortBindings") or {}
    net_ports = (c.get("NetworkSettings") or {}).get("Ports") or {}
    for source in (net_ports, bindings):
        for key, binds in source.items() if isinstance(source, dict) else ():
            head = str(key).split("/")[0]
            if not head.isdigit():
                continue
            for b in binds or []:
                if not isinstance(b, dict):
                    continue
                hp = str(b.get("HostPort") or "0")
                port = PublishedPort(
                    str(b.get("HostIp") or ""), int(hp) if hp.isdigit() else 0, int(head)
                )
                if port not in ports:
                    ports.append(port)
        if ports:
            break
    return tuple(ports)


def parse_inspect(text: str) -> list[DockerContainer]:
    """`docker inspect <ids...>` JSON array -> containers."""
    data = json.loads(text)
    out: list[DockerContainer] = []
    for c in data if isinstance(data, list) else []:
        if not isinstance(c, dict):
            continue
        state: dict[str, Any] = c.get("State") or {}
        config: dict[str, Any] = c.get("Config") or {}
        labels = config.get("Labels") or {}
        volumes = tuple(
            f"{m.get('Name') or m.get('Source')}:{m.get('Destination')}"
            for m in c.get("Mounts") or []
            if isinstance(m, dict)
        )
        pid = state.get("Pid")
        out.append(
            DockerContainer(
                name=str(c.get("Name") or "").lstrip("/"),
                image=str(config.get("Image") or ""),
                running=bool(state.get("Running")),
                status=str(state.get("Status") or ""),
                ports=_ports(c),
                volumes=volumes,
                id=str(c.get("Id") or ""),
                labels=tuple(
                    sorted((str(k), str(v)) for k, v in labels.items())
                    if isinstance(labels, dict)
                    else ()
                ),
                pid=pid if isinstance(pid, int) and pid > 0 else 0,
            )
        )
    return out


@dataclass(frozen=True)
class DockerInfo:
    ncpu: int = 0
    mem_total: int = 0
    server_version: str = ""
    os: str = ""
    errors: tuple[str, ...] = field(default_factory=tuple)


def parse_info(text: str) -> DockerInfo:
    """`docker info --format '{{json .}}'` -> the engine's CPUs and memory."""
    d = json.loads(text)
    if not isinstance(d, dict):
        raise ValueError("docker info: not an object")
    errs = tuple(str(e) for e in d.get("ServerErrors") or [])
    return DockerInfo(
        int(d.get("NCPU") or 0),
        int(d.get("MemTotal") or 0),
        str(d.get("ServerVersion") or ""),
        str(d.get("OperatingSystem") or ""),
        errs,
    )


def allotment_warning(info: DockerInfo, host_cpus: int, host_ram: int) -> bool:
    """True when Docker's VM/cgroup gets much less than the machine has (Docker Desktop)."""
    return bool(
        (info.ncpu and host_cpus and info.ncpu < host_cpus / 2)
        or (info.mem_total and host_ram and info.mem_total < host_ram * 0.5)
    )
