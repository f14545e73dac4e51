"""CPU-load probes for benchmark tests. The machine the tests run on is shared and busy, so
tests that are not about load pin the probe to a quiet machine; the tests about load use
the real probe beside a real CPU burner (tests/bench/test_busy_machine.py)."""

from __future__ import annotations

import time

from desktop.core.bench.load import CpuSnapshot


def quiet() -> CpuSnapshot:
    """A machine on which nothing but Ollama and the app ever runs."""
    return CpuSnapshot(time.monotonic(), 0.0, {})


# for `ollama-desk` started as a subprocess: the same pin, set before the CLI imports it
CLI_QUIET = (
    "import time, desktop.core.bench.load as L; "
    "L.probe_for = lambda _port: lambda: L.CpuSnapshot(time.monotonic(), 0.0, {}); "
)
