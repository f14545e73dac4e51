"""Recognise Ollama's server and runner processes from name and command line (§3.8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_SERVER_NAMES = ("ollama", "ollama.exe")
_RUNNER_NAMES = ("llama-server", "llama-server.exe", "ollama_llama_server",
                 "ollama_llama_server.exe", "ollama_llama_se")


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
