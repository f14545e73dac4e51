"""Hardware facts for the doctor and for CPU-friendly defaults (no Qt, no processes)."""

from __future__ import annotations

import contextlib
import platform
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from desktop.core.setup.platforms import normalize_arch

SIMD_FLAGS = ("avx", "avx2", "avx512f", "avx512_vnni", "avx512bw", "fma", "f16c", "neon",
              "asimd", "sve")


@dataclass
class HardwareFacts:
    os: str
    arch: str
    cpu_model: str
    physical_cores: int
    logical_cores: int
    simd: dict[str, bool] = field(default_factory=dict)
    ram_total: int = 0
    ram_available: int = 0
    swap_total: int = 0
    swap_used: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_cpuinfo(text: str) -> tuple[str, set[str]]:
    """(model name, flags) from Linux /proc/cpuinfo (x86 `flags`, ARM `Features`)."""
    model, flags = "", set[str]()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        k = key.strip().lower()
        if k in ("model name", "hardware", "cpu model") and not model:
            model = value.strip()
        elif k in ("flags", "features") and not flags:
            flags = set(value.split())
    return model, flags


def simd_summary(flags: set[str], arch: str) -> dict[str, bool]:
    return {
        "AVX2": "avx2" in flags,
        "AVX-512": "avx512f" in flags,
        # NEON (Advanced SIMD) is mandatory on arm64; Linux calls it asimd
        "NEON": arch == "arm64" or "neon" in flags or "asimd" in flags,
    }


def collect_hardware(cpuinfo_path: Path = Path("/proc/cpuinfo")) -> HardwareFacts:
    arch = normalize_arch(platform.machine())
    model, flags = "", set[str]()
    with contextlib.suppress(OSError):
        model, flags = parse_cpuinfo(cpuinfo_path.read_text(errors="replace"))
    model = model or platform.processor() or platform.machine()
    vm = psutil.virtual_memory()
    sw = psutil.swap_memory()
    return HardwareFacts(
        os=platform.system(), arch=arch, cpu_model=model,
        physical_cores=psutil.cpu_count(logical=False) or 0,
        logical_cores=psutil.cpu_count(logical=True) or 0,
        simd=simd_summary(flags, arch),
        ram_total=int(vm.total), ram_available=int(vm.available),
        swap_total=int(sw.total), swap_used=int(sw.used))


def disk_free(path: Path) -> int | None:
    """Free bytes on the disk holding ``path`` (or its nearest existing parent)."""
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return shutil.disk_usage(p).free
    except OSError:
        return None


def default_models_dir() -> Path:
    return Path.home() / ".ollama" / "models"


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"
