"""What the docker and docker-compose commands print, read into facts: which Compose there
is, what went wrong (as a kind the UI turns into a sentence), the Ollama image tags the
engine has, and a container's memory figure from `docker stats`. No Qt, no processes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from desktop.core.setup.docker import IMAGE_REPOS, LATEST
from desktop.core.setup.platforms import version_key


class ComposeKind(Enum):
    V2 = "v2"  # `docker compose` (the CLI plugin)
    V1 = "v1"  # the standalone `docker-compose` (1.x, Python; also a standalone 2.x)


@dataclass(frozen=True)
class ComposeTool:
    kind: ComposeKind
    version: str
    argv: tuple[str, ...]  # the command that runs it, before "-f FILE ..."


def compose_version(text: str) -> str:
    """The first version number in `docker compose version` / `docker-compose version`
    output ('Docker Compose version v2.29.1' -> '2.29.1'), '' when there is none."""
    for word in text.replace(",", " ").split():
        w = word[1:] if word[:1] in "vV" else word
        parts = w.split("-")[0].split(".")
        if len(parts) >= 2 and all(p.isdigit() for p in parts[:3]):
            return w
    return ""


class DockerProblem(Enum):
    """Why a docker command did not do its job, as far as its words say."""

    NOT_INSTALLED = "not_installed"
    PERMISSION = "permission"  # no access to the engine's socket
    ENGINE_DOWN = "engine_down"
    NO_COMPOSE = "no_compose"
    PORT_IN_USE = "port_in_use"
    IMAGE_MISSING = "image_missing"  # the tag is not on this engine and cannot be pulled
    NAME_IN_USE = "name_in_use"  # a container of that name exists, not made by this file
    TIMEOUT = "timeout"
    OTHER = "other"


# (words in the lower-cased text, problem); the first match wins, most specific first
_SIGNS: tuple[tuple[tuple[str, ...], DockerProblem], ...] = (
    (("permission denied", "docker.sock"), DockerProblem.PERMISSION),
    (("permission denied", "docker daemon"), DockerProblem.PERMISSION),
    (("permissionerror",), DockerProblem.PERMISSION),  # docker-compose 1.x's traceback
    (("cannot connect to the docker daemon",), DockerProblem.ENGINE_DOWN),
    (("is the docker daemon running",), DockerProblem.ENGINE_DOWN),
    (("connection refused", "docker"), DockerProblem.ENGINE_DOWN),
    (("unknown shorthand flag",), DockerProblem.NO_COMPOSE),
    (("'compose' is not a docker command",), DockerProblem.NO_COMPOSE),
    (("unknown command: docker compose",), DockerProblem.NO_COMPOSE),
    (("address already in use",), DockerProblem.PORT_IN_USE),
    (("port is already allocated",), DockerProblem.PORT_IN_USE),
    (("conflict", "already in use by container"), DockerProblem.NAME_IN_USE),
    (("pull access denied",), DockerProblem.IMAGE_MISSING),
    (("manifest unknown",), DockerProblem.IMAGE_MISSING),
    (("manifest for", "not found"), DockerProblem.IMAGE_MISSING),
    (("no such image",), DockerProblem.IMAGE_MISSING),
    (("error pulling image",), DockerProblem.IMAGE_MISSING),
    (("timed out",), DockerProblem.TIMEOUT),
)


def classify(text: str) -> DockerProblem:
    low = text.lower()
    for words, problem in _SIGNS:
        if all(w in low for w in words):
            return problem
    return DockerProblem.OTHER


def summary_line(text: str, limit: int = 300) -> str:
    """The line of a long docker answer that says what went wrong: the last one with a
    known sign of a problem, else the last that mentions an error, else the first (the CLI
    puts its complaint first, then usage pages)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    pick = next(
        (ln for ln in reversed(lines) if classify(ln) is not DockerProblem.OTHER),
        next((ln for ln in reversed(lines) if "error" in ln.lower()), lines[0]),
    )
    return pick if len(pick) <= limit else pick[: limit - 1] + "…"


def image_tags(lines: str) -> list[str]:
    """`docker image ls --format '{{json .}}'` -> the ollama/ollama tags the engine has,
    newest version first ("<none>" and other repositories left out)."""
    tags: set[str] = set()
    for line in lines.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if not isinstance(row, dict) or str(row.get("Repository")) not in IMAGE_REPOS:
            continue
        tag = str(row.get("Tag") or "")
        if tag and tag != "<none>":
            tags.add(tag)
    return sorted(tags, key=lambda t: (t != LATEST, version_key(t)), reverse=True)


def version_choices(engine_tags: Iterable[str], known: Iterable[str]) -> list[str]:
    """What the version box offers: the tags the engine already has, the versions of
    Ollama found elsewhere on this computer or as the latest release, then "latest"."""
    out: list[str] = []
    for t in [*engine_tags, *sorted(set(known), key=version_key, reverse=True), LATEST]:
        if t and t not in out:
            out.append(t)
    return out


_UNITS = {
    "b": 1,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
}


def stats_memory(text: str) -> int | None:
    """`docker stats --format '{{.MemUsage}}'` ('267.4MiB / 23.54GiB') -> bytes used."""
    used = text.strip().split("/")[0].strip().lower()
    i = 0
    while i < len(used) and (used[i].isdigit() or used[i] == "."):
        i += 1
    unit = _UNITS.get(used[i:].strip())
    try:
        number = float(used[:i])
    except ValueError:
        return None
    return int(number * unit) if unit is not None else None


def pick_port(preferred: int, is_free: Callable[[int], bool], tries: int = 50) -> int | None:
    """``preferred`` when free, else the next free port above it (None: none found)."""
    for port in range(preferred, min(65536, preferred + tries)):
        if is_free(port):
            return port
    return None


class InstallWay(Enum):
    """How Docker's missing parts are installed on this OS (the sentences are the UI's)."""

    DEBIAN = "debian"  # apt: docker.io, docker-compose (1.x on Debian 12, 2.x later)
    UBUNTU = "ubuntu"  # apt: docker.io, docker-compose-v2
    FEDORA = "fedora"  # dnf: moby-engine, docker-compose
    ARCH = "arch"  # pacman: docker, docker-compose
    DESKTOP = "desktop"  # macOS, Windows: Docker Desktop has the engine and Compose
    OTHER = "other"  # another Linux: its own packages


def install_way(system: str, os_release: dict[str, str]) -> InstallWay:
    """``system`` as platform.system() says it; ``os_release`` as
    platform.freedesktop_os_release() reads /etc/os-release (empty when unknown)."""
    if system in ("Darwin", "Windows"):
        return InstallWay.DESKTOP
    ids = [os_release.get("ID", "").lower(), *os_release.get("ID_LIKE", "").lower().split()]
    for key, way in (
        ("ubuntu", InstallWay.UBUNTU),
        ("debian", InstallWay.DEBIAN),
        ("fedora", InstallWay.FEDORA),
        ("rhel", InstallWay.FEDORA),
        ("arch", InstallWay.ARCH),
    ):
        if key in ids:
            return way
    return InstallWay.OTHER
