"""This machine: memory, a hardware fingerprint and a short memory-bandwidth test."""

from __future__ import annotations

import hashlib
import os
import platform
import time
from collections.abc import Callable

import psutil

from desktop.core.models.forecast import MachineMemory

BANDWIDTH_BLOCK = 64 << 20  # larger than any CPU cache, so the copy goes to RAM


def machine_memory() -> MachineMemory:
    vm = psutil.virtual_memory()
    sw = psutil.swap_memory()
    return MachineMemory(total=int(vm.total), available=int(vm.available),
                         swap_total=int(sw.total), swap_free=int(sw.free))


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


def measure_bandwidth(duration: float = 0.3, block: int = BANDWIDTH_BLOCK,
                      should_stop: Callable[[], bool] | None = None) -> float:
    """Bytes per second moved by a large memory copy (read + write counted), best of
    several copies over about ``duration`` seconds. Blocking: call it off the UI thread."""
    src = bytearray(block)
    dst = bytearray(block)
    src[:] = b"\x5a" * block  # touch every page so the copy does not measure page faults
    s, d = memoryview(src), memoryview(dst)
    best = 0.0
    deadline = time.perf_counter() + duration
    runs = 0
    while runs < 3 or time.perf_counter() < deadline:
        if should_stop is not None and should_stop():
            break
        t0 = time.perf_counter()
        d[:] = s
        dt = time.perf_counter() - t0
        if dt > 0:
            best = max(best, 2 * block / dt)
        runs += 1
        if runs >= 50:
            break
    return best
