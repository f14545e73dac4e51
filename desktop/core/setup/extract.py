"""Safe unpacking of Ollama release archives.

Rules: every entry must land inside the target folder — no absolute names, no `..`, no
symbolic or hard links pointing outside, no devices or FIFOs, no two entries for one path.
Links are checked twice: as text when written, and, once everything is unpacked, resolved on
disk (a chain of relative links can climb out where each link alone looks harmless).
Anything else refuses the whole archive (the caller unpacks into a staging folder and
deletes it on failure). A CPU-only install leaves out the GPU runtimes under lib/ollama/.

Documented errors: UnsafeArchiveError (refused), ArchiveFormatError (damaged or not an
archive), ExtractCancelledError, and OSError from the disk itself (e.g. ENOSPC).
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

import zstandard

from desktop.core.setup.platforms import ArchiveKind

CHUNK = 1 << 20
GPU_DIR_PREFIXES = ("cuda", "rocm", "vulkan", "jetpack", "mlx")


class UnsafeArchiveError(Exception):
    """An entry would escape the target folder or is not a plain file, folder or link."""

    def __init__(self, entry: str, reason: str) -> None:
        super().__init__(f"{entry!r}: {reason}")
        self.entry = entry
        self.reason = reason


class ExtractCancelledError(Exception):
    pass


class ArchiveFormatError(Exception):
    """The file is damaged or not an archive of the expected kind."""


# an entry that collides with another (a file where a link or folder already is, a folder
# under a file): the archive is malformed, not the disk
_CONFLICTS = (
    errno.EEXIST,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ELOOP,
    errno.ENAMETOOLONG,
    errno.ENOENT,
)


@contextmanager
def _as_archive_errors() -> Iterator[None]:
    try:
        yield
    except (tarfile.TarError, zipfile.BadZipFile, zstandard.ZstdError, EOFError) as e:
        raise ArchiveFormatError(str(e) or type(e).__name__) from None
    except (UnicodeError, ValueError, NotImplementedError, RuntimeError, LookupError) as e:
        # bad names or headers inside the archive (zipfile and tarfile raise these too)
        raise ArchiveFormatError(f"{type(e).__name__}: {e}") from None
    except OSError as e:
        if e.errno in _CONFLICTS:
            raise UnsafeArchiveError(str(e.filename or ""), "entries collide") from None
        raise


def links_escaping(root: Path) -> list[str]:
    """Every link under ``root`` whose fully resolved target is outside ``root``."""
    top = os.path.realpath(root)
    bad: list[str] = []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            real = os.path.realpath(path)
            if real != top and not real.startswith(top + os.sep):
                bad.append(os.path.relpath(path, root))
    return bad


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path``, with every link resolved, is ``folder`` or inside it."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top + os.sep)


@dataclass
class ExtractResult:
    files: int = 0
    bytes_written: int = 0
    bytes_skipped: int = 0  # GPU libraries left out of a CPU-only install


def is_gpu_library(name: str) -> bool:
    """True for entries under lib/ollama/<cuda*|rocm*|vulkan*|...>/ (or lib\\ollama)."""
    parts = name.replace("\\", "/").strip("/").split("/")
    for i in range(len(parts) - 2):
        if parts[i] == "lib" and parts[i + 1] == "ollama":
            return parts[i + 2].lower().startswith(GPU_DIR_PREFIXES)
    return False


def safe_relpath(name: str) -> str:
    """The normalised relative path of an archive entry, or UnsafeArchiveError."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":"):
        raise UnsafeArchiveError(name, "absolute path")
    norm = posixpath.normpath(n)
    if norm == ".":
        return ""
    if norm == ".." or norm.startswith("../") or "\x00" in norm:
        raise UnsafeArchiveError(name, "path escapes the install folder")
    return norm


def _check_link(name: str, rel: str, target: str) -> None:
    if not target or "\x00" in target:
        raise UnsafeArchiveError(name, "link without a target")
    if target.startswith("/") or (len(target) > 1 and target[1] == ":"):
        raise UnsafeArchiveError(name, "link to an absolute path")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
    if joined == ".." or joined.startswith("../"):
        raise UnsafeArchiveError(name, "link points outside the install folder")


class _Writer:
    def __init__(
        self,
        root: Path,
        cpu_only: bool,
        on_bytes: Callable[[int], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.root = root
        self.cpu_only = cpu_only
        self.on_bytes = on_bytes
        self.should_stop = should_stop
        self.result = ExtractResult()

    def check_stop(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise ExtractCancelledError()

    def dest(self, rel: str) -> Path:
        p = self.root / rel
        # a folder created earlier may be a link; resolve what exists and re-check
        parent = p.parent.resolve()
        root = self.root.resolve()
        if parent != root and root not in parent.parents:
            raise UnsafeArchiveError(rel, "path escapes the install folder through a link")
        return p

    def file(self, rel: str, src: IO[bytes], mode: int) -> None:
        dest = self.dest(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "xb") as out:
            while True:
                self.check_stop()
                block = src.read(CHUNK)
                if not block:
                    break
                out.write(block)
                self.result.bytes_written += len(block)
                if self.on_bytes is not None:
                    self.on_bytes(len(block))
        os.chmod(dest, 0o755 if mode & 0o111 else 0o644)
        self.result.files += 1

    def directory(self, rel: str) -> None:
        if rel:
            self.dest(rel).mkdir(parents=True, exist_ok=True)

    def symlink(self, name: str, rel: str, target: str) -> None:
        _check_link(name, rel, target)
        dest = self.dest(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, dest)
        self.result.files += 1


def extract_tar(
    fileobj: BinaryIO,
    root: Path,
    *,
    cpu_only: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExtractResult:
    """Unpack a tar stream (already decompressed, or gzip: mode r|*) into ``root``."""
    w = _Writer(root, cpu_only, on_bytes, should_stop)
    with tarfile.open(fileobj=fileobj, mode="r|*") as tar:
        for m in tar:
            w.check_stop()
            rel = safe_relpath(m.name)
            if cpu_only and is_gpu_library(rel):
                w.result.bytes_skipped += m.size if m.isfile() else 0
                continue
            if m.isdir():
                w.directory(rel)
            elif m.isfile():
                src = tar.extractfile(m)
                assert src is not None
                w.file(rel, src, m.mode)
            elif m.issym():
                w.symlink(m.name, rel, m.linkname)
            elif m.islnk():
                target_rel = safe_relpath(m.linkname)
                source = w.dest(target_rel)
                if source.is_symlink() or not is_inside(source, root) or not source.is_file():
                    raise UnsafeArchiveError(m.name, "hard link to a file not in the archive")
                dest = w.dest(rel)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, dest)
                w.result.files += 1
            else:
                raise UnsafeArchiveError(m.name, "device, FIFO or other special file")
    return w.result


def extract_zip(
    path: Path,
    root: Path,
    *,
    cpu_only: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExtractResult:
    w = _Writer(root, cpu_only, on_bytes, should_stop)
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        for info in infos:  # check everything before writing anything
            safe_relpath(info.filename)
        for info in infos:
            w.check_stop()
            rel = safe_relpath(info.filename)
            mode = info.external_attr >> 16
            if cpu_only and is_gpu_library(rel):
                w.result.bytes_skipped += info.file_size
                continue
            if info.is_dir():
                w.directory(rel)
            elif stat.S_ISLNK(mode):
                target = zf.read(info).decode("utf-8", "replace")
                w.symlink(info.filename, rel, target)
            elif mode and not stat.S_ISREG(mode):
                raise UnsafeArchiveError(info.filename, "device, FIFO or other special file")
            else:
                with zf.open(info) as src:
                    w.file(rel, src, mode or 0o644)
    return w.result


def extract_archive(
    path: Path,
    kind: ArchiveKind,
    root: Path,
    *,
    cpu_only: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExtractResult:
    """Unpack ``path`` (a verified download) into ``root`` (an empty staging folder), then
    refuse it when any link, fully resolved, leads outside ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    with _as_archive_errors():
        result = _extract(path, kind, root, cpu_only, on_bytes, should_stop)
    escaping = links_escaping(root)
    if escaping:
        raise UnsafeArchiveError(escaping[0], "link resolves outside the install folder")
    return result


def _extract(
    path: Path,
    kind: ArchiveKind,
    root: Path,
    cpu_only: bool,
    on_bytes: Callable[[int], None] | None,
    should_stop: Callable[[], bool] | None,
) -> ExtractResult:
    if kind is ArchiveKind.ZIP:
        return extract_zip(
            path, root, cpu_only=cpu_only, on_bytes=on_bytes, should_stop=should_stop
        )
    with open(path, "rb") as raw:
        if kind is ArchiveKind.TAR_ZST:
            dctx = zstandard.ZstdDecompressor()
            with dctx.stream_reader(raw) as reader:
                return extract_tar(
                    reader, root, cpu_only=cpu_only, on_bytes=on_bytes, should_stop=should_stop
                )
        if kind is ArchiveKind.TGZ:
            return extract_tar(
                raw, root, cpu_only=cpu_only, on_bytes=on_bytes, should_stop=should_stop
            )
    raise UnsafeArchiveError(path.name, "not an archive this app can unpack")


def uncompressed_size(path: Path, kind: ArchiveKind, cpu_only: bool = False) -> tuple[int, int]:
    """(bytes to write, bytes a CPU-only install leaves out), reading the listing only.
    ArchiveFormatError when the archive cannot be read."""
    with _as_archive_errors():
        return _uncompressed_size(path, kind, cpu_only)


def _uncompressed_size(path: Path, kind: ArchiveKind, cpu_only: bool) -> tuple[int, int]:
    total = skipped = 0
    if kind is ArchiveKind.ZIP:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if is_gpu_library(info.filename):
                    skipped += info.file_size
                total += info.file_size
    else:
        with open(path, "rb") as raw:
            src: BinaryIO = raw
            if kind is ArchiveKind.TAR_ZST:
                src = zstandard.ZstdDecompressor().stream_reader(raw)
            with tarfile.open(fileobj=src, mode="r|*") as tar:
                for m in tar:
                    if m.isfile():
                        total += m.size
                        if is_gpu_library(m.name):
                            skipped += m.size
    return (total - skipped if cpu_only else total), skipped
