"""Property tests for what the benchmark feature reads from outside: the per-model thread
setting (a JSON text a user may edit), the bandwidth cache file, and measured speeds of any
shape fed to the calibration fit."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.bench.threads import parse_thread_defaults, with_thread_default
from desktop.core.models.bandwidth_cache import BANDWIDTH_FILE, load_bandwidth
from desktop.core.models.calibration import SpeedSample, fit

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = (
    scalars
    | st.lists(scalars, max_size=4)
    | st.dictionaries(
        st.sampled_from(["bandwidth", "fingerprint", "measured_at", "samples", "busy", "m:1b", "x"])
        | st.text(max_size=6),
        scalars | st.lists(scalars, max_size=3),
        max_size=6,
    )
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=60), json_values.map(json.dumps)))
def test_thread_setting_text_never_breaks(text: str):
    d = parse_thread_defaults(text)
    assert all(isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in d.items())
    again = parse_thread_defaults(with_thread_default(text, "m:1b", 3))
    assert again["m:1b"] == 3


@settings(max_examples=500, deadline=None)
@given(json_values)
def test_bandwidth_cache_of_any_shape_loads_or_is_ignored(value):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / BANDWIDTH_FILE).write_text(json.dumps(value))
        rec = load_bandwidth(folder, "fp")
    assert rec is None or rec.bandwidth > 0


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(min_value=1e6, max_value=1e11),
            st.floats(min_value=0.1, max_value=1000),
            st.sampled_from(["a", "b", "c"]),
        ),
        max_size=6,
    )
)
def test_fit_gives_finite_positive_speeds_or_nothing(samples):
    cal = fit([SpeedSample(m, b, t) for b, t, m in samples])
    if cal is None:
        assert not samples
        return
    low, high = cal.speed_range(5e8, 6e8)
    est = cal.estimate(5e8)
    assert all(math.isfinite(x) and x > 0 for x in (low, high, est))
    assert low <= high
