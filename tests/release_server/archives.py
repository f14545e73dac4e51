"""Real-shaped Ollama release archives built in memory: `.tar.zst`, `.tgz`, `.zip`."""

from __future__ import annotations

import hashlib
import io
import random
import stat
import tarfile
import zipfile
from dataclasses import dataclass

import zstandard

from tests.release_server.standin import standin_source

GPU_LIB_SIZE = 600_000
CPU_LIB_SIZE = 400_000


def noise(size: int, seed: int) -> bytes:
    """Incompressible bytes, so archives are big enough to drop mid-download."""
    return random.Random(seed).randbytes(size)


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes = b""
    mode: int = 0o644
    link: str | None = None  # symlink target
    kind: str = "file"  # file | dir | symlink | hardlink | fifo


def linux_tree(version: str) -> list[Entry]:
    """bin/ollama + lib/ollama/ (CPU libs, a symlink, and GPU runtimes a CPU-only install
    leaves out) — the layout of ollama-linux-<arch>.tar.zst."""
    return [
        Entry("bin", kind="dir", mode=0o755),
        Entry("bin/ollama", standin_source(version).encode(), 0o755),
        Entry("lib", kind="dir", mode=0o755),
        Entry("lib/ollama", kind="dir", mode=0o755),
        Entry("lib/ollama/libggml-base.so.0.0.0", b"\x7fELF base" * 1000),
        Entry("lib/ollama/libggml-base.so.0", kind="symlink", link="libggml-base.so.0.0.0"),
        Entry("lib/ollama/libggml-cpu.so", noise(CPU_LIB_SIZE, 1)),
        Entry("lib/ollama/llama-server", b"\x7fELF llama-server" * 500, 0o755),
        Entry("lib/ollama/cuda_v12", kind="dir", mode=0o755),
        Entry("lib/ollama/cuda_v12/libggml-cuda.so", noise(GPU_LIB_SIZE, 2)),
        Entry("lib/ollama/vulkan", kind="dir", mode=0o755),
        Entry("lib/ollama/vulkan/libggml-vulkan.so", noise(GPU_LIB_SIZE // 2, 3)),
    ]


def windows_tree(version: str) -> list[Entry]:
    # ollama.exe is the same Python stand-in, so it runs on this Linux test machine
    return [
        Entry("ollama.exe", standin_source(version).encode(), 0o755),
        Entry("lib/ollama/ggml-cpu.dll", noise(CPU_LIB_SIZE, 4)),
        Entry("lib/ollama/cuda_v12/ggml-cuda.dll", noise(GPU_LIB_SIZE, 5)),
    ]


def make_tar(entries: list[Entry], compression: str = "zst") -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for e in entries:
            info = tarfile.TarInfo(e.name)
            info.mode = e.mode
            info.mtime = 1_790_000_000
            if e.kind == "dir":
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif e.kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = e.link or ""
                tar.addfile(info)
            elif e.kind == "hardlink":
                info.type = tarfile.LNKTYPE
                info.linkname = e.link or ""
                tar.addfile(info)
            elif e.kind == "fifo":
                info.type = tarfile.FIFOTYPE
                tar.addfile(info)
            else:
                info.size = len(e.data)
                tar.addfile(info, io.BytesIO(e.data))
    data = raw.getvalue()
    if compression == "zst":
        return zstandard.ZstdCompressor(level=3).compress(data)
    if compression == "gz":
        import gzip

        return gzip.compress(data, mtime=0)
    return data


def make_zip(entries: list[Entry]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
        for e in entries:
            if e.kind == "dir":
                info = zipfile.ZipInfo(e.name.rstrip("/") + "/")
                info.external_attr = (stat.S_IFDIR | 0o755) << 16
                zf.writestr(info, b"")
            elif e.kind == "symlink":
                info = zipfile.ZipInfo(e.name)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, (e.link or "").encode())
            else:
                info = zipfile.ZipInfo(e.name)
                info.external_attr = (stat.S_IFREG | e.mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, e.data)
    return raw.getvalue()


def sha256sum_txt(files: dict[str, bytes]) -> str:
    """What `sha256sum ./*` prints in Ollama's release job: `<hex>  ./<name>`."""
    return "".join(f"{hashlib.sha256(d).hexdigest()}  ./{n}\n" for n, d in sorted(files.items()))
