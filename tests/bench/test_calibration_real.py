"""The calibrated forecast against a real Ollama 0.33.0-rc2's own figures, across sizes
(270M, 1B, 4B) and quantizations (Q4_K_M, Q8_0; the 4B also at Q4_0, Q5_0, Q5_K_M and
Q6_K), on the recorded 2-core machine (tests/fixtures/real-speed/sizes): calibrated from
ONE model's recording as the app reads its own benchmark, the measured speed is inside the
shown range for every recorded model, calibrated from any of them; calibrated from
gemma3:270m (the model the app offers for calibration) the range's midpoint is within 10 %
of the measured speed for every Q4_K_M and Q8_0 model from 270M to 4B (issue 22).
benchmarks/test_forecast_accuracy.py prints the tables.

Known gaps (strict xfail): calibrated from the 1B Q8_0 instead, the 4B Q8_0 is forecast
11.6 % fast; from gemma3:270m, the 4B Q5_0 16 % fast. The machine's own noise is of that
order: the 270M measured 56.7 tok/s on one evening and 69.6 on the next."""

from __future__ import annotations

import pytest

from tests.bench.real_speed import accuracy, calibrated_models, quiet_runs, recordings, table

PRIMARY = "gemma3:270m"  # the model the app offers for calibration
LEAVE_ONE_OUT = "gemma3-synth:1b-q8"
# the scope: Q4_K_M and Q8_0 from 270M to 4B
SCOPE = {
    "gemma3:270m",
    "gemma3:270m-q8",
    "gemma3-synth:1b-q4",
    "gemma3-synth:1b-q8",
    "gemma3-synth:4b-q4",
    "gemma3-synth:4b-q8",
}


def test_the_recordings_span_sizes_and_quantizations():
    recs = recordings()
    sizes = {r["parameter_size"] for r in recs.values()}
    quants = {r["quantization"] for r in recs.values()}
    assert {"268.10M", "999.89M", "3.9B"} <= sizes
    assert {"Q4_K_M", "Q8_0"} <= quants
    for name, r in recs.items():  # quiet answers, by the server's own figures
        runs = quiet_runs(r)
        assert len(runs) >= 3, name
        assert all(run["other_cpu_cores"] < 0.15 for run in runs)
        assert all(run["server_other_process_cores"] < 0.15 for run in runs)
    assert {PRIMARY, LEAVE_ONE_OUT} <= set(calibrated_models())


@pytest.mark.parametrize("calibrated_on", calibrated_models())
def test_calibrated_from_any_one_model_every_model_is_inside_its_range(calibrated_on: str):
    rows = accuracy(calibrated_on)
    assert len(rows) >= 10
    assert all(r.inside for r in rows), table(rows, calibrated_on)


def test_calibrated_from_the_270m_every_midpoint_is_within_ten_percent():
    rows = [r for r in accuracy(PRIMARY) if r.model in SCOPE]
    assert len(rows) == len(SCOPE)
    for r in rows:
        assert abs(r.error) <= 0.10 and r.inside, table(rows, PRIMARY)


@pytest.mark.xfail(strict=True, reason="the 4B Q8_0 11.6 % fast from the 1B Q8_0 (module note)")
def test_calibrated_from_the_1b_q8_every_midpoint_is_within_ten_percent():
    rows = [r for r in accuracy(LEAVE_ONE_OUT) if r.model in SCOPE]
    for r in rows:
        assert abs(r.error) <= 0.10 and r.inside, table(rows, LEAVE_ONE_OUT)


def test_q8_0_is_not_forecast_slower_where_it_measured_as_fast():
    """The issue's finding: on 2 cores Q8_0 (fewer unpacking steps) runs about as fast as
    Q4_K_M; a bytes-only forecast had the 1B Q8_0 at 0.76 of the Q4_K_M."""
    rows = {r.model: r for r in accuracy(PRIMARY)}
    small, large = "gemma3-synth:1b-q4", "gemma3-synth:1b-q8"
    measured = rows[large].measured / rows[small].measured
    forecast = rows[large].estimate / rows[small].estimate
    assert forecast == pytest.approx(measured, abs=0.12)
