"""Which release asset fits this OS and CPU (reference §3.5), and version ordering."""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass
from enum import Enum


class UnsupportedPlatformError(Exception):
    """Ollama publishes nothing for this OS/architecture (or this release lacks it)."""

    def __init__(self, os_name: str, arch: str, detail: str = "") -> None:
        super().__init__(f"{os_name}/{arch}: {detail}" if detail else f"{os_name}/{arch}")
        self.os_name = os_name
        self.arch = arch
        self.detail = detail


class ArchiveKind(Enum):
    TAR_ZST = "tar.zst"
    TGZ = "tgz"
    ZIP = "zip"
    SETUP_EXE = "exe"


@dataclass(frozen=True)
class PlatformId:
    os: str  # "linux" | "windows" | "darwin"
    arch: str  # "amd64" | "arm64"


_ARCH = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
    "armv8l": "arm64",
}


def normalize_os(name: str) -> str:
    n = name.lower()
    if n.startswith("linux"):
        return "linux"
    if n in ("win32", "windows", "cygwin") or n.startswith("win"):
        return "windows"
    if n in ("darwin", "macos", "mac"):
        return "darwin"
    return n


def normalize_arch(machine: str) -> str:
    return _ARCH.get(machine.lower(), machine.lower())


def current_platform() -> PlatformId:
    return PlatformId(normalize_os(sys.platform), normalize_arch(platform.machine()))


@dataclass(frozen=True)
class AssetChoice:
    name: str
    kind: ArchiveKind
    binary: str  # path of the ollama executable inside the unpacked tree


_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


def parse_version(text: str) -> tuple[int, int, int, int, str] | None:
    """'v0.33.0-rc2' -> (0, 33, 0, 0, 'rc2'); a release sorts after its pre-releases."""
    m = _VERSION.match(text.strip())
    if not m:
        return None
    pre = m.group(4) or ""
    return int(m.group(1)), int(m.group(2)), int(m.group(3)), 0 if pre else 1, pre


def version_key(text: str) -> tuple[int, int, int, int, str]:
    return parse_version(text) or (-1, 0, 0, 0, text)


def is_newer(candidate: str, current: str) -> bool:
    return version_key(candidate) > version_key(current)


def normalize_version(text: str) -> str:
    """'v0.33.0' and '0.33.0' -> '0.33.0'."""
    t = text.strip()
    return t[1:] if t[:1] in ("v", "V") else t


def choose_asset(plat: PlatformId, available: list[str] | None = None) -> AssetChoice:
    """The main archive for ``plat``; ``available`` (asset names of the release) decides
    between the `.tar.zst` of v0.14+ and the `.tgz` of older Linux releases."""
    if plat.arch not in ("amd64", "arm64"):
        raise UnsupportedPlatformError(plat.os, plat.arch, "no Ollama build for this CPU")
    if plat.os == "linux":
        candidates = [
            AssetChoice(f"ollama-linux-{plat.arch}.tar.zst", ArchiveKind.TAR_ZST, "bin/ollama"),
            AssetChoice(f"ollama-linux-{plat.arch}.tgz", ArchiveKind.TGZ, "bin/ollama"),
        ]
    elif plat.os == "windows":
        candidates = [AssetChoice(f"ollama-windows-{plat.arch}.zip", ArchiveKind.ZIP, "ollama.exe")]
    elif plat.os == "darwin":
        candidates = [
            AssetChoice(
                "Ollama-darwin.zip", ArchiveKind.ZIP, "Ollama.app/Contents/Resources/ollama"
            )
        ]
    else:
        raise UnsupportedPlatformError(plat.os, plat.arch, "no Ollama build for this system")
    if available is None:
        return candidates[0]
    for c in candidates:
        if c.name in available:
            return c
    raise UnsupportedPlatformError(plat.os, plat.arch, f"this release has no {candidates[0].name}")


def kind_for_filename(name: str) -> ArchiveKind | None:
    low = name.lower()
    if low.endswith(".tar.zst"):
        return ArchiveKind.TAR_ZST
    if low.endswith((".tgz", ".tar.gz")):
        return ArchiveKind.TGZ
    if low.endswith(".zip"):
        return ArchiveKind.ZIP
    if low.endswith(".exe"):
        return ArchiveKind.SETUP_EXE
    return None


def binary_for(kind: ArchiveKind, plat: PlatformId, filename: str = "") -> str:
    """Where the executable lands for an archive picked by the user (offline install)."""
    if kind in (ArchiveKind.TAR_ZST, ArchiveKind.TGZ):
        return "bin/ollama"
    if plat.os == "darwin" or filename.lower().startswith("ollama-darwin"):
        return "Ollama.app/Contents/Resources/ollama"
    return "ollama.exe"
