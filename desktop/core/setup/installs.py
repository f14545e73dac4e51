"""Installs the app made itself: one folder per version under <data_dir>/ollama/, each with
a marker file. Only folders with the marker are ever updated or removed by the app."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core.setup.platforms import AssetChoice, version_key

MARKER = ".ollama-desk-install.json"
_SAFE_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,40}$")


@dataclass(frozen=True)
class InstallRecord:
    version: str
    asset: str
    sha256: str
    binary: str  # relative to the install folder
    cpu_only: bool
    bytes_skipped: int
    checksum_verified: bool
    path: str = ""  # filled when read

    @property
    def binary_path(self) -> Path:
        return Path(self.path) / self.binary


def installs_root(data_dir: Path) -> Path:
    return data_dir / "ollama"


def install_dir(data_dir: Path, version: str) -> Path:
    if not _SAFE_VERSION.match(version):
        raise ValueError(f"not a version: {version!r}")
    return installs_root(data_dir) / version


def staging_dir(data_dir: Path, version: str) -> Path:
    return installs_root(data_dir) / f".staging-{version}"


def downloads_dir(cache_dir: Path) -> Path:
    return cache_dir / "downloads"


def write_marker(folder: Path, record: InstallRecord) -> None:
    data = asdict(record)
    data.pop("path")
    (folder / MARKER).write_text(json.dumps(data, indent=2), encoding="utf-8")


def read_marker(folder: Path) -> InstallRecord | None:
    try:
        raw: Any = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return InstallRecord(
            version=str(raw["version"]),
            asset=str(raw["asset"]),
            sha256=str(raw["sha256"]),
            binary=str(raw["binary"]),
            cpu_only=bool(raw["cpu_only"]),
            bytes_skipped=int(raw.get("bytes_skipped", 0)),
            checksum_verified=bool(raw.get("checksum_verified", True)),
            path=str(folder),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_installs(data_dir: Path) -> list[InstallRecord]:
    """App-made installs, newest version first."""
    root = installs_root(data_dir)
    found: list[InstallRecord] = []
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and not child.name.startswith("."):
                rec = read_marker(child)
                if rec is not None and rec.binary_path.is_file():
                    found.append(rec)
    found.sort(key=lambda r: version_key(r.version), reverse=True)
    return found


def record_for(
    version: str,
    asset: AssetChoice,
    sha256: str,
    cpu_only: bool,
    bytes_skipped: int,
    verified: bool,
) -> InstallRecord:
    return InstallRecord(
        version, asset.name, sha256, asset.binary, cpu_only, bytes_skipped, verified
    )


def owning_install(binary: Path, data_dir: Path) -> Path | None:
    """The app-made install folder ``binary`` is in (by its path as given, links not
    followed), or None for a program the app did not install."""
    root = installs_root(data_dir)
    try:
        rel = Path(os.path.abspath(binary)).relative_to(os.path.abspath(root))
    except ValueError:
        return None
    return root / rel.parts[0] if rel.parts else None
