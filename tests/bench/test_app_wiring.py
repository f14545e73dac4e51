"""The Benchmark tab as the app builds it: a tab of the window, asking the chat whether an
answer streams (the refusal itself: test_bench_tab), asking the Models tab for the tiny
calibration model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from tests.fake_ollama import FakeOllama, default_registry


@pytest.fixture(autouse=True)
def _no_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    monkeypatch.setenv("OLLAMA_DESK_NO_AUTOSTART", "1")


def test_benchmark_tab_is_wired_to_chat_and_models(qtbot: QtBot, fake_ollama: FakeOllama):
    desk = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(desk.window)
    bench = desk.bench
    assert bench is not None
    tabs = desk.window.tabs
    assert tabs.tabText(tabs.indexOf(bench)) == "Benchmark"
    assert bench.service.streaming() is False  # asks the chat (a rename there fails here)
    bench.pullRequested.emit("gemma3:270m")
    assert tabs.currentWidget() is desk.window.models_tab
    qtbot.waitUntil(lambda: "gemma3:270m" in fake_ollama.installed_names(), timeout=15000)
    desk.shutdown()


def test_benchmark_calibrates_the_models_tab_and_replaces_its_forecast(
    qtbot: QtBot, fake_ollama: FakeOllama
):
    fake_ollama.install(default_registry()["gemma3:270m"])
    fake_ollama.set_speed("gemma3:270m", 86.9)
    desk = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(desk.window)
    bench, models = desk.bench, desk.window.models_tab
    assert bench is not None
    library = models.model_library
    lm = models.library_presenter.model
    row = next(i for i, t in enumerate(lm.rows) if t.full_name == "gemma3:270m")
    before = library.forecast("gemma3:1b")
    assert before is None or before.speed is None or not before.speed.calibrated
    with qtbot.waitSignal(bench.service.finished, timeout=30000):
        bench.service.start(["gemma3:270m"], docker=False)
    qtbot.waitUntil(lambda: library.measured_speed("gemma3:270m") is not None, timeout=5000)
    assert library.measured_speed("gemma3:270m") == pytest.approx(86.9)
    cell = lm.data(lm.index(row, lm.SPEED_COL))
    assert cell == "measured 86.9"  # the measurement in place of the forecast...
    tip = lm.data(lm.index(row, lm.SPEED_COL), Qt.ItemDataRole.ToolTipRole)
    assert "calibrated by this machine's benchmarks of gemma3:270m" in tip  # ...kept here
    other = library.forecast("gemma3:1b")
    assert other is not None and other.speed is not None and other.speed.calibrated
    assert other.speed.high < 86.9
    other_row = next(i for i, t in enumerate(lm.rows) if t.full_name == "gemma3:1b")
    assert not lm.data(lm.index(other_row, lm.SPEED_COL)).startswith("~")
    desk.shutdown()


def test_models_tab_offers_calibration_until_calibrated(qtbot: QtBot, fake_ollama: FakeOllama):
    fake_ollama.set_speed("gemma3-270m:latest", 80.0)
    desk = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    bench, models = desk.bench, desk.window.models_tab
    assert bench is not None
    desk.window.tabs.setCurrentWidget(models)
    button = models.library.calibrate
    qtbot.waitUntil(button.isVisible, timeout=5000)  # uncalibrated: offered
    with qtbot.waitSignal(bench.service.finished, timeout=30000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done.args == [True]
    assert desk.window.tabs.currentWidget() is bench
    assert [r.model for r in bench.service.results] == ["gemma3-270m:latest"]  # smallest
    desk.window.tabs.setCurrentWidget(models)
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5000)  # calibrated: gone
    desk.shutdown()


def test_no_server_says_there_is_nothing_to_measure_not_that_it_failed(
    qtbot: QtBot, dead_url: str
) -> None:
    desk = build_app(host=dead_url, lang="en")
    qtbot.addWidget(desk.window)
    assert desk.bench is not None
    status = desk.bench.view.status
    desk.bench.presenter.refresh_models()
    qtbot.waitUntil(lambda: "No installed models to measure" in status.text(), timeout=10000)
    assert "failed" not in status.text()
    assert desk.bench.view.calibrate.text() == "Download and calibrate"  # short: never clipped
    assert "gemma3:270m" in desk.bench.view.calibration.text()  # what it will do, wrapped
    desk.shutdown()
