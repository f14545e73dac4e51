"""Forecast against measurement, printed: calibrated from ONE model (gemma3:270m) through
the app's own benchmark, the forecast for every model a real Ollama 0.33.0-rc2 was recorded
with on a shared 2-core machine (tests/fixtures/real-speed/sizes; figures taken on quiet
moments, the load of each answer recorded). Run:

    .venv/bin/python -m pytest benchmarks/test_forecast_accuracy.py -q -s

Columns: the forecast range at 4,096 tokens of context and its single figure, the median of
the server's own tokens/s over three answers of 128 tokens, the error of the range's
midpoint, and whether the measured speed is inside the range. Calibrated from gemma3:270m
the midpoint must be within 10 % and the measured speed inside the range for every model
(the same criteria as tests/bench/test_calibration_real.py, which also leaves one other
model out): not met yet, a strict xfail until it is; any other recorded calibration is
printed for comparison."""

from __future__ import annotations

import pytest

from tests.bench.real_speed import accuracy, calibrated_models, table

PRIMARY = "gemma3:270m"
BUDGET = 0.10  # midpoint error


@pytest.mark.parametrize("calibrated_on", calibrated_models())
def test_forecast_accuracy_table(calibrated_on: str) -> None:
    """The table, and what holds today: every model below 4B inside its range."""
    rows = accuracy(calibrated_on)
    print()
    print(table(rows, calibrated_on))
    worst = max(abs(r.error) for r in rows)
    outside = [r.model for r in rows if not r.inside]
    print(f"worst midpoint error {worst * 100:.1f} %, outside the range: {outside or 'none'}")
    if calibrated_on == PRIMARY:
        assert len(rows) >= 5
        assert not [m for m in outside if "4b" not in m], table(rows, calibrated_on)


@pytest.mark.xfail(
    strict=True,
    reason="issue 22 open: from the 270M the 4B Q4_K_M forecast is 36 % low and outside its "
    "range (the memory term rests on a one-thread copy test, about 20 GB/s; the 4B read at "
    "least 27 GB/s), the 270M Q8_0 and 1B Q4_K_M 13 % low",
)
def test_every_midpoint_within_ten_percent_calibrated_from_the_270m() -> None:
    rows = accuracy(PRIMARY)
    assert max(abs(r.error) for r in rows) <= BUDGET, table(rows, PRIMARY)
    assert all(r.inside for r in rows), table(rows, PRIMARY)
