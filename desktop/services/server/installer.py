"""Per-user install of Ollama, no root: release -> checksums -> download (resumable) ->
verify SHA-256 -> unpack into a staging folder -> run `ollama -v` -> move into place.
Blocking; runs in a worker thread. Any failure deletes the staging folder, so nothing is
ever half-installed."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.setup import installs
from desktop.core.setup.errors import InstallProgress, SetupError, SetupErrorKind
from desktop.core.setup.extract import (
    ArchiveFormatError,
    ExtractCancelledError,
    UnsafeArchiveError,
    extract_archive,
    is_inside,
    uncompressed_size,
)
from desktop.core.setup.platforms import (
    ArchiveKind,
    AssetChoice,
    PlatformId,
    UnsupportedPlatformError,
    binary_for,
    choose_asset,
    kind_for_filename,
)
from desktop.core.setup.releases import (
    CHECKSUM_FILE,
    Release,
    ReleaseFormatError,
    asset_url,
    parse_release,
    parse_sha256sums,
    release_api_url,
)
from desktop.core.setup.serve_log import parse_cli_version
from desktop.services.cancel import CancelToken
from desktop.services.server import fetch

Report = Callable[[InstallProgress], None]
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class InstallerConfig:
    api_base: str
    download_base: str
    data_dir: Path
    cache_dir: Path
    platform: PlatformId


@dataclass(frozen=True)
class ReleasePlan:
    release: Release
    asset: AssetChoice
    url: str
    size: int


FREE_MARGIN = 64 << 20  # keep some room on the disk after unpacking


class OutsideInstallError(Exception):
    """A program about to be run resolves (through links) outside its install folder."""


def executable_inside(binary: Path, folder: Path | None) -> Path:
    """The fully resolved program to run. When ``folder`` is given (an install the app made,
    or its staging folder), the program must resolve inside it; OutsideInstallError if not.
    Call right before running it, and run the path returned (not the link)."""
    real = Path(os.path.realpath(binary))
    if folder is not None and not is_inside(real, folder):
        raise OutsideInstallError(f"{binary} -> {real} is outside {folder}")
    return real


def binary_version(binary: Path, timeout: float = 15.0, inside: Path | None = None) -> str | None:
    """`<binary> -v` -> version, or None when it does not run or says nothing we know.
    With ``inside``, a program that resolves outside that folder is never run (None)."""
    try:
        program = executable_inside(binary, inside)
    except OutsideInstallError:
        return None
    try:
        out = subprocess.run(
            [str(program), "-v"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_cli_version(out.stdout + "\n" + out.stderr)


def sha256_of(path: Path, cancel: CancelToken, report: Report) -> str:
    h = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with open(path, "rb") as f:
        while block := f.read(HASH_CHUNK):
            if cancel.cancelled:
                raise SetupError(SetupErrorKind.CANCELLED)
            h.update(block)
            done += len(block)
            if done % (32 * HASH_CHUNK) < HASH_CHUNK:
                report(InstallProgress("verify", done, total))
    return h.hexdigest()


class Installer:
    def __init__(self, config: InstallerConfig) -> None:
        self.config = config

    # -- plan ----------------------------------------------------------------------------
    def plan(self, version: str | None, cancel: CancelToken) -> ReleasePlan:
        """Which release and asset (latest when ``version`` is None)."""
        try:
            choose_asset(self.config.platform)  # refuse before any network traffic
        except UnsupportedPlatformError as e:
            raise SetupError(SetupErrorKind.UNSUPPORTED_PLATFORM, str(e)) from None
        url = release_api_url(self.config.api_base, version)
        try:
            release = parse_release(fetch.get_json(url, cancel))
            asset = choose_asset(self.config.platform, list(release.assets))
        except ReleaseFormatError as e:
            raise SetupError(SetupErrorKind.BAD_RELEASE, str(e)) from None
        except UnsupportedPlatformError as e:
            raise SetupError(SetupErrorKind.UNSUPPORTED_PLATFORM, str(e)) from None
        size = release.assets[asset.name].size
        return ReleasePlan(
            release, asset, asset_url(self.config.download_base, release.tag, asset.name), size
        )

    # -- install -------------------------------------------------------------------------
    def install(
        self,
        version: str | None,
        *,
        cpu_only: bool,
        cancel: CancelToken,
        report: Report,
        force: bool = False,
    ) -> installs.InstallRecord:
        report(InstallProgress("release"))
        plan = self.plan(version, cancel)
        target = installs.install_dir(self.config.data_dir, plan.release.version)
        existing = installs.read_marker(target)
        if existing is not None and not force:
            raise SetupError(SetupErrorKind.ALREADY_INSTALLED, plan.release.version)
        report(InstallProgress("checksums"))
        sums_url = asset_url(self.config.download_base, plan.release.tag, CHECKSUM_FILE)
        try:
            sums = parse_sha256sums(fetch.get_text(sums_url, cancel))
        except ReleaseFormatError as e:
            raise SetupError(SetupErrorKind.BAD_RELEASE, str(e)) from None
        expected = sums.get(plan.asset.name)
        if expected is None:
            raise SetupError(SetupErrorKind.NO_CHECKSUM, plan.asset.name)
        dest = installs.downloads_dir(self.config.cache_dir) / plan.release.tag / plan.asset.name
        try:
            fetch.download(plan.url, dest, expected_size=plan.size, cancel=cancel, report=report)
        except OSError as e:
            raise _io_error(e) from None
        return self._verify_and_unpack(
            dest, plan.asset, expected, plan.release.version, cpu_only, cancel, report, force=force
        )

    def install_file(
        self,
        archive: Path,
        *,
        sums_file: Path | None,
        cpu_only: bool,
        cancel: CancelToken,
        report: Report,
    ) -> installs.InstallRecord:
        """Offline install from a file the user downloaded. The checksum file is optional
        (the UI warns when it is absent); when given, the archive must be listed in it."""
        kind = kind_for_filename(archive.name)
        if kind is None or kind is ArchiveKind.SETUP_EXE:
            raise SetupError(SetupErrorKind.BAD_ARCHIVE, archive.name)
        asset = AssetChoice(
            archive.name, kind, binary_for(kind, self.config.platform, archive.name)
        )
        expected: str | None = None
        if sums_file is not None:
            try:
                sums = parse_sha256sums(sums_file.read_text(encoding="utf-8", errors="replace"))
            except (OSError, ReleaseFormatError) as e:
                raise SetupError(SetupErrorKind.BAD_RELEASE, str(e)) from None
            expected = sums.get(archive.name)
            if expected is None:
                raise SetupError(SetupErrorKind.NO_CHECKSUM, archive.name)
        return self._verify_and_unpack(archive, asset, expected, None, cpu_only, cancel, report)

    def _verify_and_unpack(
        self,
        archive: Path,
        asset: AssetChoice,
        expected: str | None,
        version: str | None,
        cpu_only: bool,
        cancel: CancelToken,
        report: Report,
        force: bool = False,
    ) -> installs.InstallRecord:
        report(InstallProgress("verify", 0, archive.stat().st_size))
        actual = sha256_of(archive, cancel, report)
        if expected is not None and actual != expected:
            archive.unlink(missing_ok=True)  # a bad download must not be resumed or reused
            raise SetupError(
                SetupErrorKind.CHECKSUM_MISMATCH, f"{asset.name}: expected {expected}, got {actual}"
            )
        staging = installs.staging_dir(self.config.data_dir, version or "file")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            record = self._unpack(
                archive,
                asset,
                actual,
                version,
                expected is not None,
                cpu_only,
                staging,
                cancel,
                report,
            )
            target = installs.install_dir(self.config.data_dir, record.version)
            if target.exists():
                if installs.read_marker(target) is None or not force:
                    raise SetupError(SetupErrorKind.ALREADY_INSTALLED, record.version)
                shutil.rmtree(target)
            installs.write_marker(staging, record)
            staging.replace(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        report(InstallProgress("done", 1, 1))
        done = installs.read_marker(target)
        assert done is not None
        return done

    def _unpack(
        self,
        archive: Path,
        asset: AssetChoice,
        actual: str,
        version: str | None,
        verified: bool,
        cpu_only: bool,
        staging: Path,
        cancel: CancelToken,
        report: Report,
    ) -> installs.InstallRecord:
        written = [0]
        report(InstallProgress("unpack", 0, 0))
        try:
            total, _skipped = uncompressed_size(archive, asset.kind, cpu_only)
            staging.parent.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(staging.parent).free
            if total + FREE_MARGIN > free:
                raise SetupError(
                    SetupErrorKind.DISK_FULL,
                    f"{total} bytes to unpack, {free} bytes free in {staging.parent}",
                )

            def on_bytes(n: int) -> None:
                written[0] += n
                if written[0] % (16 * HASH_CHUNK) < n:
                    report(InstallProgress("unpack", written[0], total))

            result = extract_archive(
                archive,
                asset.kind,
                staging,
                cpu_only=cpu_only,
                on_bytes=on_bytes,
                should_stop=lambda: cancel.cancelled,
            )
        except ExtractCancelledError:
            raise SetupError(SetupErrorKind.CANCELLED) from None
        except UnsafeArchiveError as e:
            raise SetupError(SetupErrorKind.UNSAFE_ARCHIVE, str(e)) from None
        except ArchiveFormatError as e:
            raise SetupError(SetupErrorKind.BAD_ARCHIVE, str(e)) from None
        except OSError as e:
            raise _io_error(e) from None
        report(InstallProgress("check"))
        binary = staging / asset.binary
        if not binary.is_file():
            raise SetupError(SetupErrorKind.BAD_ARCHIVE, f"no {asset.binary} in the archive")
        try:
            executable_inside(binary, staging)
        except OutsideInstallError as e:
            raise SetupError(SetupErrorKind.UNSAFE_ARCHIVE, str(e)) from None
        found = binary_version(binary, inside=staging)
        if found is None:
            raise SetupError(SetupErrorKind.BINARY_BROKEN, str(binary))
        if version is not None and found != version:
            raise SetupError(
                SetupErrorKind.BAD_ARCHIVE,
                f"the program says version {found}, the release is {version}",
            )
        return installs.record_for(found, asset, actual, cpu_only, result.bytes_skipped, verified)

    # -- uninstall -----------------------------------------------------------------------
    def uninstall(self, version: str) -> None:
        target = installs.install_dir(self.config.data_dir, version)
        if installs.read_marker(target) is None:
            raise SetupError(SetupErrorKind.NOT_APP_INSTALL, str(target))
        try:
            shutil.rmtree(target)
        except OSError as e:
            raise _io_error(e) from None


def _io_error(e: OSError) -> SetupError:
    if e.errno == errno.ENOSPC:
        return SetupError(SetupErrorKind.DISK_FULL, str(e))
    return SetupError(SetupErrorKind.IO, str(e))
