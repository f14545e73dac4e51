"""Fixtures for setup tests: the release server, an installer, a stand-in binary."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.setup.platforms import PlatformId
from desktop.services.server.installer import Installer, InstallerConfig
from tests.release_server import ReleaseServer, write_standin

LINUX = PlatformId("linux", "amd64")


@pytest.fixture
def release_server() -> Iterator[ReleaseServer]:
    with ReleaseServer() as rs:
        yield rs


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data", tmp_path / "cache"


def make_installer(
    rs: ReleaseServer, data: Path, cache: Path, plat: PlatformId = LINUX
) -> Installer:
    return Installer(InstallerConfig(rs.api_base, rs.download_base, data, cache, plat))


@pytest.fixture
def installer(release_server: ReleaseServer, dirs: tuple[Path, Path]) -> Installer:
    return make_installer(release_server, *dirs)


@pytest.fixture
def standin(tmp_path: Path) -> Path:
    """An executable `ollama` stand-in (the same program the release archives carry)."""
    return write_standin(tmp_path / "standin" / "bin" / "ollama", "0.33.0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
