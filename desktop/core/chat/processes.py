"""Recognise Ollama's server and runner processes from name and command line (§3.8)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

_SERVER_NAMES = ("ollama", "ollama.exe")
_RUNNER_NAMES = (
    "llama-server",
    "llama-server.exe",
    "ollama_llama_server",
    "ollama_llama_server.exe",
    "ollama_llama_se",
)


def pid_namespace(pid: int | str) -> str:
    """The PID namespace of a process (Linux): a Docker container's processes, seen from
    the host, have another one than ours. "" where it cannot be read (not Linux, not ours)."""
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return ""


def in_a_container(pid: int, own: str) -> bool:
    """True when the process is known to be in another PID namespace than ``own``."""
    if not own:
        return False
    ns = pid_namespace(pid)
    return bool(ns) and ns != own


def _base(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower()


def is_server(name: str, cmdline: Sequence[str]) -> bool:
    """`ollama serve` (also `ollama.exe serve`)."""
    exe = _base(cmdline[0]) if cmdline else name.lower()
    return (exe in _SERVER_NAMES or name.lower() in _SERVER_NAMES) and "serve" in cmdline[1:]


def is_runner(name: str, cmdline: Sequence[str]) -> bool:
    """`llama-server` (v0.30+), `ollama runner` (v0.5.5-v0.24), `ollama_llama_server`
    (<= v0.5.4; Linux truncates its comm, so the command line decides)."""
    exe = _base(cmdline[0]) if cmdline else ""
    names = {name.lower(), exe}
    if names & set(_RUNNER_NAMES):
        return True
    return bool(names & set(_SERVER_NAMES)) and "runner" in cmdline[1:]


@dataclass(frozen=True)
class ProcStat:
    pid: int
    name: str
    cpu_percent: float  # of one core, as psutil reports (can exceed 100)
    rss: int
    cpu_seconds: float


@dataclass(frozen=True)
class MachineSample:
    """One 1 Hz reading of this computer and of the Ollama processes on it."""

    t: float
    cpu_percent: float
    ram_used: int
    ram_total: int
    swap_used: int
    swap_total: int
    server: ProcStat | None
    runners: tuple[ProcStat, ...]

    @property
    def ollama_cpu_percent(self) -> float | None:
        procs = ([self.server] if self.server else []) + list(self.runners)
        return sum(p.cpu_percent for p in procs) if procs else None

    @property
    def ollama_rss(self) -> int | None:
        procs = ([self.server] if self.server else []) + list(self.runners)
        return sum(p.rss for p in procs) if procs else None


def parse_meminfo(text: str) -> tuple[int, int, int, int] | None:
    """Linux /proc/meminfo -> (RAM total, RAM available, swap total, swap free) in bytes,
    the figures psutil's virtual_memory()/swap_memory() give; None if one is missing."""
    want = {"MemTotal:": 0, "MemAvailable:": 1, "SwapTotal:": 2, "SwapFree:": 3}
    out = [-1, -1, -1, -1]
    for line in text.splitlines():
        key, _, rest = line.partition(" ")
        i = want.get(key)
        if i is not None:
            try:
                out[i] = int(rest.split()[0]) * 1024  # kB
            except (IndexError, ValueError):
                return None
    if min(out) < 0:
        return None
    return out[0], out[1], out[2], out[3]


def parse_cpu_times(stat_first_line: str) -> tuple[float, float] | None:
    """The "cpu" line of Linux /proc/stat -> (busy, total) ticks as psutil counts them:
    guest time is already inside user/nice, iowait counts as idle."""
    parts = stat_first_line.split()
    if not parts or parts[0] != "cpu" or len(parts) < 5:
        return None
    try:
        ticks = [float(x) for x in parts[1:]]
    except ValueError:
        return None
    total = sum(ticks[:8])  # user nice system idle iowait irq softirq steal (not guest)
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0.0)
    return total - idle, total


def cpu_percent_between(before: tuple[float, float], after: tuple[float, float]) -> float:
    """Machine CPU % between two parse_cpu_times readings (0 when no time passed)."""
    busy = after[0] - before[0]
    total = after[1] - before[1]
    if total <= 0:
        return 0.0
    return max(0.0, min(100.0, 100.0 * busy / total))
