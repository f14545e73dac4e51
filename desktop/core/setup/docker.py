"""Docker, as text: a compose file for CPU use (reference §4) and what the docker CLI says.

The compose file pins an image version, publishes on 127.0.0.1 only (the image listens on
0.0.0.0 inside), and sets only what has a real effect on CPU: memory limit, cpus (with a
matching num_thread hint), context length, KV cache type, parallel 1. memlock and shm_size
are left out on purpose: current Ollama uses neither.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from desktop.core.setup.platforms import normalize_version

IMAGE = "ollama/ollama"
_SAFE_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class ComposeOptions:
    version: str
    port: int = 11434
    memory_gb: float = 4.0
    cpus: float = 2.0
    context_length: int = 4096
    kv_cache_type: str = "q8_0"
    keep_alive: str = "5m"
    container_name: str = "ollama-desk"
    volume: str = "ollama"
    expose_lan: bool = False  # only by explicit user choice


def num_thread_for(cpus: float) -> int:
    return max(1, int(cpus))


def _q(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def compose_yaml(o: ComposeOptions) -> str:
    version = normalize_version(o.version)
    if not re.match(r"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version):
        raise ValueError(f"pin an image version like 0.12.3, not {o.version!r}")
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
    if o.kv_cache_type in ("q8_0", "q4_0"):
        env["OLLAMA_FLASH_ATTENTION"] = "1"
        env["OLLAMA_KV_CACHE_TYPE"] = o.kv_cache_type
    lines = [
        "# Written by Ollama Desk. Ollama inside Docker, CPU only.",
        f"# Requests should set options.num_thread = {num_thread_for(o.cpus)} to match cpus.",
        "services:",
        "  ollama:",
        f"    image: {_q(f'{IMAGE}:{version}')}",
        f"    container_name: {_q(o.container_name)}",
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
    image: str
    running: bool
    status: str
    ports: tuple[PublishedPort, ...] = ()
    volumes: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return self.image.rpartition(":")[2] if ":" in self.image.rpartition("/")[2] else "latest"

    @property
    def exposed_on_all_interfaces(self) -> bool:
        return any(p.all_interfaces for p in self.ports)

    @property
    def url(self) -> str | None:
        for p in self.ports:
            if p.container_port == 11434:
                host = "127.0.0.1" if p.all_interfaces else p.host_ip
                return f"http://{host}:{p.host_port}"
        return None


def is_ollama_image(image: str) -> bool:
    name = image.split("@")[0]
    repo = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    return repo in (IMAGE, f"docker.io/{IMAGE}", f"index.docker.io/{IMAGE}")


def parse_inspect(text: str) -> list[DockerContainer]:
    """`docker inspect <ids...>` JSON array -> containers."""
    data = json.loads(text)
    out: list[DockerContainer] = []
    for c in data if isinstance(data, list) else []:
        if not isinstance(c, dict):
            continue
        state: dict[str, Any] = c.get("State") or {}
        config: dict[str, Any] = c.get("Config") or {}
        ports: list[PublishedPort] = []
        bindings = (c.get("HostConfig") or {}).get("PortBindings") or {}
        net_ports = (c.get("NetworkSettings") or {}).get("Ports") or {}
        for source in (net_ports, bindings):
            for key, binds in source.items():
                cport = int(str(key).split("/")[0])
                for b in binds or []:
                    hp = str(b.get("HostPort") or "0")
                    port = PublishedPort(
                        str(b.get("HostIp") or ""), int(hp) if hp.isdigit() else 0, cport
                    )
                    if port not in ports:
                        ports.append(port)
            if ports:
                break
        volumes = tuple(
            f"{m.get('Name') or m.get('Source')}:{m.get('Destination')}"
            for m in c.get("Mounts") or []
            if isinstance(m, dict)
        )
        out.append(
            DockerContainer(
                name=str(c.get("Name") or "").lstrip("/"),
                image=str(config.get("Image") or ""),
                running=bool(state.get("Running")),
                status=str(state.get("Status") or ""),
                ports=tuple(ports),
                volumes=volumes,
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
