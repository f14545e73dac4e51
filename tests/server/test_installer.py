"""Per-user install against the local release server: every failure leaves nothing
half-installed."""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.setup import installs
from desktop.core.setup.errors import InstallProgress, SetupError, SetupErrorKind
from desktop.core.setup.platforms import PlatformId
from desktop.services.cancel import CancelToken
from desktop.services.server.installer import Installer
from tests.release_server import Entry, ReleaseServer, linux_tree, make_tar, standard_release
from tests.server.conftest import make_installer

ASSET = "ollama-linux-amd64.tar.zst"


def _install(
    inst: Installer,
    version: str | None = None,
    cpu_only: bool = True,
    cancel: CancelToken | None = None,
    events: list[InstallProgress] | None = None,
    **kw: bool,
) -> installs.InstallRecord:
    log = events if events is not None else []
    return inst.install(
        version, cpu_only=cpu_only, cancel=cancel or CancelToken(), report=log.append, **kw
    )


def _nothing_installed(data: Path) -> None:
    root = installs.installs_root(data)
    assert not root.exists() or list(root.iterdir()) == []


def test_fresh_install_verifies_unpacks_and_runs(
    installer: Installer, release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    events: list[InstallProgress] = []
    rec = _install(installer, events=events)
    assert rec.version == "0.33.0" and rec.checksum_verified and rec.cpu_only
    assert rec.bytes_skipped == 900_000  # the GPU runtimes a CPU-only install leaves out
    out = subprocess.run([str(rec.binary_path), "-v"], capture_output=True, text=True, check=True)
    assert "0.33.0" in out.stdout
    stages = [e.stage for e in events]
    assert stages.index("download") < stages.index("verify") < stages.index("unpack")
    assert stages[-1] == "done"
    final = [e for e in events if e.stage == "download"][-1]
    assert final.done == final.total == len(release_server.releases["v0.33.0"].files[ASSET])
    assert installs.list_installs(dirs[0])[0].version == "0.33.0"
    assert not list(installs.installs_root(dirs[0]).glob(".staging-*"))


def test_dropped_download_retries_from_where_it_stopped(
    installer: Installer, release_server: ReleaseServer
) -> None:
    release_server.drop(ASSET, after_bytes=500_000, times=1)
    rec = _install(installer)
    assert rec.version == "0.33.0"
    ranges = release_server.ranges_requested(ASSET)
    assert ranges[0] is None and ranges[1] is not None and ranges[1].startswith("bytes=")
    assert int(ranges[1][6:-1]) > 0


def test_download_resumes_after_an_app_restart(
    release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    release_server.drop(ASSET, after_bytes=700_000, times=4)  # more than the retries
    with pytest.raises(SetupError) as err:
        _install(make_installer(release_server, *dirs))
    assert err.value.setup_kind is SetupErrorKind.NETWORK
    part = next(dirs[1].rglob(ASSET + ".part"))
    kept = part.stat().st_size
    assert kept > 0
    _nothing_installed(dirs[0])
    rec = _install(make_installer(release_server, *dirs))  # a new app session
    assert rec.version == "0.33.0"
    assert release_server.ranges_requested(ASSET)[-1] == f"bytes={kept}-"


def test_checksum_mismatch_is_refused_before_unpacking(
    installer: Installer, release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    release_server.tamper(ASSET)
    with pytest.raises(SetupError) as err:
        _install(installer)
    assert err.value.setup_kind is SetupErrorKind.CHECKSUM_MISMATCH
    assert "expected" in err.value.detail
    _nothing_installed(dirs[0])
    assert not list(dirs[1].rglob(ASSET))  # the bad file is not kept for reuse


def test_archive_with_path_traversal_is_refused(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    evil = linux_tree("0.33.0") + [Entry("../../../escaped.txt", b"owned")]
    with (
        ReleaseServer([standard_release("0.33.0", linux_entries=evil)]) as rs,
        pytest.raises(SetupError) as err,
    ):
        _install(make_installer(rs, *dirs))
    assert err.value.setup_kind is SetupErrorKind.UNSAFE_ARCHIVE
    _nothing_installed(dirs[0])
    assert not list(tmp_path.rglob("escaped.txt"))


def test_binary_that_does_not_run_is_not_installed(dirs: tuple[Path, Path]) -> None:
    broken = [Entry("bin/ollama", b"\x7fELF not really", 0o755)]
    with (
        ReleaseServer([standard_release("0.33.0", linux_entries=broken)]) as rs,
        pytest.raises(SetupError) as err,
    ):
        _install(make_installer(rs, *dirs))
    assert err.value.setup_kind is SetupErrorKind.BINARY_BROKEN
    _nothing_installed(dirs[0])


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (we run as root in CI); skipped where mounting is not allowed."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
        capture_output=True,
        check=False,
    )
    if r.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_while_downloading(
    release_server: ReleaseServer, tiny_disk: Path, dirs: tuple[Path, Path]
) -> None:
    inst = make_installer(release_server, dirs[0], tiny_disk / "cache")
    with pytest.raises(SetupError) as err:
        _install(inst)
    assert err.value.setup_kind is SetupErrorKind.DISK_FULL
    assert not list((tiny_disk / "cache").rglob("*.part"))  # space given back
    _nothing_installed(dirs[0])


def test_disk_full_while_unpacking(
    release_server: ReleaseServer, tiny_disk: Path, dirs: tuple[Path, Path]
) -> None:
    inst = make_installer(release_server, tiny_disk / "data", dirs[1])
    with pytest.raises(SetupError) as err:
        _install(inst, cpu_only=False)  # 1.4 MB unpacked does not fit in 1 MB
    assert err.value.setup_kind is SetupErrorKind.DISK_FULL
    _nothing_installed(tiny_disk / "data")


def test_disk_full_injected_at_the_write_layer(
    installer: Installer, monkeypatch: pytest.MonkeyPatch, dirs: tuple[Path, Path]
) -> None:
    from desktop.core.setup import extract

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(extract._Writer, "file", full)
    with pytest.raises(SetupError) as err:
        _install(installer)
    assert err.value.setup_kind is SetupErrorKind.DISK_FULL
    _nothing_installed(dirs[0])


def test_cancel_stops_the_download_and_installs_nothing(
    installer: Installer, release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    release_server.slow = 0.01
    token = CancelToken()

    def report(p: InstallProgress) -> None:
        if p.stage == "download" and p.done > 100_000:
            token.cancel()

    with pytest.raises(SetupError) as err:
        installer.install(None, cpu_only=True, cancel=token, report=report)
    assert err.value.setup_kind is SetupErrorKind.CANCELLED
    _nothing_installed(dirs[0])


def test_unsupported_platform_is_refused_before_any_download(
    release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    for plat in (PlatformId("linux", "riscv64"), PlatformId("freebsd", "amd64")):
        with pytest.raises(SetupError) as err:
            _install(make_installer(release_server, *dirs, plat))
        assert err.value.setup_kind is SetupErrorKind.UNSUPPORTED_PLATFORM
    assert release_server.requests == []
    with pytest.raises(SetupError) as err:  # the release has no windows-arm64 zip
        _install(make_installer(release_server, *dirs, PlatformId("windows", "arm64")))
    assert err.value.setup_kind is SetupErrorKind.UNSUPPORTED_PLATFORM


def test_already_installed_then_update_then_uninstall(
    installer: Installer, release_server: ReleaseServer, dirs: tuple[Path, Path]
) -> None:
    _install(installer)
    with pytest.raises(SetupError) as err:
        _install(installer)
    assert err.value.setup_kind is SetupErrorKind.ALREADY_INSTALLED
    release_server.add(standard_release("0.34.0"))
    assert installer.plan(None, CancelToken()).release.version == "0.34.0"
    assert _install(installer).version == "0.34.0"
    assert [r.version for r in installs.list_installs(dirs[0])] == ["0.34.0", "0.33.0"]
    assert _install(installer, "0.33.0", force=True).version == "0.33.0"  # a chosen version
    installer.uninstall("0.33.0")
    assert [r.version for r in installs.list_installs(dirs[0])] == ["0.34.0"]
    with pytest.raises(SetupError) as err:
        installer.uninstall("0.33.0")
    assert err.value.setup_kind is SetupErrorKind.NOT_APP_INSTALL


def test_windows_zip_and_old_tgz_releases(
    release_server: ReleaseServer, dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    rec = _install(
        make_installer(release_server, dirs[0], dirs[1], PlatformId("windows", "amd64")),
        cpu_only=False,
    )
    assert rec.binary == "ollama.exe" and rec.binary_path.is_file()
    old = standard_release("0.13.5")
    old.files = {"ollama-linux-amd64.tgz": make_tar(linux_tree("0.13.5"), "gz")}
    old.finish()
    release_server.add(old, latest=False)
    rec = _install(make_installer(release_server, tmp_path / "d2", dirs[1]), "0.13.5")
    assert rec.asset == "ollama-linux-amd64.tgz" and rec.version == "0.13.5"


def test_install_from_a_downloaded_file(
    release_server: ReleaseServer, tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    files = release_server.releases["v0.33.0"].files
    archive = tmp_path / ASSET
    archive.write_bytes(files[ASSET])
    sums = tmp_path / "sha256sum.txt"
    sums.write_bytes(files["sha256sum.txt"])
    inst = make_installer(release_server, *dirs)
    rec = inst.install_file(
        archive, sums_file=sums, cpu_only=True, cancel=CancelToken(), report=lambda _p: None
    )
    assert rec.version == "0.33.0" and rec.checksum_verified
    inst.uninstall("0.33.0")
    rec = inst.install_file(
        archive, sums_file=None, cpu_only=True, cancel=CancelToken(), report=lambda _p: None
    )
    assert not rec.checksum_verified  # the UI warns about this
    assert release_server.requests == []  # offline: no network at all
    other = tmp_path / "x" / ASSET
    other.parent.mkdir()
    other.write_bytes(files[ASSET][:-1] + b"\x00")
    with pytest.raises(SetupError) as err:
        inst.install_file(
            other, sums_file=sums, cpu_only=True, cancel=CancelToken(), report=lambda _p: None
        )
    assert err.value.setup_kind is SetupErrorKind.CHECKSUM_MISMATCH
