"""Energy of one answer: RAPL counters when readable ("measured"), else CPU time of the
Ollama processes x a per-core power figure ("estimate"). Pure maths; reading is in services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

J_PER_WH = 3600.0
J_PER_KWH = 3_600_000.0


@dataclass(frozen=True)
class RaplZone:
    energy_uj: int
    max_energy_range_uj: int


def rapl_delta_joules(before: Mapping[str, RaplZone], after: Mapping[str, RaplZone]) -> float:
    """Sum over package zones of the counter difference, allowing one wrap per zone."""
    total_uj = 0
    for name, end in after.items():
        start = before.get(name)
        if start is None:
            continue
        delta = end.energy_uj - start.energy_uj
        if delta < 0:  # the counter wrapped at max_energy_range_uj
            delta += end.max_energy_range_uj
        total_uj += max(0, delta)
    return total_uj / 1_000_000


def cpu_seconds_delta(before: Mapping[int, float], after: Mapping[int, float]) -> float:
    """CPU seconds used between two snapshots {pid: user+system seconds}. A process that
    appeared in between (a runner started to load the model) counts from zero."""
    total = 0.0
    for pid, end in after.items():
        total += max(0.0, end - before.get(pid, 0.0))
    return total


def estimate_joules(cpu_seconds: float, watts_per_core: float) -> float:
    return max(0.0, cpu_seconds) * max(0.0, watts_per_core)


def watt_hours(joules: float) -> float:
    return joules / J_PER_WH


def joules_per_token(joules: float, tokens: int) -> float | None:
    return joules / tokens if tokens > 0 else None


def co2_grams(joules: float, grams_per_kwh: float) -> float:
    return joules / J_PER_KWH * grams_per_kwh
