"""What keeps the idle chat tab cheap: charts that redraw only what is new, a blank chart
that is not repainted, /proc readings that match psutil's, a server scan that backs off."""

from __future__ import annotations

import psutil
import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.core.chat.metrics import Series
from desktop.core.chat.processes import cpu_percent_between, parse_cpu_times, parse_meminfo
from desktop.services.chat import monitor as monitor_mod
from desktop.services.chat.monitor import ProcessSampler
from desktop.ui.chat.perf_panel import Sparkline


def points(chart: Sparkline) -> list[list[tuple[float, float]]]:
    chart._sync()
    return [[(seg.at(i).x(), seg.at(i).y()) for i in range(seg.size())] for seg in chart._segments]


def test_sparkline_keeps_the_window_and_its_gaps(qtbot: QtBot) -> None:
    series = Series(4)
    chart = Sparkline(series, QColor("red"), ceiling=100.0)
    qtbot.addWidget(chart)
    for v in (10.0, 250.0, None, 30.0):
        series.push(v)
    # data coordinates: x = the sample's number; over the ceiling is drawn at the top
    assert points(chart) == [[(0, 10.0), (1, 100.0)], [(3, 30.0)]]
    for v in (40.0, 50.0, None, None, 60.0):  # pushed between two paints: synced at once
        series.push(v)
    assert series.newest(4) == [50.0, None, None, 60.0]
    assert points(chart) == [[(5, 50.0)], [(8, 60.0)]]
    for _ in range(4):
        series.push(None)
    assert points(chart) == []


def test_blank_chart_is_not_repainted(qtbot: QtBot) -> None:
    series = Series(10)
    chart = Sparkline(series, QColor("red"))
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.waitUntil(lambda: chart.paints >= 1)
    before = chart.paints
    for _ in range(3):
        series.push(None)
        chart.refresh()
    qtbot.wait(50)
    assert chart.paints == before  # nothing to show: no repaint
    series.push(5.0)
    chart.refresh()
    qtbot.waitUntil(lambda: chart.paints > before, timeout=1000)


def test_proc_readings_match_psutil() -> None:
    mem = parse_meminfo(
        "MemTotal:  1000 kB\nMemFree: 10 kB\nMemAvailable:   600 kB\n"
        "SwapCached: 0 kB\nSwapTotal: 200 kB\nSwapFree: 50 kB\n"
    )
    assert mem == (1000 * 1024, 600 * 1024, 200 * 1024, 50 * 1024)
    assert parse_meminfo("MemTotal: 1 kB\n") is None
    a = parse_cpu_times("cpu  100 0 50 800 50 0 0 0 30 0")
    b = parse_cpu_times("cpu  160 0 70 900 70 0 0 0 40 0")
    assert a == (150.0, 1000.0)  # guest (30) is inside user already; iowait is idle
    assert a and b and cpu_percent_between(a, b) == pytest.approx(100 * 80 / 200)
    assert cpu_percent_between(b, b) == 0.0
    assert parse_cpu_times("intr 1 2 3") is None
    if monitor_mod._LINUX:
        sampler = ProcessSampler()
        s = sampler.sample()
        vm, sw = psutil.virtual_memory(), psutil.swap_memory()
        assert s.ram_total == vm.total and s.swap_total == sw.total
        assert abs(s.ram_used - (vm.total - vm.available)) < vm.total * 0.05


def test_server_scan_backs_off_and_rescan_looks_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    looks: list[int] = []
    monkeypatch.setattr(monitor_mod, "_named_like_ollama", lambda: looks.append(1) or [])
    sampler = ProcessSampler()
    t = 1000.0
    for _ in range(200):  # 200 s without any Ollama process
        sampler.ollama_processes(t)
        t += 1.0
    # 10, 20, 40, then every 60 s: 0, 10, 30, 70, 130, 190
    assert len(looks) == 6
    sampler.rescan()  # e.g. the user sends a message
    sampler.ollama_processes(t)
    assert len(looks) == 7
    sampler.ollama_processes(t + 1)
    assert len(looks) == 7
