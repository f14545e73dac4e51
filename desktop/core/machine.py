"""This machine's facts, in one place: CPU, cores, SIMD, memory, disk, a hardware fingerprint
and a short memory-bandwidth test. Used by the doctor, the setup defaults and the forecasts.
No Qt, no processes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from desktop.core.bench.load import (
    Probe,
    benchmark_probe,
    busy_limit,
    others_cores,
    own_process_probe,
)
from desktop.core.models.forecast import MachineMemory
from desktop.core.read_test import TOTAL_BYTES, measure_read
from desktop.core.setup.platforms import normalize_arch

SIMD_FLAGS = (
    "avx",
    "avx2",
    "avx512f",
    "avx512_vnni",
    "avx512bw",
    "fma",
    "f16c",
    "neon",
    "asimd",
    "sve",
)


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
        os=platform.system(),
        arch=arch,
        cpu_model=model,
        physical_cores=psutil.cpu_count(logical=False) or 0,
        logical_cores=psutil.cpu_count(logical=True) or 0,
        simd=simd_summary(flags, arch),
        ram_total=int(vm.total),
        ram_available=int(vm.available),
        swap_total=int(sw.total),
        swap_used=int(sw.used),
    )


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


def machine_memory() -> MachineMemory:
    vm = psutil.virtual_memory()
    sw = psutil.swap_memory()
    return MachineMemory(
        total=int(vm.total),
        available=int(vm.available),
        swap_total=int(sw.total),
        swap_free=int(sw.free),
        cores=generating_threads(),
        simd=simd_family(),
    )


def generating_threads() -> int:
    """Threads Ollama generates with by default: the physical cores."""
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def simd_family() -> str:
    """Which of ggml's CPU kernels run here: "arm" (NEON) or "x86" (AVX2 and up)."""
    return "arm" if normalize_arch(platform.machine()) == "arm64" else "x86"


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def hardware_fingerprint() -> str:
    """Changes when the CPU, core count or installed RAM change (then re-measure)."""
    vm = psutil.virtual_memory()
    parts = [cpu_name(), platform.machine(), str(os.cpu_count()), str(vm.total // (256 << 20))]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def measure_bandwidth(
    duration: float = 0.3,
    block: int = TOTAL_BYTES,
    should_stop: Callable[[], bool] | None = None,
) -> float:
    """Bytes per second read from memory by as many threads as Ollama generates with (the
    read test, core/read_test.py), best of rounds over about ``duration`` seconds;
    ``block``: all threads' buffers together. Blocking: call it off the UI thread."""
    return measure_read(generating_threads(), duration, block, should_stop)


@dataclass(frozen=True)
class BandwidthReading:
    median: float  # bytes per second
    samples: tuple[float, ...]
    busy_cores: float  # CPU cores other programs used while the test ran
    load_avg: float  # 1-minute load average (0 where the OS has none)

    @property
    def busy(self) -> bool:
        return self.busy_cores >= busy_limit()


def busy_cores(interval: float = 0.5, probe: Probe = benchmark_probe) -> float:
    """CPU cores other programs (not Ollama, not this app) use over ``interval`` seconds.
    Blocking: call it off the UI thread."""
    before = probe()
    time.sleep(interval)
    return others_cores(before, probe())


def load_average() -> float:
    try:
        return float(os.getloadavg()[0])
    except (OSError, AttributeError):
        return 0.0


def measure_bandwidth_repeated(
    repeats: int = 5,
    duration: float = 0.15,
    block: int = TOTAL_BYTES,
    should_stop: Callable[[], bool] | None = None,
    probe: Probe = own_process_probe,
) -> BandwidthReading:
    """The read test ``repeats`` times, median taken (one slow repeat does not decide),
    with how much CPU other programs took while it ran (Ollama included: it competes for
    the same memory). Blocking: call it off the UI thread."""
    before = probe()
    samples: list[float] = []
    for _ in range(max(1, repeats)):
        if should_stop is not None and should_stop():
            break
        samples.append(measure_bandwidth(duration, block, should_stop))
    busy = others_cores(before, probe())
    good = [x for x in samples if x > 0] or [0.0]
    return BandwidthReading(statistics.median(good), tuple(samples), busy, load_average())
