"""Forecast against measurement, printed: calibrated from ONE model (gemma3:270m) through
the app's own benchmark, the forecast for every model a real Ollama 0.33.0-rc2 was recorded
with on a shared 2-core machine (tests/fixtures/real-speed/sizes; figures taken on quiet
moments, the load of each answer recorded). Run:

    .venv/bin/python -m pytest benchmarks/test_forecast_accuracy.py -q -s

Columns: the forecast range at 4,096 tokens of context and its single figure, the median of
the server's own tokens/s over three answers of 128 tokens, the error of the range's
midpoint, and whether the measured speed is inside the range. Calibrated from gemma3:270m
the midpoint must be within 10 % for every Q4_K_M and Q8_0 model, and from any one model the
measured speed inside the range for every model (the same criteria as
tests/bench/test_calibration_real.py, which also leaves one other model out); any other
recorded calibration is printed for comparison."""

from __future__ import annotations

import pytest

from tests.bench.real_speed import accuracy, calibrated_models, table

PRIMARY = "gemma3:270m"
BUDGET = 0.10  # midpoint error


@pytest.mark.parametrize("calibrated_on", calibrated_models())
def test_forecast_accuracy_table(calibrated_on: str) -> None:
    """The table, and what holds from any one model: every model inside its range."""
    rows = accuracy(calibrated_on)
    print()
    print(table(rows, calibrated_on))
    worst = max(abs(r.error) for r in rows)
    outside = [r.model for r in rows if not r.inside]
    print(f"worst midpoint error {worst * 100:.1f} %, outside the range: {outside or 'none'}")
    assert len(rows) >= 10 and not outside, table(rows, calibrated_on)


def test_every_midpoint_within_ten_percent_calibrated_from_the_270m() -> None:
    """The issue's criterion on its scope (Q4_K_M and Q8_0, 270M to 4B); the other types
    of the 4B are printed above (Q5_0 16 % fast)."""
    scope = ("gemma3:270m", "gemma3-synth:1b", "gemma3-synth:4b-q4", "gemma3-synth:4b-q8")
    rows = [r for r in accuracy(PRIMARY) if r.model.startswith(scope)]
    rows = [r for r in rows if r.quantization in ("Q4_K_M", "Q8_0")]
    assert len(rows) == 6
    assert max(abs(r.error) for r in rows) <= BUDGET, table(rows, PRIMARY)
    assert all(r.inside for r in rows), table(rows, PRIMARY)
