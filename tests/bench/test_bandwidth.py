"""The memory read test (all generating threads at once): repeated with the median taken,
kept apart from a busy reading, re-measured on other hardware and when stale."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.core import read_test
from desktop.core.machine import BandwidthReading, measure_bandwidth_repeated
from desktop.core.models.bandwidth_cache import (
    BandwidthRecord,
    keep_or_replace,
    load_bandwidth,
    save_bandwidth,
)
from desktop.services.models.measurements import BandwidthService


def test_repeated_test_takes_the_median_and_says_how_busy_the_machine_was():
    r = measure_bandwidth_repeated(repeats=3, duration=0.01, block=4 << 20)
    assert len(r.samples) == 3 and r.median == sorted(r.samples)[1] > 0
    assert r.busy_cores >= 0
    assert BandwidthReading(1.0, (1.0,), 1.5, 2.0).busy
    assert not BandwidthReading(1.0, (1.0,), 0.1, 0.2).busy


def test_busy_reading_does_not_replace_a_quiet_one():
    quiet = BandwidthRecord(40e9, "fp", 0.0)
    busy = BandwidthRecord(15e9, "fp", 1.0, busy=True)
    assert keep_or_replace(quiet, busy) is quiet
    assert keep_or_replace(None, busy) is busy  # flagged, better than nothing
    assert keep_or_replace(busy, quiet) is quiet


def test_stale_after_a_week_and_other_hardware_is_not_loaded(tmp_path: Path):
    week_ago = time.time() - 8 * 86400
    save_bandwidth(tmp_path, 40e9, "fp", samples=(39e9, 40e9, 41e9), now=week_ago)
    rec = load_bandwidth(tmp_path, "fp")
    assert rec is not None and rec.stale() and rec.samples == (39e9, 40e9, 41e9)
    assert load_bandwidth(tmp_path, "new-cpu") is None


def test_service_remeasures_a_stale_figure(qtbot, tmp_path: Path):
    from desktop.services.tasks import TaskRunner

    runner = TaskRunner()
    svc = BandwidthService(runner, tmp_path)
    save_bandwidth(tmp_path, 1e9, svc.fingerprint, now=time.time() - 30 * 86400)
    svc = BandwidthService(runner, tmp_path)
    assert svc.stale and svc.bandwidth == 1e9
    with qtbot.waitSignal(svc.measured, timeout=20000):
        svc.ensure()
    if svc.last_busy:  # a busy machine's reading does not replace a quiet figure
        assert svc.bandwidth == 1e9
    else:
        assert svc.bandwidth is not None and svc.bandwidth != 1e9 and not svc.stale
    runner.shutdown()


def test_the_read_test_runs_its_threads_at_once_and_stops_when_asked(monkeypatch) -> None:
    one = read_test.measure_read(1, duration=0.05, total=8 << 20)
    two = read_test.measure_read(2, duration=0.05, total=8 << 20)
    assert one > 1e8 and two > 1e8  # bytes per second, read from buffers of their own
    calls = []
    stopped = read_test.measure_read(
        2, duration=5.0, total=4 << 20, should_stop=lambda: bool(calls.append(1) or len(calls) > 2)
    )
    assert stopped > 0 and len(calls) == 3  # asked before each round: two rounds, then done
    # no C library to call: a copy through ctypes, its reads counted
    monkeypatch.setattr(read_test, "_memchr", lambda: None)
    assert read_test.measure_read(2, duration=0.02, total=4 << 20) > 1e8
