"""Reads what energy figures need: RAPL counters (Linux powercap) or Ollama's CPU time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.chat.conversation import Energy
from desktop.core.chat.energy import (
    RaplZone,
    cpu_seconds_delta,
    estimate_joules,
    rapl_delta_joules,
)

POWERCAP = Path("/sys/class/powercap")
_PACKAGE_ZONE = re.compile(r"^intel-rapl:\d+$")  # AMD exposes the same names


def read_rapl(root: Path = POWERCAP) -> dict[str, RaplZone] | None:
    """Package zones' counters, or None when absent or not readable (usually root-only)."""
    zones: dict[str, RaplZone] = {}
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return None
    for d in entries:
        if not _PACKAGE_ZONE.match(d.name):
            continue
        try:
            energy = int((d / "energy_uj").read_text().strip())
            span = int((d / "max_energy_range_uj").read_text().strip())
        except (OSError, ValueError):
            return None
        zones[d.name] = RaplZone(energy, span)
    return zones or None


@dataclass(frozen=True)
class EnergySnapshot:
    rapl: dict[str, RaplZone] | None
    cpu: dict[int, float]


class EnergyMeter:
    """begin() before an answer, end() after it: "measured" from RAPL when readable, else
    an "estimate" from the Ollama processes' CPU seconds x watts per busy core."""

    def __init__(
        self, cpu_seconds: Callable[[], dict[int, float]], powercap: Path = POWERCAP
    ) -> None:
        self._cpu_seconds = cpu_seconds
        self.powercap = powercap

    def begin(self) -> EnergySnapshot:
        return EnergySnapshot(read_rapl(self.powercap), self._cpu_seconds())

    def end(self, start: EnergySnapshot, watts_per_core: float) -> Energy | None:
        if start.rapl is not None:
            after = read_rapl(self.powercap)
            if after is not None:
                return Energy(rapl_delta_joules(start.rapl, after), "measured")
        after_cpu = self._cpu_seconds()
        if not after_cpu:
            return None  # no Ollama process found on this computer
        seconds = cpu_seconds_delta(start.cpu, after_cpu)
        return Energy(estimate_joules(seconds, watts_per_core), "estimate")
