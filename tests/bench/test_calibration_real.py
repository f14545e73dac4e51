"""The calibrated forecast against a real Ollama 0.33.0-rc2's own figures, across sizes
(270M, 1B, 4B) and quantizations (Q4_K_M, Q8_0), on the recorded 2-core machine
(tests/fixtures/real-speed/sizes): calibrated from ONE model through the app's own
benchmark, the forecast's midpoint is within 10 % of the measured speed and the measured
speed is inside the shown range, for every recorded model; the same calibrated from the 1B
Q4_K_M instead (leave one out). benchmarks/test_forecast_accuracy.py prints the table."""

from __future__ import annotations

import pytest

from tests.bench.real_speed import accuracy, calibrated_models, recordings, table

PRIMARY = "gemma3-270m"  # the model the app offers for calibration
LEAVE_ONE_OUT = "gemma3-synth-1b-q4"


def test_the_recordings_span_sizes_and_quantizations():
    recs = recordings()
    sizes = {r["parameter_size"] for r in recs.values()}
    quants = {r["quantization"] for r in recs.values()}
    assert {"268.10M", "999.89M"} <= sizes and len(sizes) >= 3
    assert {"Q4_K_M", "Q8_0"} <= quants
    for r in recs.values():  # three quiet answers each, by the server's own figures
        assert len(r["runs"]) >= 3
        assert all(run["other_cpu_cores"] < 0.15 for run in r["runs"])
    assert {PRIMARY, LEAVE_ONE_OUT} <= set(calibrated_models())


@pytest.mark.parametrize("calibrated_on", [PRIMARY, LEAVE_ONE_OUT])
def test_calibrated_from_one_model_the_forecast_holds_for_every_other(calibrated_on: str):
    rows = accuracy(calibrated_on)
    print(table(rows, calibrated_on))
    assert len(rows) >= 5
    for r in rows:
        assert abs(r.error) <= 0.10, table(rows, calibrated_on)
        assert r.inside, table(rows, calibrated_on)


def test_q8_0_is_not_forecast_slower_where_it_measured_as_fast():
    """The issue's finding: on 2 cores these models are compute-bound, and Q8_0 (fewer
    unpacking steps) runs about as fast as Q4_K_M; a bytes-only forecast had it 13-33 %
    slower."""
    rows = {r.model: r for r in accuracy(PRIMARY)}
    for small, large in (
        ("gemma3:270m", "gemma3:270m-q8"),
        ("gemma3-synth:1b-q4", "gemma3-synth:1b-q8"),
    ):
        measured = rows[large].measured / rows[small].measured
        forecast = rows[large].estimate / rows[small].estimate
        assert forecast == pytest.approx(measured, abs=0.12)
