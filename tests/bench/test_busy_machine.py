"""A benchmark taken while another program burns a CPU core (a real process beside it) is
kept but never calibrates, and says so, in the tab and the CLI; the re-run waits for an
idle machine. The memory test likewise. These use the real CPU-load probe (``real_cpu``):
on the shared test machine other load only adds to the burner's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt

from desktop.core.bench.load import busy_limit
from desktop.core.bench.protocol import Doubt
from desktop.core.machine import measure_bandwidth_repeated
from desktop.services.bench.store import BENCH_DB, BenchStore
from tests.bench.test_bench_cli import run_cli
from tests.fake_ollama import FakeOllama

GEMMA = "gemma3-270m:latest"


@pytest.fixture
def burner() -> Iterator[psutil.Process]:
    """Another program that keeps one core busy for as long as the test runs: started
    through an intermediate process that exits, so it is nobody's child here (the fake
    server lives in this process, and a server's children count as the server)."""
    spawn = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-c', 'while True: pass'], "
        "start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(p.pid)"
    )
    out = subprocess.run(
        [sys.executable, "-c", spawn], capture_output=True, text=True, timeout=30, check=True
    )
    p = psutil.Process(int(out.stdout))
    yield p
    p.kill()
    p.wait(timeout=10)


@pytest.fixture
def paced(fake_ollama: FakeOllama) -> FakeOllama:
    """Answers that take a while (the load is measured over each answer)."""
    fake_ollama.token_delay = 0.03
    fake_ollama.set_speed(GEMMA, 67.4)
    return fake_ollama


def test_a_run_beside_a_cpu_burner_is_kept_but_does_not_calibrate(
    qtbot, tab, bench, paced, burner, real_cpu, tmp_path: Path
):
    tab.show()
    qtbot.waitUntil(lambda: tab.view.models.count() > 0, timeout=5000)
    with qtbot.waitSignal(bench.finished, timeout=60000):
        qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
    [result] = bench.results
    assert result.busy_cores is not None and result.busy_cores >= busy_limit()
    assert result.doubt(bench.busy_limit) is Doubt.BUSY
    assert bench.calibration is None and bench.measured(GEMMA) is None  # not believed
    assert [r.model for r in BenchStore(tmp_path / "data" / BENCH_DB).results()] == [GEMMA]
    text = tab.view.status.text()
    assert "other programs used" in text and "does not calibrate" in text
    assert "Benchmark finished." not in text
    assert tab.view.rerun.isVisible()
    row = [tab.view.table.item(0, c).text() for c in range(tab.view.table.columnCount())]
    assert row[-1] == "no (busy)"
    assert "uncalibrated" in tab.view.calibration.text()
    # the offered re-run waits for the machine to be idle, and can be stopped
    with qtbot.waitSignal(bench.waiting, timeout=15000):
        qtbot.mouseClick(tab.view.rerun, Qt.MouseButton.LeftButton)
    assert tab.view.status.text().startswith("Waiting until the computer is idle")
    with qtbot.waitSignal(bench.finished, timeout=5000) as done:
        bench.cancel()
    assert done.args == [False] and len(bench.results) == 1


def test_the_cli_says_a_busy_run_does_not_calibrate(tmp_path: Path, paced, burner):
    r = run_cli(tmp_path, "bench", GEMMA, "--no-docker", "--host", paced.url, quiet=False)
    assert r.returncode == 0, r.stderr  # measured: kept
    assert "does not calibrate the forecasts" in r.stdout and "--when-idle" in r.stdout
    assert "Forecasts stay uncalibrated" in r.stdout
    r = run_cli(tmp_path, "bench", GEMMA, "--json", "--no-docker", "--host", paced.url, quiet=False)
    out = json.loads(r.stdout)
    assert out["not_calibrating"] == {GEMMA: "busy"} and out["calibrated_from"] == []
    assert out["results"][0]["busy_cores"] >= busy_limit()
    r = run_cli(tmp_path, "forecast", "gemma3:1b", "--json", "--host", paced.url, quiet=False)
    fc = json.loads(r.stdout)
    assert fc["speed"]["calibrated"] is False
    assert fc["calibration"]["not_calibrating"] == {GEMMA.lower(): "busy"}


def test_the_memory_test_beside_a_burner_is_marked_busy(burner):
    reading = measure_bandwidth_repeated(repeats=3, duration=0.2)
    assert reading.busy_cores >= busy_limit() and reading.busy
