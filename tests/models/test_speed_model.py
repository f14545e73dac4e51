"""The speed model's physics on synthetic machines (no Qt): compute-bound machines run Q8_0
as fast as Q4_K_M, memory-bound ones are paced by bytes, one benchmark pins the compute
speed, several sizes pin bandwidth and fixed work, ranges widen with distance."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.api_types import ModelShow
from desktop.core.models.calibration import (
    MachineModel,
    SpeedSample,
    fit,
    solve_speed,
    uncalibrated,
)
from desktop.core.models.catalog import load_catalog
from desktop.core.models.estimate import show_load, tag_load, work_at
from desktop.core.models.forecast import Architecture
from desktop.core.models.token_work import Work

SHOWS = Path(__file__).resolve().parents[1] / "fixtures" / "real-speed" / "show"


def real_work(name: str, position: int = 146) -> Work:
    d = json.loads((SHOWS / name).read_text())
    s = ModelShow.from_json(name, d)
    load = show_load(s, 0, s.details.quantization_level)
    return work_at(load, Architecture.from_model_info(s.model_info), position)


def catalog_work(name: str, quant: str, position: int = 146) -> Work:
    tag = load_catalog().find(name)
    assert tag is not None
    return work_at(tag_load(tag, quant, tag.size), tag.arch, position)


G270_Q4, G270_Q8 = real_work("gemma3_270m.json"), real_work("gemma3_270m-q8.json")
G1B_Q4, G1B_Q8 = real_work("gemma3-synth_1b-q4.json"), real_work("gemma3-synth_1b-q8.json")


G4B_Q4, G4B_Q8 = real_work("gemma3-synth_4b-q4.json"), real_work("gemma3-synth_4b-q8.json")


def test_on_a_compute_bound_machine_the_types_arithmetic_decides_not_their_bytes():
    """2 cores, fast memory (the issue's machine, recorded): at 270M and 1B, where the
    matrices that do not divide into 256-weight blocks fall back to Q5_0 and Q8_0, Q8_0 ran
    within 10 % of Q4_K_M (68.5 / 69.6 tok/s, 22.5 / 25.0); at 4B, all Q4_K and Q6_K, Q8_0
    ran at half its speed (5.5 / 10.7), three times the 4-bit file's bytes ratio."""
    machine = MachineModel(speed=23e9, bandwidth=40e9)
    assert not machine.memory_bound(G270_Q8) and not machine.memory_bound(G4B_Q8)
    assert machine.tokens_per_s(G270_Q8) / machine.tokens_per_s(G270_Q4) == pytest.approx(
        0.98, abs=0.08
    )
    assert machine.tokens_per_s(G1B_Q8) / machine.tokens_per_s(G1B_Q4) == pytest.approx(
        0.9, abs=0.08
    )
    assert machine.tokens_per_s(G4B_Q8) / machine.tokens_per_s(G4B_Q4) == pytest.approx(
        0.51, abs=0.06
    )
    # a bytes-only model would have said 0.87, 0.75 and 0.60
    assert G270_Q8.bytes > G270_Q4.bytes * 1.1 and G1B_Q8.bytes > G1B_Q4.bytes * 1.3


def test_on_a_memory_bound_machine_the_bytes_decide():
    """16 cores, slow memory (a laptop on battery): the larger file is the slower one."""
    machine = MachineModel(speed=200e9, bandwidth=12e9)
    assert machine.memory_bound(G1B_Q8)
    ratio = machine.tokens_per_s(G1B_Q8) / machine.tokens_per_s(G1B_Q4)
    assert ratio == pytest.approx(G1B_Q4.bytes / G1B_Q8.bytes, rel=0.1)


def test_one_benchmark_reproduces_itself_and_pins_compute_speed():
    cal = fit([SpeedSample("gemma3:270m", G270_Q4, 67.4, 3, 0.02)], 43e9)
    assert cal is not None and cal.calibrated and not cal.fitted
    for h in cal.hypotheses:  # every allowed bandwidth reproduces the measurement
        assert h.tokens_per_s(G270_Q4) == pytest.approx(67.4, rel=1e-6)
    assert cal.estimate(G270_Q4) == pytest.approx(67.4, rel=1e-6)
    low, high = cal.speed_range(G270_Q4, G270_Q4)
    assert low < 67.4 < high and high / low < 1.2  # itself: only run noise


def test_ranges_widen_with_distance_from_the_benchmarked_model():
    cal = fit([SpeedSample("gemma3:270m", G270_Q4, 67.4)], 43e9)
    assert cal is not None
    near = cal.margin_for(G270_Q4)
    q8 = cal.margin_for(G270_Q8)  # same size, another type mix
    big = catalog_work("gemma3:27b", "Q4_K_M")  # another type mix, a hundred times the work
    assert near < q8 < cal.margin_for(big)
    guessed = Work(G270_Q4.matmul, G270_Q4.fixed, G270_Q4.bytes, G270_Q4.shares, guess=0.12)
    assert cal.margin_for(guessed) == pytest.approx(near + 0.12)


def test_a_measurement_faster_than_the_copy_test_allows_raises_the_bandwidth():
    """A memory-bound model measured faster than the read figure would allow: the
    measurement wins over the prior."""
    cal = fit([SpeedSample("m", G1B_Q8, 30.0)], 10e9)  # needs 32 GB/s of reads
    assert cal is not None
    assert all(h.bandwidth >= G1B_Q8.bytes * 30.0 for h in cal.hypotheses)
    assert cal.estimate(G1B_Q8) == pytest.approx(30.0, rel=1e-3)


def test_models_of_several_sizes_pin_bandwidth_and_fixed_work():
    truth = MachineModel(speed=15e9, bandwidth=30e9, fixed_scale=1.4)
    samples = [
        SpeedSample(n, w, truth.tokens_per_s(w))
        for n, w in (("270m", G270_Q4), ("1b", G1B_Q4), ("1b-q8", G1B_Q8))
    ]
    cal = fit(samples, 25e9)
    assert cal is not None and cal.fitted
    target = catalog_work("gemma3:4b", "Q4_K_M")
    assert cal.estimate(target) == pytest.approx(truth.tokens_per_s(target), rel=0.05)
    low, high = cal.speed_range(target, target)
    assert low <= truth.tokens_per_s(target) <= high


def test_uncalibrated_is_wide_and_grows_with_cores():
    two, eight = uncalibrated(20e9, 2), uncalibrated(20e9, 8)
    assert not two.calibrated and two.basis == ()
    lo2, hi2 = two.speed_range(G1B_Q4, G1B_Q4)
    lo8, hi8 = eight.speed_range(G1B_Q4, G1B_Q4)
    assert hi2 / lo2 > 3 and hi8 > hi2 and eight.estimate(G1B_Q4) > two.estimate(G1B_Q4)
    assert uncalibrated(None, 0).estimate(G1B_Q4) > 0  # nothing known: still a figure


def test_solving_for_speed_inverts_the_machine():
    m = MachineModel(speed=9e9, bandwidth=20e9, fixed_scale=0.7)
    tps = m.tokens_per_s(G1B_Q4)
    assert solve_speed(G1B_Q4, tps, 20e9, 0.7) == pytest.approx(9e9, rel=1e-6)
    assert solve_speed(G1B_Q4, 1e6, 20e9) == 0.0  # memory alone takes longer: impossible


works = st.builds(
    Work,
    st.floats(min_value=1e3, max_value=1e13),
    st.floats(min_value=1e3, max_value=1e10),
    st.floats(min_value=1e3, max_value=1e12),
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(works, st.floats(min_value=1e-3, max_value=5e3), st.sampled_from("abc")),
        max_size=5,
    ),
    st.none() | st.floats(min_value=1e8, max_value=5e12),
    works,
)
def test_fit_gives_finite_positive_ranges_or_nothing(samples, copy, target):
    cal = fit([SpeedSample(m, w, t) for w, t, m in samples], copy)
    if cal is None:
        return
    low, high = cal.speed_range(target, target)
    est = cal.estimate(target)
    assert all(math.isfinite(x) and x > 0 for x in (low, high, est))
    assert low <= high


def test_a_range_is_centred_on_its_figure_unless_that_would_say_nothing() -> None:
    """The figure shown as "about" is the middle of its range (a lopsided one told another
    story); a very wide range keeps its own ends rather than reach down to about 0."""
    from desktop.core.models.calibration import Calibration
    from desktop.core.models.forecast import forecast_speed

    w = G1B_Q8
    point = MachineModel(20e9, 40e9, 2)
    lopsided = Calibration(point, (point, MachineModel(28e9, 40e9, 2)), 0.04)
    fc = forecast_speed(w, w, w, lopsided)
    assert fc.low < fc.estimate < fc.high
    assert (fc.low + fc.high) / 2 == pytest.approx(fc.estimate)
    raw_low, raw_high = lopsided.speed_range(w, w)
    assert fc.low <= raw_low and fc.high >= raw_high  # only ever widened
    wide = Calibration(point, (point, MachineModel(80e9, 40e9, 2)), 0.04)
    fc = forecast_speed(w, w, w, wide)
    assert (fc.low, fc.high) == pytest.approx(wide.speed_range(w, w))
