"""The installer never runs a program outside its install folder, and checks the space an
archive needs before writing anything (issue 10, item 7)."""

from __future__ import annotations

import io
import shutil
import stat
import tarfile
from pathlib import Path
from typing import Any

import pytest
import zstandard
from pytestqt.qtbot import QtBot

from desktop.core.setup import installs
from desktop.core.setup.errors import SetupError, SetupErrorKind
from desktop.core.setup.server_env import ServerOptions
from desktop.services.cancel import CancelToken
from desktop.services.server.installer import Installer
from desktop.services.server.managed import ManagedServer
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import TaskRunner
from tests.release_server import Entry, linux_tree, make_tar
from tests.server.conftest import free_port


def _outside_program(tmp_path: Path) -> tuple[Path, Path]:
    """A program outside any install that leaves a mark when it runs, like `ollama -v`."""
    mark = tmp_path / "outside-ran"
    prog = tmp_path / "elsewhere" / "evil"
    prog.parent.mkdir(parents=True)
    prog.write_text(f"#!/bin/sh\ntouch {mark}\necho 'ollama version is 9.9.9'\n")
    prog.chmod(prog.stat().st_mode | stat.S_IXUSR)
    return prog, mark


def _climbing_links(target: Path, depth: int = 12) -> list[Entry]:
    """The chain from the report: each link looks inside when read as text, together they
    climb to / and bin/ollama points through them at an absolute path outside."""
    entries = [
        Entry("a", kind="dir", mode=0o755),
        Entry("a/b", kind="dir", mode=0o755),
        Entry("a/b/s", kind="symlink", link="../.."),
        Entry("up1", kind="symlink", link="a/b/s/.."),
    ]
    entries += [Entry(f"up{i}", kind="symlink", link=f"up{i - 1}/..") for i in range(2, depth)]
    entries.append(Entry("bin", kind="dir", mode=0o755))
    entries.append(Entry("bin/ollama", kind="symlink", link=f"../up{depth - 1}{target}"))
    return entries


def _install_file(installer: Installer, archive: Path) -> installs.InstallRecord:
    return installer.install_file(
        archive, sums_file=None, cpu_only=False, cancel=CancelToken(), report=lambda _p: None
    )


def test_a_chain_of_relative_links_cannot_make_the_app_run_an_outside_program(
    installer: Installer, tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    prog, mark = _outside_program(tmp_path)
    archive = tmp_path / "ollama-linux-amd64.tar.zst"
    archive.write_bytes(make_tar(_climbing_links(prog)))
    with pytest.raises(SetupError) as err:
        _install_file(installer, archive)
    assert err.value.setup_kind is SetupErrorKind.UNSAFE_ARCHIVE
    assert "outside" in err.value.detail
    assert not mark.exists()  # the version check never ran it
    root = installs.installs_root(dirs[0])
    assert not root.exists() or list(root.iterdir()) == []


def test_the_app_never_starts_an_install_whose_program_was_swapped_for_an_outside_link(
    qtbot: QtBot, installer: Installer, tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    archive = tmp_path / "ollama-linux-amd64.tar.zst"
    archive.write_bytes(make_tar(linux_tree("0.33.0")))
    rec = _install_file(installer, archive)
    prog, mark = _outside_program(tmp_path)
    rec.binary_path.unlink()
    rec.binary_path.symlink_to(prog)  # tampered after the install
    runner = TaskRunner()
    managed = ManagedServer(runner, data_dir=dirs[0])
    try:
        managed.start(rec.binary_path, ServerOptions(port=free_port()))
        qtbot.waitUntil(lambda: managed.state.status is ServerStatus.CRASHED, timeout=10000)
        assert managed.state.diagnosis is not None
        assert "outside" in managed.state.diagnosis.evidence
        assert not mark.exists() and not managed.is_owned
    finally:
        managed.shutdown()
        runner.shutdown()


class _Zeros(io.RawIOBase):
    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = min(len(b), self.left)
        b[:n] = bytes(n)
        self.left -= n
        return n


def _write_zeros_archive(path: Path, size: int) -> None:
    """A tar.zst holding one file of ``size`` zero bytes (a few KB compressed), streamed."""
    info = tarfile.TarInfo("bin/ollama")
    info.size, info.mode = size, 0o755
    with (
        open(path, "wb") as f,
        zstandard.ZstdCompressor(level=1).stream_writer(f) as z,
        tarfile.open(fileobj=z, mode="w|") as tar,
    ):
        tar.addfile(info, io.BufferedReader(_Zeros(size), 1 << 20))


def test_an_archive_bigger_than_the_free_space_is_refused_before_writing(
    installer: Installer, tmp_path: Path, dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "ollama-linux-amd64.tar.zst"
    _write_zeros_archive(archive, 1 << 30)  # 1 GiB unpacked
    assert archive.stat().st_size < 1 << 20
    real = shutil.disk_usage
    monkeypatch.setattr(
        shutil, "disk_usage", lambda p: real(p)._replace(free=512 << 20)
    )  # 512 MiB free
    written: list[int] = []
    with pytest.raises(SetupError) as err:
        installer.install_file(
            archive,
            sums_file=None,
            cpu_only=False,
            cancel=CancelToken(),
            report=lambda p: written.append(p.done) if p.stage == "unpack" else None,
        )
    assert err.value.setup_kind is SetupErrorKind.DISK_FULL
    assert "1073741824 bytes to unpack" in err.value.detail
    assert max(written, default=0) == 0  # nothing was unpacked
    root = installs.installs_root(dirs[0])
    assert not root.exists() or list(root.iterdir()) == []
