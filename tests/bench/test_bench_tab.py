"""The Benchmark tab against the fake server: run with progress, results in the table, chart
and sqlite, Cancel, refusal while the chat streams, export, thread tuner, native vs Docker."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.hosts import parse_ollama_host
from desktop.services.bench.service import BenchService
from desktop.services.ollama_service import OllamaService
from desktop.ui.bench.bench_tab import BenchTab
from desktop.ui.bench.outcome_text import threads_text
from tests.fake_ollama import FakeOllama, all_minilm, default_registry, gemma3_270m
from tests.server.fake_docker import FakeDocker

GEMMA = "gemma3-270m:latest"


def shown(qtbot, tab: BenchTab) -> None:
    tab.show()
    qtbot.waitUntil(lambda: tab.view.models.count() > 0, timeout=5000)


def test_run_fills_table_chart_calibration_and_survives_restart(
    qtbot, tab, bench, fake_ollama, runner, settings, tmp_path
):
    fake_ollama.install(default_registry()["qwen2.5:0.5b"])
    fake_ollama.set_speed(GEMMA, 86.9)
    fake_ollama.set_speed("qwen2.5:0.5b", 55.0)
    assert "uncalibrated" in tab.view.calibration.text()
    shown(qtbot, tab)
    for i in range(tab.view.models.count()):  # both, ticked by hand (one is the default)
        tab.view.models.item(i).setCheckState(Qt.CheckState.Checked)
    finished: list[bool] = []
    bench.finished.connect(finished.append)
    with qtbot.waitSignal(bench.progressed, timeout=5000):
        qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
    assert tab.view.cancel.isEnabled() and not tab.view.run.isEnabled()
    assert tab.view.progress.isVisibleTo(tab)
    qtbot.waitUntil(lambda: finished == [True], timeout=30000)
    assert tab.view.status.text() == (
        "Benchmark finished: the speed forecasts are calibrated on gemma3-270m:latest, "
        "qwen2.5:0.5b."
    )
    assert not tab.view.rerun.isVisible()
    t = tab.view.table
    rows = {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}
    assert rows == {GEMMA: "86.9", "qwen2.5:0.5b": "55.0"}
    assert [round(b.value, 3) for b in tab.view.chart.bars] == [86.9, 55.0]
    assert "calibrated on this machine's runs of" in tab.view.calibration.text()
    assert bench.measured(GEMMA) == pytest.approx(86.9) and bench.measured("x:1b") is None
    cal = bench.calibration
    assert cal is not None and cal.basis == (GEMMA, "qwen2.5:0.5b")
    # a restarted app reads the same results back from sqlite
    again = BenchService(runner, bench.ollama, settings, tmp_path / "data")
    with qtbot.waitSignal(again.resultsChanged, timeout=5000):
        again.load()
    assert again.measured("QWEN2.5:0.5b") == pytest.approx(55.0)
    assert again.results[0].options["temperature"] == 0.8


def test_defaults_to_the_chats_model_alone_without_docker(qtbot, tab, bench, fake_ollama):
    fake_ollama.install(default_registry()["qwen2.5:0.5b"])
    tab.presenter.chat_model = lambda: "qwen2.5:0.5b"
    shown(qtbot, tab)
    qtbot.waitUntil(lambda: tab.view.models.count() == 2, timeout=5000)
    assert tab.presenter.chosen_models() == ["qwen2.5:0.5b"]
    assert not tab.view.docker.isChecked()
    # a tick by hand survives a refresh of the list
    tab.view.models.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(bench.ollama.modelsChanged, timeout=2000):
        bench.ollama.modelsChanged.emit()
    qtbot.waitUntil(lambda: len(tab.presenter.chosen_models()) == 2, timeout=5000)
    # no chat model: the smallest installed one, the quickest to measure
    tab.presenter.chat_model = lambda: ""
    tab.presenter._models([])
    tab.presenter.refresh_models()
    qtbot.waitUntil(lambda: tab.presenter.chosen_models() == [GEMMA], timeout=5000)


def test_an_embedding_model_is_never_offered_nor_chosen(qtbot, tab, bench, fake_ollama):
    """Seen against a real server: all-minilm (43 MiB, the smallest, no capabilities in
    /api/tags) was ticked by default and the thread tuner offered it; every run failed."""
    fake_ollama.install(all_minilm())
    tab.presenter.chat_model = lambda: ""
    shown(qtbot, tab)
    qtbot.waitUntil(lambda: tab.view.models.count() == 1, timeout=5000)
    assert tab.presenter.chosen_models() == [GEMMA]
    assert [tab.view.tune_model.itemText(i) for i in range(tab.view.tune_model.count())] == [GEMMA]


def test_refuses_while_an_answer_streams(qtbot, tab, bench, fake_ollama):
    shown(qtbot, tab)
    bench.streaming = lambda: True
    with qtbot.waitSignal(bench.refused, timeout=2000):
        qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
    assert "streaming in the chat" in tab.view.status.text()
    assert "/api/chat" not in fake_ollama.paths_requested()


def test_cancel_stops_promptly_and_keeps_nothing_half_done(qtbot, tab, bench, fake_ollama):
    fake_ollama.token_delay = 0.2  # each answer would take seconds
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.progressed, timeout=5000):
        qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bench.finished, timeout=3000) as done:
        qtbot.mouseClick(tab.view.cancel, Qt.MouseButton.LeftButton)
    assert done.args == [False]
    assert tab.view.status.text() == "Benchmark cancelled." and tab.view.run.isEnabled()
    assert bench.results == [] and tab.view.table.rowCount() == 0


def test_busy_machine_is_warned_about(qtbot, tab, bench):
    bench.busyChecked.emit(1.5)
    assert tab.view.warning.isVisibleTo(tab) and "1.5 CPU cores" in tab.view.warning.text()
    bench.busyChecked.emit(0.1)
    assert not tab.view.warning.isVisibleTo(tab)


def test_export_csv(qtbot, tab, bench, fake_ollama, tmp_path: Path):
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.finished, timeout=30000):
        bench.start([GEMMA], docker=False)
    out = tmp_path / "bench.csv"
    with qtbot.waitSignal(bench.exported, timeout=5000):
        tab.presenter.export_to(out)
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert len(rows) == 1 and rows[0]["model"] == GEMMA and float(rows[0]["tokens_per_s"]) > 0
    assert str(out) in tab.view.status.text()


def test_thread_tuner_shows_each_setting_and_saves_the_best(
    qtbot, tab, bench, fake_ollama, settings, monkeypatch
):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    fake_ollama.set_speed(GEMMA, 80.0, {1: 70.0, 2: 88.0})
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.threadsSwept, timeout=30000):
        qtbot.mouseClick(tab.view.tune, Qt.MouseButton.LeftButton)
    text = tab.view.tune_result.text()
    assert "1: 70.0, 2: 88.0, default: 80.0" in text and "+10.0 %" in text
    assert "Best: 2 threads" in text
    assert threads_text(1) == "1 thread" and threads_text(2) == "2 threads"  # not "1 threads"
    assert tab.view.status.text() == "Thread tuning finished."  # not "Benchmark finished"
    assert tab.view.tune_save.isEnabled()
    qtbot.mouseClick(tab.view.tune_save, Qt.MouseButton.LeftButton)
    assert bench.thread_default(GEMMA) == 2
    assert settings.get("model_num_thread") == '{"gemma3-270m:latest": 2}'
    assert bench.measured(GEMMA) is None  # tuner steps are not the model's benchmark


def test_native_and_docker_compared(qtbot, runner, settings, fake_ollama, tmp_path):
    fake_ollama.set_speed(GEMMA, 88.0)
    with FakeOllama(installed=[gemma3_270m()]) as container:
        container.set_speed(GEMMA, 80.0)
        docker = FakeDocker(tmp_path / "fakebin")
        docker.write_state(
            {
                "engine": True,
                "ncpu": 2,
                "mem": 2**31,
                "containers": [
                    {
                        "id": "c1",
                        "image": "ollama/ollama:0.33.0",
                        "name": "ollama",
                        "running": True,
                        "bind": f"127.0.0.1:{container.port}",
                    }
                ],
            }
        )
        ollama = OllamaService(runner, parse_ollama_host(fake_ollama.url))
        svc = BenchService(runner, ollama, settings, tmp_path / "data")
        svc.docker_cli = str(docker.path)
        tab = BenchTab(svc, ollama)
        qtbot.addWidget(tab)
        shown(qtbot, tab)
        assert not tab.view.docker.isChecked()  # a second server is asked for, not default
        tab.view.docker.setChecked(True)
        with qtbot.waitSignal(svc.finished, timeout=30000):
            qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
        first, note = tab.view.comparison.text().splitlines()
        assert first == (
            f"{GEMMA}: native 88.0 tok/s (±0 %), Docker 80.0 tok/s (±0 %): "
            "native +10.0 % against Docker (more than the runs' ±0 %)"
        )
        assert "without a virtual machine" in note  # this is Linux
        table = tab.view.table
        assert table.item(1, 7).text() == "12.5 MiB"  # docker stats, not the machine's
        assert table.item(1, 8).text() == "not known"  # no cgroup of a fake container
        servers = [tab.view.table.item(r, 1).text() for r in range(tab.view.table.rowCount())]
        assert servers == ["native", "Docker"]
        assert [b.docker for b in tab.view.chart.bars] == [False, True]
        ollama.api.close()
