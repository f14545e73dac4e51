"""GitHub release answers and `sha256sum.txt` (reference §3.5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.core.setup.platforms import normalize_version

CHECKSUM_FILE = "sha256sum.txt"
_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64})\s+\*?(.+)$")


class ReleaseFormatError(ValueError):
    """The release answer or checksum file is not what GitHub/Ollama publish."""


@dataclass(frozen=True)
class ReleaseAsset:
    name: str
    size: int
    url: str = ""


@dataclass(frozen=True)
class Release:
    tag: str
    assets: dict[str, ReleaseAsset] = field(default_factory=dict)
    prerelease: bool = False

    @property
    def version(self) -> str:
        return normalize_version(self.tag)


def parse_release(obj: Any) -> Release:
    """A GitHub `releases/latest` or `releases/tags/<tag>` JSON object."""
    if not isinstance(obj, dict) or not isinstance(obj.get("tag_name"), str):
        raise ReleaseFormatError("no tag_name in the release answer")
    assets: dict[str, ReleaseAsset] = {}
    for a in obj.get("assets") or []:
        if isinstance(a, dict) and isinstance(a.get("name"), str):
            size = a.get("size")
            assets[a["name"]] = ReleaseAsset(
                a["name"],
                size if isinstance(size, int) else 0,
                str(a.get("browser_download_url") or ""),
            )
    return Release(obj["tag_name"], assets, bool(obj.get("prerelease")))


def parse_sha256sums(text: str) -> dict[str, str]:
    """`<64hex>  ./<name>` lines -> {name: hex}. Unknown lines are skipped; names must be
    plain file names (a checksum file cannot point outside its release)."""
    sums: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _SUM_LINE.match(line)
        if not m:
            continue
        name = m.group(2).strip()
        if name.startswith("./"):
            name = name[2:]
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            continue
        sums[name] = m.group(1).lower()
    if not sums:
        raise ReleaseFormatError("sha256sum.txt has no checksum lines")
    return sums


def release_api_url(api_base: str, version: str | None) -> str:
    """`<base>/latest` or `<base>/tags/v<version>`; base like
    https://api.github.com/repos/ollama/ollama/releases"""
    base = api_base.rstrip("/")
    if not version:
        return f"{base}/latest"
    return f"{base}/tags/v{normalize_version(version)}"


def asset_url(download_base: str, tag: str, name: str) -> str:
    """`<base>/<tag>/<name>`; base like https://github.com/ollama/ollama/releases/download"""
    return f"{download_base.rstrip('/')}/{tag}/{name}"
