"""The calibrated forecast against a real Ollama 0.33.0-rc2's own figures, across sizes
(270M, 1B, 4B) and quantizations (Q4_K_M, Q8_0), on the recorded 2-core machine
(tests/fixtures/real-speed/sizes): calibrated from ONE model's recording as the app reads
its own benchmark, the forecast's midpoint is within 10 % of the measured speed and the
measured speed is inside the shown range, for every recorded model; the same calibrated
from the 1B Q8_0 instead (leave one out). benchmarks/test_forecast_accuracy.py prints the
table.

Known gaps (strict xfail, issue 22 not closed): calibrated from gemma3:270m the midpoints
of the 270M Q8_0 and the 1B Q4_K_M are 13 % low, and the 4B runs much faster than forecast
(10.9 tok/s in its one undisturbed answer, 10.2 in the issue's quiet run; forecast 6.8,
range 4.0-9.9): the memory term, bounded by the single-threaded copy test, is too slow for
two threads streaming 2.5 GB a token. On this shared machine the 270M itself measured
56.7 here and 66-72 at quieter moments, which alone moves every forecast by 15-25 %."""

from __future__ import annotations

import pytest

from tests.bench.real_speed import accuracy, calibrated_models, quiet_runs, recordings, table

PRIMARY = "gemma3:270m"  # the model the app offers for calibration
LEAVE_ONE_OUT = "gemma3-synth:1b-q8"
LARGE = "gemma3-synth:4b-q4"  # one undisturbed answer (see the module note)


def test_the_recordings_span_sizes_and_quantizations():
    recs = recordings()
    sizes = {r["parameter_size"] for r in recs.values()}
    quants = {r["quantization"] for r in recs.values()}
    assert {"268.10M", "999.89M", "3.9B"} <= sizes
    assert {"Q4_K_M", "Q8_0"} <= quants
    for name, r in recs.items():  # quiet answers, by the server's own figures
        runs = quiet_runs(r)
        assert len(runs) >= (1 if name == LARGE else 2), name  # 1B Q4_K_M: 2 of 3
        assert all(run["other_cpu_cores"] < 0.15 for run in runs)
        assert all(run["server_other_process_cores"] < 0.15 for run in runs)
    assert {PRIMARY, LEAVE_ONE_OUT} <= set(calibrated_models())


@pytest.mark.parametrize("calibrated_on", [PRIMARY, LEAVE_ONE_OUT])
def test_calibrated_from_one_model_the_smaller_models_are_inside_the_range(calibrated_on: str):
    rows = accuracy(calibrated_on)
    print(table(rows, calibrated_on))
    assert len(rows) >= 5
    for r in rows:
        if r.model != LARGE:
            assert r.inside, table(rows, calibrated_on)


@pytest.mark.xfail(strict=True, reason="issue 22 criterion not met yet (see the module note)")
@pytest.mark.parametrize("calibrated_on", [PRIMARY, LEAVE_ONE_OUT])
def test_calibrated_from_one_model_every_midpoint_is_within_ten_percent(calibrated_on: str):
    rows = accuracy(calibrated_on)
    for r in rows:
        assert abs(r.error) <= 0.10 and r.inside, table(rows, calibrated_on)


def test_q8_0_is_not_forecast_slower_where_it_measured_as_fast():
    """The issue's finding: on 2 cores Q8_0 (fewer unpacking steps) runs about as fast as
    Q4_K_M; a bytes-only forecast had the 1B Q8_0 at 0.76 of the Q4_K_M."""
    rows = {r.model: r for r in accuracy(PRIMARY)}
    small, large = "gemma3-synth:1b-q4", "gemma3-synth:1b-q8"
    measured = rows[large].measured / rows[small].measured
    forecast = rows[large].estimate / rows[small].estimate
    assert forecast == pytest.approx(measured, abs=0.12)
